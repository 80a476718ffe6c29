/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-filters.c: the per-pixel filters of a recipe, in place on RGB24 surfaces
 *
 * Each filter reproduces the Pillow filter of the same name (the tool the
 * shops' scripts used, seed 000), in integer arithmetic over whole rows so
 * that GCC vectorises the inner loops. All four bytes of a pixel are
 * processed alike; the unused X byte of RGB24 costs less than skipping it.
 */
#define G_LOG_DOMAIN "vt-filters"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vt-filters.h"
#include "vt-pixels.h"

static VtPixels
pixels_of (cairo_surface_t *surface)
{
  VtPixels p;

  cairo_surface_flush (surface);
  p.data = cairo_image_surface_get_data (surface);
  p.stride = cairo_image_surface_get_stride (surface);
  p.width = cairo_image_surface_get_width (surface);
  p.height = cairo_image_surface_get_height (surface);
  return p;
}

/* ------------------------------------------------------------------------ */
/* SHARPEN: 3×3 kernel, −2 all around and 32 in the centre, divided by 16   */
/* and rounded. Like Pillow, the outermost rows and columns stay as they are. */

static VT_HOT void
sharpen_row (const guint8 *above,
             const guint8 *here,
             const guint8 *below,
             guint8       *out,
             int           n_bytes)
{
  for (int i = 4; i < n_bytes - 4; i++)
    {
      int ring = above[i - 4] + above[i] + above[i + 4] +
                 here[i - 4] + here[i + 4] +
                 below[i - 4] + below[i] + below[i + 4];
      int v = (32 * here[i] - 2 * ring + 8) >> 4;

      out[i] = v < 0 ? 0 : v > 255 ? 255 : (guint8) v;
    }
}

/* ------------------------------------------------------------------------ */
/* Gaussian blur as three extended box blurs (Gwosdek et al., SSVM 2011),   */
/* exactly as Pillow's ImageFilter.GaussianBlur: three passes along rows,    */
/* then three along columns, each rounded to 8 bits, edges replicated.       */

typedef struct {
  int     radius;   /* integer part of the box radius */
  guint32 ww;       /* 24-bit weight of each whole tap */
  guint32 fw;       /* 24-bit weight of each of the two fractional taps */
} Box;

/* A box whose radius may have a fractional part, as Pillow's BoxBlur. */
static Box
box_for_radius (float radius)
{
  Box box;

  box.radius = (int) radius;
  box.ww = (guint32) ((float) (1 << 24) / (radius * 2 + 1));
  box.fw = ((1 << 24) - (box.radius * 2 + 1) * box.ww) / 2;
  return box;
}

static Box
box_for_gaussian (double sigma_radius,
                  int    passes)
{
  float sigma2 = sigma_radius * sigma_radius / passes;
  float L = sqrtf (12.0f * sigma2 + 1.0f);
  float l = floorf ((L - 1.0f) / 2.0f);
  float a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2) / (6 * (sigma2 - (l + 1) * (l + 1)));

  return box_for_radius (l + a);
}

/* One box pass down the columns of @src into @dst (same size): a running
 * sum per byte column, so the inner loop runs along contiguous bytes. */
static VT_HOT void
box_blur_columns (const VtPixels *src,
                  const VtPixels *dst,
                  guint32        *acc,
                  const Box      *b)
{
  int r = b->radius, last = src->height - 1, n = src->width * 4;

#define SRC_ROW(y) vt_pixels_row (src, CLAMP ((y), 0, last))
  memset (acc, 0, n * sizeof (guint32));
  for (int y = -r; y <= r; y++)
    {
      const guint8 *row = SRC_ROW (y);
      for (int i = 0; i < n; i++)
        acc[i] += row[i];
    }

  for (int y = 0; y < src->height; y++)
    {
      const guint8 *far_top = SRC_ROW (y - r - 1);
      const guint8 *far_bottom = SRC_ROW (y + r + 1);
      const guint8 *top = SRC_ROW (y - r);
      guint8 *out = vt_pixels_row (dst, y);

      for (int i = 0; i < n; i++)
        {
          guint32 bulk = acc[i] * b->ww + (far_top[i] + far_bottom[i]) * b->fw;

          out[i] = (guint8) ((bulk + (1 << 23)) >> 24);
          acc[i] += far_bottom[i] - top[i];
        }
    }
#undef SRC_ROW
}

