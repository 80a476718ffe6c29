/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-fidelity.c: no moiré from shrink-on-load, and a Huffman hook that cannot change a file */
#define _GNU_SOURCE
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <jpeglib.h>

#include "vt-codec.h"
#include "vt-codec-jpeg-huffman.h"
#include "vt-test-utils.h"

/* How much further from Pillow's lossless result than Pillow's own JPEG a
 * size may be. Aliasing costs 5 dB and more; JPEG noise a few tenths. */
#define MAX_LOSS_DB 1.0

typedef enum { ZONE_PLATE, STRIPES } Pattern;

static const char *pattern_names[] = { "zoneplate", "stripes" };
static const char *variant_names[] = { "thumbnail", "medium", "large" };

/* The levels make-fidelity.py writes, from the same formula and libm. */
static inline guint8
level (double phase)
{
  return (guint8) (int) floor (128.0 + 110.0 * cos (phase) + 0.5);
}

/* Rings from 0 at the centre to 0.5 cycles a pixel at the corners. */
static guint8
zone_plate_at (int x, int y, int w, int h, double k)
{
  gint64 dx = 2 * (gint64) x + 1 - w, dy = 2 * (gint64) y + 1 - h;

  return level ((double) (dx * dx + dy * dy) * k);
}

/* Tilted stripes whose period falls from 8 to 2.2 pixels, as on cloth. */
static guint8
stripes_at (int x, int y, double a, double b)
{
  gint64 u = 10 * (gint64) x + y;

  return level ((double) u * a + (double) (u * u) * b);
}

static cairo_surface_t *
make_pattern (Pattern pattern, int w, int h)
{
  cairo_surface_t *s = vt_image_new (w, h, NULL);
  guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  double q = sqrt (101.0), umax = 10 * (w - 1) + (h - 1);
  double k = G_PI / (8.0 * (sqrt ((double) ((gint64) w * w + (gint64) h * h)) / 2.0));
  double a = 2.0 * G_PI * 0.125 / q, b = G_PI * (0.45 - 0.125) / (q * umax);

  for (int y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < w; x++)
        {
          guint32 v = pattern == ZONE_PLATE ? zone_plate_at (x, y, w, h, k) : stripes_at (x, y, a, b);

          row[x] = 0xFF000000u | v << 16 | v << 8 | v;
        }
    }
  cairo_surface_mark_dirty (s);
  return s;
}

/* FNV-1a over R, G, B, row by row, as make-fidelity.py hashes Pillow's. */
static guint32
hash_rgb (cairo_surface_t *s)
{
  guint32 h = 0x811C9DC5u;

  for (int y = 0; y < vt_image_get_height (s); y++)
    for (int x = 0; x < vt_image_get_width (s); x++)
      {
        guint32 p = vt_test_pixel (s, x, y);

        for (int shift = 16; shift >= 0; shift -= 8)
          h = (h ^ ((p >> shift) & 0xFF)) * 0x01000193u;
      }
  return h;
}

/* A value from fidelity.txt: the line that starts with @key. */
static char *
expected_value (const char *key)
{
  g_autofree char *path = vt_test_fixture_path ("fidelity.txt");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ' ')
      return g_strdup (lines[i] + strlen (key) + 1);
  g_error ("no “%s” in fidelity.txt", key);
}

/* The pattern as JPEG q95 in a file, checked to decode to the very pixels
 * Pillow started from when it made the expected images. */
static char *
write_input (const char *dir, Pattern pattern, int w, int h)
{
  g_autoptr(cairo_surface_t) pixels = make_pattern (pattern, w, h);
  g_autoptr(GBytes) jpeg = vt_codec_jpeg_encode (pixels, 95, FALSE, NULL, NULL);
  g_autoptr(cairo_surface_t) decoded = vt_image_load (jpeg, NULL, NULL);
  g_autofree char *key = g_strdup_printf ("input %s %d %d", pattern_names[pattern], w, h);
  g_autofree char *hash = expected_value (key);
  g_autofree char *ours = g_strdup_printf ("%08x", hash_rgb (decoded));
  char *path = g_strdup_printf ("%s/%s-%dx%d.jpg", dir, pattern_names[pattern], w, h);

  g_assert_cmpstr (ours, ==, hash);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), NULL));
  return path;
}

