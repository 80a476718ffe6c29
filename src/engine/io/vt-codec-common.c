/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-common.c: what the decoders share: the pixel limit, and what to do once they have pixels */
#define G_LOG_DOMAIN "vt-codec"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vt-codec.h"
#include "vt-color.h"
#include "vt-metadata.h"

/**
 * vt_codec_check_pixels:
 * @width: the photo's width, as its file gives it
 * @height: its height
 *
 * Returns: %FALSE with @error set when @width × @height pixels are more
 * than @hints allow
 */
gboolean
vt_codec_check_pixels (guint               width,
                       guint               height,
                       const VtLoadHints  *hints,
                       GError            **error)
{
  if ((guint64) width * height <= hints->max_pixels)
    return TRUE;

  g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_TOO_LARGE,
               _("The photo is %u × %u pixels, above the limit of %u megapixels"),
               width, height, (guint) (hints->max_pixels / 1000000));
  return FALSE;
}

/**
 * vt_codec_rgba_row:
 * @in: 8-bit samples: grey (1), grey and alpha (2), RGB (3) or RGBA (4)
 * @n_channels: how many samples make a pixel
 *
 * One row into an RGB24 surface's row; alpha is composited over white, as
 * a shop page shows it.
 */
void
vt_codec_rgba_row (const guint8 *in,
                   guint32      *out,
                   int           width,
                   int           n_channels)
{
  gboolean grey = n_channels <= 2;
  gboolean alpha = n_channels == 2 || n_channels == 4;

  for (int x = 0; x < width; x++, in += n_channels)
    {
      guint r = in[0], g = grey ? in[0] : in[1], b = grey ? in[0] : in[2];

      if (alpha)
        {
          guint a = in[n_channels - 1], white = 255 * (255 - a);

          r = (r * a + white + 127) / 255;
          g = (g * a + white + 127) / 255;
          b = (b * a + white + 127) / 255;
        }
      out[x] = 0xFF000000u | r << 16 | g << 8 | b;
    }
}

/* Whether any pixel of @rgba is not fully opaque. */
static gboolean
any_transparent (const guint8 *rgba,
                 int           width,
                 int           height,
                 gsize         stride,
                 int           n_channels)
{
  if (n_channels != 2 && n_channels != 4)
    return FALSE;
  for (int y = 0; y < height; y++)
    {
      const guint8 *in = rgba + (gsize) y * stride;
      guint8 all[4] = { 255, 255, 255, 255 };

      if (n_channels == 4)
        {
          /* Whole pixels ANDed together: a loop the compiler vectorises,
           * for the opaque photos that pay it on every row. */
          guint32 word = G_MAXUINT32;

          for (int x = 0; x < width; x++)
            {
              guint32 p;

              memcpy (&p, in + 4 * x, 4);
              word &= p;
            }
          memcpy (all, &word, 4);
        }
      else
        for (int x = 0; x < width; x++)
          all[3] &= in[2 * x + 1];
      if (all[3] != 255)
        return TRUE;
    }
  return FALSE;
}

/* One row into an ARGB32 surface's row, premultiplied as pixman rounds. */
static void
premultiply_row (const guint8 *in,
                 guint32      *out,
                 int           width,
                 int           n_channels)
{
  gboolean grey = n_channels == 2;

  for (int x = 0; x < width; x++, in += n_channels)
    {
      guint a = in[n_channels - 1], c[3] = { in[0], grey ? in[0] : in[1], grey ? in[0] : in[2] };

      for (int i = 0; i < 3; i++)
        {
          guint t = c[i] * a + 0x80;
          c[i] = ((t >> 8) + t) >> 8;
        }
      out[x] = a << 24 | c[0] << 16 | c[1] << 8 | c[2];
    }
}

/**
 * vt_codec_rgba_to_surface:
 * @rgba: rows of 8-bit samples, as vt_codec_rgba_row() takes them
 * @keep_alpha: keep transparency rather than composite it on white
 *
 * Returns: (transfer full) (nullable): the pixels as an RGB24 surface or,
 * when @keep_alpha and some pixel is not fully opaque, as a premultiplied
 * ARGB32 one; %NULL with @error set
 */
cairo_surface_t *
vt_codec_rgba_to_surface (const guint8  *rgba,
                          int            width,
                          int            height,
                          gsize          stride,
                          int            n_channels,
                          gboolean       keep_alpha,
                          GError       **error)
{
  gboolean alpha = keep_alpha && any_transparent (rgba, width, height, stride, n_channels);
  cairo_surface_t *surface = vt_image_new_format (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                                  width, height, error);
  guint8 *out;
  int out_stride;

  if (surface == NULL)
    return NULL;
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *in = rgba + (gsize) y * stride;
      guint32 *row = (guint32 *) (out + (gsize) y * out_stride);

      if (alpha)
        premultiply_row (in, row, width, n_channels);
      else
        vt_codec_rgba_row (in, row, width, n_channels);
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/**
 * vt_codec_finish:
 * @surface: (transfer full): the decoded pixels, as stored
 * @icc: (nullable): the embedded colour profile
 * @exif: (nullable): the EXIF block, as an APP1 payload
 * @orientation: the EXIF orientation to apply, 1–8
 *
 * Does to a photo what the JPEG decoder does: sRGB from the embedded
 * profile, turned upright, and its EXIF kept when the recipe keeps any.
 *
 * Returns: (transfer full): the photo, ready for the pipeline
 */
cairo_surface_t *
vt_codec_finish (cairo_surface_t   *surface,
                 const guint8      *icc,
                 gsize              icc_len,
                 GBytes            *exif,
                 int                orientation,
                 const VtLoadHints *hints)
{
  if (icc != NULL && icc_len > 0)
    vt_color_to_srgb (surface, icc, icc_len);
  surface = vt_image_orient (surface, orientation);
  if (exif != NULL && hints->keep_exif)
    vt_metadata_attach (surface, exif);
  return surface;
}
