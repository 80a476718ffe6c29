/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-resize.h: a photo brought to a size, as Pillow's thumbnail() and resize() do */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

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
