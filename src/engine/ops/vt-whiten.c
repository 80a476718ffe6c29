/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-whiten.c: the backdrop of a studio shot made pure white
 *
 * Only the backdrop connected to the photo's border turns #FFFFFF: a flood
 * fill from the border through the pixels within the tolerance of the
 * fitted backdrop (vt-trim.c), so a white label or the inside of a handle
 * stays as it was. The product's outermost pixels are part paper: each
 * pixel next to the filled backdrop has its paper share, estimated from how
 * far it is from the backdrop against the most product-like pixel near it,
 * replaced by white, so the outline stays as soft as the camera made it,
 * with no grey halo and no jagged edge.
 *
 * A white product on white paper is within the tolerance and would be
 * filled away. The fill cannot tell, but what it filled can: paper is
 * smooth, so a step in the backdrop distance inside the filled region, well
 * above the paper's grain, is an edge that was swallowed. The grain is
 * measured where there is only paper, along the border: coarse grain beside
 * a soft shadow makes steps that sensor noise alone would not. Then the photo is
 * left alone and the caller told the contrast is too low.
 */
#define G_LOG_DOMAIN "vt-whiten"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vt-pixels.h"
#include "vt-scratch.h"
#include "vt-trim.h"
#include "vt-whiten.h"

/* The swallowed-edge test compares means of 4×4 blocks two blocks apart,
 * against the paper's own steps in the blocks this deep along the border,
 * this many times their spread. */
#define BLOCK 4
#define BORDER_BLOCKS 2
#define BORDER_SPREADS 3.0f

typedef struct {
  int      width;
  int      height;
  guint8   tolerance;
  guint8  *distance;   /* per pixel, largest channel difference from the backdrop */
  guint8  *paper;      /* per pixel, PAPER where the fill reached */
} Map;

/* The paper map's values: during the fill a pixel within the tolerance
 * not reached yet is OPEN, so that the fill tests one byte per pixel;
 * after it, only PAPER and 0 are left. */
enum {
  PAPER = 1,
  OPEN = 2,
};

/* The maps, two bytes a pixel: kept by the thread for its next photo. */
static GPrivate maps_key = VT_SCRATCH_INIT;

/* OPEN where @distance is within @tolerance, 0 elsewhere. */
VT_HOT static void
open_row (const guint8 *distance,
          guint8        tolerance,
          int           width,
          guint8       *paper)
{
  for (int x = 0; x < width; x++)
    paper[x] = distance[x] <= tolerance ? OPEN : 0;
}

/* What the fill did not reach is not paper. */
VT_HOT static void
close_open (guint8 *paper,
            gsize   n)
{
  for (gsize i = 0; i < n; i++)
    paper[i] &= PAPER;
}

static void
measure_distances (cairo_surface_t  *surface,
                   const VtBackdrop *backdrop,
                   Map              *map)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autofree guint8 *expected = g_malloc ((gsize) map->width * 4);

  for (int y = 0; y < map->height; y++)
    {
      vt_backdrop_row (backdrop, y, expected);
      vt_backdrop_distance_row (data + (gsize) y * stride, expected, map->width,
                                map->distance + (gsize) y * map->width);
      open_row (map->distance + (gsize) y * map->width, map->tolerance, map->width,
                map->paper + (gsize) y * map->width);
    }
}

static inline gboolean
fillable (const Map *map,
          gsize      i)
{
  return map->paper[i] == OPEN;
}

typedef struct {
  int x, y;
} Seed;

/* Eight bytes of the paper map, each with OPEN's bit. */
#define OPEN_BITS (G_GUINT64_CONSTANT (0x0101010101010101) * OPEN)

static inline guint64
eight_bytes (const guint8 *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return word;
}

static inline guint64
open_bits (const guint8 *p)
{
  return eight_bytes (p) & OPEN_BITS;
}

/* Seeds a run start for each stretch of fillable pixels of row @y in l…r.
 * OPEN is the only value with its bit, so eight pixels at a time can be
 * passed over while none, or all, are open. */
