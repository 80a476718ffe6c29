/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-jpeg-guard.c: whether the Huffman counting hook may run on the libjpeg loaded now
 *
 * The hook (vt-codec-jpeg-huffman.c) writes into libjpeg's opaque entropy
 * encoder. The libjpeg that runs is not always the one built against: a
 * Flatpak runtime updates libjpeg-turbo under an installed app, and the
 * libjpeg 6b ABI has no call that names the library's version. So the
 * library is asked by deed, once per process: before anything is written
 * into its struct, both slots must point at code inside the library itself;
 * then small noisy photos are encoded with and without the hook, for every
 * sampling the writer uses, and must come out byte for byte the same. On
 * any difference, an error, or a library that does not look like one the
 * hook was written for, the hook stays off and libjpeg counts the symbols
 * itself: slower, never wrong.
 */
#define G_LOG_DOMAIN "vt-codec-jpeg"
#define _GNU_SOURCE

#include "config.h"

#include <dlfcn.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "vt-codec-jpeg-huffman.h"
#include "vt-tsan.h"

/* The two slots the hook replaces; the rest of jpegint.h's struct is
 * never read here. */
struct jpeg_entropy_encoder {
  void    (*start_pass) (j_compress_ptr cinfo, boolean gather_statistics);
  boolean (*encode_mcu) (j_compress_ptr cinfo, JBLOCKROW *MCU_data);
};

typedef struct {
  struct jpeg_error_mgr pub;
  sigjmp_buf            jump;
} CheckError;

/* Small, so the check costs well under a millisecond; wider and taller
 * than one 4:2:0 MCU with partial blocks at the edges; noise (every
 * coefficient set) on the left, flat on the right (long zero runs). */
#define CHECK_WIDTH  37
#define CHECK_HEIGHT 21

static const struct {
  int h_samp, v_samp;
} samplings[] = {
  { 2, 2 },  /* 4:2:0, what jpeg_set_defaults() gives vt_codec_jpeg_encode() */
  { 1, 1 },  /* 4:4:4 */
};
static const int check_qualities[] = { 85, 100 };  /* the default, and the largest values */

static gint tamper_for_tests;  /* atomic */

static void
check_error_exit (j_common_ptr cinfo)
{
  siglongjmp (((CheckError *) cinfo->err)->jump, 1);
}

static void
fill_check_pixels (guint8 *rgb)
{
  guint32 seed = 20261203;

  for (int y = 0; y < CHECK_HEIGHT; y++)
    for (int x = 0; x < CHECK_WIDTH; x++)
      for (int c = 0; c < 3; c++)
        {
          seed = seed * 1103515245u + 12345u;
          rgb[(y * CHECK_WIDTH + x) * 3 + c] = x < CHECK_WIDTH / 2 ? seed >> 24 : 90u + 40u * c;
        }
}

static gboolean
same_library (void *code,
              void *reference)
{
  Dl_info a, b;

  return code != NULL && dladdr (code, &a) != 0 && dladdr (reference, &b) != 0 &&
         a.dli_fbase == b.dli_fbase;
}

/* The JPEG of the check photo, with the hook or without; NULL when libjpeg
 * failed, or when the slots the hook would take do not hold libjpeg's
 * own code. */
