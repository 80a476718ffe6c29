/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window.c: the main window's class, template and lifecycle
 *
 * The window only moves results into models and redraws. Each concern has
 * its own file around vt-window-private.h: the actions, the folders, the
 * batch, the import from links, measuring scaling and the details of a
 * photo. The recipe is made here once, bound to the settings, and is the
 * one the side bar edits, the batch runs and the preview shows.
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-recipe-settings.h"
#include "vt-thumbnail.h"
#include "vt-window-private.h"

G_DEFINE_FINAL_TYPE (VtWindow, vt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNAL_BATCH_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_vt_window_toast (VtWindow   *self,
                  const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
_vt_window_emit_batch_finished (VtWindow *self,
                                gboolean  cancelled)
{
  g_signal_emit (self, signals[SIGNAL_BATCH_FINISHED], 0, cancelled);
}

static void
grid_activate_cb (VtWindow *self,
                  guint     position)
{
  _vt_window_show_details (self, position);
}

static gboolean
close_confirmed_cb (gpointer data)
{
  g_autoptr(VtWindow) self = data;

  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   VtWindow         *self)
{
  if (!g_str_equal (response, "quit"))
    return;  /* the batch goes on */
  self->close_confirmed = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.cancel", NULL);
  /* Not from inside the dialog's own response: the dialog, transient for
   * this window, would finish its work on a window already freed. */
  g_idle_add (close_confirmed_cb, g_object_ref (self));
}

/**
 * _vt_window_settle_close_question:
 * @cancelled: whether the batch was stopped by Cancel
 *
 * The batch the quit question spoke of has ended before the answer. Once
 * Cancel stopped it, the user has dealt with the batch since asking, and
 * the question goes. A batch that finished on its own leaves the question
 * up, since the user asked to quit and may still mean it, or may want a
 * look at the results first (a window that vanished by itself would
 * surprise): it now says there is nothing left to lose, and its answer
 * counts as given.
 */
void
_vt_window_settle_close_question (VtWindow *self,
                                  gboolean  cancelled)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self->close_dialog);
  g_autofree char *body = NULL;

  g_clear_weak_pointer (&self->close_dialog);
  if (cancelled)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  body = g_strdup_printf ("%s\n\n%s", _("Quit Now?"),
                          _("The batch has ended, so quitting leaves nothing undone."));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_label (dialog, "quit", _("_Quit"));
  adw_message_dialog_set_response_appearance (dialog, "quit", ADW_RESPONSE_DEFAULT);
}

/* Closing (or Ctrl+Q) while photos are being prepared or downloaded asks
 * first: an unfinished batch is easy to lose by a stray click. */
static gboolean
vt_window_close_request (GtkWindow *window)
{
  VtWindow *self = VT_WINDOW (window);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->close_confirmed || !vt_window_is_busy (self))
    return GTK_WINDOW_CLASS (vt_window_parent_class)->close_request (window);

  /* No heading: libadwaita 1.7 may measure one narrower than its text
   * (see _vt_window_list_dialog_new()); the body wraps. */
  body = g_strdup_printf ("%s\n\n%s", _("Quit Now?"),
                          _("The batch is still running. The photos not prepared yet are left undone; those already written stay."));
  dialog = adw_message_dialog_new (window, NULL, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Working"),
                                    "quit", _("_Stop and Quit"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "quit",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  /* The question changes when the batch ends: see _vt_window_update_actions(). */
  g_clear_weak_pointer (&self->close_dialog);
  g_set_weak_pointer (&self->close_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

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
  g_clear_weak_pointer (&self->close_dialog);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->job);
  g_clear_object (&self->scaling);
  gtk_widget_dispose_template (GTK_WIDGET (self), VT_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->rules);
  g_clear_object (&self->recipe);
  g_clear_handle_id (&self->show_id, g_source_remove);
  g_clear_pointer (&self->arrived, g_ptr_array_unref);
  g_clear_object (&self->thumbnails);
  g_clear_pointer (&self->inputs, g_strfreev);
  g_clear_pointer (&self->inputs_before_import, g_strfreev);
  g_clear_pointer (&self->import_output, g_free);
  g_clear_pointer (&self->found, g_strfreev);

  G_OBJECT_CLASS (vt_window_parent_class)->dispose (object);
}

static void
vt_window_class_init (VtWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vt_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = vt_window_close_request;

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
  gtk_widget_class_bind_template_child (widget_class, VtWindow, recipe_note);
  gtk_widget_class_bind_template_child_full (widget_class, "recipe_note_label", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, stack);
  /* The chrome that adapts to a narrow window; only vt-window-adaptive.c
   * and the tests need these. */
  gtk_widget_class_bind_template_child_full (widget_class, "header_bar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "flap", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "flap_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, found_label);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, output_label);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, small_label);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, subfolders_check);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, results_box);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, results_label);
  gtk_widget_class_bind_template_child (widget_class, VtWindow, failed_button);
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

  _vt_window_class_actions_init (klass);
}

/* A channel's preset names its rules: the preview and the next batch
 * check the main photo against them. */
static void
channel_changed_cb (VtWindow *self)
{
  g_autofree char *channel = g_settings_get_string (self->settings, "channel");
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->rules);
  if (channel[0] != '\0' && (self->rules = vt_rules_load (channel, &error)) == NULL)
    g_message ("The channel %s in the settings: %s", channel, error->message);
  vt_preview_set_rules (self->preview, self->rules);
}

static void
vt_window_init (VtWindow *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  _vt_window_adaptive_init (self);
  _vt_window_show_idle_progress (self);

  self->settings = g_settings_new (APP_ID);
  self->recipe = vt_recipe_new ();
  self->thumbnails = g_list_store_new (VT_TYPE_THUMBNAIL);
  self->arrived = g_ptr_array_new_with_free_func (g_object_unref);
  vt_recipe_settings_bind (self->settings, self->recipe);
  vt_recipe_panel_set_recipe (self->recipe_panel, self->recipe, self->settings);
  vt_preview_set_recipe (self->preview, self->recipe);
  g_signal_connect_object (self->settings, "changed::channel", G_CALLBACK (channel_changed_cb), self,
                           G_CONNECT_SWAPPED);
  channel_changed_cb (self);

  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->thumbnails))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_grid_view_set_model (self->grid_view, selection);

  _vt_window_folders_init (self);
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
