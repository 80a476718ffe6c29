/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-alpha.c: what the pixel steps do for photos with transparency (premultiplied ARGB32)
 *
 * A photo with transparency is premultiplied ARGB32 all the way, as libvips
 * and Cairo keep it: resampling and blurring premultiplied colour is what
 * keeps a transparent pixel's (meaningless) colour out of its neighbours.
 * The filters were written for RGB24 and treat the fourth byte like the
 * other three, so here alpha is taken out before such a filter and put
 * back after it. The per-pixel tone filters work on straight colour,
 * premultiplied again after. Sharpening works on straight colour too, with
 * the colour at the edge first spread a few pixels into the transparent
 * area: a kernel reaching past the edge then finds the object's colour
 * there, not black, and does not lighten the edge into a halo.
 */
#define G_LOG_DOMAIN "vt-alpha"

#include "config.h"

#include <string.h>

#include "vt-alpha.h"
#include "vt-image.h"

/* c · a / 255, rounded as pixman rounds it. */
static inline guint
mul_un8 (guint c,
         guint a)
{
  guint t = c * a + 0x80;

  return ((t >> 8) + t) >> 8;
}

static inline guint
div_un8 (guint c,
         guint a)
{
  return MIN ((c * 255 + a / 2) / a, 255u);
}

/* How far the colour at the edge is spread: past the widest sharpening
 * kernel the recipes use. */
#define BLEED_PASSES 8
/* Below this alpha a pixel's straight colour is mostly rounding error
 * (divided by a few units), so it takes its neighbours' too. */
#define BLEED_MIN_ALPHA 64

/* Gives each (nearly) transparent pixel next to a coloured one the mean of
 * its coloured 4-neighbours, @BLEED_PASSES rings deep. */
static void
bleed (guint32      *data,
       int           width,
       int           height,
       int           stride,
       const guint8 *alpha)
{
  gsize n = (gsize) width * height;
  g_autofree guint8 *filled = g_malloc (n);
  g_autofree guint8 *next = g_malloc (n);
  int words = stride / 4;

  for (gsize i = 0; i < n; i++)
    filled[i] = alpha[i] >= BLEED_MIN_ALPHA;
  for (int pass = 0; pass < BLEED_PASSES; pass++)
    {
      gboolean grew = FALSE;

      memcpy (next, filled, n);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            const int dx[] = { -1, 1, 0, 0 }, dy[] = { 0, 0, -1, 1 };
            guint r = 0, g = 0, b = 0, count = 0;

            if (filled[(gsize) y * width + x])
              continue;
            for (int k = 0; k < 4; k++)
              {
                int nx = x + dx[k], ny = y + dy[k];
                guint32 p;

                if (nx < 0 || ny < 0 || nx >= width || ny >= height || !filled[(gsize) ny * width + nx])
                  continue;
                p = data[(gsize) ny * words + nx];
                r += (p >> 16) & 0xFF, g += (p >> 8) & 0xFF, b += p & 0xFF;
                count++;
              }
            if (count == 0)
              continue;
            data[(gsize) y * words + x] = 0xFF000000u | (r / count) << 16 | (g / count) << 8 | (b / count);
            next[(gsize) y * width + x] = 1;
            grew = TRUE;
          }
      memcpy (filled, next, n);
      if (!grew)
        break;
    }
}

typedef void (*RowFunc) (guint32 *row,
                         guint8  *alpha,
                         int      width);

/* @func on each row of @surface, with that row of @alpha (width bytes a
 * row) when there is one. */
static void
for_each_row (cairo_surface_t *surface,
              guint8          *alpha,
              RowFunc          func)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    func ((guint32 *) (data + (gsize) y * stride), alpha ? alpha + (gsize) y * width : NULL, width);
  cairo_surface_mark_dirty (surface);
}

/**
 * vt_alpha_unpremultiply_row:
 * @row: premultiplied ARGB32 pixels, changed in place
 * @alpha: (out caller-allocates): @width bytes, the pixels' alpha
 *
 * Leaves straight colour under an alpha of 255 (black where the pixel was
 * transparent), as a step written for RGB24 or LittleCMS takes it.
 */
void
vt_alpha_unpremultiply_row (guint32 *row,
                            guint8  *alpha,
                            int      width)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = row[x];
      guint a = p >> 24, r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

      alpha[x] = a;
      if (a != 255)
        {
          r = a ? div_un8 (r, a) : 0;
          g = a ? div_un8 (g, a) : 0;
          b = a ? div_un8 (b, a) : 0;
        }
      row[x] = 0xFF000000u | r << 16 | g << 8 | b;
    }
}

/**
 * vt_alpha_premultiply_row:
 * @row: straight colour, changed in place
 * @alpha: @width bytes, from vt_alpha_unpremultiply_row()
 *
 * The reverse of vt_alpha_unpremultiply_row(), exact for colour it left
 * untouched; a transparent pixel comes out colourless whatever its colour.
 */
