/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-sizes.h: the sizes mini-language, `NAME=WIDTHxHEIGHT[:option=value…]`, read and written */
#pragma once

#include "vt-recipe.h"

G_BEGIN_DECLS

/* The longest side a size may ask for, in pixels. */
#define VT_SIZES_MAX_SIDE 16000

gboolean vt_sizes_parse_box (const char  *text,
                             int         *width,
                             int         *height);
GArray  *vt_sizes_parse     (const char  *sizes,
                             GError     **error);
char    *vt_sizes_to_string (GArray      *variants);

G_END_DECLS
