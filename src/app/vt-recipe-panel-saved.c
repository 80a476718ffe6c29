/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel-saved.c: the side bar's own presets: save, rename, delete with undo
 *
 * The user's presets are files in vt_presets_get_user_dir(), listed under
 * "Your Presets" and in the Load menu. A name is checked as it is typed
 * (vt_presets_check_name()), so the dialog's button only saves a name that
 * works and says why another does not. A deleted preset is kept in memory
 * until the next deletion, for the toast's Undo.
 */
#define G_LOG_DOMAIN "vt-recipe-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-recipe-panel-private.h"

/**
 * vt_recipe_panel_save_preset:
 * @name: the name the user gave it
 *
 * Keeps the recipe the panel shows among the user's presets.
 */
gboolean
vt_recipe_panel_save_preset (VtRecipePanel  *self,
                             const char     *name,
                             GError        **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  if (!vt_presets_check_name (name, error))
    return FALSE;
  path = vt_presets_save (self->recipe, name, error);
  if (path == NULL)
    return FALSE;
  _vt_recipe_panel_refresh_presets (self);
  return TRUE;
}

/**
 * vt_recipe_panel_rename_preset:
 *
 * Renames one of the user's presets.
 */
gboolean
vt_recipe_panel_rename_preset (VtRecipePanel  *self,
                               const char     *from,
                               const char     *to,
                               GError        **error)
{
  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  if (!vt_presets_rename (from, to, error))
    return FALSE;
  _vt_recipe_panel_refresh_presets (self);
  return TRUE;
}

static void
restore_clicked_cb (VtRecipePanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "panel.restore-preset", NULL);
}

/**
 * vt_recipe_panel_delete_preset:
 *
 * Deletes one of the user's presets; a toast offers to bring it back.
 */
gboolean
vt_recipe_panel_delete_preset (VtRecipePanel  *self,
                               const char     *name,
                               GError        **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *message = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  contents = vt_presets_delete (name, error);
  if (contents == NULL)
    return FALSE;
  g_free (self->deleted_name);
  self->deleted_name = g_strdup (name);
  g_clear_pointer (&self->deleted_contents, g_bytes_unref);
  self->deleted_contents = g_steal_pointer (&contents);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.restore-preset", TRUE);
  _vt_recipe_panel_refresh_presets (self);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return TRUE;
  message = g_strdup_printf (_("Preset “%s” deleted"), name);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* The only way back from a deletion: shown at once, not behind others. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (restore_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

static void
restore_preset_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VtRecipePanel *self = VT_RECIPE_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_steal_pointer (&self->deleted_name);
  g_autoptr(GBytes) contents = g_steal_pointer (&self->deleted_contents);

  gtk_widget_action_set_enabled (widget, "panel.restore-preset", FALSE);
  if (name == NULL)
    return;
  if (!vt_presets_restore (name, contents, &error))
    _vt_recipe_panel_toast (self, error->message);
  _vt_recipe_panel_refresh_presets (self);
}

/* ------------------------------------------------------------------------ */
/* The name dialog                                                           */

/* Says, under the name field, why the name cannot be used. */
static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  GtkLabel *reason = g_object_get_data (G_OBJECT (dialog), "vt-reason");
  const char *current = g_object_get_data (G_OBJECT (dialog), "vt-current");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;
  gboolean ok = (current != NULL && g_str_equal (name, current)) || vt_presets_check_name (name, &error);

  /* An empty field at first is no mistake yet; it only keeps Save off. */
  gtk_label_set_label (reason, error != NULL && name[0] != '\0' ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (reason), error != NULL && name[0] != '\0');
  adw_message_dialog_set_response_enabled (dialog, "save", ok && (current == NULL || !g_str_equal (name, current)));
}

