/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-alpha.c: a cut-out's transparency through vitrina-cli, kept in WebP, AVIF and PNG, flattened in JPEG and padded sizes */
#include "config.h"

#include <string.h>
#include <avif/avif.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <webp/decode.h>

#include "vitrina-engine.h"
#include "vt-test-utils.h"

/* tests/fixtures/cutout.png, 240 × 180 (made by tests/fixtures/make-cutout.py):
 * an orange (230, 120, 30) disc with soft edges, centre (80, 90), radius
 * 60, and a blue (40, 80, 220) square at alpha 128 about (190, 90), on
 * full transparency. The sizes below halve it. */
#define DISC_X   40
#define SQUARE_X 95
#define MID_Y    45

/* Straight RGBA, 4 bytes a pixel, rows packed. */
typedef struct {
  int     width;
  int     height;
  guint8 *rgba;
} Rgba;

static void
rgba_clear (Rgba *image)
{
  g_clear_pointer (&image->rgba, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rgba, rgba_clear)

static const guint8 *
pixel (const Rgba *image,
       int         x,
       int         y)
{
  g_assert_cmpint (x, <, image->width);
  g_assert_cmpint (y, <, image->height);
  return image->rgba + ((gsize) y * image->width + x) * 4;
}

static void
read_webp (const char *path,
           Rgba       *image)
{
  g_autofree char *data = NULL;
  gsize len;
  guint8 *rgba;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  rgba = WebPDecodeRGBA ((const guint8 *) data, len, &image->width, &image->height);
  g_assert_nonnull (rgba);
  image->rgba = g_memdup2 (rgba, (gsize) image->width * image->height * 4);
  WebPFree (rgba);
}

static void
read_avif (const char *path,
           Rgba       *image)
{
  g_autofree char *data = NULL;
  avifDecoder *decoder = avifDecoderCreate ();
  avifImage *decoded = avifImageCreateEmpty ();
  avifRGBImage rgb;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpint (avifDecoderReadMemory (decoder, decoded, (const guint8 *) data, len), ==, AVIF_RESULT_OK);
  g_assert_nonnull (decoded->alphaPlane);
  avifRGBImageSetDefaults (&rgb, decoded);
  rgb.format = AVIF_RGB_FORMAT_RGBA;
  rgb.depth = 8;
  rgb.rowBytes = decoded->width * 4;
  image->width = decoded->width;
  image->height = decoded->height;
  image->rgba = rgb.pixels = g_malloc ((gsize) rgb.rowBytes * decoded->height);
  g_assert_cmpint (avifImageYUVToRGB (decoded, &rgb), ==, AVIF_RESULT_OK);
  avifImageDestroy (decoded);
  avifDecoderDestroy (decoder);
}

/* JPEG and PNG through GdkPixbuf, alpha 255 where the file has none. */
static void
read_pixbuf (const char *path,
             Rgba       *image)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) read = gdk_pixbuf_new_from_file (path, &error);
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_add_alpha (read, FALSE, 0, 0, 0);
  image->width = gdk_pixbuf_get_width (pixbuf);
  image->height = gdk_pixbuf_get_height (pixbuf);
  image->rgba = g_malloc ((gsize) image->width * image->height * 4);
  for (int y = 0; y < image->height; y++)
    memcpy (image->rgba + (gsize) y * image->width * 4,
            gdk_pixbuf_read_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf),
            (gsize) image->width * 4);
}

static void
assert_rgba_near (const guint8 *p,
                  int           r,
                  int           g,
                  int           b,
                  int           a,
                  int           tolerance)
{
  if (ABS (p[0] - r) > tolerance || ABS (p[1] - g) > tolerance || ABS (p[2] - b) > tolerance ||
      ABS (p[3] - a) > tolerance)
    g_error ("pixel %d, %d, %d, %d; expected %d, %d, %d, %d within %d",
             p[0], p[1], p[2], p[3], r, g, b, a, tolerance);
}

/* vitrina-cli process on the fixture @name alone, into @dir/out. */
static void
process_fixture (const char *dir,
                 const char *name,
                 const char *sizes,
                 const char *formats)
{
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *fixture = vt_test_fixture_path (name);
  g_autofree char *copy = g_build_filename (in, name, NULL);
  g_autofree char *data = NULL;
  g_auto(VtTestRun) run = { 0 };
  gsize len;

  g_assert_cmpint (g_mkdir_with_parents (in, 0755), ==, 0);
  g_assert_true (g_file_get_contents (fixture, &data, &len, NULL));
  g_assert_true (g_file_set_contents (copy, data, len, NULL));
  vt_test_run (&run, NULL, NULL, vt_test_cli_path (), "process", "--quiet", in, "-o", out,
               "-s", sizes, "--format", formats, NULL);
  vt_assert_run (&run, 0, NULL, NULL);
}

