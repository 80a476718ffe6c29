/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-encode.c: the output formats, and one entry point that writes any of them
 *
 * Every writer takes the Cairo surfaces the pipeline works on: RGB24, or
 * ARGB32 (premultiplied) for a photo with transparency. JPEG has no alpha,
 * so such a photo is flattened on white first, as a shop page shows it;
 * WebP, AVIF and PNG keep it. All writers are reentrant: eight workers
 * encode at once.
 */
#define G_LOG_DOMAIN "vt-encode"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vt-codec.h"
#include "vt-encode.h"
#include "vt-image.h"

G_DEFINE_QUARK (vt-encode-error-quark, vt_encode_error)

G_DEFINE_ENUM_TYPE (VtFormat, vt_format,
  G_DEFINE_ENUM_VALUE (VT_FORMAT_JPEG, "jpeg"),
  G_DEFINE_ENUM_VALUE (VT_FORMAT_WEBP, "webp"),
  G_DEFINE_ENUM_VALUE (VT_FORMAT_AVIF, "avif"),
  G_DEFINE_ENUM_VALUE (VT_FORMAT_PNG, "png"))

static const struct {
  const char *name;
  const char *extension;
} formats[VT_N_FORMATS] = {
  [VT_FORMAT_JPEG] = { "jpeg", "jpg" },
  [VT_FORMAT_WEBP] = { "webp", "webp" },
  [VT_FORMAT_AVIF] = { "avif", "avif" },
  [VT_FORMAT_PNG] = { "png", "png" },
};

/* Every field set, so one settings struct can serve any format. */
void
vt_encode_settings_init (VtEncodeSettings *settings,
                         VtFormat          format)
{
  g_return_if_fail (settings != NULL);

  memset (settings, 0, sizeof *settings);
  switch (format)
    {
    case VT_FORMAT_WEBP: settings->quality = VT_ENCODE_DEFAULT_WEBP_QUALITY; break;
    case VT_FORMAT_AVIF: settings->quality = VT_ENCODE_DEFAULT_AVIF_QUALITY; break;
    case VT_FORMAT_JPEG:
    case VT_FORMAT_PNG:
    default: settings->quality = VT_ENCODE_DEFAULT_JPEG_QUALITY; break;
    }
  settings->webp_method = VT_ENCODE_DEFAULT_WEBP_METHOD;
  settings->avif_speed = VT_ENCODE_DEFAULT_AVIF_SPEED;
  settings->png_level = VT_ENCODE_DEFAULT_PNG_LEVEL;
}

const char *
vt_format_to_string (VtFormat format)
{
  g_return_val_if_fail (format < VT_N_FORMATS, NULL);

  return formats[format].name;
}

/* Accepts the names and the extensions, in any case ("JPG", "jpeg"). */
gboolean
vt_format_from_string (const char *name,
                       VtFormat   *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < VT_N_FORMATS; i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0 ||
        g_ascii_strcasecmp (name, formats[i].extension) == 0)
      {
        if (format != NULL)
          *format = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * vt_format_mask_from_string:
 * @text: format names separated by any of @separators, e.g. "avif+jpeg"
 * @mask: (out): a bit (1 << format) for each format named
 *
 * Returns: %FALSE with @error set when a name is not a format or none is
 * given
 */
gboolean
vt_format_mask_from_string (const char  *text,
                            const char  *separators,
                            guint       *mask,
                            GError     **error)
{
  g_auto(GStrv) names = g_strsplit_set (text, separators, -1);
  guint found = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      VtFormat format;
      char *name = g_strstrip (names[i]);

      if (name[0] == '\0')
        continue;
      if (!vt_format_from_string (name, &format))
        {
          g_set_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_UNKNOWN_FORMAT,
                       _("“%s” is not an output format: use jpeg, webp, avif or png"), name);
          return FALSE;
        }
      found |= 1u << format;
    }
  if (found == 0)
    {
      g_set_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_UNKNOWN_FORMAT,
                   _("No output format given: use jpeg, webp, avif or png"));
      return FALSE;
    }
  *mask = found;
  return TRUE;
}

