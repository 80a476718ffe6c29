/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-encode-webp.c: WebP out through libwebp, lossy or lossless, alpha kept
 *
 * No ICCP chunk: the WebP container defines an image without one as sRGB,
 * and a profile would cost more than a thumbnail's pixels. EXIF, when the
 * metadata policy keeps any, goes into an EXIF chunk through libwebpmux.
 */
#define G_LOG_DOMAIN "vt-encode-webp"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <webp/encode.h>
#include <webp/mux.h>

#include "vt-encode.h"

/* The largest side the WebP bitstream can hold. */
#define MAX_SIDE WEBP_MAX_DIMENSION

static gboolean
import_pixels (WebPPicture     *pic,
               cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gboolean alpha = vt_encode_has_alpha (surface);
  int channels = alpha ? 4 : 3;
  g_autofree guint8 *bytes = NULL;
  int ok;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* The common case, an opaque photo, straight from Cairo's memory. */
  if (!alpha)
    return WebPPictureImportBGRX (pic, data, stride);
#endif

  bytes = g_malloc ((gsize) pic->width * pic->height * channels);
  for (int y = 0; y < pic->height; y++)
    vt_encode_row_to_rgba ((const guint32 *) (data + (gsize) y * stride),
                           bytes + (gsize) y * pic->width * channels, pic->width, alpha);
  if (alpha)
    ok = WebPPictureImportRGBA (pic, bytes, pic->width * 4);
  else
    ok = WebPPictureImportRGB (pic, bytes, pic->width * 3);
  return ok;
}

static void
set_config (WebPConfig             *config,
            const VtEncodeSettings *settings)
{
  WebPConfigInit (config);
  config->method = CLAMP (settings->webp_method, 0, 6);
  /* The batch already runs one encoder per core. */
  config->thread_level = 0;
  if (settings->lossless)
    {
      config->lossless = 1;
      config->quality = 75;  /* effort, as cwebp -lossless's default */
    }
  else
    config->quality = CLAMP (settings->quality, 1, 100);
}

static GBytes *
add_exif (const guint8  *webp,
          gsize          len,
          GBytes        *exif,
          GError       **error)
{
  WebPData image = { webp, len }, chunk = { NULL, 0 }, out = { NULL, 0 };
  WebPMux *mux = WebPMuxCreate (&image, 0);
  gboolean ok;

  chunk.bytes = vt_encode_exif_tiff (exif, &chunk.size);
  ok = mux != NULL &&
       WebPMuxSetChunk (mux, "EXIF", &chunk, 0) == WEBP_MUX_OK &&
       WebPMuxAssemble (mux, &out) == WEBP_MUX_OK;
  WebPMuxDelete (mux);
  if (!ok)
    {
      WebPDataClear (&out);
      g_set_error_literal (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_FAILED,
                           _("Could not add the metadata to the WebP file"));
      return NULL;
    }
  return g_bytes_new_with_free_func (out.bytes, out.size, (GDestroyNotify) WebPFree,
                                     (gpointer) out.bytes);
}

static void
set_error (GError          **error,
           WebPEncodingError code)
{
  if (code == VP8_ENC_ERROR_BAD_DIMENSION)
    g_set_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_TOO_LARGE,
                 _("WebP images can be at most %d × %d pixels"), MAX_SIDE, MAX_SIDE);
  else if (code == VP8_ENC_ERROR_OUT_OF_MEMORY || code == VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY)
    g_set_error_literal (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_FAILED, _("Out of memory"));
  else
    g_set_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_FAILED,
                 _("The WebP encoder failed (error %d)"), (int) code);
}

/**
 * vt_encode_webp:
 *
 * Lossy at @settings' quality and method, or lossless; transparency kept.
 *
 * Returns: (transfer full): the WebP file, or %NULL with @error set
 */
GBytes *
vt_encode_webp (cairo_surface_t        *surface,
                const VtEncodeSettings *settings,
                GBytes                 *exif,
                GError                **error)
{
  WebPConfig config;
  WebPPicture pic;
  WebPMemoryWriter writer;
  gboolean ok;
  gsize exif_len;

  set_config (&config, settings);
  if (!WebPPictureInit (&pic))
    {
      set_error (error, VP8_ENC_ERROR_OUT_OF_MEMORY);
      return NULL;
    }
  pic.width = cairo_image_surface_get_width (surface);
  pic.height = cairo_image_surface_get_height (surface);
  if (pic.width > MAX_SIDE || pic.height > MAX_SIDE)
    {
      set_error (error, VP8_ENC_ERROR_BAD_DIMENSION);
      return NULL;
    }
  /* Lossless works on ARGB; a detour through YUV would lose colour. */
  pic.use_argb = config.lossless;

  WebPMemoryWriterInit (&writer);
  pic.writer = WebPMemoryWrite;
  pic.custom_ptr = &writer;
  ok = import_pixels (&pic, surface) && WebPEncode (&config, &pic);
  if (!ok)
    {
      set_error (error, pic.error_code);
      WebPPictureFree (&pic);
      WebPMemoryWriterClear (&writer);
      return NULL;
    }
  WebPPictureFree (&pic);

  if (vt_encode_exif_tiff (exif, &exif_len) != NULL)
    {
      GBytes *with_exif = add_exif (writer.mem, writer.size, exif, error);

      WebPMemoryWriterClear (&writer);
      return with_exif;
    }
  return g_bytes_new_with_free_func (writer.mem, writer.size, (GDestroyNotify) WebPFree,
                                     writer.mem);
}
