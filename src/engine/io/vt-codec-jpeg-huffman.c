/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-jpeg-huffman.c: the symbol counts behind optimised Huffman tables, taken faster
 *
 * With optimize_coding, libjpeg-turbo first runs every quantised block
 * through a scalar loop over all 64 coefficients to count the Huffman
 * symbols the scan will use (htest_one_block() in jchuff.c). Its SIMD
 * encoder makes the second, writing pass cheap, so that counting loop is
 * what writing a small JPEG mostly costs.
 *
 * Here the counts come from a bit mask of the nonzero coefficients, in
 * zig-zag order, so only those are visited (at quality 85, from none to a
 * few dozen a block), and the tables are built from them as
 * jpeg_gen_optimal_table() builds them: the files are byte for byte those
 * libjpeg makes alone (test-codec checks it).
 *
 * libjpeg has no public hook for this. jpeglib.h leaves the entropy encoder
 * opaque; its first two methods, start_pass() and encode_mcu(), have kept
 * their place and form from IJG 6 to libjpeg-turbo 3. Only those two are
 * touched: encode_mcu() while the counts are taken, and start_pass() to put
 * our tables in place just before the writing pass turns them into codes.
 * Because the libjpeg that runs may not be the one built against, the hook
 * is used only after vt-codec-jpeg-guard.c has checked it on that library.
 */
#define G_LOG_DOMAIN "vt-codec-jpeg"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>
#ifdef __SSE2__
# include <emmintrin.h>
#endif

#include "vt-codec-jpeg-huffman.h"
#include "vt-pixels.h"
#include "vt-tsan.h"

/* The start of jpegint.h's struct, which jpeglib.h declares but leaves
 * opaque. */
struct jpeg_entropy_encoder {
  void    (*start_pass) (j_compress_ptr cinfo, boolean gather_statistics);
  boolean (*encode_mcu) (j_compress_ptr cinfo, JBLOCKROW *MCU_data);
};

G_STATIC_ASSERT (sizeof (JCOEF) == 2);

typedef struct {
  /* One count per symbol, and one for the pseudo-symbol 256 that the
   * table building adds. */
  long     dc[NUM_HUFF_TBLS][257];
  long     ac[NUM_HUFF_TBLS][257];
  int      last_dc[MAX_COMPS_IN_SCAN];

  void    (*start_pass) (j_compress_ptr cinfo, boolean gather_statistics);
} Counts;

/* Where each coefficient of a block, stored in natural order, comes in the
 * zig-zag order the symbols follow. */
static const guint8 zigzag_of[DCTSIZE2] = {
   0,  1,  5,  6, 14, 15, 27, 28,
   2,  4,  7, 13, 16, 26, 29, 42,
   3,  8, 12, 17, 25, 30, 41, 43,
   9, 11, 18, 24, 31, 40, 44, 53,
  10, 19, 23, 32, 39, 45, 52, 54,
  20, 22, 33, 38, 46, 51, 55, 60,
  21, 34, 37, 47, 50, 56, 59, 61,
  35, 36, 48, 49, 57, 58, 62, 63,
};

/* The JPEG "category" of a value: how many bits its magnitude takes. */
static inline int
bits_of (int v)
{
  return v == 0 ? 0 : 32 - __builtin_clz ((unsigned) ABS (v));
}

/* Bit k of the result set where the coefficient k-th in zig-zag order is
 * not zero, and @category[k] its category, for those. */
static inline guint64
zigzag_categories (const JCOEF *block,
                   guint8       category[DCTSIZE2])
{
  guint64 natural = 0, zigzag = 0;

#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128 ();

  for (int c = 0; c < 4; c++)
    {
      __m128i a = _mm_loadu_si128 ((const __m128i *) (block + 16 * c));
      __m128i b = _mm_loadu_si128 ((const __m128i *) (block + 16 * c + 8));
      __m128i z = _mm_packs_epi16 (_mm_cmpeq_epi16 (a, zero), _mm_cmpeq_epi16 (b, zero));

      natural |= (guint64) (guint16) ~_mm_movemask_epi8 (z) << (16 * c);
    }
#else
  for (int i = 0; i < DCTSIZE2; i++)
    natural |= (guint64) (block[i] != 0) << i;
#endif
  for (; natural != 0; natural &= natural - 1)
    {
      int n = __builtin_ctzll (natural), k = zigzag_of[n];

      zigzag |= G_GUINT64_CONSTANT (1) << k;
      category[k] = (guint8) bits_of (block[n]);
    }
  return zigzag;
}

