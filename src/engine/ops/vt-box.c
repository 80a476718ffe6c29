/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-box.c: one box filter's weights and its loops along and down, with their AVX2 twins
 *
 * A box's radius may have a fractional part, as Pillow's BoxBlur: each
 * output byte is the sum of its window's whole taps times one 24-bit
 * weight, plus its two fractional taps times another, rounded. The loops
 * here make one row of one pass; vt-blur.c streams the passes.
 */
#define G_LOG_DOMAIN "vt-filters"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vt-box.h"
#include "vt-pixels.h"
#include "vt-tsan.h"

/**
 * vt_box_for_radius:
 *
 * A box whose radius may have a fractional part, as Pillow's BoxBlur.
 */
VtBox
vt_box_for_radius (float radius)
{
  VtBox box = { 0 };

  box.radius = (int) radius;
  box.ww = (guint32) ((float) (1 << 24) / (radius * 2 + 1));
  box.fw = ((1 << 24) - (box.radius * 2 + 1) * box.ww) / 2;
  return box;
}

/**
 * vt_box_for_gaussian:
 *
 * The box of which @passes passes make a Gaussian blur of @sigma_radius.
 */
VtBox
vt_box_for_gaussian (double sigma_radius,
                     int    passes)
{
  float sigma2 = sigma_radius * sigma_radius / passes;
  float L = sqrtf (12.0f * sigma2 + 1.0f);
  float l = floorf ((L - 1.0f) / 2.0f);
  float a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2) / (6 * (sigma2 - (l + 1) * (l + 1)));

  return vt_box_for_radius (l + a);
}

/* Each output byte from the sum of its window's whole taps and its two
 * fractional taps, @f1[i] + @f2[i]. */
static VT_HOT void
box_taps (guint8        *out,
          const guint16 *whole,
          const guint8  *f1,
          const guint8  *f2,
          int            n,
          const VtBox   *b)
{
  for (int i = 0; i < n; i++)
    out[i] = (guint8) ((whole[i] * b->ww + (f1[i] + f2[i]) * b->fw + (1 << 23)) >> 24);
}

/* Along a row: pixel x's window is @line's pixels x + 1 … x + 2r + 1, with
 * the fractional taps at x and x + 2r + 2. Summed tap by tap across the
 * whole row, in 16 bits (at most 201 taps of 255), so that every loop runs
 * over contiguous bytes and vectorises. */
static VT_HOT void
box_along (guint8       *out,
           const guint8 *line,
           guint16      *sum,
           int           n,
           const VtBox  *b)
{
  int span = (2 * b->radius + 2) * 4;

  for (int i = 0; i < n; i++)
    sum[i] = line[i + 4];
  for (int tap = 8; tap < span; tap += 4)
    for (int i = 0; i < n; i++)
      sum[i] += line[i + tap];
  box_taps (out, sum, line, line + span, n, b);
}

/* Down the columns: a running sum per byte lane, moved on by a row. */
static VT_HOT void
box_down (guint8       *out,
          guint16      *acc,
          const guint8 *far_top,
          const guint8 *top,
          const guint8 *far_bottom,
          int           n,
          const VtBox  *b)
{
  box_taps (out, acc, far_top, far_bottom, n, b);
  for (int i = 0; i < n; i++)
    acc[i] += far_bottom[i] - top[i];
}

#ifdef VT_HAVE_AVX2
/* The largest radius whose 16-bit weights are looked for: the check
 * covers about (2r + 1) · 255 · 511 pairs of sums. */
#define SHORT_MAX_RADIUS 4

/* Whether (whole · @ww + fractional · @fw + 2^15) >> 16 is box_taps()'s
 * byte for every pair of sums @b can meet. */
static gboolean
short_weights_exact (const VtBox *b,
                     gint32     ww,
                     gint32     fw)
{
  for (guint32 whole = 0; whole <= (guint32) (2 * b->radius + 1) * 255; whole++)
    for (guint32 fractional = 0; fractional <= 2 * 255; fractional++)
      {
        guint32 pillow = (guint32) (((guint64) whole * b->ww + (guint64) fractional * b->fw +
                                     (1 << 23)) >> 24);

        if ((whole * ww + fractional * fw + (1 << 15)) >> 16 != pillow)
          return FALSE;
      }
  return TRUE;
}

