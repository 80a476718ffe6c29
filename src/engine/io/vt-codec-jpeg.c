/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-jpeg.c: JPEG through libjpeg-turbo, straight into and out of Cairo's layout */
#define G_LOG_DOMAIN "vt-codec-jpeg"

#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <jpeglib.h>
#include <jerror.h>
#include <libexif/exif-data.h>

#include "vt-codec.h"
#include "vt-codec-jpeg-huffman.h"
#include "vt-color.h"
#include "vt-fit.h"
#include "vt-metadata.h"
#include "vt-resize.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExifData, exif_data_unref)

/* CAIRO_FORMAT_RGB24 is a native-endian 0xXXRRGGBB word. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
# define CAIRO_JCS JCS_EXT_BGRX
#else
# define CAIRO_JCS JCS_EXT_XRGB
#endif

/* Per call, never global: eight workers decode and encode at once. */
typedef struct {
  struct jpeg_error_mgr pub;
  sigjmp_buf            jump;
  GError              **error;
  gboolean              truncated;
} VtJpegError;

static void
fatal_error_cb (j_common_ptr cinfo)
{
  VtJpegError *err = (VtJpegError *) cinfo->err;
  char message[JMSG_LENGTH_MAX];

  err->pub.format_message (cinfo, message);
  g_set_error (err->error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_CORRUPT,
               _("Damaged JPEG data: %s"), message);
  siglongjmp (err->jump, 1);
}

static void
emit_message_cb (j_common_ptr cinfo,
                 int          level)
{
  VtJpegError *err = (VtJpegError *) cinfo->err;

  /* libjpeg pads a cut-off file with grey and calls it a warning; a shop
   * would publish that grey band, so it is a failure here. Other warnings
   * (stray bytes between markers) leave the picture intact. */
  if (level < 0 && err->pub.msg_code == JWRN_JPEG_EOF)
    err->truncated = TRUE;
}

/* Routes @cinfo's errors into @err and @error; before jpeg_create_*(). */
static void
init_error (VtJpegError   *err,
            j_common_ptr   cinfo,
            GError       **error)
{
  cinfo->err = jpeg_std_error (&err->pub);
  err->pub.error_exit = fatal_error_cb;
  err->pub.emit_message = emit_message_cb;
  err->error = error;
  err->truncated = FALSE;
}

static jpeg_saved_marker_ptr
find_exif (j_decompress_ptr cinfo)
{
  for (jpeg_saved_marker_ptr m = cinfo->marker_list; m != NULL; m = m->next)
    if (m->marker == JPEG_APP0 + 1 && m->data_length >= 6 && memcmp (m->data, "Exif\0\0", 6) == 0)
      return m;
  return NULL;
}

static GBytes *
copy_exif (j_decompress_ptr cinfo)
{
  jpeg_saved_marker_ptr m = find_exif (cinfo);

  return m ? g_bytes_new (m->data, m->data_length) : NULL;
}

static int
read_orientation (j_decompress_ptr cinfo)
{
  jpeg_saved_marker_ptr m = find_exif (cinfo);
  g_autoptr(ExifData) exif = m ? exif_data_new_from_data (m->data, m->data_length) : NULL;
  ExifEntry *entry = exif ? exif_data_get_entry (exif, EXIF_TAG_ORIENTATION) : NULL;
  int orientation;

  if (entry == NULL || entry->format != EXIF_FORMAT_SHORT || entry->size < 2)
    return 1;

  orientation = exif_get_short (entry->data, exif_data_get_byte_order (exif));
  return orientation >= 1 && orientation <= 8 ? orientation : 1;
}

/* The largest DCT shrink (1/2, 1/4, 1/8: the ones libjpeg-turbo has SIMD
 * for) that leaves the image at least twice its final size. A DCT shrink
 * keeps every frequency up to its own Nyquist limit, so the Lanczos resize
 * after it must have an octave of room to take out what lies above the
 * output's; with less, fine stripes and fabrics fold back as moiré that no
 * later step removes. libvips's vips_thumbnail and Pillow's
 * draft(reducing_gap=2) keep the same factor of two. The other M/8 scales
 * were tried: 5/8 for a 12-megapixel photo runs libjpeg's scalar 5×5 and
 * 10×10 IDCTs, no fewer instructions than a full decode and its larger
 * resample, and leaves the default recipe's thumbnail of test-fidelity's
 * zone plate 10 dB further from Pillow's than a full decode. */
