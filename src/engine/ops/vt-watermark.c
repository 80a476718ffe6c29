/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-watermark.c: a text mark, laid out once per output size and composited
 *
 * Thread contract: immutable after construction except for the overlay
 * cache, which locks itself (vt-overlay-cache.c). vt_watermark_apply()
 * runs concurrently on every worker; each call draws only into its own
 * surface.
 */
#define G_LOG_DOMAIN "vt-watermark"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "vt-image.h"
#include "vt-watermark.h"
#include "vt-overlay-cache.h"

G_DEFINE_ENUM_TYPE (VtWatermarkPosition, vt_watermark_position,
  G_DEFINE_ENUM_VALUE (VT_WATERMARK_BOTTOM_RIGHT, "bottom-right"),
  G_DEFINE_ENUM_VALUE (VT_WATERMARK_BOTTOM_LEFT, "bottom-left"),
  G_DEFINE_ENUM_VALUE (VT_WATERMARK_TOP_RIGHT, "top-right"),
  G_DEFINE_ENUM_VALUE (VT_WATERMARK_TOP_LEFT, "top-left"),
  G_DEFINE_ENUM_VALUE (VT_WATERMARK_CENTER, "center"))

/* Below this the glyphs are a smudge; the mark stays legible instead. */
#define MIN_FONT_PX 8

struct _VtWatermark
{
  GObject              parent_instance;

  /* immutable */
  char                *text;
  double               opacity;
  double               size;      /* font height as a fraction of the shorter side */
  VtWatermarkPosition  position;

  /* shared by the workers: one overlay per output size */
  VtOverlayCache       overlays;
};

G_DEFINE_FINAL_TYPE (VtWatermark, vt_watermark, G_TYPE_OBJECT)

static void
vt_watermark_finalize (GObject *object)
{
  VtWatermark *self = VT_WATERMARK (object);

  g_clear_pointer (&self->text, g_free);
  vt_overlay_cache_clear (&self->overlays);

  G_OBJECT_CLASS (vt_watermark_parent_class)->finalize (object);
}

static void
vt_watermark_class_init (VtWatermarkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vt_watermark_finalize;
}

static void
vt_watermark_init (VtWatermark *self)
{
  vt_overlay_cache_init (&self->overlays);
}

VtWatermark *
vt_watermark_new (const char          *text,
                  double               opacity,
                  double               size,
                  VtWatermarkPosition  position)
{
  VtWatermark *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (VT_TYPE_WATERMARK, NULL);
  self->text = g_strdup (text);
  self->opacity = CLAMP (opacity, 0.0, 1.0);
  self->size = CLAMP (size, 0.005, 0.5);
  self->position = position;
  return self;
}

static PangoLayout *
create_layout (cairo_t *cr,
               const char *text,
               int      font_px)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Fixed rendering options, so outputs do not depend on the desktop's
   * font settings and are identical on every run. */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (font, font_px * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* White text with a soft dark outline, so it reads on light and dark photos. */
static cairo_surface_t *
render_overlay (gpointer owner,
                int      width,
                int      height)
{
  VtWatermark *self = owner;
  int font_px = MAX (MIN_FONT_PX, (int) lround (MIN (width, height) * self->size));
  cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (probe);
  g_autoptr(PangoLayout) layout = create_layout (cr, self->text, font_px);
  cairo_surface_t *overlay;
  PangoRectangle ink;
  int pad = MAX (1, font_px / 12);

  pango_layout_get_pixel_extents (layout, &ink, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (probe);

  overlay = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        MAX (1, ink.width + 2 * pad),
                                        MAX (1, ink.height + 2 * pad));
  cr = cairo_create (overlay);
  cairo_move_to (cr, pad - ink.x, pad - ink.y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_width (cr, 2.0 * pad);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (overlay);

  return overlay;
}

static void
place (VtWatermarkPosition  position,
       int                  width,
       int                  height,
       int                  ow,
       int                  oh,
       int                  margin,
       int                 *x,
       int                 *y)
{
  gboolean right = position == VT_WATERMARK_BOTTOM_RIGHT || position == VT_WATERMARK_TOP_RIGHT;
  gboolean bottom = position == VT_WATERMARK_BOTTOM_RIGHT || position == VT_WATERMARK_BOTTOM_LEFT;

  if (position == VT_WATERMARK_CENTER)
    {
      *x = (width - ow) / 2;
      *y = (height - oh) / 2;
      return;
    }
  *x = right ? width - ow - margin : margin;
  *y = bottom ? height - oh - margin : margin;
}

/* The overlay for @surface's size and where it goes, or NULL when no
 * mark is drawn (no text, no opacity, or a failed drawing). */
static cairo_surface_t *
lookup_placed (VtWatermark           *self,
               cairo_surface_t       *surface,
               cairo_rectangle_int_t *rect)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  cairo_surface_t *overlay;

  if (self->text[0] == '\0' || self->opacity <= 0)
    return NULL;
  overlay = vt_overlay_cache_lookup (&self->overlays, width, height, render_overlay, self);
  if (overlay == NULL)
    return NULL;
  rect->width = cairo_image_surface_get_width (overlay);
  rect->height = cairo_image_surface_get_height (overlay);
  place (self->position, width, height, rect->width, rect->height, MAX (2, MIN (width, height) / 40),
         &rect->x, &rect->y);
  return overlay;
}

/**
 * vt_watermark_get_rect:
 * @surface: an output, or one of its size
 * @rect: (out): where the mark goes on it
 *
 * Returns: whether a mark is drawn at all (some text, some opacity)
 */
gboolean
vt_watermark_get_rect (VtWatermark           *self,
                       cairo_surface_t       *surface,
                       cairo_rectangle_int_t *rect)
{
  g_autoptr(cairo_surface_t) overlay = NULL;

  g_return_val_if_fail (VT_IS_WATERMARK (self), FALSE);

  overlay = lookup_placed (self, surface, rect);
  return overlay != NULL;
}

/**
 * vt_watermark_apply:
 * @rect: (out) (optional): where the mark went
 *
 * Composites the mark onto @surface. The text is laid out and rasterised
 * only the first time a given output size is seen.
 *
 * Returns: whether a mark was drawn
 */
gboolean
vt_watermark_apply (VtWatermark           *self,
                    cairo_surface_t       *surface,
                    cairo_rectangle_int_t *rect)
{
  g_autoptr(cairo_surface_t) overlay = NULL;
  cairo_rectangle_int_t placed;

  g_return_val_if_fail (VT_IS_WATERMARK (self), FALSE);

  overlay = lookup_placed (self, surface, &placed);
  if (overlay == NULL)
    return FALSE;
  vt_overlay_paint (surface, overlay, placed.x, placed.y, self->opacity);
  if (rect != NULL)
    *rect = placed;
  return TRUE;
}
