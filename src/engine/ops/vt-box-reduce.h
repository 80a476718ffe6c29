/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-box-reduce.h: reduction by whole factors, the cheap first step of a large shrink */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

cairo_surface_t *vt_box_reduce (cairo_surface_t  *source,
                                int               fx,
                                int               fy,
                                GError          **error);

G_END_DECLS
