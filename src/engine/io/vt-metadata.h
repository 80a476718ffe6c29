/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-metadata.h: which of a photo's EXIF data its outputs keep */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "vt-recipe.h"

G_BEGIN_DECLS

void    vt_metadata_attach (cairo_surface_t *photo,
                            GBytes          *exif);
GBytes *vt_metadata_get    (cairo_surface_t *photo);
GBytes *vt_metadata_filter (GBytes          *exif,
                            VtMetadata       policy);

GBytes *vt_metadata_new_exif        (const guint8 *tiff,
                                     gsize         len);
int     vt_metadata_get_orientation (GBytes       *exif);

G_END_DECLS