/* @passes passes (1 or 3) ping-ponging between @a and @b; the result ends
 * in @b. */
static void
box_blur_columns_n (const VtPixels *a,
                    const VtPixels *b,
                    const Box      *box,
                    int             passes)
{
  g_autofree guint32 *acc = g_new (guint32, (gsize) a->width * 4);

  box_blur_columns (a, b, acc, box);
  for (int i = 1; i < passes; i += 2)
    {
      box_blur_columns (b, a, acc, box);
      box_blur_columns (a, b, acc, box);
    }
}

static void
copy_pixels (const VtPixels *src,
             const VtPixels *dst)
{
  for (int y = 0; y < src->height; y++)
    memcpy (vt_pixels_row (dst, y), vt_pixels_row (src, y), src->width * 4);
}

/* Box-blurs @src (left unchanged) into @out (same size, owned by the
 * caller): the passes along the rows, then those down the columns. */
static void
box_blur (const VtPixels *src,
          const VtPixels *out,
          const Box      *box,
          int             passes)
{
  VtPixels t1, t2, tmp;

  /* Along rows, as columns of the transposed image. */
  t1 = vt_pixels_alloc (src->height, src->width);
  t2 = vt_pixels_alloc (src->height, src->width);
  vt_pixels_transpose (src, &t1);
  box_blur_columns_n (&t1, &t2, box, passes);
  tmp = vt_pixels_alloc (src->width, src->height);
  vt_pixels_transpose (&t2, &tmp);
  vt_pixels_free (&t1);
  vt_pixels_free (&t2);

  box_blur_columns_n (&tmp, out, box, passes);
  vt_pixels_free (&tmp);
}

static void
gaussian_blur (const VtPixels *src,
               const VtPixels *out,
               double          radius)
{
  Box box = box_for_gaussian (radius, 3);

  if (radius <= 0)
    copy_pixels (src, out);
  else
    box_blur (src, out, &box, 3);
}

/* Box-blurs @surface through a scratch copy. */
static void
blur_in_place (cairo_surface_t *surface,
               const Box       *box,
               int              passes)
{
  VtPixels p = pixels_of (surface);
  VtPixels blurred = vt_pixels_alloc (p.width, p.height);

  box_blur (&p, &blurred, box, passes);
  copy_pixels (&blurred, &p);
  vt_pixels_free (&blurred);
  cairo_surface_mark_dirty (surface);
}

void
vt_filters_gaussian_blur (cairo_surface_t *surface,
                          double           radius)
{
  Box box = box_for_gaussian (radius, 3);

  if (radius > 0)
    blur_in_place (surface, &box, 3);
}

/* BoxBlur(radius): one box pass each way. */
void
vt_filters_box_blur (cairo_surface_t *surface,
                     double           radius)
{
  Box box = box_for_radius (radius);

  if (radius > 0)
    blur_in_place (surface, &box, 1);
}

/* ------------------------------------------------------------------------ */
/* UnsharpMask(radius, percent, threshold), Pillow's semantics: where a byte  */
/* differs from its blurred value by more than `threshold`, add `percent` %  */
/* of that difference.                                                        */

/* Adds diff · percent / 100 to each byte whose difference from its blurred
 * value is above the threshold, truncated as C's integer division is
 * (Pillow's arithmetic). In single precision, so that it vectorises: the
 * product is exact, and a quotient that is not a whole number lies at least
 * 1/100 from one, far more than a float's error, so truncation agrees. */
static VT_HOT void
unsharp_row (guint8       *row,
             const guint8 *blurred,
             int           n_bytes,
             int           percent,
             int           threshold)
{
  float scale = (float) percent;

  for (int i = 0; i < n_bytes; i++)
    {
      int diff = row[i] - blurred[i];
      int add = (int) ((float) diff * scale / 100.0f);
      int v = row[i] + ((diff > threshold || diff < -threshold) ? add : 0);

      row[i] = v < 0 ? 0 : v > 255 ? 255 : (guint8) v;
    }
}

void
vt_filters_unsharp_mask (cairo_surface_t *surface,
                         double           radius,
                         int              percent,
                         int              threshold)
{
  VtPixels p = pixels_of (surface);
  VtPixels blurred = vt_pixels_alloc (p.width, p.height);

  gaussian_blur (&p, &blurred, radius);
  for (int y = 0; y < p.height; y++)
    unsharp_row (vt_pixels_row (&p, y), vt_pixels_row (&blurred, y), p.width * 4, percent, threshold);
  vt_pixels_free (&blurred);
  cairo_surface_mark_dirty (surface);
}

