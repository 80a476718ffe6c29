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

G_END_DECLS