/* Near ww / 2^8 and fw / 2^8 there are often weights whose rounding errors
 * fall as Pillow's do: for the unsharp mask's default box (radius 1.375),
 * 17476 and 6554 give every byte Pillow gives. Then one multiply-add does
 * what took two. Each box is checked once per process, as a batch blurs
 * with the same few boxes. */
#define N_KEPT_BOXES 4

static GMutex kept_boxes_lock;
static VtBox kept_boxes[N_KEPT_BOXES];
static guint kept_boxes_next;

static void
box_find_short_weights (VtBox *b)
{
  b->short_ok = FALSE;
  if (b->radius > SHORT_MAX_RADIUS)
    return;

  vt_mutex_lock (&kept_boxes_lock);
  for (guint i = 0; i < N_KEPT_BOXES; i++)
    if (kept_boxes[i].ww == b->ww && kept_boxes[i].fw == b->fw && kept_boxes[i].radius == b->radius)
      {
        *b = kept_boxes[i];
        vt_mutex_unlock (&kept_boxes_lock);
        return;
      }
  vt_mutex_unlock (&kept_boxes_lock);

  for (gint32 dw = -2; !b->short_ok && dw <= 2; dw++)
    for (gint32 df = -2; !b->short_ok && df <= 3; df++)
      {
        gint32 ww = (gint32) (b->ww >> 8) + dw, fw = (gint32) (b->fw >> 8) + df;

        if (ww >= 0 && ww <= G_MAXINT16 && fw >= 0 && fw <= G_MAXINT16 &&
            short_weights_exact (b, ww, fw))
          b->short_ok = TRUE, b->short_ww = (gint16) ww, b->short_fw = (gint16) fw;
      }

  vt_mutex_lock (&kept_boxes_lock);
  kept_boxes[kept_boxes_next] = *b;
  kept_boxes_next = (kept_boxes_next + 1) % N_KEPT_BOXES;
  vt_mutex_unlock (&kept_boxes_lock);
}

typedef struct {
  gboolean short_ok;
  __m256i  high, low, round;   /* 24-bit weights in two halves */
  __m256i  both, short_round;  /* … or in 16 bits */
} BoxWeights;

/* For AVX2's multiply-add of 16-bit pairs (whole, fractional): the 16-bit
 * weights where they are exact, else each 24-bit weight split into two
 * 12-bit halves. The sums stay below 2^15 for a radius up to 63. */
static inline __attribute__ ((target ("avx2"))) BoxWeights
box_weights_avx2 (const VtBox *b)
{
  BoxWeights k;

  k.short_ok = b->short_ok;
  k.both = _mm256_set1_epi32 ((gint32) ((guint32) b->short_fw << 16 | (guint16) b->short_ww));
  k.short_round = _mm256_set1_epi32 (1 << 15);
  k.high = _mm256_set1_epi32 ((gint32) ((b->fw >> 12) << 16 | (b->ww >> 12)));
  k.low = _mm256_set1_epi32 ((gint32) ((b->fw & 4095) << 16 | (b->ww & 4095)));
  k.round = _mm256_set1_epi32 (1 << 23);
  return k;
}

/* box_taps() for sixteen bytes, their whole and fractional sums given. */
static inline __attribute__ ((target ("avx2"))) void
box_taps_avx2 (guint8           *out,
               __m256i           whole,
               __m256i           fractional,
               const BoxWeights *k)
{
  __m256i p0 = _mm256_unpacklo_epi16 (whole, fractional);
  __m256i p1 = _mm256_unpackhi_epi16 (whole, fractional);
  __m256i v0, v1;

  if (k->short_ok)
    {
      v0 = _mm256_srli_epi32 (_mm256_add_epi32 (_mm256_madd_epi16 (p0, k->both), k->short_round), 16);
      v1 = _mm256_srli_epi32 (_mm256_add_epi32 (_mm256_madd_epi16 (p1, k->both), k->short_round), 16);
      vt_pixels_store_bytes_avx2 (out, v0, v1);
      return;
    }

  v0 = _mm256_add_epi32 (_mm256_slli_epi32 (_mm256_madd_epi16 (p0, k->high), 12),
                         _mm256_madd_epi16 (p0, k->low));
  v1 = _mm256_add_epi32 (_mm256_slli_epi32 (_mm256_madd_epi16 (p1, k->high), 12),
                         _mm256_madd_epi16 (p1, k->low));

  /* Up to 255.5 · 2^24: unsigned, so a logical shift. */
  v0 = _mm256_srli_epi32 (_mm256_add_epi32 (v0, k->round), 24);
  v1 = _mm256_srli_epi32 (_mm256_add_epi32 (v1, k->round), 24);
  vt_pixels_store_bytes_avx2 (out, v0, v1);
}

