/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-resize.h: fit geometry and Lanczos-3 resampling */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

void             vt_resize_fit_size (int              width,
                                     int              height,
                                     int              box_width,
                                     int              box_height,
                                     int             *out_width,
                                     int             *out_height);
cairo_surface_t *vt_resize_surface  (cairo_surface_t *source,
                                     int              width,
                                     int              height,
                                     GCancellable    *cancellable,
                                     GError         **error);
cairo_surface_t *vt_resize_surface_region (cairo_surface_t *source,
                                           double           x0,
                                           double           y0,
                                           double           x1,
                                           double           y1,
                                           int              width,
                                           int              height,
                                           GCancellable    *cancellable,
                                           GError         **error);

G_END_DECLS