void
vt_alpha_premultiply_row (guint32      *row,
                          const guint8 *alpha,
                          int           width)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = row[x];
      guint a = alpha[x], r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

      r = mul_un8 (r, a), g = mul_un8 (g, a), b = mul_un8 (b, a);
      row[x] = (guint32) a << 24 | r << 16 | g << 8 | b;
    }
}

/**
 * vt_alpha_detach:
 * @surface: an ARGB32 surface, changed in place
 * @mode: how the step about to run treats pixels
 *
 * Makes @surface look opaque to a step written for RGB24: alpha set to 255
 * and, for %VT_ALPHA_STRAIGHT and %VT_ALPHA_BLED, colour divided by alpha
 * (and, for the latter, spread into the transparent pixels around).
 *
 * Returns: (transfer full): the alpha plane, for vt_alpha_attach()
 */
guint8 *
vt_alpha_detach (cairo_surface_t *surface,
                 VtAlphaMode      mode)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint8 *alpha = g_malloc ((gsize) width * height);

  for_each_row (surface, alpha, vt_alpha_unpremultiply_row);
  if (mode == VT_ALPHA_BLED)
    {
      bleed ((guint32 *) cairo_image_surface_get_data (surface), width, height,
             cairo_image_surface_get_stride (surface), alpha);
      cairo_surface_mark_dirty (surface);
    }
  return alpha;
}

static void
premultiply_row (guint32 *row,
                 guint8  *alpha,
                 int      width)
{
  vt_alpha_premultiply_row (row, alpha, width);
}

/**
 * vt_alpha_attach:
 * @alpha: (transfer full): from vt_alpha_detach() on @surface
 *
 * Puts @alpha back into @surface and premultiplies its colour again, which
 * leaves a transparent pixel colourless whatever the step did to it.
 */
void
vt_alpha_attach (cairo_surface_t *surface,
                 guint8          *alpha)
{
  g_autofree guint8 *owned = alpha;

  for_each_row (surface, alpha, premultiply_row);
}

static void
clamp_row (guint32 *row,
           guint8  *alpha,
           int      width)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = row[x];
      guint a = p >> 24;

      if (a != 255)
        row[x] = (guint32) a << 24 | MIN ((p >> 16) & 0xFF, a) << 16 |
                 MIN ((p >> 8) & 0xFF, a) << 8 | MIN (p & 0xFF, a);
    }
}

/* After a step whose kernel has negative lobes (Lanczos): premultiplied
 * colour never above its alpha. */
void
vt_alpha_clamp (cairo_surface_t *surface)
{
  for_each_row (surface, NULL, clamp_row);
}

/* Whether every pixel of the ARGB32 @surface is opaque. */
gboolean
vt_alpha_is_opaque (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              (gsize) y * cairo_image_surface_get_stride (surface));
      guint32 all = G_MAXUINT32;

      /* ANDed together: a loop the compiler vectorises. */
      for (int x = 0; x < width; x++)
        all &= row[x];
      if (all >> 24 != 255)
        return FALSE;
    }
  return TRUE;
}

/* Premultiplied @in over the opaque @background, as Cairo's OVER rounds it:
 * the colour plus the background's share left by alpha. */
static void
flatten_row (const guint32 *in,
             guint32       *out,
             int            width,
             guint32        background)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = in[x], q = 0xFF000000u;
      guint left = 255 - (p >> 24);

      for (int shift = 0; shift < 24; shift += 8)
        q |= MIN (((p >> shift) & 0xFF) + mul_un8 ((background >> shift) & 0xFF, left), 255u) << shift;
      out[x] = q;
    }
}

/**
 * vt_alpha_flatten:
 * @surface: (transfer full): a photo, with transparency or not
 * @background: the colour under it, as 0xRRGGBB
 *
 * A photo with transparency as it shows on @background: for a size that
 * pads on a colour, or writes only formats without alpha.
 *
 * Returns: (transfer full): an RGB24 surface (@surface itself when it is
 * one), or %NULL with @error set
 */
cairo_surface_t *
vt_alpha_flatten (cairo_surface_t  *surface,
                  guint32           background,
                  GError          **error)
{
  g_autoptr(cairo_surface_t) owned = surface;
  cairo_surface_t *flat;
  int height = cairo_image_surface_get_height (surface);

  if (!vt_image_has_alpha (surface))
    return g_steal_pointer (&owned);
  flat = vt_image_new_uninitialized (cairo_image_surface_get_width (surface), height, error);
  if (flat == NULL)
    return NULL;
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    flatten_row ((const guint32 *) (cairo_image_surface_get_data (surface) +
                                    (gsize) y * cairo_image_surface_get_stride (surface)),
                 (guint32 *) (cairo_image_surface_get_data (flat) +
                              (gsize) y * cairo_image_surface_get_stride (flat)),
                 cairo_image_surface_get_width (surface), background);
  cairo_surface_mark_dirty (flat);
  return flat;
}