static int
choose_denominator (int                width,
                    int                height,
                    int                orientation,
                    const VtLoadHints *hints)
{
  int fit_w, fit_h;

  if (hints->box_width <= 0 || hints->box_height <= 0)
    return 1;

  if (orientation >= 5)
    {
      int t = width;
      width = height, height = t;
    }
  if (hints->cover)
    {
      double scale = MAX ((double) hints->box_width / width, (double) hints->box_height / height);
      fit_w = (int) ceil (width * scale), fit_h = (int) ceil (height * scale);
    }
  else
    vt_resize_fit_size (width, height, hints->box_width, hints->box_height, &fit_w, &fit_h);

  for (int d = 8; d > 1; d /= 2)
    {
      if ((width + d - 1) / d >= VT_LOAD_RESAMPLE_ROOM * fit_w &&
          (height + d - 1) / d >= VT_LOAD_RESAMPLE_ROOM * fit_h)
        return d;
    }

  return 1;
}

/* Adobe writes CMYK inverted; libjpeg passes it through as stored. */
static void
cmyk_row_to_rgb24 (const guint8 *cmyk,
                   guint32      *out,
                   int           width,
                   gboolean      inverted)
{
  for (int x = 0; x < width; x++)
    {
      guint c = cmyk[0], m = cmyk[1], y = cmyk[2], k = cmyk[3];

      if (!inverted)
        {
          c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k;
        }
      out[x] = 0xFF000000u | ((c * k + 127) / 255) << 16 | ((m * k + 127) / 255) << 8 | ((y * k + 127) / 255);
      cmyk += 4;
    }
}

static void
read_pixels (j_decompress_ptr  cinfo,
             cairo_surface_t  *surface,
             guint8           *cmyk_row,
             VtCmykTransform  *cmyk_profile)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  while (cinfo->output_scanline < cinfo->output_height)
    {
      guint8 *row = data + (gsize) cinfo->output_scanline * stride;

      if (cmyk_row != NULL)
        {
          jpeg_read_scanlines (cinfo, &cmyk_row, 1);
          if (cmyk_profile != NULL)
            vt_cmyk_transform_row (cmyk_profile, cmyk_row, row, cinfo->output_width);
          else
            cmyk_row_to_rgb24 (cmyk_row, (guint32 *) row, cinfo->output_width,
                               cinfo->saw_Adobe_marker);
        }
      else
        {
          jpeg_read_scanlines (cinfo, &row, 1);
        }
    }
  cairo_surface_mark_dirty (surface);
}

/**
 * vt_codec_jpeg_decode:
 *
 * Decodes once, shrinking in the DCT domain as far as @hints allow, and
 * returns the photo upright (EXIF orientation applied) and in sRGB (an
 * embedded profile applied). Greyscale, CMYK and YCCK files come out as RGB.
 */
cairo_surface_t *
vt_codec_jpeg_decode (const guint8      *data,
                      gsize              len,
                      const VtLoadHints *hints,
                      GError           **error)
{
  struct jpeg_decompress_struct cinfo;
  VtJpegError err;
  cairo_surface_t * volatile surface = NULL;
  guint8 * volatile cmyk_row = NULL;
  JOCTET * volatile icc = NULL;
  VtCmykTransform * volatile cmyk_profile = NULL;
  GBytes * volatile exif = NULL;
  cairo_surface_t *upright;
  unsigned int icc_len = 0;
  int orientation;

  init_error (&err, (j_common_ptr) &cinfo, error);
  jpeg_create_decompress (&cinfo);

  if (sigsetjmp (err.jump, 1))
    {
      jpeg_destroy_decompress (&cinfo);
      if (surface != NULL)
        cairo_surface_destroy (surface);
      g_free (cmyk_row);
      free (icc);
      g_clear_pointer ((VtCmykTransform **) &cmyk_profile, vt_cmyk_transform_free);
      g_clear_pointer ((GBytes **) &exif, g_bytes_unref);
      return NULL;
    }

  jpeg_mem_src (&cinfo, data, len);
  jpeg_save_markers (&cinfo, JPEG_APP0 + 1, 0xFFFF);
  jpeg_save_markers (&cinfo, JPEG_APP0 + 2, 0xFFFF);
  jpeg_read_header (&cinfo, TRUE);

  if (!vt_codec_check_pixels (cinfo.image_width, cinfo.image_height, hints, error))
    {
      jpeg_destroy_decompress (&cinfo);
      return NULL;
    }

  orientation = read_orientation (&cinfo);
  /* Now: the saved markers go with the image's memory when it is done. */
  if (hints->keep_exif)
    exif = copy_exif (&cinfo);
  cinfo.scale_num = 1;
  cinfo.scale_denom = choose_denominator (cinfo.image_width, cinfo.image_height, orientation, hints);

  if (!jpeg_read_icc_profile (&cinfo, (JOCTET **) &icc, &icc_len))
    icc = NULL;

  if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK)
    {
      cinfo.out_color_space = JCS_CMYK;
      if (icc != NULL)
        cmyk_profile = vt_cmyk_transform_new (icc, icc_len, cinfo.saw_Adobe_marker);
    }
  else
    cinfo.out_color_space = CAIRO_JCS;

  jpeg_start_decompress (&cinfo);

  surface = vt_image_new_uninitialized (cinfo.output_width, cinfo.output_height, error);
  if (surface == NULL)
    {
      jpeg_destroy_decompress (&cinfo);
      g_clear_pointer ((GBytes **) &exif, g_bytes_unref);
      free (icc);
      g_clear_pointer ((VtCmykTransform **) &cmyk_profile, vt_cmyk_transform_free);
      return NULL;
    }
  if (cinfo.out_color_space == JCS_CMYK)
    cmyk_row = g_malloc ((gsize) cinfo.output_width * 4);

  read_pixels (&cinfo, surface, cmyk_row, cmyk_profile);
  jpeg_finish_decompress (&cinfo);
  if (icc != NULL && cinfo.out_color_space != JCS_CMYK)
    vt_color_to_srgb (surface, icc, icc_len);
  jpeg_destroy_decompress (&cinfo);
  g_free (cmyk_row);
  free (icc);
  g_clear_pointer ((VtCmykTransform **) &cmyk_profile, vt_cmyk_transform_free);

  if (err.truncated)
    {
      g_set_error_literal (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_CORRUPT,
                           _("The JPEG file is truncated"));
      cairo_surface_destroy (surface);
      g_clear_pointer ((GBytes **) &exif, g_bytes_unref);
      return NULL;
    }

  upright = vt_image_orient (surface, orientation);
  if (upright != NULL && exif != NULL)
    vt_metadata_attach (upright, exif);
  g_clear_pointer ((GBytes **) &exif, g_bytes_unref);
  return upright;
}

