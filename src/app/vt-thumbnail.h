/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-thumbnail.h: one photo of a batch as the thumbnail grid shows it */
#pragma once

#include <gtk/gtk.h>

#include "vitrina-engine.h"

G_BEGIN_DECLS

#define VT_TYPE_THUMBNAIL (vt_thumbnail_get_type ())
G_DECLARE_FINAL_TYPE (VtThumbnail, vt_thumbnail, VT, THUMBNAIL, GObject)

VtThumbnail *vt_thumbnail_new         (VtResult    *result,
                                       VtRules     *rules);
VtResult    *vt_thumbnail_get_result  (VtThumbnail *self);
GdkTexture  *vt_thumbnail_get_texture (VtThumbnail *self);
const char  *vt_thumbnail_get_title   (VtThumbnail *self);
const char  *vt_thumbnail_get_error   (VtThumbnail *self);
gboolean     vt_thumbnail_get_failed  (VtThumbnail *self);
gboolean     vt_thumbnail_get_skipped (VtThumbnail *self);
char        *vt_thumbnail_dup_tooltip (VtThumbnail *self);
gboolean     vt_thumbnail_get_checked (VtThumbnail *self);
gboolean     vt_thumbnail_get_complies (VtThumbnail *self);
const char  *vt_thumbnail_get_verdict (VtThumbnail *self);


GdkTexture  *vt_texture_new_for_surface (cairo_surface_t *surface);

G_END_DECLS
