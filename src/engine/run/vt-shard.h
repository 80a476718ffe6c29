/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-shard.h: which part of a batch one of several machines takes */
#pragma once

#include <glib.h>

#include "vt-inputs.h"

G_BEGIN_DECLS

/* The @index-th of @count disjoint parts of a batch; 0/1 is all of it. */
typedef struct {
  guint index;
  guint count;
} VtShard;

#define VT_SHARD_ALL ((VtShard) { 0, 1 })

gboolean   vt_shard_parse      (const char    *text,
                                VtShard       *shard,
                                GError       **error);
char      *vt_shard_group_key  (const char    *subdir,
                                const char    *input);
guint      vt_shard_of         (const char    *subdir,
                                const char    *input,
                                guint          count);
GPtrArray *vt_shard_select     (const VtShard *shard,
                                GPtrArray     *inputs);

G_END_DECLS
