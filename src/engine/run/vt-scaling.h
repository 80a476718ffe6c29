/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-scaling.h: the same photos on 1, 2, 4 and 8 workers, to see what more cores buy */
#pragma once

#include "vt-job.h"

G_BEGIN_DECLS

#define VT_TYPE_SCALING (vt_scaling_get_type ())
G_DECLARE_FINAL_TYPE (VtScaling, vt_scaling, VT, SCALING, GObject)

VtScaling *vt_scaling_new    (VtRecipe           *recipe,
                              const char * const *inputs,
                              guint               max_photos);
gboolean   vt_scaling_start  (VtScaling          *self,
                              GError            **error);
void       vt_scaling_cancel (VtScaling          *self);
guint      vt_scaling_get_n_prepared (VtScaling  *self);
char      *vt_scaling_explain_slowdown (double   speedup,
                                        guint    workers,
                                        guint    n_photos);

G_END_DECLS