#ifdef VT_HAVE_AVX2
/* The same without a loop whose length the CPU cannot predict: the
 * categories of all 64 coefficients from two table lookups per byte, then
 * put in zig-zag order with a byte shuffle per quarter of the block and
 * half of the result. controls[h][c] takes, for zig-zag positions 32h …
 * 32h + 31, the bytes that come from coefficients 16c … 16c + 15, the same
 * 16 in both 128-bit lanes (vpshufb stays within its lane). */
static guint8 controls[2][4][32] __attribute__ ((aligned (32)));

static void
make_controls (void)
{
  /* 0x80 makes vpshufb write a zero: the positions the other quarters fill. */
  memset (controls, 0x80, sizeof controls);
  for (int n = 0; n < DCTSIZE2; n++)
    {
      int k = zigzag_of[n];

      controls[k / 32][n / 16][k % 32] = n % 16;
    }
}

/* Sixteen magnitudes below 2^15 to their categories: each byte's from
 * its nibbles, then the high byte's plus 8 where it has any. */
static inline __attribute__ ((target ("avx2"))) __m256i
categories_avx2 (__m256i magnitude)
{
  const __m256i low_bits = _mm256_setr_epi8 (0, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4,
                                             0, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4);
  const __m256i high_bits = _mm256_setr_epi8 (0, 5, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8,
                                              0, 5, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8);
  const __m256i nibble = _mm256_set1_epi8 (0x0F);
  __m256i bytes = _mm256_max_epu8 (
    _mm256_shuffle_epi8 (low_bits, _mm256_and_si256 (magnitude, nibble)),
    _mm256_shuffle_epi8 (high_bits, _mm256_and_si256 (_mm256_srli_epi16 (magnitude, 4), nibble)));
  __m256i high = _mm256_srli_epi16 (bytes, 8);
  __m256i high_plus_8 = _mm256_and_si256 (_mm256_add_epi16 (high, _mm256_set1_epi16 (8)),
                                          _mm256_cmpgt_epi16 (high, _mm256_setzero_si256 ()));

  return _mm256_max_epi16 (_mm256_and_si256 (bytes, _mm256_set1_epi16 (0xFF)), high_plus_8);
}

static inline __attribute__ ((target ("avx2"))) guint64
zigzag_categories_avx2 (const JCOEF *block,
                        guint8       category[DCTSIZE2])
{
  __m256i natural[2], zigzag[2] = { _mm256_setzero_si256 (), _mm256_setzero_si256 () };

  for (int h = 0; h < 2; h++)
    {
      __m256i a = _mm256_loadu_si256 ((const __m256i *) (block + 32 * h));
      __m256i b = _mm256_loadu_si256 ((const __m256i *) (block + 32 * h + 16));

      /* The pack interleaves the 128-bit lanes; the permute puts them back. */
      natural[h] = _mm256_permute4x64_epi64 (
        _mm256_packus_epi16 (categories_avx2 (_mm256_abs_epi16 (a)),
                             categories_avx2 (_mm256_abs_epi16 (b))), 0xD8);
    }
  for (int c = 0; c < 4; c++)
    {
      __m256i quarter = c % 2 ? _mm256_permute2x128_si256 (natural[c / 2], natural[c / 2], 0x11)
                              : _mm256_permute2x128_si256 (natural[c / 2], natural[c / 2], 0x00);

      for (int h = 0; h < 2; h++)
        zigzag[h] = _mm256_or_si256 (zigzag[h],
                                     _mm256_shuffle_epi8 (quarter, *(const __m256i *) controls[h][c]));
    }
  _mm256_storeu_si256 ((__m256i *) category, zigzag[0]);
  _mm256_storeu_si256 ((__m256i *) (category + 32), zigzag[1]);

  /* A category is 0 just where the coefficient is. */
  {
    guint32 first = _mm256_movemask_epi8 (_mm256_cmpeq_epi8 (zigzag[0], _mm256_setzero_si256 ()));
    guint32 second = _mm256_movemask_epi8 (_mm256_cmpeq_epi8 (zigzag[1], _mm256_setzero_si256 ()));

    return ~((guint64) second << 32 | first);
  }
}
#endif

/* The symbols of one block, as htest_one_block() counts them: the DC
 * difference's category, then per nonzero AC coefficient its run of zeros
 * before it (a ZRL symbol per 16) and its category, then an end of block
 * unless the last coefficient is nonzero. */
static inline __attribute__ ((always_inline)) void
count_block (const JCOEF  *block,
             guint64       zigzag,
             const guint8 *category,
             int          *last_dc,
             long         *dc,
             long         *ac)
{
  int previous = 0;

  dc[bits_of (block[0] - *last_dc)]++;
  *last_dc = block[0];

  for (zigzag &= ~G_GUINT64_CONSTANT (1); zigzag != 0; zigzag &= zigzag - 1)
    {
      int k = __builtin_ctzll (zigzag);
      int run = k - previous - 1;

      for (; run > 15; run -= 16)
        ac[0xF0]++;
      /* A category over 10 cannot come from 8-bit samples; it would
       * still index inside the table, and the writing pass rejects it. */
      ac[(run << 4) + category[k]]++;
      previous = k;
    }
  if (previous < DCTSIZE2 - 1)
    ac[0]++;
}

