/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-watermark.c: the mark changes its corner and nothing else */
#include "config.h"

#include "vt-test-utils.h"

static cairo_surface_t *
grey (int w, int h)
{
  cairo_surface_t *s = vt_image_new (w, h, NULL);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  cairo_destroy (cr);
  return s;
}

static guint
count_changed (cairo_surface_t *a, cairo_surface_t *b, int x0, int y0, int x1, int y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += vt_test_pixel (a, x, y) != vt_test_pixel (b, x, y);
  return n;
}

static void
check_corner (VtWatermarkPosition position, gboolean right, gboolean bottom)
{
  g_autoptr(VtWatermark) mark = vt_watermark_new ("© Mi Tienda", 0.6, 0.06, position);
  g_autoptr(cairo_surface_t) before = grey (400, 300);
  g_autoptr(cairo_surface_t) after = grey (400, 300);
  int cx = right ? 200 : 0, cy = bottom ? 150 : 0;

  vt_watermark_apply (mark, after, NULL);
  /* Something is drawn in the chosen quarter… */
  g_assert_cmpuint (count_changed (before, after, cx, cy, cx + 200, cy + 150), >, 100);
  /* …and nothing anywhere else. */
  g_assert_cmpuint (count_changed (before, after, 0, 0, 400, 300), ==,
                    count_changed (before, after, cx, cy, cx + 200, cy + 150));
}

static void
test_corners (void)
{
  check_corner (VT_WATERMARK_BOTTOM_RIGHT, TRUE, TRUE);
  check_corner (VT_WATERMARK_BOTTOM_LEFT, FALSE, TRUE);
  check_corner (VT_WATERMARK_TOP_RIGHT, TRUE, FALSE);
  check_corner (VT_WATERMARK_TOP_LEFT, FALSE, FALSE);
}

/* Rendered once per size and reused: two photos of one size get the very
 * same pixels. */
static void
test_identical_per_size (void)
{
  g_autoptr(VtWatermark) mark = vt_watermark_new ("Vitrina", 0.5, 0.08, VT_WATERMARK_CENTER);
  g_autoptr(cairo_surface_t) a = grey (320, 240);
  g_autoptr(cairo_surface_t) b = grey (320, 240);
  g_autoptr(cairo_surface_t) plain = grey (320, 240);

  vt_watermark_apply (mark, a, NULL);
  vt_watermark_apply (mark, b, NULL);
  g_assert_cmpint (vt_test_max_diff (a, b), ==, 0);
  g_assert_cmpuint (count_changed (a, plain, 0, 0, 320, 240), >, 100);
}

static void
test_zero_opacity_is_noop (void)
{
  g_autoptr(VtWatermark) mark = vt_watermark_new ("Vitrina", 0.0, 0.08, VT_WATERMARK_CENTER);
  g_autoptr(cairo_surface_t) a = grey (100, 80);
  g_autoptr(cairo_surface_t) b = grey (100, 80);

  vt_watermark_apply (mark, a, NULL);
  g_assert_cmpint (vt_test_max_diff (a, b), ==, 0);
}

static const VtTestCase tests[] = {
  { "/watermark/corners", test_corners },
  { "/watermark/identical-per-size", test_identical_per_size },
  { "/watermark/zero-opacity", test_zero_opacity_is_noop },
};

VT_TEST_MAIN (tests)
