/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-file-chooser.c: one way to ask for a folder or a file, whatever the GTK
 *
 * GtkFileDialog (GTK 4.10) where there is one, GtkFileChooserNative below
 * it; both go through the portal inside the Flatpak. The answer comes back
 * as a GTask, so the callers read it the same way whichever ran, and a
 * dismissed chooser is G_IO_ERROR_CANCELLED for both.
 */
#define G_LOG_DOMAIN "vt-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-file-chooser.h"

#if GTK_CHECK_VERSION (4, 10, 0)
static void
dialog_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  g_autoptr(GError) error = NULL;
  GFile *file = NULL;

  switch ((VtFileChooserMode) GPOINTER_TO_INT (g_task_get_task_data (task)))
    {
    case VT_FILE_CHOOSER_SELECT_FOLDER:
      file = gtk_file_dialog_select_folder_finish (dialog, result, &error);
      break;
    case VT_FILE_CHOOSER_OPEN:
      file = gtk_file_dialog_open_finish (dialog, result, &error);
      break;
    case VT_FILE_CHOOSER_SAVE:
      file = gtk_file_dialog_save_finish (dialog, result, &error);
      break;
    }
  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
           || g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", error->message);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
run_chooser (GTask                      *task,
             GtkWindow                  *parent,
             const VtFileChooserRequest *request)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, request->title);
  if (request->accept_label != NULL)
    gtk_file_dialog_set_accept_label (dialog, request->accept_label);
  if (request->filter != NULL)
    {
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

      g_list_store_append (filters, request->filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    }
  if (request->initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, request->initial_name);

  switch (request->mode)
    {
    case VT_FILE_CHOOSER_SELECT_FOLDER:
      gtk_file_dialog_select_folder (dialog, parent, NULL, dialog_done_cb, task);
      break;
    case VT_FILE_CHOOSER_OPEN:
      gtk_file_dialog_open (dialog, parent, NULL, dialog_done_cb, task);
      break;
    case VT_FILE_CHOOSER_SAVE:
      gtk_file_dialog_save (dialog, parent, NULL, dialog_done_cb, task);
      break;
    }
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  if (file != NULL)
    g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed by the user");
}

static const GtkFileChooserAction native_actions[] = {
  [VT_FILE_CHOOSER_SELECT_FOLDER] = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
  [VT_FILE_CHOOSER_OPEN] = GTK_FILE_CHOOSER_ACTION_OPEN,
  [VT_FILE_CHOOSER_SAVE] = GTK_FILE_CHOOSER_ACTION_SAVE,
};

static void
run_chooser (GTask                      *task,
             GtkWindow                  *parent,
             const VtFileChooserRequest *request)
{
  GtkFileChooserNative *native =
    gtk_file_chooser_native_new (request->title, parent, native_actions[request->mode],
                                 request->accept_label, _("_Cancel"));

  if (request->filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), request->filter);
  if (request->initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), request->initial_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
#endif

/**
 * vt_file_chooser_choose_async:
 * @widget: the widget asking: the chooser is modal to its window
 * @request: what to ask for
 *
 * Asks the user for a folder (to select) or a file (to open or to save).
 * @callback gets the answer through vt_file_chooser_choose_finish(), and
 * @widget as its source object, which the request keeps alive until then.
 */
void
vt_file_chooser_choose_async (GtkWidget                  *widget,
                              const VtFileChooserRequest *request,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  GtkRoot *root;
  GTask *task;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (request != NULL && request->title != NULL);
  g_return_if_fail (request->filter == NULL || GTK_IS_FILE_FILTER (request->filter));

  root = gtk_widget_get_root (widget);
  task = g_task_new (widget, NULL, callback, user_data);
  g_task_set_source_tag (task, vt_file_chooser_choose_async);
  g_task_set_task_data (task, GINT_TO_POINTER (request->mode), NULL);
  /* The task's reference goes to the chooser, and back in its callback. */
  run_chooser (task, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, request);
}

/**
 * vt_file_chooser_choose_finish:
 *
 * Returns: (transfer full): the file or folder chosen, or %NULL with
 * @error set, to G_IO_ERROR_CANCELLED when the user closed the chooser
 */
GFile *
vt_file_chooser_choose_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, vt_file_chooser_choose_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