typedef guint64 (*ZigzagCategories) (const JCOEF *block, guint8 category[DCTSIZE2]);

/* Inlined into each of its callers below, with its own way to the mask. */
static inline __attribute__ ((always_inline)) void
count_mcu_with (j_compress_ptr  cinfo,
                JBLOCKROW      *mcu,
                ZigzagCategories categories_of)
{
  Counts *counts = cinfo->client_data;

  for (int b = 0; b < cinfo->blocks_in_MCU; b++)
    {
      int c = cinfo->MCU_membership[b];
      const jpeg_component_info *component = cinfo->cur_comp_info[c];
      const JCOEF *block = mcu[b][0];
      guint8 category[DCTSIZE2];
      guint64 zigzag = categories_of (block, category);

      count_block (block, zigzag, category, &counts->last_dc[c],
                   counts->dc[component->dc_tbl_no], counts->ac[component->ac_tbl_no]);
    }
}

static boolean
count_mcu (j_compress_ptr  cinfo,
           JBLOCKROW      *mcu)
{
  count_mcu_with (cinfo, mcu, zigzag_categories);
  return TRUE;
}

#ifdef VT_HAVE_AVX2
static __attribute__ ((target ("avx2"))) boolean
count_mcu_avx2 (j_compress_ptr  cinfo,
                JBLOCKROW      *mcu)
{
  count_mcu_with (cinfo, mcu, zigzag_categories_avx2);
  return TRUE;
}
#endif

/* ------------------------------------------------------------------------ */
/* The table from the counts: Huffman's procedure as annex K.2 of the JPEG   */
/* standard gives it and jpeg_gen_optimal_table() runs it, choosing the same */
/* among equal counts, so the same table to the bit. libjpeg finds the two   */
/* smallest counts by scanning all 257 at each merge, and the symbols of     */
/* each code length by scanning all 256 for each of 32 lengths; a heap and a */
/* counting sort do the same in n log n.                                     */

#define MAX_CODE_LENGTH 32

typedef struct {
  long count;
  int  symbol;
} Node;

/* libjpeg merges the smallest count first and, of equal counts, the
 * larger symbol. */
static inline gboolean
merges_before (Node a,
               Node b)
{
  return a.count < b.count || (a.count == b.count && a.symbol > b.symbol);
}

static void
sift_down (Node *heap,
           int   n,
           int   i)
{
  Node node = heap[i];

  for (int child = 2 * i + 1; child < n; i = child, child = 2 * i + 1)
    {
      if (child + 1 < n && merges_before (heap[child + 1], heap[child]))
        child++;
      if (!merges_before (heap[child], node))
        break;
      heap[i] = heap[child];
    }
  heap[i] = node;
}

/* Each symbol's code length: each merge of the two smallest counts makes
 * the codes of both subtrees a bit longer. A subtree is a chain of symbols
 * through @next, named after its first. */
static void
code_lengths (const long *counts,
              int        *length)
{
  Node heap[257];
  int next[257], n = 0;

  for (int s = 0; s <= 256; s++)
    {
      next[s] = -1;
      length[s] = 0;
      if (counts[s] != 0)
        heap[n++] = (Node) { counts[s], s };
    }
  for (int i = n / 2 - 1; i >= 0; i--)
    sift_down (heap, n, i);

  while (n > 1)
    {
      Node first = heap[0];
      int c1, c2;

      heap[0] = heap[--n];
      sift_down (heap, n, 0);
      c1 = first.symbol, c2 = heap[0].symbol;
      heap[0] = (Node) { first.count + heap[0].count, c1 };
      sift_down (heap, n, 0);

      for (length[c1]++; next[c1] >= 0; length[c1]++)
        c1 = next[c1];
      next[c1] = c2;
      for (length[c2]++; next[c2] >= 0; length[c2]++)
        c2 = next[c2];
    }
}

