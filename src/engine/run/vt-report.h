/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-report.h: a finished job as a JSON document */
#pragma once

#include <json-glib/json-glib.h>

#include "vt-job.h"
#include "vt-recipe.h"
#include "vt-shard.h"

G_BEGIN_DECLS

JsonNode *vt_report_build      (VtJob          *job);
void      vt_report_add_origin (JsonNode       *report,
                                VtRecipe       *recipe,
                                const VtShard  *shard);
gboolean  vt_report_save       (JsonNode       *report,
                                const char     *path,
                                GError        **error);
gboolean  vt_report_write      (VtJob          *job,
                                const char     *path,
                                GError        **error);
JsonNode *vt_report_load       (const char     *path,
                                GError        **error);
JsonNode *vt_report_merge      (const char * const *paths,
                                GError        **error);

G_END_DECLS
