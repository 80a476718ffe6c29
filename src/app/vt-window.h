/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window.h: the main window: folders, recipe, batch, thumbnails and chart */
#pragma once

#include <adwaita.h>

#include "vitrina-engine.h"

G_BEGIN_DECLS

#define VT_TYPE_WINDOW (vt_window_get_type ())
G_DECLARE_FINAL_TYPE (VtWindow, vt_window, VT, WINDOW, AdwApplicationWindow)

VtWindow   *vt_window_new                (GtkApplication     *application);
void        vt_window_set_inputs         (VtWindow           *self,
                                          const char * const *paths);
guint       vt_window_get_n_found        (VtWindow           *self);
gboolean    vt_window_import_links       (VtWindow           *self,
                                          const char         *links);
gboolean    vt_window_is_busy            (VtWindow           *self);
VtJob      *vt_window_get_last_job       (VtWindow           *self);
GListModel *vt_window_get_thumbnails     (VtWindow           *self);
VtRecipe   *vt_window_get_recipe         (VtWindow           *self);

G_END_DECLS