/* ------------------------------------------------------------------------ */
/* Any 3×3 kernel (Pillow's BuiltinFilter: kernel / scale + offset, in      */
/* single-precision float, rounded), outermost rows and columns unchanged.   */

static VT_HOT void
convolve_row (const guint8 *above,
              const guint8 *here,
              const guint8 *below,
              guint8       *out,
              int           n_bytes,
              const float   k[9])
{
  for (int i = 4; i < n_bytes - 4; i++)
    {
      float v = k[0] * above[i - 4] + k[1] * above[i] + k[2] * above[i + 4] +
                k[3] * here[i - 4] + k[4] * here[i] + k[5] * here[i + 4] +
                k[6] * below[i - 4] + k[7] * below[i] + k[8] * below[i + 4];

      out[i] = v <= 0.0f ? 0 : v >= 255.0f ? 255 : (guint8) (v + 0.5f);
    }
}

/* A 3×3 filter in place, the border left alone as Pillow leaves it:
 * @kernel, or Pillow's SHARPEN in its exact integer arithmetic when %NULL. */
static void
filter_3x3 (cairo_surface_t *surface,
            const float     *kernel)
{
  VtPixels p = pixels_of (surface);
  int n_bytes = p.width * 4;
  g_autofree guint8 *prev = NULL;
  g_autofree guint8 *cur = NULL;

  if (p.width < 3 || p.height < 3)
    return;

  /* Two saved input rows are enough: row y is rewritten only once rows
   * y−1 and y have been saved. */
  prev = g_memdup2 (vt_pixels_row (&p, 0), n_bytes);
  cur = g_malloc (n_bytes);
  for (int y = 1; y < p.height - 1; y++)
    {
      guint8 *here = vt_pixels_row (&p, y);
      guint8 *tmp;

      memcpy (cur, here, n_bytes);
      if (kernel != NULL)
        convolve_row (prev, cur, vt_pixels_row (&p, y + 1), here, n_bytes, kernel);
      else
        sharpen_row (prev, cur, vt_pixels_row (&p, y + 1), here, n_bytes);
      tmp = prev, prev = cur, cur = tmp;
    }
  cairo_surface_mark_dirty (surface);
}

void
vt_filters_sharpen (cairo_surface_t *surface)
{
  filter_3x3 (surface, NULL);
}

void
vt_filters_convolve3 (cairo_surface_t *surface,
                      const float      kernel[9])
{
  filter_3x3 (surface, kernel);
}

/* ------------------------------------------------------------------------ */
/* Point operations: Pillow's ImageEnhance, ImageOps.autocontrast, invert   */
/* and grayscale. RGB24 keeps blue, green, red in bytes 0, 1, 2.             */

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
  VtPixels p = pixels_of (surface);

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

/* ImageEnhance.Contrast: towards the photo's mean grey, rounded. */
void
vt_filters_contrast (cairo_surface_t *surface,
                     double           factor)
{
  VtPixels p = pixels_of (surface);
  guint64 sum = 0;

  for (int y = 0; y < p.height; y++)
    {
      const guint8 *row = vt_pixels_row (&p, y);
      for (int x = 0; x < p.width; x++)
        sum += luma (row + x * 4);
    }
  blend_with_level (surface, (int) ((double) sum / MAX ((gint64) p.width * p.height, 1) + 0.5),
                    factor);
}

/* ImageEnhance.Color: each pixel towards its own grey. */
void
vt_filters_saturation (cairo_surface_t *surface,
                       double           factor)
{
  VtPixels p = pixels_of (surface);

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

/* ImageOps.autocontrast: each channel stretched to 0…255 on its own. */
void
vt_filters_auto_contrast (cairo_surface_t *surface,
                          double           cutoff)
{
  VtPixels p = pixels_of (surface);
  guint64 h[3][256] = { { 0 } };
  guint8 table[3][256];

  for (int y = 0; y < p.height; y++)
    {
      const guint8 *row = vt_pixels_row (&p, y);
      for (int x = 0; x < p.width; x++)
        for (int c = 0; c < 3; c++)
          h[c][row[x * 4 + c]]++;
    }

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
  VtPixels p = pixels_of (surface);

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
