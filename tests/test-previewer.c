/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-previewer.c: the preview shows what the batch writes, and only the newest request */
#include "config.h"

#include "vt-test-utils.h"

typedef struct {
  guint            n_ready;
  guint            last_serial;
  cairo_surface_t *before;
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
  g_clear_pointer (&seen->before, cairo_surface_destroy);
  seen->before = cairo_surface_reference (result->before);
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

/* The batch's own file for @variant in @format, written by a job on the
 * photo's folder into a folder of its own, then decoded. */
static cairo_surface_t *
batch_output (VtRecipe   *recipe,
              const char *path,
              guint       variant,
              VtFormat    format)
{
  g_autoptr(VtTestDir) out = vt_test_make_tmpdir ();
  g_autoptr(VtJob) job = vt_job_new (recipe, out);
  g_autoptr(GError) error = NULL;
  g_autofree char *in = g_path_get_dirname (path);
  const char *inputs[] = { in, NULL };
  const char *name = vt_recipe_get_variant (recipe, variant)->name;
  VtResult *result;

  vt_job_add_paths (job, inputs, FALSE);
  g_assert_true (vt_job_run_sync (job, &error));
  g_assert_no_error (error);
  result = vt_job_get_result (job, 0);
  for (guint i = 0; i < vt_result_get_n_outputs (result); i++)
    {
      VtOutput *output = vt_result_get_output (result, i);

      if (g_str_equal (output->variant, name) && output->format == format)
        return vt_test_load_file (output->path);
    }
  g_assert_not_reached ();
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
  g_clear_pointer (&f->seen.before, cairo_surface_destroy);
  g_clear_pointer (&f->seen.after, cairo_surface_destroy);
  vt_test_remove_tree (f->dir);
  g_clear_object (&f->previewer);
  g_clear_object (&f->recipe);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* Each size's preview is the JPEG the batch writes, decoded. */
static void
test_preview_equals_batch (Fixture       *f,
                           gconstpointer  data)
{
  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr(cairo_surface_t) expected = batch_output (f->recipe, f->path, variant, VT_FORMAT_JPEG);

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
  expected = batch_output (f->recipe, f->path, 2, VT_FORMAT_JPEG);
  g_assert_cmpint (vt_test_max_diff (f->seen.after, expected), ==, 0);
}

/* A changed quality re-encodes: the photo before encoding stays, the
 * bytes shrink, and what is shown is the new file's pixels. */
static void
test_quality_changes_encoding_only (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(cairo_surface_t) first_before = NULL;
  g_autoptr(cairo_surface_t) first_after = NULL;
  g_autoptr(cairo_surface_t) expected = NULL;
  gsize bytes_85;

  wait_for_serial (&f->seen, vt_previewer_request (f->previewer, f->recipe, f->path, 1));
  first_before = cairo_surface_reference (f->seen.before);
  first_after = cairo_surface_reference (f->seen.after);
  bytes_85 = f->seen.jpeg_bytes;

  g_object_set (f->recipe, "quality", 50, NULL);
  wait_for_serial (&f->seen, vt_previewer_request (f->previewer, f->recipe, f->path, 1));
  g_assert_cmpint (vt_test_max_diff (f->seen.before, first_before), ==, 0);
  g_assert_cmpint (vt_test_max_diff (f->seen.after, first_after), >, 0);
  expected = batch_output (f->recipe, f->path, 1, VT_FORMAT_JPEG);
  g_assert_cmpint (vt_test_max_diff (f->seen.after, expected), ==, 0);
  g_assert_cmpuint (f->seen.jpeg_bytes, <, bytes_85);
  g_assert_cmpint (f->seen.quality, ==, 50);

  /* a size budget: the preview shows the quality the batch will choose */
  g_assert_true (vt_recipe_set_variant_option (f->recipe, "max-kb", "4", NULL));
  wait_for_serial (&f->seen, vt_previewer_request (f->previewer, f->recipe, f->path, 1));
  g_assert_cmpint (vt_test_max_diff (f->seen.before, first_before), ==, 0);
  g_clear_pointer (&expected, cairo_surface_destroy);
  expected = batch_output (f->recipe, f->path, 1, VT_FORMAT_JPEG);
  g_assert_cmpint (vt_test_max_diff (f->seen.after, expected), ==, 0);
  g_assert_cmpint (f->seen.quality, <, 50);
  g_assert_cmpuint (f->seen.jpeg_bytes, <=, 4000);
}

/* At a low quality, WebP's blur and AVIF's smoothing show before a photo
 * is written: the preview is far from the pixels before encoding and
 * close to the batch's decoded file (the AV1 encoder may split its work
 * differently in a batch, hence a tolerance). */
static void
test_low_quality_shows_artefacts (Fixture       *f,
                                  gconstpointer  data)
{
  static const VtFormat formats[] = { VT_FORMAT_WEBP, VT_FORMAT_AVIF };
  g_autoptr(VtPipeline) pipeline = NULL;
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) unencoded = NULL;

  g_assert_true (vt_recipe_set_sizes (f->recipe, "large=800x800:format=webp+avif", NULL));
  g_object_set (f->recipe, "webp-quality", 5, "avif-quality", 5, NULL);
  pipeline = vt_pipeline_new (f->recipe);
  photo = vt_pipeline_load (pipeline, f->path, NULL, NULL);
  unencoded = vt_pipeline_render (pipeline, photo, 0, NULL, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(cairo_surface_t) written = batch_output (f->recipe, f->path, 0, formats[i]);
      double from_unencoded, from_written;

      wait_for_serial (&f->seen, vt_previewer_request_format (f->previewer, f->recipe, f->path,
                                                              0, formats[i]));
      from_unencoded = vt_test_psnr (f->seen.after, unencoded);
      from_written = vt_test_psnr (f->seen.after, written);
      g_test_message ("%s at quality 5: %.1f dB from the unencoded pixels, %.1f dB from the file",
                      vt_format_to_string (formats[i]), from_unencoded, from_written);
      g_assert_cmpfloat (from_unencoded, >, 0);
      g_assert_cmpfloat (from_unencoded, <, 38);
      g_assert_cmpfloat (from_written, >=, 45);
    }
}

static const struct {
  const char *path;
  void      (*test) (Fixture *, gconstpointer);
} tests[] = {
  { "/previewer/equals-batch", test_preview_equals_batch },
  { "/previewer/newest-wins", test_newest_wins },
  { "/previewer/quality-changes-encoding-only", test_quality_changes_encoding_only },
  { "/previewer/low-quality-shows-artefacts", test_low_quality_shows_artefacts },
};

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, NULL, fixture_set_up, tests[i].test, fixture_tear_down);
  return g_test_run ();
}
