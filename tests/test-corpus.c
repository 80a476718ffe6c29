/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-corpus.c: odd and exotic inputs, decoded and run through the CLI
 *
 * The files come from tests/fixtures/make-corpus.py, with the reference
 * decodes of each format's own tools (dwebp, heif-convert, ImageMagick,
 * Pillow) in tests/fixtures/corpus-ref/.
 */
#include "config.h"

#include <string.h>
#include <libheif/heif.h>

#include "vt-test-utils.h"

static cairo_surface_t *
load_corpus (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "corpus", name, NULL);

  return vt_test_load_file (path);
}

static cairo_surface_t *
load_ref (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "corpus-ref", name, NULL);

  return vt_test_load_file (path);
}

typedef struct {
  const char *file;
  const char *ref;          /* in corpus-ref/ */
  int         orientation;  /* the turn from the reference to the decode */
  int         tolerance;    /* the largest difference in any channel */
} Decode;

static const Decode decodes[] = {
  { "webp-lossy.webp", "webp-lossy.png", 1, 0 },
  { "webp-named.jpg", "pattern.png", 1, 0 },         /* lossless */
  { "webp-alpha.webp", "webp-alpha.png", 1, 1 },
  { "webp-animated.webp", "pattern.png", 1, 0 },     /* the first frame */
  { "webp-exif-6.webp", "pattern.png", 6, 0 },
  { "tiff-16bit.tif", "pattern.png", 1, 0 },         /* rounded, not truncated */
  { "bigtiff-16bit.tif", "pattern.png", 1, 0 },
  { "tiff-tiled-16bit.tif", "pattern.png", 1, 0 },
  { "tiff-tiled.tif", "pattern.png", 1, 0 },
  { "tiff-named.png", "pattern.png", 1, 0 },
  { "tiff-orient-6.tif", "pattern.png", 6, 0 },
  { "tiff-float-grey.tif", "tiff-float-grey.png", 1, 1 },
  { "tiff-cmyk.tif", "tiff-cmyk.png", 1, 2 },
  { "tiff-cmyk16.tif", "tiff-cmyk.png", 1, 2 },
  { "gif-local-palette.gif", "gif-local-palette.png", 1, 0 },
  { "gif-no-palette.gif", "gif-no-palette.png", 1, 0 },
  { "zero-height.gif", "gif-local-palette.png", 1, 0 },
  { "heic-irot-exif-6.heic", "heic-irot-exif-6.png", 1, 1 },
  { "avif-alpha.avif", "avif-alpha.png", 1, 1 },
};

/* Each format decodes to the reference's size and pixels, upright. */
static void
test_decode (gconstpointer data)
{
  const Decode *d = data;
  g_autoptr(cairo_surface_t) image = load_corpus (d->file);
  g_autoptr(cairo_surface_t) ref = vt_image_orient (load_ref (d->ref), d->orientation);

  g_assert_nonnull (image);
  g_assert_cmpint (vt_image_get_width (image), ==, vt_image_get_width (ref));
  g_assert_cmpint (vt_image_get_height (image), ==, vt_image_get_height (ref));
  g_assert_cmpint (vt_test_max_diff (image, ref), <=, d->tolerance);
}

/* The HEIC is stored on its side, with an irot turn and EXIF orientation
 * 6 as phones write: turned once, not twice. The pattern's white square is
 * at its top-left corner, so upright it is at the top right. */
static void
test_heic_turned_once (void)
{
  g_autoptr(cairo_surface_t) image = load_corpus ("heic-irot-exif-6.heic");

  g_assert_cmpint (vt_image_get_width (image), ==, 32);
  g_assert_cmpint (vt_image_get_height (image), ==, 48);
  vt_assert_rgb (image, 24, 8, 255, 255, 255, 6);
  g_assert_cmpint (vt_test_pixel (image, 8, 8) & 0xFFFFFF, !=, 0xFFFFFF);
}

/* Transparent pixels come out on white, opaque ones as they are. */
static void
test_alpha_on_white (void)
{
  const char *files[] = { "webp-alpha.webp", "avif-alpha.avif" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(cairo_surface_t) image = load_corpus (files[i]);
      g_autoptr(cairo_surface_t) opaque = load_ref ("pattern.png");

      vt_assert_rgb (image, 0, 20, 255, 255, 255, 1);
      g_assert_cmpint (ABS ((int) (vt_test_pixel (image, 47, 20) & 0xFF) -
                            (int) (vt_test_pixel (opaque, 47, 20) & 0xFF)), <=, 3);
    }
}

