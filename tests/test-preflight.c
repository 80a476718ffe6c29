/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-preflight.c: channel rules as data, and each rule broken on purpose */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vt-studio.h"
#include "vt-test-utils.h"

/* A main photo as a channel wants it: white, a dark product spanning
 * @share percent of the frame, centred. */
static cairo_surface_t *
main_photo (int    width,
            int    height,
            double share)
{
  cairo_surface_t *surface = vt_image_new (width, height, NULL);
  cairo_t *cr = cairo_create (surface);
  double pw = width * share / 100.0, ph = height * share / 100.0 * 0.7;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.2, 0.3, 0.5);
  cairo_rectangle (cr, (width - pw) / 2, (height - ph) / 2, pw, ph);
  cairo_fill (cr);
  cairo_destroy (cr);
  return surface;
}

static VtRules *
load_rules (const char *name)
{
  g_autoptr(GError) error = NULL;
  VtRules *rules = vt_rules_load (name, &error);

  g_assert_no_error (error);
  return rules;
}

/* The issues' rules, in order, as text: "too-small,advice". */
static char *
rules_of (GPtrArray *issues)
{
  static const char *names[] = { "too-small", "too-large", "not-white", "fill", "watermark",
                                 "file-size", "format", "advice" };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      VtPreflightIssue *issue = g_ptr_array_index (issues, i);
      g_test_message ("%s", issue->message);
      g_string_append_printf (out, "%s%s", i ? "," : "", names[issue->rule]);
    }
  return g_strdup (out->str);
}

static char *
check (const char *channel,
       cairo_surface_t *surface)
{
  g_autoptr(VtRules) rules = load_rules (channel);
  g_autoptr(GPtrArray) issues = vt_preflight_check_surface (rules, surface);

  return rules_of (issues);
}

static void
test_channels (void)
{
  g_auto(GStrv) channels = vt_rules_list_channels ();
  const char *expected[] = { "amazon", "ebay", "google-merchant", "mercado-libre", "shopify", NULL };
  g_autoptr(VtRules) amazon = load_rules ("amazon");
  g_autoptr(VtRules) shopify = load_rules ("shopify");

  g_assert_true (g_strv_equal ((const char * const *) channels, expected));
  g_assert_cmpstr (vt_rules_get_title (amazon), ==, "Amazon");
  g_assert_cmpint (vt_rules_get_set (amazon)->min_longest_side, ==, 1000);
  g_assert_cmpint (vt_rules_get_set (amazon)->max_longest_side, ==, 10000);
  g_assert_cmpfloat (vt_rules_get_set (amazon)->min_fill, ==, 85);
  g_assert_true (vt_rules_get_set (amazon)->white_background);
  g_assert_cmpstr (vt_rules_get_main_size (shopify), ==, "product");
  g_assert_cmpuint (vt_rules_get_set (shopify)->max_file_bytes, ==, 20000000);
  for (guint i = 0; expected[i] != NULL; i++)
    g_object_unref (load_rules (expected[i]));
}

static void
test_bad_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  g_assert_null (vt_rules_load ("etsy", &error));
  g_assert_nonnull (strstr (error->message, "“etsy”"));
  g_assert_nonnull (strstr (error->message, "mercado-libre"));
  g_clear_error (&error);

  g_key_file_load_from_data (key_file, "[Rules]\nmin-fil=85\n", -1, G_KEY_FILE_NONE, NULL);
  g_assert_null (vt_rules_new_from_key_file (key_file, &error));
  g_assert_nonnull (strstr (error->message, "“min-fil”"));
  g_clear_error (&error);

  g_key_file_load_from_data (key_file, "[Rules]\nmin-longest-side=big\n", -1, G_KEY_FILE_NONE, NULL);
  g_assert_null (vt_rules_new_from_key_file (key_file, &error));
  g_assert_nonnull (strstr (error->message, "min-longest-side"));
}

static void
test_compliant (void)
{
  g_autoptr(cairo_surface_t) photo = main_photo (2000, 2000, 86);
  g_autofree char *amazon = check ("amazon", photo);
  g_autofree char *ml = check ("mercado-libre", photo);
  g_autofree char *square = NULL;
  g_autoptr(cairo_surface_t) full = main_photo (1200, 1200, 96);

  g_assert_cmpstr (amazon, ==, "");
  /* Mercado Libre wants 95 % */
  g_assert_cmpstr (ml, ==, "fill");
  g_free (ml);
  ml = check ("mercado-libre", full);
  g_assert_cmpstr (ml, ==, "");
  square = check ("shopify", full);
  g_assert_cmpstr (square, ==, "advice");
}

static void
test_size_rules (void)
{
  g_autoptr(cairo_surface_t) small = main_photo (900, 900, 86);
  g_autoptr(cairo_surface_t) large = main_photo (10200, 400, 90);
  g_autoptr(cairo_surface_t) thumb = main_photo (600, 450, 90);
  g_autofree char *a = check ("amazon", small);
  g_autofree char *b = check ("amazon", large);
  g_autofree char *c = check ("google-merchant", thumb);
  g_autofree char *d = check ("ebay", thumb);

  g_assert_cmpstr (a, ==, "too-small,advice");
  g_assert_cmpstr (b, ==, "too-large");
  g_assert_cmpstr (c, ==, "too-small,advice");
  g_assert_cmpstr (d, ==, "advice");
}