/* The names in @mask, in the enum's order, joined by @separator. */
char *
vt_format_mask_to_string (guint       mask,
                          const char *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < VT_N_FORMATS; i++)
    if (mask & (1u << i))
      g_string_append_printf (text, "%s%s", text->len ? separator : "", formats[i].name);
  return g_string_free (text, FALSE);
}

/* Without the dot: "jpg", "webp", "avif", "png". */
const char *
vt_format_get_extension (VtFormat format)
{
  g_return_val_if_fail (format < VT_N_FORMATS, NULL);

  return formats[format].extension;
}

/* Whether a lower quality makes a smaller file: what a size budget
 * (max-kb) can search over. */
gboolean
vt_format_is_lossy (VtFormat                format,
                    const VtEncodeSettings *settings)
{
  switch (format)
    {
    case VT_FORMAT_JPEG:
    case VT_FORMAT_AVIF:
      return TRUE;
    case VT_FORMAT_WEBP:
      return settings == NULL || !settings->lossless;
    case VT_FORMAT_PNG:
    default:
      return FALSE;
    }
}

gboolean
vt_format_keeps_alpha (VtFormat format)
{
  return format != VT_FORMAT_JPEG;
}

/* An ARGB32 surface with at least one pixel not fully opaque. */
gboolean
vt_encode_has_alpha (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  if (cairo_image_surface_get_format (surface) != CAIRO_FORMAT_ARGB32)
    return FALSE;
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      guint32 all = 0xFF000000u;

      for (int x = 0; x < width; x++)
        all &= row[x];
      if (all < 0xFF000000u)
        return TRUE;
    }
  return FALSE;
}

/* Cairo's native-endian words to R, G, B(, A) bytes; premultiplied colour
 * is divided back out, rounding to nearest. */
void
vt_encode_row_to_rgba (const guint32 *in,
                       guint8        *out,
                       int            width,
                       gboolean       alpha)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = in[x];
      guint a = p >> 24, r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

      if (alpha)
        {
          if (a != 0 && a != 255)
            {
              r = (r * 255 + a / 2) / a;
              g = (g * 255 + a / 2) / a;
              b = (b * 255 + a / 2) / a;
            }
          out[0] = MIN (r, 255u), out[1] = MIN (g, 255u), out[2] = MIN (b, 255u), out[3] = a;
          out += 4;
        }
      else
        {
          out[0] = r, out[1] = g, out[2] = b;
          out += 3;
        }
    }
}

/**
 * vt_encode_exif_tiff:
 * @exif: (nullable): an APP1 payload from vt_metadata_filter()
 *
 * WebP, AVIF and PNG store EXIF as the bare TIFF structure.
 *
 * Returns: (nullable): the TIFF structure inside @exif
 */
const guint8 *
vt_encode_exif_tiff (GBytes *exif,
                     gsize  *len)
{
  gsize size;
  const guint8 *data;

  *len = 0;
  if (exif == NULL)
    return NULL;
  data = g_bytes_get_data (exif, &size);
  if (size <= 6 || memcmp (data, "Exif\0\0", 6) != 0)
    return NULL;
  *len = size - 6;
  return data + 6;
}

/* JPEG carries no alpha: what a shop page would show, on white. */
static cairo_surface_t *
flatten_on_white (cairo_surface_t  *surface,
                  GError          **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  cairo_surface_t *flat = vt_image_new (width, height, error);
  cairo_t *cr;

  if (flat == NULL)
    return NULL;
  cr = cairo_create (flat);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (flat);
  return flat;
}

static GBytes *
encode_jpeg (cairo_surface_t        *surface,
             const VtEncodeSettings *settings,
             GBytes                 *exif,
             GError                **error)
{
  g_autoptr(cairo_surface_t) flat = NULL;

  if (vt_encode_has_alpha (surface))
    {
      flat = flatten_on_white (surface, error);
      if (flat == NULL)
        return NULL;
      surface = flat;
    }
  return vt_codec_jpeg_encode (surface, settings->quality, settings->progressive, exif, error);
}

