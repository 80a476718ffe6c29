/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-kernel.h: Lanczos-3 weights in Pillow's fixed point, and the cache the workers share */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Weights are 22-bit fixed point, so 255 × the sum of |weights| stays within
 * an int32 (the choice Pillow makes, whose pixels we want to match). */
#define VT_KERNEL_PRECISION_BITS 22

/* For each output position: the first input index, the tap count, and
 * `ksize` fixed-point weights; and what they were made for. */
typedef struct {
  int     in_size;
  double  in0;
  double  extent;
  int     out_size;
  int     ksize;
  int    *first;
  int    *count;
  gint32 *weights;
} VtKernel;

VtKernel *vt_kernel_get   (int       in_size,
                           double    in0,
                           double    extent,
                           int       out_size);
void      vt_kernel_unref (VtKernel *k);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtKernel, vt_kernel_unref)

G_END_DECLS
