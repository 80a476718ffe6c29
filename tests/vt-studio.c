/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-studio.c: synthetic studio shots whose product box and pixels are known
 *
 * Off-white paper with a diagonal gradient, a soft shadow under the
 * product, the product itself (shaded, with a white label), then Gaussian
 * sensor noise over everything, all from a seed. Paper may have a grain of
 * its own: unlike sensor noise, it is as coarse as its fibres, so it does
 * not average away over a few pixels. The product's coverage is
 * drawn again alone into an A8 mask, so tests can tell product, outline
 * and paper pixels apart.
 */
#include "config.h"

#include <math.h>

#include "vt-studio.h"
#include "vt-test-utils.h"

static void
product_path (cairo_t            *cr,
              const VtStudioShot *shot)
{
  const cairo_rectangle_int_t *p = &shot->product;
  double r = MIN (p->width, p->height) * 0.15;

  if (shot->shape == VT_STUDIO_BOTTLE)
    {
      cairo_save (cr);
      cairo_translate (cr, p->x + p->width / 2.0, p->y + p->height / 2.0);
      cairo_scale (cr, p->width / 2.0, p->height / 2.0);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, p->x + p->width - r, p->y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, p->x + p->width - r, p->y + p->height - r, r, 0, G_PI / 2);
  cairo_arc (cr, p->x + r, p->y + p->height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, p->x + r, p->y + r, r, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

static void
draw_paper (cairo_t            *cr,
            const VtStudioShot *shot)
{
  cairo_pattern_t *paper = cairo_pattern_create_linear (0, 0, shot->width, shot->height);
  double top = shot->paper, bottom = shot->paper - shot->gradient;

  cairo_pattern_add_color_stop_rgb (paper, 0, top, top * 0.99, top * 0.96);
  cairo_pattern_add_color_stop_rgb (paper, 1, bottom, bottom * 0.99, bottom * 0.96);
  cairo_set_source (cr, paper);
  cairo_paint (cr);
  cairo_pattern_destroy (paper);
}

/* An ellipse under the product that fades from its centre, as a diffuse
 * light leaves it. */
static void
draw_shadow (cairo_t            *cr,
             const VtStudioShot *shot)
{
  const cairo_rectangle_int_t *p = &shot->product;
  cairo_pattern_t *shadow = cairo_pattern_create_radial (0, 0, 0, 0, 0, 1);

  cairo_pattern_add_color_stop_rgba (shadow, 0, 0, 0, 0, shot->shadow);
  cairo_pattern_add_color_stop_rgba (shadow, 1, 0, 0, 0, 0);
  cairo_save (cr);
  cairo_translate (cr, p->x + p->width / 2.0, p->y + p->height);
  cairo_scale (cr, p->width * 0.6, MAX (p->height * 0.15, 4));
  cairo_set_source (cr, shadow);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (shadow);
}

static void
draw_product (cairo_t            *cr,
              const VtStudioShot *shot)
{
  const cairo_rectangle_int_t *p = &shot->product;
  double r = ((shot->colour >> 16) & 0xFF) / 255.0;
  double g = ((shot->colour >> 8) & 0xFF) / 255.0;
  double b = (shot->colour & 0xFF) / 255.0;
  cairo_pattern_t *shade = cairo_pattern_create_linear (p->x, 0, p->x + p->width, 0);

  cairo_pattern_add_color_stop_rgb (shade, 0, r * 0.97, g * 0.97, b * 0.97);
  cairo_pattern_add_color_stop_rgb (shade, 0.4, MIN (r * 1.03, 1), MIN (g * 1.03, 1), MIN (b * 1.03, 1));
  cairo_pattern_add_color_stop_rgb (shade, 1, r * 0.9, g * 0.9, b * 0.9);
  product_path (cr, shot);
  cairo_set_source (cr, shade);
  cairo_fill (cr);
  cairo_pattern_destroy (shade);

  if (shot->shape == VT_STUDIO_BOX)
    {
      /* a white label, which whitening must leave alone */
      cairo_rectangle (cr, p->x + p->width * 0.3, p->y + p->height * 0.35,
                       p->width * 0.4, p->height * 0.3);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
    }
}

/* Specks on a grid clear of the product, so no row or column gets two. */
static void
draw_dust (cairo_t            *cr,
           const VtStudioShot *shot)
{
  const cairo_rectangle_int_t *p = &shot->product;

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  for (int i = 0; i < shot->dust; i++)
    {
      int x = (i * 97 + 13) % shot->width, y = (i * 61 + 7) % shot->height;

      if (x >= p->x - 20 && x < p->x + p->width + 20 && y >= p->y - 20 && y < p->y + p->height + 20)
        continue;
      cairo_rectangle (cr, x, y, 1, 1);
      cairo_fill (cr);
    }
}

static double
gaussian (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1), v = g_rand_double (rand);
  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

static void
add_noise (cairo_surface_t *surface,
           double           sigma,
           guint32          seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      for (int k = 0; k < 3; k++)
        {
          guint8 *v = data + (gsize) y * stride + 4 * x + k;
          long noisy = lround (*v + sigma * gaussian (rand));

          *v = (guint8) CLAMP (noisy, 0, 255);
        }
  cairo_surface_mark_dirty (surface);
}

/* Grain: each 3 × 3 cell of paper lighter or darker by the same amount in
 * every channel. Drawn before the product, so only the paper has it. */
static void
add_grain (cairo_surface_t *surface,
           double           sigma,
           guint32          seed)
{
  enum { CELL = 3 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5EED);
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int cw = (w + CELL - 1) / CELL;
  g_autofree int *cells = g_new (int, cw);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    {
      if (y % CELL == 0)
        for (int c = 0; c < cw; c++)
          cells[c] = (int) lround (sigma * gaussian (rand));
      for (int x = 0; x < w; x++)
        for (int k = 0; k < 3; k++)
          {
            guint8 *v = data + (gsize) y * stride + 4 * x + k;
            *v = (guint8) CLAMP (*v + cells[x / CELL], 0, 255);
          }
    }
  cairo_surface_mark_dirty (surface);
}

/**
 * vt_studio_render:
 * @coverage: (out) (optional): the product's coverage, an A8 surface
 */
cairo_surface_t *
vt_studio_render (const VtStudioShot *shot,
                  cairo_surface_t   **coverage)
{
  cairo_surface_t *surface = vt_image_new (shot->width, shot->height, NULL);
  cairo_t *cr = cairo_create (surface);

  draw_paper (cr, shot);
  if (shot->grain > 0)
    add_grain (surface, shot->grain, shot->seed);
  if (shot->shadow > 0)
    draw_shadow (cr, shot);
  draw_product (cr, shot);
  draw_dust (cr, shot);
  cairo_destroy (cr);
  if (shot->noise > 0)
    add_noise (surface, shot->noise, shot->seed);

  if (coverage != NULL)
    {
      *coverage = cairo_image_surface_create (CAIRO_FORMAT_A8, shot->width, shot->height);
      cr = cairo_create (*coverage);
      product_path (cr, shot);
      cairo_fill (cr);
      cairo_destroy (cr);
      cairo_surface_flush (*coverage);
    }
  return surface;
}

static guint8
coverage_at (cairo_surface_t *coverage,
             int              x,
             int              y)
{
  int w = cairo_image_surface_get_width (coverage), h = cairo_image_surface_get_height (coverage);

  if (x < 0 || y < 0 || x >= w || y >= h)
    return 0;
  return cairo_image_surface_get_data (coverage)[(gsize) y * cairo_image_surface_get_stride (coverage) + x];
}

/* Whether every pixel within @margin of (x, y) has coverage @value. */
static gboolean
all_around (cairo_surface_t *coverage,
            int              x,
            int              y,
            int              margin,
            guint8           value)
{
  for (int j = y - margin; j <= y + margin; j++)
    for (int i = x - margin; i <= x + margin; i++)
      if (coverage_at (coverage, i, j) != value)
        return FALSE;
  return TRUE;
}

/* Whether every pixel within @margin of (x, y) is wholly product. */
gboolean
vt_studio_is_inside (cairo_surface_t *coverage,
                     int              x,
                     int              y,
                     int              margin)
{
  return all_around (coverage, x, y, margin, 255);
}

/* Whether no pixel within @margin of (x, y) is any product. */
gboolean
vt_studio_is_outside (cairo_surface_t *coverage,
                      int              x,
                      int              y,
                      int              margin)
{
  return all_around (coverage, x, y, margin, 0);
}

/* A 2600 × 2000 shot in @path as JPEG q90: a tall product of @shape and
 * @colour, further right the larger @seed is. */
void
vt_studio_write_shot (const char    *path,
                      guint32        seed,
                      guint32        colour,
                      VtStudioShape  shape)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (2600, 2000);
  g_autoptr(cairo_surface_t) photo = NULL;

  shot.seed = seed;
  shot.colour = colour;
  shot.shape = shape;
  shot.product = (cairo_rectangle_int_t) { 300 + 200 * seed, 100, 1300, 1800 };
  photo = vt_studio_render (&shot, NULL);
  vt_test_write_jpeg (photo, 90, path);
}
