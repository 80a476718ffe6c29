/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-fit.h: fit geometry: a photo put into a box by shrinking, padding or cropping */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

void             vt_resize_fit_size (int               width,
                                     int               height,
                                     int               box_width,
                                     int               box_height,
                                     int              *out_width,
                                     int              *out_height);
cairo_surface_t *vt_fit_inside      (cairo_surface_t  *photo,
                                     int               box_width,
                                     int               box_height,
                                     gboolean          spare,
                                     GCancellable     *cancellable,
                                     GError          **error);
cairo_surface_t *vt_fit_pad         (cairo_surface_t  *photo,
                                     int               box_width,
                                     int               box_height,
                                     guint32           background,
                                     GCancellable     *cancellable,
                                     GError          **error);
cairo_surface_t *vt_fit_fill        (cairo_surface_t  *photo,
                                     int               box_width,
                                     int               box_height,
                                     GCancellable     *cancellable,
                                     GError          **error);

G_END_DECLS