/* The default recipe without watermark, or its first @n_sizes sizes. */
static VtPipeline *
recipe_pipeline (guint n_sizes)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_auto(GStrv) sizes = g_strsplit (VT_RECIPE_DEFAULT_SIZES, ",", -1);
  g_autofree char *first = NULL;

  g_assert_cmpuint (n_sizes, <=, g_strv_length (sizes));
  g_free (sizes[n_sizes]);
  sizes[n_sizes] = NULL;
  first = g_strjoinv (",", sizes);
  g_assert_true (vt_recipe_set_sizes (recipe, first, NULL));
  g_object_set (recipe, "watermark", FALSE, NULL);
  return vt_pipeline_new (recipe);
}

/* The first @n_sizes sizes of the default recipe, from the @first, as
 * written, against Pillow's ideal; the photo decoded @decoded_width wide
 * (shrink-on-load by the largest of those sizes). */
static void
check_sizes (Pattern pattern, int w, int h, guint n_sizes, guint first, int decoded_width)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *path = write_input (dir, pattern, w, h);
  g_autoptr(VtPipeline) pipeline = recipe_pipeline (n_sizes);
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) photo = vt_pipeline_load (pipeline, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (vt_image_get_width (photo), ==, decoded_width);
  for (guint v = first; v < n_sizes; v++)
    {
      g_autofree char *name = g_strdup_printf ("fidelity-%s-%dx%d-%s.png", pattern_names[pattern],
                                               w, h, variant_names[v]);
      g_autofree char *key = g_strdup_printf ("output %s %d %d %s", pattern_names[pattern], w, h,
                                              variant_names[v]);
      g_autofree char *pillow_db = expected_value (key);
      g_autoptr(cairo_surface_t) ideal = vt_test_load_fixture (name);
      g_autoptr(cairo_surface_t) rendered = vt_pipeline_render (pipeline, photo, v, NULL, NULL, &error);
      g_autoptr(GBytes) jpeg = vt_pipeline_encode (pipeline, rendered, v, VT_FORMAT_JPEG, NULL, NULL, NULL, &error);
      g_autoptr(cairo_surface_t) written = vt_image_load (jpeg, NULL, &error);
      double ours = vt_test_psnr (written, ideal), pillow = g_ascii_strtod (pillow_db, NULL);

      g_assert_no_error (error);
      g_test_message ("%s %d×%d %s, decoded %d wide: %.2f dB, Pillow's JPEG %.2f dB",
                      pattern_names[pattern], w, h, variant_names[v], decoded_width, ours, pillow);
      g_assert_cmpint (vt_image_get_width (written), ==, vt_image_get_width (ideal));
      g_assert_cmpint (vt_image_get_height (written), ==, vt_image_get_height (ideal));
      g_assert_cmpfloat (ours, >=, pillow - MAX_LOSS_DB);
    }
}

typedef struct {
  const char *path;
  Pattern     pattern;
  int         width;
  int         height;
  guint       n_sizes;        /* 0 for all of them */
  guint       first;
  int         decoded_width;  /* 0 for the photo's own width */
} FidelityCase;

