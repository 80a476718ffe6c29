/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-jpeg-huffman.h: a faster counting pass for libjpeg's optimised Huffman tables */
#pragma once

#include <stdio.h>
#include <glib.h>
#include <jpeglib.h>

G_BEGIN_DECLS

void vt_codec_jpeg_count_symbols (j_compress_ptr cinfo);

G_END_DECLS
