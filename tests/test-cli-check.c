/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-check.c: vitrina-cli check as a user runs it: verdicts and exit statuses */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "vt-test-utils.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_check (Run *r, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;
  int wait_status;

  g_ptr_array_add (argv, (char *) g_getenv ("VITRINA_CLI"));
  g_ptr_array_add (argv, "check");
  va_start (ap, r);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* White, 2000 × 2000, a product spanning @share percent across. */
static void
write_main_photo (const char *path,
                  double      share)
{
  g_autoptr(cairo_surface_t) surface = vt_image_new (2000, 2000, NULL);
  g_autoptr(GBytes) jpeg = NULL;
  cairo_t *cr = cairo_create (surface);
  double side = 2000 * share / 100;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.6, 0.1, 0.2);
  cairo_arc (cr, 1000, 1000, side / 2, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  jpeg = vt_codec_jpeg_encode (surface, 90, FALSE, NULL, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), NULL));
}

static void
test_check_verdicts (void)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.jpg", NULL);
  g_autofree char *small = g_build_filename (dir, "small.jpg", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.jpg", NULL);
  g_auto(Run) pass = { 0 }, folder = { 0 }, fail = { 0 }, unreadable = { 0 };

  write_main_photo (good, 86);
  run_check (&pass, "--preset", "amazon", good, NULL);
  g_assert_cmpint (pass.status, ==, 0);
  g_assert_nonnull (strstr (pass.out, "good.jpg: passes"));
  g_assert_nonnull (strstr (pass.out, "1 of 1 photo passes the rules of Amazon"));

  write_main_photo (small, 70);
  run_check (&folder, "--preset", "amazon", dir, NULL);
  g_assert_cmpint (folder.status, ==, 1);
  g_assert_nonnull (strstr (folder.out, "small.jpg: breaks the rules"));
  g_assert_nonnull (strstr (folder.out, "fills 70 %"));
  g_assert_nonnull (strstr (folder.out, "1 of 2 photos pass"));

  run_check (&fail, "--preset", "mercado-libre", good, NULL);
  g_assert_cmpint (fail.status, ==, 1);
  g_assert_nonnull (strstr (fail.out, "at least 95 % asked"));

  run_check (&unreadable, "--preset", "amazon", good, missing, NULL);
  g_assert_cmpint (unreadable.status, ==, 1);
  g_assert_nonnull (strstr (unreadable.err, "missing.jpg: cannot be checked"));
  g_assert_nonnull (strstr (unreadable.out, "good.jpg: passes"));
  vt_test_remove_tree (dir);
}

static void
test_check_usage (void)
{
  g_auto(Run) unknown = { 0 }, no_preset = { 0 }, no_photos = { 0 };

  run_check (&unknown, "--preset", "shop", "x.jpg", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "no channel rules called “shop”"));
  g_assert_nonnull (strstr (unknown.err, "amazon, ebay, google-merchant, mercado-libre, shopify"));

  run_check (&no_preset, "x.jpg", NULL);
  g_assert_cmpint (no_preset.status, ==, 2);
  g_assert_nonnull (strstr (no_preset.err, "--preset"));

  run_check (&no_photos, "--preset", "ebay", NULL);
  g_assert_cmpint (no_photos.status, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/check/verdicts", test_check_verdicts);
  g_test_add_func ("/cli/check/usage", test_check_usage);
  return g_test_run ();
}
