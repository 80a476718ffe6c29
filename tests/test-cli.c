/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: vitrina-cli as a user runs it: exit statuses and messages */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

#include "vt-test-utils.h"

/* vitrina-cli with @env (NAME, VALUE pairs) added. */
#define run_cli(r, env, ...) vt_test_run ((r), (env), NULL, vt_test_cli_path (), __VA_ARGS__)

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_usage_errors (void)
{
  const char *bad[][4] = {
    { "process", "--bogus", "x", NULL },
    { "process", "in", NULL },                         /* no --output */
    { "process", "-o", "out", "--quality=0" },
    { "process", "-o", "out", "--sizes=big" },
    { "process", "-o", "out", "--unsharp=2,150" },
    { "process", "-o", "out", "--filter=blurry" },
    { "process", "-o", "out", "--fit=stretch" },
    { "process", "-o", "out", "--preset=no-such-preset" },
    { "process", "-o", "out", "--name-template={variant}" },
    { "process", "-o", "out", "--background=not-a-colour" },
    { "frobnicate", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(VtTestRun) r = { 0 };

      run_cli (&r, NULL, bad[i][0], bad[i][1], bad[i][2], bad[i][3], "in", NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpuint (count_lines (r.err), ==, 1);
      g_assert_cmpstr (r.out, ==, "");
    }
}

static void
test_help_lists_every_option (void)
{
  g_auto(VtTestRun) r = { 0 };
  const char *options[] = { "--output", "--workers", "--recursive", "--sizes", "--quality",
                            "--progressive", "--no-sharpen", "--unsharp", "--no-unsharp",
                            "--watermark", "--no-watermark", "--report", "--skip-existing",
                            "--preset", "--list-presets", "--save-preset", "--fit", "--background",
                            "--max-kb", "--filter", "--metadata", "--name-template",
                            "--web-safe-names" };

  run_cli (&r, NULL, "process", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (r.out, options[i]));
}

static void
test_process_with_a_bad_photo (VtTestFolders *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->in, "notes.jpg", NULL);
  g_autofree char *large = g_build_filename (f->out, "large", "product-0003.jpg", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(VtTestRun) gen = { 0 };
  g_auto(VtTestRun) r = { 0 };

  run_cli (&gen, NULL, "generate", "--count", "3", "--size", "400x300", f->in, NULL);
  g_assert_cmpint (gen.status, ==, 0);
  g_assert_true (g_file_set_contents (bad, "not a photo\n", -1, NULL));

  run_cli (&r, NULL, "process", f->in, "-o", f->out, "--workers", "2", "--quality", "80",
           "--unsharp", "1.5,120,2", "--watermark", "© Mi Tienda", "--report", f->report, NULL);
  g_assert_cmpint (r.status, ==, 1);
  /* the bad file is named, with a reason, and the rest was done */
  g_assert_nonnull (strstr (r.err, "notes.jpg: Not a photo"));
  g_assert_nonnull (strstr (r.out, "3 done, 1 failed"));
  g_assert_true (g_file_test (large, G_FILE_TEST_IS_REGULAR));
  vt_test_load_report (parser, f->report);
}

static guint
count_jpegs (const char *dir)
{
  g_autoptr(GPtrArray) files = vt_test_list_files (dir);
  guint n = 0;

  for (guint i = 0; i < files->len; i++)
    n += g_str_has_suffix (g_ptr_array_index (files, i), ".jpg") &&
         strstr (g_ptr_array_index (files, i), "/.vitrina-") == NULL;
  return n;
}

/* SIGKILL mid-batch leaves only whole files under final names; the same
 * command with --skip-existing then does only what is missing. */
static void
test_killed_then_resumed (VtTestFolders *f, gconstpointer data)
{
  const char *argv[] = { vt_test_cli_path (), "process", f->in, "-o", f->out, "--workers", "2", "--quiet", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(VtTestRun) again = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GPid pid;
  int status;

  g_assert_true (vt_sample_write (f->in, 40, 800, 600, NULL));
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  while (count_jpegs (f->out) < 10 && g_get_monotonic_time () < deadline)
    g_usleep (5000);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpuint (count_jpegs (f->out), <, 120);

  /* an unfinished temporary file may remain: hidden, never an output */
  vt_test_assert_whole_outputs (f->out, TRUE);

  run_cli (&again, NULL, "process", f->in, "-o", f->out, "--skip-existing", "--report", f->report, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpuint (count_jpegs (f->out), ==, 120);
  g_assert_cmpint (json_object_get_int_member (vt_test_load_report (parser, f->report), "skipped"), >, 0);
}

static void
test_spanish (void)
{
  g_auto(VtTestRun) r = { 0 };

  if (g_getenv ("VITRINA_LOCALEDIR") == NULL)
    {
      g_test_skip ("no translations built");
      return;
    }
  run_cli (&r, vt_test_spanish_env (), "process", "in", NULL);
  vt_assert_run (&r, 2, NULL, "falta --output");
}

static void
assert_jpeg_size (const char *path,
                  int         width,
                  int         height)
{
  int w = 0, h = 0;

  g_assert_nonnull (gdk_pixbuf_get_file_info (path, &w, &h));
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
}

/* Built-in presets by name, the user's saved beside them, small photos
 * flagged before the run. */
static void
test_presets (VtTestFolders *f, gconstpointer data)
{
  g_autofree char *mine = g_build_filename (f->dir, "mine", NULL);
  g_autofree char *main_size = g_build_filename (f->out, "main", "product-0001.jpg", NULL);
  g_autofree char *banner = g_build_filename (mine, "banner", "product-0002.jpg", NULL);
  const char *env[] = { "XDG_DATA_HOME", f->dir, NULL };
  g_auto(VtTestRun) list = { 0 }, ml = { 0 }, save = { 0 }, again = { 0 };

  g_assert_true (vt_sample_write (f->in, 2, 800, 600, NULL));

  run_cli (&list, env, "process", "--list-presets", NULL);
  vt_assert_run (&list, 0, "mercado-libre", NULL);
  g_assert_nonnull (strstr (list.out, "amazon"));

  /* Mercado Libre: 1200 × 1200 on white, and 800 × 600 photos are too small */
  run_cli (&ml, env, "process", f->in, "-o", f->out, "--preset", "mercado-libre", NULL);
  g_assert_cmpint (ml.status, ==, 0);
  assert_jpeg_size (main_size, 1200, 1200);
  g_assert_nonnull (strstr (ml.err, "product-0001.jpg is 800 × 600, smaller than the size “main”"));
  g_assert_nonnull (strstr (ml.out, "2 photos are smaller than a size they were made for"));

  /* saved, listed and used by name */
  run_cli (&save, env, "process", "-o", f->out, "-s", "banner=300x100:fit=fill", "--filter", "greyscale",
           "--save-preset", "mine", NULL);
  g_assert_cmpint (save.status, ==, 0);
  run_cli (&again, env, "process", f->in, "-o", mine, "--preset", "mine", "--quiet", NULL);
  g_assert_cmpint (again.status, ==, 0);
  assert_jpeg_size (banner, 300, 100);
  g_assert_null (strstr (again.out, "smaller"));
}

/* Name templates with web-safe names, and a size budget in the report. */
static void
test_names_and_budget (VtTestFolders *f, gconstpointer data)
{
  g_autofree char *sample = g_build_filename (f->in, "product-0001.jpg", NULL);
  g_autofree char *shop_name = g_build_filename (f->in, "Zapatilla Roja Ñandú.JPG", NULL);
  g_autofree char *small = g_build_filename (f->out, "zapatilla-roja-nandu-150x150.jpg", NULL);
  g_autofree char *large = g_build_filename (f->out, "zapatilla-roja-nandu-600x600.jpg", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(VtTestRun) r = { 0 };
  JsonObject *output;

  g_assert_true (vt_sample_write (f->in, 1, 800, 600, NULL));
  g_assert_cmpint (g_rename (sample, shop_name), ==, 0);

  run_cli (&r, NULL, "process", f->in, "-o", f->out, "-s", "thumb=150x150,large=600x600:max-kb=20",
           "--name-template", "{stem}-{width}x{height}", "--web-safe-names", "--report", f->report, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_jpeg_size (small, 150, 113);
  g_assert_true (g_file_test (large, G_FILE_TEST_IS_REGULAR));
  output = json_array_get_object_element (
             json_object_get_array_member (
               json_array_get_object_element (
                 json_object_get_array_member (vt_test_load_report (parser, f->report), "inputs"),
                 0),
               "outputs"),
             1);
  g_assert_cmpint (json_object_get_int_member (output, "bytes"), <=, 20000);
  g_assert_cmpint (json_object_get_int_member (output, "quality"), <, 85);
}

/* The bench's figures as data: seed 000's table from the median of the
 * rounds, each round's speedup, and what the hypervisor took meanwhile;
 * the photos all done, none left behind. */
static void
test_bench_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(VtTestRun) r = { 0 };
  g_auto(VtTestRun) zero = { 0 };
  JsonObject *o, *stages;
  JsonArray *rounds;

  run_cli (&zero, NULL, "bench", "--rounds", "0", NULL);
  vt_assert_run (&zero, 2, NULL, "--rounds");

  run_cli (&r, NULL, "bench", "--count", "4", "--size", "160x120", "--workers", "2", "--rounds", "3",
           "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpfloat (json_object_get_double_member (o, "photos"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (o, "workers"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (o, "sequential_seconds"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "parallel_seconds"), >, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "speedup"),
                                  json_object_get_double_member (o, "sequential_seconds") /
                                  json_object_get_double_member (o, "parallel_seconds"), 1e-6);
  g_assert_cmpfloat (json_object_get_double_member (o, "rounds"), ==, 3);
  rounds = json_object_get_array_member (o, "speedup_per_round");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (json_array_get_double_element (rounds, i), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "max_photos_in_flight"), <=, 2);
  g_assert_cmpfloat (json_object_get_double_member (o, "sequential_stolen_seconds"), >=, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "parallel_stolen_seconds"), >=, 0);
  stages = json_object_get_object_member (o, "stage_seconds");
  g_assert_cmpfloat (json_object_get_double_member (stages, "decode"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (stages, "encode"), >, 0);
}

/* A bench whose photos fail (here its outputs fill a small disk) stops with
 * the reason, naming a photo, instead of printing figures that mean
 * nothing; and it leaves nothing behind. */
static void
test_bench_full_disk (void)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *mnt = g_build_filename (dir, "small-disk", NULL);
  const char *env[] = { "TMPDIR", mnt, NULL };
  g_autoptr(GDir) left = NULL;
  g_auto(VtTestRun) r = { 0 };

  if (!vt_test_mount_small_disk (mnt, 300))
    {
      vt_test_remove_tree (dir);
      return;
    }
  run_cli (&r, env, "bench", "--count", "6", "--rounds", "1", "--keep-photos", dir, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "photos of 6 failed; the first, "));
  g_assert_nonnull (strstr (r.err, "product-"));
  g_assert_nonnull (strstr (r.err, "No space left on device"));

  left = g_dir_open (mnt, 0, NULL);
  g_assert_null (g_dir_read_name (left));
  g_clear_pointer (&left, g_dir_close);   /* or the disk stays busy */
  vt_test_unmount_small_disk (mnt);
  vt_test_remove_tree (dir);
}

static guint
count_occurrences (const char *text,
                   const char *word)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, word)) != NULL; p += strlen (word))
    n++;
  return n;
}

