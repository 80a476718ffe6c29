/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window.c: the main window: folders, recipe, batch, thumbnails and chart
 *
 * The window only moves results into models and redraws: the photos are
 * prepared by a VtJob on its own workers, whose events arrive here on the
 * main loop, already coalesced. Every command is a win.* action, so the
 * buttons, the shortcuts and the tests all go the same way.
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-import-dialog.h"
#include "vt-preview.h"
#include "vt-recipe-panel.h"
#include "vt-recipe-settings.h"
#include "vt-speedup-chart.h"
#include "vt-thumbnail.h"
#include "vt-window.h"

/* The chart gets a point at most this often. */
#define SAMPLE_INTERVAL_US (250 * 1000)
/* Finished photos reach the grid and the progress bar at most this often:
 * each update re-lays out the window, and at 40 photos a second doing it
 * per photo would spend most of every frame on layout. */
#define SHOW_INTERVAL_MS 100
/* Photos a scaling measurement takes from the folder. */
#define SCALING_PHOTOS 16

struct _VtWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  VtRecipe             *recipe;      /* bound to settings */
  GListStore           *thumbnails;  /* VtThumbnail */
  GStrv                 inputs;
  GStrv                 found;       /* the photos in inputs */
  GCancellable         *small_check; /* counting photos too small for the recipe */
  VtJob                *job;         /* the running or last batch */
  VtScaling            *scaling;
  VtFetcher            *fetcher;     /* downloads feeding the batch */

  /* progress of the running batch */
  GPtrArray            *arrived;     /* VtThumbnail not yet in the grid */
  guint                 show_id;
  guint                 n_seen;
  gint64                start_time;
  gint64                last_sample;
  gint64                busy_time;

  /* frame pacing, measured while a batch runs */
  guint                 tick_id;
  gint64                last_frame;
  gint64                max_frame_gap;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *start_button;
  GtkButton            *cancel_button;
  VtRecipePanel        *recipe_panel;
  GtkStack             *stack;
  GtkLabel             *found_label;
  GtkLabel             *output_label;
  GtkLabel             *small_label;
  GtkProgressBar       *progress_bar;
  VtSpeedupChart       *chart;
  GtkLabel             *photos_value;
  GtkLabel             *sequential_value;
  GtkLabel             *parallel_value;
  GtkLabel             *speedup_value;
  GtkLabel             *efficiency_value;
  GtkGridView          *grid_view;
  AdwViewStack         *view_stack;
  VtPreview            *preview;
};

G_DEFINE_FINAL_TYPE (VtWindow, vt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNAL_BATCH_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (VtWindow   *self,
       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
update_actions (VtWindow *self)
{
  gboolean busy = vt_window_is_busy (self);
  gboolean ready = vt_window_get_n_found (self) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.measure-scaling", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-input", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-output", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-links", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button), !busy);
}

/* ------------------------------------------------------------------------ */
/* Folders                                                                   */

static char *
dup_output_folder (VtWindow *self)
{
  g_autofree char *output = g_settings_get_string (self->settings, "output-folder");

  if (output[0] != '\0')
    return g_steal_pointer (&output);
  /* By default beside the photos, in a folder that is never read back. */
  if (self->inputs != NULL && self->inputs[0] != NULL)
    {
      g_autofree char *base = g_file_test (self->inputs[0], G_FILE_TEST_IS_DIR)
                              ? g_strdup (self->inputs[0]) : g_path_get_dirname (self->inputs[0]);
      return g_build_filename (base, "web", NULL);
    }
  return NULL;
}

static void
small_photos_counted_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(VtWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *example = NULL;
  g_autofree char *text = NULL;
  guint n = vt_pipeline_count_small_finish (VT_PIPELINE (source), result, &example, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer check is on its way */
  gtk_widget_set_visible (GTK_WIDGET (self->small_label), n > 0);
  if (n == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u photo will come out small or enlarged: %s",
                                       "%u photos will come out small or enlarged; for one, %s", n),
                          n, example);
  gtk_label_set_label (self->small_label, text);
}

