/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-resample.h: Lanczos-3 resampling in two passes, the row pass streamed into the column pass */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

cairo_surface_t *vt_resample (cairo_surface_t          *source,
                              const cairo_rectangle_t  *region,
                              int                       width,
                              int                       height,
                              GCancellable             *cancellable,
                              GError                  **error);

G_END_DECLS
