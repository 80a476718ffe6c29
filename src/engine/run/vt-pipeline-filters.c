/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline-filters.c: a recipe's filters split around the resize, and run only where a padded size has content
 *
 * A marketplace size pads its product on a flat colour, and at 800 × 600
 * the pad is most of a 1200 × 1200 box. Sharpening keeps a flat area as it
 * is, so it need only run on the product and what it reaches around it.
 */
#define G_LOG_DOMAIN "vt-pipeline"

#include "config.h"

#include <math.h>

#include "vt-filter-chain.h"
#include "vt-image.h"
#include "vt-pipeline-filters.h"

/**
 * vt_pipeline_filters_split:
 * @before: (out) (transfer full): the filters run once on the decoded photo
 * @after: (out) (transfer full): those run on each size
 */
void
vt_pipeline_filters_split (GArray  *chain,
                           GArray **before,
                           GArray **after)
{
  *before = g_array_new (FALSE, FALSE, sizeof (VtFilter));
  *after = g_array_new (FALSE, FALSE, sizeof (VtFilter));
  for (guint i = 0; i < chain->len; i++)
    {
      const VtFilter *f = &g_array_index (chain, VtFilter, i);
      g_array_append_vals (f->before_resize ? *before : *after, f, 1);
    }
}

/**
 * vt_pipeline_filters_flat_reach:
 *
 * How far from a pixel @filters read, when each keeps a flat area exactly
 * as it is (sharpening does: its kernels sum to one). The unsharp mask's
 * Gaussian is three box passes, each reaching at most its radius plus two.
 *
 * Returns: the reach in pixels, or -1 when a filter changes flat areas
 */
int
vt_pipeline_filters_flat_reach (GArray *filters)
{
  int reach = 0;

  for (guint i = 0; i < filters->len; i++)
    {
      const VtFilter *f = &g_array_index (filters, VtFilter, i);

      if (f->kind == VT_FILTER_SHARPEN)
        reach += 1;
      else if (f->kind == VT_FILTER_UNSHARP)
        reach += 3 * ((int) ceil (f->params[0]) + 2);
      else
        return -1;
    }
  return reach;
}

/**
 * vt_pipeline_filters_apply_within:
 * @reach: from vt_pipeline_filters_flat_reach()
 * @area: what is not flat on @surface
 *
 * Runs @filters on @area of @surface and twice their reach around it (the
 * blur mirrors or extends at a view's edges, which then sees flat colour as
 * the whole photo would), leaving the rest, flat, as it is.
 *
 * Returns: whether it did; %FALSE when the whole photo is better filtered
 */
gboolean
vt_pipeline_filters_apply_within (GArray                      *filters,
                                  int                          reach,
                                  cairo_surface_t             *surface,
                                  const cairo_rectangle_int_t *area,
                                  double                       strength)
{
  int margin = 2 * reach + 2;
  int w = vt_image_get_width (surface), h = vt_image_get_height (surface);
  int x0 = MAX (area->x - margin, 0), y0 = MAX (area->y - margin, 0);
  int x1 = MIN (area->x + area->width + margin, w), y1 = MIN (area->y + area->height + margin, h);
  int stride = cairo_image_surface_get_stride (surface);
  cairo_surface_t *view;

  /* A view of most of the photo saves little. */
  if (reach < 0 || vt_image_has_alpha (surface) || (gint64) (x1 - x0) * (y1 - y0) * 4 >= (gint64) w * h * 3)
    return FALSE;
  cairo_surface_flush (surface);
  view = cairo_image_surface_create_for_data (cairo_image_surface_get_data (surface) +
                                              (gsize) y0 * stride + 4 * x0,
                                              cairo_image_surface_get_format (surface),
                                              x1 - x0, y1 - y0, stride);
  vt_filter_chain_apply (filters, view, strength);
  cairo_surface_destroy (view);
  cairo_surface_mark_dirty (surface);
  return TRUE;
}
