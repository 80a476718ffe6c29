/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-tone.c: the point operations: brightness, contrast, saturation, invert and the like
 *
 * Pillow's ImageEnhance, ImageOps.autocontrast, invert and grayscale, byte
 * for byte. RGB24 keeps blue, green, red in bytes 0, 1, 2. On a cut-out
 * the statistics (contrast's mean, auto-contrast's histogram) weigh each
 * pixel by its alpha: the transparent background, whatever colour it
 * holds, is not part of the photo.
 */
#define G_LOG_DOMAIN "vt-filters"

#include "config.h"

#include "vt-filters.h"
#include "vt-pixels.h"

/* Pillow's RGB → L: ITU-R 601-2 luma in 16-bit fixed point. */
static inline guint8
luma (const guint8 *px)
{
  return (guint8) ((px[2] * 19595 + px[1] * 38470 + px[0] * 7471 + 0x8000) >> 16);
}

/* Image.blend (degenerate, image, alpha) of one byte, as Pillow computes
 * it: in float, truncated, clipped only when extrapolating. */
static inline guint8
blend (int   degenerate,
       int   value,
       float alpha)
{
  float v = (float) degenerate + alpha * (float) (value - degenerate);

  return v <= 0.0f ? 0 : v >= 255.0f ? 255 : (guint8) v;
}

static void
apply_table (cairo_surface_t *surface,
             const guint8     table[3][256])
{
  VtPixels p = vt_pixels_of (surface);

  for (int y = 0; y < p.height; y++)
    {
      guint8 *row = vt_pixels_row (&p, y);

      for (int x = 0; x < p.width; x++)
        for (int c = 0; c < 3; c++)
          row[x * 4 + c] = table[c][row[x * 4 + c]];
    }
  cairo_surface_mark_dirty (surface);
}

/* Blending every byte towards the same grey @level: one table. */
static void
blend_with_level (cairo_surface_t *surface,
                  int              level,
                  double           factor)
{
  guint8 table[3][256];

  for (int v = 0; v < 256; v++)
    table[0][v] = table[1][v] = table[2][v] = blend (level, v, (float) factor);
  apply_table (surface, table);
}

/* ImageEnhance.Brightness: towards black. */
void
vt_filters_brightness (cairo_surface_t *surface,
                       double           factor)
{
  blend_with_level (surface, 0, factor);
}

/* The histograms of blue, green, red (bytes 0, 1, 2) and luma, each pixel
 * counted by its alpha in @weight, or once when that is %NULL. */
static void
histograms (cairo_surface_t *surface,
            const guint8    *weight,
            guint64          h[4][256])
{
  VtPixels p = vt_pixels_of (surface);

  for (int y = 0; y < p.height; y++)
    {
      const guint8 *row = vt_pixels_row (&p, y);
      const guint8 *w = weight != NULL ? weight + (gsize) y * p.width : NULL;

      for (int x = 0; x < p.width; x++)
        {
          guint share = w != NULL ? w[x] : 1;

          for (int c = 0; c < 3; c++)
            h[c][row[x * 4 + c]] += share;
          h[3][luma (row + x * 4)] += share;
        }
    }
}

/**
 * vt_filters_contrast:
 * @weight: (nullable): each pixel's alpha (rows of width bytes), or %NULL
 *   for an opaque photo
 *
 * ImageEnhance.Contrast: towards the photo's mean grey, rounded.
 */
void
vt_filters_contrast (cairo_surface_t *surface,
                     double           factor,
                     const guint8    *weight)
{
  guint64 h[4][256] = { { 0 } }, sum = 0, total = 0;

  histograms (surface, weight, h);
  for (int v = 0; v < 256; v++)
    sum += v * h[3][v], total += h[3][v];
  blend_with_level (surface, (int) ((double) sum / MAX (total, 1) + 0.5), factor);
}

/* ImageEnhance.Color: each pixel towards its own grey. */
void
vt_filters_saturation (cairo_surface_t *surface,
                       double           factor)
{
  VtPixels p = vt_pixels_of (surface);

  for (int y = 0; y < p.height; y++)
    {
      guint8 *row = vt_pixels_row (&p, y);

      for (int x = 0; x < p.width; x++)
        {
          guint8 *px = row + x * 4;
          int l = luma (px);

          for (int c = 0; c < 3; c++)
            px[c] = blend (l, px[c], (float) factor);
        }
    }
  cairo_surface_mark_dirty (surface);
}

/* The darkest and lightest level left in @h once @cutoff % of the pixels
 * are dropped from each end (ImageOps.autocontrast). */
static void
histogram_range (guint64  h[256],
                 double   cutoff,
                 int     *lo,
                 int     *hi)
{
  guint64 n = 0, cut;

  for (int i = 0; i < 256; i++)
    n += h[i];

  cut = (guint64) (n * cutoff / 100);
  for (*lo = 0; *lo < 256 && cut > 0; (*lo)++)
    {
      guint64 take = MIN (cut, h[*lo]);
      h[*lo] -= take, cut -= take;
      if (cut == 0)
        break;
    }
  cut = (guint64) (n * cutoff / 100);
  for (*hi = 255; *hi >= 0 && cut > 0; (*hi)--)
    {
      guint64 take = MIN (cut, h[*hi]);
      h[*hi] -= take, cut -= take;
      if (cut == 0)
        break;
    }

  for (*lo = 0; *lo < 255 && h[*lo] == 0; (*lo)++)
    ;
  for (*hi = 255; *hi > 0 && h[*hi] == 0; (*hi)--)
    ;
}

/**
 * vt_filters_auto_contrast:
 * @weight: (nullable): each pixel's alpha (rows of width bytes), or %NULL
 *   for an opaque photo
 *
 * ImageOps.autocontrast: each channel stretched to 0…255 on its own. An
 * opaque pixel weighs 255 in @weight: @cutoff % of the weight is the same
 * whole pixels as @cutoff % of the count (the rest, under 255, cannot
 * empty another level), so the product's own pixels decide as they would
 * alone.
 */
void
vt_filters_auto_contrast (cairo_surface_t *surface,
                          double           cutoff,
                          const guint8    *weight)
{
  guint64 h[4][256] = { { 0 } };
  guint8 table[3][256];

  histograms (surface, weight, h);
  for (int c = 0; c < 3; c++)
    {
      int lo, hi;

      histogram_range (h[c], cutoff, &lo, &hi);
      for (int v = 0; v < 256; v++)
        {
          double scale = hi > lo ? 255.0 / (hi - lo) : 1.0;
          int out = hi > lo ? (int) (v * scale - lo * scale) : v;
          table[c][v] = (guint8) CLAMP (out, 0, 255);
        }
    }
  apply_table (surface, table);
}

void
vt_filters_invert (cairo_surface_t *surface)
{
  guint8 table[3][256];

  for (int v = 0; v < 256; v++)
    table[0][v] = table[1][v] = table[2][v] = (guint8) (255 - v);
  apply_table (surface, table);
}

void
vt_filters_greyscale (cairo_surface_t *surface)
{
  VtPixels p = vt_pixels_of (surface);

  for (int y = 0; y < p.height; y++)
    {
      guint8 *row = vt_pixels_row (&p, y);

      for (int x = 0; x < p.width; x++)
        {
          guint8 *px = row + x * 4;
          px[0] = px[1] = px[2] = luma (px);
        }
    }
  cairo_surface_mark_dirty (surface);
}
