/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe.c: everything a job does to a photo, as plain data
 *
 * Every setting is a GObject property, so the window binds them to GSettings
 * and the key-file format is written and read by walking the properties.
 * A running job works on its own copy (vt_recipe_copy()), which nobody
 * changes, so workers read it without locks.
 */
#define G_LOG_DOMAIN "vt-recipe"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pango.h>

#include "vt-recipe.h"

#define KEY_FILE_GROUP "Recipe"
#define MAX_SIDE 16000

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

enum {
  PROP_0,
  PROP_SIZES,
  PROP_FILTERS,
  PROP_WATERMARK,
  PROP_WATERMARK_TEXT,
  PROP_WATERMARK_OPACITY,
  PROP_WATERMARK_SIZE,
  PROP_WATERMARK_POSITION,
  PROP_QUALITY,
  PROP_PROGRESSIVE,
  PROP_MAX_MEGAPIXELS,
  PROP_METADATA,
  PROP_NAME_TEMPLATE,
  PROP_WEB_SAFE_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
variant_clear (VtVariant *variant)
{
  g_clear_pointer (&variant->name, g_free);
}

static gboolean
valid_variant_name (const char *name)
{
  if (name[0] == '\0' || name[0] == '.')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
parse_enum (GType        type,
            const char  *nick,
            int         *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value_by_nick (klass, nick);

  if (ev != NULL)
    *value = ev->value;
  return ev != NULL;
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  return g_enum_get_value (klass, value)->value_nick;
}

static gboolean
parse_number (const char *text,
              double      min,
              double      max,
              double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *value >= min && *value <= max;
}

/* Colours as Pango knows them: "white", "#fff", "#f5f5f5". */
static gboolean
parse_colour (const char *text,
              guint32    *rgb)
{
  PangoColor c;

  if (!pango_color_parse (&c, text))
    return FALSE;
  *rgb = (guint32) (c.red >> 8) << 16 | (guint32) (c.green >> 8) << 8 | (c.blue >> 8);
  return TRUE;
}

static gboolean
parse_variant_option (VtVariant   *v,
                      const char  *key,
                      const char  *value)
{
  double number;
  int e;

  if (g_str_equal (key, "fit") && parse_enum (VT_TYPE_FIT, value, &e))
    v->fit = e;
  else if (g_str_equal (key, "background"))
    return parse_colour (value, &v->background);
  else if (g_str_equal (key, "watermark") && (g_str_equal (value, "yes") || g_str_equal (value, "no")))
    v->watermark = g_str_equal (value, "yes");
  else if (g_str_equal (key, "sharpen") && parse_number (value, 0, 4, &number))
    v->sharpen = number;
  else if (g_str_equal (key, "max-kb") && parse_number (value, 0, 1000000, &number) && number == (int) number)
    v->max_kb = (int) number;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_box (char      *text,
           VtVariant *v)
{
  char *end = NULL;
  guint64 w, h;

  w = g_ascii_strtoull (g_strstrip (text), &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE)
    return FALSE;
  v->width = (int) w;
  v->height = (int) h;
  return TRUE;
}

/* `name=WIDTHxHEIGHT[:option=value...]` */
static gboolean
parse_variant (const char  *item,
               VtVariant   *variant,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (item, "=", 2);
  g_auto(GStrv) options = NULL;
  VtVariant v = VT_VARIANT_INIT (NULL, 0, 0);

  if (g_strv_length (parts) != 2 || !valid_variant_name (g_strstrip (parts[0])))
    goto invalid;

  options = g_strsplit (parts[1], ":", -1);
  if (!parse_box (options[0], &v))
    goto invalid;

  for (guint i = 1; options[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (options[i], "=", 2);

      if (kv[0] == NULL || kv[1] == NULL ||
          !parse_variant_option (&v, g_strstrip (kv[0]), g_strstrip (kv[1])))
        {
          g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                       _("Size “%s”: “%s” is not an option; the options are fit=fit|fill|pad, "
                         "background=COLOUR, watermark=yes|no, sharpen=0…4 and max-kb=N"),
                       parts[0], options[i]);
          return FALSE;
        }
    }

  *variant = v;
  variant->name = g_strdup (parts[0]);
  return TRUE;

invalid:
  g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
               _("“%s” is not a size: expected NAME=WIDTHxHEIGHT, for example large=1200x1200"),
               item);
  return FALSE;
}

/**
 * vt_variant_to_string:
 *
 * Returns: (transfer full): @variant as the sizes text writes it, options
 * left at their defaults left out
 */
char *
vt_variant_to_string (const VtVariant *v)
{
  GString *text = g_string_new (NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (text, "%s=%dx%d", v->name, v->width, v->height);
  if (v->fit != VT_FIT_INSIDE)
    g_string_append_printf (text, ":fit=%s", enum_nick (VT_TYPE_FIT, v->fit));
  if (v->background != 0xffffff)
    g_string_append_printf (text, ":background=#%06x", v->background);
  if (!v->watermark)
    g_string_append (text, ":watermark=no");
  if (v->sharpen != 1.0)
    g_string_append_printf (text, ":sharpen=%s", g_ascii_formatd (number, sizeof number, "%g", v->sharpen));
  if (v->max_kb > 0)
    g_string_append_printf (text, ":max-kb=%d", v->max_kb);
  return g_string_free (text, FALSE);
}

/**
 * vt_variant_enlarges:
 *
 * Whether a photo of @width × @height would have to be enlarged to fill
 * @variant the way its fit asks, or (fitting inside) would come out smaller
 * than its box: such a photo does not serve this size well.
 */
gboolean
vt_variant_enlarges (const VtVariant *variant,
                     int              width,
                     int              height)
{
  double sx = (double) variant->width / width, sy = (double) variant->height / height;

  return (variant->fit == VT_FIT_FILL ? MAX (sx, sy) : MIN (sx, sy)) > 1.0;
}

static GArray *
parse_sizes (const char  *sizes,
             GError     **error)
{
  g_autoptr(GArray) variants = g_array_new (FALSE, TRUE, sizeof (VtVariant));
  g_auto(GStrv) items = g_strsplit (sizes, ",", -1);

  g_array_set_clear_func (variants, (GDestroyNotify) variant_clear);

  for (guint i = 0; items[i] != NULL; i++)
    {
      VtVariant v = { 0 };

      if (!parse_variant (g_strstrip (items[i]), &v, error))
        return NULL;
      for (guint j = 0; j < variants->len; j++)
        if (g_str_equal (g_array_index (variants, VtVariant, j).name, v.name))
          {
            g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                         _("The size name “%s” appears twice"), v.name);
            variant_clear (&v);
            return NULL;
          }
      g_array_append_val (variants, v);
    }

  if (variants->len == 0)
    {
      g_set_error_literal (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                           _("A recipe needs at least one size"));
      return NULL;
    }

  return g_steal_pointer (&variants);
}

/* Stores a parsed setting and its canonical text, notifying only when the
 * text changed. Takes @text and @parsed. */
static void
take_parsed (VtRecipe  *self,
             char     **text_field,
             GArray   **parsed_field,
             char      *text,
             GArray    *parsed,
             guint      prop_id)
{
  if (g_strcmp0 (text, *text_field) == 0)
    {
      g_free (text);
      g_array_unref (parsed);
      return;
    }

  g_free (*text_field);
  *text_field = text;
  g_clear_pointer (parsed_field, g_array_unref);
  *parsed_field = parsed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
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
  g_autoptr(GArray) variants = NULL;
  GString *canonical;

  g_return_val_if_fail (VT_IS_RECIPE (self), FALSE);
  g_return_val_if_fail (sizes != NULL, FALSE);

  variants = parse_sizes (sizes, error);
  if (variants == NULL)
    return FALSE;

  canonical = g_string_new (NULL);
  for (guint i = 0; i < variants->len; i++)
    {
      g_autofree char *one = vt_variant_to_string (&g_array_index (variants, VtVariant, i));
      g_string_append_printf (canonical, "%s%s", i ? "," : "", one);
    }

  take_parsed (self, &self->sizes, &self->variants, g_string_free (canonical, FALSE),
               g_steal_pointer (&variants), PROP_SIZES);
  return TRUE;
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
 * @filters: the chain as text (see vt-filter.c); empty for none
 *
 * Returns: %FALSE with @error set, leaving the recipe as it was, when
 * @filters does not parse
 */
gboolean
vt_recipe_set_filters (VtRecipe    *self,
                       const char  *filters,
                       GError     **error)
{
  g_autoptr(GArray) chain = NULL;
  char *canonical;

  g_return_val_if_fail (VT_IS_RECIPE (self), FALSE);
  g_return_val_if_fail (filters != NULL, FALSE);

  chain = vt_filter_chain_parse (filters, error);
  if (chain == NULL)
    return FALSE;
  canonical = vt_filter_chain_to_string (chain);
  take_parsed (self, &self->filters, &self->chain, canonical, g_steal_pointer (&chain),
               PROP_FILTERS);
  return TRUE;
}

static const char * const placeholders[] = { "{stem}", "{variant}", "{width}", "{height}" };

/* Syntax only: every {…} known, {stem} present, the result inside the
 * output folder. */
static gboolean
check_template_syntax (const char  *name_template,
                       GError     **error)
{
  const char *p = name_template;
  const char *problem = NULL;

  if (strstr (name_template, "{stem}") == NULL)
    problem = _("it needs {stem}, or every photo would get the same name");
  else if (g_path_is_absolute (name_template) || strstr (name_template, "..") != NULL)
    problem = _("it must stay inside the output folder");

  while (problem == NULL && (p = strchr (p, '{')) != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        known |= g_str_has_prefix (p, placeholders[i]);
      if (!known)
        problem = _("the names it can use are {stem}, {variant}, {width} and {height}");
      p++;
    }

  if (problem != NULL)
    g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                 _("The name template “%s” does not work: %s"), name_template, problem);
  return problem == NULL;
}

static char *
expand_name (const char      *name_template,
             const VtVariant *variant,
             const char      *stem)
{
  g_autofree char *w = g_strdup_printf ("%d", variant->width);
  g_autofree char *h = g_strdup_printf ("%d", variant->height);
  const char *values[] = { stem, variant->name, w, h };
  GString *name = g_string_new (name_template);

  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    g_string_replace (name, placeholders[i], values[i], 0);
  return g_string_free (name, FALSE);
}

/**
 * vt_recipe_expand_name:
 * @stem: the photo's name without its extension (already made web-safe
 *   where the recipe asks)
 *
 * Returns: (transfer full): @variant's output path for @stem relative to the
 * output folder, without the `.jpg` the caller adds
 */
char *
vt_recipe_expand_name (VtRecipe        *self,
                       const VtVariant *variant,
                       const char      *stem)
{
  return expand_name (self->name_template, variant, stem);
}

/**
 * vt_recipe_check_name_template:
 *
 * Whether @name_template is usable with @self's sizes: besides its syntax,
 * two sizes must never get the same file.
 */
gboolean
vt_recipe_check_name_template (const char  *name_template,
                               VtRecipe    *self,
                               GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;

  if (!check_template_syntax (name_template, error))
    return FALSE;

  for (guint i = 0; ok && i < self->variants->len; i++)
    ok = g_hash_table_add (seen, expand_name (name_template, vt_recipe_get_variant (self, i), "x"));

  if (!ok)
    g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                 _("The name template “%s” gives two sizes the same file: add {variant}"),
                 name_template);
  return ok;
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

  G_OBJECT_CLASS (vt_recipe_parent_class)->finalize (object);
}

/* Where each scalar property lives, so get/set/notify are written once. */
static const gsize field_offset[N_PROPS] = {
  [PROP_SIZES] = G_STRUCT_OFFSET (VtRecipe, sizes),
  [PROP_FILTERS] = G_STRUCT_OFFSET (VtRecipe, filters),
  [PROP_WATERMARK] = G_STRUCT_OFFSET (VtRecipe, watermark),
  [PROP_WATERMARK_TEXT] = G_STRUCT_OFFSET (VtRecipe, watermark_text),
  [PROP_WATERMARK_OPACITY] = G_STRUCT_OFFSET (VtRecipe, watermark_opacity),
  [PROP_WATERMARK_SIZE] = G_STRUCT_OFFSET (VtRecipe, watermark_size),
  [PROP_WATERMARK_POSITION] = G_STRUCT_OFFSET (VtRecipe, watermark_position),
  [PROP_QUALITY] = G_STRUCT_OFFSET (VtRecipe, quality),
  [PROP_PROGRESSIVE] = G_STRUCT_OFFSET (VtRecipe, progressive),
  [PROP_MAX_MEGAPIXELS] = G_STRUCT_OFFSET (VtRecipe, max_megapixels),
  [PROP_METADATA] = G_STRUCT_OFFSET (VtRecipe, metadata),
  [PROP_NAME_TEMPLATE] = G_STRUCT_OFFSET (VtRecipe, name_template),
  [PROP_WEB_SAFE_NAMES] = G_STRUCT_OFFSET (VtRecipe, web_safe_names),
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
    case PROP_SIZES:
      if (!vt_recipe_set_sizes (self, g_value_get_string (value), &error))
        g_warning ("%s", error->message);
      return;
    case PROP_FILTERS:
      if (!vt_recipe_set_filters (self, g_value_get_string (value), &error))
        g_warning ("%s", error->message);
      return;
    case PROP_NAME_TEMPLATE:
      if (!check_template_syntax (g_value_get_string (value), &error))
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

  properties[PROP_SIZES] =
    g_param_spec_string ("sizes", NULL, NULL, VT_RECIPE_DEFAULT_SIZES, flags);
  properties[PROP_FILTERS] =
    g_param_spec_string ("filters", NULL, NULL, VT_FILTER_CHAIN_DEFAULT, flags);
  properties[PROP_WATERMARK] =
    g_param_spec_boolean ("watermark", NULL, NULL, TRUE, flags);
  properties[PROP_WATERMARK_TEXT] =
    g_param_spec_string ("watermark-text", NULL, NULL, "© Vitrina", flags);
  properties[PROP_WATERMARK_OPACITY] =
    g_param_spec_double ("watermark-opacity", NULL, NULL, 0.0, 1.0, 0.6, flags);
  properties[PROP_WATERMARK_SIZE] =
    g_param_spec_double ("watermark-size", NULL, NULL, 0.01, 0.5, 0.06, flags);
  properties[PROP_WATERMARK_POSITION] =
    g_param_spec_enum ("watermark-position", NULL, NULL, VT_TYPE_WATERMARK_POSITION,
                       VT_WATERMARK_BOTTOM_RIGHT, flags);
  properties[PROP_QUALITY] =
    g_param_spec_int ("quality", NULL, NULL, 1, 100, 85, flags);
  properties[PROP_PROGRESSIVE] =
    g_param_spec_boolean ("progressive", NULL, NULL, FALSE, flags);
  properties[PROP_MAX_MEGAPIXELS] =
    g_param_spec_uint ("max-megapixels", NULL, NULL, 1, 1000, 100, flags);
  properties[PROP_METADATA] =
    g_param_spec_enum ("metadata", NULL, NULL, VT_TYPE_METADATA, VT_METADATA_NONE, flags);
  properties[PROP_NAME_TEMPLATE] =
    g_param_spec_string ("name-template", NULL, NULL, VT_RECIPE_DEFAULT_NAME_TEMPLATE, flags);
  properties[PROP_WEB_SAFE_NAMES] =
    g_param_spec_boolean ("web-safe-names", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vt_recipe_init (VtRecipe *self)
{
  /* Defaults come from the param specs, so there is one place for them. */
  for (guint i = 1; i < N_PROPS; i++)
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

/* ------------------------------------------------------------------------ */
/* Key files: one key per property, in the [Recipe] group.                  */

void
vt_recipe_save_key_file (VtRecipe *self,
                         GKeyFile *key_file)
{
  g_return_if_fail (VT_IS_RECIPE (self));

  for (guint i = 1; i < N_PROPS; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec = properties[i];

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (self), pspec->name, &value);

      if (G_IS_PARAM_SPEC_ENUM (pspec))
        {
          GEnumValue *ev = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                             g_value_get_enum (&value));
          g_key_file_set_string (key_file, KEY_FILE_GROUP, pspec->name, ev->value_nick);
        }
      else if (G_VALUE_HOLDS_DOUBLE (&value))
        {
          /* "%g", for people to read: 0.6, not 0.59999999999999998 */
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_key_file_set_value (key_file, KEY_FILE_GROUP, pspec->name,
                                g_ascii_formatd (number, sizeof number, "%g", g_value_get_double (&value)));
        }
      else if (G_VALUE_HOLDS_STRING (&value))
        g_key_file_set_string (key_file, KEY_FILE_GROUP, pspec->name, g_value_get_string (&value));
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        g_key_file_set_boolean (key_file, KEY_FILE_GROUP, pspec->name, g_value_get_boolean (&value));
      else if (G_VALUE_HOLDS_INT (&value))
        g_key_file_set_integer (key_file, KEY_FILE_GROUP, pspec->name, g_value_get_int (&value));
      else
        g_key_file_set_uint64 (key_file, KEY_FILE_GROUP, pspec->name, g_value_get_uint (&value));
    }
}

static gboolean
read_key (GKeyFile    *key_file,
          GParamSpec  *pspec,
          GValue      *value,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *key = pspec->name;

  g_value_init (value, G_PARAM_SPEC_VALUE_TYPE (pspec));

  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      g_autofree char *nick = g_key_file_get_string (key_file, KEY_FILE_GROUP, key, &local_error);
      GEnumValue *ev = nick ? g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, nick) : NULL;
      if (ev != NULL)
        g_value_set_enum (value, ev->value);
      else if (local_error == NULL)
        g_set_error (&local_error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                     _("Unknown value “%s”"), nick);
    }
  else if (G_VALUE_HOLDS_BOOLEAN (value))
    g_value_set_boolean (value, g_key_file_get_boolean (key_file, KEY_FILE_GROUP, key, &local_error));
  else if (G_VALUE_HOLDS_INT (value))
    g_value_set_int (value, g_key_file_get_integer (key_file, KEY_FILE_GROUP, key, &local_error));
  else if (G_VALUE_HOLDS_UINT (value))
    g_value_set_uint (value, (guint) g_key_file_get_uint64 (key_file, KEY_FILE_GROUP, key, &local_error));
  else if (G_VALUE_HOLDS_DOUBLE (value))
    g_value_set_double (value, g_key_file_get_double (key_file, KEY_FILE_GROUP, key, &local_error));
  else
    g_value_take_string (value, g_key_file_get_string (key_file, KEY_FILE_GROUP, key, &local_error));

