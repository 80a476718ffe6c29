/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-filters.h: the per-pixel filters of a recipe, in place on RGB24 surfaces */
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
                              double           factor);
void vt_filters_saturation   (cairo_surface_t *surface,
                              double           factor);
void vt_filters_auto_contrast (cairo_surface_t *surface,
                               double           cutoff);
void vt_filters_invert       (cairo_surface_t *surface);
void vt_filters_greyscale    (cairo_surface_t *surface);

G_END_DECLS
