/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-filter-row.h: one filter of the recipe's chain, editable in place */
#pragma once

#include <adwaita.h>

#include "vt-filter-chain.h"

G_BEGIN_DECLS

#define VT_TYPE_FILTER_ROW (vt_filter_row_get_type ())
G_DECLARE_FINAL_TYPE (VtFilterRow, vt_filter_row, VT, FILTER_ROW, AdwExpanderRow)

GtkWidget *vt_filter_row_new        (const VtFilter *filter);
void       vt_filter_row_get_filter (VtFilterRow    *self,
                                     VtFilter       *filter);
void       vt_filter_row_set_movable (VtFilterRow   *self,
                                      gboolean       up,
                                      gboolean       down);

G_END_DECLS
