/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-previewer.c: the preview shows what the batch writes, and only the newest request */
#include "config.h"

#include "vt-test-utils.h"

typedef struct {
  guint            n_ready;
  guint            last_serial;
  cairo_surface_t *after;
  gsize            jpeg_bytes;
  int              quality;
} Seen;

static void
ready_cb (VtPreviewer *previewer, VtPreviewResult *result, Seen *seen)
{
  seen->n_ready++;
  seen->last_serial = result->serial;
  seen->jpeg_bytes = result->jpeg_bytes;
  seen->quality = result->quality;
  g_clear_pointer (&seen->after, cairo_surface_destroy);
  seen->after = cairo_surface_reference (result->after);
}

static void
wait_for_serial (Seen *seen, guint serial)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (seen->last_serial != serial)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static cairo_surface_t *
batch_render (VtRecipe *recipe, const char *path, guint variant)
{
  g_autoptr(VtPipeline) pipeline = vt_pipeline_new (recipe);
  g_autoptr(cairo_surface_t) photo = vt_pipeline_load (pipeline, path, NULL, NULL);

  return vt_pipeline_render (pipeline, photo, variant, NULL, NULL, NULL);
}

static char *
write_photo (const char *dir)
{
  g_autofree char *photos = g_build_filename (dir, "in", NULL);

  g_assert_true (vt_sample_write (photos, 1, 1600, 1200, NULL));
  return g_build_filename (photos, "product-0001.jpg", NULL);
}

static void
test_preview_equals_batch (void)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *path = write_photo (dir);
  g_autoptr(VtPreviewer) previewer = vt_previewer_new ();
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  Seen seen = { 0 };

  g_signal_connect (previewer, "ready", G_CALLBACK (ready_cb), &seen);
  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr(cairo_surface_t) expected = batch_render (recipe, path, variant);

      wait_for_serial (&seen, vt_previewer_request (previewer, recipe, path, variant));
      g_assert_cmpint (vt_test_max_diff (seen.after, expected), ==, 0);
      g_assert_cmpuint (seen.jpeg_bytes, >, 0);
    }

  g_clear_pointer (&seen.after, cairo_surface_destroy);
  vt_test_remove_tree (dir);
}

/* Five changes in a row: whatever is shown last has the last settings. */
static void
test_newest_wins (void)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *path = write_photo (dir);
  g_autoptr(VtPreviewer) previewer = vt_previewer_new ();
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(cairo_surface_t) expected = NULL;
  Seen seen = { 0 };
  guint serial = 0;

  g_signal_connect (previewer, "ready", G_CALLBACK (ready_cb), &seen);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("Tienda %d", i);
      g_autofree char *filters = g_strdup_printf ("sharpen;unsharp:percent=%d", 100 + 20 * i);

      g_object_set (recipe, "watermark-text", text, "filters", filters, NULL);
      serial = vt_previewer_request (previewer, recipe, path, 2);
    }
  wait_for_serial (&seen, serial);

  /* the older ones were superseded: at most the first got through */
  g_assert_cmpuint (seen.n_ready, <=, 2);
  expected = batch_render (recipe, path, 2);
  g_assert_cmpint (vt_test_max_diff (seen.after, expected), ==, 0);

  g_clear_pointer (&seen.after, cairo_surface_destroy);
  vt_test_remove_tree (dir);
}

static void
test_quality_changes_bytes_only (void)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *path = write_photo (dir);
  g_autoptr(VtPreviewer) previewer = vt_previewer_new ();
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(cairo_surface_t) first = NULL;
  Seen seen = { 0 };
  gsize bytes_85;

  g_signal_connect (previewer, "ready", G_CALLBACK (ready_cb), &seen);
  wait_for_serial (&seen, vt_previewer_request (previewer, recipe, path, 1));
  first = cairo_surface_reference (seen.after);
  bytes_85 = seen.jpeg_bytes;

  g_object_set (recipe, "quality", 50, NULL);
  wait_for_serial (&seen, vt_previewer_request (previewer, recipe, path, 1));
  g_assert_cmpint (vt_test_max_diff (seen.after, first), ==, 0);
  g_assert_cmpuint (seen.jpeg_bytes, <, bytes_85);
  g_assert_cmpint (seen.quality, ==, 50);

  /* a size budget: the preview shows the quality the batch will choose */
  g_assert_true (vt_recipe_set_variant_option (recipe, "max-kb", "4", NULL));
  wait_for_serial (&seen, vt_previewer_request (previewer, recipe, path, 1));
  g_assert_cmpint (vt_test_max_diff (seen.after, first), ==, 0);
  g_assert_cmpint (seen.quality, <, 50);
  g_assert_cmpuint (seen.jpeg_bytes, <=, 4000);

  g_clear_pointer (&seen.after, cairo_surface_destroy);
  vt_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/previewer/equals-batch", test_preview_equals_batch);
  g_test_add_func ("/previewer/newest-wins", test_newest_wins);
  g_test_add_func ("/previewer/quality-changes-bytes-only", test_quality_changes_bytes_only);
  return g_test_run ();
}
