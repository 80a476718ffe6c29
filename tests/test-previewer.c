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

/* A photo on disk, a previewer and the default recipe, what the previewer
 * said last in @seen. */
typedef struct {
  char        *dir;
  char        *path;
  VtPreviewer *previewer;
  VtRecipe    *recipe;
  Seen         seen;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = vt_test_make_tmpdir ();
  f->path = write_photo (f->dir);
  f->previewer = vt_previewer_new ();
  f->recipe = vt_recipe_new ();
  g_signal_connect (f->previewer, "ready", G_CALLBACK (ready_cb), &f->seen);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->seen.after, cairo_surface_destroy);
  vt_test_remove_tree (f->dir);
  g_clear_object (&f->previewer);
  g_clear_object (&f->recipe);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static void
test_preview_equals_batch (Fixture       *f,
                           gconstpointer  data)
{
  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr(cairo_surface_t) expected = batch_render (f->recipe, f->path, variant);

      wait_for_serial (&f->seen, vt_previewer_request (f->previewer, f->recipe, f->path, variant));
      g_assert_cmpint (vt_test_max_diff (f->seen.after, expected), ==, 0);
      g_assert_cmpuint (f->seen.jpeg_bytes, >, 0);
    }
}

/* Five changes in a row: whatever is shown last has the last settings. */
static void
test_newest_wins (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(cairo_surface_t) expected = NULL;
  guint serial = 0;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("Tienda %d", i);
      g_autofree char *filters = g_strdup_printf ("sharpen;unsharp:percent=%d", 100 + 20 * i);

      g_object_set (f->recipe, "watermark-text", text, "filters", filters, NULL);
      serial = vt_previewer_request (f->previewer, f->recipe, f->path, 2);
    }
  wait_for_serial (&f->seen, serial);

  /* the older ones were superseded: at most the first got through */
  g_assert_cmpuint (f->seen.n_ready, <=, 2);
  expected = batch_render (f->recipe, f->path, 2);
  g_assert_cmpint (vt_test_max_diff (f->seen.after, expected), ==, 0);
}

static void
test_quality_changes_bytes_only (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(cairo_surface_t) first = NULL;
  gsize bytes_85;

  wait_for_serial (&f->seen, vt_previewer_request (f->previewer, f->recipe, f->path, 1));
  first = cairo_surface_reference (f->seen.after);
  bytes_85 = f->seen.jpeg_bytes;

  g_object_set (f->recipe, "quality", 50, NULL);
  wait_for_serial (&f->seen, vt_previewer_request (f->previewer, f->recipe, f->path, 1));
  g_assert_cmpint (vt_test_max_diff (f->seen.after, first), ==, 0);
  g_assert_cmpuint (f->seen.jpeg_bytes, <, bytes_85);
  g_assert_cmpint (f->seen.quality, ==, 50);

  /* a size budget: the preview shows the quality the batch will choose */
  g_assert_true (vt_recipe_set_variant_option (f->recipe, "max-kb", "4", NULL));
  wait_for_serial (&f->seen, vt_previewer_request (f->previewer, f->recipe, f->path, 1));
  g_assert_cmpint (vt_test_max_diff (f->seen.after, first), ==, 0);
  g_assert_cmpint (f->seen.quality, <, 50);
  g_assert_cmpuint (f->seen.jpeg_bytes, <=, 4000);
}

#define add_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  add_test ("/previewer/equals-batch", test_preview_equals_batch);
  add_test ("/previewer/newest-wins", test_newest_wins);
  add_test ("/previewer/quality-changes-bytes-only", test_quality_changes_bytes_only);
  return g_test_run ();
}
