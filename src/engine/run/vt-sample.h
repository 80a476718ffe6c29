/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-sample.h: synthetic product photos for demos, tests and benchmarks */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

cairo_surface_t *vt_sample_render (guint        index,
                                   int          width,
                                   int          height);
gboolean         vt_sample_write  (const char  *dir,
                                   guint        count,
                                   int          width,
                                   int          height,
                                   GError     **error);

G_END_DECLS
