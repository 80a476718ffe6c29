/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-size-row.h: one size of the recipe, editable in place */
#pragma once

#include <gtk/gtk.h>

#include "vt-recipe.h"

G_BEGIN_DECLS

#define VT_TYPE_SIZE_ROW (vt_size_row_get_type ())
G_DECLARE_FINAL_TYPE (VtSizeRow, vt_size_row, VT, SIZE_ROW, GtkListBoxRow)

GtkWidget *vt_size_row_new           (const VtVariant *variant);
char      *vt_size_row_dup_spec      (VtSizeRow  *self);
void       vt_size_row_set_removable (VtSizeRow  *self,
                                      gboolean    removable);

G_END_DECLS