  if (local_error == NULL && g_param_value_validate (pspec, value))
    g_set_error_literal (&local_error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                         _("the value is out of range"));

  if (local_error != NULL)
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("Recipe setting “%s”: %s"), key, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * vt_recipe_load_key_file:
 *
 * Reads the keys present in the [Recipe] group; missing keys keep their
 * current values. Nothing is changed unless every key present is valid.
 */
gboolean
vt_recipe_load_key_file (VtRecipe  *self,
                         GKeyFile  *key_file,
                         GError   **error)
{
  GValue values[N_PROPS] = { G_VALUE_INIT };
  g_autoptr(GArray) check_sizes = NULL;
  g_autoptr(GArray) check_filters = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (VT_IS_RECIPE (self), FALSE);

  for (guint i = 1; i < N_PROPS && ok; i++)
    if (g_key_file_has_key (key_file, KEY_FILE_GROUP, properties[i]->name, NULL))
      ok = read_key (key_file, properties[i], &values[i], error);

  /* The settings that parse are checked before anything changes. */
  if (ok && G_IS_VALUE (&values[PROP_SIZES]))
    ok = (check_sizes = parse_sizes (g_value_get_string (&values[PROP_SIZES]), error)) != NULL;
  if (ok && G_IS_VALUE (&values[PROP_FILTERS]))
    ok = (check_filters = vt_filter_chain_parse (g_value_get_string (&values[PROP_FILTERS]), error)) != NULL;
  if (ok && G_IS_VALUE (&values[PROP_NAME_TEMPLATE]))
    ok = check_template_syntax (g_value_get_string (&values[PROP_NAME_TEMPLATE]), error);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    {
      if (!G_IS_VALUE (&values[i]))
        continue;
      if (ok)
        g_object_set_property (G_OBJECT (self), properties[i]->name, &values[i]);
      g_value_unset (&values[i]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return ok;
}

gboolean
vt_recipe_load_file (VtRecipe    *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, error))
    return FALSE;
  return vt_recipe_load_key_file (self, key_file, error);
}

gboolean
vt_recipe_save_file (VtRecipe    *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  vt_recipe_save_key_file (self, key_file);
  return g_key_file_save_to_file (key_file, path, error);
}
