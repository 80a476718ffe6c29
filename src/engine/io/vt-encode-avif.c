/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-encode-avif.c: AVIF out through libavif, sRGB said in nclx, alpha kept
 *
 * The AV1 encoder is the slowest step of a batch and can use threads of its
 * own. A batch already runs one encoder per core, so each encoder gets the
 * cores the others leave: all of them for a lone preview, one each when
 * eight workers encode at once on two cores. Never fewer than two: libaom
 * writes the same bitstream for any count from two up (its row threading),
 * but a different one with a single thread, and one recipe must give the
 * same file however busy the machine is.
 */
#define G_LOG_DOMAIN "vt-encode-avif"

#include "config.h"

#include <avif/avif.h>
#include <glib/gi18n-lib.h>

#include "vt-encode.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (avifImage, avifImageDestroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (avifEncoder, avifEncoderDestroy)

/* The fewest threads an encoder gets (see above). */
#define MIN_THREADS 2

/* AVIF encodes running now, across every job of the process. */
static gint active_encoders;

static int
share_cores (void)
{
  int running = MAX (1, g_atomic_int_get (&active_encoders));

  return MAX (MIN_THREADS, (int) g_get_num_processors () / running);
}

/* libavif 1.0's quality scale (and avifenc -q), on the quantizers 0.11
 * takes: 100 is lossless quantization, 0 the coarsest. */
static int
quality_to_quantizer (int quality)
{
  quality = CLAMP (quality, 0, 100);
  return ((100 - quality) * AVIF_QUANTIZER_WORST_QUALITY + 50) / 100;
}

static avifImage *
create_image (cairo_surface_t *surface,
              gboolean         alpha,
              GError         **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autoptr(avifImage) image = avifImageCreate (width, height, 8, AVIF_PIXEL_FORMAT_YUV420);
  avifRGBImage rgb;
  avifResult res;

  /* sRGB, said the way AVIF expects: in the nclx colour box. */
  image->colorPrimaries = AVIF_COLOR_PRIMARIES_BT709;
  image->transferCharacteristics = AVIF_TRANSFER_CHARACTERISTICS_SRGB;
  image->matrixCoefficients = AVIF_MATRIX_COEFFICIENTS_BT601;
  image->yuvRange = AVIF_RANGE_FULL;

  avifRGBImageSetDefaults (&rgb, image);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  rgb.format = AVIF_RGB_FORMAT_BGRA;
#else
  rgb.format = AVIF_RGB_FORMAT_ARGB;
#endif
  rgb.ignoreAlpha = !alpha;
  rgb.alphaPremultiplied = alpha;
  rgb.pixels = cairo_image_surface_get_data (surface);
  rgb.rowBytes = cairo_image_surface_get_stride (surface);

  res = avifImageRGBToYUV (image, &rgb);
  if (res != AVIF_RESULT_OK)
    {
      g_set_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_FAILED,
                   _("The AVIF encoder failed: %s"), avifResultToString (res));
      return NULL;
    }
  return g_steal_pointer (&image);
}

static GBytes *
encode (avifEncoder *encoder,
        avifImage   *image,
        GError     **error)
{
  avifRWData out = AVIF_DATA_EMPTY;
  avifResult res;
  GBytes *bytes;

  g_atomic_int_inc (&active_encoders);
  if (encoder->maxThreads == 0)
    encoder->maxThreads = share_cores ();
  res = avifEncoderWrite (encoder, image, &out);
  g_atomic_int_dec_and_test (&active_encoders);

  if (res != AVIF_RESULT_OK)
    {
      avifRWDataFree (&out);
      g_set_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_FAILED,
                   _("The AVIF encoder failed: %s"), avifResultToString (res));
      return NULL;
    }
  /* A copy GLib owns: avifRWData goes back through libavif's allocator. */
  bytes = g_bytes_new (out.data, out.size);
  avifRWDataFree (&out);
  return bytes;
}

/**
 * vt_encode_avif:
 *
 * 8-bit 4:2:0 at @settings' quality and speed; transparency kept as an
 * alpha plane at the same quality.
 *
 * Returns: (transfer full): the AVIF file, or %NULL with @error set
 */
GBytes *
vt_encode_avif (cairo_surface_t        *surface,
                const VtEncodeSettings *settings,
                GBytes                 *exif,
                GError                **error)
{
  g_autoptr(avifImage) image = NULL;
  g_autoptr(avifEncoder) encoder = NULL;
  const guint8 *tiff;
  gsize tiff_len;
  int q = quality_to_quantizer (settings->quality);

  image = create_image (surface, vt_encode_has_alpha (surface), error);
  if (image == NULL)
    return NULL;
  tiff = vt_encode_exif_tiff (exif, &tiff_len);
  if (tiff != NULL)
    avifImageSetMetadataExif (image, tiff, tiff_len);

  encoder = avifEncoderCreate ();
  encoder->speed = CLAMP (settings->avif_speed, AVIF_SPEED_SLOWEST, AVIF_SPEED_FASTEST);
  encoder->minQuantizer = encoder->maxQuantizer = q;
  encoder->minQuantizerAlpha = encoder->maxQuantizerAlpha = q;
  encoder->maxThreads = settings->avif_threads > 0 ? MAX (MIN_THREADS, settings->avif_threads) : 0;
  return encode (encoder, image, error);
}
