/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-job.c: the worker pool end to end, on real files */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vt-test-utils.h"

typedef VtTestFolders Fixture;

static void
copy_fixture (const char *name, const char *dir, const char *as)
{
  g_autofree char *src = vt_test_fixture_path (name);
  g_autofree char *dst = g_build_filename (dir, as ? as : name, NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (src, &data, &len, NULL));
  g_assert_true (g_file_set_contents (dst, data, len, NULL));
}

static VtJob *
run_job (const char *in, const char *out, guint workers)
{
  const char *paths[] = { in, NULL };
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;
  VtJob *job = vt_job_new (recipe, out);

  vt_job_set_n_workers (job, workers);
  vt_job_add_paths (job, paths, TRUE);
  vt_job_run_sync (job, &error);
  g_assert_no_error (error);
  return job;
}

static void
test_default_recipe_outputs (Fixture *f, gconstpointer data)
{
  g_autoptr(VtJob) job = run_job (f->in, f->out, 8);
  const VtJobStats *stats = vt_job_get_stats (job);
  const char *variants[] = { "thumbnail", "medium", "large" };
  const int widths[] = { 150, 320, 320 }, heights[] = { 113, 240, 240 };

  g_assert_cmpuint (stats->n_done, ==, 4);
  g_assert_cmpuint (stats->n_failed, ==, 0);
  g_assert_cmpint (stats->wall_time, >, 0);
  g_assert_cmpint (stats->busy_time, >, 0);

  for (guint v = 0; v < 3; v++)
    {
      g_autofree char *path = g_build_filename (f->out, variants[v], "product-0002.jpg", NULL);
      VtOutput *o = vt_result_get_output (vt_job_get_result (job, 1), v);
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
      g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (file);
      g_autoptr(cairo_surface_t) img = vt_image_load (bytes, NULL, NULL);

      g_assert_cmpstr (o->path, ==, path);
      g_assert_cmpint (o->width, ==, widths[v]);
      g_assert_cmpint (o->height, ==, heights[v]);
      g_assert_cmpuint (o->bytes, ==, g_bytes_get_size (bytes));
      g_assert_cmpint (cairo_image_surface_get_width (img), ==, widths[v]);
      g_assert_cmpint (cairo_image_surface_get_height (img), ==, heights[v]);
    }
}

/* libvips's test_threading, for us: any worker count, the same bytes. */
static void
test_worker_count_invariance (Fixture *f, gconstpointer data)
{
  g_autofree char *out1 = g_build_filename (f->dir, "out-1", NULL);
  g_autoptr(VtJob) one = run_job (f->in, out1, 1);
  g_autoptr(GPtrArray) files1 = vt_test_list_files (out1);

  for (guint workers = 2; workers <= 16; workers *= 2)
    {
      g_autofree char *outn = g_strdup_printf ("%s/out-%u", f->dir, workers);
      g_autoptr(VtJob) many = run_job (f->in, outn, workers);
      g_autoptr(GPtrArray) filesn = vt_test_list_files (outn);

      g_assert_cmpuint (files1->len, ==, 24);
      g_assert_cmpuint (filesn->len, ==, files1->len);
      for (guint i = 0; i < files1->len; i++)
        {
          g_autofree char *a = NULL, *b = NULL;
          gsize la, lb;

          g_assert_true (g_file_get_contents (g_ptr_array_index (files1, i), &a, &la, NULL));
          g_assert_true (g_file_get_contents (g_ptr_array_index (filesn, i), &b, &lb, NULL));
          g_assert_cmpmem (a, la, b, lb);
        }
    }
}

static void
test_bad_photos_among_good (Fixture *f, gconstpointer data)
{
  g_autofree char *report = g_build_filename (f->dir, "report.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VtJob) job = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *inputs;
  guint n_failed = 0;

  copy_fixture ("truncated.jpg", f->in, "product-0002b.jpg");
  copy_fixture ("not-a-photo.jpg", f->in, NULL);
  job = run_job (f->in, f->out, 4);

  g_assert_cmpuint (vt_job_get_stats (job)->n_done, ==, 4);
  g_assert_cmpuint (vt_job_get_stats (job)->n_failed, ==, 2);
  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *r = vt_job_get_result (job, i);
      if (vt_result_get_status (r) == VT_RESULT_FAILED)
        g_assert_nonnull (vt_result_get_error (r));
    }

  g_assert_true (vt_report_write (job, report, &error));
  g_assert_no_error (error);
  root = vt_test_load_report (parser, report);
  g_assert_cmpint (json_object_get_int_member (root, "failed"), ==, 2);
  inputs = json_object_get_array_member (root, "inputs");
  g_assert_cmpuint (json_array_get_length (inputs), ==, 6);
  for (guint i = 0; i < json_array_get_length (inputs); i++)
    {
      JsonObject *in = json_array_get_object_element (inputs, i);
      if (g_str_equal (json_object_get_string_member (in, "status"), "failed"))
        {
          n_failed++;
          g_assert_true (json_object_has_member (in, "error"));
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (in, "outputs")), ==, 0);
        }
      else
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (in, "outputs")), ==, 3);
    }
  g_assert_cmpuint (n_failed, ==, 2);
}

