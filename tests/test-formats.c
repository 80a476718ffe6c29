/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-formats.c: a job writing each size in its formats, with the logo, and recipes that keep them */
#include "config.h"

#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "vt-test-utils.h"

typedef VtTestLogoFolder Fixture;

static VtJob *
run_job (Fixture  *f,
         VtRecipe *recipe)
{
  g_autoptr(GError) error = NULL;
  const char *inputs[] = { f->in, NULL };
  VtJob *job = vt_job_new (recipe, f->out);

  vt_job_add_paths (job, inputs, FALSE);
  g_assert_true (vt_job_run_sync (job, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vt_job_get_stats (job)->n_failed, ==, 0);
  return job;
}

static GdkPixbuf *
load_output (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->out, name, NULL);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  return pixbuf;
}

/* Each size in each of its formats, named with the format's extension,
 * in the order the outputs are planned. */
static void
test_every_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) job = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GdkPixbuf) png = NULL;
  g_autoptr(GdkPixbuf) jpeg = NULL;
  VtResult *result;
  const char *expected[] = {   /* as vt_test_list_files() sorts them */
    "main/product-0001.avif", "main/product-0001.jpg", "main/product-0001.webp",
    "main/product-0002.avif", "main/product-0002.jpg", "main/product-0002.webp",
    "small/product-0001.png", "small/product-0002.png",
  };

  g_assert_true (vt_recipe_set_sizes (recipe, "main=400x400:format=avif+webp+jpeg,"
                                              "small=100x100:format=png", NULL));
  g_assert_cmpuint (vt_recipe_get_n_outputs (recipe), ==, 4);
  job = run_job (f, recipe);

  files = vt_test_list_files (f->out);
  g_assert_cmpuint (files->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < files->len; i++)
    g_assert_true (g_str_has_suffix (g_ptr_array_index (files, i), expected[i]));

  result = vt_job_get_result (job, 0);
  g_assert_cmpuint (vt_result_get_n_outputs (result), ==, 4);
  g_assert_cmpint (vt_result_get_output (result, 0)->format, ==, VT_FORMAT_JPEG);
  g_assert_cmpint (vt_result_get_output (result, 1)->format, ==, VT_FORMAT_WEBP);
  g_assert_cmpint (vt_result_get_output (result, 2)->format, ==, VT_FORMAT_AVIF);
  g_assert_cmpint (vt_result_get_output (result, 3)->format, ==, VT_FORMAT_PNG);
  g_assert_true (g_str_has_suffix (vt_result_get_output (result, 2)->path, ".avif"));
  g_assert_cmpint (vt_result_get_output (result, 2)->width, ==, 400);
  g_assert_cmpint (vt_result_get_output (result, 2)->height, ==, 300);

  png = load_output (f, "small/product-0001.png");
  g_assert_cmpint (gdk_pixbuf_get_width (png), ==, 100);
  g_assert_cmpint (gdk_pixbuf_get_height (png), ==, 75);
  jpeg = load_output (f, "main/product-0001.jpg");
  g_assert_cmpint (gdk_pixbuf_get_width (jpeg), ==, 400);
}

/* --max-kb holds for WebP and AVIF as for JPEG. */
static void
test_budget_every_format (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) job = NULL;

  g_assert_true (vt_recipe_set_sizes (recipe, "main=800x800:format=jpeg+webp+avif:max-kb=12", NULL));
  g_object_set (recipe, "webp-quality", 100, "avif-quality", 100, "quality", 100, NULL);
  job = run_job (f, recipe);
  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *result = vt_job_get_result (job, i);

      for (guint j = 0; j < vt_result_get_n_outputs (result); j++)
        {
          VtOutput *o = vt_result_get_output (result, j);

          g_assert_false (o->over_budget);
          g_assert_cmpuint (o->bytes, <=, 12000);
          g_assert_cmpint (o->quality, <, 100);
          g_assert_cmpint (o->quality, >, 1);
        }
    }
}

/* The logo on the sizes that have it, in the corner asked for. */
static void
test_logo_per_size (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) job = NULL;
  g_autoptr(GdkPixbuf) with = NULL;
  g_autoptr(GdkPixbuf) without = NULL;
  const guint8 *p;

  g_assert_true (vt_recipe_set_sizes (recipe, "with=400x400:format=png,"
                                              "without=400x400:format=png:logo=no", NULL));
  g_object_set (recipe, "logo", f->logo, "logo-position", VT_LOGO_TOP_LEFT, "logo-width", 0.25,
                "logo-opacity", 1.0, "watermark", FALSE, "filters", "", NULL);
  job = run_job (f, recipe);

  /* 100 × 50 at 10 pixels from the top-left corner of 400 × 300. */
  with = load_output (f, "with/product-0001.png");
  without = load_output (f, "without/product-0001.png");
  p = gdk_pixbuf_read_pixels (with) + 35 * gdk_pixbuf_get_rowstride (with) + 60 * 3;
  g_assert_cmpint (p[0], ==, 255);
  g_assert_cmpint (p[1], ==, 0);
  g_assert_cmpint (p[2], ==, 0);
  p = gdk_pixbuf_read_pixels (without) + 35 * gdk_pixbuf_get_rowstride (without) + 60 * 3;
  g_assert_false (p[0] == 255 && p[1] == 0 && p[2] == 0);
}

