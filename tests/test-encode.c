/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-encode.c: the WebP, AVIF and PNG writers, read back by their reference decoders */
#define _GNU_SOURCE 1  /* memmem */

#include "config.h"

#include <string.h>
#include <avif/avif.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "vt-test-utils.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (avifDecoder, avifDecoderDestroy)

/* A photo-like picture: smooth gradients, a hard edge, a round shape. */
static cairo_surface_t *
make_photo (int width,
            int height)
{
  cairo_surface_t *s = vt_image_new (width, height, NULL);
  cairo_t *cr = cairo_create (s);
  cairo_pattern_t *sky = cairo_pattern_create_linear (0, 0, width, height);

  cairo_pattern_add_color_stop_rgb (sky, 0, 0.9, 0.6, 0.2);
  cairo_pattern_add_color_stop_rgb (sky, 1, 0.1, 0.3, 0.7);
  cairo_set_source (cr, sky);
  cairo_paint (cr);
  cairo_pattern_destroy (sky);
  cairo_set_source_rgb (cr, 0.95, 0.95, 0.9);
  cairo_arc (cr, width * 0.6, height * 0.5, height * 0.3, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.2, 0.5, 0.2);
  cairo_rectangle (cr, 0, height * 0.8, width, height * 0.2);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* A cut-out: an opaque red square, a half-transparent blue band, and
 * nothing elsewhere. */
static cairo_surface_t *
make_cutout (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 48);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_rectangle (cr, 8, 8, 24, 24);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0.0, 0.0, 1.0, 0.5);
  cairo_rectangle (cr, 40, 0, 24, 48);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static cairo_surface_t *
load_bytes (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = vt_image_load (bytes, NULL, &error);

  g_assert_no_error (error);
  return surface;
}

static GBytes *
encode (cairo_surface_t  *surface,
        VtFormat          format,
        VtEncodeSettings *settings)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = vt_encode (surface, format, settings, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* Decodes @bytes with @tool ("dwebp", "avifdec"; NULL for GdkPixbuf). */
static GdkPixbuf *
decode_with (const char *tool,
             GBytes     *bytes,
             const char *extension)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *in = g_strdup_printf ("%s/in.%s", dir, extension);
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;
  int status = 0;

  g_file_set_contents (in, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  if (tool != NULL)
    {
      const char *argv[] = { tool, in, "-o", out, NULL };

      if (strcmp (tool, "avifdec") == 0)
        argv[2] = out, argv[3] = NULL;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  pixbuf = gdk_pixbuf_new_from_file (tool != NULL ? out : in, &error);
  g_assert_no_error (error);
  vt_test_remove_tree (dir);
  return pixbuf;
}

/* An opaque decoded file as an RGB24 surface, for vt_test_psnr(). */
static cairo_surface_t *
to_surface (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *in = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *s = vt_image_new (w, h, NULL);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = in + y * stride + x * n;
        ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x] =
          0xFF000000u | p[0] << 16 | p[1] << 8 | p[2];
      }
  cairo_surface_mark_dirty (s);
  return s;
}

static void
assert_rgba (GdkPixbuf *pixbuf,
             int        x,
             int        y,
             int        r,
             int        g,
             int        b,
             int        a,
             int        tolerance)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) +
                    x * gdk_pixbuf_get_n_channels (pixbuf);

  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  g_assert_cmpint (ABS (p[3] - a), <=, tolerance);
  if (a == 0)
    return;
  g_assert_cmpint (ABS (p[0] - r), <=, tolerance);
  g_assert_cmpint (ABS (p[1] - g), <=, tolerance);
  g_assert_cmpint (ABS (p[2] - b), <=, tolerance);
}

static gboolean
have_tool (const char *tool)
{
  g_autofree char *path = g_find_program_in_path (tool);

  if (path == NULL)
    g_test_skip_printf ("%s is not installed", tool);
  return path != NULL;
}

/* Decoded by its reference decoder: the right size, and as close to the
 * photo as the JPEG at its default quality. */
static void
check_lossy (VtFormat    format,
             const char *tool)
{
  g_autoptr(cairo_surface_t) photo = make_photo (320, 240);
  g_autoptr(GBytes) jpeg = encode (photo, VT_FORMAT_JPEG, NULL);
  g_autoptr(GBytes) bytes = encode (photo, format, NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(cairo_surface_t) decoded = NULL;
  g_autoptr(cairo_surface_t) via_jpeg = NULL;

  if (!have_tool (tool))
    return;
  pixbuf = decode_with (tool, bytes, vt_format_get_extension (format));
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 240);
  decoded = to_surface (pixbuf);
  via_jpeg = load_bytes (jpeg);
  g_assert_cmpfloat (vt_test_psnr (decoded, photo), >, 36.0);
  g_assert_cmpfloat (vt_test_psnr (decoded, via_jpeg), >, 34.0);
  /* Smaller than the JPEG, or there is no point to the format. */
  g_assert_cmpuint (g_bytes_get_size (bytes), <, g_bytes_get_size (jpeg));
}