static void
push_runs (const Map *map,
           GArray    *stack,
           int        y,
           int        l,
           int        r)
{
  const guint8 *p = map->paper + (gsize) y * map->width;
  int x = l;

  while (x <= r)
    {
      Seed s;

      while (x + 8 <= r + 1 && open_bits (p + x) == 0)
        x += 8;
      while (x <= r && p[x] != OPEN)
        x++;
      if (x > r)
        break;
      s = (Seed) { x, y };
      g_array_append_val (stack, s);
      while (x + 8 <= r + 1 && open_bits (p + x) == OPEN_BITS)
        x += 8;
      while (x <= r && p[x] == OPEN)
        x++;
    }
}

/* A scanline flood fill: each popped seed grows to its whole run, marked at
 * once, and seeds the runs above and below it. */
static void
flood (Map    *map,
       GArray *stack)
{
  while (stack->len > 0)
    {
      Seed s = g_array_index (stack, Seed, stack->len - 1);
      gsize row = (gsize) s.y * map->width;
      int l = s.x, r = s.x;

      g_array_set_size (stack, stack->len - 1);
      if (!fillable (map, row + s.x))
        continue;
      while (l > 0 && fillable (map, row + l - 1))
        l--;
      while (r + 8 < map->width && open_bits (map->paper + row + r + 1) == OPEN_BITS)
        r += 8;
      while (r < map->width - 1 && fillable (map, row + r + 1))
        r++;
      memset (map->paper + row + l, PAPER, r - l + 1);
      if (s.y > 0)
        push_runs (map, stack, s.y - 1, l, r);
      if (s.y < map->height - 1)
        push_runs (map, stack, s.y + 1, l, r);
    }
}

static void
fill_from_border (Map *map)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Seed));

  push_runs (map, stack, 0, 0, map->width - 1);
  push_runs (map, stack, map->height - 1, 0, map->width - 1);
  for (int y = 1; y < map->height - 1; y++)
    {
      push_runs (map, stack, y, 0, 0);
      push_runs (map, stack, y, map->width - 1, map->width - 1);
    }
  flood (map, stack);
  close_open (map->paper, (gsize) map->width * map->height);
}

/* Sums of each 4-pixel span of one row into @sum and @paper, a row of
 * blocks at a time, so that the loop runs along memory. */
VT_HOT static void
add_block_row (const Map *map,
               int        y,
               int        bw,
               guint16   *sum,
               guint8    *paper)
{
  const guint8 *d = map->distance + (gsize) y * map->width;
  const guint8 *p = map->paper + (gsize) y * map->width;

  for (int bx = 0; bx < bw; bx++)
    {
      const guint8 *db = d + BLOCK * bx, *pb = p + BLOCK * bx;

      sum[bx] += db[0] + db[1] + db[2] + db[3];
      paper[bx] += pb[0] + pb[1] + pb[2] + pb[3];
    }
}

/* Mean distance of each 4×4 block wholly filled; -1 for the others. */
static float *
block_means (const Map *map,
             int        bw,
             int        bh)
{
  float *means = g_new (float, (gsize) bw * bh);
  g_autofree guint16 *sum = g_new (guint16, bw);
  g_autofree guint8 *paper = g_new (guint8, bw);

  G_STATIC_ASSERT (BLOCK == 4);
  for (int by = 0; by < bh; by++)
    {
      memset (sum, 0, bw * sizeof *sum);
      memset (paper, 0, bw);
      for (int y = by * BLOCK; y < (by + 1) * BLOCK; y++)
        add_block_row (map, y, bw, sum, paper);
      for (int bx = 0; bx < bw; bx++)
        means[(gsize) by * bw + bx] = paper[bx] == BLOCK * BLOCK ? sum[bx] / (float) (BLOCK * BLOCK) : -1;
    }
  return means;
}

static gboolean
step (const float *means,
      gsize        a,
      gsize        b,
      float        threshold)
{
  return means[a] >= 0 && means[b] >= 0 && ABS (means[a] - means[b]) > threshold;
}

