/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-codec.c: decoding every kind of input, and the JPEG writer */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>

#include "vt-test-utils.h"

static cairo_surface_t *
load (const char         *name,
      const VtLoadHints  *hints,
      GError            **error)
{
  g_autofree char *path = vt_test_fixture_path (name);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (file);

  return vt_image_load (bytes, hints, error);
}

/* Stored 64×32 red|blue with orientation 6: upright it is 32×64, red on top. */
static void
test_exif_orientation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) img = load ("orient-6.jpg", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (img), ==, 32);
  g_assert_cmpint (cairo_image_surface_get_height (img), ==, 64);
  vt_assert_rgb (img, 16, 8, 220, 20, 20, 12);
  vt_assert_rgb (img, 16, 56, 20, 20, 220, 12);
}

/* Inputs whose decoded pixels are known: CMYK and grey converted to RGB,
 * alpha laid over white, and the type taken from the bytes, not the name
 * (a PNG named .jpg, a palette PNG). */
typedef struct {
  const char *name;
  int         x;
  int         y;
  int         r;
  int         g;
  int         b;
  int         tolerance;
} KnownPixel;

static const KnownPixel known_pixels[] = {
  { "cmyk.jpg", 24, 16, 200, 40, 40, 10 },
  { "grey.jpg", 24, 16, 100, 100, 100, 2 },
  { "alpha.png", 5, 10, 0, 0, 255, 0 },
  { "alpha.png", 30, 10, 255, 255, 255, 0 },
  { "really-a-png.jpg", 10, 10, 10, 200, 10, 0 },
  { "palette.png", 10, 10, 10, 200, 10, 4 },
};

static void
test_known_pixel (gconstpointer data)
{
  const KnownPixel *k = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) img = load (k->name, NULL, &error);

  g_assert_no_error (error);
  vt_assert_rgb (img, k->x, k->y, k->r, k->g, k->b, k->tolerance);
}

