/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-jpeg-huffman.h: a faster counting pass for libjpeg's optimised Huffman tables */
#pragma once

#include <stdio.h>
#include <glib.h>
#include <jpeglib.h>

G_BEGIN_DECLS

/* Whether the counting hook runs, and if not, what turned it off. */
typedef enum {
  VT_HUFFMAN_HOOK_ON,
  VT_HUFFMAN_HOOK_OFF_BUILD,     /* meson -Dhuffman_hook=false */
  VT_HUFFMAN_HOOK_OFF_ENV,       /* VITRINA_NO_HUFFMAN_HOOK=1 */
  VT_HUFFMAN_HOOK_OFF_MISMATCH,  /* the runtime libjpeg failed the self-check */
} VtHuffmanHook;

void          vt_codec_jpeg_count_symbols            (j_compress_ptr cinfo);
VtHuffmanHook vt_codec_jpeg_huffman_hook             (void);
void          vt_codec_jpeg_huffman_tamper_for_tests (void);

G_END_DECLS
