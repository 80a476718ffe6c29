/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-batch.c: the window's batch: its start, progress and results table
 *
 * The photos are prepared by a VtJob on its own workers, whose events
 * arrive here on the main loop, already coalesced; this file only moves
 * them into the grid's model, the progress bar, the chart and the table.
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-thumbnail.h"
#include "vt-window-private.h"

/* The chart gets a point at most this often. */
#define SAMPLE_INTERVAL_US (250 * 1000)
/* Finished photos reach the grid and the progress bar at most this often:
 * each update re-lays out the window, and at 40 photos a second doing it
 * per photo would spend most of every frame on layout. */
#define SHOW_INTERVAL_MS 100

/* Before any batch, rather than GTK's own percentage, whose spacing is
 * English's in languages GTK has no translation of it for. */
void
_vt_window_show_idle_progress (VtWindow *self)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: a percentage; space it as your language does ("%d %%") */
  text = g_strdup_printf (_("%d%%"), 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/* After Cancel: the photos that are over, and no time left to promise,
 * since the cancelled ones arrive too but were never made. */
static void
show_stopping (VtWindow *self)
{
  const VtJobStats *s = vt_job_get_stats (self->job);
  guint total = vt_job_get_n_results (self->job);
  guint over = s->n_done + s->n_failed + s->n_skipped;
  g_autofree char *text = NULL;

  /* TRANSLATORS: photos done (prepared, skipped or failed) of the batch's
   * photos, while the workers finish the photos in progress */
  text = g_strdup_printf (_("Cancelling… %u of %u done"), over, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) over / total : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/**
 * _vt_window_show_progress:
 *
 * The bar of the running batch: how far it is and how long is left, or,
 * once cancelled, that it is stopping.
 */
void
_vt_window_show_progress (VtWindow *self)
{
  guint total;
  double elapsed, rate;
  int left;
  g_autofree char *text = NULL;

  if (self->job == NULL || !vt_job_is_running (self->job))
    return;
  if (self->cancelling)
    {
      show_stopping (self);
      return;
    }

  total = vt_job_get_n_results (self->job);
  elapsed = (g_get_monotonic_time () - self->start_time) / 1e6;
  rate = elapsed > 0 ? self->n_seen / elapsed : 0;
  left = rate > 0 ? (int) ((total - self->n_seen) / rate + 0.5) : 0;
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
  _vt_window_show_progress (self);
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
  if (vt_result_get_status (result) != VT_RESULT_CANCELLED &&
      vt_result_get_status (result) != VT_RESULT_NOT_STARTED)
    g_ptr_array_add (self->arrived, vt_thumbnail_new (result, vt_job_get_rules (self->job)));
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

/* A new batch's figures are not known yet: the last one's must not stand
 * for them. */
static void
clear_table (VtWindow *self)
{
  GtkLabel *values[] = { self->photos_value, self->sequential_value, self->parallel_value,
                         self->speedup_value, self->efficiency_value };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    gtk_label_set_label (values[i], "—");
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
  /* Fewer than two photos prepared is no comparison of workers. */
  if (s->n_done < 2)
    {
      gtk_label_set_label (self->speedup_value, "—");
      gtk_label_set_label (self->efficiency_value, "—");
      return;
    }
  set_value (self->speedup_value, "%.2f×", speedup);
  set_value (self->efficiency_value, "%.0f %%", 100 * speedup / MAX (cores, 1));
}

/* The bar once the batch is over: what was done, never "0:00 left". */
static void
show_final_progress (VtWindow         *self,
                     const VtJobStats *s,
                     gboolean          cancelled)
{
  guint total = s->n_inputs;
  guint over = total - s->n_cancelled - s->n_not_started;
  g_autofree char *text = NULL;

  if (total == 0)
    /* only an import's batch starts with no photos: no link gave one */
    text = g_strdup (_("No photo downloaded"));
  else if (vt_job_get_stop_error (self->job) != NULL)
    /* TRANSLATORS: photos done (prepared, skipped or failed) of the batch's photos */
    text = g_strdup_printf (_("%u of %u done, stopped"), over, total);
  else if (cancelled)
    /* TRANSLATORS: photos done (prepared, skipped or failed) of the batch's photos */
    text = g_strdup_printf (_("%u of %u done, cancelled"), over, total);
  else
    text = g_strdup_printf (_("%u of %u done"), over, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) over / total : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
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
  show_arrivals (self);
  show_final_progress (self, s, cancelled);
  show_table (self, s);
  _vt_window_show_results (self, cancelled);

  if (vt_job_get_stop_error (job) != NULL)
    message = g_strdup (vt_job_get_stop_error (job)->message);
  else if (cancelled)
    message = g_strdup_printf (_("Cancelled: %u photos done, %u not started"), s->n_done, s->n_cancelled);
  else if (s->n_failed > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo could not be read",
                                            "%u photos could not be read", s->n_failed), s->n_failed);
  else
    message = g_strdup_printf (_("%u photos done in %.1f s"), s->n_done + s->n_skipped, elapsed);
  /* A batch that never had a photo (every link of an import failed) has
   * nothing to tell; the import's own dialog says why. */
  if (s->n_inputs > 0)
    {
      _vt_window_toast_results (self, message);
      _vt_window_notify_if_away (self, message);
    }

  g_signal_handlers_disconnect_by_data (job, self);
  _vt_window_update_actions (self);
  _vt_window_emit_batch_finished (self, cancelled);
}

/* Starts a batch on the inputs (or none yet, when @open: photos are then
 * added as their downloads end). */
gboolean
_vt_window_start_batch (VtWindow *self,
                        gboolean  open)
{
  g_autofree char *output = _vt_window_dup_output_folder (self);
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
  vt_job_set_rules (self->job, self->rules);
  if (!open)
    vt_job_add_paths (self->job, (const char * const *) self->inputs,
                      g_settings_get_boolean (self->settings, "include-subfolders"));
  g_signal_connect (self->job, "result", G_CALLBACK (result_cb), self);
  g_signal_connect (self->job, "finished", G_CALLBACK (finished_cb), self);

  if (!vt_job_start (self->job, &error))
    {
      g_signal_handlers_disconnect_by_data (self->job, self);
      g_clear_object (&self->job);
      _vt_window_toast (self, error->message);
      return FALSE;
    }

  if (vt_job_get_recipe_changed (self->job))
    _vt_window_toast (self, _("The recipe changed since these outputs were made: every photo is made again"));
  g_list_store_remove_all (self->thumbnails);
  _vt_window_hide_results (self);
  clear_table (self);
  self->n_seen = 0;
  self->busy_time = 0;
  self->start_time = self->last_sample = g_get_monotonic_time ();
  vt_speedup_chart_start_run (self->chart, workers, g_get_num_processors ());
  _vt_window_show_progress (self);
  _vt_window_update_actions (self);
  return TRUE;
}

