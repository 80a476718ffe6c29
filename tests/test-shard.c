/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-shard.c: process --shard, --shard-from-env, --files-from and report merge */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "vitrina-engine.h"
#include "vt-test-utils.h"

/* vitrina-cli with @env (NAME, VALUE pairs) added, and @input on stdin. */
#define run_cli(r, env, input, ...) vt_test_run ((r), (env), (input), vt_test_cli_path (), __VA_ARGS__)

/* In @in, a batch with two photos that want the same output name. */
static void
write_batch (const char *in)
{
  g_autofree char *first = g_build_filename (in, "product-0001.jpg", NULL);
  g_autofree char *second = g_build_filename (in, "product-0002.jpg", NULL);
  g_autofree char *jpg = g_build_filename (in, "belt.jpg", NULL);
  g_autofree char *png = g_build_filename (in, "belt.png", NULL);
  g_autofree char *data = NULL;
  gsize size;
  g_auto(VtTestRun) r = { 0 };

  run_cli (&r, NULL, NULL, "generate", "--count", "10", "--size", "200x150", in, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (first, &data, &size, NULL));
  g_assert_true (g_file_set_contents (jpg, data, size, NULL));
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (second, &data, &size, NULL));
  g_assert_true (g_file_set_contents (png, data, size, NULL));
}

static void
batch_set_up (VtTestFolders *f, gconstpointer data)
{
  vt_test_folders_set_up (f, NULL);
  write_batch (f->in);
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;
  gsize la, lb;

  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
  g_assert_cmpmem (da, la, db, lb);
}

/* The group key joins exactly the names that could collide, and the hash
 * is fixed: a change would split a batch differently on hosts that run
 * different versions. */
static void
test_group_key (void)
{
  const char *together[] = { "a.jpg", "a.png", "A.JPEG", "a-png.jpg", "a-png-2.tif", "a", NULL };
  g_autofree char *key = vt_shard_group_key ("", "x/a.jpg");
  g_autofree char *other = vt_shard_group_key ("", "a-b.jpg");
  g_autofree char *sub = vt_shard_group_key ("sub", "a.jpg");

  for (guint i = 0; together[i]; i++)
    {
      g_autofree char *k = vt_shard_group_key ("", together[i]);
      g_assert_cmpstr (k, ==, key);
    }
  g_assert_cmpstr (other, !=, key);
  g_assert_cmpstr (sub, !=, key);
  /* the hash of "/product-0001" and "/product-0002", modulo 4, worked out apart */
  g_assert_cmpuint (vt_shard_of ("", "photos/product-0001.jpg", 4), ==, 1);
  g_assert_cmpuint (vt_shard_of ("", "photos/product-0002.jpg", 4), ==, 3);
  g_assert_cmpuint (vt_shard_of ("", "photos/product-0002.jpg", 1), ==, 0);
}

static void
test_bad_values (void)
{
  const struct {
    const char *env[5];
    const char *option;
    const char *message;
  } cases[] = {
    { { NULL }, "--shard=x", "--shard expects K/N" },
    { { NULL }, "--shard=4/4", "the index must be below the count, from 0 to 3" },
    { { NULL }, "--shard=-1/4", "--shard expects K/N" },
    { { NULL }, "--shard=1/0", "--shard expects K/N" },
    { { NULL }, "--shard-from-env", "neither SLURM_ARRAY_TASK_ID" },
    { { "JOB_COMPLETION_INDEX", "1", NULL }, "--shard-from-env", "give it as --shard-from-env=N" },
    { { "JOB_COMPLETION_INDEX", "3", NULL }, "--shard-from-env=3", "task index 3 (from JOB_COMPLETION_INDEX) must be below the number of tasks, 3" },
    { { "JOB_COMPLETION_INDEX", "1", NULL }, "--shard-from-env=0", "expects the number of tasks" },
    { { "SLURM_ARRAY_TASK_ID", "two", "SLURM_ARRAY_TASK_COUNT", "4" }, "--shard-from-env", "SLURM_ARRAY_TASK_ID is “two”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(VtTestRun) r = { 0 };

      run_cli (&r, cases[i].env, NULL, "process", "in", "-o", "out", cases[i].option, NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, cases[i].message));
    }
  {
    g_auto(VtTestRun) r = { 0 };
    run_cli (&r, NULL, NULL, "process", "in", "-o", "out", "--shard=0/2", "--shard-from-env=2", NULL);
    vt_assert_run (&r, 2, NULL, "either --shard or --shard-from-env");
  }
}

/* Three shards, told their part in the three ways a batch engine can,
 * write what one run writes, each photo once; the merged report adds up. */