static VtJob *
run_with_events (Fixture *f, VtTestEvents *ev, guint workers)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();

  return vt_test_run_job (recipe, f->in, f->out, workers, FALSE, ev);
}

static void
test_events_on_main_thread (Fixture *f, gconstpointer data)
{
  VtTestEvents ev = { 0 };
  g_autoptr(VtJob) job = run_with_events (f, &ev, 8);

  g_assert_cmpuint (ev.n_results, ==, 4);
  g_assert_cmpuint (ev.n_finished, ==, 1);
  g_assert_false (ev.cancelled);
}

static void
test_cancel_mid_batch (Fixture *f, gconstpointer data)
{
  VtTestEvents ev = { .cancel_on_first = TRUE };
  g_autoptr(VtJob) job = run_with_events (f, &ev, 2);
  const VtJobStats *s = vt_job_get_stats (job);

  g_assert_cmpuint (ev.n_finished, ==, 1);
  g_assert_true (ev.cancelled);
  g_assert_cmpuint (ev.n_results, ==, 40);
  g_assert_cmpuint (s->n_cancelled, >, 0);
  g_assert_cmpuint (s->n_done + s->n_cancelled, ==, 40);

  /* Whatever is on disk is a whole JPEG under its final name. */
  vt_test_assert_whole_outputs (f->out, FALSE);

  /* A photo begun was finished: every size of a done photo is there, and
   * none of a cancelled one. */
  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *r = vt_job_get_result (job, i);
      gboolean done = vt_result_get_status (r) == VT_RESULT_DONE;

      for (guint o = 0; o < vt_result_get_n_outputs (r); o++)
        g_assert_cmpint (g_file_test (vt_result_get_output (r, o)->path, G_FILE_TEST_EXISTS), ==, done);
    }
}

/* a.jpg and a.png both want a.jpg: neither may overwrite the other. */
/* {n} numbers the photos in input order, zero-padded, whichever worker
 * finishes first. */
static void
test_counter_token (Fixture *f, gconstpointer data)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) job = NULL;
  static const char * const order[] = { "product-0003.jpg", "product-0001.jpg", "product-0002.jpg" };

  g_object_set (recipe, "name-template", "{variant}/tienda-{n}", NULL);
  job = vt_job_new (recipe, f->out);
  vt_job_set_n_workers (job, 3);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *path = g_build_filename (f->in, order[i], NULL);
      vt_job_add_input (job, path, NULL);
    }
  g_assert_true (vt_job_run_sync (job, NULL));
  g_assert_cmpuint (vt_job_get_stats (job)->n_done, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *name = g_strdup_printf ("tienda-%04u.jpg", i + 1);
      g_autofree char *path = g_build_filename (f->out, "large", name, NULL);
      VtResult *result = vt_job_get_result (job, i);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_str_has_suffix (vt_result_get_input (result), order[i]));
      g_assert_cmpstr (vt_result_get_output (result, 2)->path, ==, path);
    }
}

static void
test_same_stem (Fixture *f, gconstpointer data)
{
  g_autoptr(VtJob) job = NULL;
  g_autofree char *first = g_build_filename (f->out, "large", "product-0001.jpg", NULL);
  g_autofree char *second = g_build_filename (f->out, "large", "product-0001-png.jpg", NULL);

  copy_fixture ("alpha.png", f->in, "product-0001.png");
  job = run_job (f->in, f->out, 4);
  g_assert_cmpuint (vt_job_get_stats (job)->n_done, ==, 5);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
}

/* A photo already in the output's format keeps its plain name beside one
 * of another format that sorts first: Aqua.heic does not take Aqua.jpg. */