/* Downloads are named by their bytes (vt-fetcher.c), without a loader. */
static void
test_extension (void)
{
  const char *cases[][2] = {
    { "webp-named.jpg", "webp" }, { "tiff-named.png", "tif" }, { "bigtiff-16bit.tif", "tif" },
    { "heic-irot-exif-6.heic", "heic" }, { "avif-alpha.avif", "avif" },
    { "zero-width.png", "png" }, { "gif-no-palette.gif", "gif" }, { "notes.webp", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "corpus", cases[i][0], NULL);
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

      g_assert_nonnull (file);
      g_assert_cmpstr (vt_image_extension ((const guint8 *) g_mapped_file_get_contents (file),
                                           g_mapped_file_get_length (file)), ==, cases[i][1]);
    }
}

/* The files no common tool reads (Pillow refuses each), and why. */
static const struct {
  const char *file;
  const char *reason;
} refused[] = {
  { "huge-canvas.webp", "Damaged WebP data" },
  { "huge-screen.gif", "above the limit of 100 megapixels" },
  { "heic-vvc.heic", "libheif has no decoder for its codec" },
  { "huge-width.tif", "above the limit of 65535 a side" },
  { "notes.webp", "Not a photo in a supported format" },
  { "tiff-rgb-one-sample.tif", "This kind of TIFF is not supported" },
  { "truncated.gif", "Damaged image data" },
  { "truncated.heic", "Damaged HEIF data" },
  { "truncated.tif", "Damaged TIFF data" },
  { "truncated.webp", "Damaged WebP data" },
  { "zero-frame.gif", "a frame of the GIF has no pixels" },
  { "zero-width.png", "no pixels (0 × 16)" },
  { "zero-width.tif", "no pixels (0 × 32)" },
};

/* heic-vvc.heic is a HEIC retagged as VVC, with no VVC configuration.
 * libheif before 1.18 knows no VVC and says so; later ones parse it as VVC
 * and find it damaged. Either way it is named and refused. */
static const char *
refused_reason (guint i)
{
  if (g_str_equal (refused[i].file, "heic-vvc.heic") && heif_get_version_number () >= 0x01120000)
    return "Damaged HEIF data";
  return refused[i].reason;
}

static guint
count_failure_lines (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], "vitrina-cli: ") && strstr (lines[i], "/corpus/") != NULL &&
         strstr (lines[i], ", smaller than the size") == NULL;
  return n;
}

/* The whole corpus through `vitrina-cli process`: no crash, no critical,
 * every refusal named with its file and reason, the rest written. */
static void
test_cli_corpus (void)
{
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "fixtures", "corpus", NULL);
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) inputs = vt_test_list_files (corpus);
  guint readable = inputs->len - G_N_ELEMENTS (refused);
  g_auto(VtTestRun) r = { 0 };
  const char *std_out, *std_err;

  g_assert_nonnull (g_strrstr (g_getenv ("G_DEBUG"), "fatal-criticals"));
  vt_test_run (&r, NULL, NULL, vt_test_cli_path (), "process", corpus, "-o", out, "--sizes=small=64x64", NULL);
  std_out = r.out;
  std_err = r.err;
  g_test_message ("%s", std_err);

  g_assert_cmpint (r.status, ==, 1);
  g_assert_null (strstr (std_err, "CRITICAL"));
  g_assert_null (strstr (std_err, "WARNING"));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *line = g_strdup_printf ("/corpus/%s: ", refused[i].file);
      const char *at = strstr (std_err, line);

      const char *reason = refused_reason (i);

      g_assert_nonnull (at);
      g_assert_nonnull (strstr (at, reason));
      g_assert_true (strstr (at, reason) < strchr (at, '\n'));
    }
  g_assert_cmpuint (count_failure_lines (std_err), ==, G_N_ELEMENTS (refused));
  summary = g_strdup_printf ("%u photos: %u done, %u failed", inputs->len, readable,
                             (guint) G_N_ELEMENTS (refused));
  g_assert_nonnull (strstr (std_out, summary) ? std_out : strstr (std_err, summary));
  {
    g_autofree char *small = g_build_filename (out, "small", NULL);
    g_autoptr(GPtrArray) written = vt_test_list_files (small);

    g_assert_cmpuint (written->len, ==, readable);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (decodes); i++)
    {
      g_autofree char *name = g_strdup_printf ("/corpus/decode/%s", decodes[i].file);
      g_test_add_data_func (name, &decodes[i], test_decode);
    }
  g_test_add_func ("/corpus/heic-turned-once", test_heic_turned_once);
  g_test_add_func ("/corpus/alpha-on-white", test_alpha_on_white);
  g_test_add_func ("/corpus/extension", test_extension);
  g_test_add_func ("/corpus/cli", test_cli_corpus);
  return g_test_run ();
}
