/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-blur.c: Gaussian and box blur, as box passes streamed over the photo
 *
 * Gaussian blur as three extended box blurs (Gwosdek et al., SSVM 2011),
 * exactly as Pillow's ImageFilter.GaussianBlur: three passes along rows,
 * then three down the columns, each rounded to 8 bits, edges replicated.
 *
 * The passes stream: a row is blurred along itself when a pass down the
 * columns first asks for it, and each pass keeps only the rows its next
 * pass still needs, in a ring. The photo is read once and written once,
 * and the working set stays in the cache whatever the photo's size.
 */
#define G_LOG_DOMAIN "vt-filters"

#include "config.h"

#include <string.h>

#include "vt-blur.h"
#include "vt-filters.h"

#define MAX_PASSES 3

/* One pass of the blur, made a row at a time: the first along the rows,
 * the others each down the columns of the one before. */
typedef struct _BoxPass BoxPass;
struct _BoxPass {
  const VtBox    *box;
  const VtPixels *photo;   /* the first pass's input */
  int             passes;  /* how often the first pass blurs a row */
  BoxPass        *input;   /* the pass before; NULL for the first */
  guint8         *ring;    /* its last ring_rows rows, row y at y % ring_rows */
  int             ring_rows;
  int             made;    /* rows made so far */
  VtBoxLoops      loops;
  guint16        *acc;     /* down the columns: the sums of the whole taps */
  guint8         *line[2]; /* along the rows: the row with its edges repeated */
  guint16        *sum;     /* … and its window sums */
};

static const guint8 *pass_row (BoxPass *pass, int y);

/* Repeats the first and last pixels of the row in @line into the @reach
 * pixels either side of it. */
static void
repeat_edges (guint8 *line,
              int     width,
              int     reach)
{
  guint8 *first = line + reach * 4, *last = line + (reach + width - 1) * 4;

  for (int x = 0; x < reach; x++)
    {
      memcpy (line + x * 4, first, 4);
      memcpy (last + (x + 1) * 4, last, 4);
    }
}

/* Along @row, @passes times, into @out: each pass reads one line buffer
 * and writes the middle of the other, the last writes @out. */
static void
blur_line (const guint8 *row,
           guint8       *out,
           BoxPass      *pass)
{
  int width = pass->photo->width, n = width * 4, reach = pass->box->radius + 1;

  memcpy (pass->line[0] + reach * 4, row, n);
  for (int p = 0; p < pass->passes; p++)
    {
      guint8 *in = pass->line[p % 2];

      repeat_edges (in, width, reach);
      pass->loops.along (p + 1 < pass->passes ? pass->line[(p + 1) % 2] + reach * 4 : out, in,
                         pass->sum, n, pass->box);
    }
}

static void
make_row (BoxPass *pass,
          int      y,
          guint8  *out)
{
  int r = pass->box->radius, n = pass->photo->width * 4;

  if (pass->input == NULL)
    {
      blur_line (vt_pixels_row (pass->photo, y), out, pass);
      return;
    }

  if (y == 0)
    {
      memset (pass->acc, 0, n * sizeof (guint16));
      for (int k = r; k >= -r; k--)
        {
          const guint8 *row = pass_row (pass->input, k);
          for (int i = 0; i < n; i++)
            pass->acc[i] += row[i];
        }
    }
  /* The lowest row last: asking for a row may drop the oldest. */
  {
    const guint8 *far_bottom = pass_row (pass->input, y + r + 1);
    const guint8 *top = pass_row (pass->input, y - r);
    const guint8 *far_top = pass_row (pass->input, y - r - 1);

    pass->loops.down (out, pass->acc, far_top, top, far_bottom, n, pass->box);
  }
}

/* Row @y of @pass (clamped to the photo, as the edges are repeated),
 * made along with any rows before it not made yet. */
static const guint8 *
pass_row (BoxPass *pass,
          int      y)
{
  gsize n = (gsize) pass->photo->width * 4;

  y = CLAMP (y, 0, pass->photo->height - 1);
  for (; pass->made <= y; pass->made++)
    make_row (pass, pass->made, pass->ring + (pass->made % pass->ring_rows) * n);
  g_assert (y > pass->made - 1 - pass->ring_rows);
  return pass->ring + (y % pass->ring_rows) * n;
}

/* Streams @photo through @passes passes of @box each way, handing each
 * finished row to @emit in order. @emit may write to row y of @photo: the
 * passes have read rows up to y by then and never read them again. */
void
vt_blur_stream (const VtPixels *photo,
                VtBox          *box,
                int             passes,
                VtBlurEmit      emit,
                gpointer        data)
{
  BoxPass pass[MAX_PASSES + 1] = { { 0 } };
  VtBoxLoops loops = vt_box_choose_loops (box);
  int reach = box->radius + 1, n = photo->width * 4;

  g_assert (passes <= MAX_PASSES);
  g_assert (2 * box->radius + 1 <= G_MAXUINT16 / 255);   /* box_along()'s sums */
  for (int i = 0; i <= passes; i++)
    {
      pass[i].box = box;
      pass[i].loops = loops;
      pass[i].photo = photo;
      pass[i].passes = passes;
      pass[i].input = i > 0 ? &pass[i - 1] : NULL;
      /* What the next pass needs: rows y − reach … y + reach. */
      pass[i].ring_rows = 2 * reach + 1;
      pass[i].ring = g_malloc ((gsize) pass[i].ring_rows * n);
      if (i > 0)
        pass[i].acc = g_new (guint16, n);
    }
  for (int i = 0; i < 2; i++)
    pass[0].line[i] = g_malloc ((gsize) (photo->width + 2 * reach) * 4);
  pass[0].sum = g_new (guint16, n);

  for (int y = 0; y < photo->height; y++)
    emit (vt_pixels_row (photo, y), pass_row (&pass[passes], y), n, data);

  for (int i = 0; i <= passes; i++)
    {
      g_free (pass[i].ring);
      g_free (pass[i].acc);
    }
  g_free (pass[0].line[0]);
  g_free (pass[0].line[1]);
  g_free (pass[0].sum);
}

static void
emit_copy (guint8       *row,
           const guint8 *blurred,
           int           n,
           gpointer      data)
{
  memcpy (row, blurred, n);
}

static void
blur_in_place (cairo_surface_t *surface,
               VtBox           *box,
               int              passes)
{
  VtPixels p = vt_pixels_of (surface);

  vt_blur_stream (&p, box, passes, emit_copy, NULL);
  cairo_surface_mark_dirty (surface);
}

void
vt_filters_gaussian_blur (cairo_surface_t *surface,
                          double           radius)
{
  VtBox box = vt_box_for_gaussian (radius, 3);

  if (radius > 0)
    blur_in_place (surface, &box, 3);
}

/* BoxBlur(radius): one box pass each way. */
void
vt_filters_box_blur (cairo_surface_t *surface,
                     double           radius)
{
  VtBox box = vt_box_for_radius (radius);

  if (radius > 0)
    blur_in_place (surface, &box, 1);
}
