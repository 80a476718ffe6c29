/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe.c: everything a job does to a photo, as plain data: the object and its properties
 *
 * Every setting is a GObject property, so the window binds them to GSettings
 * and the key-file format is written and read by walking the properties
 * (vt-recipe-file.c). The sizes text and the name template are read by
 * vt-sizes.c and vt-name-template.c; what the formats and the logo need
 * from the recipe is in vt-recipe-output.c. A running job works on its own copy
 * (vt_recipe_copy()), which nobody changes, so workers read it without
 * locks.
 */
#define G_LOG_DOMAIN "vt-recipe"

#include "config.h"

#include "vt-name-template.h"
#include "vt-recipe-private.h"
#include "vt-sizes.h"

struct _VtRecipe
{
  GObject              parent_instance;

  char                *sizes;
  GArray              *variants;   /* VtVariant */
  char                *filters;
  GArray              *chain;      /* VtFilter */
  gboolean             watermark;
  char                *watermark_text;
  double               watermark_opacity;
  double               watermark_size;
  VtWatermarkPosition  watermark_position;
  int                  quality;
  gboolean             progressive;
  guint                max_megapixels;
  VtMetadata           metadata;
  char                *name_template;
  gboolean             web_safe_names;
  int                  webp_quality;
  gboolean             webp_lossless;
  int                  webp_method;
  int                  avif_quality;
  int                  avif_speed;
  int                  png_level;
  char                *logo;        /* a file; empty for none */
  VtLogoPosition       logo_position;
  double               logo_width;  /* fractions of each size's width */
  double               logo_opacity;
  double               logo_margin;
};

