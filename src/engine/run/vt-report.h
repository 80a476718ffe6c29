/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-report.h: a finished job as a JSON document */
#pragma once

#include <json-glib/json-glib.h>

#include "vt-job.h"

G_BEGIN_DECLS

JsonNode *vt_report_build (VtJob       *job);
gboolean  vt_report_write (VtJob       *job,
                           const char  *path,
                           GError     **error);

G_END_DECLS