static void
test_webp_lossy (void)
{
  check_lossy (VT_FORMAT_WEBP, "dwebp");
}

static void
test_avif (void)
{
  check_lossy (VT_FORMAT_AVIF, "avifdec");
}

static void
test_lossless (void)
{
  g_autoptr(cairo_surface_t) photo = make_photo (200, 150);
  VtEncodeSettings webp;
  g_autoptr(GBytes) png = encode (photo, VT_FORMAT_PNG, NULL);
  g_autoptr(GdkPixbuf) from_png = decode_with (NULL, png, "png");
  g_autoptr(cairo_surface_t) png_pixels = to_surface (from_png);

  g_assert_false (gdk_pixbuf_get_has_alpha (from_png));
  g_assert_cmpint (vt_test_max_diff (png_pixels, photo), ==, 0);

  if (!have_tool ("dwebp"))
    return;
  vt_encode_settings_init (&webp, VT_FORMAT_WEBP);
  webp.lossless = TRUE;
  {
    g_autoptr(GBytes) bytes = encode (photo, VT_FORMAT_WEBP, &webp);
    g_autoptr(GdkPixbuf) pixbuf = decode_with ("dwebp", bytes, "webp");
    g_autoptr(cairo_surface_t) pixels = to_surface (pixbuf);

    g_assert_cmpint (vt_test_max_diff (pixels, photo), ==, 0);
  }
}

/* WebP, AVIF and PNG keep a cut-out's transparency; JPEG puts it on white. */
static void
check_alpha (VtFormat    format,
             const char *tool,
             gboolean    lossless,
             int         tolerance)
{
  g_autoptr(cairo_surface_t) cutout = make_cutout ();
  VtEncodeSettings settings;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  if (tool != NULL && !have_tool (tool))
    return;
  vt_encode_settings_init (&settings, format);
  settings.lossless = lossless;
  settings.quality = 90;
  bytes = encode (cutout, format, &settings);
  pixbuf = decode_with (tool, bytes, vt_format_get_extension (format));
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 48);
  assert_rgba (pixbuf, 20, 20, 204, 26, 26, 255, tolerance);
  assert_rgba (pixbuf, 2, 40, 0, 0, 0, 0, tolerance);
  assert_rgba (pixbuf, 52, 24, 0, 0, 255, 128, tolerance);
}

static void
test_alpha_png (void)
{
  check_alpha (VT_FORMAT_PNG, NULL, FALSE, 1);
}

static void
test_alpha_webp (void)
{
  check_alpha (VT_FORMAT_WEBP, "dwebp", TRUE, 1);
  check_alpha (VT_FORMAT_WEBP, "dwebp", FALSE, 12);
}

static void
test_alpha_avif (void)
{
  check_alpha (VT_FORMAT_AVIF, "avifdec", FALSE, 12);
}

static void
test_jpeg_flattens_on_white (void)
{
  g_autoptr(cairo_surface_t) cutout = make_cutout ();
  g_autoptr(GBytes) bytes = encode (cutout, VT_FORMAT_JPEG, NULL);
  g_autoptr(cairo_surface_t) decoded = load_bytes (bytes);

  vt_assert_rgb (decoded, 20, 20, 204, 26, 26, 8);
  vt_assert_rgb (decoded, 2, 40, 255, 255, 255, 4);
  vt_assert_rgb (decoded, 52, 24, 127, 127, 255, 10);
}

/* sRGB said as each format expects: nclx in AVIF, the sRGB chunk in PNG
 * (WebP without an ICC profile is sRGB by definition). */
static void
test_srgb_said (void)
{
  g_autoptr(cairo_surface_t) photo = make_photo (64, 48);
  g_autoptr(GBytes) avif = encode (photo, VT_FORMAT_AVIF, NULL);
  g_autoptr(GBytes) png = encode (photo, VT_FORMAT_PNG, NULL);
  g_autoptr(avifDecoder) decoder = avifDecoderCreate ();
  gsize len;
  const guint8 *data = g_bytes_get_data (png, &len);

  g_assert_cmpint (avifDecoderSetIOMemory (decoder, g_bytes_get_data (avif, NULL),
                                           g_bytes_get_size (avif)), ==, AVIF_RESULT_OK);
  g_assert_cmpint (avifDecoderParse (decoder), ==, AVIF_RESULT_OK);
  g_assert_cmpint (decoder->image->colorPrimaries, ==, AVIF_COLOR_PRIMARIES_BT709);
  g_assert_cmpint (decoder->image->transferCharacteristics, ==, AVIF_TRANSFER_CHARACTERISTICS_SRGB);
  g_assert_cmpint (decoder->image->yuvRange, ==, AVIF_RANGE_FULL);

  /* The chunk right after IHDR: length 1, "sRGB". */
  g_assert_cmpuint (len, >, 33 + 13);
  g_assert_cmpmem (data + 33, 8, "\0\0\0\1sRGB", 8);
}