/* Before a run, as the issue of small photos is best known before one:
 * the headers are read in a thread, and a newer check cancels an older. */
static void
check_small_photos (VtWindow *self)
{
  g_autoptr(VtPipeline) pipeline = NULL;

  g_cancellable_cancel (self->small_check);
  g_clear_object (&self->small_check);
  gtk_widget_set_visible (GTK_WIDGET (self->small_label), FALSE);
  if (self->found == NULL || self->found[0] == NULL)
    return;

  pipeline = vt_pipeline_new (self->recipe);
  self->small_check = g_cancellable_new ();
  vt_pipeline_count_small_async (pipeline, (const char * const *) self->found, self->small_check,
                                 small_photos_counted_cb, g_object_ref (self));
}

static void
set_found (VtWindow  *self,
           GPtrArray *inputs)
{
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();

  for (guint i = 0; i < inputs->len; i++)
    g_strv_builder_add (paths, ((VtInput *) g_ptr_array_index (inputs, i))->path);
  g_strfreev (self->found);
  self->found = g_strv_builder_end (paths);
  vt_preview_set_photos (self->preview, (const char * const *) self->found);
  check_small_photos (self);
}

static void
rescan (VtWindow *self)
{
  g_autofree char *output = dup_output_folder (self);
  g_autofree char *canonical = output ? g_canonicalize_filename (output, NULL) : NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *found_text = NULL;
  g_autofree char *output_text = NULL;

  if (self->inputs == NULL || self->inputs[0] == NULL)
    {
      g_clear_pointer (&self->found, g_strfreev);
      check_small_photos (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      adw_window_title_set_subtitle (self->window_title, NULL);
      update_actions (self);
      return;
    }

  found = vt_inputs_collect ((const char * const *) self->inputs, FALSE, canonical);
  set_found (self, found);
  adw_window_title_set_subtitle (self->window_title, self->inputs[0]);

  found_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo found", "%u photos found",
                                             found->len), found->len);
  output_text = g_strdup_printf (_("Sizes are written to %s"), output);
  gtk_label_set_label (self->found_label, found_text);
  gtk_label_set_label (self->output_label, output_text);
  gtk_stack_set_visible_child_name (self->stack, found->len > 0 ? "batch" : "no-photos");
  update_actions (self);
}

/**
 * vt_window_set_inputs:
 * @paths: folders and photos, as dropped on the window
 */
void
vt_window_set_inputs (VtWindow           *self,
                      const char * const *paths)
{
  g_return_if_fail (VT_IS_WINDOW (self));

  g_strfreev (self->inputs);
  self->inputs = g_strdupv ((char **) paths);
  g_list_store_remove_all (self->thumbnails);
  rescan (self);
}

static void
input_folder_changed_cb (VtWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "input-folder");
  const char *paths[] = { folder, NULL };

  vt_window_set_inputs (self, folder[0] ? paths : NULL);
}

static void
folder_chosen (VtWindow   *self,
               const char *key,
               GFile      *folder)
{
  g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

  if (path != NULL)
    g_settings_set_string (self->settings, key, path);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
folder_dialog_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VtWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (source), result, &error);

  if (error != NULL && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    toast (self, error->message);
  folder_chosen (self, g_object_get_data (source, "vt-key"), folder);
}

static void
choose_folder (VtWindow   *self,
               const char *title,
               const char *key)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  g_object_set_data (G_OBJECT (dialog), "vt-key", (gpointer) key);
  gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), NULL, folder_dialog_cb, g_object_ref (self));
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    VtWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      folder_chosen (self, g_object_get_data (G_OBJECT (native), "vt-key"), folder);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static void
choose_folder (VtWindow   *self,
               const char *title,
               const char *key)
{
  /* The native chooser goes through the portal inside the Flatpak. */
  GtkFileChooserNative *native =
    gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                 _("_Select"), _("_Cancel"));

  g_object_set_data (G_OBJECT (native), "vt-key", (gpointer) key);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
#endif

static void
choose_input_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_folder (VT_WINDOW (widget), _("Choose the Folder of Photos"), "input-folder");
}

