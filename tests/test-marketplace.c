/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-marketplace.c: trim, fill and whiten as size options, through the pipeline */
#include "config.h"

#include <string.h>

#include "vt-studio.h"
#include "vt-test-utils.h"

static void
test_sizes_options (void)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "main=100x100:fill=0", "main=100x100:fill=101", "main=100x100:trim=maybe",
                        "main=100x100:whiten=1", "main=100x100:trim-tolerance=0" };
  const VtVariant *v;

  g_assert_true (vt_recipe_set_sizes (recipe, "main=2000x2000:fit=pad:fill=85:whiten=yes:"
                                      "trim-tolerance=8:enlarge=yes,thumb=500x500:trim=yes", &error));
  g_assert_no_error (error);
  v = vt_recipe_get_variant (recipe, 0);
  g_assert_cmpfloat (v->fill, ==, 85);
  g_assert_true (v->whiten);
  g_assert_true (v->enlarge);
  g_assert_true (vt_variant_trims (v));
  g_assert_cmpfloat (vt_variant_get_tolerance (v), ==, 8);
  v = vt_recipe_get_variant (recipe, 1);
  g_assert_true (vt_variant_trims (v));
  g_assert_false (v->whiten);
  g_assert_cmpfloat (vt_variant_get_tolerance (v), ==, VT_TRIM_DEFAULT_TOLERANCE);
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==,
                   "main=2000x2000:fit=pad:fill=85:whiten=yes:trim-tolerance=8:enlarge=yes,"
                   "thumb=500x500:trim=yes");

  /* what --whiten and --trim-tolerance do */
  g_assert_true (vt_recipe_set_variant_option (recipe, "whiten", "yes", NULL));
  g_assert_true (vt_recipe_get_variant (recipe, 1)->whiten);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (vt_recipe_set_sizes (recipe, bad[i], &error));
      g_assert_nonnull (strstr (error->message, "fill=1…100"));
      g_clear_error (&error);
    }
}

static VtPipeline *
pipeline_for (const char *sizes)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();

  g_assert_true (vt_recipe_set_sizes (recipe, sizes, NULL));
  g_assert_true (vt_recipe_set_filters (recipe, "", NULL));
  g_object_set (recipe, "watermark", FALSE, NULL);
  return vt_pipeline_new (recipe);
}

/* A studio shot through a size that whitens and fills: the result as a
 * marketplace measures it. */
static void
test_render_fill_whiten (void)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (1600, 1200);
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) out = NULL;
  g_autoptr(VtPipeline) pipeline = pipeline_for ("main=800x800:fit=pad:fill=85:whiten=yes");
  g_autoptr(GError) error = NULL;
  VtTrim trim;

  shot.product = (cairo_rectangle_int_t) { 900, 200, 600, 800 };
  photo = vt_studio_render (&shot, NULL);
  out = vt_pipeline_render (pipeline, photo, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vt_image_get_width (out), ==, 800);
  g_assert_cmpint (vt_image_get_height (out), ==, 800);

  for (int k = 0; k < 800; k++)
    {
      g_assert_cmphex (vt_test_pixel (out, k, 0), ==, 0xFFFFFF);
      g_assert_cmphex (vt_test_pixel (out, k, 799), ==, 0xFFFFFF);
      g_assert_cmphex (vt_test_pixel (out, 0, k), ==, 0xFFFFFF);
      g_assert_cmphex (vt_test_pixel (out, 799, k), ==, 0xFFFFFF);
    }
  g_assert_true (vt_trim_find (out, VT_TRIM_DEFAULT_TOLERANCE, &trim));
  g_assert_cmpfloat (ABS (trim.box.height / 8.0 - 85), <=, 1.0);
  g_assert_cmpint (ABS (trim.box.x + trim.box.width / 2 - 400), <=, 2);
  g_assert_cmpint (ABS (trim.box.y + trim.box.height / 2 - 400), <=, 2);
  /* the paper in the product's box, at its rounded corners, is white too */
  g_assert_cmphex (vt_test_pixel (out, trim.box.x + 3, trim.box.y + 3), ==, 0xFFFFFF);
  g_assert_cmphex (vt_test_pixel (out, trim.box.x + trim.box.width - 4, trim.box.y + trim.box.height - 4),
                   ==, 0xFFFFFF);
  /* the photo itself is left as it was */
  g_assert_cmphex (vt_test_pixel (photo, 0, 0), !=, 0xFFFFFF);
}

