/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-import-dialog.c: links pasted or opened, for the window to download */
#define G_LOG_DOMAIN "vt-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-import-dialog.h"

struct _VtImportDialog
{
  AdwMessageDialog  parent_instance;

  GtkTextView      *links_view;
};

G_DEFINE_FINAL_TYPE (VtImportDialog, vt_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
list_loaded (VtImportDialog *self,
             GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (file != NULL && g_file_load_contents (file, NULL, &text, NULL, NULL, &error))
    vt_import_dialog_set_links (self, text);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(VtImportDialog) self = data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  list_loaded (self, file);
}
#else
static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    VtImportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      list_loaded (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}
#endif

static void
open_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VtImportDialog *self = VT_IMPORT_DIALOG (widget);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Open a List of Links"));
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_cb, g_object_ref (self));
#else
  GtkFileChooserNative *native =
    gtk_file_chooser_native_new (_("Open a List of Links"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
#endif
}

static void
vt_import_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VT_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (vt_import_dialog_parent_class)->dispose (object);
}

static void
vt_import_dialog_class_init (VtImportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vt_import_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vt-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VtImportDialog, links_view);
  gtk_widget_class_install_action (widget_class, "import.open-list", NULL, open_list_action);
}

static void
vt_import_dialog_init (VtImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

VtImportDialog *
vt_import_dialog_new (GtkWindow *parent)
{
  return g_object_new (VT_TYPE_IMPORT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}

/**
 * vt_import_dialog_dup_links:
 *
 * Returns: (transfer full): the text of the links box
 */
char *
vt_import_dialog_dup_links (VtImportDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->links_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
vt_import_dialog_set_links (VtImportDialog *self,
                            const char     *links)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->links_view), links, -1);
}
