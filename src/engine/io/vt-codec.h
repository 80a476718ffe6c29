/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec.h: the codecs behind vt_image_load() and the JPEG writer */
#pragma once

#include "vt-image.h"

G_BEGIN_DECLS

cairo_surface_t *vt_codec_jpeg_decode   (const guint8      *data,
                                         gsize              len,
                                         const VtLoadHints *hints,
                                         GError           **error);
gboolean         vt_codec_jpeg_peek_size (const guint8     *data,
                                         gsize              len,
                                         const VtLoadHints *hints,
                                         int               *width,
                                         int               *height);
GBytes          *vt_codec_jpeg_encode   (cairo_surface_t   *surface,
                                         int                quality,
                                         gboolean           progressive,
                                         GBytes            *exif,
                                         GError           **error);
cairo_surface_t *vt_codec_pixbuf_decode (const guint8      *data,
                                         gsize              len,
                                         const VtLoadHints *hints,
                                         GError           **error);

/* The formats read without GdkPixbuf, and what they share. */
gboolean         vt_codec_check_pixels  (guint              width,
                                         guint              height,
                                         const VtLoadHints *hints,
                                         GError           **error);
gboolean         vt_codec_header_size   (const guint8      *data,
                                         gsize              len,
                                         int               *width,
                                         int               *height);
cairo_surface_t *vt_codec_rgba_to_surface (const guint8    *rgba,
                                         int                width,
                                         int                height,
                                         gsize              stride,
                                         int                n_channels,
                                         gboolean           keep_alpha,
                                         GError           **error);
void             vt_codec_rgba_row      (const guint8      *in,
                                         guint32           *out,
                                         int                width,
                                         int                n_channels);
cairo_surface_t *vt_codec_finish        (cairo_surface_t   *surface,
                                         const guint8      *icc,
                                         gsize              icc_len,
                                         GBytes            *exif,
                                         int                orientation,
                                         const VtLoadHints *hints);
gboolean         vt_codec_gif_size      (const guint8      *data,
                                         gsize              len,
                                         int               *width,
                                         int               *height);
GBytes          *vt_codec_gif_repair    (const guint8      *data,
                                         gsize              len);
gboolean         vt_codec_gif_has_empty_frame (const guint8 *data,
                                               gsize         len);
cairo_surface_t *vt_codec_webp_decode   (const guint8      *data,
                                         gsize              len,
                                         const VtLoadHints *hints,
                                         GError           **error);
cairo_surface_t *vt_codec_tiff_decode   (const guint8      *data,
                                         gsize              len,
                                         const VtLoadHints *hints,
                                         GError           **error);
gboolean         vt_codec_heif_sniff    (const guint8      *data,
                                         gsize              len);
gboolean         vt_codec_heif_is_avif  (const guint8      *data,
                                         gsize              len);
gboolean         vt_codec_heif_peek_size (const guint8     *data,
                                         gsize              len,
                                         int               *width,
                                         int               *height);
cairo_surface_t *vt_codec_heif_decode   (const guint8      *data,
                                         gsize              len,
                                         const VtLoadHints *hints,
                                         GError           **error);

G_END_DECLS
