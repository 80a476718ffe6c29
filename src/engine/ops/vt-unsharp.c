/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-unsharp.c: the unsharp mask, with its AVX2 twin
 *
 * UnsharpMask(radius, percent, threshold), Pillow's semantics: where a byte
 * differs from its blurred value by more than `threshold`, add `percent` %
 * of that difference. The blurred rows come from the Gaussian blur's
 * passes (vt-blur.c), a row at a time, so the blurred photo is never whole
 * in memory.
 */
#define G_LOG_DOMAIN "vt-filters"

#include "config.h"

#include "vt-blur.h"
#include "vt-filters.h"
#include "vt-pixels.h"

typedef struct {
  int percent;
  int threshold;
} Unsharp;

/* Adds diff · percent / 100 to each byte whose difference from its blurred
 * value is above the threshold, truncated towards zero as C's integer
 * division is (Pillow's arithmetic). Exact in 16 bits, so that GCC works
 * on 16 bytes per AVX2 instruction: |diff| · percent / 100 is split into
 * |diff| · (percent / 100) and |diff| · (percent % 100) / 100, each below
 * 2^15, and the division by a constant becomes a multiplication. */
static VT_HOT void
unsharp_row (guint8       *row,
             const guint8 *blurred,
             int           n_bytes,
             gpointer      data)
{
  const Unsharp *u = data;
  guint16 whole = (guint16) (u->percent / 100), part = (guint16) (u->percent % 100);
  guint16 threshold = (guint16) u->threshold;

  for (int i = 0; i < n_bytes; i++)
    {
      gint16 diff = (gint16) (row[i] - blurred[i]);
      guint16 size = (guint16) (diff < 0 ? -diff : diff);
      gint16 add = (gint16) (size * whole + (guint16) (size * part) / 100);
      gint16 v = (gint16) (row[i] + (size <= threshold ? 0 : diff < 0 ? -add : add));

      row[i] = v < 0 ? 0 : v > 255 ? 255 : (guint8) v;
    }
}

#ifdef VT_HAVE_AVX2
/* The same sixteen bytes at a time: |diff| · (percent % 100) is below
 * 2^15, and dividing it by 100 is (x · 5243) >> 19 for every such x. */
static __attribute__ ((target ("avx2"))) void
unsharp_row_avx2 (guint8       *row,
                  const guint8 *blurred,
                  int           n_bytes,
                  gpointer      data)
{
  const Unsharp *u = data;
  const __m256i whole = _mm256_set1_epi16 ((gint16) (u->percent / 100));
  const __m256i part = _mm256_set1_epi16 ((gint16) (u->percent % 100));
  const __m256i threshold = _mm256_set1_epi16 ((gint16) u->threshold);
  const __m256i hundredth = _mm256_set1_epi16 (5243);
  int i;

  for (i = 0; i + 32 <= n_bytes; i += 32)
    {
      __m256i v[2];

      for (int half = 0; half < 2; half++)
        {
          __m256i here = vt_pixels_load_words_avx2 (row + i + 16 * half);
          __m256i blur = vt_pixels_load_words_avx2 (blurred + i + 16 * half);
          __m256i diff = _mm256_sub_epi16 (here, blur);
          __m256i size = _mm256_abs_epi16 (diff);
          __m256i add = _mm256_add_epi16 (
            _mm256_mullo_epi16 (size, whole),
            _mm256_srli_epi16 (_mm256_mulhi_epu16 (_mm256_mullo_epi16 (size, part), hundredth), 3));

          add = _mm256_and_si256 (add, _mm256_cmpgt_epi16 (size, threshold));
          v[half] = _mm256_add_epi16 (here, _mm256_sign_epi16 (add, diff));
        }
      vt_pixels_store_words_avx2 (row + i, v[0], v[1]);
    }
  unsharp_row (row + i, blurred + i, n_bytes - i, data);
}
#endif

void
vt_filters_unsharp_mask (cairo_surface_t *surface,
                         double           radius,
                         int              percent,
                         int              threshold)
{
  VtPixels p = vt_pixels_of (surface);
  VtBox box = vt_box_for_gaussian (radius, 3);
  Unsharp u = { percent, threshold };
  VtBlurEmit emit = unsharp_row;

  /* With no blur, no byte differs from its blurred value. */
  if (radius <= 0)
    return;
#ifdef VT_HAVE_AVX2
  if (vt_pixels_use_avx2 ())
    emit = unsharp_row_avx2;
#endif
  vt_blur_stream (&p, &box, 3, emit, &u);
  cairo_surface_mark_dirty (surface);
}
