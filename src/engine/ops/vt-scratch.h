/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-scratch.h: working memory a thread keeps from one photo to the next */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A GPrivate for vt_scratch_get(): `static GPrivate key = VT_SCRATCH_INIT;` */
#define VT_SCRATCH_INIT G_PRIVATE_INIT (vt_scratch_free)

void    vt_scratch_free (gpointer  scratch);
guint8 *vt_scratch_get  (GPrivate *key,
                         gsize     size);

G_END_DECLS
