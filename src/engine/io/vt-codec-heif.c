/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-heif.c: HEIC photos from phones, and AVIF, through libheif
 *
 * libheif turns the photo upright itself (the irot and imir properties),
 * so the EXIF orientation phones also write is not applied again: that
 * would turn the photo twice, as libvips and browsers know.
 */
#define G_LOG_DOMAIN "vt-codec-heif"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libheif/heif.h>

#include "vt-codec.h"
#include "vt-metadata.h"
#include "vt-tsan.h"

/* libheif names its types by struct tag alone. */
typedef struct heif_context HeifContext;
typedef struct heif_image_handle HeifImageHandle;
typedef struct heif_image HeifImage;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HeifContext, heif_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HeifImageHandle, heif_image_handle_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HeifImage, heif_image_release)

static gboolean
has_brand (const guint8 *data,
           gsize         len,
           const char   *const *brands)
{
  gsize end = MIN (len, (gsize) ((guint32) data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3]));

  /* The major brand at 8, then the compatible ones from 16. */
  for (gsize at = 8; at + 4 <= end; at += at == 8 ? 8 : 4)
    for (guint i = 0; brands[i] != NULL; i++)
      if (memcmp (data + at, brands[i], 4) == 0)
        return TRUE;
  return FALSE;
}

static const char *const avif_brands[] = { "avif", "avis", NULL };

gboolean
vt_codec_heif_sniff (const guint8 *data,
                     gsize         len)
{
  static const char *const brands[] = { "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1",
                                        "msf1", "avif", "avis", NULL };

  return len >= 16 && memcmp (data + 4, "ftyp", 4) == 0 && has_brand (data, len, brands);
}

gboolean
vt_codec_heif_is_avif (const guint8 *data,
                       gsize         len)
{
  return vt_codec_heif_sniff (data, len) && has_brand (data, len, avif_brands);
}

static struct heif_context *
open_context (const guint8             *data,
              gsize                     len,
              struct heif_image_handle **handle)
{
  static gsize initialised;
  g_autoptr(HeifContext) ctx = NULL;

  /* Loads the codec plugins of the libheif versions that have them. */
  if (vt_once_init_enter (&initialised))
    {
      heif_init (NULL);
      vt_once_init_leave (&initialised, 1);
    }
  ctx = heif_context_alloc ();
  if (heif_context_read_from_memory_without_copy (ctx, data, len, NULL).code != heif_error_Ok ||
      heif_context_get_primary_image_handle (ctx, handle).code != heif_error_Ok)
    return NULL;
  return g_steal_pointer (&ctx);
}

/* The size once libheif has turned it upright, 0 × 0 when the file says so. */
gboolean
vt_codec_heif_peek_size (const guint8 *data,
                         gsize         len,
                         int          *width,
                         int          *height)
{
  g_autoptr(HeifImageHandle) handle = NULL;
  g_autoptr(HeifContext) ctx = open_context (data, len, &handle);

  if (ctx == NULL)
    return FALSE;
  *width = heif_image_handle_get_width (handle);
  *height = heif_image_handle_get_height (handle);
  return TRUE;
}

/* A missing decoder is named, so that a user knows what to install: Debian
 * builds libde265 (HEVC) and dav1d/libaom (AV1) into libheif, but a libheif
 * with codec plugins may have none of them. */
static void
set_decode_error (const guint8       *data,
                  gsize               len,
                  struct heif_error   err,
                  GError            **error)
{
  gboolean avif = vt_codec_heif_is_avif (data, len);

  if (!heif_have_decoder_for_format (avif ? heif_compression_AV1 : heif_compression_HEVC) ||
      (err.code == heif_error_Unsupported_feature && err.subcode == heif_suberror_Unsupported_codec))
    g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_UNKNOWN_TYPE,
                 _("This %s photo cannot be decoded: libheif has no %s decoder installed (%s)"),
                 avif ? "AVIF" : "HEIC", avif ? "AV1" : "HEVC", avif ? "dav1d or libaom" : "libde265");
  else if (err.code == heif_error_Unsupported_feature)
    g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_UNKNOWN_TYPE,
                 _("This %s photo cannot be decoded: libheif has no decoder for its codec (%s)"),
                 avif ? "AVIF" : "HEIF", err.message);
  else
    g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_CORRUPT, _("Damaged %s data: %s"),
                 avif ? "AVIF" : "HEIF", err.message);
}