static const FidelityCase fidelity_cases[] = {
  { "/fidelity/zone-plate/800x600", ZONE_PLATE, 800, 600, 0, 0, 0 },
  { "/fidelity/zone-plate/1600x1200", ZONE_PLATE, 1600, 1200, 0, 0, 0 },
  { "/fidelity/zone-plate/2560x1600", ZONE_PLATE, 2560, 1600, 0, 0, 0 },
  { "/fidelity/zone-plate/4000x3000", ZONE_PLATE, 4000, 3000, 0, 0, 0 },
  /* Where the largest size is small enough for a DCT shrink: with medium
   * (500) the largest, the 12-megapixel plate is decoded at 1/4, 1000
   * wide, twice the medium, and the medium is as close to the ideal as
   * Pillow's. (The thumbnail from that decode is not: the DCT shrink's own
   * leakage of the plate's finest rings, which no room removes, differs
   * from Pillow's box pre-reduction; see bench/fidelity.py for what it
   * costs on photos.) */
  { "/fidelity/zone-plate/4000x3000-shrunk", ZONE_PLATE, 4000, 3000, 2, 1, 1000 },
  { "/fidelity/stripes", STRIPES, 2560, 1600, 0, 0, 0 },
};

static void
test_fidelity_case (gconstpointer data)
{
  const FidelityCase *c = data;

  check_sizes (c->pattern, c->width, c->height, c->n_sizes ? c->n_sizes : G_N_ELEMENTS (variant_names),
               c->first, c->decoded_width ? c->decoded_width : c->width);
}

typedef struct {
  guint            serial;
  cairo_surface_t *after;
} Seen;

static void
ready_cb (VtPreviewer *previewer, VtPreviewResult *result, Seen *seen)
{
  seen->serial = result->serial;
  g_clear_pointer (&seen->after, cairo_surface_destroy);
  seen->after = cairo_surface_reference (result->after);
}

/* The preview decodes as the batch does: the same pixels, so what the
 * window shows of a 12-megapixel zone plate is what the batch writes
 * (its JPEG, decoded). */
static void
test_preview_equals_batch (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *path = write_input (dir, ZONE_PLATE, 4000, 3000);
  g_autoptr(VtPreviewer) previewer = vt_previewer_new ();
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtPipeline) pipeline = NULL;
  g_autoptr(cairo_surface_t) photo = NULL, batch = NULL, written = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  Seen seen = { 0 };
  guint serial;

  g_object_set (recipe, "watermark", FALSE, NULL);
  pipeline = vt_pipeline_new (recipe);
  photo = vt_pipeline_load (pipeline, path, NULL, NULL);
  batch = vt_pipeline_render (pipeline, photo, 2, NULL, NULL, NULL);
  written = vt_test_as_written (pipeline, batch, 2, VT_FORMAT_JPEG);

  g_signal_connect (previewer, "ready", G_CALLBACK (ready_cb), &seen);
  serial = vt_previewer_request (previewer, recipe, path, 2);
  while (seen.serial != serial)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpint (vt_test_max_diff (seen.after, written), ==, 0);

  g_clear_pointer (&seen.after, cairo_surface_destroy);
}

/* What the hook-equality tests encode: a photo and a zone plate. */
static GBytes *
encode_sample (guint i)
{
  g_autoptr(cairo_surface_t) img = i == 0 ? vt_sample_render (3, 800, 600)
                                          : make_pattern (ZONE_PLATE, 601, 451);

  return vt_codec_jpeg_encode (img, 85, FALSE, NULL, NULL);
}

static char *
sample_path (guint i)
{
  g_autofree char *name = g_strdup_printf ("test-fidelity-hook-%u.jpg", i);

  return g_test_build_filename (G_TEST_BUILT, name, NULL);
}

static void
assert_samples_equal_saved (void)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = sample_path (i);
      g_autofree char *saved = NULL;
      gsize len;
      g_autoptr(GBytes) now = encode_sample (i);

      g_assert_true (g_file_get_contents (path, &saved, &len, NULL));
      g_assert_cmpmem (g_bytes_get_data (now, NULL), g_bytes_get_size (now), saved, len);
    }
}

/* With every known libjpeg (Debian's, and the runtimes' that CI builds),
 * the self-check passes and the hook runs, unless the build says no. */
