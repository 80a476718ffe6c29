/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel-presets.c: the side bar's presets menu, import and export
 *
 * A preset is read into a recipe of its own, then stored into the settings
 * all at once (vt_recipe_settings_store()), so the window's recipe, bound to
 * them, takes it whole; the export writes the window's recipe itself. A
 * preset sets how photos are prepared, never whose shop they are for: the
 * shop's watermark text and logo stay, and loading one can be undone.
 */
#define G_LOG_DOMAIN "vt-recipe-panel"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vt-recipe-panel-private.h"
#include "vt-recipe-settings.h"

static GMenuModel *
create_preset_menu (void)
{
  g_autoptr(GPtrArray) presets = vt_presets_list ();
  g_autoptr(GMenu) list = g_menu_new ();
  g_autoptr(GMenu) files = g_menu_new ();
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < presets->len; i++)
    {
      VtPreset *preset = g_ptr_array_index (presets, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (preset->description, NULL);

      g_menu_item_set_action_and_target (item, "panel.load-preset", "s", preset->name);
      g_menu_append_item (list, item);
    }
  g_menu_append (files, _("_Import…"), "panel.import-preset");
  g_menu_append (files, _("_Export…"), "panel.export-preset");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (list));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (files));
  return G_MENU_MODEL (menu);
}

void
_vt_recipe_panel_refresh_preset_menu (VtRecipePanel *self)
{
  g_autoptr(GMenuModel) menu = create_preset_menu ();

  gtk_menu_button_set_menu_model (self->preset_button, menu);
}

/* The shop's identity is the user's, not the preset's: a marketplace's
 * preset turns the watermark off where it must, but its text stays; and
 * it takes the logo off the sizes that must go without (logo=no), but the
 * logo, and where the shop put it, stay. */
static void
keep_shop_identity (VtRecipePanel *self,
                    VtRecipe      *preset)
{
  static const char * const identity[] = {
    "watermark-text", "logo", "logo-position", "logo-width", "logo-opacity", "logo-margin",
  };

  for (guint i = 0; i < G_N_ELEMENTS (identity); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (self->recipe), identity[i], &value);
      g_object_set_property (G_OBJECT (preset), identity[i], &value);
    }
}

/* What the user reads for preset @name: a built-in's translated title (its
 * description up to the colon, "Mercado Libre"), a saved one's own name. */
static char *
dup_preset_title (const char *name)
{
  g_autoptr(GPtrArray) presets = vt_presets_list ();

  for (guint i = 0; i < presets->len; i++)
    {
      VtPreset *preset = g_ptr_array_index (presets, i);
      const char *colon = strchr (preset->description, ':');

      if (preset->builtin && g_str_equal (preset->name, name) && colon != NULL)
        return g_strndup (preset->description, colon - preset->description);
    }
  return g_strdup (name);
}

static void
preset_applied (VtRecipePanel *self,
                VtRecipe      *preset,
                const char    *name)
{
  g_autoptr(VtRecipe) before = vt_recipe_copy (self->recipe);
  g_autofree char *title = dup_preset_title (name);
  g_autofree char *subtitle = g_strdup_printf (_("Last loaded: %s"), title);
  g_autofree char *message = g_strdup_printf (_("Preset “%s” loaded"), title);
  g_autoptr(VtRules) rules = vt_rules_load (name, NULL);

  keep_shop_identity (self, preset);
  /* Before the channel changes, so that undo brings that back too */
  _vt_recipe_panel_offer_undo (self, before, message);
  vt_recipe_settings_store (self->settings, preset);
  /* A channel's preset brings its rules; any other preset leaves none */
  g_settings_set_string (self->settings, "channel", rules != NULL ? name : "");
  adw_action_row_set_subtitle (self->preset_row, subtitle);
}

/**
 * vt_recipe_panel_load_preset:
 * @name: a preset's name, as vt_presets_list() gives it
 *
 * Sets every setting of the recipe from the preset, but the shop's
 * watermark text and logo; a toast offers to undo it.
 */
gboolean
vt_recipe_panel_load_preset (VtRecipePanel  *self,
                             const char     *name,
                             GError        **error)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  if (!vt_presets_load (recipe, name, error))
    return FALSE;
  preset_applied (self, recipe, name);
  return TRUE;
}

/**
 * vt_recipe_panel_import:
 *
 * Loads the recipe in @file and keeps it among the user's presets, under
 * the file's name.
 */
gboolean
vt_recipe_panel_import (VtRecipePanel  *self,
                        GFile          *file,
                        GError        **error)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = NULL;
  g_autofree char *saved = NULL;

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  if (!vt_presets_load_file (recipe, file, error))
    return FALSE;
  if (g_str_has_suffix (basename, VT_PRESET_SUFFIX))
    basename[strlen (basename) - strlen (VT_PRESET_SUFFIX)] = '\0';
  name = vt_inputs_web_safe_name (basename);
  saved = vt_presets_save (recipe, name, error);
  if (saved == NULL)
    return FALSE;
  preset_applied (self, recipe, name);
  _vt_recipe_panel_refresh_presets (self);
  return TRUE;
}

/**
 * vt_recipe_panel_export:
 *
 * Writes the recipe the panel shows to @file, as a preset other machines
 * can import.
 */
gboolean
vt_recipe_panel_export (VtRecipePanel  *self,
                        GFile          *file,
                        GError        **error)
{
  g_autofree char *path = g_file_get_path (file);

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  return vt_recipe_save_file (self->recipe, path, error);
}

static void
choose_preset_file_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gboolean saving = g_str_equal (action_name, "panel.export-preset");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Vitrina recipes"));
  gtk_file_filter_add_suffix (filter, "recipe");
  _vt_recipe_panel_choose_file (VT_RECIPE_PANEL (widget),
                                &(VtFileChooserRequest) {
                                  .mode = saving ? VT_FILE_CHOOSER_SAVE : VT_FILE_CHOOSER_OPEN,
                                  .title = saving ? _("Export Recipe") : _("Import Recipe"),
                                  .accept_label = saving ? _("_Export") : _("_Import"),
                                  .filter = filter,
                                  .initial_name = saving ? "my-shop" VT_PRESET_SUFFIX : NULL,
                                },
                                saving ? vt_recipe_panel_export : vt_recipe_panel_import);
}

static void
presets_class_init (VtRecipePanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "panel.import-preset", NULL, choose_preset_file_action);
  gtk_widget_class_install_action (widget_class, "panel.export-preset", NULL, choose_preset_file_action);
}

const VtRecipePanelPart _vt_recipe_panel_presets = { presets_class_init };
