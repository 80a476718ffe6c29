/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-box-reduce.c: reduction by whole factors, the cheap first step of a large shrink
 *
 * As Pillow's Image.reduce(): each output pixel is the rounded mean of its
 * fx × fy block (fewer at the far edges).
 */
#define G_LOG_DOMAIN "vt-resize"

#include "config.h"

#include <string.h>

#include "vt-box-reduce.h"
#include "vt-image.h"
#include "vt-pixels.h"

/* The mean as Pillow's reduce() takes it: times a reciprocal computed in
 * single precision, then shifted. For some sums that is a level below the
 * exact mean, as Pillow writes it, and it spares a division per byte. */
typedef struct {
  guint32 amend;
  guint32 multiplier;
} Mean;

static Mean
mean_of (int n)
{
  Mean m = { n / 2, (guint32) ((float) (1u << 30) * 4.0f / (float) (256 * n)) };

  return m;
}

/* One pixel's four bytes as 32-bit lanes, added and multiplied as one. */
typedef guint32 Lanes __attribute__ ((vector_size (16)));
typedef guint8 LaneBytes __attribute__ ((vector_size (16)));
typedef guint8 PixelBytes __attribute__ ((vector_size (4)));

/* A row of blocks @fx pixels wide: each output pixel the means of its
 * block's four byte lanes, @acc holding the column sums. */
static inline __attribute__ ((always_inline)) void
mean_row_fx (const Mean    *m,
             const guint32 *acc,
             int            fx,
             int            n_blocks,
             guint8        *out)
{
  for (int x = 0; x < n_blocks; x++, acc += fx * 4, out += 4)
    {
      Lanes sum = { 0, 0, 0, 0 }, column;
      LaneBytes means;
      PixelBytes pixel;

      for (int i = 0; i < fx; i++)
        {
          memcpy (&column, acc + i * 4, sizeof column);
          sum += column;
        }
      /* Each lane's low byte, in one shuffle. */
      means = (LaneBytes) (((sum + m->amend) * m->multiplier) >> 24);
      pixel = __builtin_shufflevector (means, means, 0, 4, 8, 12);
      memcpy (out, &pixel, sizeof pixel);
    }
}

/* With the common widths made constants, so that the loop over a block's
 * columns unrolls. */
static VT_HOT void
mean_row (const Mean    *m,
          const guint32 *acc,
          int            fx,
          int            n_blocks,
          guint8        *out)
{
  switch (fx)
    {
    case 2: mean_row_fx (m, acc, 2, n_blocks, out); break;
    case 3: mean_row_fx (m, acc, 3, n_blocks, out); break;
    case 4: mean_row_fx (m, acc, 4, n_blocks, out); break;
    default: mean_row_fx (m, acc, fx, n_blocks, out); break;
    }
}

static VT_HOT void
reduce_rows (const guint8 *in,
             int           in_stride,
             int           n_rows,
             guint32      *acc,
             int           n_bytes)
{
  for (int i = 0; i < n_bytes; i++)
    acc[i] = in[i];
  for (int r = 1; r < n_rows; r++)
    {
      const guint8 *row = in + (gsize) r * in_stride;
      for (int i = 0; i < n_bytes; i++)
        acc[i] += row[i];
    }
}

/**
 * vt_box_reduce:
 * @source: a flushed RGB24 surface
 *
 * Returns: (transfer full): @source reduced by @fx × @fy, or %NULL with
 * @error set when out of memory
 */
cairo_surface_t *
vt_box_reduce (cairo_surface_t  *source,
               int               fx,
               int               fy,
               GError          **error)
{
  int src_w = cairo_image_surface_get_width (source);
  int src_h = cairo_image_surface_get_height (source);
  int in_stride = cairo_image_surface_get_stride (source);
  const guint8 *in = cairo_image_surface_get_data (source);
  int w = (src_w + fx - 1) / fx, h = (src_h + fy - 1) / fy;
  cairo_surface_t *out = vt_image_new_like (source, w, h, error);
  g_autofree guint32 *acc = NULL;

  if (out == NULL)
    return NULL;

  acc = g_new (guint32, (gsize) src_w * 4);
  for (int y = 0; y < h; y++)
    {
      int rows = MIN (fy, src_h - y * fy), whole_blocks = src_w / fx;
      guint8 *o = cairo_image_surface_get_data (out) + (gsize) y * cairo_image_surface_get_stride (out);
      Mean m = mean_of (rows * fx);

      reduce_rows (in + (gsize) y * fy * in_stride, in_stride, rows, acc, src_w * 4);
      mean_row (&m, acc, fx, whole_blocks, o);
      /* The last block, where the photo is not a whole number of blocks. */
      if (whole_blocks < w)
        {
          m = mean_of (rows * (src_w - whole_blocks * fx));
          mean_row (&m, acc + (gsize) whole_blocks * fx * 4, src_w - whole_blocks * fx, 1,
                    o + whole_blocks * 4);
        }
    }
  cairo_surface_mark_dirty (out);
  return out;
}
