/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-preview-area.h: before and after, split by a line the user drags */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VT_TYPE_PREVIEW_AREA (vt_preview_area_get_type ())
G_DECLARE_FINAL_TYPE (VtPreviewArea, vt_preview_area, VT, PREVIEW_AREA, GtkWidget)

void   vt_preview_area_set_textures (VtPreviewArea *self,
                                     GdkTexture    *before,
                                     GdkTexture    *after);
void   vt_preview_area_set_fit      (VtPreviewArea *self,
                                     gboolean       fit);
void   vt_preview_area_set_split    (VtPreviewArea *self,
                                     double         split);
double vt_preview_area_get_scale    (VtPreviewArea *self);

G_END_DECLS
