/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-header.c: a photo's pixel size, read from its header alone
 *
 * vt_image_load() checks this size before any decoder sees the file, so
 * that a zero or absurd size is refused by name instead of reaching a
 * library that asserts on it or allocates what the header claims.
 */
#define G_LOG_DOMAIN "vt-codec-header"

#include "config.h"

#include <string.h>
#include <webp/decode.h>

#include "vt-codec.h"

static guint
be16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) be16 (p) << 16 | be16 (p + 2);
}

static int
clamp_side (guint64 side)
{
  return (int) MIN (side, (guint64) G_MAXINT);
}

static gboolean
jpeg_size (const guint8 *data,
           gsize         len,
           int          *width,
           int          *height)
{
  gsize i = 2;

  while (i + 4 <= len)
    {
      guint marker;

      if (data[i] != 0xFF)
        return FALSE;
      marker = data[i + 1];
      if (marker == 0xFF)
        {
          i++;      /* fill byte */
          continue;
        }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9))
        {
          i += 2;
          continue;
        }
      /* Start of frame: every SOFn but DHT (C4), JPG (C8) and DAC (CC). */
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          if (i + 9 > len)
            return FALSE;
          *height = be16 (data + i + 5);
          *width = be16 (data + i + 7);
          return TRUE;
        }
      i += 2 + be16 (data + i + 2);
    }
  return FALSE;
}

static guint64
tiff_uint (const guint8 *p,
           gsize         n,
           gboolean      big_endian)
{
  guint64 v = 0;

  for (gsize k = 0; k < n; k++)
    v |= (guint64) p[big_endian ? k : n - 1 - k] << (8 * (n - 1 - k));
  return v;
}

/* The first directory's ImageWidth and ImageLength, in classic TIFF and
 * BigTIFF (8-byte offsets and counts, 20-byte entries). */
static gboolean
tiff_size (const guint8 *data,
           gsize         len,
           int          *width,
           int          *height)
{
  gboolean be = data[0] == 'M';
  gboolean big = tiff_uint (data + 2, 2, be) == 43;
  gsize word = big ? 8 : 4, entry_len = big ? 20 : 12;
  guint64 ifd, count;
  gboolean have_w = FALSE, have_h = FALSE;

  if (len < 16)
    return FALSE;
  ifd = big ? tiff_uint (data + 8, 8, be) : tiff_uint (data + 4, 4, be);
  if (ifd > len || len - ifd < word)
    return FALSE;
  count = tiff_uint (data + ifd, big ? 8 : 2, be);
  for (guint64 n = 0, at = ifd + (big ? 8 : 2); n < count && at + entry_len <= len; n++, at += entry_len)
    {
      guint tag = tiff_uint (data + at, 2, be);
      guint type = tiff_uint (data + at + 2, 2, be);
      const guint8 *value = data + at + 4 + word;
      guint64 v;

      if (tag != 256 && tag != 257)
        continue;
      /* SHORT, LONG or LONG8, left-justified in the value field; a LONG8
       * fits only BigTIFF's eight-byte field. */
      v = type == 3 ? tiff_uint (value, 2, be) : type == 4 ? tiff_uint (value, 4, be)
        : type == 16 && big ? tiff_uint (value, 8, be) : 0;
      if (tag == 256)
        *width = clamp_side (v), have_w = TRUE;
      else
        *height = clamp_side (v), have_h = TRUE;
    }
  return have_w && have_h;
}

/**
 * vt_codec_header_size:
 * @data: a photo file's contents
 *
 * The stored size (before any EXIF turn) of a JPEG, PNG, GIF, WebP, TIFF or
 * HEIF file, which may well be zero or absurd in a damaged or forged file.
 *
 * Returns: %FALSE when the type is not one of these or the header cannot
 * be read; the decoder then says why
 */
gboolean
vt_codec_header_size (const guint8 *data,
                      gsize         len,
                      int          *width,
                      int          *height)
{
  if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return jpeg_size (data, len, width, height);
  if (len >= 24 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (data + 12, "IHDR", 4) == 0)
    {
      *width = clamp_side (be32 (data + 16));
      *height = clamp_side (be32 (data + 20));
      return TRUE;
    }
  if (vt_codec_gif_size (data, len, width, height))
    return TRUE;
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return WebPGetInfo (data, len, width, height) != 0;
  if (len >= 8 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0 ||
                   memcmp (data, "II+\0", 4) == 0 || memcmp (data, "MM\0+", 4) == 0))
    return tiff_size (data, len, width, height);
  if (vt_codec_heif_sniff (data, len))
    return vt_codec_heif_peek_size (data, len, width, height);
  return FALSE;
}

/**
 * vt_image_extension:
 * @data: a downloaded file's contents
 *
 * The file name extension its bytes call for, judged without handing the
 * file to any loader.
 *
 * Returns: (nullable): "jpg", "png", "gif", "webp", "tif", "heic" or
 * "avif", or %NULL for anything else
 */
const char *
vt_image_extension (const guint8 *data,
                    gsize         len)
{
  switch (vt_image_sniff (data, len))
    {
    case VT_IMAGE_TYPE_JPEG:
      return "jpg";
    case VT_IMAGE_TYPE_WEBP:
      return "webp";
    case VT_IMAGE_TYPE_TIFF:
      return "tif";
    case VT_IMAGE_TYPE_HEIF:
      return vt_codec_heif_is_avif (data, len) ? "avif" : "heic";
    case VT_IMAGE_TYPE_OTHER:
      if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "png";
      if (len >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
        return "gif";
      return NULL;
    case VT_IMAGE_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}