static void
test_bad_inputs (void)
{
  /* The message names what the file looks like in the words of the MIME
   * database, whose descriptions changed case between shared-mime-info
   * releases ("plain text document", then "Plain text document"). */
  g_autofree char *plain_text = g_content_type_get_description ("text/plain");
  struct { const char *name; int code; const char *words; } cases[] = {
    { "truncated.jpg", VT_IMAGE_ERROR_CORRUPT, "truncated" },
    { "not-a-photo.jpg", VT_IMAGE_ERROR_UNKNOWN_TYPE, plain_text },
    { "empty.jpg", VT_IMAGE_ERROR_UNKNOWN_TYPE, "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *img = load (cases[i].name, NULL, &error);

      g_assert_null (img);
      g_assert_error (error, VT_IMAGE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

static void
test_pixel_limit (void)
{
  VtLoadHints hints = { .max_pixels = 1000 };  /* the 64×32 photo has 2048 pixels */
  g_autoptr(GError) error = NULL;
  cairo_surface_t *img = load ("orient-6.jpg", &hints, &error);

  g_assert_null (img);
  g_assert_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_TOO_LARGE);
}

/* Each decoder refuses a photo above the limit itself, in the same words
 * naming its size (vt_codec_check_pixels()), even when no header check ran
 * before it. */
static void
test_pixel_limit_each_decoder (void)
{
  static const struct {
    const char       *name;
    cairo_surface_t *(*decode) (const guint8 *, gsize, const VtLoadHints *, GError **);
    const char       *words;
  } cases[] = {
    { "orient-6.jpg", vt_codec_jpeg_decode, "The photo is 64 × 32 pixels, above the limit" },
    { "alpha.png", vt_codec_pixbuf_decode, "The photo is 40 × 20 pixels, above the limit" },
    { "corpus/gif-local-palette.gif", vt_codec_pixbuf_decode, "The photo is 48 × 32 pixels, above" },
    { "corpus/webp-lossy.webp", vt_codec_webp_decode, "The photo is 48 × 32 pixels, above the limit" },
  };
  VtLoadHints hints = { .max_pixels = 500 };  /* each photo has 800 or more */

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = vt_test_fixture_path (cases[i].name);
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
      g_autoptr(GError) error = NULL;
      cairo_surface_t *img = cases[i].decode ((const guint8 *) g_mapped_file_get_contents (file),
                                              g_mapped_file_get_length (file), &hints, &error);

      g_assert_null (img);
      g_assert_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

/* Shrink on load leaves at least twice the final size for the resample
 * (vt-image.h): a 1600×1200 JPEG for a 150×150 box (150×113) is decoded at
 * 1/4 (400×300; 1/8 would leave 200×150, under twice), for a 350×350 box
 * at 1/2, and for a 700×700 box in full, since 1/2 (800×600) is less than
 * twice 700×525. */
static void
test_dct_shrink (void)
{
  g_autoptr(cairo_surface_t) photo = vt_sample_render (1, 1600, 1200);
  g_autoptr(GBytes) jpeg = vt_codec_jpeg_encode (photo, 90, FALSE, NULL, NULL);
  VtLoadHints small = { 150, 150, .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS };
  VtLoadHints medium = { 350, 350, .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS };
  VtLoadHints large = { 700, 700, .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS };
  g_autoptr(cairo_surface_t) a = vt_image_load (jpeg, &small, NULL);
  g_autoptr(cairo_surface_t) b = vt_image_load (jpeg, &medium, NULL);
  g_autoptr(cairo_surface_t) c = vt_image_load (jpeg, &large, NULL);

  g_assert_cmpint (cairo_image_surface_get_width (a), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (a), ==, 300);
  g_assert_cmpint (cairo_image_surface_get_width (b), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_width (c), ==, 1600);
}

/* What shrinking on load costs: a 1600×1200 photo for 350×263, decoded at
 * 1/2 and resampled, against the same decoded in full and resampled, as
 * Pillow does. */
static void
test_dct_shrink_quality (void)
{
  g_autoptr(cairo_surface_t) photo = vt_sample_render (1, 1600, 1200);
  g_autoptr(GBytes) jpeg = vt_codec_jpeg_encode (photo, 90, FALSE, NULL, NULL);
  VtLoadHints shrunk = { 350, 350, .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS };
  VtLoadHints full = { .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS };
  g_autoptr(cairo_surface_t) a = vt_image_load (jpeg, &shrunk, NULL);
  g_autoptr(cairo_surface_t) b = vt_image_load (jpeg, &full, NULL);
  g_autoptr(cairo_surface_t) a350 = vt_resize_surface (a, 350, 263, NULL, NULL);
  g_autoptr(cairo_surface_t) b350 = vt_resize_surface (b, 350, 263, NULL, NULL);
  double psnr = vt_test_psnr (a350, b350);

  g_test_message ("PSNR of shrink-on-load against a full decode: %.1f dB", psnr);
  g_assert_cmpint (cairo_image_surface_get_width (a), ==, 800);
  g_assert_cmpfloat (psnr, >=, 40.0);
}

static gsize
encoded_size (cairo_surface_t *img, int quality, gboolean progressive, GBytes **out)
{
  GBytes *jpeg = vt_codec_jpeg_encode (img, quality, progressive, NULL, NULL);
  gsize size = g_bytes_get_size (jpeg);

  if (out)
    *out = jpeg;
  else
    g_bytes_unref (jpeg);
  return size;
}

static gboolean
has_marker (GBytes *jpeg, guint8 marker)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (jpeg, &len);

  for (gsize i = 2; i + 1 < len; i++)
    if (d[i] == 0xFF && d[i + 1] == marker)
      return TRUE;
  return FALSE;
}

static void
test_jpeg_quality_and_size (void)
{
  g_autoptr(cairo_surface_t) img = vt_sample_render (3, 500, 375);
  g_autoptr(GBytes) baseline = NULL;
  g_autoptr(GBytes) progressive = NULL;
  g_autoptr(cairo_surface_t) back = NULL;

  g_assert_cmpuint (encoded_size (img, 50, FALSE, NULL), <, encoded_size (img, 85, FALSE, &baseline));
  g_assert_cmpuint (encoded_size (img, 85, FALSE, NULL), <, encoded_size (img, 95, FALSE, NULL));
  encoded_size (img, 85, TRUE, &progressive);

  g_assert_true (has_marker (baseline, 0xC0));     /* SOF0: baseline */
  g_assert_true (has_marker (progressive, 0xC2));  /* SOF2: progressive */
  g_assert_false (has_marker (baseline, 0xE1));    /* no APP1: no EXIF, no GPS */

  back = vt_image_load (baseline, NULL, NULL);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, 500);
  g_assert_cmpint (vt_test_max_diff (back, img), <=, 60);
}

/* What libjpeg writes with its own optimised tables, for the same pixels. */
static GBytes *
libjpeg_encode (cairo_surface_t *img,
                int              quality)
{
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;
  unsigned char *buffer = NULL;
  unsigned long size = 0;
  int stride = cairo_image_surface_get_stride (img);

  cinfo.err = jpeg_std_error (&jerr);
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &buffer, &size);
  cinfo.image_width = cairo_image_surface_get_width (img);
  cinfo.image_height = cairo_image_surface_get_height (img);
  cinfo.input_components = 4;
  cinfo.in_color_space = G_BYTE_ORDER == G_LITTLE_ENDIAN ? JCS_EXT_BGRX : JCS_EXT_XRGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  cinfo.optimize_coding = TRUE;
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      JSAMPROW row = cairo_image_surface_get_data (img) + (gsize) cinfo.next_scanline * stride;
      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  return g_bytes_new_with_free_func (buffer, size, free, buffer);
}

/* The writer counts the Huffman symbols itself (vt-codec-jpeg-huffman.c):
 * the files must be libjpeg's own, byte for byte, for photos, noise (every
 * coefficient set), flat areas (long runs of zeros, end-of-block only),
 * sizes that leave partial blocks, and qualities from 1 to 100; with the
 * AVX2 counting and with the plain one. */
static void
test_jpeg_tables_as_libjpeg (void)
{
  cairo_surface_t *images[] = {
    vt_sample_render (3, 500, 375),
    vt_sample_render (5, 150, 113),
    vt_test_noise (33, 17, 7),
    vt_test_noise (64, 64, 8),
    vt_image_new (1, 1, NULL),
    vt_image_new (40, 24, NULL),
  };
  const int qualities[] = { 1, 50, 85, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      for (guint q = 0; q < G_N_ELEMENTS (qualities); q++)
        {
          g_autoptr(GBytes) theirs = libjpeg_encode (images[i], qualities[q]);

          for (int simd = 0; simd <= 1; simd++)
            {
              g_autoptr(GBytes) ours = NULL;

              vt_test_set_simd (simd);
              ours = vt_codec_jpeg_encode (images[i], qualities[q], FALSE, NULL, NULL);
              g_test_message ("image %u at quality %d, simd %d: %zu bytes",
                              i, qualities[q], simd, g_bytes_get_size (ours));
              g_assert_true (g_bytes_equal (ours, theirs));
            }
        }
      cairo_surface_destroy (images[i]);
    }
}

/* The inputs the fuzzer found and kept (tests/fuzz/corpus), each either
 * decoded or named; under AddressSanitizer (the sanitize lane) this also
 * holds every past overflow fixed. */
static void
test_fuzz_corpus (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", NULL);
  g_autoptr(GPtrArray) files = vt_test_list_files (dir);
  VtLoadHints hints = { 600, 600, .max_pixels = 4 * 1000 * 1000 };

  g_assert_cmpuint (files->len, >=, 20);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (files->pdata[i], FALSE, NULL);
      /* A copy of the exact length, so that ASan sees a read past it. */
      g_autoptr(GBytes) bytes = g_bytes_new (g_mapped_file_get_contents (file),
                                             g_mapped_file_get_length (file));
      g_autoptr(GError) error = NULL;
      g_autoptr(cairo_surface_t) image = vt_image_load (bytes, &hints, &error);

      g_test_message ("%s: %s", (char *) files->pdata[i], error ? error->message : "decoded");
      g_assert_true ((image == NULL) != (error == NULL));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/codec/exif-orientation", test_exif_orientation);
  for (guint i = 0; i < G_N_ELEMENTS (known_pixels); i++)
    {
      const KnownPixel *k = &known_pixels[i];
      g_autofree char *path = g_strdup_printf ("/codec/known-pixel/%s-%d-%d", k->name, k->x, k->y);

      g_test_add_data_func (path, k, test_known_pixel);
    }
  g_test_add_func ("/codec/bad-inputs", test_bad_inputs);
  g_test_add_func ("/codec/fuzz-corpus", test_fuzz_corpus);
  g_test_add_func ("/codec/pixel-limit", test_pixel_limit);
  g_test_add_func ("/codec/pixel-limit-each-decoder", test_pixel_limit_each_decoder);
  g_test_add_func ("/codec/dct-shrink", test_dct_shrink);
  g_test_add_func ("/codec/dct-shrink-quality", test_dct_shrink_quality);
  g_test_add_func ("/codec/jpeg-quality-and-size", test_jpeg_quality_and_size);
  g_test_add_func ("/codec/jpeg-tables-as-libjpeg", test_jpeg_tables_as_libjpeg);
  return g_test_run ();
}