static void
name_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  VtRecipePanel    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "vt-entry");
  const char *current = g_object_get_data (G_OBJECT (dialog), "vt-current");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "save"))
    return;
  if (current != NULL)
    ok = vt_recipe_panel_rename_preset (self, current, name, &error);
  else
    ok = vt_recipe_panel_save_preset (self, name, &error);
  if (!ok)
    _vt_recipe_panel_toast (self, error->message);
}

/* Asks for a name: a new preset's when @current is %NULL, else a new name
 * for @current. */
static AdwMessageDialog *
ask_name (VtRecipePanel *self,
          const char    *current)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              current ? _("Rename Preset") : _("Save as Preset"),
                                              current ? NULL : _("The sizes, filters and settings you see now, "
                                                                 "to load again from the Load menu"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preset name"), -1);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_widget_add_css_class (reason, "error");
  gtk_widget_set_visible (reason, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), reason);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", current ? _("_Rename") : _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "vt-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "vt-reason", reason);
  g_object_set_data_full (G_OBJECT (dialog), "vt-current", g_strdup (current), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_response_cb), self, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), current ? current : "");
  name_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

/* panel.save-preset asks for a new preset's name, panel.rename-preset for
 * a new name of the one its parameter names. */
static void
ask_name_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ask_name (VT_RECIPE_PANEL (widget), parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL);
}

/* The actions that do one thing to the preset their parameter names. */
static const struct {
  const char *name;
  gboolean  (*run) (VtRecipePanel *self, const char *preset, GError **error);
} preset_actions[] = {
  { "panel.load-preset", vt_recipe_panel_load_preset },
  { "panel.delete-preset", vt_recipe_panel_delete_preset },
};

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *preset = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (preset_actions); i++)
    if (g_str_equal (action_name, preset_actions[i].name)
        && !preset_actions[i].run (VT_RECIPE_PANEL (widget), preset, &error))
      _vt_recipe_panel_toast (VT_RECIPE_PANEL (widget), error->message);
}

/* ------------------------------------------------------------------------ */
/* The list                                                                  */

static GtkWidget *
suffix_button (const char *icon,
               const char *tooltip,
               const char *action,
               const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", name);
  return button;
}

static GtkWidget *
saved_row_new (const VtPreset *preset)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *load = gtk_button_new_with_mnemonic (_("_Load"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), preset->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_name (row, preset->name);
  gtk_widget_set_valign (load, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (load), "panel.load-preset");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (load), "s", preset->name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             suffix_button ("document-edit-symbolic", _("Rename"), "panel.rename-preset", preset->name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             suffix_button ("user-trash-symbolic", _("Delete"), "panel.delete-preset", preset->name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), load);
  return row;
}

/* Lists the presets again, in the Load menu and the user's own under
 * "Your Presets", after they changed. */
void
_vt_recipe_panel_refresh_presets (VtRecipePanel *self)
{
  g_autoptr(GPtrArray) presets = vt_presets_list ();
  GtkWidget *row;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->saved_list, 0))) != NULL)
    gtk_list_box_remove (self->saved_list, row);
  for (guint i = 0; i < presets->len; i++)
    {
      VtPreset *preset = g_ptr_array_index (presets, i);
      if (!preset->builtin)
        gtk_list_box_append (self->saved_list, saved_row_new (preset));
    }
  _vt_recipe_panel_refresh_preset_menu (self);
}

static void
saved_class_init (VtRecipePanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "panel.save-preset", NULL, ask_name_action);
  gtk_widget_class_install_action (widget_class, "panel.rename-preset", "s", ask_name_action);
  gtk_widget_class_install_action (widget_class, "panel.restore-preset", NULL, restore_preset_action);
  for (guint i = 0; i < G_N_ELEMENTS (preset_actions); i++)
    gtk_widget_class_install_action (widget_class, preset_actions[i].name, "s", preset_action);
}

const VtRecipePanelPart _vt_recipe_panel_saved = {
  saved_class_init, NULL, NULL, _vt_recipe_panel_refresh_presets
};