static void
test_own_format_keeps_name (Fixture *f, gconstpointer data)
{
  g_autoptr(VtJob) job = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->in, 0755), ==, 0);
  copy_fixture ("orient-6.jpg", f->in, "Aqua.heic");
  copy_fixture ("exif-1.jpg", f->in, "Aqua.jpg");
  job = run_job (f->in, f->out, 2);
  g_assert_cmpuint (vt_job_get_stats (job)->n_done, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      VtResult *result = vt_job_get_result (job, i);
      gboolean jpeg = g_str_has_suffix (vt_result_get_input (result), ".jpg");
      g_autofree char *expected = g_build_filename (f->out, "large", jpeg ? "Aqua.jpg" : "Aqua-heic.jpg", NULL);

      g_assert_cmpstr (vt_result_get_output (result, 2)->path, ==, expected);
      g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_never_overwrites_input (Fixture *f, gconstpointer data)
{
  g_autofree char *large = g_build_filename (f->out, "large", NULL);
  g_autofree char *input = g_build_filename (large, "product-0001.jpg", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(VtJob) job = NULL;
  gsize lb, la;

  g_mkdir_with_parents (large, 0755);
  copy_fixture ("orient-6.jpg", large, "product-0001.jpg");
  g_assert_true (g_file_get_contents (input, &before, &lb, NULL));

  job = run_job (input, f->out, 2);
  g_assert_cmpuint (vt_job_get_stats (job)->n_failed, ==, 1);
  g_assert_nonnull (strstr (vt_result_get_error (vt_job_get_result (job, 0))->message, "replace"));
  g_assert_true (g_file_get_contents (input, &after, &la, NULL));
  g_assert_cmpmem (before, lb, after, la);
}

/* Outputs inside the input folder are not read back on the next run. */
static void
test_output_inside_input (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->in, "web", NULL);
  g_autoptr(VtJob) first = run_job (f->in, out, 4);
  g_autoptr(VtJob) second = run_job (f->in, out, 4);

  g_assert_cmpuint (vt_job_get_n_results (first), ==, 4);
  g_assert_cmpuint (vt_job_get_n_results (second), ==, 4);
}

static void
test_skip_existing (Fixture *f, gconstpointer data)
{
  const char *paths[] = { f->in, NULL };
  g_autoptr(VtJob) first = run_job (f->in, f->out, 4);
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) again = vt_job_new (recipe, f->out);
  g_autofree char *gone = g_build_filename (f->out, "medium", "product-0003.jpg", NULL);

  g_unlink (gone);
  vt_job_set_skip_existing (again, TRUE);
  vt_job_add_paths (again, paths, FALSE);
  g_assert_true (vt_job_run_sync (again, NULL));
  g_assert_cmpuint (vt_job_get_stats (again)->n_skipped, ==, 3);
  g_assert_cmpuint (vt_job_get_stats (again)->n_done, ==, 1);
  g_assert_true (g_file_test (gone, G_FILE_TEST_IS_REGULAR));
}

static VtJob *
run_skipping (const char *in, const char *out, VtRecipe *recipe, guint workers)
{
  const char *paths[] = { in, NULL };
  g_autoptr(GError) error = NULL;
  VtJob *job = vt_job_new (recipe, out);

  vt_job_set_n_workers (job, workers);
  vt_job_set_skip_existing (job, TRUE);
  vt_job_add_paths (job, paths, FALSE);
  vt_job_run_sync (job, &error);
  g_assert_no_error (error);
  return job;
}

static GBytes *
read_output (const char *out)
{
  g_autofree char *path = g_build_filename (out, "large", "product-0002.jpg", NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

/* The output folder records its recipe: the same recipe (whatever the
 * worker count) skips every photo again; another one makes every photo
 * again, and says so. */
static void
test_skip_existing_recipe_changed (Fixture *f, gconstpointer data)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) first = run_skipping (f->in, f->out, recipe, 1);
  g_autoptr(VtJob) same = run_skipping (f->in, f->out, recipe, 8);
  g_autoptr(GBytes) before = read_output (f->out);
  g_autoptr(VtJob) changed = NULL;
  g_autoptr(VtJob) again = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_cmpuint (vt_job_get_stats (first)->n_done, ==, 4);
  g_assert_false (vt_job_get_recipe_changed (first));
  g_assert_cmpuint (vt_job_get_stats (same)->n_skipped, ==, 4);
  g_assert_false (vt_job_get_recipe_changed (same));

  g_object_set (recipe, "quality", 40, NULL);
  changed = run_skipping (f->in, f->out, recipe, 4);
  g_assert_true (vt_job_get_recipe_changed (changed));
  g_assert_cmpuint (vt_job_get_stats (changed)->n_skipped, ==, 0);
  g_assert_cmpuint (vt_job_get_stats (changed)->n_done, ==, 4);
  after = read_output (f->out);
  g_assert_false (g_bytes_equal (before, after));
  g_assert_cmpuint (g_bytes_get_size (after), <, g_bytes_get_size (before));

  /* the folder now records the new recipe */
  again = run_skipping (f->in, f->out, recipe, 4);
  g_assert_false (vt_job_get_recipe_changed (again));
  g_assert_cmpuint (vt_job_get_stats (again)->n_skipped, ==, 4);
}

/* Outputs made before folders recorded their recipe (or by hand) are
 * still skipped, whatever the recipe: an interrupted run can be finished. */
