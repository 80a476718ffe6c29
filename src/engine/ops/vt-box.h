/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-box.h: one box filter's weights and its row loops, for the blurs */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A box of Pillow's BoxBlur: whole taps and two fractional ones, weighed
 * in 24-bit fixed point. */
typedef struct {
  int      radius;   /* integer part of the box radius */
  guint32  ww;       /* 24-bit weight of each whole tap */
  guint32  fw;       /* 24-bit weight of each of the two fractional taps */
  gboolean short_ok; /* the same sums in 16 bits give the same bytes: */
  gint16   short_ww; /* … these weights, a rounding of 2^15 and >> 16 */
  gint16   short_fw;
} VtBox;

/* The two loops of a box pass: along a row (its edges already repeated)
 * and down the columns, with the running sums in @acc. */
typedef struct {
  void (*along) (guint8 *out, const guint8 *line, guint16 *sum, int n, const VtBox *b);
  void (*down)  (guint8 *out, guint16 *acc, const guint8 *far_top, const guint8 *top,
                 const guint8 *far_bottom, int n, const VtBox *b);
} VtBoxLoops;

VtBox      vt_box_for_radius   (float   radius);
VtBox      vt_box_for_gaussian (double  sigma_radius,
                                int     passes);
VtBoxLoops vt_box_choose_loops (VtBox  *b);

G_END_DECLS