static void
process_cutout (const char *dir,
                const char *sizes,
                const char *formats)
{
  process_fixture (dir, "cutout.png", sizes, formats);
}

/* Transparent corners, an opaque disc, a half-transparent square whose
 * straight colour is the fixture's: the alpha survives resampling,
 * sharpening and the encoder, and is not premultiplied twice. */
static void
assert_cut_out (const Rgba *image,
                int         tolerance)
{
  g_assert_cmpint (image->width, ==, 120);
  g_assert_cmpint (image->height, ==, 90);
  g_assert_cmpint (pixel (image, 0, 0)[3], ==, 0);
  g_assert_cmpint (pixel (image, 119, 89)[3], ==, 0);
  g_assert_cmpint (pixel (image, 60, 5)[3], ==, 0);
  assert_rgba_near (pixel (image, DISC_X, MID_Y), 230, 120, 30, 255, tolerance);
  assert_rgba_near (pixel (image, SQUARE_X, MID_Y), 40, 80, 220, 128, tolerance);
}

static void
test_kept_in_webp_avif_png (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *webp = g_build_filename (dir, "out", "main", "cutout.webp", NULL);
  g_autofree char *avif = g_build_filename (dir, "out", "main", "cutout.avif", NULL);
  g_autofree char *png = g_build_filename (dir, "out", "main", "cutout.png", NULL);
  g_autofree char *jpeg = g_build_filename (dir, "out", "main", "cutout.jpg", NULL);
  g_auto(Rgba) w = { 0 };
  g_auto(Rgba) a = { 0 };
  g_auto(Rgba) p = { 0 };
  g_auto(Rgba) j = { 0 };

  process_cutout (dir, "main=120x120", "webp,avif,png,jpeg");
  read_webp (webp, &w);
  read_avif (avif, &a);
  read_pixbuf (png, &p);
  read_pixbuf (jpeg, &j);
  assert_cut_out (&p, 3);
  assert_cut_out (&w, 8);
  assert_cut_out (&a, 16);

  /* JPEG on white: the corners white, the square half white, the disc
   * the colour the other formats give it. */
  assert_rgba_near (pixel (&j, 0, 0), 255, 255, 255, 255, 2);
  assert_rgba_near (pixel (&j, 119, 89), 255, 255, 255, 255, 2);
  assert_rgba_near (pixel (&j, SQUARE_X, MID_Y), 147, 167, 237, 255, 8);
  assert_rgba_near (pixel (&j, DISC_X, MID_Y), pixel (&w, DISC_X, MID_Y)[0],
                    pixel (&w, DISC_X, MID_Y)[1], pixel (&w, DISC_X, MID_Y)[2], 255, 8);
}

/* The cut-out's output in @dir with extension @ext, as process_fixture()
 * wrote it for the size main. */
static void
read_output (const char *dir,
             const char *ext,
             Rgba       *image)
{
  g_autofree char *name = g_strconcat ("cutout.", ext, NULL);
  g_autofree char *path = g_build_filename (dir, "out", "main", name, NULL);

  if (g_str_equal (ext, "webp"))
    read_webp (path, image);
  else
    read_pixbuf (path, image);
}

/* How far @image is from @reference: the mean difference of alpha over
 * all pixels, and of colour over those at least half opaque in both. */
static void
mean_differences (const Rgba *image,
                  const Rgba *reference,
                  double     *alpha,
                  double     *colour)
{
  guint64 alpha_sum = 0, colour_sum = 0, n_colour = 0;
  gsize n = (gsize) image->width * image->height;

  g_assert_cmpint (image->width, ==, reference->width);
  g_assert_cmpint (image->height, ==, reference->height);
  for (gsize i = 0; i < n; i++)
    {
      const guint8 *p = image->rgba + i * 4, *q = reference->rgba + i * 4;

      alpha_sum += ABS (p[3] - q[3]);
      if (p[3] < 128 || q[3] < 128)
        continue;
      for (int c = 0; c < 3; c++)
        colour_sum += ABS (p[c] - q[c]);
      n_colour += 3;
    }
  *alpha = (double) alpha_sum / n;
  *colour = (double) colour_sum / MAX (n_colour, 1);
}

/* HEIC and AVIF cut-outs (cutout.png through heif-enc and avifenc, see
 * tests/fixtures/README.md) keep their transparency as the PNG does: their
 * PNG and WebP outputs within a few levels of the PNG's own output, their
 * JPEG on white. */
