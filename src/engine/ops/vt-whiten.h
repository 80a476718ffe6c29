/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-whiten.h: the backdrop of a studio shot made pure white */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VT_WHITEN_DONE,
  VT_WHITEN_LOW_CONTRAST,  /* the product's edge is not clear: left as it was */
  VT_WHITEN_NO_BACKDROP,   /* the border is not one plain backdrop: left as it was */
} VtWhitenResult;

VtWhitenResult vt_whiten (cairo_surface_t *surface,
                          double           tolerance);

G_END_DECLS