static void
choose_output_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_folder (VT_WINDOW (widget), _("Choose Where the Sizes Are Written"), "output-folder");
}

static void
open_folder (VtWindow   *self,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);
  gtk_file_launcher_launch (launcher, GTK_WINDOW (self), NULL, NULL, NULL);
#else
  g_autofree char *uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
#endif
}

static void
open_output_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VtWindow *self = VT_WINDOW (widget);
  g_autofree char *output = dup_output_folder (self);

  if (output != NULL && g_file_test (output, G_FILE_TEST_IS_DIR))
    open_folder (self, output);
  else
    toast (self, _("The output folder does not exist yet: start a batch first"));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         VtWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (vt_window_is_busy (self))
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return FALSE;
  g_ptr_array_add (paths, NULL);
  vt_window_set_inputs (self, (const char * const *) paths->pdata);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The batch                                                                 */

/* Measures how long the main loop went without drawing a frame. By the
 * monotonic clock when each tick runs, not the frame clock's frame time:
 * that one is a prediction rounded to whole refresh intervals. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  VtWindow *self = VT_WINDOW (widget);
  gint64 now = g_get_monotonic_time ();

  if (self->last_frame != 0)
    self->max_frame_gap = MAX (self->max_frame_gap, now - self->last_frame);
  self->last_frame = now;
  return G_SOURCE_CONTINUE;
}

static void
show_progress (VtWindow *self)
{
  guint total = vt_job_get_n_results (self->job);
  double elapsed = (g_get_monotonic_time () - self->start_time) / 1e6;
  double rate = elapsed > 0 ? self->n_seen / elapsed : 0;
  int left = rate > 0 ? (int) ((total - self->n_seen) / rate + 0.5) : 0;
  g_autofree char *text = NULL;

  /* TRANSLATORS: done / total · photos per second · minutes:seconds left */
  text = g_strdup_printf (_("%u / %u · %.1f photos/s · %d:%02d left"),
                          self->n_seen, total, rate, left / 60, left % 60);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) self->n_seen / total : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
show_arrivals (VtWindow *self)
{
  g_clear_handle_id (&self->show_id, g_source_remove);
  g_list_store_splice (self->thumbnails, g_list_model_get_n_items (G_LIST_MODEL (self->thumbnails)),
                       0, self->arrived->pdata, self->arrived->len);
  g_ptr_array_set_size (self->arrived, 0);
  show_progress (self);
}

static gboolean
show_arrivals_cb (gpointer data)
{
  VtWindow *self = data;

  self->show_id = 0;
  show_arrivals (self);
  return G_SOURCE_REMOVE;
}

static void
result_cb (VtJob    *job,
           VtResult *result,
           VtWindow *self)
{
  gint64 now = g_get_monotonic_time ();

  self->n_seen++;
  self->busy_time += vt_result_get_busy_time (result);
  if (vt_result_get_status (result) != VT_RESULT_CANCELLED)
    g_ptr_array_add (self->arrived, vt_thumbnail_new (result));
  if (self->show_id == 0)
    self->show_id = g_timeout_add (SHOW_INTERVAL_MS, show_arrivals_cb, self);

  if (now - self->last_sample >= SAMPLE_INTERVAL_US)
    {
      double elapsed = (now - self->start_time) / 1e6;

      self->last_sample = now;
      vt_speedup_chart_add_sample (self->chart, elapsed, self->n_seen / elapsed,
                                   self->busy_time / 1e6 / elapsed);
    }
}

static void
set_value (GtkLabel   *label,
           const char *format,
           double      value)
{
  g_autofree char *text = g_strdup_printf (format, value);
  gtk_label_set_label (label, text);
}

static void
show_table (VtWindow         *self,
            const VtJobStats *s)
{
  double speedup = vt_job_stats_get_speedup (s);
  guint cores = MIN (s->n_workers, g_get_num_processors ());

  set_value (self->photos_value, "%.0f", s->n_done);
  set_value (self->sequential_value, _("%.2f s"), s->busy_time / 1e6);
  set_value (self->parallel_value, _("%.2f s"), s->wall_time / 1e6);
  set_value (self->speedup_value, "%.2f×", speedup);
  set_value (self->efficiency_value, "%.0f %%", 100 * speedup / MAX (cores, 1));
}

