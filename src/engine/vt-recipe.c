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

#include "vt-recipe.h"

#define KEY_FILE_GROUP "Recipe"
#define MAX_SIDE 16000

struct _VtRecipe
{
  GObject              parent_instance;

  char                *sizes;
  GArray              *variants;   /* VtVariant */
  gboolean             sharpen;
  gboolean             unsharp;
  double               unsharp_radius;
  int                  unsharp_percent;
  int                  unsharp_threshold;
  gboolean             watermark;
  char                *watermark_text;
  double               watermark_opacity;
  double               watermark_size;
  VtWatermarkPosition  watermark_position;
  int                  quality;
  gboolean             progressive;
  guint                max_megapixels;
};

G_DEFINE_FINAL_TYPE (VtRecipe, vt_recipe, G_TYPE_OBJECT)
G_DEFINE_QUARK (vt-recipe-error-quark, vt_recipe_error)

enum {
  PROP_0,
  PROP_SIZES,
  PROP_SHARPEN,
  PROP_UNSHARP,
  PROP_UNSHARP_RADIUS,
  PROP_UNSHARP_PERCENT,
  PROP_UNSHARP_THRESHOLD,
  PROP_WATERMARK,
  PROP_WATERMARK_TEXT,
  PROP_WATERMARK_OPACITY,
  PROP_WATERMARK_SIZE,
  PROP_WATERMARK_POSITION,
  PROP_QUALITY,
  PROP_PROGRESSIVE,
  PROP_MAX_MEGAPIXELS,
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
parse_variant (const char  *item,
               VtVariant   *variant,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (item, "=", 2);
  char *end = NULL;
  guint64 w, h;

  if (g_strv_length (parts) != 2 || !valid_variant_name (g_strstrip (parts[0])))
    goto invalid;

  w = g_ascii_strtoull (g_strstrip (parts[1]), &end, 10);
  if (end == parts[1] || (*end != 'x' && *end != 'X'))
    goto invalid;
  {
    const char *hs = end + 1;
    h = g_ascii_strtoull (hs, &end, 10);
    if (end == hs || *end != '\0')
      goto invalid;
  }
  if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE)
    goto invalid;

  variant->name = g_strdup (parts[0]);
  variant->width = (int) w;
  variant->height = (int) h;
  return TRUE;

invalid:
  g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
               _("“%s” is not a size: expected NAME=WIDTHxHEIGHT, for example large=1200x1200"),
               item);
  return FALSE;
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

/**
 * vt_recipe_set_sizes:
 * @sizes: comma-separated `name=WIDTHxHEIGHT` boxes
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
      const VtVariant *v = &g_array_index (variants, VtVariant, i);
      g_string_append_printf (canonical, "%s%s=%dx%d", i ? "," : "", v->name, v->width, v->height);
    }

  if (g_strcmp0 (canonical->str, self->sizes) == 0)
    {
      g_string_free (canonical, TRUE);
      return TRUE;
    }

  g_free (self->sizes);
  self->sizes = g_string_free (canonical, FALSE);
  g_clear_pointer (&self->variants, g_array_unref);
  self->variants = g_steal_pointer (&variants);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZES]);
  return TRUE;
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

gboolean vt_recipe_get_sharpen (VtRecipe *self) { return self->sharpen; }
gboolean vt_recipe_get_unsharp (VtRecipe *self) { return self->unsharp; }
double vt_recipe_get_unsharp_radius (VtRecipe *self) { return self->unsharp_radius; }
int vt_recipe_get_unsharp_percent (VtRecipe *self) { return self->unsharp_percent; }
int vt_recipe_get_unsharp_threshold (VtRecipe *self) { return self->unsharp_threshold; }
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
  g_clear_pointer (&self->watermark_text, g_free);

  G_OBJECT_CLASS (vt_recipe_parent_class)->finalize (object);
}

/* Where each scalar property lives, so get/set/notify are written once. */
static const gsize field_offset[N_PROPS] = {
  [PROP_SHARPEN] = G_STRUCT_OFFSET (VtRecipe, sharpen),
  [PROP_UNSHARP] = G_STRUCT_OFFSET (VtRecipe, unsharp),
  [PROP_UNSHARP_RADIUS] = G_STRUCT_OFFSET (VtRecipe, unsharp_radius),
  [PROP_UNSHARP_PERCENT] = G_STRUCT_OFFSET (VtRecipe, unsharp_percent),
  [PROP_UNSHARP_THRESHOLD] = G_STRUCT_OFFSET (VtRecipe, unsharp_threshold),
  [PROP_WATERMARK] = G_STRUCT_OFFSET (VtRecipe, watermark),
  [PROP_WATERMARK_OPACITY] = G_STRUCT_OFFSET (VtRecipe, watermark_opacity),
  [PROP_WATERMARK_SIZE] = G_STRUCT_OFFSET (VtRecipe, watermark_size),
  [PROP_WATERMARK_POSITION] = G_STRUCT_OFFSET (VtRecipe, watermark_position),
  [PROP_QUALITY] = G_STRUCT_OFFSET (VtRecipe, quality),
  [PROP_PROGRESSIVE] = G_STRUCT_OFFSET (VtRecipe, progressive),
  [PROP_MAX_MEGAPIXELS] = G_STRUCT_OFFSET (VtRecipe, max_megapixels),
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

  switch (prop_id)
    {
    case PROP_SIZES:
      g_value_set_string (value, self->sizes);
      return;
    case PROP_WATERMARK_TEXT:
      g_value_set_string (value, self->watermark_text);
      return;
    default:
      break;
    }

  field = FIELD_OF (self, prop_id);
  switch (G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
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
    default: SET (int, g_value_get_enum)
#undef SET
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
    case PROP_WATERMARK_TEXT:
      if (g_strcmp0 (self->watermark_text, g_value_get_string (value)) != 0)
        {
          g_free (self->watermark_text);
          self->watermark_text = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      return;
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
  properties[PROP_SHARPEN] =
    g_param_spec_boolean ("sharpen", NULL, NULL, TRUE, flags);
  properties[PROP_UNSHARP] =
    g_param_spec_boolean ("unsharp", NULL, NULL, TRUE, flags);
  properties[PROP_UNSHARP_RADIUS] =
    g_param_spec_double ("unsharp-radius", NULL, NULL, 0.0, 50.0, 2.0, flags);
  properties[PROP_UNSHARP_PERCENT] =
    g_param_spec_int ("unsharp-percent", NULL, NULL, 0, 500, 150, flags);
  properties[PROP_UNSHARP_THRESHOLD] =
    g_param_spec_int ("unsharp-threshold", NULL, NULL, 0, 255, 3, flags);
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
        g_key_file_set_double (key_file, KEY_FILE_GROUP, pspec->name, g_value_get_double (&value));
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
  g_autoptr(GArray) check = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (VT_IS_RECIPE (self), FALSE);

  for (guint i = 1; i < N_PROPS && ok; i++)
    if (g_key_file_has_key (key_file, KEY_FILE_GROUP, properties[i]->name, NULL))
      ok = read_key (key_file, properties[i], &values[i], error);

  if (ok && G_IS_VALUE (&values[PROP_SIZES]))
    {
      check = parse_sizes (g_value_get_string (&values[PROP_SIZES]), error);
      ok = check != NULL;
    }

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
