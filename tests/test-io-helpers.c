/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-io-helpers.c: the atomic-file writer, the output-folder check and the link-list parser */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "vt-atomic-file.h"
#include "vt-link-list.h"
#include "vt-output-folder.h"
#include "vt-test-utils.h"

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Written whole, over an existing file, with no temporary file left. */
static void
test_atomic_write_replaces (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a.jpg", NULL);
  g_autoptr(GBytes) first = g_bytes_new_static ("first version", 13);
  g_autoptr(GBytes) second = g_bytes_new_static ("second", 6);
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vt_atomic_file_write (path, first, &error));
  g_assert_no_error (error);
  g_assert_true (vt_atomic_file_write (path, second, &error));
  g_assert_no_error (error);

  text = read_text (path);
  g_assert_cmpstr (text, ==, "second");
  files = vt_test_list_files (dir);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (files, 0), ==, path);
}

/* A folder that is not there: an error naming the file, and nothing written. */
static void
test_atomic_write_fails (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing", "a.jpg", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (vt_atomic_file_write (path, bytes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Could not write "));
  g_assert_nonnull (strstr (error->message, path));
  files = vt_test_list_files (dir);
  g_assert_cmpuint (files->len, ==, 0);
}

/* The streamed way: a hidden file in the folder, given its name at commit. */
static void
test_atomic_temporary_commit (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "photo.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "photo.png", NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = vt_atomic_file_open_temporary (dir, &tmp);
  g_assert_cmpint (fd, >=, 0);
  base = g_path_get_basename (tmp);
  g_assert_true (g_str_has_prefix (base, ".vitrina-"));
  g_assert_cmpint (write (fd, "body", 4), ==, 4);
  g_assert_cmpint (close (fd), ==, 0);

  /* A failed commit says which file, and leaves the temporary file to the caller. */
  g_assert_false (vt_atomic_file_commit (tmp, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_true (g_file_test (tmp, G_FILE_TEST_IS_REGULAR));
  g_clear_error (&error);

  g_assert_true (vt_atomic_file_commit (tmp, path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  text = read_text (path);
  g_assert_cmpstr (text, ==, "body");
}

static void
test_output_folder (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *nested = g_build_filename (dir, "a", "b", "c", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "sub", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (vt_output_folder_ensure (nested, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_DIR));
  g_assert_true (vt_output_folder_ensure (nested, &error));  /* already there */
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  g_assert_false (vt_output_folder_ensure (under_file, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Cannot write to the output folder "));
  g_assert_nonnull (strstr (error->message, under_file));
}

static void
assert_links (const char         *text,
              const char * const *expected)
{
  g_autoptr(GPtrArray) urls = vt_link_list_parse (text);

  g_assert_cmpuint (urls->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < urls->len; i++)
    g_assert_cmpstr (g_ptr_array_index (urls, i), ==, expected[i]);
}

static void
test_link_list (void)
{
  const char *plain[] = { "http://a/1.jpg", "https://b/2.png", NULL };
  const char *csv[] = { "http://a/1.jpg", "http://a/3.jpg", NULL };
  const char *none[] = { NULL };

  assert_links ("# supplier list\n\n  http://a/1.jpg  \r\nhttps://b/2.png\n", plain);
  /* The link column found by name, in any case, quotes dropped; short rows skipped. */
  assert_links ("sku,\"Image_URL\",price\n"
                "1,\"http://a/1.jpg\",9.90\n"
                "2\n"
                "3, http://a/3.jpg ,4\n", csv);
  assert_links ("", none);
}

static const VtTestCase tests[] = {
  { "/atomic-file/write-replaces", test_atomic_write_replaces },
  { "/atomic-file/write-fails", test_atomic_write_fails },
  { "/atomic-file/temporary-commit", test_atomic_temporary_commit },
  { "/output-folder/ensure", test_output_folder },
  { "/link-list/parse", test_link_list },
};

VT_TEST_MAIN (tests)
