/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-preview.h: the recipe tried on one photo, updated as settings change */
#pragma once

#include <gtk/gtk.h>

#include "vitrina-engine.h"
#include "vt-preview-area.h"

G_BEGIN_DECLS

#define VT_TYPE_PREVIEW (vt_preview_get_type ())
G_DECLARE_FINAL_TYPE (VtPreview, vt_preview, VT, PREVIEW, GtkWidget)

void             vt_preview_set_recipe  (VtPreview          *self,
                                         VtRecipe           *recipe);
void             vt_preview_set_rules   (VtPreview          *self,
                                         VtRules            *rules);
void             vt_preview_set_photos  (VtPreview          *self,
                                         const char * const *paths);
void             vt_preview_select_photo (VtPreview         *self,
                                         const char         *path);
VtPreviewer     *vt_preview_get_previewer (VtPreview        *self);
cairo_surface_t *vt_preview_get_shown   (VtPreview          *self);
VtFormat         vt_preview_get_shown_format (VtPreview     *self);
const char      *vt_preview_get_photo   (VtPreview          *self);
guint            vt_preview_get_variant (VtPreview          *self);
GtkLabel        *vt_preview_get_verdict_label (VtPreview    *self);
GtkToggleButton *vt_preview_get_zoom_button (VtPreview      *self);
VtPreviewArea   *vt_preview_get_area    (VtPreview          *self);

G_END_DECLS
