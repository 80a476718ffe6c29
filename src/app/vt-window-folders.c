/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-folders.c: the window's input and output folders, and drops
 *
 * What the batch will read (the folder setting, or files dropped on the
 * window), where it writes, and the check before a run for photos too
 * small for the recipe's sizes.
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-file-chooser.h"
#include "vt-window-private.h"

char *
_vt_window_dup_output_folder (VtWindow *self)
{
  g_autofree char *output = g_settings_get_string (self->settings, "output-folder");

  if (output[0] != '\0')
    return g_steal_pointer (&output);
  /* After an import the inputs are its originals, inside the output. */
  if (self->import_output != NULL && self->inputs != NULL && self->inputs[0] != NULL)
    {
      g_autofree char *originals = g_build_filename (self->import_output, "originals", NULL);

      if (g_str_equal (self->inputs[0], originals))
        return g_strdup (self->import_output);
    }
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

/* Finds the photos in the inputs again, and says so everywhere: the
 * count, the preview's list, the warning about small photos. */
void
_vt_window_rescan (VtWindow *self)
{
  g_autofree char *output = _vt_window_dup_output_folder (self);
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
      _vt_window_update_actions (self);
      return;
    }

  found = vt_inputs_collect ((const char * const *) self->inputs,
                             g_settings_get_boolean (self->settings, "include-subfolders"), canonical);
  set_found (self, found);
  adw_window_title_set_subtitle (self->window_title, self->inputs[0]);

  found_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo found", "%u photos found",
                                             found->len), found->len);
  output_text = g_strdup_printf (_("Sizes are written to %s"), output);
  gtk_label_set_label (self->found_label, found_text);
  gtk_label_set_label (self->output_label, output_text);
  gtk_stack_set_visible_child_name (self->stack, found->len > 0 ? "batch" : "no-photos");
  _vt_window_update_actions (self);
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
  if (!vt_window_is_busy (self))
    _vt_window_forget_results (self);
  _vt_window_rescan (self);
}

static void
input_folder_changed_cb (VtWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "input-folder");
  const char *paths[] = { folder, NULL };

  vt_window_set_inputs (self, folder[0] ? paths : NULL);
}

/* @user_data is the setting's key, interned. */
static void
folder_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VtWindow *self = VT_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = vt_file_chooser_choose_finish (result, &error);
  g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _vt_window_toast (self, error->message);
  if (path != NULL)
    g_settings_set_string (self->settings, user_data, path);
}

/* Asks for a folder and stores it in the setting @key. */
void
_vt_window_choose_folder (VtWindow   *self,
                          const char *title,
                          const char *key)
{
  vt_file_chooser_choose_async (GTK_WIDGET (self),
                                &(VtFileChooserRequest) {
                                  .mode = VT_FILE_CHOOSER_SELECT_FOLDER,
                                  .title = title,
                                  .accept_label = _("_Select"),
                                },
                                folder_chosen_cb, (gpointer) g_intern_string (key));
}

void
_vt_window_open_folder (VtWindow   *self,
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

void
_vt_window_folders_init (VtWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (self->settings, "changed::input-folder",
                           G_CALLBACK (input_folder_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::output-folder",
                           G_CALLBACK (_vt_window_rescan), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::include-subfolders",
                           G_CALLBACK (_vt_window_rescan), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "include-subfolders", self->subfolders_check, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->recipe, "notify::sizes",
                           G_CALLBACK (check_small_photos), self, G_CONNECT_SWAPPED);
  input_folder_changed_cb (self);
}