static void
test_three_shards (VtTestFolders *f, gconstpointer data)
{
  g_autofree char *whole = g_build_filename (f->dir, "whole", NULL);
  g_autofree char *parts = g_build_filename (f->dir, "parts", NULL);
  g_autofree char *merged = g_build_filename (f->dir, "merged.json", NULL);
  g_autofree char *whole_report = g_build_filename (f->dir, "whole.json", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) whole_parser = json_parser_new ();
  const char *envs[3][7] = {
    { NULL },
    { "SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "3", NULL },
    { "JOB_COMPLETION_INDEX", "2", NULL },
  };
  const char *options[3] = { "--shard=0/3", "--shard-from-env", "--shard-from-env=3" };
  JsonObject *m, *w;
  guint n_inputs = 0;
  g_auto(VtTestRun) r = { 0 };

  run_cli (&r, NULL, NULL, "process", f->in, "-o", whole, "--report", whole_report, "-w", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (guint k = 0; k < 3; k++)
    {
      g_auto(VtTestRun) s = { 0 };
      char *report = g_strdup_printf ("%s/reports/shard-%u.json", parts, k);

      g_ptr_array_add (reports, report);
      run_cli (&s, envs[k], NULL, "process", f->in, "-o", parts, options[k], "--report", report, "-w", "2", NULL);
      g_assert_cmpint (s.status, ==, 0);
      m = vt_test_load_report (parser, report);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (m, "shard"), "index"), ==, k);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (m, "shard"), "count"), ==, 3);
      n_inputs += json_array_get_length (json_object_get_array_member (m, "inputs"));
    }
  g_assert_cmpuint (n_inputs, ==, 12);

  files = vt_test_list_files (whole);
  g_assert_cmpuint (files->len, ==, 36);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *twin = g_build_filename (parts, path + strlen (whole), NULL);
      assert_same_file (path, twin);
    }

  g_ptr_array_add (reports, NULL);
  {
    g_auto(VtTestRun) s = { 0 };
    run_cli (&s, NULL, NULL, "report", "merge", reports->pdata[2], reports->pdata[0], reports->pdata[1],
             "-o", merged, NULL);
    vt_assert_run (&s, 0, "Merged 3 reports: 12 photos, 12 done, 0 failed", NULL);
  }
  m = vt_test_load_report (parser, merged);
  w = vt_test_load_report (whole_parser, whole_report);
  for (const char * const *c = (const char * const []) { "photos", "done", "failed", "bytes_written", NULL }; *c; c++)
    g_assert_cmpint (json_object_get_int_member (m, *c), ==, json_object_get_int_member (w, *c));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (m, "inputs")), ==, 12);
  g_assert_true (json_node_equal (json_object_get_member (m, "recipe"), json_object_get_member (w, "recipe")));
}

/* Of one photo in eight shards, seven are empty: not an error. */
static void
test_empty_shard (VtTestFolders *f, gconstpointer data)
{
  g_autofree char *photo = g_build_filename (f->in, "product-0003.jpg", NULL);
  guint n_done = 0;

  for (guint k = 0; k < 8; k++)
    {
      g_autofree char *shard = g_strdup_printf ("%u/8", k);
      g_auto(VtTestRun) r = { 0 };

      run_cli (&r, NULL, NULL, "process", photo, "-o", f->out, "--shard", shard, NULL);
      g_assert_cmpint (r.status, ==, 0);
      n_done += strstr (r.out, "1 photo: 1 done") != NULL;
      g_assert_true (strstr (r.out, "1 photo: 1 done") != NULL || strstr (r.out, "0 photos") != NULL);
    }
  g_assert_cmpuint (n_done, ==, 1);
}

static void
test_files_from (VtTestFolders *f, gconstpointer data)
{
  g_autofree char *list = g_build_filename (f->dir, "list.txt", NULL);
  g_autofree char *report = g_build_filename (f->dir, "report.json", NULL);
  g_autofree char *text = g_strdup_printf ("%s/product-0001.jpg\r\n\n%s/gone.jpg\n%s/belt.png\n", f->in, f->in, f->in);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *rep;
  g_auto(VtTestRun) r = { 0 };
  g_auto(VtTestRun) s = { 0 };
  g_auto(VtTestRun) u = { 0 };

  g_assert_true (g_file_set_contents (list, text, -1, NULL));
  run_cli (&r, NULL, NULL, "process", "-o", f->out, "--files-from", list, "--report", report, NULL);
  vt_assert_run (&r, 1, NULL, "gone.jpg");
  g_assert_nonnull (strstr (r.err, "No such file"));
  g_assert_nonnull (strstr (r.out, "3 photos: 2 done, 1 failed"));
  rep = vt_test_load_report (parser, report);
  g_assert_cmpint (json_object_get_int_member (rep, "failed"), ==, 1);

  run_cli (&s, NULL, text, "process", "-o", f->out, "--files-from", "-", "--skip-existing", NULL);
  vt_assert_run (&s, 1, "3 photos: 0 done, 1 failed, 2 skipped", NULL);

  run_cli (&u, NULL, NULL, "process", "-o", f->out, "--files-from", "no-such-list.txt", NULL);
  vt_assert_run (&u, 1, NULL, "cannot read the list of photos no-such-list.txt");
}

