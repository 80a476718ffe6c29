/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-alpha.c: what the pixel steps do for photos with transparency (premultiplied ARGB32)
 *
 * A photo with transparency is premultiplied ARGB32 all the way, as libvips
 * and Cairo keep it: resampling and blurring premultiplied colour is what
 * keeps a transparent pixel's (meaningless) colour out of its neighbours.
 * The filters were written for RGB24 and treat the fourth byte like the
 * other three, so here alpha is taken out before such a filter and put
 * back after it: sharpening works on premultiplied colour, and the result
 * is clamped to the pixel's alpha (a transparent pixel stays colourless,
 * whatever the kernel's negative lobes did next to it); the per-pixel tone
 * filters work on straight colour, premultiplied again after.
 */
#define G_LOG_DOMAIN "vt-alpha"

#include "config.h"

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

/**
 * vt_alpha_detach:
 * @surface: an ARGB32 surface, changed in place
 * @mode: how the step about to run treats pixels
 *
 * Makes @surface look opaque to a step written for RGB24: alpha set to 255
 * and, for %VT_ALPHA_STRAIGHT, colour divided by alpha.
 *
 * Returns: (transfer full): the alpha plane, for vt_alpha_attach()
 */
guint8 *
vt_alpha_detach (cairo_surface_t *surface,
                 VtAlphaMode      mode)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data, *alpha = g_malloc ((gsize) width * height);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);
      guint8 *a_row = alpha + (gsize) y * width;

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];
          guint a = p >> 24, r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

          a_row[x] = a;
          if (mode == VT_ALPHA_STRAIGHT && a != 255)
            {
              r = a ? div_un8 (r, a) : 0;
              g = a ? div_un8 (g, a) : 0;
              b = a ? div_un8 (b, a) : 0;
            }
          row[x] = 0xFF000000u | r << 16 | g << 8 | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return alpha;
}

/**
 * vt_alpha_attach:
 * @alpha: (transfer full): from vt_alpha_detach() on @surface
 * @mode: as given to vt_alpha_detach()
 *
 * Puts @alpha back into @surface, its colour premultiplied again or, for
 * %VT_ALPHA_PREMULTIPLIED, clamped to it.
 */
void
vt_alpha_attach (cairo_surface_t *surface,
                 guint8          *alpha,
                 VtAlphaMode      mode)
{
  g_autofree guint8 *owned = alpha;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);
      const guint8 *a_row = alpha + (gsize) y * width;

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];
          guint a = a_row[x], r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;

          if (mode == VT_ALPHA_STRAIGHT)
            r = mul_un8 (r, a), g = mul_un8 (g, a), b = mul_un8 (b, a);
          else
            r = MIN (r, a), g = MIN (g, a), b = MIN (b, a);
          row[x] = (guint32) a << 24 | r << 16 | g << 8 | b;
        }
    }
  cairo_surface_mark_dirty (surface);
}

/* After a step whose kernel has negative lobes (Lanczos): premultiplied
 * colour never above its alpha. */
void
vt_alpha_clamp (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];
          guint a = p >> 24;

          if (a != 255)
            row[x] = (guint32) a << 24 | MIN ((p >> 16) & 0xFF, a) << 16 |
                     MIN ((p >> 8) & 0xFF, a) << 8 | MIN (p & 0xFF, a);
        }
    }
  cairo_surface_mark_dirty (surface);
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
  cairo_t *cr;

  if (!vt_image_has_alpha (surface))
    return g_steal_pointer (&owned);
  flat = vt_image_new_uninitialized (cairo_image_surface_get_width (surface),
                                     cairo_image_surface_get_height (surface), error);
  if (flat == NULL)
    return NULL;
  cr = cairo_create (flat);
  cairo_set_source_rgb (cr, ((background >> 16) & 0xFF) / 255.0,
                        ((background >> 8) & 0xFF) / 255.0, (background & 0xFF) / 255.0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (flat);
  return flat;
}
