/* SPDX-License-Identifier: GPL-3.0-or-later */
/* codec-floor.c: the least any tool can do for the shop job
 *
 *   codec-floor IN_DIR OUT_DIR THREADS [jpeg|webp|avif [PIXELS_DIR]]
 *
 * Decodes each photo once with libjpeg-turbo and encodes three files of the
 * target sizes from it, cropped instead of resized: no resize, no filter,
 * no watermark. Nothing can beat this. The encoders run at Vitrina's
 * default settings: JPEG quality 85 with optimised tables; WebP quality 80,
 * method 1; AVIF quality 60 (quantizer 25), speed 8, 4:2:0, two threads.
 *
 * With PIXELS_DIR, the three encodes take the very pixels the job writes
 * instead of crops: PIXELS_DIR/SIZE/NAME.ppm (binary PPM, mapped: no
 * decoding, no copy), made from Vitrina's lossless outputs of the job.
 * A codec's time depends on what it encodes (a resized and sharpened photo
 * holds far more detail than a crop of the camera's smooth pixels), so
 * only this is a floor for the WebP and AVIF jobs. The photo is still
 * decoded once, its pixels left unused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <avif/avif.h>
#include <glib.h>
#include <jpeglib.h>
#include <webp/encode.h>

#include "shop-job.h"

static const char *out_dir;
static const char *format = "jpeg";
static const char *pixels_dir;

static void
save (const char *path, const void *data, size_t len)
{
  g_file_set_contents (path, data, len, NULL);
}

static void
encode_webp (const char *path, unsigned char *pixels, int stride, int w, int h)
{
  WebPConfig config;
  WebPPicture pic;
  WebPMemoryWriter writer;

  WebPConfigInit (&config);
  config.quality = 80, config.method = 1, config.thread_level = 0;
  WebPPictureInit (&pic);
  pic.width = w, pic.height = h;
  WebPMemoryWriterInit (&writer);
  pic.writer = WebPMemoryWrite, pic.custom_ptr = &writer;
  WebPPictureImportRGB (&pic, pixels, stride);
  WebPEncode (&config, &pic);
  save (path, writer.mem, writer.size);
  WebPPictureFree (&pic);
  WebPMemoryWriterClear (&writer);
}

static void
encode_avif (const char *path, unsigned char *pixels, int stride, int w, int h)
{
  avifImage *image = avifImageCreate (w, h, 8, AVIF_PIXEL_FORMAT_YUV420);
  avifEncoder *encoder = avifEncoderCreate ();
  avifRWData out = AVIF_DATA_EMPTY;
  avifRGBImage rgb;

  image->yuvRange = AVIF_RANGE_FULL;
  avifRGBImageSetDefaults (&rgb, image);
  rgb.format = AVIF_RGB_FORMAT_RGB, rgb.pixels = pixels, rgb.rowBytes = stride;
  avifImageRGBToYUV (image, &rgb);
  encoder->speed = 8, encoder->maxThreads = 2;
  encoder->minQuantizer = encoder->maxQuantizer = 25;
  if (avifEncoderWrite (encoder, image, &out) == AVIF_RESULT_OK)
    save (path, out.data, out.size);
  avifRWDataFree (&out);
  avifEncoderDestroy (encoder);
  avifImageDestroy (image);
}

/* The job's own pixels of one size, from a binary PPM mapped rather than
 * read, so that they cost no copy; NULL if unreadable. */
static unsigned char *
load_ppm (const char *stem, int s, GMappedFile **file, int *w, int *h)
{
  char *path = g_strdup_printf ("%s/%s/%s.ppm", pixels_dir, shop_sizes[s].name, stem);
  const char *data;
  gsize len;
  int maxval, header = 0;

  *file = g_mapped_file_new (path, FALSE, NULL);
  data = *file ? g_mapped_file_get_contents (*file) : NULL;
  len = *file ? g_mapped_file_get_length (*file) : 0;
  if (data != NULL && len > 16 && sscanf (data, "P6 %d %d %d%n", w, h, &maxval, &header) == 3 &&
      maxval == 255 && (gsize) header + 1 + (gsize) *w * *h * 3 <= len)
    {
      g_free (path);
      return (unsigned char *) data + header + 1;
    }
  fprintf (stderr, "codec-floor: %s: not a binary PPM\n", path);
  g_free (path);
  g_clear_pointer (file, g_mapped_file_unref);
  return NULL;
}

