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

typedef struct {
  guint8 *data;
  int     stride;
  int     width;
  int     height;
  int     n_bytes;   /* width × 4 */
} Pixels;

static Pixels
pixels_of (cairo_surface_t *surface)
{
  Pixels p;

  cairo_surface_flush (surface);
  p.data = cairo_image_surface_get_data (surface);
  p.stride = cairo_image_surface_get_stride (surface);
  p.width = cairo_image_surface_get_width (surface);
  p.height = cairo_image_surface_get_height (surface);
  p.n_bytes = p.width * 4;
  return p;
}

static inline guint8 *
row_of (const Pixels *p,
        int           y)
{
  return p->data + (gsize) y * p->stride;
}

/* ------------------------------------------------------------------------ */
/* SHARPEN: 3×3 kernel, −2 all around and 32 in the centre, divided by 16.  */
/* Like Pillow, the outermost rows and columns are left as they are.        */

static void
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
      int v = (32 * here[i] - 2 * ring + 8) >> 4;   /* rounded, as Pillow does */

      out[i] = v < 0 ? 0 : v > 255 ? 255 : (guint8) v;
    }
}

void
vt_filters_sharpen (cairo_surface_t *surface)
{
  Pixels p = pixels_of (surface);
  g_autofree guint8 *prev = NULL;
  g_autofree guint8 *cur = NULL;

  if (p.width < 3 || p.height < 3)
    return;

  /* Two saved input rows are enough: row y is rewritten only once rows
   * y−1 and y have been saved. */
  prev = g_memdup2 (row_of (&p, 0), p.n_bytes);
  cur = g_malloc (p.n_bytes);
  for (int y = 1; y < p.height - 1; y++)
    {
      guint8 *here = row_of (&p, y);
      guint8 *tmp;

      memcpy (cur, here, p.n_bytes);
      sharpen_row (prev, cur, row_of (&p, y + 1), here, p.n_bytes);
      tmp = prev, prev = cur, cur = tmp;
    }
  cairo_surface_mark_dirty (surface);
}

/* ------------------------------------------------------------------------ */
/* Gaussian blur as three extended box blurs (Gwosdek et al., SSVM 2011),   */
/* exactly as Pillow's ImageFilter.GaussianBlur: three horizontal passes,    */
/* then three vertical ones, each rounded to 8 bits, edges replicated.       */

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

/* One line of bytes, channel stride 4, edges replicated through `pad`. */
static void
box_blur_line (const guint8 *in,
               guint8       *out,
               int           width,
               guint8       *pad,
               const Box    *b)
{
  int r = b->radius, n = width + 2 * (r + 1);

  for (int c = 0; c < 4; c++)
    {
      guint32 acc = 0;

      for (int i = 0; i < n; i++)
        pad[i] = in[CLAMP (i - r - 1, 0, width - 1) * 4 + c];

      /* pad[j] is input x = j − r − 1, so x's window is pad[x+1 … x+2r+1]. */
      for (int i = 1; i <= 2 * r + 1; i++)
        acc += pad[i];
      for (int x = 0; x < width; x++)
        {
          guint32 bulk = acc * b->ww + (pad[x] + pad[x + 2 * r + 2]) * b->fw;

          out[x * 4 + c] = (guint8) ((bulk + (1 << 23)) >> 24);
          acc += pad[x + 2 * r + 2] - pad[x + 1];
        }
    }
}

static void
box_blur_vertical (const Pixels *src,
                   const Pixels *dst,
                   guint32      *acc,
                   const Box    *b)
{
  int r = b->radius, last = src->height - 1, n = src->n_bytes;

#define SRC_ROW(y) row_of (src, CLAMP ((y), 0, last))
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
      guint8 *out = row_of (dst, y);

      for (int i = 0; i < n; i++)
        {
          guint32 bulk = acc[i] * b->ww + (far_top[i] + far_bottom[i]) * b->fw;

          out[i] = (guint8) ((bulk + (1 << 23)) >> 24);
          acc[i] += far_bottom[i] - top[i];
        }
    }
#undef SRC_ROW
}

/* Blurs @p into @out (same size); @p is used as scratch and left changed. */
static void
gaussian_blur_into (Pixels       *p,
                    Pixels       *out,
                    double        radius)
{
  Box b = box_for_gaussian (radius, 3);
  g_autofree guint8 *line = g_malloc (p->n_bytes);
  g_autofree guint8 *pad = g_malloc (p->width + 2 * (b.radius + 1));
  g_autofree guint32 *acc = g_new (guint32, p->n_bytes);
  Pixels *from = out, *to = p;

  if (radius <= 0)
    {
      for (int y = 0; y < p->height; y++)
        memcpy (row_of (out, y), row_of (p, y), p->n_bytes);
      return;
    }

  for (int y = 0; y < p->height; y++)
    {
      box_blur_line (row_of (p, y), line, p->width, pad, &b);
      box_blur_line (line, row_of (out, y), p->width, pad, &b);
      box_blur_line (row_of (out, y), line, p->width, pad, &b);
      memcpy (row_of (out, y), line, p->n_bytes);
    }

  /* out → p → out → p: swap so the last pass lands in `out`. */
  box_blur_vertical (from, to, acc, &b);
  box_blur_vertical (to, from, acc, &b);
  box_blur_vertical (from, to, acc, &b);
  for (int y = 0; y < p->height; y++)
    memcpy (row_of (out, y), row_of (p, y), p->n_bytes);
}

static Pixels
pixels_alloc (const Pixels *like)
{
  Pixels p = *like;

  p.stride = like->n_bytes;
  p.data = g_malloc ((gsize) p.stride * p.height);
  return p;
}

void
vt_filters_gaussian_blur (cairo_surface_t *surface,
                          double           radius)
{
  Pixels p = pixels_of (surface);
  Pixels tmp = pixels_alloc (&p);

  gaussian_blur_into (&p, &tmp, radius);
  for (int y = 0; y < p.height; y++)
    memcpy (row_of (&p, y), row_of (&tmp, y), p.n_bytes);
  g_free (tmp.data);
  cairo_surface_mark_dirty (surface);
}

/* ------------------------------------------------------------------------ */
/* UnsharpMask(radius, percent, threshold), Pillow's semantics: where a byte  */
/* differs from its blurred value by more than `threshold`, add `percent` % */
/* of that difference.                                                        */

static void
unsharp_row (const guint8 *orig,
             const guint8 *blurred,
             guint8       *out,
             int           n_bytes,
             int           percent,
             int           threshold)
{
  for (int i = 0; i < n_bytes; i++)
    {
      int diff = orig[i] - blurred[i];
      int v = orig[i] + diff * percent / 100;

      v = v < 0 ? 0 : v > 255 ? 255 : v;
      out[i] = ABS (diff) > threshold ? (guint8) v : orig[i];
    }
}

void
vt_filters_unsharp_mask (cairo_surface_t *surface,
                         double           radius,
                         int              percent,
                         int              threshold)
{
  Pixels p = pixels_of (surface);
  Pixels orig = pixels_alloc (&p);
  Pixels blurred = pixels_alloc (&p);

  for (int y = 0; y < p.height; y++)
    memcpy (row_of (&orig, y), row_of (&p, y), p.n_bytes);

  gaussian_blur_into (&p, &blurred, radius);
  for (int y = 0; y < p.height; y++)
    unsharp_row (row_of (&orig, y), row_of (&blurred, y), row_of (&p, y), p.n_bytes,
                 percent, threshold);

  g_free (orig.data);
  g_free (blurred.data);
  cairo_surface_mark_dirty (surface);
}