static GBytes *
encode_check (const guint8 *rgb,
              int           sampling,
              int           quality,
              gboolean      hook)
{
  struct jpeg_compress_struct cinfo;
  CheckError err;
  unsigned char * volatile buffer = NULL;
  unsigned long size = 0;

  cinfo.err = jpeg_std_error (&err.pub);
  err.pub.error_exit = check_error_exit;
  jpeg_create_compress (&cinfo);
  if (sigsetjmp (err.jump, 1))
    {
      jpeg_destroy_compress (&cinfo);
      free (buffer);
      return NULL;
    }

  jpeg_mem_dest (&cinfo, (unsigned char **) &buffer, &size);
  cinfo.image_width = CHECK_WIDTH;
  cinfo.image_height = CHECK_HEIGHT;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  cinfo.comp_info[0].h_samp_factor = samplings[sampling].h_samp;
  cinfo.comp_info[0].v_samp_factor = samplings[sampling].v_samp;
  cinfo.optimize_coding = TRUE;
  jpeg_start_compress (&cinfo, TRUE);

  if (hook)
    {
      if (cinfo.entropy == NULL ||
          !same_library (cinfo.entropy->start_pass, jpeg_CreateCompress) ||
          !same_library (cinfo.entropy->encode_mcu, jpeg_CreateCompress))
        {
          jpeg_destroy_compress (&cinfo);
          return NULL;
        }
      vt_codec_jpeg_count_symbols (&cinfo);
    }
  for (int y = 0; y < CHECK_HEIGHT; y++)
    {
      JSAMPROW row = (JSAMPROW) rgb + (gsize) y * CHECK_WIDTH * 3;
      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);

  if (hook && g_atomic_int_get (&tamper_for_tests) && size > 0)
    buffer[size / 2] ^= 1;
  return g_bytes_new_with_free_func (buffer, size, free, buffer);
}

static gboolean
self_check (void)
{
  g_autofree guint8 *rgb = g_malloc (CHECK_WIDTH * CHECK_HEIGHT * 3);

  fill_check_pixels (rgb);
  for (guint s = 0; s < G_N_ELEMENTS (samplings); s++)
    for (guint q = 0; q < G_N_ELEMENTS (check_qualities); q++)
      {
        g_autoptr(GBytes) theirs = encode_check (rgb, s, check_qualities[q], FALSE);
        g_autoptr(GBytes) ours = encode_check (rgb, s, check_qualities[q], TRUE);

        if (theirs == NULL || ours == NULL || !g_bytes_equal (theirs, ours))
          return FALSE;
      }
  return TRUE;
}

static const char *
runtime_library (void)
{
  Dl_info info;

  return dladdr (jpeg_CreateCompress, &info) != 0 && info.dli_fname != NULL ? info.dli_fname : "libjpeg";
}

static VtHuffmanHook
decide (void)
{
#ifndef VT_HUFFMAN_HOOK
  return VT_HUFFMAN_HOOK_OFF_BUILD;
#else
  if (g_strcmp0 (g_getenv ("VITRINA_NO_HUFFMAN_HOOK"), "1") == 0)
    {
      g_debug ("Huffman counting left to libjpeg: VITRINA_NO_HUFFMAN_HOOK is set");
      return VT_HUFFMAN_HOOK_OFF_ENV;
    }
  if (!self_check ())
    {
      /* Not a warning: every file is still right, only slower to write. */
      g_message ("Optimised Huffman tables left to libjpeg: %s does not write what the "
                 "faster counting expects (it may be a newer libjpeg-turbo)", runtime_library ());
      return VT_HUFFMAN_HOOK_OFF_MISMATCH;
    }
  g_debug ("Huffman counting hook checked against %s", runtime_library ());
  return VT_HUFFMAN_HOOK_ON;
#endif
}

/**
 * vt_codec_jpeg_huffman_hook:
 *
 * Decides once per process, from the build option, `VITRINA_NO_HUFFMAN_HOOK`
 * and the self-check, whether vt_codec_jpeg_count_symbols() may be used.
 * Safe to call from any number of threads at once.
 */
VtHuffmanHook
vt_codec_jpeg_huffman_hook (void)
{
  static gsize state;

  if (vt_once_init_enter (&state))
    vt_once_init_leave (&state, (gsize) decide () + 1);
  return (VtHuffmanHook) (state - 1);
}

/**
 * vt_codec_jpeg_huffman_tamper_for_tests:
 *
 * For the tests only: makes the self-check see one byte of difference, as a
 * libjpeg that changed its entropy encoder would give. Takes effect only if
 * called before the first JPEG is written.
 */
void
vt_codec_jpeg_huffman_tamper_for_tests (void)
{
  g_atomic_int_set (&tamper_for_tests, TRUE);
}
