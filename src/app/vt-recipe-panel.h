/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel.h: the recipe's settings, edited in the window's side bar */
#pragma once

#include <adwaita.h>

#include "vitrina-engine.h"

G_BEGIN_DECLS

#define VT_TYPE_RECIPE_PANEL (vt_recipe_panel_get_type ())
G_DECLARE_FINAL_TYPE (VtRecipePanel, vt_recipe_panel, VT, RECIPE_PANEL, GtkWidget)

void     vt_recipe_panel_set_recipe   (VtRecipePanel  *self,
                                       VtRecipe       *recipe,
                                       GSettings      *settings);
gboolean vt_recipe_panel_undo         (VtRecipePanel  *self);
gboolean vt_recipe_panel_load_preset  (VtRecipePanel  *self,
                                       const char     *name,
                                       GError        **error);
gboolean vt_recipe_panel_import       (VtRecipePanel  *self,
                                       GFile          *file,
                                       GError        **error);
gboolean vt_recipe_panel_set_logo     (VtRecipePanel  *self,
                                       GFile          *file,
                                       GError        **error);
char    *vt_recipe_panel_dup_logo_dir (void);
gboolean vt_recipe_panel_export       (VtRecipePanel  *self,
                                       GFile          *file,
                                       GError        **error);
gboolean vt_recipe_panel_save_preset  (VtRecipePanel  *self,
                                       const char     *name,
                                       GError        **error);
gboolean vt_recipe_panel_rename_preset (VtRecipePanel *self,
                                       const char     *from,
                                       const char     *to,
                                       GError        **error);
gboolean vt_recipe_panel_delete_preset (VtRecipePanel *self,
                                       const char     *name,
                                       GError        **error);

G_END_DECLS
