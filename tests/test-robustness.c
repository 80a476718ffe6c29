/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-robustness.c: a shop folder with every odd photo, run as one batch
 *
 * The corpus is built here, from committed fixtures and from photos the
 * engine encodes, and each file has its expected outcome: its upright size
 * and a colour that proves the right pixels, or the words of its error.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vt-test-utils.h"

typedef struct {
  const char *name;
  int         width;     /* upright size of the large variant; 0 if it must fail */
  int         height;
  const char *error;     /* words of the error when it must fail */
} Case;

static void
write_bytes (const char *dir, const char *name, GBytes *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
}

static void
write_flat_jpeg (const char *dir, const char *name, int w, int h, gboolean progressive)
{
  g_autoptr(cairo_surface_t) s = vt_image_new (w, h, NULL);
  cairo_t *cr = cairo_create (s);
  g_autoptr(GBytes) jpeg = NULL;

  cairo_set_source_rgb (cr, 0.2, 0.6, 0.3);
  cairo_paint (cr);
  cairo_destroy (cr);
  jpeg = vt_codec_jpeg_encode (s, 90, progressive, NULL, NULL);
  write_bytes (dir, name, jpeg);
}

/* Arithmetic coding is in libjpeg-turbo but not in our encoder's options. */
static void
write_arithmetic_jpeg (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  VtTestLibjpeg spec = { 64, 48, { 200, 40, 40 }, 0, TRUE, NULL };

  vt_test_write_libjpeg (path, &spec);
}

/* A real 16×16 JPEG whose SOF0 is rewritten to claim 65500×65500. */
static void
write_lying_jpeg (const char *dir, const char *name)
{
  g_autoptr(cairo_surface_t) s = vt_image_new (16, 16, NULL);
  g_autoptr(GBytes) jpeg = vt_codec_jpeg_encode (s, 90, FALSE, NULL, NULL);
  gsize len;
  guint8 *d = g_bytes_unref_to_data (g_steal_pointer (&jpeg), &len);
  g_autoptr(GBytes) lying = NULL;

  for (gsize i = 2; i + 8 < len; i++)
    if (d[i] == 0xFF && d[i + 1] == 0xC0)
      {
        d[i + 5] = 0xFF, d[i + 6] = 0xDC;   /* height 65500 */
        d[i + 7] = 0xFF, d[i + 8] = 0xDC;   /* width 65500 */
        break;
      }
  lying = g_bytes_new_take (d, len);
  write_bytes (dir, name, lying);
}

static void
write_garbage_jpeg (const char *dir, const char *name)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 data[4096] = { 0xFF, 0xD8, 0xFF, 0xE0 };
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 4; i < sizeof data; i++)
    data[i] = g_rand_int (rand);
  bytes = g_bytes_new (data, sizeof data);
  write_bytes (dir, name, bytes);
}

static const Case cases[] = {
  { "arithmetic.jpg", 64, 48, NULL },
  { "baseline.jpg", 64, 48, NULL },
  { "big 8000x6000.jpg", 1200, 900, NULL },
  { "broken-link.jpg", 0, 0, "No such file" },
  { "cmyk.jpg", 48, 32, NULL },
  { "empty.jpg", 0, 0, "empty" },
  { "exif-1.jpg", 30, 20, NULL }, { "exif-2.jpg", 30, 20, NULL },
  { "exif-3.jpg", 30, 20, NULL }, { "exif-4.jpg", 30, 20, NULL },
  { "exif-5.jpg", 30, 20, NULL }, { "exif-6.jpg", 30, 20, NULL },
  { "exif-7.jpg", 30, 20, NULL }, { "exif-8.jpg", 30, 20, NULL },
  { "garbage.jpg", 0, 0, "Damaged JPEG data" },
  { "grey.jpg", 48, 32, NULL },
  { "grey16.png", 20, 10, NULL },
  { "huge-header.jpg", 0, 0, "above the limit" },
  { "huge.png", 0, 0, "above the limit" },
  { "link.jpg", 64, 48, NULL },
  { "notes.txt", 0, 0, "Not a photo" },
  { "one-pixel.jpg", 1, 1, NULL },
  { "palette.png", 30, 20, NULL },
  { "png-named.jpg", 30, 20, NULL },
  { "progressive.jpg", 64, 48, NULL },
  { "tall 3x2000.jpg", 2, 1200, NULL },
  { "transparent.png", 40, 20, NULL },
  { "truncated.jpg", 0, 0, "truncated" },
  { "Zapatilla Roja Ñandú.JPG", 64, 48, NULL },
};

/* Fixtures copied into the corpus, each with the name it is copied as:
 * some names lie, some are what other programs leave beside photos. */
