/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe.h: everything a job does to a photo, as plain data */
#pragma once

#include <glib-object.h>

#include "vt-encode.h"
#include "vt-filter-chain.h"
#include "vt-logo.h"
#include "vt-watermark.h"

G_BEGIN_DECLS

#define VT_RECIPE_ERROR (vt_recipe_error_quark ())

typedef enum {
  VT_RECIPE_ERROR_INVALID,
} VtRecipeError;

#define VT_RECIPE_DEFAULT_NAME_TEMPLATE "{variant}/{stem}"
#define VT_RECIPE_DEFAULT_SIZES "thumbnail=150x150,medium=500x500,large=1200x1200"

/* How a photo goes into a size's box. */
typedef enum {
  VT_FIT_INSIDE,   /* as large as fits, never enlarged (Pillow's thumbnail()) */
  VT_FIT_FILL,     /* the whole box, cropped about the centre (ImageOps.fit) */
  VT_FIT_PAD,      /* the whole box, the photo centred on a plain colour (ImageOps.pad) */
} VtFit;

/* Which of a photo's EXIF data its outputs keep. Never its location unless
 * asked: phone photos carry GPS coordinates. */
typedef enum {
  VT_METADATA_NONE,
  VT_METADATA_COPYRIGHT,     /* artist and copyright only */
  VT_METADATA_ALL,           /* everything but the location */
  VT_METADATA_ALL_WITH_GPS,
} VtMetadata;

#define VT_TYPE_FIT (vt_fit_get_type ())
#define VT_TYPE_METADATA (vt_metadata_get_type ())
GType vt_fit_get_type      (void) G_GNUC_CONST;
GType vt_metadata_get_type (void) G_GNUC_CONST;

/* One output size: `name=WIDTHxHEIGHT[:option=value...]` in the sizes text. */
typedef struct {
  char    *name;
  int      width;
  int      height;
  VtFit    fit;
  guint32  background;  /* 0xRRGGBB, for VT_FIT_PAD */
  gboolean watermark;   /* when the recipe has one */
  double   sharpen;     /* strength of the sharpening filters, 1 as written */
  int      max_kb;      /* 0, or the largest file wanted, in kB (1000 bytes) */
  guint    formats;     /* VT_FORMAT_BIT()s: what the size is written in */
  gboolean logo;        /* when the recipe has one */
  /* For marketplaces' main photos (vt-trim.h, vt-whiten.h, vt-fill.h): */
  gboolean trim;        /* cut the photo to the product on its backdrop */
  double   fill;        /* 0, or the share of the box the product spans, in percent (trims) */
  gboolean whiten;      /* the backdrop made #FFFFFF */
  double   tolerance;   /* how far the backdrop may vary, in percent; 0 for the default */
  gboolean enlarge;     /* fill may scale the product past its own pixels */
} VtVariant;

/* A size with every option at its usual value. */
#define VT_VARIANT_INIT(name, width, height) \
  { (name), (width), (height), VT_FIT_INSIDE, 0xffffff, TRUE, 1.0, 0, \
    VT_FORMAT_BIT (VT_FORMAT_JPEG), TRUE, FALSE, 0, FALSE, 0, FALSE }

char            *vt_variant_to_string     (const VtVariant *variant);
gboolean         vt_variant_trims         (const VtVariant *variant);
double           vt_variant_get_tolerance (const VtVariant *variant);
gboolean         vt_variant_enlarges      (const VtVariant *variant,
                                           int              width,
                                           int              height);

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
guint            vt_recipe_get_n_outputs  (VtRecipe    *self);
void             vt_recipe_get_bounding_box (VtRecipe  *self,
                                           int         *width,
                                           int         *height);
VtWatermark     *vt_recipe_create_watermark (VtRecipe  *self);
gboolean         vt_recipe_create_logo    (VtRecipe    *self,
                                           VtLogo     **logo,
                                           GError     **error);
void             vt_recipe_get_encode_settings (VtRecipe *self,
                                           VtFormat     format,
                                           VtEncodeSettings *settings);
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

gboolean         vt_recipe_set_variant_option (VtRecipe *self,
                                           const char  *option,
                                           const char  *value,
                                           GError     **error);
gboolean         vt_recipe_set_filters    (VtRecipe    *self,
                                           const char  *filters,
                                           GError     **error);
gboolean         vt_recipe_check_name_template (const char *name_template,
                                           VtRecipe    *self,
                                           GError     **error);
char            *vt_recipe_expand_name    (VtRecipe    *self,
                                           const VtVariant *variant,
                                           const char  *stem,
                                           guint        counter);
gboolean         vt_recipe_set_filter_chain (VtRecipe  *self,
                                           GArray      *chain,
                                           GError     **error);

/* Plain getters, so workers read fields without GValue boxing. */
GArray          *vt_recipe_get_filters    (VtRecipe    *self);
gboolean         vt_recipe_get_watermark  (VtRecipe    *self);
VtMetadata       vt_recipe_get_metadata   (VtRecipe    *self);
const char      *vt_recipe_get_name_template (VtRecipe *self);
gboolean         vt_recipe_get_web_safe_names (VtRecipe *self);
int              vt_recipe_get_quality    (VtRecipe    *self);
gboolean         vt_recipe_get_progressive (VtRecipe   *self);
guint64          vt_recipe_get_max_pixels (VtRecipe    *self);

G_END_DECLS
