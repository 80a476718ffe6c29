/* SPDX-License-Identifier: GPL-3.0-or-later */
/* codec-floor.c: the least any tool can do for the shop job
 *
 *   codec-floor IN_DIR OUT_DIR THREADS [jpeg|webp|avif]
 *
 * Decodes each photo once with libjpeg-turbo and encodes three files of the
 * target sizes from it, cropped instead of resized: no resize, no filter,
 * no watermark. Nothing can beat this. The encoders run at Vitrina's
 * default settings: JPEG quality 85 with optimised tables; WebP quality 80,
 * method 2; AVIF quality 60 (quantizer 25), speed 8, 4:2:0, two threads.
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
  config.quality = 80, config.method = 2, config.thread_level = 0;
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
          snprintf (out, sizeof out, "%s/%s/%s.%s", out_dir, shop_sizes[s].name, base, format);
          if (strcmp (format, "webp") == 0)
            encode_webp (out, pixels, stride, ow, oh);
          else
            encode_avif (out, pixels, stride, ow, oh);
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
  if (argc != 4 && argc != 5)
    return 2;
  out_dir = argv[2];
  if (argc == 5)
    format = argv[4];
  shop_job_run (argv[1], out_dir, atoi (argv[3]), photo);
  return 0;
}
