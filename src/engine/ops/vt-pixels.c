/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pixels.c: helpers shared by the hot pixel loops
 *
 * Filters along rows are the hard case for a vectorising compiler: each
 * output pixel reads a window of neighbours. Along columns the inner loop
 * runs over contiguous bytes and vectorises well. So the resampler's pass
 * along the rows transposes a strip at a time, works down its columns and
 * transposes back (vt-resample.c). The blurs do not transpose: they sum a
 * row's taps one shifted copy of the row at a time (vt-box.c), which runs
 * over contiguous bytes too.
 */
#define G_LOG_DOMAIN "vt-pixels"

#include "config.h"

#include <string.h>
#ifdef __SSE2__
# include <emmintrin.h>
#endif

#include "vt-pixels.h"

#define BLOCK 16

/**
 * vt_pixels_use_avx2:
 *
 * Whether to run the loops written with AVX2 intrinsics: the CPU has AVX2
 * and `VITRINA_NO_SIMD` is not set. The tests set it to hold the C loops,
 * which other CPUs run, to the same Pillow fixtures.
 */
gboolean
vt_pixels_use_avx2 (void)
{
#ifdef VT_HAVE_AVX2
  return __builtin_cpu_supports ("avx2") && g_getenv ("VITRINA_NO_SIMD") == NULL;
#else
  return FALSE;
#endif
}

VtPixels
vt_pixels_alloc (int width,
                 int height)
{
  VtPixels p = { NULL, width * 4, width, height };

  p.data = g_malloc ((gsize) p.stride * MAX (height, 1));
  return p;
}

void
vt_pixels_free (VtPixels *p)
{
  g_clear_pointer (&p->data, g_free);
}

#ifdef __SSE2__
/* Four rows of four pixels, turned: four unpacks and four more, the way
 * _MM_TRANSPOSE4_PS does it for floats. */
static inline void
transpose_4x4 (const guint8 *in,
               int           in_stride,
               guint8       *out,
               int           out_stride)
{
  __m128i r0 = _mm_loadu_si128 ((const __m128i *) in);
  __m128i r1 = _mm_loadu_si128 ((const __m128i *) (in + in_stride));
  __m128i r2 = _mm_loadu_si128 ((const __m128i *) (in + 2 * in_stride));
  __m128i r3 = _mm_loadu_si128 ((const __m128i *) (in + 3 * in_stride));
  __m128i t0 = _mm_unpacklo_epi32 (r0, r1), t1 = _mm_unpackhi_epi32 (r0, r1);
  __m128i t2 = _mm_unpacklo_epi32 (r2, r3), t3 = _mm_unpackhi_epi32 (r2, r3);

  _mm_storeu_si128 ((__m128i *) out, _mm_unpacklo_epi64 (t0, t2));
  _mm_storeu_si128 ((__m128i *) (out + out_stride), _mm_unpackhi_epi64 (t0, t2));
  _mm_storeu_si128 ((__m128i *) (out + 2 * out_stride), _mm_unpacklo_epi64 (t1, t3));
  _mm_storeu_si128 ((__m128i *) (out + 3 * out_stride), _mm_unpackhi_epi64 (t1, t3));
}
#endif

/* One block, pixel by pixel: the edges of the image, or every block where
 * SSE2 is missing. */
static void
transpose_block (const VtPixels *src,
                 const VtPixels *dst,
                 int             x0,
                 int             y0,
                 int             x1,
                 int             y1)
{
  for (int x = x0; x < x1; x++)
    {
      guint32 *out = (guint32 *) vt_pixels_row (dst, x);
      const guint8 *in = vt_pixels_row (src, y0) + (gsize) x * 4;

      for (int y = y0; y < y1; y++, in += src->stride)
        memcpy (&out[y], in, 4);
    }
}

/* @dst must be src->height × src->width. In 16×16 blocks: each block reads
 * 16 rows of 64 bytes and writes 16 rows of 64 bytes, one cache line each. */
void
vt_pixels_transpose (const VtPixels *src,
                     const VtPixels *dst)
{
  g_assert (dst->width == src->height && dst->height == src->width);

  for (int y0 = 0; y0 < src->height; y0 += BLOCK)
    for (int x0 = 0; x0 < src->width; x0 += BLOCK)
      {
        int y1 = MIN (y0 + BLOCK, src->height), x1 = MIN (x0 + BLOCK, src->width);

#ifdef __SSE2__
        if (y1 - y0 == BLOCK && x1 - x0 == BLOCK)
          {
            for (int y = y0; y < y1; y += 4)
              for (int x = x0; x < x1; x += 4)
                transpose_4x4 (vt_pixels_row (src, y) + (gsize) x * 4, src->stride,
                               vt_pixels_row (dst, x) + (gsize) y * 4, dst->stride);
            continue;
          }
#endif
        transpose_block (src, dst, x0, y0, x1, y1);
      }
}