/* A bad logo stops the job before any photo, naming the file. */
static void
test_bad_logo_stops_job (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VtJob) job = NULL;
  const char *inputs[] = { f->in, NULL };
  g_autofree char *missing = g_build_filename (f->dir, "no-such-logo.svg", NULL);

  g_object_set (recipe, "logo", missing, NULL);
  job = vt_job_new (recipe, f->out);
  vt_job_add_paths (job, inputs, FALSE);
  g_assert_false (vt_job_run_sync (job, &error));
  g_assert_error (error, VT_LOGO_ERROR, VT_LOGO_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "no-such-logo.svg"));
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
}

/* Recipe files keep the formats, their settings and the logo. */
static void
test_recipe_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtRecipe) loaded = vt_recipe_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "recipe.vitrina", NULL);
  g_autofree char *logo = NULL;
  VtEncodeSettings settings;
  VtLogoPosition position;
  double width;

  g_assert_true (vt_recipe_set_sizes (recipe, "a=100x100:format=avif+jpeg,b=50x50:logo=no", NULL));
  g_object_set (recipe, "avif-quality", 42, "avif-speed", 5, "webp-lossless", TRUE,
                "webp-method", 4, "png-level", 9, "logo", f->logo, "logo-position", VT_LOGO_CENTER,
                "logo-width", 0.3, NULL);
  g_assert_true (vt_recipe_save_file (recipe, path, &error));
  g_assert_no_error (error);
  g_assert_true (vt_recipe_load_file (loaded, path, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (vt_recipe_get_sizes (loaded), ==, "a=100x100:format=jpeg+avif,b=50x50:logo=no");
  g_assert_cmpuint (vt_recipe_get_variant (loaded, 0)->formats, ==,
                    VT_FORMAT_BIT (VT_FORMAT_JPEG) | VT_FORMAT_BIT (VT_FORMAT_AVIF));
  g_assert_false (vt_recipe_get_variant (loaded, 1)->logo);
  vt_recipe_get_encode_settings (loaded, VT_FORMAT_AVIF, &settings);
  g_assert_cmpint (settings.quality, ==, 42);
  g_assert_cmpint (settings.avif_speed, ==, 5);
  g_assert_cmpint (settings.png_level, ==, 9);
  g_assert_true (settings.lossless);
  g_assert_cmpint (settings.webp_method, ==, 4);
  vt_recipe_get_encode_settings (loaded, VT_FORMAT_JPEG, &settings);
  g_assert_cmpint (settings.quality, ==, 85);
  g_object_get (loaded, "logo", &logo, "logo-position", &position, "logo-width", &width, NULL);
  g_assert_cmpstr (logo, ==, f->logo);
  g_assert_cmpint (position, ==, VT_LOGO_CENTER);
  g_assert_cmpfloat_with_epsilon (width, 0.3, 1e-9);
}

/* WebP is written at the recipe's method: 1, chosen for batch speed,
 * unless the recipe says otherwise. */
static void
test_webp_method (void)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) by_default = NULL;
  g_autoptr(GBytes) at_one = NULL;
  g_autoptr(GBytes) at_two = NULL;
  cairo_surface_t *photo = vt_test_noise (256, 192, 7);
  VtEncodeSettings settings;

  vt_recipe_get_encode_settings (recipe, VT_FORMAT_WEBP, &settings);
  g_assert_cmpint (settings.webp_method, ==, 1);
  by_default = vt_encode (photo, VT_FORMAT_WEBP, NULL, NULL, &error);
  g_assert_no_error (error);
  at_one = vt_encode (photo, VT_FORMAT_WEBP, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (by_default, at_one));

  g_object_set (recipe, "webp-method", 2, NULL);
  vt_recipe_get_encode_settings (recipe, VT_FORMAT_WEBP, &settings);
  g_assert_cmpint (settings.webp_method, ==, 2);
  at_two = vt_encode (photo, VT_FORMAT_WEBP, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (at_one, at_two));
  cairo_surface_destroy (photo);
}

static void
test_bad_format_option (void)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (vt_recipe_set_sizes (recipe, "a=100x100:format=gif", &error));
  g_assert_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "format=gif"));
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==, VT_RECIPE_DEFAULT_SIZES);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vt_engine_init ();

  vt_test_logo_folder_add ("/formats/every-format", 800, 600, test_every_format);
  vt_test_logo_folder_add ("/formats/budget-every-format", 800, 600, test_budget_every_format);
  vt_test_logo_folder_add ("/formats/logo-per-size", 800, 600, test_logo_per_size);
  vt_test_logo_folder_add ("/formats/bad-logo-stops-job", 800, 600, test_bad_logo_stops_job);
  vt_test_logo_folder_add ("/formats/recipe-file", 800, 600, test_recipe_file);
  g_test_add_func ("/formats/bad-format-option", test_bad_format_option);
  g_test_add_func ("/formats/webp-method", test_webp_method);

  return g_test_run ();
}