/* The Exif item starts with the offset of its TIFF header. */
static GBytes *
read_exif (struct heif_image_handle *handle)
{
  heif_item_id id;
  g_autofree guint8 *block = NULL;
  gsize size;
  guint32 skip;

  if (heif_image_handle_get_list_of_metadata_block_IDs (handle, "Exif", &id, 1) < 1)
    return NULL;
  size = heif_image_handle_get_metadata_size (handle, id);
  block = size >= 4 ? g_try_malloc (size) : NULL;
  if (block == NULL || heif_image_handle_get_metadata (handle, id, block).code != heif_error_Ok)
    return NULL;
  skip = (guint32) block[0] << 24 | block[1] << 16 | block[2] << 8 | block[3];
  return skip <= size - 4 ? vt_metadata_new_exif (block + 4 + skip, size - 4 - skip) : NULL;
}

static guint8 *
read_icc (struct heif_image_handle *handle,
          gsize                    *len)
{
  guint8 *icc;

  *len = heif_image_handle_get_raw_color_profile_size (handle);
  if (*len == 0)
    return NULL;
  icc = g_malloc (*len);
  if (heif_image_handle_get_raw_color_profile (handle, icc).code != heif_error_Ok)
    g_clear_pointer (&icc, g_free);
  return icc;
}

/**
 * vt_codec_heif_decode:
 *
 * Returns: (transfer full): the photo upright and in sRGB, as the JPEG
 * decoder returns it, or %NULL with @error set
 */
cairo_surface_t *
vt_codec_heif_decode (const guint8      *data,
                      gsize              len,
                      const VtLoadHints *hints,
                      GError           **error)
{
  g_autoptr(HeifImageHandle) handle = NULL;
  g_autoptr(HeifContext) ctx = open_context (data, len, &handle);
  g_autoptr(HeifImage) image = NULL;
  g_autoptr(GBytes) exif = NULL;
  g_autofree guint8 *icc = NULL;
  gboolean alpha;
  struct heif_error err;
  const guint8 *pixels;
  cairo_surface_t *surface;
  gsize icc_len;
  int width, height, stride;

  if (ctx == NULL)
    {
      err = (struct heif_error) { heif_error_Invalid_input, heif_suberror_Unspecified,
                                  _("no image in the file") };
      set_decode_error (data, len, err, error);
      return NULL;
    }
  width = heif_image_handle_get_width (handle);
  height = heif_image_handle_get_height (handle);
  if ((guint64) width * height > hints->max_pixels)
    {
      g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_TOO_LARGE,
                   _("The photo is %u × %u pixels, above the limit of %u megapixels"),
                   (guint) width, (guint) height, (guint) (hints->max_pixels / 1000000));
      return NULL;
    }

  alpha = heif_image_handle_has_alpha_channel (handle);
  err = heif_decode_image (handle, &image, heif_colorspace_RGB,
                           alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB, NULL);
  if (err.code != heif_error_Ok)
    {
      set_decode_error (data, len, err, error);
      return NULL;
    }
  pixels = heif_image_get_plane_readonly (image, heif_channel_interleaved, &stride);
  surface = vt_codec_rgba_to_surface (pixels, heif_image_get_width (image, heif_channel_interleaved),
                                      heif_image_get_height (image, heif_channel_interleaved),
                                      stride, alpha ? 4 : 3, hints->keep_alpha, error);
  if (surface == NULL)
    return NULL;
  icc = read_icc (handle, &icc_len);
  exif = read_exif (handle);
  return vt_codec_finish (surface, icc, icc_len, exif, 1, hints);
}
