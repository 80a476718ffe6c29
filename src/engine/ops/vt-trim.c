/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-trim.c: the paper behind a studio shot, and the box of the product on it
 *
 * The backdrop is fitted to the photo's border as a plane per colour
 * channel, by least squares with the samples more than the tolerance away
 * thrown out and the fit done again: a slight gradient in the paper then
 * costs nothing of the tolerance, and a product touching an edge does not
 * pull the fit. A pixel belongs to the product when one of its channels
 * is further from the backdrop than the tolerance (ImageMagick's -fuzz, on
 * the largest channel difference), and a row or column only counts when a
 * few of its pixels do, so lone noisy pixels and dust do not widen the box.
 */
#define G_LOG_DOMAIN "vt-trim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vt-pixels.h"
#include "vt-trim.h"

/* The border ring sampled: 1 % of the shorter side, 1 to 8 pixels deep,
 * at most this many samples along each side. */
#define RING_MAX_DEPTH 8
#define RING_MAX_ALONG 2048
/* Fit again without the outliers of the previous fit this many times. */
#define FIT_ROUNDS 3
/* Paper's spread (grain, JPEG) is a few levels, far inside the tolerance.
 * Residuals that fill the tolerance evenly (a spread near 0.74 of it) are
 * a scene, a table or water, that merely has light and dark parts within
 * reach of each other: no backdrop to cut a product from. */
#define MAX_SPREAD_SHARE 0.5

typedef struct {
  float x, y;        /* from the photo's centre */
  float c[3];        /* red, green, blue */
  float residual;    /* largest channel difference from the model */
} Sample;

double
vt_trim_tolerance_levels (double percent)
{
  return CLAMP (percent, 0.0, 100.0) / 100.0 * 255.0;
}