/* Block means are sixteenths of a level, so their steps fall in bins. */
#define STEP_BINS (256 * BLOCK * BLOCK)

static void
count_step (const float *means,
            gsize        a,
            gsize        b,
            guint       *hist,
            guint       *n)
{
  if (means[a] < 0 || means[b] < 0)
    return;
  hist[MIN ((int) lrintf (ABS (means[a] - means[b]) * BLOCK * BLOCK), STEP_BINS - 1)]++;
  (*n)++;
}

static gboolean
in_ring (int bx,
         int by,
         int bw,
         int bh)
{
  return bx < BORDER_BLOCKS || by < BORDER_BLOCKS || bx >= bw - BORDER_BLOCKS || by >= bh - BORDER_BLOCKS;
}

/* How far apart blocks two apart on the paper by the border are, as a
 * standard deviation (the median step, scaled). Sensor noise averages away
 * over a block; paper's own grain, as coarse as its fibres, does not. */
static float
border_step_spread (const float *means,
                    int          bw,
                    int          bh)
{
  g_autofree guint *hist = g_new0 (guint, STEP_BINS);
  guint n = 0, seen = 0;

  for (int by = 0; by < bh; by++)
    for (int bx = 0; bx < bw; bx++)
      {
        gsize i = (gsize) by * bw + bx;

        if (!in_ring (bx, by, bw, bh))
          continue;
        if (bx + 2 < bw && in_ring (bx + 2, by, bw, bh))
          count_step (means, i, i + 2, hist, &n);
        if (by + 2 < bh && in_ring (bx, by + 2, bw, bh))
          count_step (means, i, i + 2 * bw, hist, &n);
      }
  for (int v = 0; v < STEP_BINS && n > 0; v++)
    {
      seen += hist[v];
      if (seen * 2 >= n)
        return 1.4826f * v / (BLOCK * BLOCK);
    }
  return 0;
}

/* Whether the filled backdrop holds an edge: steps between blocks two
 * apart above a third of the tolerance, the paper's grain and the steps
 * the paper makes by the border, along more than a few percent of the
 * photo's sides. */
static gboolean
swallowed_edges (const Map        *map,
                 const VtBackdrop *backdrop)
{
  int bw = map->width / BLOCK, bh = map->height / BLOCK;
  float threshold = MAX (map->tolerance / 3.0f, 1.5f * (float) backdrop->noise);
  g_autofree float *means = NULL;
  int steps = 0;

  if (bw < 3 || bh < 3)
    return FALSE;
  means = block_means (map, bw, bh);
  threshold += BORDER_SPREADS * border_step_spread (means, bw, bh);
  for (int by = 0; by < bh; by++)
    for (int bx = 0; bx < bw; bx++)
      {
        gsize i = (gsize) by * bw + bx;
        steps += bx + 2 < bw && step (means, i, i + 2, threshold);
        steps += by + 2 < bh && step (means, i, i + 2 * bw, threshold);
      }
  return steps >= MAX (4, (bw + bh) / 25);
}

/* 1 where a pixel that is not paper touches paper (8 neighbours).
 * Returns: whether the row has any such pixel */
VT_HOT static gboolean
edge_row (const Map *map,
          int        y,
          guint8    *near,
          guint8    *edge)
{
  const guint8 *mid = map->paper + (gsize) y * map->width;
  const guint8 *up = y > 0 ? mid - map->width : mid;
  const guint8 *down = y < map->height - 1 ? mid + map->width : mid;
  int w = map->width;
  guint8 any = 0;

  for (int x = 0; x < w; x++)
    near[x] = up[x] | mid[x] | down[x];
  edge[0] = (mid[0] ^ 1) & (near[0] | near[MIN (1, w - 1)]);
  for (int x = 1; x < w - 1; x++)
    edge[x] = (mid[x] ^ 1) & (near[x - 1] | near[x] | near[x + 1]);
  if (w > 1)
    edge[w - 1] = (mid[w - 1] ^ 1) & (near[w - 2] | near[w - 1]);
  for (int x = 0; x < w; x++)
    any |= edge[x];
  return any != 0;
}