static void
finished_cb (VtJob    *job,
             gboolean  cancelled,
             VtWindow *self)
{
  const VtJobStats *s = vt_job_get_stats (job);
  g_autofree char *message = NULL;
  double elapsed = s->wall_time / 1e6;

  if (elapsed > 0)
    vt_speedup_chart_add_sample (self->chart, elapsed, vt_job_stats_get_rate (s),
                                 vt_job_stats_get_speedup (s));
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  show_arrivals (self);
  show_table (self, s);

  if (cancelled)
    message = g_strdup_printf (_("Cancelled: %u photos done, %u not started"), s->n_done, s->n_cancelled);
  else if (s->n_failed > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo could not be read",
                                            "%u photos could not be read", s->n_failed), s->n_failed);
  else
    message = g_strdup_printf (_("%u photos done in %.1f s"), s->n_done + s->n_skipped, elapsed);
  toast (self, message);

  if (g_getenv ("VITRINA_MEASURE_UI") != NULL)
    g_printerr ("vitrina: %u photos, longest gap between frames %.1f ms\n",
                self->n_seen, self->max_frame_gap / 1000.0);

  g_signal_handlers_disconnect_by_data (job, self);
  update_actions (self);
  g_signal_emit (self, signals[SIGNAL_BATCH_FINISHED], 0, cancelled);
}

/* Starts a batch on the inputs (or none yet, when @open: photos are then
 * added as their downloads end). */
