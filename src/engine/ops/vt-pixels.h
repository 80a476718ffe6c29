/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pixels.h: helpers shared by the hot pixel loops */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Builds a loop twice (AVX2 and baseline x86-64) and picks one when the
 * program starts, so one binary is fast on every machine. Not under the
 * sanitizers, whose runtimes do not mix with ifuncs. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
# define VT_HOT __attribute__ ((target_clones ("avx2", "default")))
#else
# define VT_HOT
#endif

/* Loops written with AVX2 intrinsics, where the compiler alone does badly,
 * are chosen at run time (vt_pixels_use_avx2()). */
#if defined(__x86_64__) && defined(__GNUC__)
# define VT_HAVE_AVX2 1
# include <immintrin.h>

/* Sixteen bytes, each widened to a 16-bit lane. */
static inline __attribute__ ((target ("avx2"))) __m256i
vt_pixels_load_words_avx2 (const guint8 *p)
{
  return _mm256_cvtepu8_epi16 (_mm_loadu_si128 ((const __m128i *) p));
}

/* Stores thirty-two 16-bit results as bytes, clamped to 0…255, in order:
 * the pack interleaves the two vectors' 128-bit lanes, the permute puts
 * them back. */
static inline __attribute__ ((target ("avx2"))) void
vt_pixels_store_words_avx2 (guint8  *out,
                            __m256i  first,
                            __m256i  second)
{
  _mm256_storeu_si256 ((__m256i *) out,
                       _mm256_permute4x64_epi64 (_mm256_packus_epi16 (first, second), 0xD8));
}

/* Stores sixteen 32-bit results as bytes, clamped to 0…255, in order. The
 * 256-bit unpacks and packs work within 128-bit lanes, so results 0–3 and
 * 8–11 come in @v0 and 4–7 and 12–15 in @v1, as the unpacks of 16-bit
 * pairs before a multiply-add leave them. */
static inline __attribute__ ((target ("avx2"))) void
vt_pixels_store_bytes_avx2 (guint8  *out,
                            __m256i  v0,
                            __m256i  v1)
{
  __m256i bytes = _mm256_packus_epi16 (_mm256_packs_epi32 (v0, v1), _mm256_setzero_si256 ());

  bytes = _mm256_permute4x64_epi64 (bytes, 0x08);
  _mm_storeu_si128 ((__m128i *) out, _mm256_castsi256_si128 (bytes));
}
#endif

/* A block of 4-byte pixels, not owned. */
typedef struct {
  guint8 *data;
  int     stride;
  int     width;
  int     height;
} VtPixels;

static inline guint8 *
vt_pixels_row (const VtPixels *p,
               int             y)
{
  return p->data + (gsize) y * p->stride;
}

/* Rows @first_row … @first_row + @n_rows − 1 of an RGB24 image surface,
 * as they are in memory: the caller has flushed it, or just made it. */
static inline VtPixels
vt_pixels_of_rows (cairo_surface_t *surface,
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

/* All of an RGB24 image surface, flushed first, for a filter that works on
 * it in place (and marks it dirty after). */
static inline VtPixels
vt_pixels_of (cairo_surface_t *surface)
{
  cairo_surface_flush (surface);
  return vt_pixels_of_rows (surface, 0, cairo_image_surface_get_height (surface));
}

gboolean vt_pixels_use_avx2  (void);
VtPixels vt_pixels_alloc     (int             width,
                              int             height);
void     vt_pixels_free      (VtPixels       *p);
void     vt_pixels_transpose (const VtPixels *src,
                              const VtPixels *dst);

G_END_DECLS
