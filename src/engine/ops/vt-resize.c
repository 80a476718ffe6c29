/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-resize.c: a photo brought to a size, as Pillow's thumbnail() and resize() do */
#define G_LOG_DOMAIN "vt-resize"

#include "config.h"

#include "vt-box-reduce.h"
#include "vt-image.h"
#include "vt-resample.h"
#include "vt-resize.h"

/**
 * vt_resize_surface:
 * @source: an RGB24 surface
 *
 * Shrinks or enlarges to exactly @width × @height the way Pillow's
 * Image.thumbnail() does: where the image is more than twice as large as
 * asked (Pillow's reducing_gap of 2), it is first box-reduced by the whole
 * factor that leaves at least twice the target, then resampled with
 * Lanczos-3. The box step is cheap and what remains is a short kernel.
 *
 * Returns: (transfer full): a new surface, or %NULL when cancelled or out of
 * memory
 */
cairo_surface_t *
vt_resize_surface (cairo_surface_t *source,
                   int              width,
                   int              height,
                   GCancellable    *cancellable,
                   GError         **error)
{
  int src_w = cairo_image_surface_get_width (source);
  int src_h = cairo_image_surface_get_height (source);
  int fx = MAX (1, (int) ((double) src_w / width / 2.0));
  int fy = MAX (1, (int) ((double) src_h / height / 2.0));
  g_autoptr(cairo_surface_t) reduced = NULL;

  cairo_surface_flush (source);
  if (fx == 1 && fy == 1)
    return vt_resample (source, &(cairo_rectangle_t) { 0, 0, src_w, src_h }, width, height,
                        cancellable, error);

  reduced = vt_box_reduce (source, fx, fy, error);
  if (reduced == NULL)
    return NULL;
  return vt_resample (reduced, &(cairo_rectangle_t) { 0, 0, (double) src_w / fx, (double) src_h / fy },
                      width, height, cancellable, error);
}

/**
 * vt_resize_surface_region:
 * @x0: (in source pixels, fractions allowed) the left of the region to
 *   resample; @y0, @x1, @y1 likewise
 *
 * The region resampled to exactly @width × @height with Lanczos-3, as
 * Pillow's Image.resize() with a box: how ImageOps.fit() crops and scales
 * in one step.
 *
 * Returns: (transfer full): a new surface, or %NULL when cancelled or out of
 * memory
 */
cairo_surface_t *
vt_resize_surface_region (cairo_surface_t *source,
                          double           x0,
                          double           y0,
                          double           x1,
                          double           y1,
                          int              width,
                          int              height,
                          GCancellable    *cancellable,
                          GError         **error)
{
  cairo_surface_flush (source);
  return vt_resample (source, &(cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 }, width, height,
                      cancellable, error);
}