static gboolean
start_batch (VtWindow *self,
             gboolean  open)
{
  g_autofree char *output = dup_output_folder (self);
  g_autoptr(GError) error = NULL;
  guint workers = g_settings_get_int (self->settings, "workers");

  if (vt_window_is_busy (self) || output == NULL || (vt_window_get_n_found (self) == 0 && !open))
    return FALSE;

  g_clear_object (&self->job);
  self->job = vt_job_new (self->recipe, output);
  vt_job_set_n_workers (self->job, workers);
  vt_job_set_skip_existing (self->job, g_settings_get_boolean (self->settings, "skip-existing"));
  vt_job_set_keep_thumbnails (self->job, TRUE);
  vt_job_set_background (self->job, TRUE);
  vt_job_set_open (self->job, open);
  if (!open)
    vt_job_add_paths (self->job, (const char * const *) self->inputs, FALSE);
  g_signal_connect (self->job, "result", G_CALLBACK (result_cb), self);
  g_signal_connect (self->job, "finished", G_CALLBACK (finished_cb), self);

  if (!vt_job_start (self->job, &error))
    {
      g_signal_handlers_disconnect_by_data (self->job, self);
      g_clear_object (&self->job);
      toast (self, error->message);
      return FALSE;
    }

  g_list_store_remove_all (self->thumbnails);
  self->n_seen = 0;
  self->busy_time = 0;
  self->start_time = self->last_sample = g_get_monotonic_time ();
  self->last_frame = self->max_frame_gap = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  vt_speedup_chart_start_run (self->chart, workers, g_get_num_processors ());
  show_progress (self);
  update_actions (self);
  return TRUE;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_batch (VT_WINDOW (widget), FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VtWindow *self = VT_WINDOW (widget);

  if (self->fetcher != NULL)
    vt_fetcher_cancel (self->fetcher);
  if (self->job != NULL && vt_job_is_running (self->job))
    vt_job_cancel (self->job);
  if (self->scaling != NULL)
    vt_scaling_cancel (self->scaling);
}

/* ------------------------------------------------------------------------ */
/* Import from links                                                         */

static void
show_download_count (VtWindow *self)
{
  guint done = 0, n = vt_fetcher_get_n_downloads (self->fetcher);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    done += vt_download_get_status (vt_fetcher_get_download (self->fetcher, i)) != VT_DOWNLOAD_PENDING;
  text = g_strdup_printf (_("Downloading: %u of %u links"), done, n);
  gtk_label_set_label (self->found_label, text);
}

static void
downloaded_cb (VtFetcher  *fetcher,
               VtDownload *download,
               VtWindow   *self)
{
  if (vt_download_get_status (download) == VT_DOWNLOAD_DONE && self->job != NULL)
    vt_job_add_input (self->job, vt_download_get_path (download), NULL);
  show_download_count (self);
}

static void
show_failed_downloads (VtWindow  *self,
                       VtFetcher *fetcher)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_failed = 0;
  GtkWidget *dialog;

  for (guint i = 0; i < vt_fetcher_get_n_downloads (fetcher); i++)
    {
      VtDownload *d = vt_fetcher_get_download (fetcher, i);
      const GError *e = vt_download_get_error (d);

      if (vt_download_get_status (d) != VT_DOWNLOAD_FAILED)
        continue;
      if (n_failed++ < 20)
        g_string_append_printf (body, "%s\n%s\n\n", vt_download_get_url (d), e->message);
    }
  if (n_failed == 0)
    return;

  /* A short heading: one wider than the dialog makes AdwMessageDialog
   * measure its large heading below that heading's minimum width. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, body->str);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     g_dngettext (GETTEXT_PACKAGE, "%u Download Failed",
                                                  "%u Downloads Failed", n_failed), n_failed);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fetch_finished_cb (VtFetcher *fetcher,
                   gboolean   cancelled,
                   VtWindow  *self)
{
  g_autoptr(VtFetcher) done = g_steal_pointer (&self->fetcher);

  g_signal_handlers_disconnect_by_data (fetcher, self);
  if (self->job != NULL)
    vt_job_set_open (self->job, FALSE);
  show_failed_downloads (self, fetcher);
  update_actions (self);
}

/**
 * vt_window_import_links:
 * @links: one link per line, or a CSV with a "url" column
 *
 * Downloads the photos into the output folder's "originals" and prepares
 * each one as soon as it has arrived.
 *
 * Returns: whether the import started
 */
gboolean
vt_window_import_links (VtWindow   *self,
                        const char *links)
{
  g_autofree char *output = g_settings_get_string (self->settings, "output-folder");
  g_autofree char *originals = NULL;
  g_autoptr(VtFetcher) fetcher = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { NULL, NULL };

  g_return_val_if_fail (VT_IS_WINDOW (self), FALSE);

  if (vt_window_is_busy (self))
    return FALSE;
  if (output[0] == '\0')
    {
      toast (self, _("Choose the output folder first: the photos are downloaded into it"));
      return FALSE;
    }

  originals = g_build_filename (output, "originals", NULL);
  fetcher = vt_fetcher_new (originals);
  if (vt_fetcher_add_list (fetcher, links) == 0)
    {
      toast (self, _("There are no links to import"));
      return FALSE;
    }

  /* The originals folder is the batch's input from now on; the batch stays
   * open for the photos still downloading. */
  paths[0] = originals;
  g_strfreev (self->inputs);
  self->inputs = g_strdupv ((char **) paths);
  adw_window_title_set_subtitle (self->window_title, originals);
  gtk_stack_set_visible_child_name (self->stack, "batch");
  if (!start_batch (self, TRUE))
    return FALSE;

  g_signal_connect (fetcher, "downloaded", G_CALLBACK (downloaded_cb), self);
  g_signal_connect (fetcher, "finished", G_CALLBACK (fetch_finished_cb), self);
  if (!vt_fetcher_start (fetcher, &error))
    {
      g_signal_handlers_disconnect_by_data (fetcher, self);
      vt_job_set_open (self->job, FALSE);
      toast (self, error->message);
      return FALSE;
    }
  self->fetcher = g_steal_pointer (&fetcher);
  show_download_count (self);
  update_actions (self);
  return TRUE;
}

static void
import_response_cb (VtImportDialog *dialog,
                    const char     *response,
                    VtWindow       *self)
{
  g_autofree char *links = NULL;

  if (!g_str_equal (response, "import"))
    return;
  links = vt_import_dialog_dup_links (dialog);
  vt_window_import_links (self, links);
}

static void
import_links_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VtImportDialog *dialog = vt_import_dialog_new (GTK_WINDOW (widget));

  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), widget);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Measure scaling                                                          */

