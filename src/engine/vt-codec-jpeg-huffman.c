/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-jpeg-huffman.c: the symbol counts behind optimised Huffman tables, taken faster
 *
 * With optimize_coding, libjpeg-turbo first runs every quantised block
 * through a scalar loop over all 64 coefficients to count the Huffman
 * symbols the scan will use (htest_one_block() in jchuff.c). Its SIMD
 * encoder makes the second, writing pass cheap, so that counting loop was
 * 15 % of all of Vitrina's time on 800×600 photos.
 *
 * Here the counts come from a bit mask of the nonzero coefficients, so only
 * those are visited (a block at quality 85 has a few dozen), and they go to
 * libjpeg's own jpeg_gen_optimal_table(): the tables, and so the files, are
 * byte for byte those libjpeg makes alone (test-codec checks it).
 *
 * libjpeg has no public hook for this. jpeglib.h leaves the entropy encoder
 * opaque; its first two methods, start_pass() and encode_mcu(), have kept
 * their place and form from IJG 6 (1995) to libjpeg-turbo 3, which added a
 * method after them. Only those two are touched: encode_mcu() while the
 * counts are taken, and start_pass() to put our tables in place just before
 * the writing pass turns them into codes.
 */
#define G_LOG_DOMAIN "vt-codec-jpeg"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#ifdef __SSE2__
# include <emmintrin.h>
#endif

#include "vt-codec-jpeg-huffman.h"

/* The start of jpegint.h's struct, which jpeglib.h declares but leaves
 * opaque. */
struct jpeg_entropy_encoder {
  void    (*start_pass) (j_compress_ptr cinfo, boolean gather_statistics);
  boolean (*encode_mcu) (j_compress_ptr cinfo, JBLOCKROW *MCU_data);
};

/* Exported by libjpeg (jcphuff.c calls it too), declared in a private
 * header. */
EXTERN (void) jpeg_gen_optimal_table (j_compress_ptr cinfo, JHUFF_TBL *htbl, long freq[]);

G_STATIC_ASSERT (sizeof (JCOEF) == 2);

typedef struct {
  /* One count per symbol, and one for the pseudo-symbol 256 that
   * jpeg_gen_optimal_table() uses. */
  long     dc[NUM_HUFF_TBLS][257];
  long     ac[NUM_HUFF_TBLS][257];
  int      last_dc[MAX_COMPS_IN_SCAN];
  gboolean delegated;  /* whether libjpeg's own counter had its MCU */

  void    (*start_pass) (j_compress_ptr cinfo, boolean gather_statistics);
  boolean (*encode_mcu) (j_compress_ptr cinfo, JBLOCKROW *MCU_data);
} Counts;

/* Where each coefficient of a block, stored in natural order, comes in the
 * zig-zag order the symbols follow; and the reverse. */
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

static const guint8 natural_of[DCTSIZE2] = {
   0,  1,  8, 16,  9,  2,  3, 10,
  17, 24, 32, 25, 18, 11,  4,  5,
  12, 19, 26, 33, 40, 48, 41, 34,
  27, 20, 13,  6,  7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36,
  29, 22, 15, 23, 30, 37, 44, 51,
  58, 59, 52, 45, 38, 31, 39, 46,
  53, 60, 61, 54, 47, 55, 62, 63,
};

/* Bit i set where coefficient i (natural order) is not zero. */
static inline guint64
nonzero_mask (const JCOEF *block)
{
#ifdef __SSE2__
  const __m128i zero = _mm_setzero_si128 ();
  guint64 zeros = 0;

  for (int i = 0; i < 4; i++)
    {
      __m128i a = _mm_loadu_si128 ((const __m128i *) (block + 16 * i));
      __m128i b = _mm_loadu_si128 ((const __m128i *) (block + 16 * i + 8));
      __m128i z = _mm_packs_epi16 (_mm_cmpeq_epi16 (a, zero), _mm_cmpeq_epi16 (b, zero));

      zeros |= (guint64) (guint16) _mm_movemask_epi8 (z) << (16 * i);
    }
  return ~zeros;
#else
  guint64 mask = 0;

  for (int i = 0; i < DCTSIZE2; i++)
    mask |= (guint64) (block[i] != 0) << i;
  return mask;
#endif
}

/* The JPEG "category" of a value: how many bits its magnitude takes. */
static inline int
bits_of (int v)
{
  return v == 0 ? 0 : 32 - __builtin_clz ((unsigned) ABS (v));
}

/* The symbols of one block, as htest_one_block() counts them: the DC
 * difference's category, then per nonzero AC coefficient its run of zeros
 * before it (a ZRL symbol per 16) and its category, then an end of block
 * unless the last coefficient is nonzero. */
static inline void
count_block (const JCOEF *block,
             int         *last_dc,
             long        *dc,
             long        *ac)
{
  guint64 natural = nonzero_mask (block) & ~G_GUINT64_CONSTANT (1);
  guint64 zigzag = 0;
  int previous = 0;

  dc[bits_of (block[0] - *last_dc)]++;
  *last_dc = block[0];

  for (; natural != 0; natural &= natural - 1)
    zigzag |= G_GUINT64_CONSTANT (1) << zigzag_of[__builtin_ctzll (natural)];

  for (; zigzag != 0; zigzag &= zigzag - 1)
    {
      int k = __builtin_ctzll (zigzag);
      int run = k - previous - 1;

      for (; run > 15; run -= 16)
        ac[0xF0]++;
      /* A category over 10 cannot come from 8-bit samples; it would
       * still index inside the table, and the writing pass rejects it. */
      ac[(run << 4) + bits_of (block[natural_of[k]])]++;
      previous = k;
    }
  if (previous < DCTSIZE2 - 1)
    ac[0]++;
}

static boolean
count_mcu (j_compress_ptr  cinfo,
           JBLOCKROW      *mcu)
{
  Counts *counts = cinfo->client_data;

  /* libjpeg's own counter gets the first MCU, so that its tables, which
   * start_output_pass() replaces, are made from counts that are not all
   * zero: jpeg_gen_optimal_table() must not be given those. */
  if (!counts->delegated)
    {
      counts->encode_mcu (cinfo, mcu);
      counts->delegated = TRUE;
    }

  for (int b = 0; b < cinfo->blocks_in_MCU; b++)
    {
      int c = cinfo->MCU_membership[b];
      const jpeg_component_info *component = cinfo->cur_comp_info[c];

      count_block (mcu[b][0], &counts->last_dc[c],
                   counts->dc[component->dc_tbl_no], counts->ac[component->ac_tbl_no]);
    }
  return TRUE;
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
  /* It overwrites @counts: once per table. */
  jpeg_gen_optimal_table (cinfo, *table, counts);
  *made = TRUE;
}

/* The writing pass is about to start: our tables replace those libjpeg
 * made from its one MCU. */
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
  Counts *counts;

  if (!cinfo->optimize_coding || cinfo->progressive_mode || cinfo->arith_code ||
      cinfo->restart_interval != 0 || cinfo->comps_in_scan != cinfo->num_components ||
      cinfo->data_precision != 8 || cinfo->next_scanline != 0)
    return;

  counts = (*cinfo->mem->alloc_small) ((j_common_ptr) cinfo, JPOOL_IMAGE, sizeof *counts);
  memset (counts, 0, sizeof *counts);
  counts->start_pass = cinfo->entropy->start_pass;
  counts->encode_mcu = cinfo->entropy->encode_mcu;
  cinfo->client_data = counts;
  cinfo->entropy->start_pass = start_output_pass;
  cinfo->entropy->encode_mcu = count_mcu;
}