static void
test_not_white (void)
{
  g_autoptr(cairo_surface_t) photo = main_photo (1600, 1600, 86);
  g_autoptr(VtRules) rules = load_rules ("amazon");
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *names = NULL;
  cairo_t *cr = cairo_create (photo);
  const char *message;

  /* a faint grey line down the right edge, 252: just past JPEG's rounding */
  cairo_set_source_rgb (cr, 252 / 255.0, 252 / 255.0, 252 / 255.0);
  cairo_rectangle (cr, 1599, 600, 1, 10);
  cairo_fill (cr);
  cairo_destroy (cr);

  issues = vt_preflight_check_surface (rules, photo);
  names = rules_of (issues);
  g_assert_cmpstr (names, ==, "not-white");
  message = ((VtPreflightIssue *) g_ptr_array_index (issues, 0))->message;
  g_assert_nonnull (strstr (message, "right"));
  g_assert_null (strstr (message, "left"));
  g_assert_null (strstr (message, "top"));
}

/* A studio shot straight from the camera: grey paper, product small. */
static void
test_studio_shot (void)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (2000, 1500);
  g_autoptr(cairo_surface_t) photo = vt_studio_render (&shot, NULL);
  g_autoptr(VtRules) rules = load_rules ("amazon");
  g_autoptr(GPtrArray) issues = vt_preflight_check_surface (rules, photo);
  g_autofree char *names = rules_of (issues);
  const char *message = ((VtPreflightIssue *) g_ptr_array_index (issues, 0))->message;

  g_assert_cmpstr (names, ==, "not-white,fill");
  g_assert_nonnull (strstr (message, "top, bottom, left, right"));
  message = ((VtPreflightIssue *) g_ptr_array_index (issues, 1))->message;
  g_assert_nonnull (strstr (message, "50 %"));
}

/* A studio shot padded onto white by hand: white edges, but the paper
 * shows as a rectangle around the product. */
static void
test_pasted_backdrop (void)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (1750, 1750);
  g_autoptr(cairo_surface_t) shot_photo = NULL;
  g_autoptr(cairo_surface_t) photo = main_photo (2000, 2000, 0);
  g_autofree char *names = NULL;
  cairo_t *cr = cairo_create (photo);

  shot.product = (cairo_rectangle_int_t) { 300, 300, 900, 900 };
  shot_photo = vt_studio_render (&shot, NULL);
  cairo_set_source_surface (cr, shot_photo, 125, 125);
  cairo_paint (cr);
  cairo_destroy (cr);
  names = check ("amazon", photo);
  g_assert_cmpstr (names, ==, "not-white");
}

static void
test_fill_rule (void)
{
  g_autoptr(cairo_surface_t) low = main_photo (2000, 2000, 80);
  g_autoptr(cairo_surface_t) edge = main_photo (2000, 2000, 84.2);
  g_autofree char *a = check ("amazon", low);
  g_autofree char *b = check ("amazon", edge);

  g_assert_cmpstr (a, ==, "fill");
  /* within the 1 % the measure allows */
  g_assert_cmpstr (b, ==, "");
}

static void
test_recipe_watermark (void)
{
  g_autoptr(VtRules) rules = load_rules ("amazon");
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GPtrArray) clean = NULL;
  g_autoptr(GPtrArray) marked = NULL;
  g_autofree char *a = NULL, *b = NULL;

  g_assert_true (vt_presets_load (recipe, "amazon", NULL));
  clean = vt_preflight_check_recipe (rules, recipe);
  g_assert_true (vt_recipe_set_sizes (recipe, "main=2000x2000:fit=pad", NULL));
  g_object_set (recipe, "watermark", TRUE, NULL);
  marked = vt_preflight_check_recipe (rules, recipe);
  a = rules_of (clean);
  b = rules_of (marked);
  g_assert_cmpstr (a, ==, "");
  g_assert_cmpstr (b, ==, "watermark");
  g_assert_false (vt_preflight_passes (marked));
}

static void
test_file_rules (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "noisy.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.jpg", NULL);
  g_autofree char *broken = vt_test_fixture_path ("not-a-photo.jpg");
  g_autoptr(cairo_surface_t) noise = vt_test_noise (1000, 1000, 5);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(VtRules) rules = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_cmpint (cairo_surface_write_to_png (noise, png), ==, CAIRO_STATUS_SUCCESS);
  g_key_file_load_from_data (key_file, "[Rules]\ntitle=Test\nmax-file-mb=1\nformats=jpeg;webp\n",
                             -1, G_KEY_FILE_NONE, NULL);
  rules = vt_rules_new_from_key_file (key_file, &error);
  g_assert_no_error (error);

  issues = vt_preflight_check_file (rules, png, &error);
  g_assert_no_error (error);
  names = rules_of (issues);
  g_assert_cmpstr (names, ==, "file-size,format");
  g_assert_nonnull (strstr (((VtPreflightIssue *) g_ptr_array_index (issues, 1))->message, "png"));

  g_assert_null (vt_preflight_check_file (rules, missing, &error));
  g_assert_nonnull (strstr (error->message, "missing.jpg"));
  g_clear_error (&error);
  g_assert_null (vt_preflight_check_file (rules, broken, &error));
  g_assert_nonnull (error);
}

static const VtTestCase tests[] = {
  { "/preflight/channels", test_channels },
  { "/preflight/bad-rules", test_bad_rules },
  { "/preflight/compliant", test_compliant },
  { "/preflight/size", test_size_rules },
  { "/preflight/not-white", test_not_white },
  { "/preflight/studio-shot", test_studio_shot },
  { "/preflight/fill", test_fill_rule },
  { "/preflight/pasted-backdrop", test_pasted_backdrop },
  { "/preflight/recipe-watermark", test_recipe_watermark },
  { "/preflight/file", test_file_rules },
};

VT_TEST_MAIN (tests)
