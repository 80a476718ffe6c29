/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pipeline.c: one photo through the recipe, against Pillow's pixels */
#include "config.h"

#include <libexif/exif-data.h>

#include "vt-test-utils.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExifData, exif_data_unref)

/* Seed 000's recipe without the watermark (drawn by another text engine):
 * thumbnail() with LANCZOS, SHARPEN, UnsharpMask(2, 150, 3). Same decoder,
 * same kernels, same rounding, same order of passes: the same pixels. */
static void
test_identical_to_pillow (void)
{
  g_autofree char *input = vt_test_fixture_path ("shop-input.jpg");
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtPipeline) pipeline = NULL;
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "shop-thumbnail.png", "shop-medium.png" };

  g_assert_true (vt_recipe_set_sizes (recipe, "thumbnail=150x150,medium=400x400", NULL));
  g_object_set (recipe, "watermark", FALSE, NULL);
  pipeline = vt_pipeline_new (recipe);
  photo = vt_pipeline_load (pipeline, input, NULL, &error);
  g_assert_no_error (error);

  for (guint v = 0; v < 2; v++)
    {
      g_autoptr(cairo_surface_t) ours = vt_pipeline_render (pipeline, photo, v, NULL, NULL, &error);
      g_autoptr(cairo_surface_t) pillow = vt_test_load_fixture (expected[v]);

      g_assert_no_error (error);
      g_assert_cmpint (vt_test_max_diff (ours, pillow), ==, 0);
    }
}

/* Switching a step off leaves it out, and only it. */
static void
test_steps_switch_off (void)
{
  g_autofree char *input = vt_test_fixture_path ("shop-input.jpg");
  g_autoptr(VtRecipe) all = vt_recipe_new ();
  g_autoptr(VtRecipe) none = vt_recipe_new ();
  g_autoptr(VtPipeline) p_all = NULL, p_none = NULL;
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) a = NULL, b = NULL, resized = NULL;

  g_object_set (none, "filters", "", "watermark", FALSE, NULL);
  p_all = vt_pipeline_new (all);
  p_none = vt_pipeline_new (none);
  photo = vt_pipeline_load (p_all, input, NULL, NULL);

  a = vt_pipeline_render (p_all, photo, 1, NULL, NULL, NULL);
  b = vt_pipeline_render (p_none, photo, 1, NULL, NULL, NULL);
  resized = vt_pipeline_resize (p_none, photo, 1, NULL, NULL, NULL);
  g_assert_cmpint (vt_test_max_diff (b, resized), ==, 0);
  g_assert_cmpint (vt_test_max_diff (a, b), >, 10);
}

static VtPipeline *
pipeline_for (const char *sizes,
              const char *filters)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();

  g_assert_true (vt_recipe_set_sizes (recipe, sizes, NULL));
  g_assert_true (vt_recipe_set_filters (recipe, filters, NULL));
  g_object_set (recipe, "watermark", FALSE, NULL);
  return vt_pipeline_new (recipe);
}