static void
fit (int w, int h, int bw, int bh, int *ow, int *oh)
{
  double s = MIN (1.0, MIN ((double) bw / w, (double) bh / h));
  *ow = MAX (1, (int) (w * s + 0.5));
  *oh = MAX (1, (int) (h * s + 0.5));
}

static void
photo (gpointer data, gpointer user_data)
{
  char *path = data;
  gchar *bytes;
  gsize len;
  struct jpeg_decompress_struct d;
  struct jpeg_error_mgr err;
  unsigned char *pixels;
  int w, h, stride;
  char *base = g_path_get_basename (path);

  *strrchr (base, '.') = '\0';
  g_file_get_contents (path, &bytes, &len, NULL);
  d.err = jpeg_std_error (&err);
  jpeg_create_decompress (&d);
  jpeg_mem_src (&d, (unsigned char *) bytes, len);
  jpeg_read_header (&d, TRUE);
  d.out_color_space = JCS_RGB;
  jpeg_start_decompress (&d);
  w = d.output_width, h = d.output_height, stride = w * 3;
  pixels = g_malloc ((gsize) stride * h);
  while (d.output_scanline < d.output_height)
    {
      unsigned char *row = pixels + (gsize) d.output_scanline * stride;
      jpeg_read_scanlines (&d, &row, 1);
    }
  jpeg_finish_decompress (&d);
  jpeg_destroy_decompress (&d);

  for (int s = 0; s < SHOP_N_SIZES; s++)
    {
      struct jpeg_compress_struct c;
      char out[4096];
      FILE *f;
      int ow, oh;

      fit (w, h, shop_sizes[s].w, shop_sizes[s].h, &ow, &oh);
      if (strcmp (format, "jpeg") != 0)
        {
          GMappedFile *file = NULL;
          unsigned char *src = pixels;
          int src_stride = stride;

          if (pixels_dir != NULL && (src = load_ppm (base, s, &file, &ow, &oh)) == NULL)
            continue;
          if (pixels_dir != NULL)
            src_stride = ow * 3;
          snprintf (out, sizeof out, "%s/%s/%s.%s", out_dir, shop_sizes[s].name, base, format);
          if (strcmp (format, "webp") == 0)
            encode_webp (out, src, src_stride, ow, oh);
          else
            encode_avif (out, src, src_stride, ow, oh);
          g_clear_pointer (&file, g_mapped_file_unref);
          continue;
        }
      snprintf (out, sizeof out, "%s/%s/%s.jpg", out_dir, shop_sizes[s].name, base);
      f = fopen (out, "wb");
      c.err = jpeg_std_error (&err);
      jpeg_create_compress (&c);
      jpeg_stdio_dest (&c, f);
      c.image_width = ow, c.image_height = oh, c.input_components = 3, c.in_color_space = JCS_RGB;
      jpeg_set_defaults (&c);
      jpeg_set_quality (&c, 85, TRUE);
      c.optimize_coding = TRUE;
      jpeg_start_compress (&c, TRUE);
      while (c.next_scanline < c.image_height)
        {
          unsigned char *row = pixels + (gsize) c.next_scanline * stride;
          jpeg_write_scanlines (&c, &row, 1);
        }
      jpeg_finish_compress (&c);
      jpeg_destroy_compress (&c);
      fclose (f);
    }

  g_free (pixels);
  g_free (bytes);
  g_free (base);
  g_free (path);
}

int
main (int argc, char **argv)
{
  if (argc < 4 || argc > 6)
    return 2;
  out_dir = argv[2];
  if (argc >= 5)
    format = argv[4];
  if (argc == 6)
    pixels_dir = argv[5];
  shop_job_run (argv[1], out_dir, atoi (argv[3]), photo);
  return 0;
}