/* Paper turns #FFFFFF; a mask of all ones or none per pixel, so that the
 * loop vectorises. */
VT_HOT static void
whiten_row (guint32      *row,
            const guint8 *paper,
            int           width)
{
  for (int x = 0; x < width; x++)
    row[x] |= 0u - (guint32) paper[x];
}

/* The largest distance of a product pixel within two pixels of (x, y). */
static int
product_reference (const Map *map,
                   int        x,
                   int        y)
{
  int best = 0;

  for (int j = MAX (y - 2, 0); j <= MIN (y + 2, map->height - 1); j++)
    for (int i = MAX (x - 2, 0); i <= MIN (x + 2, map->width - 1); i++)
      {
        gsize k = (gsize) j * map->width + i;
        if (!map->paper[k])
          best = MAX (best, map->distance[k]);
      }
  return best;
}

/* Replaces a part-paper pixel's paper share with white. */
static void
soften (guint8       *pixel,
        const guint8 *expected,
        int           distance,
        int           reference)
{
  int skip = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 3 : 0;
  int share;

  if (reference <= distance)
    return;
  share = 256 - distance * 256 / reference;
  for (int k = 0; k < 4; k++)
    if (k != skip)
      pixel[k] = (guint8) MIN (255, pixel[k] + (share * (255 - expected[k]) + 128) / 256);
}

static void
paint (cairo_surface_t  *surface,
       const VtBackdrop *backdrop,
       const Map        *map)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autofree guint8 *expected = g_malloc ((gsize) map->width * 4);
  g_autofree guint8 *near = g_malloc (map->width);
  g_autofree guint8 *edge = g_malloc (map->width);

  for (int y = 0; y < map->height; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);
      const guint8 *paper = map->paper + (gsize) y * map->width;
      const guint8 *distance = map->distance + (gsize) y * map->width;

      if (edge_row (map, y, near, edge))
        {
          vt_backdrop_row (backdrop, y, expected);
          for (int x = 0; x < map->width; x++)
            {
              /* Edges are a few pixels of a long row: pass eight at a time */
              if (x + 8 <= map->width && eight_bytes (edge + x) == 0)
                {
                  x += 7;
                  continue;
                }
              if (edge[x])
                soften ((guint8 *) (row + x), expected + 4 * x, distance[x],
                        product_reference (map, x, y));
            }
        }
      whiten_row (row, paper, map->width);
    }
  cairo_surface_mark_dirty (surface);
}

/**
 * vt_whiten:
 * @tolerance: in percent of full scale (VT_TRIM_DEFAULT_TOLERANCE)
 *
 * Makes the backdrop of @surface, as far as it reaches from the border,
 * exactly white, with the product's outline blended into it.
 *
 * Returns: what was done; the photo is unchanged unless %VT_WHITEN_DONE
 */
VtWhitenResult
vt_whiten (cairo_surface_t *surface,
           double           tolerance)
{
  double levels = vt_trim_tolerance_levels (tolerance);
  VtBackdrop backdrop;
  Map map = {
    cairo_image_surface_get_width (surface),
    cairo_image_surface_get_height (surface),
    (guint8) MIN (levels, 255.0),
    NULL, NULL,
  };
  gsize n_pixels = (gsize) map.width * map.height;

  if (!vt_backdrop_fit (surface, levels, &backdrop))
    return VT_WHITEN_NO_BACKDROP;

  /* measure_distances() writes every byte of both */
  map.distance = vt_scratch_get (&maps_key, 2 * n_pixels);
  map.paper = map.distance + n_pixels;
  measure_distances (surface, &backdrop, &map);
  fill_from_border (&map);
  if (swallowed_edges (&map, &backdrop))
    return VT_WHITEN_LOW_CONTRAST;

  paint (surface, &backdrop, &map);
  return VT_WHITEN_DONE;
}
