/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-fit.c: fit geometry: a photo put into a box by shrinking, padding or cropping
 *
 * Each fit gives the pixels of a Pillow call: Image.thumbnail() for
 * inside, ImageOps.pad() for pad and ImageOps.fit() for fill.
 */
#define G_LOG_DOMAIN "vt-fit"

#include "config.h"

#include <math.h>

#include "vt-fit.h"
#include "vt-image.h"
#include "vt-resize.h"

/**
 * vt_resize_fit_size:
 *
 * The size of @width × @height fitted inside the box with its aspect ratio
 * kept and never enlarged. Rounds the free side the way Pillow's
 * Image.thumbnail() does: to whichever neighbour keeps the aspect ratio
 * closest, so outputs agree with it to the pixel.
 */
void
vt_resize_fit_size (int  width,
                    int  height,
                    int  box_width,
                    int  box_height,
                    int *out_width,
                    int *out_height)
{
  double aspect = (double) width / height;
  int x = box_width, y = box_height;

  if (x >= width && y >= height)
    {
      *out_width = width;
      *out_height = height;
      return;
    }

  if ((double) x / y >= aspect)
    {
      double lo = floor (y * aspect), hi = ceil (y * aspect);
      x = fabs (aspect - lo / y) <= fabs (aspect - hi / y) ? (int) lo : (int) hi;
    }
  else
    {
      double lo = floor (x / aspect), hi = ceil (x / aspect);
      double dlo = lo == 0 ? 0 : fabs (aspect - x / lo);
      double dhi = hi == 0 ? 0 : fabs (aspect - x / hi);
      y = dlo <= dhi ? (int) lo : (int) hi;
    }

  *out_width = MAX (x, 1);
  *out_height = MAX (y, 1);
}

/* The size ImageOps.contain() gives: the box's width or height, the other
 * side rounded as Python's round() does (half to even). */
static void
contain_size (int  width,
              int  height,
              int  box_width,
              int  box_height,
              int *out_width,
              int *out_height)
{
  double ratio = (double) width / height, box_ratio = (double) box_width / box_height;

  *out_width = box_width, *out_height = box_height;
  if (ratio > box_ratio)
    *out_height = (int) nearbyint ((double) height / width * box_width);
  else if (ratio < box_ratio)
    *out_width = (int) nearbyint ((double) width / height * box_height);
}

/**
 * vt_fit_inside:
 * @spare: nothing reads @photo after this call, so it may be returned
 *   itself rather than copied
 *
 * Pillow's thumbnail(): as large as fits, never enlarged. Where the photo
 * already fits, a copy, or the photo itself when it is @spare.
 *
 * Returns: (transfer full): the fitted photo, or %NULL with @error set
 */
cairo_surface_t *
vt_fit_inside (cairo_surface_t  *photo,
               int               box_width,
               int               box_height,
               gboolean          spare,
               GCancellable     *cancellable,
               GError          **error)
{
  int w, h;

  vt_resize_fit_size (vt_image_get_width (photo), vt_image_get_height (photo),
                      box_width, box_height, &w, &h);
  if (w == vt_image_get_width (photo) && h == vt_image_get_height (photo))
    return spare ? cairo_surface_reference (photo) : vt_image_copy (photo);
  return vt_resize_surface (photo, w, h, cancellable, error);
}

/**
 * vt_fit_pad:
 * @background: the canvas colour, as 0xRRGGBB
 *
 * ImageOps.pad(): contained, then centred on a canvas of the box's size.
 *
 * Returns: (transfer full): a new surface, or %NULL with @error set
 */
cairo_surface_t *
vt_fit_pad (cairo_surface_t  *photo,
            int               box_width,
            int               box_height,
            guint32           background,
            GCancellable     *cancellable,
            GError          **error)
{
  int w = vt_image_get_width (photo), h = vt_image_get_height (photo), cw, ch;
  g_autoptr(cairo_surface_t) contained = NULL;
  cairo_surface_t *canvas;
  cairo_t *cr;

  contain_size (w, h, box_width, box_height, &cw, &ch);
  contained = cw == w && ch == h ? vt_image_copy (photo)
                                 : vt_resize_surface (photo, cw, ch, cancellable, error);
  if (contained == NULL || (cw == box_width && ch == box_height))
    return g_steal_pointer (&contained);

  canvas = vt_image_new (box_width, box_height, error);
  if (canvas == NULL)
    return NULL;
  cr = cairo_create (canvas);
  cairo_set_source_rgb (cr, (background >> 16) / 255.0, ((background >> 8) & 0xff) / 255.0,
                        (background & 0xff) / 255.0);
  cairo_paint (cr);
  cairo_set_source_surface (cr, contained, nearbyint ((box_width - cw) * 0.5),
                            nearbyint ((box_height - ch) * 0.5));
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (canvas);
  return canvas;
}

/**
 * vt_fit_fill:
 *
 * ImageOps.fit(): the centred region of the box's shape, resampled to it.
 *
 * Returns: (transfer full): a new surface, or %NULL with @error set
 */
cairo_surface_t *
vt_fit_fill (cairo_surface_t  *photo,
             int               box_width,
             int               box_height,
             GCancellable     *cancellable,
             GError          **error)
{
  double w = vt_image_get_width (photo), h = vt_image_get_height (photo);
  double ratio = w / h, box_ratio = (double) box_width / box_height;
  double cw = w, ch = h, left, top;

  if (ratio >= box_ratio)
    cw = box_ratio * h;
  else
    ch = w / box_ratio;
  left = (w - cw) * 0.5, top = (h - ch) * 0.5;
  return vt_resize_surface_region (photo, left, top, left + cw, top + ch, box_width, box_height,
                                   cancellable, error);
}
