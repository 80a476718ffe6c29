/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-convolve.c: 3×3 convolutions (sharpen, edge enhance), with the AVX2 twin of sharpen
 *
 * Any 3×3 kernel as Pillow's BuiltinFilter (kernel / scale + offset, in
 * single-precision float, rounded), and Pillow's SHARPEN in its exact
 * integer arithmetic: −2 all around and 32 in the centre, divided by 16
 * and rounded. Like Pillow, the outermost rows and columns stay as they
 * are.
 */
#define G_LOG_DOMAIN "vt-filters"

#include "config.h"

#include <string.h>

#include "vt-filters.h"
#include "vt-pixels.h"

/* Bytes @from … @to − 1 of the row between @above and @below; @sums is
 * the AVX2 loop's scratch. */
static VT_HOT void
sharpen_span (const guint8 *above,
              const guint8 *here,
              const guint8 *below,
              guint8       *out,
              int           from,
              int           to,
              guint16      *sums G_GNUC_UNUSED)
{
  for (int i = from; i < to; i++)
    {
      int ring = above[i - 4] + above[i] + above[i + 4] +
                 here[i - 4] + here[i + 4] +
                 below[i - 4] + below[i] + below[i + 4];
      int v = (32 * here[i] - 2 * ring + 8) >> 4;

      out[i] = v < 0 ? 0 : v > 255 ? 255 : (guint8) v;
    }
}

#ifdef VT_HAVE_AVX2
/* 32 × 8 − 2 · ring fits in 16 bits, so sixteen bytes per instruction.
 * The ring is the three column sums around a byte less the byte itself:
 * 32·h − 2·ring = 34·h − 2·(column sums), and each column sum, made once
 * into @sums, serves three bytes. */
static __attribute__ ((target ("avx2"))) void
sharpen_span_avx2 (const guint8 *above,
                   const guint8 *here,
                   const guint8 *below,
                   guint8       *out,
                   int           from,
                   int           to,
                   guint16      *sums)
{
  const __m256i round = _mm256_set1_epi16 (8), centre = _mm256_set1_epi16 (34);
  int i;

  for (i = from - 4; i + 16 <= to + 4; i += 16)
    {
      __m256i column = _mm256_add_epi16 (vt_pixels_load_words_avx2 (above + i),
                                         vt_pixels_load_words_avx2 (here + i));

      column = _mm256_add_epi16 (column, vt_pixels_load_words_avx2 (below + i));
      _mm256_storeu_si256 ((__m256i *) (sums + i), column);
    }
  for (; i < to + 4; i++)
    sums[i] = above[i] + here[i] + below[i];

  for (i = from; i + 32 <= to; i += 32)
    {
      __m256i v[2];

      for (int half = 0; half < 2; half++)
        {
          const guint16 *s = sums + i + 16 * half;
          __m256i ring = _mm256_add_epi16 (_mm256_loadu_si256 ((const __m256i *) (s - 4)),
                                           _mm256_add_epi16 (_mm256_loadu_si256 ((const __m256i *) s),
                                                             _mm256_loadu_si256 ((const __m256i *) (s + 4))));

          __m256i centre_px = vt_pixels_load_words_avx2 (here + i + 16 * half);

          v[half] = _mm256_sub_epi16 (_mm256_mullo_epi16 (centre_px, centre),
                                      _mm256_slli_epi16 (ring, 1));
          v[half] = _mm256_srai_epi16 (_mm256_add_epi16 (v[half], round), 4);
        }
      vt_pixels_store_words_avx2 (out + i, v[0], v[1]);
    }
  sharpen_span (above, here, below, out, i, to, sums);
}
#endif

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
  VtPixels p = vt_pixels_of (surface);
  int n_bytes = p.width * 4;
  g_autofree guint8 *prev = NULL;
  g_autofree guint8 *cur = NULL;
  g_autofree guint16 *sums = NULL;
  void (*sharpen) (const guint8 *, const guint8 *, const guint8 *, guint8 *, int, int, guint16 *) =
    sharpen_span;

  if (p.width < 3 || p.height < 3)
    return;
#ifdef VT_HAVE_AVX2
  if (vt_pixels_use_avx2 ())
    sharpen = sharpen_span_avx2;
#endif

  /* Two saved input rows are enough: row y is rewritten only once rows
   * y−1 and y have been saved. */
  prev = g_memdup2 (vt_pixels_row (&p, 0), n_bytes);
  cur = g_malloc (n_bytes);
  sums = g_new (guint16, n_bytes);
  for (int y = 1; y < p.height - 1; y++)
    {
      guint8 *here = vt_pixels_row (&p, y);
      guint8 *tmp;

      memcpy (cur, here, n_bytes);
      if (kernel != NULL)
        convolve_row (prev, cur, vt_pixels_row (&p, y + 1), here, n_bytes, kernel);
      else
        sharpen (prev, cur, vt_pixels_row (&p, y + 1), here, 4, n_bytes - 4, sums);
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
