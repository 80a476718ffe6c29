/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pipeline.c: one photo through the recipe, against Pillow's pixels */
#include "config.h"

#include "vt-test-utils.h"

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pipeline/identical-to-pillow", test_identical_to_pillow);
  g_test_add_func ("/pipeline/steps-switch-off", test_steps_switch_off);
  return g_test_run ();
}
