/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-private.h: the recipe's properties, for the files that walk them */
#pragma once

#include "vt-recipe.h"

G_BEGIN_DECLS

/* In the order the key file writes them. */
typedef enum {
  VT_RECIPE_PROP_0,
  VT_RECIPE_PROP_SIZES,
  VT_RECIPE_PROP_FILTERS,
  VT_RECIPE_PROP_WATERMARK,
  VT_RECIPE_PROP_WATERMARK_TEXT,
  VT_RECIPE_PROP_WATERMARK_OPACITY,
  VT_RECIPE_PROP_WATERMARK_SIZE,
  VT_RECIPE_PROP_WATERMARK_POSITION,
  VT_RECIPE_PROP_QUALITY,
  VT_RECIPE_PROP_PROGRESSIVE,
  VT_RECIPE_PROP_MAX_MEGAPIXELS,
  VT_RECIPE_PROP_METADATA,
  VT_RECIPE_PROP_NAME_TEMPLATE,
  VT_RECIPE_PROP_WEB_SAFE_NAMES,
  VT_RECIPE_N_PROPS
} VtRecipeProp;

GParamSpec *vt_recipe_get_pspec (VtRecipeProp prop_id);

G_END_DECLS
