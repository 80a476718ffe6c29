/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-filters.c: the filters against Pillow's of the same name */
#include "config.h"

#include <string.h>

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
  g_assert_cmpint (vt_test_max_diff (img, expected), ==, 0);
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

/* A chain, as recipes write it, and what Pillow makes of the pattern with
 * the same filters (tests/fixtures/make-fixtures.py). */
typedef struct {
  const char *chain;
  const char *expected;
  int         tolerance;  /* in levels of 255 */
} ChainCase;

static const ChainCase chain_cases[] = {
  { "sharpen", "pattern-sharpen.png", 0 },
  { "unsharp:radius=2,percent=150,threshold=3", "pattern-unsharp.png", 0 },
  { "gaussian:radius=2", "pattern-blur.png", 0 },
  { "gaussian:radius=5", "pattern-gaussian-5.png", 0 },
  { "box-blur:radius=2", "pattern-box-blur.png", 0 },
  { "brightness:factor=1.3", "pattern-brightness.png", 1 },
  { "contrast:factor=1.5", "pattern-contrast.png", 1 },
  { "saturation:factor=0.4", "pattern-saturation.png", 1 },
  { "auto-contrast:cutoff=2", "pattern-auto-contrast.png", 1 },
  { "edge-enhance", "pattern-edge-enhance.png", 1 },
  { "edge-enhance-more", "pattern-edge-enhance-more.png", 1 },
  { "invert", "pattern-invert.png", 0 },
  { "greyscale", "pattern-greyscale.png", 1 },
  /* seed 001, six steps whose rounding could add up */
  { "gaussian:radius=10;contrast:factor=1.5;edge-enhance-more;invert;gaussian:radius=5;"
    "lanczos-round-trip:factor=2", "pattern-effects.png", 2 },
};

static void
test_chain_pillow (gconstpointer data)
{
  const ChainCase *c = data;
  g_autoptr(cairo_surface_t) img = vt_test_load_fixture ("pattern.png");
  g_autoptr(cairo_surface_t) expected = vt_test_load_fixture (c->expected);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) chain = vt_filter_chain_parse (c->chain, &error);
  int diff;

  g_assert_no_error (error);
  for (guint i = 0; i < chain->len; i++)
    vt_filter_apply (&g_array_index (chain, VtFilter, i), img, 1.0);
  diff = vt_test_max_diff (img, expected);
  g_test_message ("%s: largest difference from Pillow %d", c->chain, diff);
  g_assert_cmpint (diff, <=, c->tolerance);
}

/* The text form: defaults filled in, order and stage kept, errors named. */
static void
test_chain_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) chain = vt_filter_chain_parse (" invert ; unsharp:percent=80,stage=before;", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = vt_filter_chain_to_string (chain);
  g_assert_cmpstr (text, ==, "invert;unsharp:radius=2,percent=80,threshold=3,stage=before");

  g_assert_null (vt_filter_chain_parse ("sharpen;blurry", &error));
  g_assert_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“blurry”"));
  g_clear_error (&error);
  g_assert_null (vt_filter_chain_parse ("gaussian:radius=-3", &error));
  g_assert_nonnull (strstr (error->message, "radius"));
  g_clear_error (&error);
  g_assert_null (vt_filter_chain_parse ("contrast:amount=2", &error));
  g_assert_nonnull (strstr (error->message, "amount"));
}

/* A size's sharpening strength: 0 leaves the photo alone, 1 is the filter
 * as written, and 2 sharpens more than 1. */
static void
test_sharpen_strength (void)
{
  g_autoptr(cairo_surface_t) none = vt_test_load_fixture ("pattern.png");
  g_autoptr(cairo_surface_t) once = vt_test_load_fixture ("pattern.png");
  g_autoptr(cairo_surface_t) twice = vt_test_load_fixture ("pattern.png");
  g_autoptr(cairo_surface_t) original = vt_test_load_fixture ("pattern.png");
  g_autoptr(cairo_surface_t) expected = vt_test_load_fixture ("pattern-sharpen.png");
  VtFilter sharpen;

  vt_filter_init (&sharpen, VT_FILTER_SHARPEN);
  vt_filter_apply (&sharpen, none, 0.0);
  vt_filter_apply (&sharpen, once, 1.0);
  vt_filter_apply (&sharpen, twice, 2.0);
  g_assert_cmpint (vt_test_max_diff (none, original), ==, 0);
  g_assert_cmpint (vt_test_max_diff (once, expected), ==, 0);
  g_assert_cmpint (vt_test_max_diff (twice, original), >, vt_test_max_diff (once, original));
}

static cairo_surface_t *
filtered (const char *chain_text, int w, int h, gboolean simd)
{
  g_autoptr(GArray) chain = vt_filter_chain_parse (chain_text, NULL);
  cairo_surface_t *img = vt_test_noise (w, h, 7);

  vt_test_set_simd (simd);
  for (guint i = 0; i < chain->len; i++)
    vt_filter_apply (&g_array_index (chain, VtFilter, i), img, 1.0);
  return img;
}

/* The AVX2 loops give the bytes the C loops give, which the Pillow
 * fixtures pin down, on noise that reaches every byte pair, at widths
 * that leave every possible tail. The blurs are boxes of radius 0 to 3
 * (the AVX2 loop has a case for each of 0, 1 and 2). */
static void
test_simd_same_as_c (void)
{
  const char *chains[] = { "sharpen", "unsharp:radius=2,percent=150,threshold=3",
                           "unsharp:radius=1,percent=500,threshold=0", "gaussian:radius=3",
                           "gaussian:radius=4", "box-blur:radius=3" };
  gboolean simd_was_on = g_getenv ("VITRINA_NO_SIMD") == NULL;

  for (guint c = 0; c < G_N_ELEMENTS (chains); c++)
    for (int w = 3; w <= 21; w += 3)
      {
        g_autoptr(cairo_surface_t) simd = filtered (chains[c], 40 + w, 23, TRUE);
        g_autoptr(cairo_surface_t) plain = filtered (chains[c], 40 + w, 23, FALSE);

        g_assert_cmpint (vt_test_max_diff (simd, plain), ==, 0);
      }
  vt_test_set_simd (simd_was_on);
}

int
main (int argc, char **argv)
{
  static const VtTestCase tests[] = {
    { "/filters/sharpen-pillow", test_sharpen_pillow },
    { "/filters/sharpen-known-pixels", test_sharpen_known_pixels },
    { "/filters/flat-stays-flat", test_flat_stays_flat },
    { "/filters/blur-pillow", test_blur_pillow },
    { "/filters/unsharp-pillow", test_unsharp_pillow },
    { "/filters/unsharp-threshold", test_unsharp_threshold },
    { "/filters/chain-text", test_chain_text },
    { "/filters/sharpen-strength", test_sharpen_strength },
    { "/filters/simd-same-as-c", test_simd_same_as_c },
  };

  g_test_init (&argc, &argv, NULL);
  vt_test_add_funcs (tests, G_N_ELEMENTS (tests));
  for (guint i = 0; i < G_N_ELEMENTS (chain_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/filters/pillow/%s", chain_cases[i].expected);
      g_test_add_data_func (path, &chain_cases[i], test_chain_pillow);
    }
  return g_test_run ();
}
