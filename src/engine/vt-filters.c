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

void
vt_filters_sharpen (cairo_surface_t *surface)
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
      sharpen_row (prev, cur, vt_pixels_row (&p, y + 1), here, n_bytes);
      tmp = prev, prev = cur, cur = tmp;
    }
  cairo_surface_mark_dirty (surface);
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

static Box
box_for_gaussian (double sigma_radius,
                  int    passes)
{
  float sigma2 = sigma_radius * sigma_radius / passes;
  float L = sqrtf (12.0f * sigma2 + 1.0f);
  float l = floorf ((L - 1.0f) / 2.0f);
  float a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2) / (6 * (sigma2 - (l + 1) * (l + 1)));
  float radius = l + a;
  Box box;

  box.radius = (int) radius;
  box.ww = (guint32) ((float) (1 << 24) / (radius * 2 + 1));
  box.fw = ((1 << 24) - (box.radius * 2 + 1) * box.ww) / 2;
  return box;
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

/* Three passes ping-ponging between @a and @b; the result ends in @b. */
static void
box_blur_columns_3 (const VtPixels *a,
                    const VtPixels *b,
                    const Box      *box)
{
  g_autofree guint32 *acc = g_new (guint32, (gsize) a->width * 4);

  box_blur_columns (a, b, acc, box);
  box_blur_columns (b, a, acc, box);
  box_blur_columns (a, b, acc, box);
}

/* Blurs @src (left unchanged) into @out (same size, owned by the caller). */
static void
gaussian_blur (const VtPixels *src,
               const VtPixels *out,
               double          radius)
{
  Box box = box_for_gaussian (radius, 3);
  VtPixels t1, t2, tmp;

  if (radius <= 0)
    {
      for (int y = 0; y < src->height; y++)
        memcpy (vt_pixels_row (out, y), vt_pixels_row (src, y), src->width * 4);
      return;
    }

  /* Along rows, as columns of the transposed image. */
  t1 = vt_pixels_alloc (src->height, src->width);
  t2 = vt_pixels_alloc (src->height, src->width);
  vt_pixels_transpose (src, &t1);
  box_blur_columns_3 (&t1, &t2, &box);
  tmp = vt_pixels_alloc (src->width, src->height);
  vt_pixels_transpose (&t2, &tmp);
  vt_pixels_free (&t1);
  vt_pixels_free (&t2);

  box_blur_columns_3 (&tmp, out, &box);
  vt_pixels_free (&tmp);
}

void
vt_filters_gaussian_blur (cairo_surface_t *surface,
                          double           radius)
{
  VtPixels p = pixels_of (surface);
  VtPixels blurred = vt_pixels_alloc (p.width, p.height);

  gaussian_blur (&p, &blurred, radius);
  for (int y = 0; y < p.height; y++)
    memcpy (vt_pixels_row (&p, y), vt_pixels_row (&blurred, y), p.width * 4);
  vt_pixels_free (&blurred);
  cairo_surface_mark_dirty (surface);
}

/* ------------------------------------------------------------------------ */
/* UnsharpMask(radius, percent, threshold), Pillow's semantics: where a byte  */
/* differs from its blurred value by more than `threshold`, add `percent` %  */
/* of that difference.                                                        */

/* What each difference from the blurred value adds: diff · percent / 100,
 * truncated as C's integer division is (Pillow's arithmetic), or nothing
 * within the threshold. One table per call instead of a division per byte. */
static void
unsharp_table (gint16 table[511],
               int    percent,
               int    threshold)
{
  for (int diff = -255; diff <= 255; diff++)
    table[diff + 255] = ABS (diff) > threshold ? (gint16) (diff * percent / 100) : 0;
}

static void
unsharp_row (guint8       *row,
             const guint8 *blurred,
             int           n_bytes,
             const gint16 *table)
{
  for (int i = 0; i < n_bytes; i++)
    {
      int v = row[i] + table[row[i] - blurred[i] + 255];
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
  gint16 table[511];

  unsharp_table (table, percent, threshold);
  gaussian_blur (&p, &blurred, radius);
  for (int y = 0; y < p.height; y++)
    unsharp_row (vt_pixels_row (&p, y), vt_pixels_row (&blurred, y), p.width * 4, table);
  vt_pixels_free (&blurred);
  cairo_surface_mark_dirty (surface);
}
