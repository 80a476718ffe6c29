/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-resize.c: fit geometry and Lanczos-3 resampling */
#define G_LOG_DOMAIN "vt-resize"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vt-image.h"
#include "vt-resize.h"
#include "vt-pixels.h"
#include "vt-tsan.h"

/* Weights are 22-bit fixed point, so 255 × the sum of |weights| stays within
 * an int32 (the choice Pillow makes, whose pixels we want to match). */
#define PRECISION_BITS 22
#define LANCZOS_SUPPORT 3.0

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
 * `ksize` fixed-point weights; and what they were made for. */
typedef struct {
  int     in_size;
  double  in0;
  double  extent;
  int     out_size;
  int     ksize;
  int    *first;
  int    *count;
  gint32 *weights;
} Kernel;

static void
kernel_free_contents (Kernel *k)
{
  VT_HANDOFF_ACQUIRE (k);   /* from every worker that let go of it */
  g_free (k->first);
  g_free (k->count);
  g_free (k->weights);
}

/* Kernels are shared by the workers (kernel_get()), hence atomic counts. */
static void
kernel_unref (Kernel *k)
{
  VT_HANDOFF_RELEASE (k);
  g_atomic_rc_box_release_full (k, (GDestroyNotify) kernel_free_contents);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Kernel, kernel_unref)

/* @in0, @extent: the span of the input that maps onto the output; the
 * whole input but for a crop, or a box reduction whose last block was
 * partial. */