static void
test_heif_inputs_keep_alpha (void)
{
  const char *inputs[] = { "cutout.heic", "cutout.avif" };
  g_autoptr(VtTestDir) ref_dir = vt_test_make_tmpdir ();
  g_auto(Rgba) ref = { 0 };

  process_cutout (ref_dir, "main=120x120", "png");
  read_output (ref_dir, "png", &ref);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
      g_auto(Rgba) p = { 0 }, w = { 0 }, j = { 0 };
      double alpha, colour;

      process_fixture (dir, inputs[i], "main=120x120", "png,webp,jpeg");
      read_output (dir, "png", &p);
      read_output (dir, "webp", &w);
      read_output (dir, "jpg", &j);
      assert_cut_out (&p, 6);
      assert_cut_out (&w, 10);
      mean_differences (&p, &ref, &alpha, &colour);
      g_test_message ("%s as PNG: alpha %.2f, colour %.2f levels off the PNG's on average",
                      inputs[i], alpha, colour);
      g_assert_cmpfloat (alpha, <=, 1.0);
      g_assert_cmpfloat (colour, <=, 2.0);
      mean_differences (&w, &ref, &alpha, &colour);
      g_test_message ("%s as WebP: alpha %.2f, colour %.2f", inputs[i], alpha, colour);
      g_assert_cmpfloat (alpha, <=, 1.5);
      g_assert_cmpfloat (colour, <=, 4.0);
      assert_rgba_near (pixel (&j, 0, 0), 255, 255, 255, 255, 2);
      assert_rgba_near (pixel (&j, 119, 89), 255, 255, 255, 255, 2);
      assert_rgba_near (pixel (&j, SQUARE_X, MID_Y), 147, 167, 237, 255, 10);
    }
}

static int
compare_int (const int *a,
             const int *b)
{
  return *a - *b;
}

/* Sharpening does not lighten the cut-out's edge into a halo: along the
 * disc's rim (opaque pixels beside less opaque ones) the colour stays near
 * the disc's. What is left is the resampler's ringing at a hard edge,
 * sharpened as on any opaque edge; counting the transparent pixels as
 * black made it a halo (median 25, worst 135 levels). */
static void
test_sharpened_edge_keeps_colour (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "out", "main", "cutout.png", NULL);
  g_autoptr(GArray) offs = g_array_new (FALSE, FALSE, sizeof (int));
  g_auto(Rgba) p = { 0 };

  process_cutout (dir, "main=120x120", "png");
  read_pixbuf (png, &p);
  for (int y = 1; y < p.height - 1; y++)
    for (int x = 1; x < 70; x++)
      {
        const guint8 *c = pixel (&p, x, y);
        int off;

        if (c[3] != 255 || (pixel (&p, x - 1, y)[3] == 255 && pixel (&p, x + 1, y)[3] == 255 &&
                            pixel (&p, x, y - 1)[3] == 255 && pixel (&p, x, y + 1)[3] == 255))
          continue;
        off = MAX (MAX (ABS (c[0] - 230), ABS (c[1] - 120)), ABS (c[2] - 30));
        g_array_append_val (offs, off);
      }
  g_assert_cmpuint (offs->len, >, 100);
  g_array_sort (offs, (GCompareFunc) compare_int);
  g_test_message ("rim: %u pixels, median %d, worst %d levels off", offs->len,
                  g_array_index (offs, int, offs->len / 2), g_array_index (offs, int, offs->len - 1));
  g_assert_cmpint (g_array_index (offs, int, offs->len / 2), <=, 12);
  g_assert_cmpint (g_array_index (offs, int, offs->len - 1), <=, 48);
}

/* A padded size shows the cut-out on its colour, in every format, padding
 * and transparent pixels alike. */
static void
test_flattened_on_pad_colour (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "out", "main", "cutout.png", NULL);
  g_autofree char *webp = g_build_filename (dir, "out", "main", "cutout.webp", NULL);
  g_autofree char *jpeg = g_build_filename (dir, "out", "main", "cutout.jpg", NULL);
  const char *paths[] = { png, webp, jpeg };

  process_cutout (dir, "main=120x120:fit=pad:background=#00ff00", "png,webp,jpeg");
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(Rgba) image = { 0 };

      if (i == 1)
        read_webp (paths[i], &image);
      else
        read_pixbuf (paths[i], &image);
      g_assert_cmpint (image.width, ==, 120);
      g_assert_cmpint (image.height, ==, 120);
      assert_rgba_near (pixel (&image, 0, 0), 0, 255, 0, 255, 4);          /* the pad */
      assert_rgba_near (pixel (&image, 0, 60), 0, 255, 0, 255, 4);         /* the cut-out's corner */
      assert_rgba_near (pixel (&image, DISC_X, 60), 230, 120, 30, 255, 8);
      /* Half blue, half green. */
      assert_rgba_near (pixel (&image, SQUARE_X, 60), 20, 168, 110, 255, 8);
    }
}