static GBytes *
photo_exif (void)
{
  g_autofree char *path = vt_test_fixture_path ("exif-1.jpg");
  g_autoptr(GBytes) bytes = vt_image_read (path, NULL);
  VtLoadHints hints = { .keep_exif = TRUE, .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS };
  g_autoptr(cairo_surface_t) photo = vt_image_load (bytes, &hints, NULL);

  g_assert_nonnull (vt_metadata_get (photo));
  return vt_metadata_filter (vt_metadata_get (photo), VT_METADATA_ALL);
}

static gboolean
contains (GBytes     *bytes,
          const char *needle,
          gsize       needle_len)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return memmem (data, len, needle, needle_len) != NULL;
}

/* Kept metadata goes in as the bare TIFF structure, in each format's own
 * place; none is written when the policy keeps none. */
static void
test_exif (void)
{
  g_autoptr(cairo_surface_t) photo = make_photo (64, 48);
  g_autoptr(GBytes) exif = photo_exif ();
  VtFormat formats[] = { VT_FORMAT_WEBP, VT_FORMAT_AVIF, VT_FORMAT_PNG };
  const char *chunks[] = { "EXIF", "Exif", "eXIf" };

  g_assert_nonnull (exif);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) with = vt_encode (photo, formats[i], NULL, exif, &error);
      g_autoptr(GBytes) without = encode (photo, formats[i], NULL);
      const guint8 *tiff = (const guint8 *) g_bytes_get_data (exif, NULL) + 6;

      g_assert_no_error (error);
      g_assert_true (contains (with, chunks[i], 4));
      g_assert_true (contains (with, (const char *) tiff, 8));
      g_assert_false (contains (without, chunks[i], 4));
      g_assert_false (contains (without, (const char *) tiff, 8));
    }
}

/* However many threads the AV1 encoder gets, the file is the same: one
 * recipe gives identical outputs whatever the number of workers. */
static void
test_avif_threads_identical (void)
{
  g_autoptr(cairo_surface_t) photo = make_photo (640, 480);
  VtEncodeSettings settings;
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;

  vt_encode_settings_init (&settings, VT_FORMAT_AVIF);
  settings.avif_threads = 1;
  one = encode (photo, VT_FORMAT_AVIF, &settings);
  settings.avif_threads = 8;
  two = encode (photo, VT_FORMAT_AVIF, &settings);
  g_assert_true (g_bytes_equal (one, two));
  /* And as the batch shares the cores. */
  g_clear_pointer (&two, g_bytes_unref);
  settings.avif_threads = 0;
  two = encode (photo, VT_FORMAT_AVIF, &settings);
  g_assert_true (g_bytes_equal (one, two));
}

/* A lower quality gives a smaller file, which is what max-kb searches. */
static void
test_quality_orders_size (void)
{
  g_autoptr(cairo_surface_t) photo = make_photo (320, 240);
  VtFormat formats[] = { VT_FORMAT_WEBP, VT_FORMAT_AVIF };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      VtEncodeSettings settings;
      g_autoptr(GBytes) low = NULL;
      g_autoptr(GBytes) high = NULL;

      vt_encode_settings_init (&settings, formats[i]);
      g_assert_true (vt_format_is_lossy (formats[i], &settings));
      settings.quality = 20;
      low = encode (photo, formats[i], &settings);
      settings.quality = 95;
      high = encode (photo, formats[i], &settings);
      g_assert_cmpuint (g_bytes_get_size (low), <, g_bytes_get_size (high));
    }
}

static void
test_names (void)
{
  VtFormat format = VT_FORMAT_PNG;
  VtEncodeSettings settings;

  g_assert_true (vt_format_from_string ("JPG", &format));
  g_assert_cmpint (format, ==, VT_FORMAT_JPEG);
  g_assert_true (vt_format_from_string ("avif", &format));
  g_assert_cmpint (format, ==, VT_FORMAT_AVIF);
  g_assert_false (vt_format_from_string ("gif", &format));
  g_assert_cmpstr (vt_format_get_extension (VT_FORMAT_JPEG), ==, "jpg");
  g_assert_cmpstr (vt_format_get_extension (VT_FORMAT_WEBP), ==, "webp");
  g_assert_cmpstr (vt_format_to_string (VT_FORMAT_PNG), ==, "png");

  vt_encode_settings_init (&settings, VT_FORMAT_WEBP);
  settings.lossless = TRUE;
  g_assert_false (vt_format_is_lossy (VT_FORMAT_WEBP, &settings));
  g_assert_false (vt_format_is_lossy (VT_FORMAT_PNG, NULL));
  g_assert_false (vt_format_keeps_alpha (VT_FORMAT_JPEG));
  g_assert_true (vt_format_keeps_alpha (VT_FORMAT_AVIF));
}

