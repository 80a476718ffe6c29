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
#include "vt-tsan.h"

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

/* ------------------------------------------------------------------------ */
/* Gaussian blur as three extended box blurs (Gwosdek et al., SSVM 2011),   */
/* exactly as Pillow's ImageFilter.GaussianBlur: three passes along rows,    */
/* then three down the columns, each rounded to 8 bits, edges replicated.    */
/*                                                                          */
/* The passes stream: a row is blurred along itself when a pass down the     */
/* columns first asks for it, and each pass keeps only the rows its next     */
/* pass still needs, in a ring. The photo is read once and written once,     */
/* and the working set stays in the cache whatever the photo's size.        */

typedef struct {
  int      radius;   /* integer part of the box radius */
  guint32  ww;       /* 24-bit weight of each whole tap */
  guint32  fw;       /* 24-bit weight of each of the two fractional taps */
  gboolean short_ok; /* the same sums in 16 bits give the same bytes: */
  gint16   short_ww; /* … these weights, a rounding of 2^15 and >> 16 */
  gint16   short_fw;
} Box;

/* A box whose radius may have a fractional part, as Pillow's BoxBlur. */
static Box
box_for_radius (float radius)
{
  Box box = { 0 };

  box.radius = (int) radius;
  box.ww = (guint32) ((float) (1 << 24) / (radius * 2 + 1));
  box.fw = ((1 << 24) - (box.radius * 2 + 1) * box.ww) / 2;
  return box;
}

static Box
box_for_gaussian (double sigma_radius,
                  int    passes)
{
  float sigma2 = sigma_radius * sigma_radius / passes;
  float L = sqrtf (12.0f * sigma2 + 1.0f);
  float l = floorf ((L - 1.0f) / 2.0f);
  float a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2) / (6 * (sigma2 - (l + 1) * (l + 1)));

  return box_for_radius (l + a);
}

/* Each output byte from the sum of its window's whole taps and its two
 * fractional taps, @f1[i] + @f2[i]. */
static VT_HOT void
box_taps (guint8        *out,
          const guint16 *whole,
          const guint8  *f1,
          const guint8  *f2,
          int            n,
          const Box     *b)
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
           const Box    *b)
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
          const Box    *b)
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
short_weights_exact (const Box *b,
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
static Box kept_boxes[N_KEPT_BOXES];
static guint kept_boxes_next;

static void
box_find_short_weights (Box *b)
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
box_weights_avx2 (const Box *b)
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
                       const Box    *b,
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
                const Box    *b)
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
               const Box    *b)
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

typedef struct {
  void (*along) (guint8 *out, const guint8 *line, guint16 *sum, int n, const Box *b);
  void (*down)  (guint8 *out, guint16 *acc, const guint8 *far_top, const guint8 *top,
                 const guint8 *far_bottom, int n, const Box *b);
} BoxLoops;

static BoxLoops
choose_box_loops (Box *b)
{
#ifdef VT_HAVE_AVX2
  if (b->radius <= 63 && vt_pixels_use_avx2 ())
    {
      box_find_short_weights (b);
      return (BoxLoops) { box_along_avx2, box_down_avx2 };
    }
#endif
  return (BoxLoops) { box_along, box_down };
}

#define MAX_PASSES 3

/* One pass of the blur, made a row at a time: the first along the rows,
 * the others each down the columns of the one before. */
typedef struct _BoxPass BoxPass;
struct _BoxPass {
  const Box      *box;
  const VtPixels *photo;   /* the first pass's input */
  int             passes;  /* how often the first pass blurs a row */
  BoxPass        *input;   /* the pass before; NULL for the first */
  guint8         *ring;    /* its last ring_rows rows, row y at y % ring_rows */
  int             ring_rows;
  int             made;    /* rows made so far */
  BoxLoops        loops;
  guint16        *acc;     /* down the columns: the sums of the whole taps */
  guint8         *line[2]; /* along the rows: the row with its edges repeated */
  guint16        *sum;     /* … and its window sums */
};

static const guint8 *pass_row (BoxPass *pass, int y);

/* Repeats the first and last pixels of the row in @line into the @reach
 * pixels either side of it. */