static const char * const copies[][2] = {
  { "cmyk.jpg", "cmyk.jpg" },
  { "grey.jpg", "grey.jpg" },
  { "grey16.png", "grey16.png" },
  { "palette.png", "palette.png" },
  { "alpha.png", "transparent.png" },
  { "really-a-png.jpg", "png-named.jpg" },
  { "huge.png", "huge.png" },
  { "truncated.jpg", "truncated.jpg" },
  { "empty.jpg", "empty.jpg" },
  { "not-a-photo.jpg", "notes.txt" },
  { "not-a-photo.jpg", ".DS_Store" },
  { "not-a-photo.jpg", "Thumbs.db" },
};

static char *
build_corpus (const char *dir)
{
  char *in = g_build_filename (dir, "Fotos de la tienda", NULL);
  g_autofree char *target = NULL;
  g_autofree char *link = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *sub = g_build_filename (in, "subcarpeta", NULL);

  g_mkdir_with_parents (sub, 0755);
  write_flat_jpeg (in, "baseline.jpg", 64, 48, FALSE);
  write_flat_jpeg (in, "progressive.jpg", 64, 48, TRUE);
  write_flat_jpeg (in, "Zapatilla Roja Ñandú.JPG", 64, 48, FALSE);
  write_flat_jpeg (in, "one-pixel.jpg", 1, 1, FALSE);
  write_flat_jpeg (in, "tall 3x2000.jpg", 3, 2000, FALSE);
  write_flat_jpeg (in, "big 8000x6000.jpg", 8000, 6000, FALSE);
  write_flat_jpeg (sub, "not-taken.jpg", 10, 10, FALSE);
  write_arithmetic_jpeg (in, "arithmetic.jpg");
  write_lying_jpeg (in, "huge-header.jpg");
  write_garbage_jpeg (in, "garbage.jpg");
  for (int o = 1; o <= 8; o++)
    {
      g_autofree char *name = g_strdup_printf ("exif-%d.jpg", o);
      vt_test_copy_fixture (name, in, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    vt_test_copy_fixture (copies[i][0], in, copies[i][1]);

  target = g_build_filename (in, "baseline.jpg", NULL);
  link = g_build_filename (in, "link.jpg", NULL);
  broken = g_build_filename (in, "broken-link.jpg", NULL);
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (symlink ("/nonexistent/photo.jpg", broken), ==, 0);
  return in;
}

static const Case *
find_case (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (g_str_equal (cases[i].name, base))
      return &cases[i];
  g_error ("unexpected input %s", path);
}

static void
check_colours (VtResult *result)
{
  const char *base = strrchr (vt_result_get_input (result), '/') + 1;
  VtOutput *large = vt_result_get_output (result, 2);
  g_autoptr(GMappedFile) file = g_mapped_file_new (large->path, FALSE, NULL);
  g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (file);
  g_autoptr(cairo_surface_t) img = vt_image_load (bytes, NULL, NULL);

  /* every orientation comes out with its red quarter top-left */
  if (g_str_has_prefix (base, "exif-"))
    {
      vt_assert_rgb (img, 2, 2, 220, 20, 20, 40);
      vt_assert_rgb (img, 26, 16, 20, 20, 220, 40);
    }
  else if (g_str_equal (base, "transparent.png"))
    vt_assert_rgb (img, 35, 10, 255, 255, 255, 8);   /* alpha over white */
  else if (g_str_equal (base, "cmyk.jpg") || g_str_equal (base, "arithmetic.jpg"))
    vt_assert_rgb (img, 20, 20, 200, 40, 40, 24);
}

static void
test_corpus (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *in = build_corpus (dir);
  g_autofree char *out = g_build_filename (dir, "web", NULL);
  const char *paths[] = { in, NULL };
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) job = vt_job_new (recipe, out);
  g_autoptr(GError) error = NULL;
  guint n_done = 0, n_failed = 0;

  g_object_set (recipe, "watermark", FALSE, NULL);
  vt_job_add_paths (job, paths, FALSE);
  /* hidden files, Thumbs.db and the subfolder are not inputs */
  g_assert_cmpuint (vt_job_get_n_results (job), ==, G_N_ELEMENTS (cases));
  g_assert_true (vt_job_run_sync (job, &error));

  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *result = vt_job_get_result (job, i);
      const Case *c = find_case (vt_result_get_input (result));
      const GError *e = vt_result_get_error (result);

      if (c->error != NULL)
        {
          g_assert_cmpint (vt_result_get_status (result), ==, VT_RESULT_FAILED);
          g_assert_nonnull (e);
          if (strstr (e->message, c->error) == NULL)
            g_error ("%s: expected “%s” in “%s”", c->name, c->error, e->message);
          n_failed++;
          continue;
        }
      if (vt_result_get_status (result) != VT_RESULT_DONE)
        g_error ("%s failed: %s", c->name, e ? e->message : "?");
      g_assert_cmpint (vt_result_get_output (result, 2)->width, ==, c->width);
      g_assert_cmpint (vt_result_get_output (result, 2)->height, ==, c->height);
      check_colours (result);
      n_done++;
    }

  g_assert_cmpuint (n_failed, ==, 7);
  g_assert_cmpuint (n_done, ==, G_N_ELEMENTS (cases) - 7);
}

