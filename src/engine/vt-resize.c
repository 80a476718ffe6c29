/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-resize.c: fit geometry and Lanczos-3 resampling */
#define G_LOG_DOMAIN "vt-resize"

#include "config.h"

#include <math.h>

#include "vt-image.h"
#include "vt-resize.h"

/* Weights are 22-bit fixed point, so 255 × the sum of |weights| stays within
 * an int32 (the choice Pillow makes, whose pixels we want to match). */
#define PRECISION_BITS 22
#define LANCZOS_SUPPORT 3.0

/**
 * vt_resize_fit_size:
 *
 * The size of @width × @height fitted inside the box with its aspect ratio
 * kept and never enlarged. Rounds the free side the way Pillow's
 * Image.thumbnail() does: to whichever neighbour keeps the aspect ratio
 * closest, so outputs agree with it to the pixel.
 */
void
vt_resize_fit_size (int  width,
                    int  height,
                    int  box_width,
                    int  box_height,
                    int *out_width,
                    int *out_height)
{
  double aspect = (double) width / height;
  int x = box_width, y = box_height;

  if (x >= width && y >= height)
    {
      *out_width = width;
      *out_height = height;
      return;
    }

  if ((double) x / y >= aspect)
    {
      double lo = floor (y * aspect), hi = ceil (y * aspect);
      x = fabs (aspect - lo / y) <= fabs (aspect - hi / y) ? (int) lo : (int) hi;
    }
  else
    {
      double lo = floor (x / aspect), hi = ceil (x / aspect);
      double dlo = lo == 0 ? 0 : fabs (aspect - x / lo);
      double dhi = hi == 0 ? 0 : fabs (aspect - x / hi);
      y = dlo <= dhi ? (int) lo : (int) hi;
    }

  *out_width = MAX (x, 1);
  *out_height = MAX (y, 1);
}

static double
sinc (double x)
{
  if (x == 0.0)
    return 1.0;
  x *= G_PI;
  return sin (x) / x;
}

static double
lanczos3 (double x)
{
  if (x > -LANCZOS_SUPPORT && x < LANCZOS_SUPPORT)
    return sinc (x) * sinc (x / LANCZOS_SUPPORT);
  return 0.0;
}

/* For each output position: the first input index, the tap count, and
 * `ksize` fixed-point weights. */
typedef struct {
  int    ksize;
  int   *first;
  int   *count;
  gint32 *weights;
} Kernel;

static void
kernel_clear (Kernel *k)
{
  g_free (k->first);
  g_free (k->count);
  g_free (k->weights);
}

static void
kernel_init (Kernel *k,
             int     in_size,
             int     out_size)
{
  double scale = (double) in_size / out_size;
  double filterscale = MAX (scale, 1.0);
  double support = LANCZOS_SUPPORT * filterscale;
  g_autofree double *w = NULL;

  k->ksize = (int) ceil (support) * 2 + 1;
  k->first = g_new (int, out_size);
  k->count = g_new (int, out_size);
  k->weights = g_new0 (gint32, (gsize) out_size * k->ksize);
  w = g_new (double, k->ksize);

  for (int o = 0; o < out_size; o++)
    {
      double center = (o + 0.5) * scale;
      int lo = MAX ((int) (center - support + 0.5), 0);
      int hi = MIN ((int) (center + support + 0.5), in_size);
      double sum = 0.0;

      for (int i = lo; i < hi; i++)
        sum += w[i - lo] = lanczos3 ((i - center + 0.5) / filterscale);

      for (int i = 0; i < hi - lo; i++)
        {
          double v = (sum != 0.0 ? w[i] / sum : 0.0) * (1 << PRECISION_BITS);
          k->weights[(gsize) o * k->ksize + i] = (gint32) (v < 0 ? trunc (v - 0.5) : trunc (v + 0.5));
        }
      k->first[o] = lo;
      k->count[o] = hi - lo;
    }
}

static inline guint8
clip8 (gint32 v)
{
  v >>= PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : (guint8) v;
}

/* One row, all four bytes of each pixel together (the X byte of RGB24 rides
 * along: cheaper than skipping it, and ignored by every consumer). */
static void
resample_row_horizontal (const guint8 *in,
                         guint8       *out,
                         int           out_width,
                         const Kernel *k)
{
  for (int x = 0; x < out_width; x++)
    {
      const gint32 *w = k->weights + (gsize) x * k->ksize;
      const guint8 *p = in + (gsize) k->first[x] * 4;
      gint32 s0 = 1 << (PRECISION_BITS - 1), s1 = s0, s2 = s0, s3 = s0;

      for (int i = 0; i < k->count[x]; i++, p += 4)
        {
          s0 += p[0] * w[i];
          s1 += p[1] * w[i];
          s2 += p[2] * w[i];
          s3 += p[3] * w[i];
        }
      out[x * 4 + 0] = clip8 (s0);
      out[x * 4 + 1] = clip8 (s1);
      out[x * 4 + 2] = clip8 (s2);
      out[x * 4 + 3] = clip8 (s3);
    }
}