/* A batch that fills its disk stops at the first photo that no longer
 * fits, says so once, naming the folder, and counts the photos it did not
 * start, in the summary and the report; with room made, the same command
 * with --skip-existing finishes the batch. */
static void
test_process_full_disk (void)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *mnt = g_build_filename (dir, "small-disk", NULL);
  g_autofree char *report = g_build_filename (dir, "report.json", NULL);
  g_autofree char *stopped = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(VtTestRun) r = { 0 };
  g_auto(VtTestRun) again = { 0 };
  JsonObject *o;
  JsonArray *inputs;
  gint64 n_not_started, n_done;
  guint n_listed = 0;

  if (!vt_test_mount_small_disk (mnt, 400))
    {
      vt_test_remove_tree (dir);
      return;
    }
  g_assert_true (vt_sample_write (in, 24, 800, 600, NULL));
  run_cli (&r, NULL, "process", in, "-o", mnt, "--report", report, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpuint (count_occurrences (r.err, "No space left on device"), ==, 1);
  g_assert_cmpuint (count_occurrences (r.out, "No space left on device"), ==, 0);
  stopped = g_strdup_printf ("Stopped: cannot write into %s: No space left on device\n", mnt);
  g_assert_nonnull (strstr (r.err, stopped));
  g_assert_nonnull (strstr (r.out, " not started\n"));

  o = vt_test_load_report (parser, report);
  n_not_started = json_object_get_int_member (o, "not_started");
  n_done = json_object_get_int_member (o, "done");
  g_assert_cmpint (n_not_started, >, 0);
  g_assert_cmpint (json_object_get_int_member (o, "cancelled"), ==, 0);
  g_assert_cmpint (n_done + json_object_get_int_member (o, "failed") + n_not_started, ==, 24);
  g_assert_cmpint (json_object_get_int_member (o, "photos"), ==, 24);
  g_assert_nonnull (strstr (json_object_get_string_member (o, "stopped"), mnt));
  inputs = json_object_get_array_member (o, "inputs");
  for (guint i = 0; i < json_array_get_length (inputs); i++)
    n_listed += g_str_equal (json_object_get_string_member (json_array_get_object_element (inputs, i), "status"),
                             "not-started");
  g_assert_cmpint (n_listed, ==, n_not_started);
  vt_test_assert_whole_outputs (mnt, FALSE);

  vt_test_grow_small_disk (mnt, 32 * 1024);
  run_cli (&again, NULL, "process", in, "-o", mnt, "--skip-existing", "--quiet", "--report", report, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_null (strstr (again.err, "No space left"));
  g_assert_null (strstr (again.err, "Stopped"));
  o = vt_test_load_report (parser, report);
  g_assert_cmpint (json_object_get_int_member (o, "skipped"), ==, n_done);
  g_assert_cmpint (json_object_get_int_member (o, "done") + n_done, ==, 24);
  g_assert_cmpint (json_object_get_int_member (o, "not_started"), ==, 0);
  g_assert_false (json_object_has_member (o, "stopped"));
  vt_test_assert_whole_outputs (mnt, FALSE);

  vt_test_unmount_small_disk (mnt);
  vt_test_remove_tree (dir);
}

/* Replaces @name in @in with another photo, newer than every output. */
static void
retake_photo (const char *in,
              const char *name)
{
  g_autofree char *path = g_build_filename (in, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 2);
  g_autoptr(GError) error = NULL;

  vt_test_copy_fixture ("real-coffee.jpg", in, name);
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              g_date_time_to_unix (later), G_FILE_QUERY_INFO_NONE,
                                              NULL, &error));
  g_assert_no_error (error);
}

