/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-trim.h: the paper behind a studio shot, and the box of the product on it */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Used when a recipe or a command gives none: ImageMagick's usual -fuzz. */
#define VT_TRIM_DEFAULT_TOLERANCE 10.0

/* The backdrop (studio paper, a white sweep, a table) as a colour that may
 * change linearly across the photo, for the slight gradient of paper lit
 * from one side. Fitted to the photo's border, so a product touching an
 * edge only hides part of it. Colours are in levels (0…255). */
typedef struct {
  double base[3];     /* red, green, blue at the photo's centre */
  double dx[3];       /* change per pixel to the right */
  double dy[3];       /* change per pixel down */
  double noise;       /* the paper's spread about the model (grain, JPEG) */
  double coverage;    /* share of the border that is paper, 0…1 */
  int    width;
  int    height;
} VtBackdrop;

/* What trimming found. */
typedef struct {
  VtBackdrop            backdrop;
  cairo_rectangle_int_t box;    /* the product; the whole photo when not found */
  gboolean              found;
} VtTrim;

double   vt_trim_tolerance_levels (double            percent);
gboolean vt_backdrop_fit          (cairo_surface_t  *surface,
                                   double            tolerance,
                                   VtBackdrop       *backdrop);
void     vt_backdrop_row          (const VtBackdrop *backdrop,
                                   int               y,
                                   guint8           *expected);
void     vt_backdrop_distance_row (const guint8     *row,
                                   const guint8     *expected,
                                   int               width,
                                   guint8           *distance);
gboolean vt_trim_find             (cairo_surface_t  *surface,
                                   double            tolerance,
                                   VtTrim           *trim);
gboolean vt_trim_find_on          (cairo_surface_t  *surface,
                                   const VtBackdrop *backdrop,
                                   double            tolerance,
                                   VtTrim           *trim);
void     vt_backdrop_white        (int               width,
                                   int               height,
                                   VtBackdrop       *backdrop);

G_END_DECLS
