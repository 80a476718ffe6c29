/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-resample-row.c: one output row as a weighted sum of input rows, with its AVX2 twin
 *
 * Both passes of the resampler come down to this loop: the column pass
 * directly, the row pass on transposed strips (vt-resample.c).
 */
#define G_LOG_DOMAIN "vt-resize"

#include "config.h"

#include "vt-kernel.h"
#include "vt-pixels.h"
#include "vt-resample-row.h"

static inline guint8
clip8 (gint32 v)
{
  v >>= VT_KERNEL_PRECISION_BITS;
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
    acc[i] = 1 << (VT_KERNEL_PRECISION_BITS - 1);

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
  const __m256i round = _mm256_set1_epi32 (1 << (VT_KERNEL_PRECISION_BITS - 1));
  __m256i v0 = _mm256_add_epi32 (_mm256_slli_epi32 (h[0], 11), l[0]);
  __m256i v1 = _mm256_add_epi32 (_mm256_slli_epi32 (h[1], 11), l[1]);

  v0 = _mm256_srai_epi32 (_mm256_add_epi32 (v0, round), VT_KERNEL_PRECISION_BITS);
  v1 = _mm256_srai_epi32 (_mm256_add_epi32 (v1, round), VT_KERNEL_PRECISION_BITS);
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

/**
 * vt_resample_row_choose:
 *
 * The loop for this CPU: AVX2's, unless `VITRINA_NO_SIMD` holds the C one.
 */
VtResampleRow
vt_resample_row_choose (void)
{
#ifdef VT_HAVE_AVX2
  if (vt_pixels_use_avx2 ())
    return resample_row_vertical_avx2;
#endif
  return resample_row_vertical;
}
