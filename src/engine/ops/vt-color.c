/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-color.c: embedded colour profiles, converted to sRGB for the web
 *
 * Browsers show untagged JPEGs as sRGB, so a photo in Adobe RGB or Display
 * P3 must be converted or its colours come out dull. LittleCMS does the
 * work, with a context per call so workers never share its state.
 */
#define G_LOG_DOMAIN "vt-color"

#include "config.h"

#include <string.h>
#include <lcms2.h>

#include "vt-alpha.h"
#include "vt-color.h"

/* CAIRO_FORMAT_RGB24 in memory order */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
# define CAIRO_LCMS TYPE_BGRA_8
#else
# define CAIRO_LCMS TYPE_ARGB_8
#endif

static gboolean
describes_srgb (cmsHPROFILE profile)
{
  char description[256] = "";

  cmsGetProfileInfoASCII (profile, cmsInfoDescription, "en", "US", description, sizeof description);
  return strstr (description, "sRGB") != NULL;
}

gboolean
vt_color_is_srgb_profile (const guint8 *icc,
                          gsize         len)
{
  cmsContext ctx = cmsCreateContext (NULL, NULL);
  cmsHPROFILE profile = cmsOpenProfileFromMemTHR (ctx, icc, len);
  gboolean srgb = profile != NULL && describes_srgb (profile);

  if (profile != NULL)
    cmsCloseProfile (profile);
  cmsDeleteContext (ctx);
  return srgb;
}

/* A photo with transparency is converted as straight colour, alpha put
 * back untouched: LittleCMS's own premultiplied 8-bit formats (2.14)
 * scale the colour wrongly. */
static void
convert_rows (cairo_surface_t *surface,
              cmsHTRANSFORM    transform)
{
  int width = cairo_image_surface_get_width (surface);
  gboolean alpha = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32;
  g_autofree guint8 *row_alpha = alpha ? g_malloc (width) : NULL;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      guint8 *row = cairo_image_surface_get_data (surface) + (gsize) y * cairo_image_surface_get_stride (surface);

      if (alpha)
        vt_alpha_unpremultiply_row ((guint32 *) row, row_alpha, width);
      cmsDoTransform (transform, row, row, width);
      if (alpha)
        vt_alpha_premultiply_row ((guint32 *) row, row_alpha, width);
    }
  cairo_surface_mark_dirty (surface);
}

/**
 * vt_color_to_srgb:
 * @icc: the photo's embedded RGB profile
 *
 * Converts @surface in place. sRGB photos, and profiles that are not RGB or
 * cannot be read, are left untouched.
 *
 * Returns: whether anything was converted
 */
gboolean
vt_color_to_srgb (cairo_surface_t *surface,
                  const guint8    *icc,
                  gsize            len)
{
  cmsContext ctx = cmsCreateContext (NULL, NULL);
  cmsHPROFILE in = cmsOpenProfileFromMemTHR (ctx, icc, len);
  cmsHPROFILE out = NULL;
  cmsHTRANSFORM transform = NULL;
  gboolean converted = FALSE;

  if (in == NULL || cmsGetColorSpace (in) != cmsSigRgbData || describes_srgb (in))
    goto done;

  out = cmsCreate_sRGBProfileTHR (ctx);
  transform = cmsCreateTransformTHR (ctx, in, CAIRO_LCMS, out, CAIRO_LCMS, INTENT_PERCEPTUAL, 0);
  if (transform == NULL)
    goto done;
  convert_rows (surface, transform);
  converted = TRUE;

done:
  if (transform != NULL)
    cmsDeleteTransform (transform);
  if (out != NULL)
    cmsCloseProfile (out);
  if (in != NULL)
    cmsCloseProfile (in);
  cmsDeleteContext (ctx);
  return converted;
}

struct _VtCmykTransform
{
  cmsContext    ctx;
  cmsHTRANSFORM transform;
};

/**
 * vt_cmyk_transform_new:
 * @icc: a CMYK profile, as print studios embed
 * @inverted: the CMYK values are stored inverted (Adobe's JPEGs)
 *
 * Returns: (nullable): a transform to sRGB, or %NULL when @icc is not a
 * usable CMYK profile
 */
VtCmykTransform *
vt_cmyk_transform_new (const guint8 *icc,
                       gsize         len,
                       gboolean      inverted)
{
  VtCmykTransform *self = g_new0 (VtCmykTransform, 1);
  cmsHPROFILE in, out;

  self->ctx = cmsCreateContext (NULL, NULL);
  in = cmsOpenProfileFromMemTHR (self->ctx, icc, len);
  if (in != NULL && cmsGetColorSpace (in) == cmsSigCmykData)
    {
      out = cmsCreate_sRGBProfileTHR (self->ctx);
      self->transform = cmsCreateTransformTHR (self->ctx, in, inverted ? TYPE_CMYK_8_REV : TYPE_CMYK_8,
                                               out, CAIRO_LCMS, INTENT_PERCEPTUAL, 0);
      cmsCloseProfile (out);
    }
  if (in != NULL)
    cmsCloseProfile (in);

  if (self->transform == NULL)
    {
      vt_cmyk_transform_free (self);
      return NULL;
    }
  return self;
}

void
vt_cmyk_transform_row (VtCmykTransform *self,
                       const guint8    *cmyk,
                       guint8          *rgb24,
                       int              width)
{
  cmsDoTransform (self->transform, cmyk, rgb24, width);
  for (int x = 0; x < width; x++)
    ((guint32 *) rgb24)[x] |= 0xFF000000u;
}

void
vt_cmyk_transform_free (VtCmykTransform *self)
{
  if (self->transform != NULL)
    cmsDeleteTransform (self->transform);
  cmsDeleteContext (self->ctx);
  g_free (self);
}
