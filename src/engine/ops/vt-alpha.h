/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-alpha.h: what the pixel steps do for photos with transparency (premultiplied ARGB32) */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* How a step written for opaque pixels is run on one with transparency;
 * each mode also serves the steps of the ones before it, so a run of
 * steps takes the largest. */
typedef enum {
  VT_ALPHA_AS_IS,           /* all four channels alike: averages (blurs, box reduce) */
  VT_ALPHA_STRAIGHT,        /* on straight colour, alpha kept (tone, per pixel) */
  VT_ALPHA_BLED,            /* on straight colour spread into the transparent
                               pixels around, alpha kept (sharpening) */
} VtAlphaMode;

void             vt_alpha_unpremultiply_row (guint32      *row,
                                             guint8       *alpha,
                                             int           width);
void             vt_alpha_premultiply_row   (guint32      *row,
                                             const guint8 *alpha,
                                             int           width);
guint8          *vt_alpha_detach  (cairo_surface_t *surface,
                                   VtAlphaMode      mode);
void             vt_alpha_attach  (cairo_surface_t *surface,
                                   guint8          *alpha);
void             vt_alpha_clamp   (cairo_surface_t *surface);
gboolean         vt_alpha_is_opaque (cairo_surface_t *surface);
cairo_surface_t *vt_alpha_flatten (cairo_surface_t *surface,
                                   guint32          background,
                                   GError         **error);

G_END_DECLS