static void
optimal_table (j_compress_ptr  cinfo,
               JHUFF_TBL      *table,
               long           *counts)
{
  int length[257], start[MAX_CODE_LENGTH + 2] = { 0 };
  guint8 bits[MAX_CODE_LENGTH + 1] = { 0 };
  int i;

  /* The pseudo-symbol 256 takes the all-ones code, which JPEG forbids. */
  counts[256] = 1;
  code_lengths (counts, length);

  for (int s = 0; s <= 256; s++)
    {
      if (length[s] > MAX_CODE_LENGTH)
        ERREXIT (cinfo, JERR_HUFF_CLEN_OVERFLOW);
      if (length[s] != 0)
        bits[length[s]]++;
    }

  /* No code may be longer than 16 bits: annex K.3's adjustment. */
  for (i = MAX_CODE_LENGTH; i > 16; i--)
    while (bits[i] > 0)
      {
        int j = i - 2;

        while (bits[j] == 0)
          j--;
        bits[i] -= 2;
        bits[i - 1]++;
        bits[j + 1] += 2;
        bits[j]--;
      }
  while (bits[i] == 0)
    i--;
  bits[i]--;
  memcpy (table->bits, bits, sizeof table->bits);

  /* The symbols by their code lengths before that adjustment, as libjpeg
   * lists them, in the order of the symbols within a length. */
  for (int s = 0; s <= 255; s++)
    if (length[s] != 0)
      start[length[s] + 1]++;
  for (int l = 1; l <= MAX_CODE_LENGTH; l++)
    start[l + 1] += start[l];
  for (int s = 0; s <= 255; s++)
    if (length[s] != 0)
      table->huffval[start[length[s]]++] = (UINT8) s;
  table->sent_table = FALSE;
}

static void
make_table (j_compress_ptr   cinfo,
            JHUFF_TBL      **table,
            long            *counts,
            gboolean        *made)
{
  if (*made)
    return;
  if (*table == NULL)
    *table = jpeg_alloc_huff_table ((j_common_ptr) cinfo);
  optimal_table (cinfo, *table, counts);
  *made = TRUE;
}

/* The writing pass is about to start: our tables replace those libjpeg
 * made from its one blank MCU. */
static void
start_output_pass (j_compress_ptr cinfo,
                   boolean        gather_statistics)
{
  Counts *counts = cinfo->client_data;
  gboolean made_dc[NUM_HUFF_TBLS] = { FALSE }, made_ac[NUM_HUFF_TBLS] = { FALSE };

  for (int c = 0; !gather_statistics && c < cinfo->comps_in_scan; c++)
    {
      int dc = cinfo->cur_comp_info[c]->dc_tbl_no, ac = cinfo->cur_comp_info[c]->ac_tbl_no;

      make_table (cinfo, &cinfo->dc_huff_tbl_ptrs[dc], counts->dc[dc], &made_dc[dc]);
      make_table (cinfo, &cinfo->ac_huff_tbl_ptrs[ac], counts->ac[ac], &made_ac[ac]);
    }
  cinfo->entropy->start_pass = counts->start_pass;
  counts->start_pass (cinfo, gather_statistics);
}

/**
 * vt_codec_jpeg_count_symbols:
 * @cinfo: a compression just started with jpeg_start_compress()
 *
 * Takes over the counting pass of optimised Huffman coding, where the
 * compression is a single sequential scan with Huffman coding and no restart
 * markers (what vt_codec_jpeg_encode() writes unless asked for progressive
 * JPEG); otherwise leaves libjpeg to it. Uses @cinfo's client_data.
 */
void
vt_codec_jpeg_count_symbols (j_compress_ptr cinfo)
{
  JBLOCK block = { 0 };
  JBLOCKROW blank[C_MAX_BLOCKS_IN_MCU];
  Counts *counts;

  if (!cinfo->optimize_coding || cinfo->progressive_mode || cinfo->arith_code ||
      cinfo->restart_interval != 0 || cinfo->comps_in_scan != cinfo->num_components ||
      cinfo->data_precision != 8 || cinfo->next_scanline != 0)
    return;

  /* libjpeg still makes tables of its own when the counting ends, which
   * start_output_pass() then replaces; they must not come from counts
   * that are all zero (jpeg_gen_optimal_table() reads out of bounds then),
   * so its counter is given one MCU of blank blocks: the smallest tables. */
  for (int b = 0; b < cinfo->blocks_in_MCU; b++)
    blank[b] = &block;
  cinfo->entropy->encode_mcu (cinfo, blank);

  counts = (*cinfo->mem->alloc_small) ((j_common_ptr) cinfo, JPOOL_IMAGE, sizeof *counts);
  memset (counts, 0, sizeof *counts);
  counts->start_pass = cinfo->entropy->start_pass;
  cinfo->client_data = counts;
  cinfo->entropy->start_pass = start_output_pass;
  cinfo->entropy->encode_mcu = count_mcu;
#ifdef VT_HAVE_AVX2
  if (vt_pixels_use_avx2 ())
    {
      static gsize controls_made;

      if (vt_once_init_enter (&controls_made))
        {
          make_controls ();
          vt_once_init_leave (&controls_made, 1);
        }
      cinfo->entropy->encode_mcu = count_mcu_avx2;
    }
#endif
}
