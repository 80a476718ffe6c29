/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-result.h: what happened to one input photo of a job */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "vt-encode.h"

G_BEGIN_DECLS

typedef enum {
  VT_RESULT_PENDING,
  VT_RESULT_DONE,
  VT_RESULT_FAILED,
  VT_RESULT_SKIPPED,    /* every output already existed (--skip-existing) */
  VT_RESULT_CANCELLED,
  VT_RESULT_NOT_STARTED, /* left when the job stopped: its output could not be written */
} VtResultStatus;

/* CPU microseconds that the worker spent in each stage for one photo.
 * Thread CPU time, not wall time: with 8 workers on 2 cores a worker is
 * often descheduled, and wall time would count that as work. Their sum over
 * a job divided by its wall time is then the real parallelism achieved. */
typedef enum {
  VT_STAGE_READ,
  VT_STAGE_DECODE,
  VT_STAGE_RESIZE,
  VT_STAGE_FILTERS,
  VT_STAGE_WATERMARK,
  VT_STAGE_ENCODE,
  VT_STAGE_WRITE,
  VT_N_STAGES
} VtStage;

typedef struct {
  gint64 stage[VT_N_STAGES];
} VtTimings;

typedef struct {
  char    *variant;
  char    *path;
  int      width;
  int      height;
  guint64  bytes;
  int      quality;       /* the quality used (a lossy format's) */
  gboolean over_budget;   /* larger than the size's max-kb even at quality 1 */
  VtFormat format;
  gboolean low_contrast;  /* whiten asked, left as it was: the product's edge is unclear */
  gboolean no_product;    /* trim asked, but no product found on a plain backdrop */
  gboolean small_product; /* fill asked for more than the photo's own pixels */
  /* A channel's verdict on a main photo as written (vt_job_set_rules()):
   * the VtPreflightIssue of each rule broken, and a mask of `1 << VtRule`
   * of the rules checked. NULL and 0 when nothing was checked. */
  GPtrArray *issues;
  guint      rules_checked;
} VtOutput;

#define VT_TYPE_RESULT (vt_result_get_type ())
G_DECLARE_FINAL_TYPE (VtResult, vt_result, VT, RESULT, GObject)

VtResult        *vt_result_new            (guint            index,
                                           const char      *input,
                                           const char      *subdir);
guint            vt_result_get_index      (VtResult        *self);
const char      *vt_result_get_input      (VtResult        *self);
const char      *vt_result_get_subdir     (VtResult        *self);
VtResultStatus   vt_result_get_status     (VtResult        *self);
const GError    *vt_result_get_error      (VtResult        *self);
guint            vt_result_get_n_outputs  (VtResult        *self);
VtOutput        *vt_result_get_output     (VtResult        *self,
                                           guint            index);
VtTimings       *vt_result_get_timings    (VtResult        *self);
gint64           vt_result_get_busy_time  (VtResult        *self);
cairo_surface_t *vt_result_get_thumbnail  (VtResult        *self);
const char      *vt_stage_get_name        (VtStage          stage);
gint64           vt_timings_now           (void);
double           vt_timings_stolen        (void);

/* For the job and pipeline, which own the result while a worker fills it. */
void             vt_result_add_output     (VtResult        *self,
                                           const char      *variant,
                                           VtFormat         format,
                                           const char      *path);
void             vt_result_set_status     (VtResult        *self,
                                           VtResultStatus   status,
                                           GError          *error);
void             vt_result_set_thumbnail  (VtResult        *self,
                                           cairo_surface_t *thumbnail);
void             vt_result_reset          (VtResult        *self);

G_END_DECLS
