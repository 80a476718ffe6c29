/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vitrina-engine.h: the engine's public API, for the CLI, the window and tests */
#pragma once

#include <glib.h>

#include "vt-codec.h"
#include "vt-color.h"
#include "vt-download.h"
#include "vt-encode.h"
#include "vt-fetcher.h"
#include "vt-filter-chain.h"
#include "vt-fill.h"
#include "vt-filters.h"
#include "vt-image.h"
#include "vt-inputs.h"
#include "vt-job.h"
#include "vt-logo.h"
#include "vt-metadata.h"
#include "vt-pipeline.h"
#include "vt-preflight.h"
#include "vt-presets.h"
#include "vt-previewer.h"
#include "vt-recipe.h"
#include "vt-report.h"
#include "vt-resize.h"
#include "vt-result.h"
#include "vt-rules.h"
#include "vt-sample.h"
#include "vt-scaling.h"
#include "vt-shard.h"
#include "vt-trim.h"
#include "vt-watermark.h"
#include "vt-whiten.h"

void        vt_engine_init           (void);
gboolean    vt_engine_is_uninstalled (void);
const char *vt_engine_get_localedir  (void);
void vt_remove_tree (const char *path);
