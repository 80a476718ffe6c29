/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-real-photos.c: trim, whiten, fill and pre-flight on real photographs (tests/fixtures/README.md)
 *
 * The synthetic studio shots say what happens on paper; these say what
 * happens on the photos a shop also has: a cup on a wooden table, an
 * insect among leaves, a drop on water lit from one side. None has a
 * plain backdrop, so Vitrina must leave each as it is, say that it found
 * no product to trim, and name the rules the result breaks, instead of
 * painting part of the scene white.
 */
#include "config.h"

#include <string.h>

#include "vt-test-utils.h"

static const char * const photos[] = { "real-coffee.jpg", "real-ladybird.jpg", "real-aqua.jpg" };

static gboolean
has_issue (GPtrArray  *issues,
           VtRule      rule,
           const char *words)
{
  for (guint i = 0; i < issues->len; i++)
    {
      const VtPreflightIssue *issue = g_ptr_array_index (issues, i);
      if (issue->rule == rule && strstr (issue->message, words) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* No backdrop to find: the box is the whole photo, and whitening leaves
 * every pixel as it was. */
static void
test_no_backdrop (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (photos); i++)
    {
      g_autoptr(cairo_surface_t) photo = vt_test_load_fixture (photos[i]);
      g_autoptr(cairo_surface_t) copy = vt_image_copy (photo);
      VtTrim trim;

      g_test_message ("%s", photos[i]);
      g_assert_false (vt_trim_find (photo, VT_TRIM_DEFAULT_TOLERANCE, &trim));
      g_assert_false (trim.found);
      g_assert_cmpint (trim.box.width, ==, vt_image_get_width (photo));
      g_assert_cmpint (trim.box.height, ==, vt_image_get_height (photo));
      g_assert_cmpint (vt_whiten (copy, VT_TRIM_DEFAULT_TOLERANCE), ==, VT_WHITEN_NO_BACKDROP);
      g_assert_cmpint (vt_test_max_diff (photo, copy), ==, 0);
    }
}

/* vitrina-cli check on the photos as they are: every rule they break. */
static void
test_preflight (void)
{
  g_autoptr(VtRules) amazon = vt_rules_load ("amazon", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (photos); i++)
    {
      g_autofree char *path = vt_test_fixture_path (photos[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) issues = vt_preflight_check_file (amazon, path, &error);

      g_test_message ("%s", photos[i]);
      g_assert_no_error (error);
      g_assert_false (vt_preflight_passes (issues));
      g_assert_true (has_issue (issues, VT_RULE_TOO_SMALL, "too small for zoom"));
      g_assert_true (has_issue (issues, VT_RULE_NOT_WHITE, "at the top, bottom, left, right edges"));
      g_assert_true (has_issue (issues, VT_RULE_FILL, "no product found"));
    }
}

/* The Amazon preset on them: main photos written, each said to have no
 * product to trim, and each failing Amazon's rules with its reason. */
static void
test_amazon_batch (void)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtRules) amazon = vt_rules_load ("amazon", NULL);
  g_autoptr(VtJob) job = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vt_presets_load (recipe, "amazon", &error));
  job = vt_job_new (recipe, dir);
  vt_job_set_rules (job, amazon);
  for (guint i = 0; i < G_N_ELEMENTS (photos); i++)
    {
      g_autofree char *path = vt_test_fixture_path (photos[i]);
      vt_job_add_input (job, path, NULL);
    }
  g_assert_true (vt_job_run_sync (job, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vt_job_get_stats (job)->n_done, ==, G_N_ELEMENTS (photos));

  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *r = vt_job_get_result (job, i);
      const VtOutput *main_photo = vt_result_get_output (r, 0);

      g_test_message ("%s", vt_result_get_input (r));
      g_assert_cmpstr (main_photo->variant, ==, "main");
      g_assert_cmpint (main_photo->width, ==, 2000);
      g_assert_cmpint (main_photo->height, ==, 2000);
      g_assert_true (main_photo->no_product);
      g_assert_nonnull (main_photo->issues);
      g_assert_false (vt_preflight_passes (main_photo->issues));
      /* landscape photos padded to a square: white above and below only */
      g_assert_true (has_issue (main_photo->issues, VT_RULE_NOT_WHITE, "at the left, right edges"));
    }
  vt_test_remove_tree (dir);
}

static const VtTestCase tests[] = {
  { "/real-photos/no-backdrop", test_no_backdrop },
  { "/real-photos/preflight", test_preflight },
  { "/real-photos/amazon-batch", test_amazon_batch },
};

VT_TEST_MAIN (tests)
