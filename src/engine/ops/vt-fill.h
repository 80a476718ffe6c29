/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-fill.h: a trimmed product scaled to a share of its box, centred and padded */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  double                scale;      /* from the photo's pixels to the box's */
  cairo_rectangle_int_t place;      /* where the product lands in the box */
  int                   box_width;  /* the box */
  int                   box_height;
  gboolean              too_small;  /* the share needs more pixels than the photo has */
} VtFill;

void             vt_fill_plan   (int                          product_width,
                                 int                          product_height,
                                 int                          box_width,
                                 int                          box_height,
                                 double                       percent,
                                 gboolean                     enlarge,
                                 VtFill                      *fill);
cairo_surface_t *vt_fill_render (cairo_surface_t             *photo,
                                 const cairo_rectangle_int_t *product,
                                 const VtFill                *fill,
                                 guint32                      background,
                                 GCancellable                *cancellable,
                                 GError                     **error);

G_END_DECLS
