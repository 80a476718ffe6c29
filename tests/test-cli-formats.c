/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-formats.c: vitrina-cli process --format and --logo, as a user runs them */
#include "config.h"

#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "vt-test-utils.h"

typedef VtTestLogoFolder Fixture;

/* vitrina-cli process IN -o OUT, quietly, then the test's own arguments. */
#define PROCESS(run, f, ...) \
  vt_test_run ((run), NULL, NULL, vt_test_cli_path (), "process", "--quiet", (f)->in, \
               "-o", (f)->out, __VA_ARGS__, NULL)

/* The file's first bytes say what it is. */
static void
assert_file_type (Fixture    *f,
                  const char *name,
                  gsize       offset,
                  const char *magic)
{
  g_autofree char *path = g_build_filename (f->out, name, NULL);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, offset + strlen (magic));
  g_assert_cmpmem (data + offset, strlen (magic), magic, strlen (magic));
}

static void
test_every_format_with_logo (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(VtTestRun) run = { 0 };
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *path = g_build_filename (f->out, "small", "product-0001.jpg", NULL);
  g_autoptr(GdkPixbuf) small = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *p;

  PROCESS (&run, f, "-s", "main=300x300,small=80x80", "--format=jpeg,webp,avif",
           "--logo", f->logo, "--logo-position=top-left", "--logo-width=30");
  g_assert_cmpint (run.status, ==, 0);
  files = vt_test_list_files (f->out);
  g_assert_cmpuint (files->len, ==, 12);
  assert_file_type (f, "main/product-0001.jpg", 0, "\xff\xd8\xff");
  assert_file_type (f, "main/product-0001.webp", 8, "WEBP");
  assert_file_type (f, "main/product-0002.avif", 4, "ftypavif");
  assert_file_type (f, "small/product-0002.webp", 8, "WEBP");

  /* 80 × 60, the logo 24 × 12 at 2 pixels from the top-left corner, red
   * at 80 % over the photo. */
  small = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (small), ==, 80);
  g_assert_cmpint (gdk_pixbuf_get_height (small), ==, 60);
  p = gdk_pixbuf_read_pixels (small) + 11 * gdk_pixbuf_get_rowstride (small) +
      22 * gdk_pixbuf_get_n_channels (small);
  g_assert_cmpint (p[0], >, 200);
  g_assert_cmpint (p[1], <, 70);
  g_assert_cmpint (p[2], <, 70);
}

/* --format after --sizes replaces every size's formats. */
static void
test_sizes_format (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(VtTestRun) run = { 0 };
  g_autoptr(GPtrArray) files = NULL;

  PROCESS (&run, f, "-s", "a=100x100:format=png+avif");
  g_assert_cmpint (run.status, ==, 0);
  files = vt_test_list_files (f->out);
  g_assert_cmpuint (files->len, ==, 4);
  assert_file_type (f, "a/product-0001.png", 1, "PNG");
  assert_file_type (f, "a/product-0001.avif", 4, "ftypavif");
}

static gboolean
same_bytes (const char *a,
            const char *b)
{
  g_autofree char *da = NULL, *db = NULL;
  gsize la, lb;

  g_assert_true (g_file_get_contents (a, &da, &la, NULL));
  g_assert_true (g_file_get_contents (b, &db, &lb, NULL));
  return la == lb && memcmp (da, db, la) == 0;
}

/* Aqua.heic beside Aqua.jpg: the JPEG keeps the plain name, though the
 * HEIC sorts first; the HEIC's output names its format. */
static void
test_own_format_keeps_name (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(VtTestRun) run = { 0 };
  g_autofree char *jpeg = g_build_filename (f->in, "product-0002.jpg", NULL);
  g_autofree char *heic = g_build_filename (f->in, "product-0001.heic", NULL);
  g_autofree char *from_heic = g_build_filename (f->out, "a", "product-0001-heic.jpg", NULL);
  g_autofree char *from_jpeg = g_build_filename (f->out, "a", "product-0001.jpg", NULL);
  g_autofree char *twin = g_build_filename (f->out, "a", "product-0002.jpg", NULL);
  g_autofree char *bytes = NULL;
  gsize len;

  /* the "HEIC" is product-0002's photo: its output is product-0002's */
  g_assert_true (g_file_get_contents (jpeg, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (heic, bytes, len, NULL));
  PROCESS (&run, f, "-s", "a=100x100");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (same_bytes (from_heic, twin));
  g_assert_false (same_bytes (from_jpeg, twin));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char *bad[][2] = {
    { "--format=jpeg,gif", "“gif”" },
    { "--format=", "No output format" },
    { "--logo-position=middle", "--logo-position" },
    { "--logo-width=0", "--logo-width" },
    { "--avif-speed=11", "--avif-speed" },
    { "--sizes=a=10x10:format=bmp", "format=bmp" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(VtTestRun) run = { 0 };

      PROCESS (&run, f, bad[i][0]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, bad[i][1]));
    }
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
}

/* A missing logo: one message naming it, before any photo. */
static void
test_missing_logo (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(VtTestRun) run = { 0 };
  g_autofree char *logo = g_build_filename (f->dir, "shop-logo.png", NULL);

  PROCESS (&run, f, "--logo", logo);
  vt_assert_run (&run, 1, NULL, "shop-logo.png");
  g_assert_null (strstr (run.err, "product-0001"));
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vt_engine_init ();

  vt_test_logo_folder_add ("/cli-formats/every-format-with-logo", 640, 480, test_every_format_with_logo);
  vt_test_logo_folder_add ("/cli-formats/sizes-format", 640, 480, test_sizes_format);
  vt_test_logo_folder_add ("/cli-formats/own-format-keeps-name", 640, 480, test_own_format_keeps_name);
  vt_test_logo_folder_add ("/cli-formats/usage-errors", 640, 480, test_usage_errors);
  vt_test_logo_folder_add ("/cli-formats/missing-logo", 640, 480, test_missing_logo);

  return g_test_run ();
}