static void
kernel_init (Kernel *k,
             int     in_size,
             double  in0,
             double  extent,
             int     out_size)
{
  double scale = extent / out_size;
  double filterscale = MAX (scale, 1.0);
  double support = LANCZOS_SUPPORT * filterscale;
  g_autofree double *w = NULL;

  k->in_size = in_size, k->in0 = in0, k->extent = extent, k->out_size = out_size;
  k->ksize = (int) ceil (support) * 2 + 1;
  k->first = g_new (int, out_size);
  k->count = g_new (int, out_size);
  k->weights = g_new0 (gint32, (gsize) out_size * k->ksize);
  w = g_new (double, k->ksize);

  for (int o = 0; o < out_size; o++)
    {
      double center = in0 + (o + 0.5) * scale;
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

/* Every photo of a batch asks for the same few kernels, each a sine per
 * tap to compute: the last few made are kept, for all the workers. */
#define N_KEPT_KERNELS 8

static GMutex kept_lock;
static Kernel *kept[N_KEPT_KERNELS];
static guint kept_next;

static Kernel *
kernel_get (int    in_size,
            double in0,
            double extent,
            int    out_size)
{
  Kernel *k = NULL;

  vt_mutex_lock (&kept_lock);
  for (guint i = 0; k == NULL && i < N_KEPT_KERNELS; i++)
    if (kept[i] != NULL && kept[i]->in_size == in_size && kept[i]->in0 == in0 &&
        kept[i]->extent == extent && kept[i]->out_size == out_size)
      k = g_atomic_rc_box_acquire (kept[i]);
  vt_mutex_unlock (&kept_lock);
  if (k != NULL)
    return k;

  k = g_atomic_rc_box_new0 (Kernel);
  kernel_init (k, in_size, in0, extent, out_size);
  vt_mutex_lock (&kept_lock);
  g_clear_pointer (&kept[kept_next], kernel_unref);
  kept[kept_next] = g_atomic_rc_box_acquire (k);
  kept_next = (kept_next + 1) % N_KEPT_KERNELS;
  vt_mutex_unlock (&kept_lock);
  return k;
}

static inline guint8
clip8 (gint32 v)
{
  v >>= PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : (guint8) v;
}

/* One output row as a weighted sum of whole input rows: the inner loop runs
 * along contiguous bytes, so the compiler vectorises it. */
static VT_HOT void
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

#ifdef VT_HAVE_AVX2
/* The most input rows per output row, in pairs, this path takes: 64 rows
 * is a shrink by 10 with no box step first (a fill from a large photo);
 * the C loop does more. */
#define MAX_PAIRS 32

/* The same sums with AVX2's multiply-add of 16-bit pairs, which takes two
 * rows at a time and keeps the sums in registers. It is exact: each 22-bit
 * weight is split into w >> 11 and w & 2047, both 16-bit, and the two sums
 * are put back together before rounding, as Pillow's int32 sum. */
/* Sixteen bytes of two rows, weighed by a pair of weights: their sums
 * against the weights' high and low halves added to @h and @l. */
static inline __attribute__ ((target ("avx2"))) void
add_pair_avx2 (const guint8 *row,
               const guint8 *next,
               __m256i       high,
               __m256i       low,
               __m256i       h[2],
               __m256i       l[2])
{
  __m256i a = vt_pixels_load_words_avx2 (row);
  __m256i b = vt_pixels_load_words_avx2 (next);
  __m256i ab0 = _mm256_unpacklo_epi16 (a, b), ab1 = _mm256_unpackhi_epi16 (a, b);

  h[0] = _mm256_add_epi32 (h[0], _mm256_madd_epi16 (ab0, high));
  h[1] = _mm256_add_epi32 (h[1], _mm256_madd_epi16 (ab1, high));
  l[0] = _mm256_add_epi32 (l[0], _mm256_madd_epi16 (ab0, low));
  l[1] = _mm256_add_epi32 (l[1], _mm256_madd_epi16 (ab1, low));
}

/* The sixteen bytes those sums make: put back together, rounded and
 * clamped as Pillow's. */
static inline __attribute__ ((target ("avx2"))) void
store_sums_avx2 (guint8        *out,
                 const __m256i  h[2],
                 const __m256i  l[2])
{
  const __m256i round = _mm256_set1_epi32 (1 << (PRECISION_BITS - 1));
  __m256i v0 = _mm256_add_epi32 (_mm256_slli_epi32 (h[0], 11), l[0]);
  __m256i v1 = _mm256_add_epi32 (_mm256_slli_epi32 (h[1], 11), l[1]);

  v0 = _mm256_srai_epi32 (_mm256_add_epi32 (v0, round), PRECISION_BITS);
  v1 = _mm256_srai_epi32 (_mm256_add_epi32 (v1, round), PRECISION_BITS);
  vt_pixels_store_bytes_avx2 (out, v0, v1);
}

static __attribute__ ((target ("avx2"))) void
resample_row_vertical_avx2 (const guint8 *in,
                            int           in_stride,
                            guint8       *out,
                            int           n_bytes,
                            gint32       *acc,
                            const gint32 *w,
                            int           count)
{
  int n_pairs = (count + 1) / 2, i;
  __m256i high[MAX_PAIRS], low[MAX_PAIRS];

  if (n_pairs > MAX_PAIRS)
    {
      resample_row_vertical (in, in_stride, out, n_bytes, acc, w, count);
      return;
    }

  for (int p = 0; p < n_pairs; p++)
    {
      gint32 w0 = w[2 * p], w1 = 2 * p + 1 < count ? w[2 * p + 1] : 0;

      high[p] = _mm256_set1_epi32 ((gint32) ((guint32) (w1 >> 11) << 16 | (guint16) (w0 >> 11)));
      low[p] = _mm256_set1_epi32 ((w1 & 2047) << 16 | (w0 & 2047));
    }

  /* 32 bytes at a time, so that each weight is loaded once for both
   * halves; then 16. */
  for (i = 0; i + 32 <= n_bytes; i += 32)
    {
      __m256i h[4] = { _mm256_setzero_si256 () }, l[4] = { _mm256_setzero_si256 () };

      for (int p = 0; p < n_pairs; p++)
        {
          const guint8 *row = in + (gsize) 2 * p * in_stride + i;
          /* An odd last row pairs with itself, at weight 0. */
          const guint8 *next = 2 * p + 1 < count ? row + in_stride : row;

          add_pair_avx2 (row, next, high[p], low[p], h, l);
          add_pair_avx2 (row + 16, next + 16, high[p], low[p], h + 2, l + 2);
        }
      store_sums_avx2 (out + i, h, l);
      store_sums_avx2 (out + i + 16, h + 2, l + 2);
    }
  for (; i + 16 <= n_bytes; i += 16)
    {
      __m256i h[2] = { _mm256_setzero_si256 () }, l[2] = { _mm256_setzero_si256 () };

      for (int p = 0; p < n_pairs; p++)
        {
          const guint8 *row = in + (gsize) 2 * p * in_stride + i;
          const guint8 *next = 2 * p + 1 < count ? row + in_stride : row;

          add_pair_avx2 (row, next, high[p], low[p], h, l);
        }
      store_sums_avx2 (out + i, h, l);
    }

  if (i < n_bytes)
    resample_row_vertical (in + i, in_stride, out + i, n_bytes - i, acc, w, count);
}
#endif

typedef void (*ResampleRow) (const guint8 *, int, guint8 *, int, gint32 *, const gint32 *, int);

static ResampleRow
choose_resample_row (void)
{
#ifdef VT_HAVE_AVX2
  if (vt_pixels_use_avx2 ())
    return resample_row_vertical_avx2;
#endif
  return resample_row_vertical;
}

static VtPixels
pixels_of (cairo_surface_t *surface,
           int              first_row,
           int              n_rows)
{
  VtPixels p;

  p.stride = cairo_image_surface_get_stride (surface);
  p.data = cairo_image_surface_get_data (surface) + (gsize) first_row * p.stride;
  p.width = cairo_image_surface_get_width (surface);
  p.height = n_rows;
  return p;
}

/* Every output row of @dst from the rows of @src that @k names. */
static gboolean
resample_rows (const VtPixels *src,
               const VtPixels *dst,
               const Kernel   *k,
               GCancellable   *cancellable)
{
  int n_bytes = dst->width * 4;
  g_autofree gint32 *acc = g_new (gint32, n_bytes);
  ResampleRow resample_row = choose_resample_row ();

  for (int y = 0; y < dst->height; y++)
    {
      if ((y & 63) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      resample_row (vt_pixels_row (src, k->first[y]), src->stride, vt_pixels_row (dst, y),
                    n_bytes, acc, k->weights + (gsize) y * k->ksize, k->count[y]);
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

/* Down the columns: every output row a weighted sum of input rows. */
static cairo_surface_t *
pass_columns (cairo_surface_t  *src,
              double            in0,
              double            extent,
              int               height,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(cairo_surface_t) dst =
    vt_image_new_uninitialized (cairo_image_surface_get_width (src), height, error);
  VtPixels in = pixels_of (src, 0, cairo_image_surface_get_height (src));
  g_autoptr(Kernel) k = NULL;
  VtPixels out;

  if (dst == NULL)
    return NULL;
  out = pixels_of (dst, 0, height);
  k = kernel_get (in.height, in0, extent, height);
  if (!resample_rows (&in, &out, k, cancellable))
    return set_cancelled (cancellable, error);

  cairo_surface_mark_dirty (dst);
  return g_steal_pointer (&dst);
}

/* Rows per strip of the row pass: the transposed strip of a 4000-pixel row
 * is 2 MB, and its inner loops still run over 512 contiguous bytes. */
#define STRIP 128

/* Along the rows, a strip at a time: as columns of the transposed strip,
 * where the inner loop runs over contiguous bytes and vectorises. Working
 * in strips keeps the scratch memory small whatever the photo's size. */
typedef struct {
  VtPixels  in;
  Kernel   *k;
  VtPixels  t_in;    /* a strip, transposed */
  VtPixels  t_out;   /* … and resampled */
} RowPass;

static void
row_pass_init (RowPass         *pass,
               cairo_surface_t *src,
               double           in0,
               double           extent,
               int              width)
{
  pass->in = pixels_of (src, 0, cairo_image_surface_get_height (src));
  pass->k = kernel_get (pass->in.width, in0, extent, width);
  pass->t_in = vt_pixels_alloc (STRIP, pass->in.width);
  pass->t_out = vt_pixels_alloc (STRIP, width);
}

static void
row_pass_clear (RowPass *pass)
{
  g_clear_pointer (&pass->k, kernel_unref);
  vt_pixels_free (&pass->t_in);
  vt_pixels_free (&pass->t_out);
}

/* Rows @y0 … @y0 + @n − 1 of the input, resampled, into the first @n rows
 * of @out; @n at most STRIP. */
static gboolean
row_pass_strip (RowPass        *pass,
                int             y0,
                int             n,
                const VtPixels *out,
                GCancellable   *cancellable)
{
  VtPixels strip_in = { vt_pixels_row (&pass->in, y0), pass->in.stride, pass->in.width, n };
  VtPixels strip_out = { out->data, out->stride, out->width, n };
  VtPixels a = { pass->t_in.data, n * 4, n, pass->in.width };
  VtPixels b = { pass->t_out.data, n * 4, n, out->width };

  vt_pixels_transpose (&strip_in, &a);
  if (!resample_rows (&a, &b, pass->k, cancellable))
    return FALSE;
  vt_pixels_transpose (&b, &strip_out);
  return TRUE;
}

static cairo_surface_t *
pass_rows (cairo_surface_t  *src,
           double            in0,
           double            extent,
           int               width,
           GCancellable     *cancellable,
           GError          **error)
{
  int height = cairo_image_surface_get_height (src);
  g_autoptr(cairo_surface_t) dst = vt_image_new_uninitialized (width, height, error);
  RowPass pass;
  gboolean ok = TRUE;

  if (dst == NULL)
    return NULL;
  row_pass_init (&pass, src, in0, extent, width);
  for (int y0 = 0; ok && y0 < height; y0 += STRIP)
    {
      VtPixels out = pixels_of (dst, y0, MIN (STRIP, height - y0));

      ok = row_pass_strip (&pass, y0, out.height, &out, cancellable);
    }
  row_pass_clear (&pass);
  if (!ok)
    return set_cancelled (cancellable, error);

  cairo_surface_mark_dirty (dst);
  return g_steal_pointer (&dst);
}

/* Both passes, streamed: the row pass makes its rows a strip at a time as
 * the column pass first needs them, into a window that slides down. The
 * image between the passes (7 MB for a 12-megapixel photo's large size)
 * is never whole in memory, and the column pass reads rows still in the
 * cache. */
static cairo_surface_t *
pass_both (cairo_surface_t  *src,
           double            x0,
           double            extent_w,
           int               width,
           double            y0,
           double            extent_h,
           int               height,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(cairo_surface_t) dst = vt_image_new_uninitialized (width, height, error);
  g_autoptr(Kernel) k = NULL;
  g_autofree gint32 *acc = NULL;
  ResampleRow resample_row = choose_resample_row ();
  VtPixels window, out;
  int first = 0, made = 0;   /* the window holds rows first … first + made − 1 */
  RowPass rows;
  gboolean ok = TRUE;

  if (dst == NULL)
    return NULL;
  row_pass_init (&rows, src, x0, extent_w, width);
  k = kernel_get (rows.in.height, y0, extent_h, height);
  /* Room for one output row's input rows and a strip more. */
  window = vt_pixels_alloc (width, k->ksize + STRIP);
  acc = g_new (gint32, (gsize) width * 4);
  out = pixels_of (dst, 0, height);

  for (int y = 0; ok && y < height; y++)
    {
      int lo = k->first[y], hi = lo + k->count[y];

      if ((y & 63) == 0 && g_cancellable_is_cancelled (cancellable))
        ok = FALSE;

      while (ok && first + made < hi)
        {
          int n = MIN (STRIP, rows.in.height - (first + made));
          VtPixels strip;

          /* Slide the window down, dropping rows no output row needs. */
          if (made + n > window.height)
            {
              made -= lo - first;
              memmove (window.data, vt_pixels_row (&window, lo - first), (gsize) made * window.stride);
              first = lo;
              n = MIN (n, window.height - made);
            }
          strip = (VtPixels) { vt_pixels_row (&window, made), window.stride, width, n };
          ok = row_pass_strip (&rows, first + made, n, &strip, cancellable);
          made += n;
        }
      if (ok)
        resample_row (vt_pixels_row (&window, lo - first), window.stride, vt_pixels_row (&out, y),
                      width * 4, acc, k->weights + (gsize) y * k->ksize, k->count[y]);
    }

  row_pass_clear (&rows);
  vt_pixels_free (&window);
  if (!ok)
    return set_cancelled (cancellable, error);

  cairo_surface_mark_dirty (dst);
  return g_steal_pointer (&dst);
}

/* ------------------------------------------------------------------------ */
/* Box reduction by whole factors, as Pillow's Image.reduce(): each output    */
/* pixel is the rounded mean of its fx × fy block (fewer at the far edges).   */

/* The mean as Pillow's reduce() takes it: times a reciprocal computed in
 * single precision, then shifted. For some sums that is a level below the
 * exact mean, as Pillow writes it, and it spares a division per byte. */
typedef struct {
  guint32 amend;
  guint32 multiplier;
} Mean;

static Mean
mean_of (int n)
{
  Mean m = { n / 2, (guint32) ((float) (1u << 30) * 4.0f / (float) (256 * n)) };

  return m;
}

/* One pixel's four bytes as 32-bit lanes, added and multiplied as one. */
typedef guint32 Lanes __attribute__ ((vector_size (16)));
typedef guint8 LaneBytes __attribute__ ((vector_size (16)));
typedef guint8 PixelBytes __attribute__ ((vector_size (4)));

/* A row of blocks @fx pixels wide: each output pixel the means of its
 * block's four byte lanes, @acc holding the column sums. */
static inline __attribute__ ((always_inline)) void
mean_row_fx (const Mean    *m,
             const guint32 *acc,
             int            fx,
             int            n_blocks,
             guint8        *out)
{
  for (int x = 0; x < n_blocks; x++, acc += fx * 4, out += 4)
    {
      Lanes sum = { 0, 0, 0, 0 }, column;
      LaneBytes means;
      PixelBytes pixel;

      for (int i = 0; i < fx; i++)
        {
          memcpy (&column, acc + i * 4, sizeof column);
          sum += column;
        }
      /* Each lane's low byte, in one shuffle. */
      means = (LaneBytes) (((sum + m->amend) * m->multiplier) >> 24);
      pixel = __builtin_shufflevector (means, means, 0, 4, 8, 12);
      memcpy (out, &pixel, sizeof pixel);
    }
}

/* With the common widths made constants, so that the loop over a block's
 * columns unrolls. */
static VT_HOT void
mean_row (const Mean    *m,
          const guint32 *acc,
          int            fx,
          int            n_blocks,
          guint8        *out)
{
  switch (fx)
    {
    case 2: mean_row_fx (m, acc, 2, n_blocks, out); break;
    case 3: mean_row_fx (m, acc, 3, n_blocks, out); break;
    case 4: mean_row_fx (m, acc, 4, n_blocks, out); break;
    default: mean_row_fx (m, acc, fx, n_blocks, out); break;
    }
}

static VT_HOT void
reduce_rows (const guint8 *in,
             int           in_stride,
             int           n_rows,
             guint32      *acc,
             int           n_bytes)
{
  for (int i = 0; i < n_bytes; i++)
    acc[i] = in[i];
  for (int r = 1; r < n_rows; r++)
    {
      const guint8 *row = in + (gsize) r * in_stride;
      for (int i = 0; i < n_bytes; i++)
        acc[i] += row[i];
    }
}

static cairo_surface_t *
box_reduce (cairo_surface_t  *source,
            int               fx,
            int               fy,
            GError          **error)
{
  int src_w = cairo_image_surface_get_width (source);
  int src_h = cairo_image_surface_get_height (source);
  int in_stride = cairo_image_surface_get_stride (source);
  const guint8 *in = cairo_image_surface_get_data (source);
  int w = (src_w + fx - 1) / fx, h = (src_h + fy - 1) / fy;
  cairo_surface_t *out = vt_image_new_uninitialized (w, h, error);
  g_autofree guint32 *acc = NULL;

  if (out == NULL)
    return NULL;

  acc = g_new (guint32, (gsize) src_w * 4);
  for (int y = 0; y < h; y++)
    {
      int rows = MIN (fy, src_h - y * fy), whole_blocks = src_w / fx;
      guint8 *o = cairo_image_surface_get_data (out) + (gsize) y * cairo_image_surface_get_stride (out);
      Mean m = mean_of (rows * fx);

      reduce_rows (in + (gsize) y * fy * in_stride, in_stride, rows, acc, src_w * 4);
      mean_row (&m, acc, fx, whole_blocks, o);
      /* The last block, where the photo is not a whole number of blocks. */
      if (whole_blocks < w)
        {
          m = mean_of (rows * (src_w - whole_blocks * fx));
          mean_row (&m, acc + (gsize) whole_blocks * fx * 4, src_w - whole_blocks * fx, 1,
                    o + whole_blocks * 4);
        }
    }
  cairo_surface_mark_dirty (out);
  return out;
}

/*
 * Lanczos-3 with the kernel widened by the scale factor when shrinking, so
 * fine patterns average out instead of aliasing. Separable: one pass along
 * the rows, then one down the columns, each rounded to 8 bits. That is
 * Pillow's order; with its kernel, weights and rounding it makes our pixels
 * identical to Pillow's (the other order is cheaper for large photos, but
 * differs by a level here and there, which the unsharp mask amplifies).
 * Both passes check @cancellable every 64 rows.
 */
static cairo_surface_t *
resample (cairo_surface_t  *source,
          double            x0,
          double            y0,
          double            extent_w,
          double            extent_h,
          int               width,
          int               height,
          GCancellable     *cancellable,
          GError          **error)
{
  int src_w = cairo_image_surface_get_width (source);
  int src_h = cairo_image_surface_get_height (source);
  gboolean need_h = width != src_w || x0 != 0 || extent_w != src_w;
  gboolean need_v = height != src_h || y0 != 0 || extent_h != src_h;

  if (!need_h && !need_v)
    return vt_image_copy (source);
  if (!need_h)
    return pass_columns (source, y0, extent_h, height, cancellable, error);
  if (!need_v)
    return pass_rows (source, x0, extent_w, width, cancellable, error);

  return pass_both (source, x0, extent_w, width, y0, extent_h, height, cancellable, error);
}

/**
 * vt_resize_surface:
 * @source: an RGB24 surface
 *
 * Shrinks or enlarges to exactly @width × @height the way Pillow's
 * Image.thumbnail() does: where the image is more than twice as large as
 * asked (Pillow's reducing_gap of 2), it is first box-reduced by the whole
 * factor that leaves at least twice the target, then resampled with
 * Lanczos-3. The box step is cheap and what remains is a short kernel.
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
  int fx = MAX (1, (int) ((double) src_w / width / 2.0));
  int fy = MAX (1, (int) ((double) src_h / height / 2.0));
  g_autoptr(cairo_surface_t) reduced = NULL;

  cairo_surface_flush (source);
  if (fx == 1 && fy == 1)
    return resample (source, 0, 0, src_w, src_h, width, height, cancellable, error);

  reduced = box_reduce (source, fx, fy, error);
  if (reduced == NULL)
    return NULL;
  return resample (reduced, 0, 0, (double) src_w / fx, (double) src_h / fy, width, height,
                   cancellable, error);
}

/**
 * vt_resize_surface_region:
 * @x0: (in source pixels, fractions allowed) the left of the region to
 *   resample; @y0, @x1, @y1 likewise
 *
 * The region resampled to exactly @width × @height with Lanczos-3, as
 * Pillow's Image.resize() with a box: how ImageOps.fit() crops and scales
 * in one step.
 *
 * Returns: (transfer full): a new surface, or %NULL when cancelled or out of
 * memory
 */
cairo_surface_t *
vt_resize_surface_region (cairo_surface_t *source,
                          double           x0,
                          double           y0,
                          double           x1,
                          double           y1,
                          int              width,
                          int              height,
                          GCancellable    *cancellable,
                          GError         **error)
{
  cairo_surface_flush (source);
  return resample (source, x0, y0, x1 - x0, y1 - y0, width, height, cancellable, error);
}

