/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pixels.h: helpers shared by the hot pixel loops */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Builds a loop twice (AVX2 and baseline x86-64) and picks one when the
 * program starts, so one binary is fast on every machine. Not under the
 * sanitizers, whose runtimes do not mix with ifuncs. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
# define VT_HOT __attribute__ ((target_clones ("avx2", "default")))
#else
# define VT_HOT
#endif

/* Loops written with AVX2 intrinsics, where the compiler alone does badly,
 * are chosen at run time (vt_pixels_use_avx2()). */
#if defined(__x86_64__) && defined(__GNUC__)
# define VT_HAVE_AVX2 1
# include <immintrin.h>
#endif

/* One pixel's four bytes as 32-bit lanes, for arithmetic on all four in
 * one instruction where the loop runs pixel by pixel. */
typedef guint32 VtLanes __attribute__ ((vector_size (16)));

/* A block of 4-byte pixels, not owned. */
typedef struct {
  guint8 *data;
  int     stride;
  int     width;
  int     height;
} VtPixels;

static inline guint8 *
vt_pixels_row (const VtPixels *p,
               int             y)
{
  return p->data + (gsize) y * p->stride;
}

gboolean vt_pixels_use_avx2  (void);
VtPixels vt_pixels_alloc     (int             width,
                              int             height);
void     vt_pixels_free      (VtPixels       *p);
void     vt_pixels_transpose (const VtPixels *src,
                              const VtPixels *dst);

G_END_DECLS