G_DEFINE_FINAL_TYPE (VtRecipe, vt_recipe, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (VtFit, vt_fit,
  G_DEFINE_ENUM_VALUE (VT_FIT_INSIDE, "fit"),
  G_DEFINE_ENUM_VALUE (VT_FIT_FILL, "fill"),
  G_DEFINE_ENUM_VALUE (VT_FIT_PAD, "pad"))
G_DEFINE_ENUM_TYPE (VtMetadata, vt_metadata,
  G_DEFINE_ENUM_VALUE (VT_METADATA_NONE, "none"),
  G_DEFINE_ENUM_VALUE (VT_METADATA_COPYRIGHT, "copyright"),
  G_DEFINE_ENUM_VALUE (VT_METADATA_ALL, "all"),
  G_DEFINE_ENUM_VALUE (VT_METADATA_ALL_WITH_GPS, "all-with-gps"))
G_DEFINE_QUARK (vt-recipe-error-quark, vt_recipe_error)

static GParamSpec *properties[VT_RECIPE_N_PROPS];

/* For the key-file I/O, which walks the properties in this order. */
GParamSpec *
vt_recipe_get_pspec (VtRecipeProp prop_id)
{
  g_return_val_if_fail (prop_id > 0 && prop_id < VT_RECIPE_N_PROPS, NULL);
  return properties[prop_id];
}

/* The sizes and the filter chain are kept both as their canonical text and
 * parsed. Parses @text as the one @prop_id names and keeps both, notifying
 * only when the text changed; leaves the recipe as it was when @text does
 * not parse. */
static gboolean
set_parsed (VtRecipe      *self,
            VtRecipeProp   prop_id,
            const char    *text,
            GError       **error)
{
  gboolean sizes = prop_id == VT_RECIPE_PROP_SIZES;
  g_autoptr(GArray) parsed = NULL;
  g_autofree char *canonical = NULL;
  char **text_field;
  GArray **parsed_field;

  g_return_val_if_fail (VT_IS_RECIPE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  parsed = sizes ? vt_sizes_parse (text, error) : vt_filter_chain_parse (text, error);
  if (parsed == NULL)
    return FALSE;
  canonical = sizes ? vt_sizes_to_string (parsed) : vt_filter_chain_to_string (parsed);
  text_field = sizes ? &self->sizes : &self->filters;
  if (g_strcmp0 (canonical, *text_field) == 0)
    return TRUE;

  g_free (*text_field);
  *text_field = g_steal_pointer (&canonical);
  parsed_field = sizes ? &self->variants : &self->chain;
  g_clear_pointer (parsed_field, g_array_unref);
  *parsed_field = g_steal_pointer (&parsed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

/**
 * vt_recipe_set_sizes:
 * @sizes: comma-separated `name=WIDTHxHEIGHT[:option=value...]` boxes
 *
 * Returns: %FALSE with @error set, leaving the recipe as it was, when
 * @sizes does not parse
 */
gboolean
vt_recipe_set_sizes (VtRecipe    *self,
                     const char  *sizes,
                     GError     **error)
{
  return set_parsed (self, VT_RECIPE_PROP_SIZES, sizes, error);
}

/**
 * vt_recipe_set_variant_option:
 * @option: `fit`, `background`, `watermark`, `sharpen` or `max-kb`
 *
 * Sets @option to @value for every size (as the command line's --fit does).
 *
 * Returns: %FALSE with @error set, leaving the recipe as it was, when
 * @value is not one @option takes
 */
gboolean
vt_recipe_set_variant_option (VtRecipe    *self,
                              const char  *option,
                              const char  *value,
                              GError     **error)
{
  g_auto(GStrv) items = g_strsplit (self->sizes, ",", -1);
  g_autofree char *suffix = g_strdup_printf (":%s=%s", option, value);
  g_autoptr(GString) sizes = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (sizes, "%s%s%s", i ? "," : "", items[i], suffix);
  return vt_recipe_set_sizes (self, sizes->str, error);
}

/**
 * vt_recipe_set_filters:
 * @filters: the chain as text (see vt-filter-chain.c); empty for none
 *
 * Returns: %FALSE with @error set, leaving the recipe as it was, when
 * @filters does not parse
 */
gboolean
vt_recipe_set_filters (VtRecipe    *self,
                       const char  *filters,
                       GError     **error)
{
  return set_parsed (self, VT_RECIPE_PROP_FILTERS, filters, error);
}

const char *
vt_recipe_get_sizes (VtRecipe *self)
{
  g_return_val_if_fail (VT_IS_RECIPE (self), NULL);
  return self->sizes;
}

guint
vt_recipe_get_n_variants (VtRecipe *self)
{
  g_return_val_if_fail (VT_IS_RECIPE (self), 0);
  return self->variants->len;
}

const VtVariant *
vt_recipe_get_variant (VtRecipe *self,
                       guint     index)
{
  g_return_val_if_fail (VT_IS_RECIPE (self), NULL);
  g_return_val_if_fail (index < self->variants->len, NULL);
  return &g_array_index (self->variants, VtVariant, index);
}

/**
 * vt_recipe_get_bounding_box:
 *
 * The smallest box holding every variant's box: a photo decoded to fit it
 * has enough pixels for all of them.
 */
void
vt_recipe_get_bounding_box (VtRecipe *self,
                            int      *width,
                            int      *height)
{
  *width = *height = 0;
  for (guint i = 0; i < self->variants->len; i++)
    {
      const VtVariant *v = &g_array_index (self->variants, VtVariant, i);
      *width = MAX (*width, v->width);
      *height = MAX (*height, v->height);
    }
}

VtWatermark *
vt_recipe_create_watermark (VtRecipe *self)
{
  g_return_val_if_fail (VT_IS_RECIPE (self), NULL);
  return vt_watermark_new (self->watermark_text, self->watermark_opacity,
                           self->watermark_size, self->watermark_position);
}

GArray *vt_recipe_get_filters (VtRecipe *self) { return self->chain; }
VtMetadata vt_recipe_get_metadata (VtRecipe *self) { return self->metadata; }
const char *vt_recipe_get_name_template (VtRecipe *self) { return self->name_template; }
gboolean vt_recipe_get_web_safe_names (VtRecipe *self) { return self->web_safe_names; }
gboolean vt_recipe_get_watermark (VtRecipe *self) { return self->watermark; }
int vt_recipe_get_quality (VtRecipe *self) { return self->quality; }
gboolean vt_recipe_get_progressive (VtRecipe *self) { return self->progressive; }
guint64 vt_recipe_get_max_pixels (VtRecipe *self) { return (guint64) self->max_megapixels * 1000000; }

/* ------------------------------------------------------------------------ */

static void
vt_recipe_finalize (GObject *object)
{
  VtRecipe *self = VT_RECIPE (object);

  g_clear_pointer (&self->sizes, g_free);
  g_clear_pointer (&self->variants, g_array_unref);
  g_clear_pointer (&self->filters, g_free);
  g_clear_pointer (&self->chain, g_array_unref);
  g_clear_pointer (&self->watermark_text, g_free);
  g_clear_pointer (&self->name_template, g_free);
  g_clear_pointer (&self->logo, g_free);

  G_OBJECT_CLASS (vt_recipe_parent_class)->finalize (object);
}

/* Where each scalar property lives, so get/set/notify are written once. */
static const gsize field_offset[VT_RECIPE_N_PROPS] = {
  [VT_RECIPE_PROP_SIZES] = G_STRUCT_OFFSET (VtRecipe, sizes),
  [VT_RECIPE_PROP_FILTERS] = G_STRUCT_OFFSET (VtRecipe, filters),
  [VT_RECIPE_PROP_WATERMARK] = G_STRUCT_OFFSET (VtRecipe, watermark),
  [VT_RECIPE_PROP_WATERMARK_TEXT] = G_STRUCT_OFFSET (VtRecipe, watermark_text),
  [VT_RECIPE_PROP_WATERMARK_OPACITY] = G_STRUCT_OFFSET (VtRecipe, watermark_opacity),
  [VT_RECIPE_PROP_WATERMARK_SIZE] = G_STRUCT_OFFSET (VtRecipe, watermark_size),
  [VT_RECIPE_PROP_WATERMARK_POSITION] = G_STRUCT_OFFSET (VtRecipe, watermark_position),
  [VT_RECIPE_PROP_QUALITY] = G_STRUCT_OFFSET (VtRecipe, quality),
  [VT_RECIPE_PROP_PROGRESSIVE] = G_STRUCT_OFFSET (VtRecipe, progressive),
  [VT_RECIPE_PROP_MAX_MEGAPIXELS] = G_STRUCT_OFFSET (VtRecipe, max_megapixels),
  [VT_RECIPE_PROP_METADATA] = G_STRUCT_OFFSET (VtRecipe, metadata),
  [VT_RECIPE_PROP_NAME_TEMPLATE] = G_STRUCT_OFFSET (VtRecipe, name_template),
  [VT_RECIPE_PROP_WEB_SAFE_NAMES] = G_STRUCT_OFFSET (VtRecipe, web_safe_names),
  [VT_RECIPE_PROP_WEBP_QUALITY] = G_STRUCT_OFFSET (VtRecipe, webp_quality),
  [VT_RECIPE_PROP_WEBP_LOSSLESS] = G_STRUCT_OFFSET (VtRecipe, webp_lossless),
  [VT_RECIPE_PROP_WEBP_METHOD] = G_STRUCT_OFFSET (VtRecipe, webp_method),
  [VT_RECIPE_PROP_AVIF_QUALITY] = G_STRUCT_OFFSET (VtRecipe, avif_quality),
  [VT_RECIPE_PROP_AVIF_SPEED] = G_STRUCT_OFFSET (VtRecipe, avif_speed),
  [VT_RECIPE_PROP_PNG_LEVEL] = G_STRUCT_OFFSET (VtRecipe, png_level),
  [VT_RECIPE_PROP_LOGO] = G_STRUCT_OFFSET (VtRecipe, logo),
  [VT_RECIPE_PROP_LOGO_POSITION] = G_STRUCT_OFFSET (VtRecipe, logo_position),
  [VT_RECIPE_PROP_LOGO_WIDTH] = G_STRUCT_OFFSET (VtRecipe, logo_width),
  [VT_RECIPE_PROP_LOGO_OPACITY] = G_STRUCT_OFFSET (VtRecipe, logo_opacity),
  [VT_RECIPE_PROP_LOGO_MARGIN] = G_STRUCT_OFFSET (VtRecipe, logo_margin),
};

#define FIELD_OF(self, id) G_STRUCT_MEMBER_P (self, field_offset[id])

static void
vt_recipe_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VtRecipe *self = VT_RECIPE (object);
  gpointer field;

  field = FIELD_OF (self, prop_id);
  switch (G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
    case G_TYPE_STRING: g_value_set_string (value, *(char **) field); break;
    case G_TYPE_BOOLEAN: g_value_set_boolean (value, *(gboolean *) field); break;
    case G_TYPE_INT: g_value_set_int (value, *(int *) field); break;
    case G_TYPE_UINT: g_value_set_uint (value, *(guint *) field); break;
    case G_TYPE_DOUBLE: g_value_set_double (value, *(double *) field); break;
    default: g_value_set_enum (value, *(int *) field); break;
    }
}

static gboolean
set_field (gpointer      field,
           const GValue *value)
{
  switch (G_VALUE_TYPE (value))
    {
#define SET(type, getter) \
      if (*(type *) field == getter (value)) return FALSE; \
      *(type *) field = getter (value); return TRUE;
    case G_TYPE_BOOLEAN: SET (gboolean, g_value_get_boolean)
    case G_TYPE_INT: SET (int, g_value_get_int)
    case G_TYPE_UINT: SET (guint, g_value_get_uint)
    case G_TYPE_DOUBLE: SET (double, g_value_get_double)
#undef SET
    case G_TYPE_STRING:
      if (g_strcmp0 (*(char **) field, g_value_get_string (value)) == 0)
        return FALSE;
      g_free (*(char **) field);
      *(char **) field = g_value_dup_string (value);
      return TRUE;
    default:
      if (*(int *) field == g_value_get_enum (value))
        return FALSE;
      *(int *) field = g_value_get_enum (value);
      return TRUE;
    }
}

static void
vt_recipe_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VtRecipe *self = VT_RECIPE (object);
  g_autoptr(GError) error = NULL;

  switch (prop_id)
    {
    case VT_RECIPE_PROP_SIZES:
      if (!vt_recipe_set_sizes (self, g_value_get_string (value), &error))
        g_warning ("%s", error->message);
      return;
    case VT_RECIPE_PROP_FILTERS:
      if (!vt_recipe_set_filters (self, g_value_get_string (value), &error))
        g_warning ("%s", error->message);
      return;
    case VT_RECIPE_PROP_NAME_TEMPLATE:
      if (!vt_name_template_check_syntax (g_value_get_string (value), &error))
        {
          g_warning ("%s", error->message);
          return;
        }
      G_GNUC_FALLTHROUGH;
    default:
      if (set_field (FIELD_OF (self, prop_id), value))
        g_object_notify_by_pspec (object, pspec);
    }
}

static void
vt_recipe_class_init (VtRecipeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vt_recipe_finalize;
  object_class->get_property = vt_recipe_get_property;
  object_class->set_property = vt_recipe_set_property;

  properties[VT_RECIPE_PROP_SIZES] =
    g_param_spec_string ("sizes", NULL, NULL, VT_RECIPE_DEFAULT_SIZES, flags);
  properties[VT_RECIPE_PROP_FILTERS] =
    g_param_spec_string ("filters", NULL, NULL, VT_FILTER_CHAIN_DEFAULT, flags);
  properties[VT_RECIPE_PROP_WATERMARK] =
    g_param_spec_boolean ("watermark", NULL, NULL, TRUE, flags);
  properties[VT_RECIPE_PROP_WATERMARK_TEXT] =
    g_param_spec_string ("watermark-text", NULL, NULL, "© Vitrina", flags);
  properties[VT_RECIPE_PROP_WATERMARK_OPACITY] =
    g_param_spec_double ("watermark-opacity", NULL, NULL, 0.0, 1.0, 0.6, flags);
  properties[VT_RECIPE_PROP_WATERMARK_SIZE] =
    g_param_spec_double ("watermark-size", NULL, NULL, 0.01, 0.5, 0.06, flags);
  properties[VT_RECIPE_PROP_WATERMARK_POSITION] =
    g_param_spec_enum ("watermark-position", NULL, NULL, VT_TYPE_WATERMARK_POSITION,
                       VT_WATERMARK_BOTTOM_RIGHT, flags);
  properties[VT_RECIPE_PROP_QUALITY] =
    g_param_spec_int ("quality", NULL, NULL, 1, 100, 85, flags);
  properties[VT_RECIPE_PROP_PROGRESSIVE] =
    g_param_spec_boolean ("progressive", NULL, NULL, FALSE, flags);
  properties[VT_RECIPE_PROP_MAX_MEGAPIXELS] =
    g_param_spec_uint ("max-megapixels", NULL, NULL, 1, 1000, 100, flags);
  properties[VT_RECIPE_PROP_METADATA] =
    g_param_spec_enum ("metadata", NULL, NULL, VT_TYPE_METADATA, VT_METADATA_NONE, flags);
  properties[VT_RECIPE_PROP_NAME_TEMPLATE] =
    g_param_spec_string ("name-template", NULL, NULL, VT_RECIPE_DEFAULT_NAME_TEMPLATE, flags);
  properties[VT_RECIPE_PROP_WEB_SAFE_NAMES] =
    g_param_spec_boolean ("web-safe-names", NULL, NULL, FALSE, flags);
  properties[VT_RECIPE_PROP_WEBP_QUALITY] =
    g_param_spec_int ("webp-quality", NULL, NULL, 1, 100, VT_ENCODE_DEFAULT_WEBP_QUALITY, flags);
  properties[VT_RECIPE_PROP_WEBP_LOSSLESS] =
    g_param_spec_boolean ("webp-lossless", NULL, NULL, FALSE, flags);
  properties[VT_RECIPE_PROP_WEBP_METHOD] =
    g_param_spec_int ("webp-method", NULL, NULL, 0, 6, VT_ENCODE_DEFAULT_WEBP_METHOD, flags);
  properties[VT_RECIPE_PROP_AVIF_QUALITY] =
    g_param_spec_int ("avif-quality", NULL, NULL, 1, 100, VT_ENCODE_DEFAULT_AVIF_QUALITY, flags);
  properties[VT_RECIPE_PROP_AVIF_SPEED] =
    g_param_spec_int ("avif-speed", NULL, NULL, 0, 10, VT_ENCODE_DEFAULT_AVIF_SPEED, flags);
  properties[VT_RECIPE_PROP_PNG_LEVEL] =
    g_param_spec_int ("png-level", NULL, NULL, 0, 9, VT_ENCODE_DEFAULT_PNG_LEVEL, flags);
  properties[VT_RECIPE_PROP_LOGO] =
    g_param_spec_string ("logo", NULL, NULL, "", flags);
  properties[VT_RECIPE_PROP_LOGO_POSITION] =
    g_param_spec_enum ("logo-position", NULL, NULL, VT_TYPE_LOGO_POSITION,
                       VT_LOGO_BOTTOM_RIGHT, flags);
  properties[VT_RECIPE_PROP_LOGO_WIDTH] =
    g_param_spec_double ("logo-width", NULL, NULL, 0.01, 1.0, VT_LOGO_DEFAULT_WIDTH / 100, flags);
  properties[VT_RECIPE_PROP_LOGO_OPACITY] =
    g_param_spec_double ("logo-opacity", NULL, NULL, 0.0, 1.0, VT_LOGO_DEFAULT_OPACITY / 100, flags);
  properties[VT_RECIPE_PROP_LOGO_MARGIN] =
    g_param_spec_double ("logo-margin", NULL, NULL, 0.0, 0.25, VT_LOGO_DEFAULT_MARGIN / 100, flags);

  g_object_class_install_properties (object_class, VT_RECIPE_N_PROPS, properties);
}

static void
vt_recipe_init (VtRecipe *self)
{
  /* Defaults come from the param specs, so there is one place for them. */
  for (guint i = 1; i < VT_RECIPE_N_PROPS; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &value);
      g_object_set_property (G_OBJECT (self), properties[i]->name, &value);
    }
}

VtRecipe *
vt_recipe_new (void)
{
  return g_object_new (VT_TYPE_RECIPE, NULL);
}

/**
 * vt_recipe_copy:
 *
 * Returns: (transfer full): an independent recipe with the same settings
 */
VtRecipe *
vt_recipe_copy (VtRecipe *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  VtRecipe *copy = vt_recipe_new ();

  g_return_val_if_fail (VT_IS_RECIPE (self), NULL);

  vt_recipe_save_key_file (self, key_file);
  if (!vt_recipe_load_key_file (copy, key_file, NULL))
    g_assert_not_reached ();
  return copy;
}

/**
 * vt_recipe_set_filter_chain:
 * @chain: (element-type VtFilter): the filters, as vt_recipe_get_filters()
 *   gives them, in order
 *
 * Sets the filter chain from its filters, as the panel and the command
 * line edit it.
 *
 * Returns: %FALSE with @error set, leaving the recipe as it was, when a
 * filter's settings are out of range
 */
gboolean
vt_recipe_set_filter_chain (VtRecipe  *self,
                            GArray    *chain,
                            GError   **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (VT_IS_RECIPE (self), FALSE);
  g_return_val_if_fail (chain != NULL, FALSE);

  text = vt_filter_chain_to_string (chain);
  return vt_recipe_set_filters (self, text, error);
}
