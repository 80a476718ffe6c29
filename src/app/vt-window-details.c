/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-details.c: the dialog about one photo of the grid
 *
 * Opened by activating a thumbnail: the sizes written (or why the photo
 * failed), with a way to the preview and to the folder of its outputs.
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-thumbnail.h"
#include "vt-window-private.h"

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
      _vt_window_open_folder (self, dir);
    }
}

void
_vt_window_show_details (VtWindow *self,
                         guint     position)
{
  g_autoptr(VtThumbnail) thumbnail = g_list_model_get_item (G_LIST_MODEL (self->thumbnails), position);
  VtResult *result = vt_thumbnail_get_result (thumbnail);
  g_autofree char *details = describe_result (result);
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", vt_thumbnail_get_title (thumbnail), details);
  AdwMessageDialog *dialog;

  /* The photo's name opens the body rather than being the heading, which
   * libadwaita 1.7 may measure narrower than a long name (see
   * _vt_window_list_dialog_new()). */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, body));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), "preview", _("_Preview"), NULL);
  if (vt_result_get_status (result) == VT_RESULT_DONE)
    adw_message_dialog_add_responses (dialog, "open", _("_Open Folder"), NULL);
  g_object_set_data_full (G_OBJECT (dialog), "vt-result", g_object_ref (result), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (details_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}
