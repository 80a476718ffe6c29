/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tiff-messages.c: damaged TIFFs are refused in plain words, never in libtiff's */
#include "config.h"

#include <string.h>

#include "vitrina-engine.h"
#include "vt-test-utils.h"

/* libtiff's own words, which name its functions and fields. */
static const char * const libtiff_words[] = {
  "TIFFRead", "TIFFFetch", "Not a TIFF", "bad magic", "BigTIFF", "offsetsize", "directory count",
  "scanline", "Sorry", "Color channels", "photo: ", "Warning",
};

static void
assert_plain (const char *message)
{
  for (guint i = 0; i < G_N_ELEMENTS (libtiff_words); i++)
    if (strstr (message, libtiff_words[i]) != NULL)
      g_error ("“%s” holds libtiff’s “%s”", message, libtiff_words[i]);
}

static GError *
load_error (const char *dir,
            const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", dir, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(cairo_surface_t) photo = NULL;
  GError *error = NULL;
  char *data;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  bytes = g_bytes_new_take (data, len);
  photo = vt_image_load (bytes, NULL, &error);
  g_assert_null (photo);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", name, error->message);
  return error;
}

/* A private tag libtiff does not know only warns: the photo reads, and
 * nothing is said (a warning would abort this test, as G_DEBUG makes
 * criticals fatal and libtiff's default handler prints to stderr). */
static void
test_unknown_tag_reads (void)
{
  g_autoptr(cairo_surface_t) photo = vt_test_load_fixture ("tiff-unknown-tag.tif");

  g_assert_cmpint (cairo_image_surface_get_width (photo), ==, 96);
  vt_assert_rgb (photo, 10, 10, 200, 30, 30, 1);
}

static const struct {
  const char *dir;
  const char *file;
  const char *reason;
} damaged[] = {
  { ".", "tiff-bad-header.tif", "Damaged TIFF data: it does not start as a TIFF photo does" },
  { ".", "tiff-cut.tif", "Damaged TIFF data: the file ends too early: it was probably not copied or downloaded completely" },
  { "corpus", "truncated.tif", "Damaged TIFF data: the file ends too early" },
  { "corpus", "tiff-rgb-one-sample.tif", "This kind of TIFF is not supported: it was saved with settings this app cannot read" },
};

static void
test_damaged_in_words (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GError) error = load_error (damaged[i].dir, damaged[i].file);

      g_assert_true (error->domain == VT_IMAGE_ERROR);
      g_assert_nonnull (strstr (error->message, damaged[i].reason));
      assert_plain (error->message);
    }
}

/* The batch names the file, then the reason, in the user's language. */
static void
test_cli_spanish (void)
{
  g_autofree char *cut = g_test_build_filename (G_TEST_DIST, "fixtures", "tiff-cut.tif", NULL);
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_auto(VtTestRun) r = { 0 };

  vt_test_run (&r, vt_test_spanish_env (), NULL, vt_test_cli_path (), "process", cut, "-o", out,
               "--sizes=small=64x64", NULL);
  g_test_message ("%s", r.err);
  g_assert_nonnull (strstr (r.err, "tiff-cut.tif: "));
  g_assert_nonnull (strstr (r.err, "el archivo termina antes de tiempo"));
  assert_plain (r.err);
}

static const VtTestCase tests[] = {
  { "/tiff/unknown-tag-reads", test_unknown_tag_reads },
  { "/tiff/damaged-in-words", test_damaged_in_words },
  { "/tiff/cli-spanish", test_cli_spanish },
};

VT_TEST_MAIN (tests)