/* Two folders' photos of the same name, as two cameras' cards have, into
 * one output folder: --skip-existing does not take one photo's outputs for
 * the other's, even when the other photo is older than them. */
static void
test_skip_existing_other_folder (VtTestFolders *f, gconstpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *photo = g_build_filename (other, "product-0002.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (photo);
  g_autoptr(GError) error = NULL;
  struct {
    const char *folder;
    gint64      done, skipped;
  } runs[] = {
    { f->in, 3, 0 },
    { other, 1, 0 },   /* the older photo of the same name is made */
    { other, 0, 1 },   /* … and then skipped, its outputs its own */
    { f->in, 1, 2 },   /* in/'s product-0002.jpg is made again */
  };

  g_assert_true (vt_sample_write (f->in, 3, 400, 300, NULL));
  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  vt_test_copy_fixture ("real-coffee.jpg", other, "product-0002.jpg");
  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              g_get_real_time () / G_USEC_PER_SEC - 3600,
                                              G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_auto(VtTestRun) run = { 0 };
      JsonObject *o;

      run_cli (&run, NULL, "process", runs[i].folder, "-o", f->out, "--skip-existing", "--quiet",
               "--report", f->report, NULL);
      g_assert_cmpint (run.status, ==, 0);
      o = vt_test_load_report (parser, f->report);
      g_assert_cmpint (json_object_get_int_member (o, "done"), ==, runs[i].done);
      g_assert_cmpint (json_object_get_int_member (o, "skipped"), ==, runs[i].skipped);
    }
}

