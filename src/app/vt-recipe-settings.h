/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-settings.h: a VtRecipe and the settings that hold one */
#pragma once

#include <gio/gio.h>

#include "vt-recipe.h"

G_BEGIN_DECLS

void vt_recipe_settings_bind  (GSettings *settings,
                               VtRecipe  *recipe);
void vt_recipe_settings_store (GSettings *settings,
                               VtRecipe  *recipe);

G_END_DECLS