/* A pixel with its alpha, as the surface holds it (premultiplied). */
static guint32
argb (cairo_surface_t *surface,
      int              x,
      int              y)
{
  cairo_surface_flush (surface);
  return ((const guint32 *) (cairo_image_surface_get_data (surface) +
                             (gsize) y * cairo_image_surface_get_stride (surface)))[x];
}

/* A photo whose alpha is all opaque takes the opaque path: RGB24, and the
 * same files as the same pixels without an alpha channel. */
static void
test_opaque_stays_opaque (void)
{
  VtLoadHints hints = { .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS, .keep_alpha = TRUE };
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gchar *buffer;
  gsize len;

  gdk_pixbuf_fill (pixbuf, 0x336699FF);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "png", &error, NULL));
  bytes = g_bytes_new_take (buffer, len);
  surface = vt_image_load (bytes, &hints, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_RGB24);
  g_assert_cmphex (vt_test_pixel (surface, 10, 10) & 0xFFFFFF, ==, 0x336699);

  /* With one pixel not opaque, the photo keeps its transparency. */
  gdk_pixbuf_get_pixels (pixbuf)[3] = 0;
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&surface, cairo_surface_destroy);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "png", &error, NULL));
  bytes = g_bytes_new_take (buffer, len);
  surface = vt_image_load (bytes, &hints, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmphex (argb (surface, 0, 0), ==, 0);
  g_assert_cmphex (argb (surface, 10, 10), ==, 0xFF336699);

  /* Without keep_alpha (a JPEG-only recipe), on white as before. */
  hints.keep_alpha = FALSE;
  g_clear_pointer (&surface, cairo_surface_destroy);
  surface = vt_image_load (bytes, &hints, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_RGB24);
  g_assert_cmphex (vt_test_pixel (surface, 0, 0) & 0xFFFFFF, ==, 0xFFFFFF);
}

static void
ready_cb (VtPreviewer      *previewer,
          VtPreviewResult  *result,
          VtPreviewResult **seen)
{
  g_clear_pointer (seen, vt_preview_result_free);
  *seen = g_new0 (VtPreviewResult, 1);
  (*seen)->serial = result->serial;
  (*seen)->before = cairo_surface_reference (result->before);
  (*seen)->after = cairo_surface_reference (result->after);
}

/* The preview of a WebP size shows the cut-out's transparency (the window
 * draws it as such), that of a JPEG size the white it is written on. */
static void
test_preview_shows_transparency (void)
{
  g_autoptr(VtPreviewer) previewer = vt_previewer_new ();
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autofree char *path = vt_test_fixture_path ("cutout.png");
  g_autoptr(VtPreviewResult) seen = NULL;
  const VtFormat formats[] = { VT_FORMAT_WEBP, VT_FORMAT_JPEG };

  g_assert_true (vt_recipe_set_sizes (recipe, "main=120x120:format=webp+jpeg", NULL));
  g_signal_connect (previewer, "ready", G_CALLBACK (ready_cb), &seen);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      guint serial = vt_previewer_request_format (previewer, recipe, path, 0, formats[i]);
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      while (seen == NULL || seen->serial != serial)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, TRUE);
        }
      if (formats[i] == VT_FORMAT_WEBP)
        {
          g_assert_cmphex (argb (seen->after, 0, 0) >> 24, ==, 0);
          g_assert_cmphex (argb (seen->after, DISC_X, MID_Y) >> 24, ==, 0xFF);
          g_assert_cmphex (argb (seen->before, 0, 0) >> 24, ==, 0);
        }
      else
        g_assert_cmphex (argb (seen->after, 0, 0), ==, 0xFFFFFFFF);
    }
}

static const VtTestCase tests[] = {
  { "/alpha/kept-in-webp-avif-png", test_kept_in_webp_avif_png },
  { "/alpha/heif-inputs-keep-alpha", test_heif_inputs_keep_alpha },
  { "/alpha/sharpened-edge-keeps-colour", test_sharpened_edge_keeps_colour },
  { "/alpha/flattened-on-pad-colour", test_flattened_on_pad_colour },
  { "/alpha/opaque-stays-opaque", test_opaque_stays_opaque },
  { "/alpha/preview-shows-transparency", test_preview_shows_transparency },
};

VT_TEST_MAIN (tests)