static void
scaling_point_cb (VtScaling *scaling,
                  guint      workers,
                  double     speedup,
                  VtWindow  *self)
{
  vt_speedup_chart_add_scaling_point (self->chart, workers, speedup);
}

static void
scaling_finished_cb (VtScaling *scaling,
                     gboolean   cancelled,
                     VtWindow  *self)
{
  g_autofree char *message = NULL;

  if (!cancelled)
    {
      message = g_strdup_printf (_("Amdahl’s law fits %.0f %% of the work as parallel"),
                                 100 * vt_speedup_chart_get_amdahl_fraction (self->chart));
      toast (self, message);
    }
  g_signal_handlers_disconnect_by_data (scaling, self);
  g_clear_object (&self->scaling);
  update_actions (self);
}

static void
measure_scaling_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VtWindow *self = VT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (vt_window_is_busy (self) || vt_window_get_n_found (self) == 0)
    return;

  self->scaling = vt_scaling_new (self->recipe, (const char * const *) self->inputs, SCALING_PHOTOS);
  g_signal_connect (self->scaling, "point", G_CALLBACK (scaling_point_cb), self);
  g_signal_connect (self->scaling, "finished", G_CALLBACK (scaling_finished_cb), self);
  if (!vt_scaling_start (self->scaling, &error))
    {
      g_clear_object (&self->scaling);
      toast (self, error->message);
      return;
    }
  vt_speedup_chart_start_scaling (self->chart, g_get_num_processors ());
  toast (self, _("Measuring 1, 2, 4 and 8 workers on a sample of the photos…"));
  update_actions (self);
}

/* ------------------------------------------------------------------------ */
/* Details of one photo                                                      */

static char *
describe_result (VtResult *result)
{
  GString *text = g_string_new (NULL);
  const GError *error = vt_result_get_error (result);

  if (error != NULL)
    return g_strdup (error->message);

  for (guint i = 0; i < vt_result_get_n_outputs (result); i++)
    {
      VtOutput *o = vt_result_get_output (result, i);
      g_autofree char *size = g_format_size (o->bytes);

      /* TRANSLATORS: size name: width × height, file size */
      g_string_append_printf (text, _("%s: %d × %d, %s\n"), o->variant, o->width, o->height, size);
    }
  return g_string_free (text, FALSE);
}

static void
details_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     VtWindow         *self)
{
  VtResult *result = g_object_get_data (G_OBJECT (dialog), "vt-result");

  if (g_str_equal (response, "preview"))
    {
      vt_preview_select_photo (self->preview, vt_result_get_input (result));
      adw_view_stack_set_visible_child_name (self->view_stack, "preview");
    }
  else if (g_str_equal (response, "open"))
    {
      g_autofree char *dir = g_path_get_dirname (vt_result_get_output (result, 0)->path);
      open_folder (self, dir);
    }
}

