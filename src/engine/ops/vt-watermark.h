/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-watermark.h: a text mark, laid out once per output size and composited */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  VT_WATERMARK_BOTTOM_RIGHT,
  VT_WATERMARK_BOTTOM_LEFT,
  VT_WATERMARK_TOP_RIGHT,
  VT_WATERMARK_TOP_LEFT,
  VT_WATERMARK_CENTER,
} VtWatermarkPosition;

#define VT_TYPE_WATERMARK_POSITION (vt_watermark_position_get_type ())
GType vt_watermark_position_get_type (void) G_GNUC_CONST;

#define VT_TYPE_WATERMARK (vt_watermark_get_type ())
G_DECLARE_FINAL_TYPE (VtWatermark, vt_watermark, VT, WATERMARK, GObject)

VtWatermark *vt_watermark_new   (const char          *text,
                                 double               opacity,
                                 double               size,
                                 VtWatermarkPosition  position);
gboolean     vt_watermark_get_rect (VtWatermark           *self,
                                    cairo_surface_t       *surface,
                                    cairo_rectangle_int_t *rect);
gboolean     vt_watermark_apply (VtWatermark           *self,
                                 cairo_surface_t       *surface,
                                 cairo_rectangle_int_t *rect);

G_END_DECLS