/* One output row as a weighted sum of whole input rows: the inner loop runs
 * along contiguous bytes, so the compiler vectorises it. */
static void
resample_row_vertical (const guint8 *in,
                       int           in_stride,
                       guint8       *out,
                       int           n_bytes,
                       gint32       *acc,
                       const gint32 *w,
                       int           count)
{
  for (int i = 0; i < n_bytes; i++)
    acc[i] = 1 << (PRECISION_BITS - 1);

  for (int t = 0; t < count; t++)
    {
      const guint8 *row = in + (gsize) t * in_stride;
      gint32 wt = w[t];

      for (int i = 0; i < n_bytes; i++)
        acc[i] += row[i] * wt;
    }

  for (int i = 0; i < n_bytes; i++)
    out[i] = clip8 (acc[i]);
}

/* Horizontal pass over only the input rows the vertical pass will read. */
static gboolean
pass_horizontal (cairo_surface_t *src,
                 cairo_surface_t *dst,
                 int              first_row,
                 GCancellable    *cancellable)
{
  const guint8 *in = cairo_image_surface_get_data (src);
  int in_stride = cairo_image_surface_get_stride (src);
  guint8 *out = cairo_image_surface_get_data (dst);
  int out_stride = cairo_image_surface_get_stride (dst);
  int out_w = cairo_image_surface_get_width (dst);
  int out_h = cairo_image_surface_get_height (dst);
  Kernel k;

  kernel_init (&k, cairo_image_surface_get_width (src), out_w);
  for (int y = 0; y < out_h; y++)
    {
      if ((y & 63) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
      resample_row_horizontal (in + (gsize) (y + first_row) * in_stride,
                               out + (gsize) y * out_stride, out_w, &k);
    }
  kernel_clear (&k);

  return !g_cancellable_is_cancelled (cancellable);
}

static gboolean
pass_vertical (cairo_surface_t *src,
               int              src_offset,
               cairo_surface_t *dst,
               const Kernel    *k,
               GCancellable    *cancellable)
{
  const guint8 *in = cairo_image_surface_get_data (src);
  int in_stride = cairo_image_surface_get_stride (src);
  guint8 *out = cairo_image_surface_get_data (dst);
  int out_stride = cairo_image_surface_get_stride (dst);
  int n_bytes = cairo_image_surface_get_width (dst) * 4;
  int out_h = cairo_image_surface_get_height (dst);
  g_autofree gint32 *acc = g_new (gint32, n_bytes);

  for (int y = 0; y < out_h; y++)
    {
      if ((y & 63) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      resample_row_vertical (in + (gsize) (k->first[y] - src_offset) * in_stride, in_stride,
                             out + (gsize) y * out_stride, n_bytes, acc,
                             k->weights + (gsize) y * k->ksize, k->count[y]);
    }

  return TRUE;
}

static cairo_surface_t *
set_cancelled (GCancellable  *cancellable,
               GError       **error)
{
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

/**
 * vt_resize_surface:
 * @source: an RGB24 surface
 *
 * Resamples with a Lanczos-3 kernel widened by the scale factor when
 * shrinking, so fine patterns average out instead of aliasing. Separable:
 * a horizontal pass over the rows the vertical pass needs, then the
 * vertical pass. Both check @cancellable every 64 rows.
 *
 * Returns: (transfer full): a new surface, or %NULL when cancelled or out of
 * memory
 */
cairo_surface_t *
vt_resize_surface (cairo_surface_t *source,
                   int              width,
                   int              height,
                   GCancellable    *cancellable,
                   GError         **error)
{
  int src_w = cairo_image_surface_get_width (source);
  int src_h = cairo_image_surface_get_height (source);
  g_autoptr(cairo_surface_t) wide = NULL;
  g_autoptr(cairo_surface_t) result = NULL;
  Kernel kv = { 0 };
  int first_row = 0, n_rows = src_h;
  gboolean ok;

  cairo_surface_flush (source);

  if (height != src_h)
    {
      kernel_init (&kv, src_h, height);
      first_row = kv.first[0];
      n_rows = kv.first[height - 1] + kv.count[height - 1] - first_row;
    }

  if (width != src_w)
    {
      wide = vt_image_new (width, n_rows, error);
      if (wide == NULL || !pass_horizontal (source, wide, first_row, cancellable))
        {
          kernel_clear (&kv);
          return wide == NULL ? NULL : set_cancelled (cancellable, error);
        }
    }
  else
    {
      wide = cairo_surface_reference (source);
      first_row = 0;
    }

  if (height == src_h)
    {
      kernel_clear (&kv);
      cairo_surface_mark_dirty (wide);
      return width != src_w ? g_steal_pointer (&wide) : cairo_surface_reference (source);
    }

  result = vt_image_new (width, height, error);
  ok = result != NULL && pass_vertical (wide, first_row, result, &kv, cancellable);
  kernel_clear (&kv);
  if (!ok)
    return result == NULL ? NULL : set_cancelled (cancellable, error);

  cairo_surface_mark_dirty (result);
  return g_steal_pointer (&result);
}
