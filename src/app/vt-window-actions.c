/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-actions.c: every win.* action of the window, and its shortcuts
 *
 * Buttons, menus, shortcuts and the tests all go through these actions;
 * each only hands over to the controller file that does the work.
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-window-private.h"

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gboolean input = g_str_equal (action_name, "win.choose-input");

  _vt_window_choose_folder (VT_WINDOW (widget),
                            input ? _("Choose the Folder of Photos") : _("Choose Where the Sizes Are Written"),
                            input ? "input-folder" : "output-folder");
}

static void
open_output_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VtWindow *self = VT_WINDOW (widget);
  g_autofree char *output = _vt_window_dup_output_folder (self);

  if (output != NULL && g_file_test (output, G_FILE_TEST_IS_DIR))
    _vt_window_open_folder (self, output);
  else
    _vt_window_toast (self, _("The output folder does not exist yet: start a batch first"));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  _vt_window_start_batch (VT_WINDOW (widget), FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VtWindow *self = VT_WINDOW (widget);

  if (!vt_window_is_busy (self))
    return;
  if (self->fetcher != NULL)
    vt_fetcher_cancel (self->fetcher);
  if (self->job != NULL && vt_job_is_running (self->job))
    vt_job_cancel (self->job);
  if (self->scaling != NULL)
    vt_scaling_cancel (self->scaling);
  /* The photos in progress still finish: until they have, the window says
   * it is stopping, and Cancel is not offered again. */
  self->cancelling = TRUE;
  _vt_window_update_actions (self);
  _vt_window_show_progress (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VtWindow *self = VT_WINDOW (widget);

  if (!vt_recipe_panel_undo (self->recipe_panel))
    _vt_window_toast (self, _("Nothing to undo"));
}

/* The actions that only hand over to one controller. */
static const struct {
  const char *name;
  void      (*run) (VtWindow *self);
} forwarded[] = {
  { "win.show-failed", _vt_window_show_failed },
  { "win.measure-scaling", _vt_window_measure_scaling },
  { "win.import-links", _vt_window_show_import_dialog },
};

static void
forwarded_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    if (g_str_equal (action_name, forwarded[i].name))
      forwarded[i].run (VT_WINDOW (widget));
}

/* Enables each action for the state the window is in. */
void
_vt_window_update_actions (VtWindow *self)
{
  gboolean busy = vt_window_is_busy (self);
  gboolean ready = vt_window_get_n_found (self) > 0;

  /* Once everything has stopped, a cancelled batch is over, and so is the
   * question about quitting in the middle of it. */
  if (!busy && self->close_dialog != NULL)
    _vt_window_settle_close_question (self, self->cancelling);
  if (!busy)
    self->cancelling = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.measure-scaling", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", busy && !self->cancelling);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-input", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-output", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-links", !busy);
  /* Start stays where it is, only disabled: Cancel has a place of its own. */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  gtk_button_set_label (self->cancel_button, self->cancelling ? _("Cancelling…") : _("_Cancel"));
  /* The batch works from its own copy of the recipe: editing it now would
   * look like changing the batch. The note says when it can be edited. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recipe_panel), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->subfolders_check), !busy);
  gtk_widget_set_visible (self->recipe_note, busy);
}

void
_vt_window_class_actions_init (VtWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.choose-input", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "win.choose-output", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "win.open-output", NULL, open_output_action);
  gtk_widget_class_install_action (widget_class, "win.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
    gtk_widget_class_install_action (widget_class, forwarded[i].name, NULL, forwarded_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.choose-input", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.choose-output", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.measure-scaling", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "win.import-links", NULL);
  /* The recipe's last undoable change (a preset chosen, a size or filter
   * removed); a text field keeps Ctrl+Z for its own text. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
}
