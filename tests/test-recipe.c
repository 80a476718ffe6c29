/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-recipe.c: the sizes language, name templates and recipe files read as written */
#include "config.h"

#include <string.h>

#include "vt-name-template.h"
#include "vt-recipe.h"
#include "vt-sizes.h"
#include "vt-test-utils.h"

/* One reader of `WIDTHxHEIGHT` for the recipe and the command line. */
static void
test_parse_box (void)
{
  const char *bad[] = {
    "", "800", "800x", "x600", "0x600", "800x0", "16001x600", "800x16001", "800x600 ",
    "800*600", "800x600x2", "-800x600",
    /* Read unsigned, this wrapped round to 1 × 5. */
    "-18446744073709551615x5",
  };
  int width = -1, height = -1;

  g_assert_true (vt_sizes_parse_box ("800x600", &width, &height));
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
  g_assert_true (vt_sizes_parse_box ("16000X1", &width, &height));
  g_assert_cmpint (width, ==, 16000);
  g_assert_cmpint (height, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      width = height = -1;
      g_assert_false (vt_sizes_parse_box (bad[i], &width, &height));
      g_assert_cmpint (width, ==, -1);
      g_assert_cmpint (height, ==, -1);
    }
}

static void
test_sizes_canonical (void)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  const VtVariant *v;

  g_assert_true (vt_recipe_set_sizes (recipe, " main = 1200x900 : fit = pad : background = black ,"
                                      "small=150X150:sharpen=0.5:max-kb=40:watermark=no", NULL));
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==,
                   "main=1200x900:fit=pad:background=#000000,"
                   "small=150x150:watermark=no:sharpen=0.5:max-kb=40");
  g_assert_cmpuint (vt_recipe_get_n_variants (recipe), ==, 2);
  v = vt_recipe_get_variant (recipe, 1);
  g_assert_cmpstr (v->name, ==, "small");
  g_assert_cmpint (v->width, ==, 150);
  g_assert_cmpint (v->max_kb, ==, 40);
  g_assert_false (v->watermark);
}

static void
test_sizes_errors (void)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (vt_recipe_set_sizes (recipe, "a=-18446744073709551615x5", &error));
  g_assert_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“a=-18446744073709551615x5” is not a size: expected NAME=WIDTHxHEIGHT, "
                   "for example large=1200x1200");
  g_clear_error (&error);

  g_assert_false (vt_recipe_set_sizes (recipe, "a=10x10,a=20x20", &error));
  g_assert_cmpstr (error->message, ==, "The size name “a” appears twice");
  g_clear_error (&error);

  g_assert_false (vt_recipe_set_sizes (recipe, "a=10x10:fit=stretch", &error));
  g_assert_nonnull (strstr (error->message, "“fit=stretch” is not an option"));
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==, VT_RECIPE_DEFAULT_SIZES);
}

static void
test_name_template (void)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (vt_recipe_set_sizes (recipe, "big=1200x900,small=150x100", NULL));
  name = vt_name_template_expand ("{variant}/{stem}-{width}x{height}",
                                  vt_recipe_get_variant (recipe, 1), "shoe", 1);
  g_assert_cmpstr (name, ==, "small/shoe-150x100");
  g_clear_pointer (&name, g_free);
  /* {n}: the place in input order, zero-padded to four digits */
  name = vt_name_template_expand ("{variant}/tienda-{n}", vt_recipe_get_variant (recipe, 0), "shoe", 7);
  g_assert_cmpstr (name, ==, "big/tienda-0007");
  g_assert_true (vt_name_template_check_syntax ("{variant}/tienda-{n}", NULL));

  g_assert_false (vt_recipe_check_name_template ("{stem}", recipe, &error));
  g_assert_cmpstr (error->message, ==,
                   "The name template “{stem}” gives two sizes the same file: add {variant}");
  g_clear_error (&error);
  g_assert_false (vt_name_template_check_syntax ("{variant}/{name}", &error));
  g_assert_cmpstr (error->message, ==, "The name template “{variant}/{name}” does not work: "
                   "it needs {stem}, or every photo would get the same name");
  g_clear_error (&error);
  g_assert_true (vt_recipe_check_name_template ("{stem}_{width}", recipe, NULL));
}

/* Every property survives a key file, and a bad one changes nothing. */
static void
test_key_file_round_trip (void)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtRecipe) copy = vt_recipe_new ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GKeyFile) bad = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (recipe, "sizes", "a=300x200:fit=fill", "quality", 70, "watermark-opacity", 0.25,
                "metadata", VT_METADATA_COPYRIGHT, "name-template", "{stem}", NULL);
  vt_recipe_save_key_file (recipe, key_file);
  g_assert_true (vt_recipe_load_key_file (copy, key_file, NULL));
  g_assert_cmpstr (vt_recipe_get_sizes (copy), ==, "a=300x200:fit=fill");
  g_assert_cmpint (vt_recipe_get_quality (copy), ==, 70);
  g_assert_cmpint (vt_recipe_get_metadata (copy), ==, VT_METADATA_COPYRIGHT);
  g_assert_cmpstr (vt_recipe_get_name_template (copy), ==, "{stem}");

  g_key_file_set_integer (bad, "Recipe", "quality", 10);
  g_key_file_set_string (bad, "Recipe", "sizes", "a=0x0");
  g_assert_false (vt_recipe_load_key_file (copy, bad, &error));
  g_assert_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID);
  g_assert_cmpint (vt_recipe_get_quality (copy), ==, 70);
}

static const VtTestCase tests[] = {
  { "/recipe/parse-box", test_parse_box },
  { "/recipe/sizes-canonical", test_sizes_canonical },
  { "/recipe/sizes-errors", test_sizes_errors },
  { "/recipe/name-template", test_name_template },
  { "/recipe/key-file-round-trip", test_key_file_round_trip },
};

VT_TEST_MAIN (tests)
