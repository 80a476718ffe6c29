/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-encode-png.c: PNG out through libpng, for cut-outs: alpha kept, sRGB said
 *
 * libpng rather than GdkPixbuf's saver: the saver cannot write the sRGB or
 * eXIf chunks, and would need the surface copied into a GdkPixbuf first;
 * here each row goes from Cairo's memory to the compressor through one row
 * buffer.
 */
#define G_LOG_DOMAIN "vt-encode-png"

#include "config.h"

#include <png.h>
#include <glib/gi18n-lib.h>

#include "vt-encode.h"

/* Per call, never global: eight workers encode at once. */
typedef struct {
  GByteArray *out;
  char        message[256];
} PngWrite;

static void
write_cb (png_structp  png,
          png_bytep    data,
          png_size_t   len)
{
  PngWrite *w = png_get_io_ptr (png);

  g_byte_array_append (w->out, data, len);
}

static void
flush_cb (png_structp png)
{
}

static void
error_cb (png_structp     png,
          png_const_charp message)
{
  PngWrite *w = png_get_error_ptr (png);

  g_strlcpy (w->message, message, sizeof w->message);
  png_longjmp (png, 1);
}

static void
warning_cb (png_structp     png,
            png_const_charp message)
{
}

static void
write_header (png_structp             png,
              png_infop               info,
              cairo_surface_t        *surface,
              gboolean                alpha,
              const VtEncodeSettings *settings,
              GBytes                 *exif)
{
  const guint8 *tiff;
  gsize tiff_len;

  png_set_IHDR (png, info, cairo_image_surface_get_width (surface),
                cairo_image_surface_get_height (surface), 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level (png, CLAMP (settings->png_level, 0, 9));
  /* The 13-byte way to say sRGB; no profile needed. */
  png_set_sRGB (png, info, PNG_sRGB_INTENT_PERCEPTUAL);
  tiff = vt_encode_exif_tiff (exif, &tiff_len);
  if (tiff != NULL)
    png_set_eXIf_1 (png, info, tiff_len, (png_bytep) tiff);
  png_write_info (png, info);
}

static void
write_rows (png_structp      png,
            cairo_surface_t *surface,
            gboolean         alpha,
            guint8          *row)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  for (int y = 0; y < height; y++)
    {
      vt_encode_row_to_rgba ((const guint32 *) (data + (gsize) y * stride), row, width, alpha);
      png_write_row (png, row);
    }
  png_write_end (png, NULL);
}

/**
 * vt_encode_png:
 *
 * 8-bit RGB, or RGBA where @surface has transparency, at @settings' zlib
 * level.
 *
 * Returns: (transfer full): the PNG file, or %NULL with @error set
 */
GBytes *
vt_encode_png (cairo_surface_t        *surface,
               const VtEncodeSettings *settings,
               GBytes                 *exif,
               GError                **error)
{
  gboolean alpha = vt_encode_has_alpha (surface);
  int width = cairo_image_surface_get_width (surface);
  PngWrite w = { g_byte_array_new (), "" };
  g_autofree guint8 *row = g_malloc ((gsize) width * (alpha ? 4 : 3));
  png_structp png;
  png_infop info = NULL;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &w, error_cb, warning_cb);
  if (png != NULL)
    info = png_create_info_struct (png);
  if (png == NULL || info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      g_byte_array_unref (w.out);
      g_set_error_literal (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_FAILED, _("Out of memory"));
      return NULL;
    }

  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      g_byte_array_unref (w.out);
      g_set_error (error, VT_ENCODE_ERROR, VT_ENCODE_ERROR_FAILED,
                   _("The PNG encoder failed: %s"), w.message);
      return NULL;
    }

  png_set_write_fn (png, &w, write_cb, flush_cb);
  write_header (png, info, surface, alpha, settings, exif);
  write_rows (png, surface, alpha, row);
  png_destroy_write_struct (&png, &info);
  return g_byte_array_free_to_bytes (w.out);
}
