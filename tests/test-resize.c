/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-resize.c: fit geometry and Lanczos resampling against Pillow */
#include "config.h"

#include "vt-fit.h"
#include "vt-test-utils.h"

static void
assert_fit (int w, int h, int bw, int bh, int ew, int eh)
{
  int ow, oh;

  vt_resize_fit_size (w, h, bw, bh, &ow, &oh);
  g_assert_cmpint (ow, ==, ew);
  g_assert_cmpint (oh, ==, eh);
}

/* Expected sizes are what Pillow 9.4's Image.thumbnail() gives. */
static void
test_fit_geometry (void)
{
  assert_fit (800, 600, 150, 150, 150, 113);
  assert_fit (800, 600, 500, 500, 500, 375);
  assert_fit (600, 800, 150, 150, 112, 150);
  assert_fit (4000, 3000, 1200, 1200, 1200, 900);
  assert_fit (640, 427, 500, 500, 500, 334);
  assert_fit (1001, 999, 150, 150, 150, 150);
  assert_fit (3, 2000, 150, 150, 1, 150);
  assert_fit (2000, 3, 150, 150, 150, 1);
}

static void
test_fit_never_enlarges (void)
{
  assert_fit (800, 600, 1200, 1200, 800, 600);
  assert_fit (1, 1, 150, 150, 1, 1);
  assert_fit (150, 150, 150, 150, 150, 150);
}

static void
compare_with_pillow (const char *expected_name,
                     int         width,
                     int         height)
{
  g_autoptr(cairo_surface_t) src = vt_test_load_fixture ("pattern.png");
  g_autoptr(cairo_surface_t) expected = vt_test_load_fixture (expected_name);
  g_autoptr(cairo_surface_t) out = NULL;
  g_autoptr(GError) error = NULL;

  out = vt_resize_surface (src, width, height, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (out), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (out), ==, height);
  /* Same kernel and fixed-point rounding as Pillow: the same pixels. */
  g_assert_cmpint (vt_test_max_diff (out, expected), ==, 0);
}

static void
test_lanczos_down (void)
{
  compare_with_pillow ("pattern-resize-down.png", 37, 25);
}

static void
test_lanczos_up (void)
{
  compare_with_pillow ("pattern-resize-up.png", 150, 100);
}

/* One-pixel stripes shrunk by 3.1: an antialiased filter gives flat grey,
 * point sampling would give black and white bands. */
static void
test_antialiasing (void)
{
  g_autoptr(cairo_surface_t) src = vt_test_load_fixture ("stripes.png");
  g_autoptr(cairo_surface_t) expected = vt_test_load_fixture ("stripes-resize.png");
  g_autoptr(cairo_surface_t) out = vt_resize_surface (src, 97, 19, NULL, NULL);

  for (int x = 3; x < 94; x++)
    {
      guint32 p = vt_test_pixel (out, x, 9);
      g_assert_cmpint (ABS ((int) (p & 0xFF) - 128), <=, 12);
    }
  g_assert_cmpint (vt_test_max_diff (out, expected), ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(cairo_surface_t) src = vt_test_load_fixture ("pattern.png");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *out;

  g_cancellable_cancel (cancellable);
  out = vt_resize_surface (src, 40, 30, cancellable, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The AVX2 resampler gives the C loop's bytes (which the Pillow fixtures
 * pin down) on noise: shrinking with and without a box step first, and
 * enlarging, at widths that leave each tail of its 32- and 16-byte steps. */
static void
test_simd_same_as_c (void)
{
  const int sizes[][4] = { { 97, 61, 40, 25 }, { 300, 200, 37, 25 }, { 64, 48, 101, 77 },
                           { 133, 90, 132, 89 }, { 41, 300, 13, 95 } };
  gboolean simd_was_on = g_getenv ("VITRINA_NO_SIMD") == NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(cairo_surface_t) photo = vt_test_noise (sizes[i][0], sizes[i][1], i);
      g_autoptr(cairo_surface_t) simd = NULL;
      g_autoptr(cairo_surface_t) plain = NULL;

      vt_test_set_simd (TRUE);
      simd = vt_resize_surface (photo, sizes[i][2], sizes[i][3], NULL, NULL);
      vt_test_set_simd (FALSE);
      plain = vt_resize_surface (photo, sizes[i][2], sizes[i][3], NULL, NULL);
      g_assert_cmpint (vt_test_max_diff (simd, plain), ==, 0);
    }
  vt_test_set_simd (simd_was_on);
}

static const VtTestCase tests[] = {
  { "/resize/fit-geometry", test_fit_geometry },
  { "/resize/never-enlarges", test_fit_never_enlarges },
  { "/resize/lanczos-down", test_lanczos_down },
  { "/resize/lanczos-up", test_lanczos_up },
  { "/resize/antialiasing", test_antialiasing },
  { "/resize/cancelled", test_cancelled },
  { "/resize/simd-same-as-c", test_simd_same_as_c },
};

VT_TEST_MAIN (tests)
