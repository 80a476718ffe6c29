/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-blur.h: a photo streamed through box blur passes, for the blurs and the unsharp mask */
#pragma once

#include "vt-box.h"
#include "vt-pixels.h"

G_BEGIN_DECLS

/* Takes each blurred row in order: @row is the photo's, @blurred the same
 * row blurred, @n bytes each. */
typedef void (*VtBlurEmit) (guint8 *row, const guint8 *blurred, int n, gpointer data);

void vt_blur_stream (const VtPixels *photo,
                     VtBox          *box,
                     int             passes,
                     VtBlurEmit      emit,
                     gpointer        data);

G_END_DECLS