static void
grid_activate_cb (VtWindow *self,
                  guint     position)
{
  g_autoptr(VtThumbnail) thumbnail = g_list_model_get_item (G_LIST_MODEL (self->thumbnails), position);
  VtResult *result = vt_thumbnail_get_result (thumbnail);
  g_autofree char *body = describe_result (result);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       vt_thumbnail_get_title (thumbnail), body));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), "preview", _("_Preview"), NULL);
  if (vt_result_get_status (result) == VT_RESULT_DONE)
    adw_message_dialog_add_responses (dialog, "open", _("_Open Folder"), NULL);
  g_object_set_data_full (G_OBJECT (dialog), "vt-result", g_object_ref (result), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (details_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */

static void
vt_window_dispose (GObject *object)
{
  VtWindow *self = VT_WINDOW (object);

  /* A batch still running finishes on its own; it must not call back. */
  if (self->job != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->job, self);
      vt_job_cancel (self->job);
    }
  if (self->scaling != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->scaling, self);
      vt_scaling_cancel (self->scaling);
    }
  if (self->fetcher != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->fetcher, self);
      vt_fetcher_cancel (self->fetcher);
    }
  g_cancellable_cancel (self->small_check);
  g_clear_object (&self->small_check);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->job);
  g_clear_object (&self->scaling);
  gtk_widget_dispose_template (GTK_WIDGET (self), VT_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->recipe);
  g_clear_handle_id (&self->show_id, g_source_remove);
  g_clear_pointer (&self->arrived, g_ptr_array_unref);
  g_clear_object (&self->thumbnails);
  g_clear_pointer (&self->inputs, g_strfreev);
  g_clear_pointer (&self->found, g_strfreev);

  G_OBJECT_CLASS (vt_window_parent_class)->dispose (object);
}

static void
vt_window_class_init (VtWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vt_window_dispose;

  /**
   * VtWindow::batch-finished:
   * @cancelled: whether the batch was cancelled
   */
  signals[SIGNAL_BATCH_FINISHED] =
    g_signal_new ("batch-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (VT_TYPE_PREVIEW);
  g_type_ensure (VT_TYPE_RECIPE_PANEL);
  g_type_ensure (VT_TYPE_SPEEDUP_CHART);
  g_type_ensure (VT_TYPE_THUMBNAIL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VtWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, recipe_panel);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, found_label);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, output_label);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, small_label);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, photos_value);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, sequential_value);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, parallel_value);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, speedup_value);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, efficiency_value);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, grid_view);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, preview);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.choose-input", NULL, choose_input_action);
  gtk_widget_class_install_action (widget_class, "win.choose-output", NULL, choose_output_action);
  gtk_widget_class_install_action (widget_class, "win.open-output", NULL, open_output_action);
  gtk_widget_class_install_action (widget_class, "win.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.measure-scaling", NULL, measure_scaling_action);
  gtk_widget_class_install_action (widget_class, "win.import-links", NULL, import_links_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.choose-input", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.choose-output", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.measure-scaling", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "win.import-links", NULL);
}

static void
vt_window_init (VtWindow *self)
{
  GtkDropTarget *drop;
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->recipe = vt_recipe_new ();
  self->thumbnails = g_list_store_new (VT_TYPE_THUMBNAIL);
  self->arrived = g_ptr_array_new_with_free_func (g_object_unref);
  vt_recipe_settings_bind (self->settings, self->recipe);
  vt_recipe_panel_set_settings (self->recipe_panel, self->settings);
  vt_preview_set_recipe (self->preview, self->recipe);

  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->thumbnails))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_grid_view_set_model (self->grid_view, selection);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (self->settings, "changed::input-folder",
                           G_CALLBACK (input_folder_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::output-folder",
                           G_CALLBACK (rescan), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recipe, "notify::sizes",
                           G_CALLBACK (check_small_photos), self, G_CONNECT_SWAPPED);
  input_folder_changed_cb (self);
}

VtWindow *
vt_window_new (GtkApplication *application)
{
  return g_object_new (VT_TYPE_WINDOW, "application", application, NULL);
}

guint
vt_window_get_n_found (VtWindow *self)
{
  return self->found != NULL ? g_strv_length (self->found) : 0;
}

gboolean
vt_window_is_busy (VtWindow *self)
{
  return (self->job != NULL && vt_job_is_running (self->job)) || self->scaling != NULL ||
         self->fetcher != NULL;
}

VtJob *
vt_window_get_last_job (VtWindow *self)
{
  return self->job;
}

GListModel *
vt_window_get_thumbnails (VtWindow *self)
{
  return G_LIST_MODEL (self->thumbnails);
}

VtRecipe *
vt_window_get_recipe (VtWindow *self)
{
  return self->recipe;
}

/* In milliseconds, during the last batch. */
double
vt_window_get_max_frame_gap (VtWindow *self)
{
  return self->max_frame_gap / 1000.0;
}
