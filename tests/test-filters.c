/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-filters.c: sharpen, Gaussian blur and unsharp mask against Pillow */
#include "config.h"

#include "vt-test-utils.h"

static cairo_surface_t *
flat (int w, int h, guint32 rgb)
{
  cairo_surface_t *s = vt_image_new (w, h, NULL);
  guint8 *data = cairo_image_surface_get_data (s);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      ((guint32 *) (data + y * cairo_image_surface_get_stride (s)))[x] = 0xFF000000 | rgb;
  cairo_surface_mark_dirty (s);
  return s;
}

static void
set_pixel (cairo_surface_t *s, int x, int y, guint32 rgb)
{
  guint8 *data = cairo_image_surface_get_data (s);
  ((guint32 *) (data + y * cairo_image_surface_get_stride (s)))[x] = 0xFF000000 | rgb;
}

static void
test_sharpen_pillow (void)
{
  g_autoptr(cairo_surface_t) img = vt_test_load_fixture ("pattern.png");
  g_autoptr(cairo_surface_t) expected = vt_test_load_fixture ("pattern-sharpen.png");

  vt_filters_sharpen (img);
  g_assert_cmpint (vt_test_max_diff (img, expected), ==, 0);
}

/* A lone bright pixel on grey 100: centre (32·200 − 2·8·100)/16 = 300 → 255,
 * neighbours (32·100 − 2·(7·100 + 200))/16 = 87.5 → 88 (Pillow rounds). */
static void
test_sharpen_known_pixels (void)
{
  g_autoptr(cairo_surface_t) img = flat (5, 5, 0x646464);

  set_pixel (img, 2, 2, 0xC8C8C8);
  cairo_surface_mark_dirty (img);
  vt_filters_sharpen (img);
  vt_assert_rgb (img, 2, 2, 255, 255, 255, 0);
  vt_assert_rgb (img, 1, 2, 88, 88, 88, 0);
  vt_assert_rgb (img, 3, 3, 88, 88, 88, 0);
  /* the border is left alone, as Pillow does */
  vt_assert_rgb (img, 0, 0, 100, 100, 100, 0);
}

static void
test_flat_stays_flat (void)
{
  g_autoptr(cairo_surface_t) img = flat (32, 32, 0x7F4020);

  vt_filters_sharpen (img);
  vt_filters_unsharp_mask (img, 2.0, 150, 3);
  for (int y = 0; y < 32; y += 7)
    for (int x = 0; x < 32; x += 7)
      vt_assert_rgb (img, x, y, 0x7F, 0x40, 0x20, 0);
}

static void
test_blur_pillow (void)
{
  g_autoptr(cairo_surface_t) img = vt_test_load_fixture ("pattern.png");
  g_autoptr(cairo_surface_t) expected = vt_test_load_fixture ("pattern-blur.png");

  vt_filters_gaussian_blur (img, 2.0);
  g_assert_cmpint (vt_test_max_diff (img, expected), <=, 1);
}

static void
test_unsharp_pillow (void)
{
  g_autoptr(cairo_surface_t) img = vt_test_load_fixture ("pattern.png");
  g_autoptr(cairo_surface_t) expected = vt_test_load_fixture ("pattern-unsharp.png");

  vt_filters_unsharp_mask (img, 2.0, 150, 3);
  g_assert_cmpint (vt_test_max_diff (img, expected), <=, 1);
}

/* Below the threshold nothing changes, however strong the amount. */
static void
test_unsharp_threshold (void)
{
  g_autoptr(cairo_surface_t) img = flat (16, 16, 0x646464);

  set_pixel (img, 8, 8, 0x666666);
  cairo_surface_mark_dirty (img);
  vt_filters_unsharp_mask (img, 2.0, 500, 3);
  vt_assert_rgb (img, 8, 8, 0x66, 0x66, 0x66, 0);
  vt_assert_rgb (img, 7, 8, 0x64, 0x64, 0x64, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/filters/sharpen-pillow", test_sharpen_pillow);
  g_test_add_func ("/filters/sharpen-known-pixels", test_sharpen_known_pixels);
  g_test_add_func ("/filters/flat-stays-flat", test_flat_stays_flat);
  g_test_add_func ("/filters/blur-pillow", test_blur_pillow);
  g_test_add_func ("/filters/unsharp-pillow", test_unsharp_pillow);
  g_test_add_func ("/filters/unsharp-threshold", test_unsharp_threshold);
  return g_test_run ();
}