/* box_along() with the window sums kept in registers; inlined for each
 * small radius, so that the loop over the taps unrolls. */
static inline __attribute__ ((target ("avx2"), always_inline)) void
box_along_radius_avx2 (guint8       *out,
                       const guint8 *line,
                       guint16      *sum,
                       int           n,
                       const VtBox  *b,
                       int           radius)
{
  BoxWeights k = box_weights_avx2 (b);
  int span = (2 * radius + 2) * 4, i;

  for (i = 0; i + 16 <= n; i += 16)
    {
      __m256i whole = vt_pixels_load_words_avx2 (line + i + 4);
      __m256i fractional = _mm256_add_epi16 (vt_pixels_load_words_avx2 (line + i),
                                             vt_pixels_load_words_avx2 (line + i + span));

      for (int tap = 8; tap < span; tap += 4)
        whole = _mm256_add_epi16 (whole, vt_pixels_load_words_avx2 (line + i + tap));
      box_taps_avx2 (out + i, whole, fractional, &k);
    }
  box_along (out + i, line + i, sum, n - i, b);
}

static __attribute__ ((target ("avx2"))) void
box_along_avx2 (guint8       *out,
                const guint8 *line,
                guint16      *sum,
                int           n,
                const VtBox  *b)
{
  /* The unsharp mask's default radius of 2 is three boxes of radius 1.375. */
  switch (b->radius)
    {
    case 0: box_along_radius_avx2 (out, line, sum, n, b, 0); break;
    case 1: box_along_radius_avx2 (out, line, sum, n, b, 1); break;
    case 2: box_along_radius_avx2 (out, line, sum, n, b, 2); break;
    default: box_along_radius_avx2 (out, line, sum, n, b, b->radius); break;
    }
}

/* box_down() with each running sum loaded and stored once. */
static __attribute__ ((target ("avx2"))) void
box_down_avx2 (guint8       *out,
               guint16      *acc,
               const guint8 *far_top,
               const guint8 *top,
               const guint8 *far_bottom,
               int           n,
               const VtBox  *b)
{
  BoxWeights k = box_weights_avx2 (b);
  int i;

  for (i = 0; i + 16 <= n; i += 16)
    {
      __m256i whole = _mm256_loadu_si256 ((const __m256i *) (acc + i));
      __m256i bottom = vt_pixels_load_words_avx2 (far_bottom + i);

      __m256i fractional = _mm256_add_epi16 (vt_pixels_load_words_avx2 (far_top + i), bottom);

      box_taps_avx2 (out + i, whole, fractional, &k);
      whole = _mm256_add_epi16 (whole, bottom);
      whole = _mm256_sub_epi16 (whole, vt_pixels_load_words_avx2 (top + i));
      _mm256_storeu_si256 ((__m256i *) (acc + i), whole);
    }
  box_down (out + i, acc + i, far_top + i, top + i, far_bottom + i, n - i, b);
}
#endif

/**
 * vt_box_choose_loops:
 *
 * The loops for @b on this CPU; with AVX2, also looks for @b's exact
 * 16-bit weights.
 */
VtBoxLoops
vt_box_choose_loops (VtBox *b)
{
#ifdef VT_HAVE_AVX2
  if (b->radius <= 63 && vt_pixels_use_avx2 ())
    {
      box_find_short_weights (b);
      return (VtBoxLoops) { box_along_avx2, box_down_avx2 };
    }
#endif
  return (VtBoxLoops) { box_along, box_down };
}

