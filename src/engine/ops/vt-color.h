/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-color.h: embedded colour profiles, converted to sRGB for the web */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

gboolean vt_color_is_srgb_profile (const guint8    *icc,
                                   gsize            len);
gboolean vt_color_to_srgb         (cairo_surface_t *surface,
                                   const guint8    *icc,
                                   gsize            len);

typedef struct _VtCmykTransform VtCmykTransform;

VtCmykTransform *vt_cmyk_transform_new  (const guint8    *icc,
                                         gsize            len,
                                         gboolean         inverted);
void             vt_cmyk_transform_row  (VtCmykTransform *transform,
                                         const guint8    *cmyk,
                                         guint8          *rgb24,
                                         int              width);
void             vt_cmyk_transform_free (VtCmykTransform *transform);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtCmykTransform, vt_cmyk_transform_free)

G_END_DECLS