/* A small disk fills up mid-batch: the first photo that no longer fits
 * fails with the reason and stops the job, every photo after it is not
 * started (neither failed nor cancelled), nothing partial is left, what
 * was written stays; once there is room, the same job with "skip photos
 * already done" finishes the batch. Needs root to mount a tmpfs; skipped
 * otherwise. */
static void
test_full_disk_with (guint n_workers)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *mnt = g_build_filename (dir, "small-disk", NULL);
  g_autoptr(VtJob) job = NULL;
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  const VtJobStats *s;
  const GError *stop;
  VtTestEvents ev = { 0 };
  guint n_full = 0, n_done;

  if (!vt_test_mount_small_disk (mnt, 400))
    {
      vt_test_remove_tree (dir);
      return;
    }
  g_assert_true (vt_sample_write (in, 12, 800, 600, NULL));
  job = vt_test_run_job (recipe, in, mnt, n_workers, FALSE, &ev);

  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *r = vt_job_get_result (job, i);
      const GError *e = vt_result_get_error (r);

      n_full += e != NULL && g_error_matches (e, G_IO_ERROR, G_IO_ERROR_NO_SPACE) &&
                strstr (e->message, "No space left") != NULL;
      if (vt_result_get_status (r) == VT_RESULT_NOT_STARTED)
        g_assert_null (e);
    }
  g_assert_cmpuint (n_full, >, 0);
  /* the job stopped at the first: one photo says so, whatever was in flight */
  g_assert_cmpuint (n_full, ==, 1);

  s = vt_job_get_stats (job);
  if (n_workers == 1)
    g_assert_cmpuint (s->n_done, >, 0);
  g_assert_cmpuint (s->n_not_started, >, 0);
  g_assert_cmpuint (s->n_cancelled, ==, 0);
  g_assert_cmpuint (s->n_done + s->n_failed + s->n_not_started, ==, 12);
  stop = vt_job_get_stop_error (job);
  g_assert_nonnull (stop);
  g_assert_true (g_error_matches (stop, G_IO_ERROR, G_IO_ERROR_NO_SPACE));
  g_assert_nonnull (strstr (stop->message, mnt));
  g_assert_nonnull (strstr (stop->message, "No space left on device"));
  /* every photo reported once, then finished, and not as cancelled */
  g_assert_cmpuint (ev.n_results, ==, 12);
  g_assert_cmpuint (ev.n_finished, ==, 1);
  g_assert_false (ev.cancelled);

  /* no temporary files, hidden or not, and every file whole */
  vt_test_assert_whole_outputs (mnt, FALSE);

  /* room made: the photos already done are skipped, the rest done */
  n_done = s->n_done;
  g_clear_object (&job);
  vt_test_grow_small_disk (mnt, 16 * 1024);
  memset (&ev, 0, sizeof ev);
  job = vt_test_run_job (recipe, in, mnt, n_workers, TRUE, &ev);
  s = vt_job_get_stats (job);
  g_assert_null (vt_job_get_stop_error (job));
  g_assert_cmpuint (s->n_failed, ==, 0);
  g_assert_cmpuint (s->n_not_started, ==, 0);
  g_assert_cmpuint (s->n_skipped, ==, n_done);
  g_assert_cmpuint (s->n_done + s->n_skipped, ==, 12);
  vt_test_assert_whole_outputs (mnt, FALSE);

  vt_test_unmount_small_disk (mnt);
  vt_test_remove_tree (dir);
}

/* one worker, so the first photos finish before the disk is full */
static void
test_full_disk (void)
{
  test_full_disk_with (1);
}

/* eight in flight when the disk fills: still one photo says so */
static void
test_full_disk_workers (void)
{
  test_full_disk_with (8);
}

static const VtTestCase tests[] = {
  { "/robustness/corpus", test_corpus },
  { "/robustness/full-disk", test_full_disk },
  { "/robustness/full-disk-workers", test_full_disk_workers },
};

VT_TEST_MAIN (tests)