static void
take_sample (Sample          *sample,
             cairo_surface_t *surface,
             int              x,
             int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p = ((const guint32 *) (data + (gsize) y * stride))[x];
  Sample s = {
    x - (cairo_image_surface_get_width (surface) - 1) / 2.0f,
    y - (cairo_image_surface_get_height (surface) - 1) / 2.0f,
    { (p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF },
    0,
  };

  *sample = s;
}

static GArray *
sample_border (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int depth = CLAMP (MIN (w, h) / 100, 1, RING_MAX_DEPTH);
  int step_x = MAX (1, w / RING_MAX_ALONG), step_y = MAX (1, h / RING_MAX_ALONG);
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  Sample *s;
  gsize n = 0;

  depth = MIN (depth, MIN (w, h) / 2);
  depth = MAX (depth, 1);
  /* At most this many; written in place, then cut to those taken */
  g_array_set_size (samples, 2 * depth * ((w + step_x - 1) / step_x + (h + step_y - 1) / step_y));
  s = &g_array_index (samples, Sample, 0);
  for (int d = 0; d < depth; d++)
    {
      for (int x = 0; x < w; x += step_x)
        {
          take_sample (&s[n++], surface, x, d);
          take_sample (&s[n++], surface, x, h - 1 - d);
        }
      for (int y = depth; y < h - depth; y += step_y)
        {
          take_sample (&s[n++], surface, d, y);
          take_sample (&s[n++], surface, w - 1 - d, y);
        }
    }
  g_array_set_size (samples, n);
  return samples;
}

/* The median of values in 0…255, through a histogram. */
static double
median_level (const float *values,
              gsize        n,
              gsize        step)
{
  guint hist[256] = { 0 };
  gsize seen = 0;

  for (gsize i = 0; i < n; i++)
    hist[CLAMP ((int) lrintf (values[i * step]), 0, 255)]++;
  for (int v = 0; v < 256; v++)
    {
      seen += hist[v];
      if (seen * 2 >= n)
        return v;
    }
  return 255;
}

static double
det3 (const double m[3][3])
{
  return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
       - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
       + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

/* Least squares plane through the samples with a residual within @gate,
 * by Cramer's rule on the normal equations; a flat colour when the samples
 * cannot tell a slope (a photo one pixel wide). */
static gsize
fit_plane (GArray     *samples,
           double      gate,
           VtBackdrop *b)
{
  double m[3][3] = { { 0 } }, rhs[3][3] = { { 0 } };
  gsize n = 0;

  for (guint i = 0; i < samples->len; i++)
    {
      const Sample *s = &g_array_index (samples, Sample, i);
      double row[3] = { 1, s->x, s->y };

      if (s->residual > gate)
        continue;
      n++;
      for (int r = 0; r < 3; r++)
        for (int k = 0; k < 3; k++)
          {
            m[r][k] += row[r] * row[k];
            rhs[k][r] += row[r] * s->c[k];
          }
    }
  if (n == 0)
    return 0;

  double det = det3 (m);
  gboolean flat = fabs (det) <= 1e-9 * m[0][0] * m[1][1] * m[2][2];

  for (int k = 0; k < 3; k++)
    {
      double coef[3] = { rhs[k][0] / n, 0, 0 };

      for (int col = 0; col < 3 && !flat; col++)
        {
          double a[3][3];

          memcpy (a, m, sizeof a);
          for (int r = 0; r < 3; r++)
            a[r][col] = rhs[k][r];
          coef[col] = det3 (a) / det;
        }
      b->base[k] = coef[0];
      b->dx[k] = coef[1];
      b->dy[k] = coef[2];
    }
  return n;
}

static void
measure_residuals (GArray           *samples,
                   const VtBackdrop *b)
{
  for (guint i = 0; i < samples->len; i++)
    {
      Sample *s = &g_array_index (samples, Sample, i);

      s->residual = 0;
      for (int k = 0; k < 3; k++)
        s->residual = MAX (s->residual, fabsf (s->c[k] - (float) (b->base[k] + b->dx[k] * s->x +
                                                                  b->dy[k] * s->y)));
    }
}

/**
 * vt_backdrop_fit:
 * @tolerance: in levels (vt_trim_tolerance_levels())
 *
 * Fits @backdrop to the border of @surface.
 *
 * Returns: whether at least half the border is one plain backdrop
 */
gboolean
vt_backdrop_fit (cairo_surface_t *surface,
                 double           tolerance,
                 VtBackdrop      *backdrop)
{
  g_autoptr(GArray) samples = NULL;
  gsize inliers = 0;

  g_return_val_if_fail (cairo_image_surface_get_width (surface) > 0, FALSE);

  cairo_surface_flush (surface);
  memset (backdrop, 0, sizeof *backdrop);
  backdrop->width = cairo_image_surface_get_width (surface);
  backdrop->height = cairo_image_surface_get_height (surface);
  samples = sample_border (surface);

  /* Start from the median colour, which a product covering less than half
   * the border cannot move. */
  for (int k = 0; k < 3; k++)
    backdrop->base[k] = median_level (&g_array_index (samples, Sample, 0).c[k], samples->len,
                                      sizeof (Sample) / sizeof (float));
  for (int round = 0; round < FIT_ROUNDS; round++)
    {
      measure_residuals (samples, backdrop);
      inliers = fit_plane (samples, tolerance, backdrop);
      if (inliers == 0)
        return FALSE;
    }
  measure_residuals (samples, backdrop);

  /* The spread of the paper, from the samples that are paper: the median
   * absolute residual scaled to a standard deviation. */
  {
    g_autofree float *res = g_new (float, samples->len);
    gsize n = 0;

    for (guint i = 0; i < samples->len; i++)
      if (g_array_index (samples, Sample, i).residual <= tolerance)
        res[n++] = g_array_index (samples, Sample, i).residual;
    backdrop->noise = n > 0 ? 1.4826 * median_level (res, n, 1) : 0;
    backdrop->coverage = (double) n / samples->len;
  }
  return backdrop->coverage >= 0.5 && backdrop->noise <= MAX_SPREAD_SHARE * tolerance;
}

/**
 * vt_backdrop_row:
 * @expected: (out caller-allocates): 4 bytes per pixel, as Cairo lays them out
 *
 * The backdrop's colour along row @y, in 16.16 fixed point and written as
 * whole Cairo pixel words, so that the loop vectorises.
 */
VT_HOT void
vt_backdrop_row (const VtBackdrop *b,
                 int               y,
                 guint8           *expected)
{
  double fy = y - (b->height - 1) / 2.0;
  double x0 = -(b->width - 1) / 2.0;
  gint32 start[3], dx[3];
  guint32 *out = (guint32 *) expected;
  int width = b->width;  /* a local: stores through @out could alias @b */

  for (int k = 0; k < 3; k++)
    {
      double level = CLAMP (b->base[k] + b->dy[k] * fy + b->dx[k] * x0, -4096.0, 4096.0);
      start[k] = (gint32) lround ((level + 0.5) * 65536.0);
      dx[k] = (gint32) lround (CLAMP (b->dx[k], -1.0, 1.0) * 65536.0);
    }
  for (int x = 0; x < width; x++)
    {
      gint32 r = (start[0] + dx[0] * x) >> 16;
      gint32 g = (start[1] + dx[1] * x) >> 16;
      gint32 bl = (start[2] + dx[2] * x) >> 16;

      r = CLAMP (r, 0, 255);
      g = CLAMP (g, 0, 255);
      bl = CLAMP (bl, 0, 255);
      out[x] = 0xFF000000u | (guint32) r << 16 | (guint32) g << 8 | (guint32) bl;
    }
}

/**
 * vt_backdrop_distance_row:
 *
 * For each pixel of @row, its largest channel difference from @expected.
 */
VT_HOT void
vt_backdrop_distance_row (const guint8 *row,
                          const guint8 *expected,
                          int           width,
                          guint8       *distance)
{
  int skip = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 3 : 0;

  for (int x = 0; x < width; x++)
    {
      guint8 d = 0;

      for (int k = 0; k < 4; k++)
        {
          guint8 a = row[4 * x + k], e = expected[4 * x + k];
          guint8 diff = a > e ? a - e : e - a;

          d = k == skip ? d : MAX (d, diff);
        }
      distance[x] = d;
    }
}

static gboolean
is_level (const VtBackdrop *b)
{
  return b->dy[0] == 0 && b->dy[1] == 0 && b->dy[2] == 0;
}

VT_HOT static int
count_row (const guint8 *distance,
           int           width,
           guint8        threshold,
           int          *columns)
{
  int n = 0;

  for (int x = 0; x < width; x++)
    {
      int hit = distance[x] > threshold;
      columns[x] += hit;
      n += hit;
    }
  return n;
}

static gboolean
span (const int *counts,
      int        n,
      int        least,
      int       *first,
      int       *last)
{
  *first = 0;
  while (*first < n && counts[*first] < least)
    (*first)++;
  *last = n - 1;
  while (*last >= *first && counts[*last] < least)
    (*last)--;
  return *first <= *last;
}

/**
 * vt_trim_find_on:
 * @backdrop: the backdrop of @surface, from vt_backdrop_fit() or known
 * @tolerance: in percent of full scale
 *
 * Finds the product on @surface: the smallest box holding every row and
 * column with more than a few pixels off @backdrop.
 *
 * Returns: whether there is something on the backdrop
 */
gboolean
vt_trim_find_on (cairo_surface_t  *surface,
                 const VtBackdrop *backdrop,
                 double            tolerance,
                 VtTrim           *trim)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  guint8 levels = (guint8) MIN (vt_trim_tolerance_levels (tolerance), 255.0);
  g_autofree int *rows = g_new0 (int, h), *columns = g_new0 (int, w);
  g_autofree guint8 *expected = g_malloc ((gsize) w * 4), *distance = g_malloc (w);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int top, bottom, left, right;

  trim->backdrop = *backdrop;
  trim->box = (cairo_rectangle_int_t) { 0, 0, w, h };
  trim->found = FALSE;
  for (int y = 0; y < h; y++)
    {
      /* A backdrop with no slope down the photo, such as a whitened one,
       * is the same colour on every row */
      if (y == 0 || !is_level (backdrop))
        vt_backdrop_row (backdrop, y, expected);
      vt_backdrop_distance_row (data + (gsize) y * stride, expected, w, distance);
      rows[y] = count_row (distance, w, levels, columns);
    }

  /* Half a percent of a line, and never a single pixel. */
  if (!span (rows, h, MAX (2, w / 200), &top, &bottom) ||
      !span (columns, w, MAX (2, h / 200), &left, &right))
    return FALSE;

  trim->box = (cairo_rectangle_int_t) { left, top, right - left + 1, bottom - top + 1 };
  trim->found = TRUE;
  return TRUE;
}

/**
 * vt_trim_find:
 * @tolerance: in percent of full scale
 *
 * vt_trim_find_on() the backdrop fitted to the border of @surface.
 *
 * Returns: whether there is a backdrop and something on it
 */
gboolean
vt_trim_find (cairo_surface_t *surface,
              double           tolerance,
              VtTrim          *trim)
{
  VtBackdrop backdrop;

  if (!vt_backdrop_fit (surface, vt_trim_tolerance_levels (tolerance), &backdrop))
    {
      trim->backdrop = backdrop;
      trim->box = (cairo_rectangle_int_t) { 0, 0, cairo_image_surface_get_width (surface),
                                            cairo_image_surface_get_height (surface) };
      trim->found = FALSE;
      return FALSE;
    }
  return vt_trim_find_on (surface, &backdrop, tolerance, trim);
}

/**
 * vt_backdrop_white:
 *
 * The backdrop vt_whiten() leaves on a photo of @width × @height: flat white.
 */
void
vt_backdrop_white (int         width,
                   int         height,
                   VtBackdrop *backdrop)
{
  *backdrop = (VtBackdrop) { { 255, 255, 255 }, { 0 }, { 0 }, 0, 1, width, height };
}