static void
repeat_edges (guint8 *line,
              int     width,
              int     reach)
{
  guint8 *first = line + reach * 4, *last = line + (reach + width - 1) * 4;

  for (int x = 0; x < reach; x++)
    {
      memcpy (line + x * 4, first, 4);
      memcpy (last + (x + 1) * 4, last, 4);
    }
}

/* Along @row, @passes times, into @out: each pass reads one line buffer
 * and writes the middle of the other, the last writes @out. */
static void
blur_line (const guint8 *row,
           guint8       *out,
           BoxPass      *pass)
{
  int width = pass->photo->width, n = width * 4, reach = pass->box->radius + 1;

  memcpy (pass->line[0] + reach * 4, row, n);
  for (int p = 0; p < pass->passes; p++)
    {
      guint8 *in = pass->line[p % 2];

      repeat_edges (in, width, reach);
      pass->loops.along (p + 1 < pass->passes ? pass->line[(p + 1) % 2] + reach * 4 : out, in,
                         pass->sum, n, pass->box);
    }
}

static void
make_row (BoxPass *pass,
          int      y,
          guint8  *out)
{
  int r = pass->box->radius, n = pass->photo->width * 4;

  if (pass->input == NULL)
    {
      blur_line (vt_pixels_row (pass->photo, y), out, pass);
      return;
    }

  if (y == 0)
    {
      memset (pass->acc, 0, n * sizeof (guint16));
      for (int k = r; k >= -r; k--)
        {
          const guint8 *row = pass_row (pass->input, k);
          for (int i = 0; i < n; i++)
            pass->acc[i] += row[i];
        }
    }
  /* The lowest row last: asking for a row may drop the oldest. */
  {
    const guint8 *far_bottom = pass_row (pass->input, y + r + 1);
    const guint8 *top = pass_row (pass->input, y - r);
    const guint8 *far_top = pass_row (pass->input, y - r - 1);

    pass->loops.down (out, pass->acc, far_top, top, far_bottom, n, pass->box);
  }
}

/* Row @y of @pass (clamped to the photo, as the edges are repeated),
 * made along with any rows before it not made yet. */
static const guint8 *
pass_row (BoxPass *pass,
          int      y)
{
  gsize n = (gsize) pass->photo->width * 4;

  y = CLAMP (y, 0, pass->photo->height - 1);
  for (; pass->made <= y; pass->made++)
    make_row (pass, pass->made, pass->ring + (pass->made % pass->ring_rows) * n);
  g_assert (y > pass->made - 1 - pass->ring_rows);
  return pass->ring + (y % pass->ring_rows) * n;
}

typedef void (*BlurEmit) (guint8 *row, const guint8 *blurred, int n, gpointer data);

/* Streams @photo through @passes passes of @box each way, handing each
 * finished row to @emit in order. @emit may write to row y of @photo: the
 * passes have read rows up to y by then and never read them again. */
static void
box_blur (const VtPixels *photo,
          Box            *box,
          int             passes,
          BlurEmit        emit,
          gpointer        data)
{
  BoxPass pass[MAX_PASSES + 1] = { { 0 } };
  BoxLoops loops = choose_box_loops (box);
  int reach = box->radius + 1, n = photo->width * 4;

  g_assert (passes <= MAX_PASSES);
  g_assert (2 * box->radius + 1 <= G_MAXUINT16 / 255);   /* box_along()'s sums */
  for (int i = 0; i <= passes; i++)
    {
      pass[i].box = box;
      pass[i].loops = loops;
      pass[i].photo = photo;
      pass[i].passes = passes;
      pass[i].input = i > 0 ? &pass[i - 1] : NULL;
      /* What the next pass needs: rows y − reach … y + reach. */
      pass[i].ring_rows = 2 * reach + 1;
      pass[i].ring = g_malloc ((gsize) pass[i].ring_rows * n);
      if (i > 0)
        pass[i].acc = g_new (guint16, n);
    }
  for (int i = 0; i < 2; i++)
    pass[0].line[i] = g_malloc ((gsize) (photo->width + 2 * reach) * 4);
  pass[0].sum = g_new (guint16, n);

  for (int y = 0; y < photo->height; y++)
    emit (vt_pixels_row (photo, y), pass_row (&pass[passes], y), n, data);

  for (int i = 0; i <= passes; i++)
    {
      g_free (pass[i].ring);
      g_free (pass[i].acc);
    }
  g_free (pass[0].line[0]);
  g_free (pass[0].line[1]);
  g_free (pass[0].sum);
}

