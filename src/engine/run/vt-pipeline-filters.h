/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline-filters.h: a recipe's filters split around the resize, and run only where a padded size has content */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

void     vt_pipeline_filters_split        (GArray                      *chain,
                                           GArray                     **before,
                                           GArray                     **after);
int      vt_pipeline_filters_flat_reach   (GArray                      *filters);
gboolean vt_pipeline_filters_apply_within (GArray                      *filters,
                                           int                          reach,
                                           cairo_surface_t             *surface,
                                           const cairo_rectangle_int_t *area,
                                           double                       strength);

G_END_DECLS