/**
 * vt_encode_within:
 * @budget: the largest file wanted, in bytes; 0 for no limit
 * @quality: (out) (optional): the quality used (@settings' for a lossless
 *   format)
 * @over_budget: (out) (optional): whether the file is larger than @budget
 *   even at quality 1, or in a lossless format
 *
 * vt_encode() at @settings' quality or, where the file would not fit
 * @budget and the format is lossy, at the highest quality that fits: a
 * binary search that only re-encodes.
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
vt_encode_within (cairo_surface_t        *surface,
                  VtFormat                format,
                  const VtEncodeSettings *settings,
                  gsize                   budget,
                  GBytes                 *exif,
                  int                    *quality,
                  gboolean               *over_budget,
                  GError                **error)
{
  VtEncodeSettings s;
  g_autoptr(GBytes) best = NULL;
  int q;

  if (settings == NULL)
    vt_encode_settings_init (&s, format);
  else
    s = *settings;
  q = s.quality;
  best = vt_encode (surface, format, &s, exif, error);

  if (best != NULL && budget > 0 && g_bytes_get_size (best) > budget && q > 1 &&
      vt_format_is_lossy (format, &s))
    {
      g_autoptr(GBytes) lowest = NULL;   /* quality 1, should nothing fit */
      int lo = 1, hi = q - 1;

      g_clear_pointer (&best, g_bytes_unref);
      while (lo <= hi)
        {
          g_autoptr(GBytes) bytes = NULL;

          s.quality = (lo + hi) / 2;
          if ((bytes = vt_encode (surface, format, &s, exif, error)) == NULL)
            return NULL;
          if (g_bytes_get_size (bytes) <= budget)
            {
              g_clear_pointer (&best, g_bytes_unref);
              best = g_steal_pointer (&bytes);
              q = s.quality, lo = s.quality + 1;
            }
          else
            {
              if (s.quality == 1)
                lowest = g_steal_pointer (&bytes);
              hi = s.quality - 1;
            }
        }
      if (best == NULL)
        best = g_steal_pointer (&lowest), q = 1;
    }

  if (quality != NULL)
    *quality = q;
  if (over_budget != NULL)
    *over_budget = best != NULL && budget > 0 && g_bytes_get_size (best) > budget;
  return g_steal_pointer (&best);
}

/**
 * vt_encode:
 * @surface: an RGB24 or ARGB32 image surface; not changed
 * @settings: (nullable): %NULL for the format's defaults
 * @exif: (nullable): an APP1 EXIF payload from vt_metadata_filter()
 *
 * Encodes @surface as @format. Every output is sRGB and says so, as its
 * format expects; @exif is its only other metadata.
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
vt_encode (cairo_surface_t        *surface,
           VtFormat                format,
           const VtEncodeSettings *settings,
           GBytes                 *exif,
           GError                **error)
{
  VtEncodeSettings defaults;
  cairo_format_t kind;

  g_return_val_if_fail (surface != NULL, NULL);
  g_return_val_if_fail (format < VT_N_FORMATS, NULL);

  kind = cairo_image_surface_get_format (surface);
  g_return_val_if_fail (kind == CAIRO_FORMAT_RGB24 || kind == CAIRO_FORMAT_ARGB32, NULL);

  if (settings == NULL)
    {
      vt_encode_settings_init (&defaults, format);
      settings = &defaults;
    }
  cairo_surface_flush (surface);

  switch (format)
    {
    case VT_FORMAT_WEBP: return vt_encode_webp (surface, settings, exif, error);
    case VT_FORMAT_AVIF: return vt_encode_avif (surface, settings, exif, error);
    case VT_FORMAT_PNG: return vt_encode_png (surface, settings, exif, error);
    case VT_FORMAT_JPEG:
    default: return encode_jpeg (surface, settings, exif, error);
    }
}