static void
emit_copy (guint8       *row,
           const guint8 *blurred,
           int           n,
           gpointer      data)
{
  memcpy (row, blurred, n);
}

static void
blur_in_place (cairo_surface_t *surface,
               Box             *box,
               int              passes)
{
  VtPixels p = pixels_of (surface);

  box_blur (&p, box, passes, emit_copy, NULL);
  cairo_surface_mark_dirty (surface);
}

void
vt_filters_gaussian_blur (cairo_surface_t *surface,
                          double           radius)
{
  Box box = box_for_gaussian (radius, 3);

  if (radius > 0)
    blur_in_place (surface, &box, 3);
}

/* BoxBlur(radius): one box pass each way. */
void
vt_filters_box_blur (cairo_surface_t *surface,
                     double           radius)
{
  Box box = box_for_radius (radius);

  if (radius > 0)
    blur_in_place (surface, &box, 1);
}

/* ------------------------------------------------------------------------ */
/* UnsharpMask(radius, percent, threshold), Pillow's semantics: where a byte  */
/* differs from its blurred value by more than `threshold`, add `percent` %  */
/* of that difference.                                                        */

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
  VtPixels p = pixels_of (surface);
  Box box = box_for_gaussian (radius, 3);
  Unsharp u = { percent, threshold };
  BlurEmit emit = unsharp_row;

  /* With no blur, no byte differs from its blurred value. */
  if (radius <= 0)
    return;
#ifdef VT_HAVE_AVX2
  if (vt_pixels_use_avx2 ())
    emit = unsharp_row_avx2;
#endif
  box_blur (&p, &box, 3, emit, &u);
  cairo_surface_mark_dirty (surface);
}

/* ------------------------------------------------------------------------ */
/* Any 3×3 kernel (Pillow's BuiltinFilter: kernel / scale + offset, in      */
/* single-precision float, rounded), outermost rows and columns unchanged.   */

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
  VtPixels p = pixels_of (surface);
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

/* ------------------------------------------------------------------------ */
/* Point operations: Pillow's ImageEnhance, ImageOps.autocontrast, invert   */
/* and grayscale. RGB24 keeps blue, green, red in bytes 0, 1, 2.             */

/* Pillow's RGB → L: ITU-R 601-2 luma in 16-bit fixed point. */
static inline guint8
luma (const guint8 *px)
{
  return (guint8) ((px[2] * 19595 + px[1] * 38470 + px[0] * 7471 + 0x8000) >> 16);
}

/* Image.blend (degenerate, image, alpha) of one byte, as Pillow computes
 * it: in float, truncated, clipped only when extrapolating. */
static inline guint8
blend (int   degenerate,
       int   value,
       float alpha)
{
  float v = (float) degenerate + alpha * (float) (value - degenerate);

  return v <= 0.0f ? 0 : v >= 255.0f ? 255 : (guint8) v;
}

static void
apply_table (cairo_surface_t *surface,
             const guint8     table[3][256])
{
  VtPixels p = pixels_of (surface);

  for (int y = 0; y < p.height; y++)
    {
      guint8 *row = vt_pixels_row (&p, y);

      for (int x = 0; x < p.width; x++)
        for (int c = 0; c < 3; c++)
          row[x * 4 + c] = table[c][row[x * 4 + c]];
    }
  cairo_surface_mark_dirty (surface);
}

/* Blending every byte towards the same grey @level: one table. */
static void
blend_with_level (cairo_surface_t *surface,
                  int              level,
                  double           factor)
{
  guint8 table[3][256];

  for (int v = 0; v < 256; v++)
    table[0][v] = table[1][v] = table[2][v] = blend (level, v, (float) factor);
  apply_table (surface, table);
}

/* ImageEnhance.Brightness: towards black. */
void
vt_filters_brightness (cairo_surface_t *surface,
                       double           factor)
{
  blend_with_level (surface, 0, factor);
}