static void
test_skip_existing_without_stamp (Fixture *f, gconstpointer data)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) first = run_skipping (f->in, f->out, recipe, 4);
  g_autofree char *stamp = g_build_filename (f->out, VT_JOB_RECIPE_STAMP, NULL);
  g_autoptr(GBytes) before = read_output (f->out);
  g_autoptr(VtJob) again = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_true (g_file_test (stamp, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_unlink (stamp), ==, 0);
  g_object_set (recipe, "quality", 40, NULL);
  again = run_skipping (f->in, f->out, recipe, 4);
  g_assert_false (vt_job_get_recipe_changed (again));
  g_assert_cmpuint (vt_job_get_stats (again)->n_skipped, ==, 4);
  after = read_output (f->out);
  g_assert_true (g_bytes_equal (before, after));
  /* and the stamp is back, for the next run */
  g_assert_true (g_file_test (stamp, G_FILE_TEST_IS_REGULAR));
}

/* An output folder that cannot be made fails the job before any work. */
static void
test_unwritable_output (Fixture *f, gconstpointer data)
{
  const char *paths[] = { f->in, NULL };
  g_autofree char *blocker = g_build_filename (f->dir, "file", NULL);
  g_autofree char *out = g_build_filename (blocker, "out", NULL);
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) job = vt_job_new (recipe, out);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  vt_job_add_paths (job, paths, FALSE);
  g_assert_false (vt_job_start (job, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, out));
}

/* The most photos that `count` photos of w × h, made into `sizes` by eight
 * workers, had decoded at once. */
static guint
max_in_flight (guint count, int w, int h, const char *sizes)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  const char *paths[] = { in, NULL };
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) job = NULL;
  g_autoptr(GError) error = NULL;
  const VtJobStats *stats;

  g_assert_true (vt_sample_write (in, count, w, h, NULL));
  g_assert_true (vt_recipe_set_sizes (recipe, sizes, NULL));
  job = vt_job_new (recipe, out);
  vt_job_set_n_workers (job, 8);
  vt_job_add_paths (job, paths, FALSE);
  vt_job_run_sync (job, &error);
  g_assert_no_error (error);

  stats = vt_job_get_stats (job);
  g_assert_cmpuint (stats->n_done, ==, count);
  g_test_message ("%u photos of %d × %d decoded at once on %u cores",
                  stats->max_in_flight, w, h, g_get_num_processors ());
  vt_test_remove_tree (dir);
  return stats->max_in_flight;
}

/* Eight workers compute on no more photos at once than there are cores:
 * the others wait, read, instead of taking turns on the cores. Eight
 * photos in flight on two cores, as before, would fail this. */
static void
test_computes_one_photo_per_core (void)
{
  guint n = max_in_flight (16, 800, 600, "thumbnail=150x150,medium=500x500,large=1200x1200");

  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, MIN (g_get_num_processors (), 8));
}

/* Photos over 16 megapixels once decoded (here in full, for a larger
 * size) start only while the budget of 5 megapixels per core has room, or
 * alone: on two cores, one at a time. */
static void
test_budget_bounds_large_photos (void)
{
  guint n = max_in_flight (3, 4800, 3600, "whole=5000x5000");

  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, MAX (1, g_get_num_processors () * 5 / 17));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, n, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), vt_test_folders_set_up, func, vt_test_folders_tear_down)
  ADD ("/job/default-recipe-outputs", 4, test_default_recipe_outputs);
  ADD ("/job/worker-count-invariance", 8, test_worker_count_invariance);
  ADD ("/job/bad-photos-among-good", 4, test_bad_photos_among_good);
  ADD ("/job/events-on-main-thread", 4, test_events_on_main_thread);
  ADD ("/job/cancel-mid-batch", 40, test_cancel_mid_batch);
  ADD ("/job/same-stem", 4, test_same_stem);
  ADD ("/job/own-format-keeps-name", 0, test_own_format_keeps_name);
  ADD ("/job/counter-token", 3, test_counter_token);
  ADD ("/job/never-overwrites-input", 1, test_never_overwrites_input);
  ADD ("/job/output-inside-input", 4, test_output_inside_input);
  ADD ("/job/skip-existing", 4, test_skip_existing);
  ADD ("/job/skip-existing-recipe-changed", 4, test_skip_existing_recipe_changed);
  ADD ("/job/skip-existing-without-stamp", 4, test_skip_existing_without_stamp);
  ADD ("/job/unwritable-output", 2, test_unwritable_output);
#undef ADD
  g_test_add_func ("/job/computes-one-photo-per-core", test_computes_one_photo_per_core);
  g_test_add_func ("/job/budget-bounds-large-photos", test_budget_bounds_large_photos);
  return g_test_run ();
}