/**
 * vt_codec_jpeg_peek_size:
 * @hints: (nullable): the decode's hints, for the size after shrink-on-load
 *
 * Reads only the header: the size vt_codec_jpeg_decode() will allocate.
 */
gboolean
vt_codec_jpeg_peek_size (const guint8      *data,
                         gsize              len,
                         const VtLoadHints *hints,
                         int               *width,
                         int               *height)
{
  volatile int d = 1;

  struct jpeg_decompress_struct cinfo;
  VtJpegError err;

  init_error (&err, (j_common_ptr) &cinfo, NULL);
  jpeg_create_decompress (&cinfo);
  if (sigsetjmp (err.jump, 1))
    {
      jpeg_destroy_decompress (&cinfo);
      return FALSE;
    }
  jpeg_mem_src (&cinfo, data, len);
  jpeg_save_markers (&cinfo, JPEG_APP0 + 1, 0xFFFF);
  jpeg_read_header (&cinfo, TRUE);
  if (hints != NULL)
    d = choose_denominator (cinfo.image_width, cinfo.image_height, read_orientation (&cinfo), hints);
  *width = (cinfo.image_width + d - 1) / d;
  *height = (cinfo.image_height + d - 1) / d;
  jpeg_destroy_decompress (&cinfo);
  return TRUE;
}

/**
 * vt_codec_jpeg_encode:
 * @exif: (nullable): an APP1 EXIF payload to write, from vt_metadata_filter()
 *
 * Encodes with optimised Huffman tables and no metadata but @exif.
 */
GBytes *
vt_codec_jpeg_encode (cairo_surface_t *surface,
                      int              quality,
                      gboolean         progressive,
                      GBytes          *exif,
                      GError         **error)
{
  struct jpeg_compress_struct cinfo;
  VtJpegError err;
  unsigned char *buffer = NULL;
  unsigned long size = 0;
  guint8 *data;
  int stride;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  init_error (&err, (j_common_ptr) &cinfo, error);
  jpeg_create_compress (&cinfo);

  if (sigsetjmp (err.jump, 1))
    {
      jpeg_destroy_compress (&cinfo);
      free (buffer);
      return NULL;
    }

  jpeg_mem_dest (&cinfo, &buffer, &size);
  cinfo.image_width = cairo_image_surface_get_width (surface);
  cinfo.image_height = cairo_image_surface_get_height (surface);
  cinfo.input_components = 4;
  cinfo.in_color_space = CAIRO_JCS;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, CLAMP (quality, 1, 100), TRUE);
  cinfo.optimize_coding = TRUE;
  if (progressive)
    jpeg_simple_progression (&cinfo);

  jpeg_start_compress (&cinfo, TRUE);
  if (vt_codec_jpeg_huffman_hook () == VT_HUFFMAN_HOOK_ON)
    vt_codec_jpeg_count_symbols (&cinfo);
  if (exif != NULL)
    jpeg_write_marker (&cinfo, JPEG_APP0 + 1, g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
  while (cinfo.next_scanline < cinfo.image_height)
    {
      JSAMPROW row = data + (gsize) cinfo.next_scanline * stride;
      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);

  /* libjpeg allocated it with malloc(). */
  return g_bytes_new_with_free_func (buffer, size, free, buffer);
}
