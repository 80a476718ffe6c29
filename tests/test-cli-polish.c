/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-polish.c: vitrina-cli's help, language and summary as a user reads them */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "vt-test-utils.h"

#define run_cli(r, env, ...) vt_test_run ((r), (env), NULL, vt_test_cli_path (), __VA_ARGS__)

/* The optional N reads as optional, with one "=". */
static void
test_help_shard_from_env (void)
{
  g_auto(VtTestRun) r = { 0 };

  run_cli (&r, NULL, "process", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--shard-from-env=[N]"));
  g_assert_null (strstr (r.out, "=[="));
}

/* Run from the build folder, the CLI finds its translations there as the
 * app does, with no VITRINA_LOCALEDIR. */
static void
test_spanish_from_build_tree (void)
{
  g_auto(VtTestRun) r = { 0 };

  g_unsetenv ("VITRINA_LOCALEDIR");
  run_cli (&r, vt_test_spanish_env (), "process", "in", NULL);
  vt_assert_run (&r, 2, NULL, "falta --output");
}

/* After Ctrl+C the summary counts as too small only photos that were
 * made, not those cancelled. */
static void
test_cancelled_not_counted_small (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *large = g_build_filename (out, "large", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  const char *line;
  guint n_small = 0;

  g_assert_true (vt_sample_write (in, 40, 800, 600, NULL));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              vt_test_cli_path (), "process", in, "-o", out, "--workers", "1", "--quiet", NULL);
  g_assert_no_error (error);
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) made = g_file_test (large, G_FILE_TEST_IS_DIR) ? vt_test_list_files (large) : NULL;

      if (made != NULL && made->len >= 2)
        break;
      g_usleep (5000);
    }
  g_subprocess_send_signal (process, SIGINT);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("%s", stdout_text);

  line = strstr (stdout_text, " smaller than a size");
  g_assert_nonnull (line);
  while (line > stdout_text && line[-1] != '\n')
    line--;
  n_small = strtoul (line, NULL, 10);
  g_assert_cmpuint (n_small, >=, 1);
  g_assert_cmpuint (n_small, <, 40);
}

static const VtTestCase tests[] = {
  { "/cli-polish/help-shard-from-env", test_help_shard_from_env },
  { "/cli-polish/spanish-from-build-tree", test_spanish_from_build_tree },
  { "/cli-polish/cancelled-not-counted-small", test_cancelled_not_counted_small },
};

VT_TEST_MAIN (tests)
