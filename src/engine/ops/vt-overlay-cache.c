/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-overlay-cache.c: a mark drawn once per output size, shared by the workers
 *
 * The logo and the text watermark each keep one: every worker asks for the
 * overlay of its output's size, and the first to ask draws it, under the
 * lock, so that a batch draws each mark once per size.
 */
#define G_LOG_DOMAIN "vt-overlay-cache"

#include "config.h"

#include "vt-overlay-cache.h"
#include "vt-tsan.h"

void
vt_overlay_cache_init (VtOverlayCache *cache)
{
  g_mutex_init (&cache->lock);
  cache->overlays = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) cairo_surface_destroy);
}

void
vt_overlay_cache_clear (VtOverlayCache *cache)
{
  g_clear_pointer (&cache->overlays, g_hash_table_unref);
  g_mutex_clear (&cache->lock);
}

/* Returns: (transfer full) (nullable): the overlay for @width × @height,
 * drawn by @render (on @owner) the first time that size is asked for. A
 * NULL from @render is kept too, so a failed draw is not tried again. */
cairo_surface_t *
vt_overlay_cache_lookup (VtOverlayCache  *cache,
                         int              width,
                         int              height,
                         VtOverlayRender  render,
                         gpointer         owner)
{
  gint64 key = (gint64) width << 32 | (guint32) height;
  cairo_surface_t *overlay;

  vt_mutex_lock (&cache->lock);
  if (!g_hash_table_lookup_extended (cache->overlays, &key, NULL, (gpointer *) &overlay))
    {
      overlay = render (owner, width, height);
      g_hash_table_insert (cache->overlays, g_memdup2 (&key, sizeof key), overlay);
    }
  if (overlay != NULL)
    cairo_surface_reference (overlay);
  vt_mutex_unlock (&cache->lock);

  return overlay;
}

/* Composites @overlay onto @surface with its top left at @x, @y. */
void
vt_overlay_paint (cairo_surface_t *surface,
                  cairo_surface_t *overlay,
                  int              x,
                  int              y,
                  double           opacity)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_surface (cr, overlay, x, y);
  cairo_paint_with_alpha (cr, opacity);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}
