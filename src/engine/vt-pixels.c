/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pixels.c: helpers shared by the hot pixel loops
 *
 * Filters along rows are the hard case for a vectorising compiler: each
 * output pixel reads a window of neighbours. Along columns the inner loop
 * runs over contiguous bytes and vectorises well. So the resampler and the
 * blur transpose, work down the columns, and transpose back, as Pillow's
 * box blur does.
 */
#define G_LOG_DOMAIN "vt-pixels"

#include "config.h"

#include <string.h>

#include "vt-pixels.h"

#define BLOCK 16

VtPixels
vt_pixels_alloc (int width,
                 int height)
{
  VtPixels p = { NULL, width * 4, width, height };

  p.data = g_malloc ((gsize) p.stride * MAX (height, 1));
  return p;
}

void
vt_pixels_free (VtPixels *p)
{
  g_clear_pointer (&p->data, g_free);
}

/* @dst must be src->height × src->width. In 16×16 blocks: each block reads
 * 16 rows of 64 bytes and writes 16 rows of 64 bytes, one cache line each. */
void
vt_pixels_transpose (const VtPixels *src,
                     const VtPixels *dst)
{
  g_assert (dst->width == src->height && dst->height == src->width);

  for (int y0 = 0; y0 < src->height; y0 += BLOCK)
    for (int x0 = 0; x0 < src->width; x0 += BLOCK)
      {
        int y1 = MIN (y0 + BLOCK, src->height), x1 = MIN (x0 + BLOCK, src->width);

        for (int x = x0; x < x1; x++)
          {
            guint32 *out = (guint32 *) vt_pixels_row (dst, x);
            const guint8 *in = vt_pixels_row (src, y0) + (gsize) x * 4;

            for (int y = y0; y < y1; y++, in += src->stride)
              memcpy (&out[y], in, 4);
          }
      }
}