/* --skip-existing after the recipe changed makes every photo again, and
 * says why once; with the same recipe it skips them all. */
static void
test_skip_existing_recipe_changed (VtTestFolders *f, gconstpointer data)
{
  const char *notice = "The recipe changed since these outputs were made: every photo is made again\n";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(VtTestRun) first = { 0 };
  g_auto(VtTestRun) changed = { 0 };
  g_auto(VtTestRun) same = { 0 };
  g_auto(VtTestRun) retaken = { 0 };
  JsonObject *o;

  g_assert_true (vt_sample_write (f->in, 3, 400, 300, NULL));
  run_cli (&first, NULL, "process", f->in, "-o", f->out, "--skip-existing", "--quiet", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_null (strstr (first.out, notice));

  run_cli (&changed, NULL, "process", f->in, "-o", f->out, "--skip-existing", "--quality", "40", "--quiet",
           "--report", f->report, NULL);
  g_assert_cmpint (changed.status, ==, 0);
  g_assert_cmpuint (count_occurrences (changed.out, notice), ==, 1);
  o = vt_test_load_report (parser, f->report);
  g_assert_cmpint (json_object_get_int_member (o, "skipped"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (o, "done"), ==, 3);

  run_cli (&same, NULL, "process", f->in, "-o", f->out, "--skip-existing", "--quality", "40", "--quiet",
           "--report", f->report, NULL);
  g_assert_cmpint (same.status, ==, 0);
  g_assert_null (strstr (same.out, notice));
  o = vt_test_load_report (parser, f->report);
  g_assert_cmpint (json_object_get_int_member (o, "skipped"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "done"), ==, 0);

  /* A photo shot again under its old name is newer than its outputs. */
  retake_photo (f->in, "product-0002.jpg");
  run_cli (&retaken, NULL, "process", f->in, "-o", f->out, "--skip-existing", "--quality", "40", "--quiet",
           "--report", f->report, NULL);
  g_assert_cmpint (retaken.status, ==, 0);
  o = vt_test_load_report (parser, f->report);
  g_assert_cmpint (json_object_get_int_member (o, "skipped"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "done"), ==, 1);
}

/* A speedup is printed only where it means something: several photos done
 * by several workers, never for one photo. */
static void
test_speedup_only_when_meaningful (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *one = g_build_filename (in, "product-0001.jpg", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_auto(VtTestRun) gen = { 0 };
  g_auto(VtTestRun) single = { 0 };
  g_auto(VtTestRun) many = { 0 };

  run_cli (&gen, NULL, "generate", "--count", "4", "--size", "400x300", in, NULL);
  g_assert_cmpint (gen.status, ==, 0);

  run_cli (&single, NULL, "process", one, "-o", out, "--workers", "8", NULL);
  vt_assert_run (&single, 0, "1 photo: 1 done", NULL);
  g_assert_nonnull (strstr (single.out, "Wall time"));
  g_assert_null (strstr (single.out, "speedup"));

  run_cli (&many, NULL, "process", in, "-o", out, "--workers", "2", NULL);
  vt_assert_run (&many, 0, "speedup", NULL);

}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/speedup-only-when-meaningful", test_speedup_only_when_meaningful);
  g_test_add_func ("/cli/help-lists-every-option", test_help_lists_every_option);
  g_test_add ("/cli/process-with-a-bad-photo", VtTestFolders, NULL, vt_test_folders_set_up, test_process_with_a_bad_photo, vt_test_folders_tear_down);
  g_test_add ("/cli/killed-then-resumed", VtTestFolders, NULL, vt_test_folders_set_up, test_killed_then_resumed, vt_test_folders_tear_down);
  g_test_add_func ("/cli/spanish", test_spanish);
  g_test_add ("/cli/presets", VtTestFolders, NULL, vt_test_folders_set_up, test_presets, vt_test_folders_tear_down);
  g_test_add ("/cli/names-and-budget", VtTestFolders, NULL, vt_test_folders_set_up, test_names_and_budget, vt_test_folders_tear_down);
  g_test_add_func ("/cli/bench-json", test_bench_json);
  g_test_add_func ("/cli/bench-full-disk", test_bench_full_disk);
  g_test_add_func ("/cli/process-full-disk", test_process_full_disk);
  g_test_add ("/cli/skip-existing-recipe-changed", VtTestFolders, NULL, vt_test_folders_set_up, test_skip_existing_recipe_changed, vt_test_folders_tear_down);
  g_test_add ("/cli/skip-existing-other-folder", VtTestFolders, NULL, vt_test_folders_set_up, test_skip_existing_other_folder, vt_test_folders_tear_down);
  return g_test_run ();
}
