/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-sizes.c: the sizes mini-language, `NAME=WIDTHxHEIGHT[:option=value…]`, read and written */
#define G_LOG_DOMAIN "vt-recipe"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pango.h>

#include "vt-sizes.h"
#include "vt-trim.h"

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
parse_yes_no (const char *value,
              gboolean   *flag)
{
  if (!g_str_equal (value, "yes") && !g_str_equal (value, "no"))
    return FALSE;
  *flag = g_str_equal (value, "yes");
  return TRUE;
}

/* The yes/no options, by the field of VtVariant each sets; trim, whiten
 * and enlarge are for marketplaces' main photos. */
static const struct {
  const char *key;
  gsize       offset;
} flag_options[] = {
  { "watermark", G_STRUCT_OFFSET (VtVariant, watermark) },
  { "logo", G_STRUCT_OFFSET (VtVariant, logo) },
  { "trim", G_STRUCT_OFFSET (VtVariant, trim) },
  { "whiten", G_STRUCT_OFFSET (VtVariant, whiten) },
  { "enlarge", G_STRUCT_OFFSET (VtVariant, enlarge) },
};

static gboolean
parse_variant_option (VtVariant   *v,
                      const char  *key,
                      const char  *value)
{
  double number;
  int e;

  for (guint i = 0; i < G_N_ELEMENTS (flag_options); i++)
    if (g_str_equal (key, flag_options[i].key))
      return parse_yes_no (value, G_STRUCT_MEMBER_P (v, flag_options[i].offset));

  if (g_str_equal (key, "fit") && parse_enum (VT_TYPE_FIT, value, &e))
    v->fit = e;
  else if (g_str_equal (key, "background"))
    return parse_colour (value, &v->background);
  else if (g_str_equal (key, "sharpen") && parse_number (value, 0, 4, &number))
    v->sharpen = number;
  else if (g_str_equal (key, "max-kb") && parse_number (value, 0, 1000000, &number) && number == (int) number)
    v->max_kb = (int) number;
  else if (g_str_equal (key, "format"))
    return vt_format_mask_from_string (value, "+", &v->formats, NULL);
  else if (g_str_equal (key, "fill") && parse_number (value, 1, 100, &number))
    v->fill = number;
  else if (g_str_equal (key, "trim-tolerance") && parse_number (value, 0.1, 100, &number))
    v->tolerance = number;
  else
    return FALSE;
  return TRUE;
}

/**
 * vt_sizes_parse_box:
 * @text: `WIDTHxHEIGHT`, each side 1 to %VT_SIZES_MAX_SIDE pixels
 *
 * The one place a box is read, for the sizes text and the command line.
 *
 * Returns: %FALSE, leaving @width and @height alone, when @text is not a box
 */
gboolean
vt_sizes_parse_box (const char *text,
                    int        *width,
                    int        *height)
{
  char *end = NULL;
  gint64 w, h;

  w = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || w < 1 || h < 1 || w > VT_SIZES_MAX_SIDE || h > VT_SIZES_MAX_SIDE)
    return FALSE;

  *width = (int) w;
  *height = (int) h;
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
  if (!vt_sizes_parse_box (g_strstrip (options[0]), &v.width, &v.height))
    goto invalid;

  for (guint i = 1; options[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (options[i], "=", 2);

      if (kv[0] == NULL || kv[1] == NULL ||
          !parse_variant_option (&v, g_strstrip (kv[0]), g_strstrip (kv[1])))
        {
          g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                       _("Size “%s”: “%s” is not an option; the options are fit=fit|fill|pad, "
                         "background=COLOUR, watermark=yes|no, logo=yes|no, sharpen=0…4, max-kb=N, "
                         "format=jpeg+webp+avif+png, trim=yes|no, fill=1…100, whiten=yes|no, "
                         "trim-tolerance=PERCENT and enlarge=yes|no"),
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
  if (!v->logo)
    g_string_append (text, ":logo=no");
  if (v->formats != VT_FORMAT_BIT (VT_FORMAT_JPEG))
    {
      g_autofree char *formats = vt_format_mask_to_string (v->formats, "+");
      g_string_append_printf (text, ":format=%s", formats);
    }
  if (v->trim)
    g_string_append (text, ":trim=yes");
  if (v->fill > 0)
    g_string_append_printf (text, ":fill=%s", g_ascii_formatd (number, sizeof number, "%g", v->fill));
  if (v->whiten)
    g_string_append (text, ":whiten=yes");
  if (v->tolerance > 0)
    g_string_append_printf (text, ":trim-tolerance=%s",
                            g_ascii_formatd (number, sizeof number, "%g", v->tolerance));
  if (v->enlarge)
    g_string_append (text, ":enlarge=yes");
  return g_string_free (text, FALSE);
}

/* Whether @variant cuts the photo to its product first (fill implies it). */
gboolean
vt_variant_trims (const VtVariant *variant)
{
  return variant->trim || variant->fill > 0;
}

/* The backdrop tolerance @variant trims and whitens with, in percent. */
double
vt_variant_get_tolerance (const VtVariant *variant)
{
  return variant->tolerance > 0 ? variant->tolerance : VT_TRIM_DEFAULT_TOLERANCE;
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

/**
 * vt_sizes_parse:
 * @sizes: comma-separated `name=WIDTHxHEIGHT[:option=value...]` boxes
 *
 * Returns: (transfer full) (element-type VtVariant): the sizes, or %NULL
 * with @error set when @sizes does not parse
 */
GArray *
vt_sizes_parse (const char  *sizes,
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
 * vt_sizes_to_string:
 * @variants: (element-type VtVariant): sizes
 *
 * Returns: (transfer full): @variants as the sizes text writes them, the
 * canonical form a recipe keeps
 */
char *
vt_sizes_to_string (GArray *variants)
{
  g_auto(GStrv) items = g_new0 (char *, variants->len + 1);

  for (guint i = 0; i < variants->len; i++)
    items[i] = vt_variant_to_string (&g_array_index (variants, VtVariant, i));
  return g_strjoinv (",", items);
}