/* trim=yes alone: cut to the product, then the size's usual fit. */
static void
test_render_trim_only (void)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (1200, 900);
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) out = NULL;
  g_autoptr(VtPipeline) pipeline = pipeline_for ("cut=400x400:trim=yes");

  shot.product = (cairo_rectangle_int_t) { 100, 300, 600, 300 };
  shot.noise = 1.0;
  photo = vt_studio_render (&shot, NULL);
  out = vt_pipeline_render (pipeline, photo, 0, NULL, NULL, NULL);
  g_assert_cmpint (vt_image_get_width (out), ==, 400);
  g_assert_cmpint (ABS (vt_image_get_height (out) - 200), <=, 2);
}

/* Sizes that trim decode the photo whole: the product's own pixels, not
 * a shrunk photo's, decide whether it fills its share. */
static void
test_trim_decodes_full_size (void)
{
  g_autoptr(VtPipeline) plain = pipeline_for ("main=500x500:fit=pad");
  g_autoptr(VtPipeline) trims = pipeline_for ("main=500x500:fit=pad:fill=85");

  g_assert_cmpint (vt_pipeline_get_load_hints (plain)->box_width, ==, 500);
  g_assert_cmpint (vt_pipeline_get_load_hints (trims)->box_width, ==, 0);
}

/* A white product on white paper: left as it was, not eaten. */
static void
test_render_white_product (void)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (800, 600);
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) whitened = NULL;
  g_autoptr(cairo_surface_t) plain = NULL;
  g_autoptr(VtPipeline) a = pipeline_for ("main=400x300:whiten=yes");
  g_autoptr(VtPipeline) b = pipeline_for ("main=400x300");

  shot.colour = 0xFBFBF8;
  photo = vt_studio_render (&shot, NULL);
  whitened = vt_pipeline_render (a, photo, 0, NULL, NULL, NULL);
  plain = vt_pipeline_render (b, photo, 0, NULL, NULL, NULL);
  g_assert_cmpint (vt_test_max_diff (whitened, plain), ==, 0);
}

/* Grainy paper (3 levels, in cells as coarse as its fibres) beside a soft
 * shadow, with a product of @colour. */
static cairo_surface_t *
grainy_shot (guint             seed,
             guint32           colour,
             cairo_surface_t **coverage)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (640, 480);

  shot.seed = seed;
  shot.grain = 3.0;
  shot.noise = 1.0;
  shot.shadow = 0.12;
  shot.shape = seed == 2 ? VT_STUDIO_BOTTLE : VT_STUDIO_BOX;
  shot.colour = colour;
  return vt_studio_render (&shot, coverage);
}

/* The shadow's ramp plus the grain is paper, not a swallowed edge: the
 * backdrop turns white and the product stays as it was; a white product
 * on the same paper is still left alone. */
static void
test_whiten_grainy_shadow (void)
{
  for (guint seed = 1; seed <= 3; seed++)
    {
      g_autoptr(cairo_surface_t) coverage = NULL;
      g_autoptr(cairo_surface_t) photo = grainy_shot (seed, 0x3A5F8C, &coverage);
      g_autoptr(cairo_surface_t) before = vt_image_copy (photo);
      g_autoptr(cairo_surface_t) white = grainy_shot (seed, 0xFBFBF8, NULL);
      int w = vt_image_get_width (photo), h = vt_image_get_height (photo), changed = 0, grey = 0;

      g_test_message ("seed %u", seed);
      g_assert_cmpint (vt_whiten (photo, VT_TRIM_DEFAULT_TOLERANCE), ==, VT_WHITEN_DONE);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            if (vt_studio_is_inside (coverage, x, y, 2))
              changed += vt_test_pixel (photo, x, y) != vt_test_pixel (before, x, y);
            else if ((x == 0 || y == 0 || x == w - 1 || y == h - 1) &&
                     vt_studio_is_outside (coverage, x, y, 1))
              grey += (vt_test_pixel (photo, x, y) & 0xFFFFFF) != 0xFFFFFF;
          }
      g_assert_cmpint (grey, ==, 0);
      g_assert_cmpint (changed, ==, 0);
      g_assert_cmpint (vt_whiten (white, VT_TRIM_DEFAULT_TOLERANCE), ==, VT_WHITEN_LOW_CONTRAST);
    }
}

static const VtTestCase tests[] = {
  { "/marketplace/sizes-options", test_sizes_options },
  { "/marketplace/render-fill-whiten", test_render_fill_whiten },
  { "/marketplace/render-trim-only", test_render_trim_only },
  { "/marketplace/trim-decodes-full-size", test_trim_decodes_full_size },
  { "/marketplace/render-white-product", test_render_white_product },
  { "/marketplace/whiten-grainy-shadow", test_whiten_grainy_shadow },
};

VT_TEST_MAIN (tests)
