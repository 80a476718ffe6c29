/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-overlay-cache.h: a mark drawn once per output size, shared by the workers */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Draws the overlay for an output of @width × @height, or NULL where it
 * cannot (then the output goes without it). */
typedef cairo_surface_t *(*VtOverlayRender) (gpointer owner,
                                             int      width,
                                             int      height);

/* Embedded in its owner (the logo, the watermark); every field is under
 * `lock`, through the functions below only. */
typedef struct {
  GMutex      lock;
  GHashTable *overlays;   /* W << 32 | H → cairo_surface_t, or NULL */
} VtOverlayCache;

void             vt_overlay_cache_init   (VtOverlayCache  *cache);
void             vt_overlay_cache_clear  (VtOverlayCache  *cache);
cairo_surface_t *vt_overlay_cache_lookup (VtOverlayCache  *cache,
                                          int              width,
                                          int              height,
                                          VtOverlayRender  render,
                                          gpointer         owner);
void             vt_overlay_paint        (cairo_surface_t *surface,
                                          cairo_surface_t *overlay,
                                          int              x,
                                          int              y,
                                          double           opacity);

G_END_DECLS
