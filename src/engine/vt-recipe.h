/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe.h: everything a job does to a photo, as plain data */
#pragma once

#include <glib-object.h>

#include "vt-watermark.h"

G_BEGIN_DECLS

#define VT_RECIPE_ERROR (vt_recipe_error_quark ())

typedef enum {
  VT_RECIPE_ERROR_INVALID,
} VtRecipeError;

#define VT_RECIPE_DEFAULT_SIZES "thumbnail=150x150,medium=500x500,large=1200x1200"

typedef struct {
  char *name;
  int   width;
  int   height;
} VtVariant;

#define VT_TYPE_RECIPE (vt_recipe_get_type ())
G_DECLARE_FINAL_TYPE (VtRecipe, vt_recipe, VT, RECIPE, GObject)

GQuark           vt_recipe_error_quark    (void);
VtRecipe        *vt_recipe_new            (void);
VtRecipe        *vt_recipe_copy           (VtRecipe    *self);
gboolean         vt_recipe_set_sizes      (VtRecipe    *self,
                                           const char  *sizes,
                                           GError     **error);
const char      *vt_recipe_get_sizes      (VtRecipe    *self);
guint            vt_recipe_get_n_variants (VtRecipe    *self);
const VtVariant *vt_recipe_get_variant    (VtRecipe    *self,
                                           guint        index);
void             vt_recipe_get_bounding_box (VtRecipe  *self,
                                           int         *width,
                                           int         *height);
VtWatermark     *vt_recipe_create_watermark (VtRecipe  *self);
gboolean         vt_recipe_load_key_file  (VtRecipe    *self,
                                           GKeyFile    *key_file,
                                           GError     **error);
void             vt_recipe_save_key_file  (VtRecipe    *self,
                                           GKeyFile    *key_file);
gboolean         vt_recipe_load_file      (VtRecipe    *self,
                                           const char  *path,
                                           GError     **error);
gboolean         vt_recipe_save_file      (VtRecipe    *self,
                                           const char  *path,
                                           GError     **error);

/* Plain getters, so workers read fields without GValue boxing. */
gboolean         vt_recipe_get_sharpen    (VtRecipe    *self);
gboolean         vt_recipe_get_unsharp    (VtRecipe    *self);
double           vt_recipe_get_unsharp_radius    (VtRecipe *self);
int              vt_recipe_get_unsharp_percent   (VtRecipe *self);
int              vt_recipe_get_unsharp_threshold (VtRecipe *self);
gboolean         vt_recipe_get_watermark  (VtRecipe    *self);
int              vt_recipe_get_quality    (VtRecipe    *self);
gboolean         vt_recipe_get_progressive (VtRecipe   *self);
guint64          vt_recipe_get_max_pixels (VtRecipe    *self);

G_END_DECLS
