/* SPDX-License-Identifier: GPL-3.0-or-later */
/* codec-floor.c: the least any tool can do for the shop job
 *
 *   codec-floor IN_DIR OUT_DIR THREADS
 *
 * Decodes each photo once with libjpeg-turbo and encodes three JPEGs of the
 * target sizes (quality 85, optimised tables) from it, cropped instead of
 * resized: no resize, no filter, no watermark. Nothing can beat this.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jpeglib.h>

#include "shop-job.h"

static const char *out_dir;

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
  if (argc != 4)
    return 2;
  out_dir = argv[2];
  shop_job_run (argv[1], out_dir, atoi (argv[3]), photo);
  return 0;
}
