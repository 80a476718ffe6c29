/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-import-dialog.c: links pasted or opened, for the window to download */
#define G_LOG_DOMAIN "vt-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-file-chooser.h"
#include "vt-import-dialog.h"

struct _VtImportDialog
{
  AdwMessageDialog  parent_instance;

  GtkTextView      *links_view;
  GtkLabel         *problem_label;
};

G_DEFINE_FINAL_TYPE (VtImportDialog, vt_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
list_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GFile) file = vt_file_chooser_choose_finish (result, NULL);
  g_autofree char *text = NULL;

  if (file != NULL && g_file_load_contents (file, NULL, &text, NULL, NULL, NULL))
    vt_import_dialog_set_links (VT_IMPORT_DIALOG (source), text);
}

static void
open_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  vt_file_chooser_choose_async (widget,
                                &(VtFileChooserRequest) {
                                  .mode = VT_FILE_CHOOSER_OPEN,
                                  .title = _("Open a List of Links"),
                                  .accept_label = _("_Open"),
                                },
                                list_chosen_cb, NULL);
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
  g_autofree char *body = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* No heading: libadwaita 1.7 may measure one narrower than its text, as
   * for the window's other dialogs; the title opens the body instead. */
  body = g_strdup_printf ("%s\n\n%s", _("Import Photos from Links"),
                          _("Paste the links your supplier sent, one per line, or open a list. "
                            "The photos are downloaded into the output folder, in “originals”, "
                            "and prepared as they arrive."));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
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

/**
 * vt_import_dialog_set_problem:
 * @problem: why the links could not be imported, shown above them
 */
void
vt_import_dialog_set_problem (VtImportDialog *self,
                              const char     *problem)
{
  if (self->problem_label == NULL)
    {
      GtkWidget *box = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (self));

      self->problem_label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (self->problem_label, TRUE);
      gtk_label_set_xalign (self->problem_label, 0);
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_box_prepend (GTK_BOX (box), GTK_WIDGET (self->problem_label));
    }
  gtk_label_set_label (self->problem_label, problem);
}

/**
 * vt_import_dialog_get_problem:
 *
 * Returns: (nullable): the reason shown, if any
 */
const char *
vt_import_dialog_get_problem (VtImportDialog *self)
{
  return self->problem_label != NULL ? gtk_label_get_label (self->problem_label) : NULL;
}
