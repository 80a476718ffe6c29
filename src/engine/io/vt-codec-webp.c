/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-webp.c: WebP photos through libwebp, the first frame of animations */
#define G_LOG_DOMAIN "vt-codec-webp"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <webp/decode.h>
#include <webp/demux.h>

#include "vt-codec.h"
#include "vt-metadata.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WebPDemuxer, WebPDemuxDelete)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WebPAnimDecoder, WebPAnimDecoderDelete)

static void
set_damaged_error (GError **error)
{
  g_set_error_literal (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_CORRUPT,
                       _("Damaged WebP data: the image cannot be decoded"));
}

/* An animation's first frame as it is shown: composited on the canvas,
 * which libwebp's animation decoder does for us. */
static cairo_surface_t *
decode_first_frame (const WebPData  *webp,
                    gboolean         keep_alpha,
                    GError         **error)
{
  WebPAnimDecoderOptions options;
  g_autoptr(WebPAnimDecoder) decoder = NULL;
  WebPAnimInfo info;
  uint8_t *rgba;
  int timestamp;

  WebPAnimDecoderOptionsInit (&options);
  options.color_mode = MODE_RGBA;
  options.use_threads = 0;
  decoder = WebPAnimDecoderNew (webp, &options);
  if (decoder == NULL || !WebPAnimDecoderGetInfo (decoder, &info) ||
      !WebPAnimDecoderGetNext (decoder, &rgba, &timestamp))
    {
      set_damaged_error (error);
      return NULL;
    }
  return vt_codec_rgba_to_surface (rgba, info.canvas_width, info.canvas_height,
                                   (gsize) info.canvas_width * 4, 4, keep_alpha, error);
}

static cairo_surface_t *
decode_still (const guint8  *data,
              gsize          len,
              gboolean       keep_alpha,
              GError       **error)
{
  WebPDecoderConfig config;
  cairo_surface_t *surface;

  if (!WebPInitDecoderConfig (&config) || WebPGetFeatures (data, len, &config.input) != VP8_STATUS_OK)
    {
      set_damaged_error (error);
      return NULL;
    }

  /* Opaque photos go straight into the surface, whose BGRX bytes are
   * libwebp's BGRA; those with alpha through RGBA rows (vt_codec_rgba_to_surface()). */
  if (!config.input.has_alpha)
    {
      surface = vt_image_new_uninitialized (config.input.width, config.input.height, error);
      if (surface == NULL)
        return NULL;
      config.output.colorspace = G_BYTE_ORDER == G_LITTLE_ENDIAN ? MODE_BGRA : MODE_ARGB;
      config.output.is_external_memory = 1;
      config.output.u.RGBA.rgba = cairo_image_surface_get_data (surface);
      config.output.u.RGBA.stride = cairo_image_surface_get_stride (surface);
      config.output.u.RGBA.size = (size_t) config.output.u.RGBA.stride * config.input.height;
      if (WebPDecode (data, len, &config) != VP8_STATUS_OK)
        {
          cairo_surface_destroy (surface);
          set_damaged_error (error);
          return NULL;
        }
      cairo_surface_mark_dirty (surface);
      return surface;
    }

  config.output.colorspace = MODE_RGBA;
  if (WebPDecode (data, len, &config) != VP8_STATUS_OK)
    {
      WebPFreeDecBuffer (&config.output);
      set_damaged_error (error);
      return NULL;
    }
  surface = vt_codec_rgba_to_surface (config.output.u.RGBA.rgba, config.input.width, config.input.height,
                                      config.output.u.RGBA.stride, 4, keep_alpha, error);
  WebPFreeDecBuffer (&config.output);
  return surface;
}

/* A chunk of the extended format (VP8X): the ICC profile, the EXIF block. */
static gboolean
get_chunk (WebPDemuxer   *demux,
           const char     fourcc[4],
           WebPData      *out)
{
  WebPChunkIterator it;
  gboolean found = WebPDemuxGetChunk (demux, fourcc, 1, &it);

  if (found)
    *out = it.chunk;
  WebPDemuxReleaseChunkIterator (&it);
  return found;
}

/* The colour profile and the EXIF block, from the extended format's chunks
 * (VP8X) where its flags say it has them, applied as the JPEG decoder
 * applies them. */
static cairo_surface_t *
finish (WebPDemuxer       *demux,
        cairo_surface_t   *surface,
        const VtLoadHints *hints)
{
  guint32 flags = WebPDemuxGetI (demux, WEBP_FF_FORMAT_FLAGS);
  g_autoptr(GBytes) exif = NULL;
  WebPData icc = { NULL, 0 }, exif_chunk;

  if (flags & ICCP_FLAG)
    get_chunk (demux, "ICCP", &icc);
  if ((flags & EXIF_FLAG) && get_chunk (demux, "EXIF", &exif_chunk))
    exif = vt_metadata_new_exif (exif_chunk.bytes, exif_chunk.size);
  return vt_codec_finish (surface, icc.bytes, icc.size, exif, vt_metadata_get_orientation (exif), hints);
}

/**
 * vt_codec_webp_decode:
 *
 * Returns: (transfer full): the photo upright and in sRGB, as the JPEG
 * decoder returns it, or %NULL with @error set
 */
cairo_surface_t *
vt_codec_webp_decode (const guint8      *data,
                      gsize              len,
                      const VtLoadHints *hints,
                      GError           **error)
{
  WebPData webp = { data, len };
  g_autoptr(WebPDemuxer) demux = WebPDemux (&webp);
  cairo_surface_t *surface;

  if (demux == NULL)
    {
      set_damaged_error (error);
      return NULL;
    }
  if (!vt_codec_check_pixels (WebPDemuxGetI (demux, WEBP_FF_CANVAS_WIDTH),
                              WebPDemuxGetI (demux, WEBP_FF_CANVAS_HEIGHT), hints, error))
    return NULL;

  if (WebPDemuxGetI (demux, WEBP_FF_FORMAT_FLAGS) & ANIMATION_FLAG)
    surface = decode_first_frame (&webp, hints->keep_alpha, error);
  else
    surface = decode_still (data, len, hints->keep_alpha, error);
  return surface != NULL ? finish (demux, surface, hints) : NULL;
}