static cairo_surface_t *
render_fixture (VtPipeline *pipeline,
                const char *fixture,
                guint       variant)
{
  g_autofree char *input = vt_test_fixture_path (fixture);
  g_autoptr(cairo_surface_t) photo = vt_pipeline_load (pipeline, input, NULL, NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *out = vt_pipeline_render (pipeline, photo, variant, NULL, NULL, &error);

  g_assert_no_error (error);
  return out;
}

/* Fill and pad, as ImageOps.fit and ImageOps.pad make a 96×64 photo into a
 * 40×40 square. */
static void
test_fill_and_pad_pillow (void)
{
  g_autoptr(VtPipeline) pipeline = pipeline_for ("fill=40x40:fit=fill,pad=40x40:fit=pad", "");
  g_autoptr(cairo_surface_t) fill = render_fixture (pipeline, "pattern.png", 0);
  g_autoptr(cairo_surface_t) pad = render_fixture (pipeline, "pattern.png", 1);
  g_autoptr(cairo_surface_t) pillow_fill = vt_test_load_fixture ("pattern-fill.png");
  g_autoptr(cairo_surface_t) pillow_pad = vt_test_load_fixture ("pattern-pad.png");

  int fill_diff = vt_test_max_diff (fill, pillow_fill), pad_diff = vt_test_max_diff (pad, pillow_pad);

  g_test_message ("largest difference from Pillow: fill %d, pad %d", fill_diff, pad_diff);
  g_assert_cmpint (fill_diff, <=, 1);
  g_assert_cmpint (pad_diff, <=, 1);
}

/* The padding takes the size's colour; fit inside never enlarges. */
static void
test_pad_background_and_no_enlarging (void)
{
  g_autoptr(VtPipeline) pipeline = pipeline_for ("pad=200x200:fit=pad:background=#ff0000,fit=200x200", "");
  g_autoptr(cairo_surface_t) pad = render_fixture (pipeline, "pattern.png", 0);
  g_autoptr(cairo_surface_t) fit = render_fixture (pipeline, "pattern.png", 1);

  g_assert_cmpint (vt_image_get_width (pad), ==, 200);
  g_assert_cmpint (vt_image_get_height (pad), ==, 200);
  vt_assert_rgb (pad, 100, 5, 255, 0, 0, 0);
  vt_assert_rgb (pad, 100, 194, 255, 0, 0, 0);
  g_assert_cmpint (vt_image_get_width (fit), ==, 96);
  g_assert_cmpint (vt_image_get_height (fit), ==, 64);
}

/* A size without the watermark, beside one with it. */
static void
test_watermark_per_size (void)
{
  g_autoptr(VtPipeline) pipeline = pipeline_for ("main=96x64:watermark=no,gallery=96x64", "");
  g_autoptr(cairo_surface_t) main_size = NULL, gallery = NULL;
  g_autoptr(cairo_surface_t) original = vt_test_load_fixture ("pattern.png");

  g_object_set (vt_pipeline_get_recipe (pipeline), "watermark", TRUE, "watermark-size", 0.25, NULL);
  main_size = render_fixture (pipeline, "pattern.png", 0);
  gallery = render_fixture (pipeline, "pattern.png", 1);
  g_assert_cmpint (vt_test_max_diff (main_size, original), ==, 0);
  g_assert_cmpint (vt_test_max_diff (gallery, original), >, 30);
}

/* max-kb: the highest quality that fits, found by re-encoding only. */
static void
test_size_budget (void)
{
  g_autoptr(VtPipeline) pipeline = pipeline_for ("a=640x480:max-kb=25", "");
  g_autoptr(cairo_surface_t) out = render_fixture (pipeline, "shop-input.jpg", 0);
  g_autoptr(GBytes) jpeg = NULL, above = NULL;
  gboolean over = TRUE;
  int quality = 0;

  jpeg = vt_pipeline_encode (pipeline, out, 0, VT_FORMAT_JPEG, NULL, &quality, &over, NULL);
  g_assert_false (over);
  g_assert_cmpint (quality, <, 85);
  g_assert_cmpuint (g_bytes_get_size (jpeg), <=, 25000);
  above = vt_codec_jpeg_encode (out, quality + 1, FALSE, NULL, NULL);
  g_assert_cmpuint (g_bytes_get_size (above), >, 25000);

  /* a budget no quality meets is said so, and the smallest file kept */
  g_assert_true (vt_recipe_set_sizes (vt_pipeline_get_recipe (pipeline), "a=640x480:max-kb=1", NULL));
  g_clear_pointer (&jpeg, g_bytes_unref);
  jpeg = vt_pipeline_encode (pipeline, out, 0, VT_FORMAT_JPEG, NULL, &quality, &over, NULL);
  g_assert_true (over);
  g_assert_cmpint (quality, ==, 1);
}

static ExifData *
exif_of (VtMetadata policy)
{
  g_autoptr(VtRecipe) recipe = g_object_new (VT_TYPE_RECIPE, "metadata", policy, NULL);
  g_autoptr(VtPipeline) pipeline = vt_pipeline_new (recipe);
  g_autofree char *input = vt_test_fixture_path ("exif-gps.jpg");
  g_autoptr(cairo_surface_t) photo = NULL, out = NULL;
  g_autoptr(GBytes) exif = NULL, jpeg = NULL;
  ExifData *ed;

  photo = vt_pipeline_load (pipeline, input, NULL, NULL);
  out = vt_pipeline_render (pipeline, photo, 0, NULL, NULL, NULL);
  exif = vt_pipeline_get_exif (pipeline, photo);
  jpeg = vt_pipeline_encode (pipeline, out, 0, VT_FORMAT_JPEG, exif, NULL, NULL, NULL);
  ed = exif_data_new_from_data (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  return ed;
}

/* The policies, on a photo with a camera, an author, a copyright and GPS. */
static void
test_metadata_policies (void)
{
  const struct {
    VtMetadata policy;
    gboolean   make, artist, copyright, gps;
  } cases[] = {
    { VT_METADATA_NONE, FALSE, FALSE, FALSE, FALSE },
    { VT_METADATA_COPYRIGHT, FALSE, TRUE, TRUE, FALSE },
    { VT_METADATA_ALL, TRUE, TRUE, TRUE, FALSE },
    { VT_METADATA_ALL_WITH_GPS, TRUE, TRUE, TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ExifData) ed = exif_of (cases[i].policy);

      g_assert_cmpint (exif_data_get_entry (ed, EXIF_TAG_MAKE) != NULL, ==, cases[i].make);
      g_assert_cmpint (exif_data_get_entry (ed, EXIF_TAG_ARTIST) != NULL, ==, cases[i].artist);
      g_assert_cmpint (exif_data_get_entry (ed, EXIF_TAG_COPYRIGHT) != NULL, ==, cases[i].copyright);
      g_assert_cmpint (exif_data_get_entry (ed, EXIF_TAG_GPS_LATITUDE) != NULL, ==, cases[i].gps);
    }
}

/* A filter before resizing sees the photo at full size: a blur of 4 pixels
 * there is a much lighter one on the thumbnail. */
static void
test_filter_before_resizing (void)
{
  g_autoptr(VtPipeline) before = pipeline_for ("a=48x32", "gaussian:radius=4,stage=before");
  g_autoptr(VtPipeline) after = pipeline_for ("a=48x32", "gaussian:radius=4");
  g_autoptr(VtPipeline) none = pipeline_for ("a=48x32", "");
  g_autoptr(cairo_surface_t) b = render_fixture (before, "pattern.png", 0);
  g_autoptr(cairo_surface_t) a = render_fixture (after, "pattern.png", 0);
  g_autoptr(cairo_surface_t) n = render_fixture (none, "pattern.png", 0);

  g_assert_cmpint (vt_test_max_diff (b, n), <, vt_test_max_diff (a, n));
  g_assert_cmpint (vt_test_max_diff (b, n), >, 0);
}

static const VtTestCase tests[] = {
  { "/pipeline/identical-to-pillow", test_identical_to_pillow },
  { "/pipeline/steps-switch-off", test_steps_switch_off },
  { "/pipeline/fill-and-pad-pillow", test_fill_and_pad_pillow },
  { "/pipeline/pad-background-and-no-enlarging", test_pad_background_and_no_enlarging },
  { "/pipeline/watermark-per-size", test_watermark_per_size },
  { "/pipeline/size-budget", test_size_budget },
  { "/pipeline/metadata-policies", test_metadata_policies },
  { "/pipeline/filter-before-resizing", test_filter_before_resizing },
};

VT_TEST_MAIN (tests)