static void
test_format_lists (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint mask = 0;

  g_assert_true (vt_format_mask_from_string ("avif+jpeg", "+", &mask, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mask, ==, VT_FORMAT_BIT (VT_FORMAT_AVIF) | VT_FORMAT_BIT (VT_FORMAT_JPEG));
  text = vt_format_mask_to_string (mask, "+");
  g_assert_cmpstr (text, ==, "jpeg+avif");

  g_assert_true (vt_format_mask_from_string ("webp, JPG", ",", &mask, &error));
  g_assert_cmpuint (mask, ==, VT_FORMAT_BIT (VT_FORMAT_WEBP) | VT_FORMAT_BIT (VT_FORMAT_JPEG));

  mask = 7;
  g_assert_false (vt_format_mask_from_string ("jpeg,gif", ",", &mask, &error));
  g_assert_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "“gif”"));
  g_assert_cmpuint (mask, ==, 7);
  g_clear_error (&error);
  g_assert_false (vt_format_mask_from_string ("", ",", &mask, &error));
  g_assert_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_UNKNOWN_FORMAT);
}

/* Under a budget, every lossy format takes the highest quality that fits. */
static void
test_budget (void)
{
  g_autoptr(cairo_surface_t) photo = vt_test_noise (200, 150, 7);
  VtFormat formats[] = { VT_FORMAT_JPEG, VT_FORMAT_WEBP, VT_FORMAT_AVIF };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) full = encode (photo, formats[i], NULL);
      g_autoptr(GBytes) fitted = NULL;
      g_autoptr(GBytes) above = NULL;
      gsize budget = g_bytes_get_size (full) * 2 / 3;
      VtEncodeSettings settings;
      gboolean over = TRUE;
      int q = 0;

      vt_encode_settings_init (&settings, formats[i]);
      fitted = vt_encode_within (photo, formats[i], NULL, budget, NULL, &q, &over, &error);
      g_assert_no_error (error);
      g_assert_false (over);
      g_assert_cmpuint (g_bytes_get_size (fitted), <=, budget);
      g_assert_cmpint (q, <, settings.quality);
      g_assert_cmpint (q, >, 1);
      /* One step better would not have fitted. */
      settings.quality = q + 1;
      above = encode (photo, formats[i], &settings);
      g_assert_cmpuint (g_bytes_get_size (above), >, budget);
    }
}

/* A lossless format is written as it is, and said to be over budget. */
static void
test_budget_lossless (void)
{
  g_autoptr(cairo_surface_t) photo = vt_test_noise (100, 100, 3);
  g_autoptr(GError) error = NULL;
  gboolean over = FALSE;
  int q = 0;
  g_autoptr(GBytes) png = vt_encode_within (photo, VT_FORMAT_PNG, NULL, 1000, NULL, &q, &over,
                                            &error);

  g_assert_no_error (error);
  g_assert_true (over);
  g_assert_cmpuint (g_bytes_get_size (png), >, 1000);
}

static void
test_webp_too_large (void)
{
  g_autoptr(cairo_surface_t) wide = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 20000, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = vt_encode (wide, VT_FORMAT_WEBP, NULL, NULL, &error);

  g_assert_null (bytes);
  g_assert_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "16383"));
}

static const VtTestCase tests[] = {
  { "/encode/names", test_names },
  { "/encode/webp-lossy", test_webp_lossy },
  { "/encode/avif", test_avif },
  { "/encode/lossless", test_lossless },
  { "/encode/alpha-png", test_alpha_png },
  { "/encode/alpha-webp", test_alpha_webp },
  { "/encode/alpha-avif", test_alpha_avif },
  { "/encode/jpeg-flattens-on-white", test_jpeg_flattens_on_white },
  { "/encode/srgb-said", test_srgb_said },
  { "/encode/exif", test_exif },
  { "/encode/avif-threads-identical", test_avif_threads_identical },
  { "/encode/quality-orders-size", test_quality_orders_size },
  { "/encode/webp-too-large", test_webp_too_large },
  { "/encode/format-lists", test_format_lists },
  { "/encode/budget", test_budget },
  { "/encode/budget-lossless", test_budget_lossless },
};

VT_TEST_MAIN (tests)
