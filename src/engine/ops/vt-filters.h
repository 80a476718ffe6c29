/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-filters.h: the per-pixel filters of a recipe, in place on RGB24 surfaces
 *
 * One family, one file per kind: vt-convolve.c (sharpen, 3×3 kernels),
 * vt-blur.c (Gaussian and box blur), vt-unsharp.c, vt-tone.c (point
 * operations). Each reproduces the Pillow filter of the same name (the
 * tool the shops' scripts used, seed 000), in integer arithmetic over
 * whole rows so that GCC vectorises the inner loops. All four bytes of a
 * pixel are processed alike; the unused X byte of RGB24 costs less than
 * skipping it.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

void vt_filters_sharpen      (cairo_surface_t *surface);
void vt_filters_gaussian_blur (cairo_surface_t *surface,
                               double           radius);
void vt_filters_box_blur     (cairo_surface_t *surface,
                              double           radius);
void vt_filters_unsharp_mask (cairo_surface_t *surface,
                              double           radius,
                              int              percent,
                              int              threshold);
void vt_filters_convolve3    (cairo_surface_t *surface,
                              const float      kernel[9]);
void vt_filters_brightness   (cairo_surface_t *surface,
                              double           factor);
void vt_filters_contrast     (cairo_surface_t *surface,
                              double           factor,
                              const guint8    *weight);
void vt_filters_saturation   (cairo_surface_t *surface,
                              double           factor);
void vt_filters_auto_contrast (cairo_surface_t *surface,
                               double           cutoff,
                               const guint8    *weight);
void vt_filters_invert       (cairo_surface_t *surface);
void vt_filters_greyscale    (cairo_surface_t *surface);

G_END_DECLS