static void
test_hook_on (void)
{
  if (g_getenv ("VITRINA_NO_HUFFMAN_HOOK") != NULL)
    {
      g_test_skip ("VITRINA_NO_HUFFMAN_HOOK is set");
      return;
    }
#ifdef VT_HUFFMAN_HOOK
  g_assert_cmpint (vt_codec_jpeg_huffman_hook (), ==, VT_HUFFMAN_HOOK_ON);
#else
  g_assert_cmpint (vt_codec_jpeg_huffman_hook (), ==, VT_HUFFMAN_HOOK_OFF_BUILD);
#endif
}

/* The files with the hook (this process) are those without it (a child
 * with VITRINA_NO_HUFFMAN_HOOK=1), byte for byte. */
static void
test_hook_byte_identical (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("VITRINA_NO_HUFFMAN_HOOK", "1", TRUE);
      assert_samples_equal_saved ();
      g_assert_cmpint (vt_codec_jpeg_huffman_hook (), ==, VT_HUFFMAN_HOOK_OFF_ENV);
      return;
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = sample_path (i);
      g_autoptr(GBytes) jpeg = encode_sample (i);

      g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), NULL));
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A libjpeg that writes one byte differently (the test seam): the hook goes
 * off, a message says so once, and the files are still libjpeg's own. */
static void
test_hook_mismatch_turns_off (void)
{
#ifndef VT_HUFFMAN_HOOK
  g_test_skip ("built with -Dhuffman_hook=false");
  return;
#endif
  if (g_test_subprocess ())
    {
      g_unsetenv ("VITRINA_NO_HUFFMAN_HOOK");
      vt_codec_jpeg_huffman_tamper_for_tests ();
      assert_samples_equal_saved ();
      assert_samples_equal_saved ();
      g_assert_cmpint (vt_codec_jpeg_huffman_hook (), ==, VT_HUFFMAN_HOOK_OFF_MISMATCH);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Optimised Huffman tables left to libjpeg*");
  g_test_trap_assert_stderr_unmatched ("*left to libjpeg*left to libjpeg*");
}

static gpointer
encode_thread (gpointer data)
{
  return encode_sample (GPOINTER_TO_UINT (data) % 2);
}

/* Eight workers write their first JPEGs at once: one self-check, one
 * answer, the same files. */
static void
test_hook_threads (void)
{
  GThread *threads[8];

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("encode", encode_thread, GUINT_TO_POINTER (i));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GBytes) jpeg = g_thread_join (threads[i]);
      g_autofree char *path = sample_path (i % 2);
      g_autofree char *saved = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &saved, &len, NULL));
      g_assert_cmpmem (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), saved, len);
    }
}

/* The CI lane runs this suite on libjpeg-turbo builds of its own through
 * LD_LIBRARY_PATH: it must be that library that answers, not Debian's. */
static void
test_runtime_libjpeg (void)
{
  const char *expected = g_getenv ("VITRINA_EXPECT_LIBJPEG");
  Dl_info info;

  g_assert_cmpint (dladdr ((void *) jpeg_CreateCompress, &info), !=, 0);
  g_test_message ("libjpeg in use: %s", info.dli_fname);
  if (expected == NULL)
    {
      g_test_skip ("VITRINA_EXPECT_LIBJPEG is not set");
      return;
    }
  g_assert_true (g_str_has_prefix (info.dli_fname, expected));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fidelity_cases); i++)
    g_test_add_data_func (fidelity_cases[i].path, &fidelity_cases[i], test_fidelity_case);
  g_test_add_func ("/fidelity/preview-equals-batch", test_preview_equals_batch);
  g_test_add_func ("/fidelity/hook/on", test_hook_on);
  g_test_add_func ("/fidelity/hook/byte-identical", test_hook_byte_identical);
  g_test_add_func ("/fidelity/hook/mismatch-turns-off", test_hook_mismatch_turns_off);
  g_test_add_func ("/fidelity/hook/threads", test_hook_threads);
  g_test_add_func ("/fidelity/runtime-libjpeg", test_runtime_libjpeg);
  return g_test_run ();
}
