/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-fill.c: a trimmed product scaled to a share of its box, centred and padded
 *
 * Marketplaces ask for the product to cover a share of the frame (Amazon
 * 85 %): the product's box is scaled so that, on the side that limits it,
 * it spans that share of the box, then centred on a plain background.
 */
#define G_LOG_DOMAIN "vt-fill"

#include "config.h"

#include <math.h>

#include "vt-fill.h"
#include "vt-image.h"
#include "vt-resize.h"

/**
 * vt_fill_plan:
 * @percent: the share of the box the product spans, 1…100
 * @enlarge: whether the product may be scaled past its own pixels
 *
 * Plans where a product of @product_width × @product_height goes in the
 * box. Without @enlarge, a product too small for the share stays at its own
 * size, centred, and @fill says it is too small.
 */
void
vt_fill_plan (int       product_width,
              int       product_height,
              int       box_width,
              int       box_height,
              double    percent,
              gboolean  enlarge,
              VtFill   *fill)
{
  double share = CLAMP (percent, 1.0, 100.0) / 100.0;
  int w, h;

  g_return_if_fail (product_width > 0 && product_height > 0);
  g_return_if_fail (box_width > 0 && box_height > 0);

  fill->scale = share * MIN ((double) box_width / product_width,
                             (double) box_height / product_height);
  fill->too_small = fill->scale > 1.0;
  if (fill->too_small && !enlarge)
    fill->scale = 1.0;

  w = CLAMP ((int) lround (product_width * fill->scale), 1, box_width);
  h = CLAMP ((int) lround (product_height * fill->scale), 1, box_height);
  fill->place = (cairo_rectangle_int_t) { (box_width - w) / 2, (box_height - h) / 2, w, h };
  fill->box_width = box_width;
  fill->box_height = box_height;
}

/**
 * vt_fill_render:
 * @product: the product's box on @photo (vt_trim_find())
 * @background: 0xRRGGBB
 *
 * Returns: (transfer full): a photo the size of @fill's box with the
 * product where @fill says, or %NULL with @error set
 */
cairo_surface_t *
vt_fill_render (cairo_surface_t             *photo,
                const cairo_rectangle_int_t *product,
                const VtFill                *fill,
                guint32                      background,
                GCancellable                *cancellable,
                GError                     **error)
{
  g_autoptr(cairo_surface_t) scaled = NULL;
  g_autoptr(cairo_surface_t) box = NULL;
  cairo_t *cr;

  scaled = vt_resize_surface_region (photo, product->x, product->y,
                                     product->x + product->width, product->y + product->height,
                                     fill->place.width, fill->place.height, cancellable, error);
  if (scaled == NULL)
    return NULL;
  box = vt_image_new_uninitialized (fill->box_width, fill->box_height, error);
  if (box == NULL)
    return NULL;

  cr = cairo_create (box);
  cairo_set_source_rgb (cr, ((background >> 16) & 0xFF) / 255.0,
                        ((background >> 8) & 0xFF) / 255.0, (background & 0xFF) / 255.0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_source_surface (cr, scaled, fill->place.x, fill->place.y);
  cairo_paint (cr);
  cairo_destroy (cr);
  return g_steal_pointer (&box);
}
