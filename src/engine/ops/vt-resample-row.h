/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-resample-row.h: one output row as a weighted sum of input rows, with its AVX2 twin */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @n_bytes of @out from @count rows @in_stride apart starting at
 * @in, weighed by @w (VT_KERNEL_PRECISION_BITS fixed point); @acc is
 * @n_bytes of scratch. */
typedef void (*VtResampleRow) (const guint8 *in, int in_stride, guint8 *out, int n_bytes,
                               gint32 *acc, const gint32 *w, int count);

VtResampleRow vt_resample_row_choose (void);

G_END_DECLS
