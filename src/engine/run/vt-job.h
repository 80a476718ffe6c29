/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-job.h: a batch of photos run through one recipe on a pool of workers */
#pragma once

#include <gio/gio.h>

#include "vt-recipe.h"
#include "vt-result.h"
#include "vt-rules.h"

G_BEGIN_DECLS

#define VT_JOB_DEFAULT_WORKERS 8

/* In the output folder's root: the recipe its outputs were made with */
#define VT_JOB_RECIPE_STAMP ".vitrina.recipe"

typedef struct {
  guint   n_inputs;
  guint   n_done;
  guint   n_failed;
  guint   n_skipped;
  guint   n_cancelled;
  guint   n_not_started;            /* left when the job stopped (a full disk) */
  guint   n_workers;
  gint64  wall_time;                /* µs from start to the last photo */
  gint64  busy_time;                /* µs, summed over photos */
  gint64  stage_time[VT_N_STAGES];  /* µs, summed over photos */
  guint64 bytes_written;
  guint   max_in_flight;            /* the most photos decoded at once */
} VtJobStats;

#define VT_TYPE_JOB (vt_job_get_type ())
G_DECLARE_FINAL_TYPE (VtJob, vt_job, VT, JOB, GObject)

VtJob            *vt_job_new                 (VtRecipe           *recipe,
                                              const char         *output_dir);
void              vt_job_set_n_workers       (VtJob              *self,
                                              guint               n_workers);
void              vt_job_set_skip_existing   (VtJob              *self,
                                              gboolean            skip_existing);
void              vt_job_set_keep_thumbnails (VtJob              *self,
                                              gboolean            keep_thumbnails);
void              vt_job_set_background      (VtJob              *self,
                                              gboolean            background);
void              vt_job_set_open            (VtJob              *self,
                                              gboolean            open);
void              vt_job_set_rules           (VtJob              *self,
                                              VtRules            *rules);
VtRules          *vt_job_get_rules           (VtJob              *self);
void              vt_job_add_input           (VtJob              *self,
                                              const char         *path,
                                              const char         *subdir);
guint             vt_job_add_paths           (VtJob              *self,
                                              const char * const *paths,
                                              gboolean            recursive);
guint             vt_job_get_n_results       (VtJob              *self);
VtResult         *vt_job_get_result          (VtJob              *self,
                                              guint               index);
const char       *vt_job_get_output_dir      (VtJob              *self);
gboolean          vt_job_start               (VtJob              *self,
                                              GError            **error);
void              vt_job_cancel              (VtJob              *self);
gboolean          vt_job_is_running          (VtJob              *self);
gboolean          vt_job_run_sync            (VtJob              *self,
                                              GError            **error);
const VtJobStats *vt_job_get_stats           (VtJob              *self);
const GError     *vt_job_get_stop_error      (VtJob              *self);
gboolean          vt_job_get_recipe_changed  (VtJob              *self);
gboolean          vt_job_error_stops         (const GError       *error);
double            vt_job_stats_get_rate      (const VtJobStats   *stats);
double            vt_job_stats_get_speedup   (const VtJobStats   *stats);

G_END_DECLS
