/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vips-shop.c: seed 000's shop job done with libvips, in its best configuration
 *
 *   vips-shop IN_DIR OUT_DIR THREADS [jpeg|webp|avif]
 *
 * Per size: vips_thumbnail() (shrink-on-load, then a Lanczos-3 reduce), the
 * SHARPEN 3×3 kernel through vips_conv(), an unsharp mask (Gaussian blur,
 * 150 % of the difference added), a text watermark composited with alpha,
 * vips_jpegsave() at Q 85 with optimised Huffman tables and no metadata,
 * or vips_webpsave() (Q 80, effort 1) or vips_heifsave() (AV1, Q 60,
 * effort 1, which libvips passes to libheif as speed 8): Vitrina's
 * default settings for each format.
 * With THREADS > 1, photos run concurrently with one vips thread each, which
 * beats libvips's in-image threading for many small photos.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vips/vips.h>

#include "shop-job.h"

static const char *out_dir;
static const char *format = "jpeg";
static int failed;

static int
save (VipsImage *image, const char *stem, int s)
{
  char out[4096];

  if (strcmp (format, "webp") == 0)
    {
      snprintf (out, sizeof out, "%s/%s/%s.webp", out_dir, shop_sizes[s].name, stem);
      return vips_webpsave (image, out, "Q", 80, "effort", 1, "strip", TRUE, NULL);
    }
  if (strcmp (format, "avif") == 0)
    {
      snprintf (out, sizeof out, "%s/%s/%s.avif", out_dir, shop_sizes[s].name, stem);
      return vips_heifsave (image, out, "Q", 60, "effort", 1, "strip", TRUE,
                            "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, NULL);
    }
  snprintf (out, sizeof out, "%s/%s/%s.jpg", out_dir, shop_sizes[s].name, stem);
  return vips_jpegsave (image, out, "Q", 85, "optimize_coding", TRUE, "strip", TRUE, NULL);
}

static int
one_size (const char *path, const char *stem, int s)
{
  VipsObject *ctx = VIPS_OBJECT (vips_image_new ());
  VipsImage **t = (VipsImage **) vips_object_local_array (ctx, 20);
  int font_px, margin, ret = -1;

  if (vips_thumbnail (path, &t[0], shop_sizes[s].w, "height", shop_sizes[s].h, "size", VIPS_SIZE_DOWN, NULL))
    goto done;

  /* SHARPEN: -2 around, 32 in the centre, / 16 */
  t[1] = vips_image_new_matrixv (3, 3, -2., -2., -2., -2., 32., -2., -2., -2., -2.);
  vips_image_set_double (t[1], "scale", 16);
  if (vips_conv (t[0], &t[2], t[1], "precision", VIPS_PRECISION_INTEGER, NULL))
    goto done;

  /* unsharp mask, radius 2 (σ ≈ 1.15 for three box passes), 150 % */
  if (vips_gaussblur (t[2], &t[3], 1.15, NULL) ||
      vips_subtract (t[2], t[3], &t[4], NULL) ||
      vips_linear1 (t[4], &t[5], 1.5, 0, NULL) ||
      vips_add (t[2], t[5], &t[6], NULL) ||
      vips_cast_uchar (t[6], &t[7], NULL) ||
      vips_copy (t[7], &t[16], "interpretation", VIPS_INTERPRETATION_sRGB, NULL))
    goto done;

  /* watermark: white text at 60 % in the bottom-right corner */
  font_px = VIPS_MAX (8, (int) (VIPS_MIN (t[7]->Xsize, t[7]->Ysize) * 0.06));
  margin = VIPS_MAX (2, VIPS_MIN (t[7]->Xsize, t[7]->Ysize) / 40);
  {
    char font[64];
    snprintf (font, sizeof font, "Sans Bold %dpx", font_px);
    if (vips_text (&t[8], "© Vitrina", "font", font, NULL) ||
        vips_linear1 (t[8], &t[9], 0.6, 0, NULL) ||
        vips_black (&t[10], t[8]->Xsize, t[8]->Ysize, "bands", 3, NULL) ||
        vips_linear1 (t[10], &t[11], 1, 255, NULL) ||
        vips_bandjoin2 (t[11], t[9], &t[12], NULL) ||
        vips_copy (t[12], &t[17], "interpretation", VIPS_INTERPRETATION_sRGB, NULL) ||
        vips_composite2 (t[16], t[17], &t[13], VIPS_BLEND_MODE_OVER,
                         "x", t[7]->Xsize - t[8]->Xsize - margin,
                         "y", t[7]->Ysize - t[8]->Ysize - margin, NULL) ||
        vips_extract_band (t[13], &t[14], 0, "n", 3, NULL) ||
        vips_cast_uchar (t[14], &t[15], NULL))
      goto done;
  }

  ret = save (t[15], stem, s);

done:
  if (ret)
    {
      fprintf (stderr, "vips-shop: %s: %s\n", path, vips_error_buffer ());
      g_atomic_int_set (&failed, 1);
    }
  g_object_unref (ctx);
  return ret;
}

static void
photo (gpointer data, gpointer user_data)
{
  char *path = data;
  char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot)
    *dot = '\0';
  for (int s = 0; s < SHOP_N_SIZES; s++)
    one_size (path, base, s);
  g_free (base);
  g_free (path);
}

int
main (int argc, char **argv)
{
  int threads;

  if ((argc != 4 && argc != 5) || VIPS_INIT (argv[0]))
    return 2;
  out_dir = argv[2];
  if (argc == 5)
    format = argv[4];
  threads = atoi (argv[3]);
  if (threads > 1)
    vips_concurrency_set (1);
  shop_job_run (argv[1], out_dir, threads, photo);
  vips_shutdown ();
  return failed;
}
