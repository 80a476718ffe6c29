/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-resample.c: Lanczos-3 resampling in two passes, the row pass streamed into the column pass */
#define G_LOG_DOMAIN "vt-resize"

#include "config.h"

#include <string.h>

#include "vt-alpha.h"
#include "vt-image.h"
#include "vt-kernel.h"
#include "vt-pixels.h"
#include "vt-resample.h"
#include "vt-resample-row.h"

/* Every output row of @dst from the rows of @src that @k names. */
static gboolean
resample_rows (const VtPixels *src,
               const VtPixels *dst,
               const VtKernel *k,
               GCancellable   *cancellable)
{
  int n_bytes = dst->width * 4;
  g_autofree gint32 *acc = g_new (gint32, n_bytes);
  VtResampleRow resample_row = vt_resample_row_choose ();

  for (int y = 0; y < dst->height; y++)
    {
      if ((y & 63) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      resample_row (vt_pixels_row (src, k->first[y]), src->stride, vt_pixels_row (dst, y),
                    n_bytes, acc, k->weights + (gsize) y * k->ksize, k->count[y]);
    }
  return TRUE;
}

static cairo_surface_t *
set_cancelled (GCancellable  *cancellable,
               GError       **error)
{
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

/* Down the columns: every output row a weighted sum of input rows. */
static cairo_surface_t *
pass_columns (cairo_surface_t  *src,
              double            in0,
              double            extent,
              int               height,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(cairo_surface_t) dst =
    vt_image_new_like (src, cairo_image_surface_get_width (src), height, error);
  VtPixels in = vt_pixels_of_rows (src, 0, cairo_image_surface_get_height (src));
  g_autoptr(VtKernel) k = NULL;
  VtPixels out;

  if (dst == NULL)
    return NULL;
  out = vt_pixels_of_rows (dst, 0, height);
  k = vt_kernel_get (in.height, in0, extent, height);
  if (!resample_rows (&in, &out, k, cancellable))
    return set_cancelled (cancellable, error);

  cairo_surface_mark_dirty (dst);
  return g_steal_pointer (&dst);
}

/* Rows per strip of the row pass: the transposed strip of a 4000-pixel row
 * is 2 MB, and its inner loops still run over 512 contiguous bytes. */
#define STRIP 128

/* Along the rows, a strip at a time: as columns of the transposed strip,
 * where the inner loop runs over contiguous bytes and vectorises. Working
 * in strips keeps the scratch memory small whatever the photo's size. */
typedef struct {
  VtPixels  in;
  VtKernel *k;
  VtPixels  t_in;    /* a strip, transposed */
  VtPixels  t_out;   /* … and resampled */
} RowPass;

static void
row_pass_init (RowPass         *pass,
               cairo_surface_t *src,
               double           in0,
               double           extent,
               int              width)
{
  pass->in = vt_pixels_of_rows (src, 0, cairo_image_surface_get_height (src));
  pass->k = vt_kernel_get (pass->in.width, in0, extent, width);
  pass->t_in = vt_pixels_alloc (STRIP, pass->in.width);
  pass->t_out = vt_pixels_alloc (STRIP, width);
}

static void
row_pass_clear (RowPass *pass)
{
  g_clear_pointer (&pass->k, vt_kernel_unref);
  vt_pixels_free (&pass->t_in);
  vt_pixels_free (&pass->t_out);
}

/* Rows @y0 … @y0 + @n − 1 of the input, resampled, into the first @n rows
 * of @out; @n at most STRIP. */
static gboolean
row_pass_strip (RowPass        *pass,
                int             y0,
                int             n,
                const VtPixels *out,
                GCancellable   *cancellable)
{
  VtPixels strip_in = { vt_pixels_row (&pass->in, y0), pass->in.stride, pass->in.width, n };
  VtPixels strip_out = { out->data, out->stride, out->width, n };
  VtPixels a = { pass->t_in.data, n * 4, n, pass->in.width };
  VtPixels b = { pass->t_out.data, n * 4, n, out->width };

  vt_pixels_transpose (&strip_in, &a);
  if (!resample_rows (&a, &b, pass->k, cancellable))
    return FALSE;
  vt_pixels_transpose (&b, &strip_out);
  return TRUE;
}

static cairo_surface_t *
pass_rows (cairo_surface_t  *src,
           double            in0,
           double            extent,
           int               width,
           GCancellable     *cancellable,
           GError          **error)
{
  int height = cairo_image_surface_get_height (src);
  g_autoptr(cairo_surface_t) dst = vt_image_new_like (src, width, height, error);
  RowPass pass;
  gboolean ok = TRUE;

  if (dst == NULL)
    return NULL;
  row_pass_init (&pass, src, in0, extent, width);
  for (int y0 = 0; ok && y0 < height; y0 += STRIP)
    {
      VtPixels out = vt_pixels_of_rows (dst, y0, MIN (STRIP, height - y0));

      ok = row_pass_strip (&pass, y0, out.height, &out, cancellable);
    }
  row_pass_clear (&pass);
  if (!ok)
    return set_cancelled (cancellable, error);

  cairo_surface_mark_dirty (dst);
  return g_steal_pointer (&dst);
}

/* Both passes, streamed: the row pass makes its rows a strip at a time as
 * the column pass first needs them, into a window that slides down. The
 * image between the passes (7 MB for a 12-megapixel photo's large size)
 * is never whole in memory, and the column pass reads rows still in the
 * cache. */
static cairo_surface_t *
pass_both (cairo_surface_t  *src,
           double            x0,
           double            extent_w,
           int               width,
           double            y0,
           double            extent_h,
           int               height,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(cairo_surface_t) dst = vt_image_new_like (src, width, height, error);
  g_autoptr(VtKernel) k = NULL;
  g_autofree gint32 *acc = NULL;
  VtResampleRow resample_row = vt_resample_row_choose ();
  VtPixels window, out;
  int first = 0, made = 0;   /* the window holds rows first … first + made − 1 */
  RowPass rows;
  gboolean ok = TRUE;

  if (dst == NULL)
    return NULL;
  row_pass_init (&rows, src, x0, extent_w, width);
  k = vt_kernel_get (rows.in.height, y0, extent_h, height);
  /* Room for one output row's input rows and a strip more. */
  window = vt_pixels_alloc (width, k->ksize + STRIP);
  acc = g_new (gint32, (gsize) width * 4);
  out = vt_pixels_of_rows (dst, 0, height);

  for (int y = 0; ok && y < height; y++)
    {
      int lo = k->first[y], hi = lo + k->count[y];

      if ((y & 63) == 0 && g_cancellable_is_cancelled (cancellable))
        ok = FALSE;

      /* A crop can start below every row the window holds (or below the
       * window's height): those rows are never needed, so start there. */
      if (first + made < lo)
        first = lo, made = 0;

      while (ok && first + made < hi)
        {
          int n = MIN (STRIP, rows.in.height - (first + made));
          VtPixels strip;

          /* Slide the window down, dropping rows no output row needs. */
          if (made + n > window.height)
            {
              made -= lo - first;
              memmove (window.data, vt_pixels_row (&window, lo - first), (gsize) made * window.stride);
              first = lo;
              n = MIN (n, window.height - made);
            }
          strip = (VtPixels) { vt_pixels_row (&window, made), window.stride, width, n };
          ok = row_pass_strip (&rows, first + made, n, &strip, cancellable);
          made += n;
        }
      if (ok)
        resample_row (vt_pixels_row (&window, lo - first), window.stride, vt_pixels_row (&out, y),
                      width * 4, acc, k->weights + (gsize) y * k->ksize, k->count[y]);
    }

  row_pass_clear (&rows);
  vt_pixels_free (&window);
  if (!ok)
    return set_cancelled (cancellable, error);

  cairo_surface_mark_dirty (dst);
  return g_steal_pointer (&dst);
}

/**
 * vt_resample:
 * @region: the part of @source to resample, in its pixels (fractions
 *   allowed)
 *
 * Lanczos-3 with the kernel widened by the scale factor when shrinking, so
 * fine patterns average out instead of aliasing. Separable: one pass along
 * the rows, then one down the columns, each rounded to 8 bits. That is
 * Pillow's order; with its kernel, weights and rounding it makes our pixels
 * identical to Pillow's (the other order is cheaper for large photos, but
 * differs by a level here and there, which the unsharp mask amplifies).
 * Both passes check @cancellable every 64 rows.
 *
 * Returns: (transfer full): a new @width × @height surface, or %NULL when
 * cancelled or out of memory
 */
cairo_surface_t *
vt_resample (cairo_surface_t          *source,
             const cairo_rectangle_t  *region,
             int                       width,
             int                       height,
             GCancellable             *cancellable,
             GError                  **error)
{
  double x0 = region->x, extent_w = region->width;
  double y0 = region->y, extent_h = region->height;
  int src_w = cairo_image_surface_get_width (source);
  int src_h = cairo_image_surface_get_height (source);
  gboolean need_h = width != src_w || x0 != 0 || extent_w != src_w;
  gboolean need_v = height != src_h || y0 != 0 || extent_h != src_h;
  cairo_surface_t *out;

  if (!need_h && !need_v)
    return vt_image_copy (source);
  if (!need_h)
    out = pass_columns (source, y0, extent_h, height, cancellable, error);
  else if (!need_v)
    out = pass_rows (source, x0, extent_w, width, cancellable, error);
  else
    out = pass_both (source, x0, extent_w, width, y0, extent_h, height, cancellable, error);

  /* Premultiplied, the lobes can leave colour above its alpha. */
  if (out != NULL && vt_image_has_alpha (out))
    vt_alpha_clamp (out);
  return out;
}