/* ImageEnhance.Contrast: towards the photo's mean grey, rounded. */
void
vt_filters_contrast (cairo_surface_t *surface,
                     double           factor)
{
  VtPixels p = pixels_of (surface);
  guint64 sum = 0;

  for (int y = 0; y < p.height; y++)
    {
      const guint8 *row = vt_pixels_row (&p, y);
      for (int x = 0; x < p.width; x++)
        sum += luma (row + x * 4);
    }
  blend_with_level (surface, (int) ((double) sum / MAX ((gint64) p.width * p.height, 1) + 0.5),
                    factor);
}

/* ImageEnhance.Color: each pixel towards its own grey. */
void
vt_filters_saturation (cairo_surface_t *surface,
                       double           factor)
{
  VtPixels p = pixels_of (surface);

  for (int y = 0; y < p.height; y++)
    {
      guint8 *row = vt_pixels_row (&p, y);

      for (int x = 0; x < p.width; x++)
        {
          guint8 *px = row + x * 4;
          int l = luma (px);

          for (int c = 0; c < 3; c++)
            px[c] = blend (l, px[c], (float) factor);
        }
    }
  cairo_surface_mark_dirty (surface);
}

/* The darkest and lightest level left in @h once @cutoff % of the pixels
 * are dropped from each end (ImageOps.autocontrast). */
static void
histogram_range (guint64  h[256],
                 double   cutoff,
                 int     *lo,
                 int     *hi)
{
  guint64 n = 0, cut;

  for (int i = 0; i < 256; i++)
    n += h[i];

  cut = (guint64) (n * cutoff / 100);
  for (*lo = 0; *lo < 256 && cut > 0; (*lo)++)
    {
      guint64 take = MIN (cut, h[*lo]);
      h[*lo] -= take, cut -= take;
      if (cut == 0)
        break;
    }
  cut = (guint64) (n * cutoff / 100);
  for (*hi = 255; *hi >= 0 && cut > 0; (*hi)--)
    {
      guint64 take = MIN (cut, h[*hi]);
      h[*hi] -= take, cut -= take;
      if (cut == 0)
        break;
    }

  for (*lo = 0; *lo < 255 && h[*lo] == 0; (*lo)++)
    ;
  for (*hi = 255; *hi > 0 && h[*hi] == 0; (*hi)--)
    ;
}

/* ImageOps.autocontrast: each channel stretched to 0…255 on its own. */
void
vt_filters_auto_contrast (cairo_surface_t *surface,
                          double           cutoff)
{
  VtPixels p = pixels_of (surface);
  guint64 h[3][256] = { { 0 } };
  guint8 table[3][256];

  for (int y = 0; y < p.height; y++)
    {
      const guint8 *row = vt_pixels_row (&p, y);
      for (int x = 0; x < p.width; x++)
        for (int c = 0; c < 3; c++)
          h[c][row[x * 4 + c]]++;
    }

  for (int c = 0; c < 3; c++)
    {
      int lo, hi;

      histogram_range (h[c], cutoff, &lo, &hi);
      for (int v = 0; v < 256; v++)
        {
          double scale = hi > lo ? 255.0 / (hi - lo) : 1.0;
          int out = hi > lo ? (int) (v * scale - lo * scale) : v;
          table[c][v] = (guint8) CLAMP (out, 0, 255);
        }
    }
  apply_table (surface, table);
}

void
vt_filters_invert (cairo_surface_t *surface)
{
  guint8 table[3][256];

  for (int v = 0; v < 256; v++)
    table[0][v] = table[1][v] = table[2][v] = (guint8) (255 - v);
  apply_table (surface, table);
}

void
vt_filters_greyscale (cairo_surface_t *surface)
{
  VtPixels p = pixels_of (surface);

  for (int y = 0; y < p.height; y++)
    {
      guint8 *row = vt_pixels_row (&p, y);

      for (int x = 0; x < p.width; x++)
        {
          guint8 *px = row + x * 4;
          px[0] = px[1] = px[2] = luma (px);
        }
    }
  cairo_surface_mark_dirty (surface);
}