static void
write_shard_report (const char *in,
                    const char *out,
                    const char *shard,
                    const char *report,
                    const char *quality)
{
  g_auto(VtTestRun) r = { 0 };

  run_cli (&r, NULL, NULL, "process", in, "-o", out, "--shard", shard, "--report", report,
           "--quality", quality, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static void
test_merge_errors (VtTestFolders *f, gconstpointer data)
{
  g_autofree char *a = g_build_filename (f->dir, "a.json", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.json", NULL);
  g_autofree char *c = g_build_filename (f->dir, "c.json", NULL);
  g_autofree char *d = g_build_filename (f->dir, "d.json", NULL);
  g_autofree char *old = g_build_filename (f->dir, "old.json", NULL);
  g_autofree char *merged = g_build_filename (f->dir, "merged.json", NULL);
  const struct {
    const char *reports[3];
    const char *message;
  } cases[] = {
    { { a, c }, "were made with different recipes (quality: “85” against “60”)" },
    { { a, d }, "is shard 0 of 2 but" },
    { { a, a }, "are both shard 0 of 2: the shards overlap" },
    { { a }, "The report of shard 1 of 2 is missing" },
    { { a, old }, "does not say its recipe and shard" },
    { { a, f->in }, "Cannot read the report" },
  };

  write_shard_report (f->in, f->out, "0/2", a, "85");
  write_shard_report (f->in, f->out, "1/2", b, "85");
  write_shard_report (f->in, f->out, "1/2", c, "60");
  write_shard_report (f->in, f->out, "1/3", d, "85");
  g_assert_true (g_file_set_contents (old, "{ \"vitrina\": \"0.1.0\", \"inputs\": [] }", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(VtTestRun) r = { 0 };

      run_cli (&r, NULL, NULL, "report", "merge", cases[i].reports[0],
               cases[i].reports[1] ? cases[i].reports[1] : "-o", cases[i].reports[1] ? "-o" : merged,
               cases[i].reports[1] ? merged : NULL, NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, cases[i].message));
      g_assert_false (g_file_test (merged, G_FILE_TEST_EXISTS));
    }
  {
    g_auto(VtTestRun) r = { 0 };
    run_cli (&r, NULL, NULL, "report", "merge", b, a, "-o", merged, NULL);
    vt_assert_run (&r, 0, "Merged 2 reports: 12 photos, 12 done", NULL);
  }
}

static void
test_spanish (void)
{
  const char * const *env = vt_test_spanish_env ();
  g_auto(VtTestRun) r = { 0 };
  g_auto(VtTestRun) s = { 0 };

  run_cli (&r, env, NULL, "process", "in", "-o", "out", "--shard=4/4", NULL);
  vt_assert_run (&r, 2, NULL, "el índice debe ser menor que el total, de 0 a 3");
  run_cli (&s, env, NULL, "report", "merge", "no-such-report.json", "-o", "merged.json", NULL);
  vt_assert_run (&s, 1, NULL, "No se puede leer el informe no-such-report.json");
}

static char *
write_part (const char *dir,
            guint       index,
            guint       checked,
            guint       passed)
{
  g_autofree char *name = g_strdup_printf ("shard-%u.json", index);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = g_strdup_printf (
    "{ \"vitrina\": \"1\", \"photos\": 1, \"done\": 1, \"recipe\": { \"sizes\": \"main=2000x2000\" },"
    "  \"shard\": { \"index\": %u, \"count\": 2 },"
    "  \"compliance\": { \"channel\": \"Amazon\", \"main_size\": \"main\", \"checked\": %u, \"passed\": %u },"
    "  \"inputs\": [ { \"input\": \"p%u.jpg\", \"status\": \"done\", \"outputs\": [] } ] }",
    index, checked, passed, index);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The channel's counts of the shards add up in the merged report. */
static void
test_merge_compliance (void)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *a = write_part (dir, 0, 3, 2);
  g_autofree char *b = write_part (dir, 1, 4, 1);
  const char *paths[] = { a, b, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) merged = vt_report_merge (paths, &error);
  JsonObject *compliance;

  g_assert_no_error (error);
  compliance = json_object_get_object_member (json_node_get_object (merged), "compliance");
  g_assert_nonnull (compliance);
  g_assert_cmpstr (json_object_get_string_member (compliance, "channel"), ==, "Amazon");
  g_assert_cmpint (json_object_get_int_member (compliance, "checked"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (compliance, "passed"), ==, 3);
  vt_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shard/group-key", test_group_key);
  g_test_add_func ("/shard/bad-values", test_bad_values);
  g_test_add ("/shard/three-shards", VtTestFolders, NULL, batch_set_up, test_three_shards, vt_test_folders_tear_down);
  g_test_add ("/shard/empty-shard", VtTestFolders, NULL, batch_set_up, test_empty_shard, vt_test_folders_tear_down);
  g_test_add ("/shard/files-from", VtTestFolders, NULL, batch_set_up, test_files_from, vt_test_folders_tear_down);
  g_test_add ("/shard/merge-errors", VtTestFolders, NULL, batch_set_up, test_merge_errors, vt_test_folders_tear_down);
  g_test_add_func ("/shard/spanish", test_spanish);
  g_test_add_func ("/shard/merge-compliance", test_merge_compliance);
  return g_test_run ();
}
