/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-job-private.h: VtJob's instance, shared by the files its class is split across
 *
 * vt-job.c          the API, events to the main context, start and finish
 * vt-job-plan.c     output names, decided on the main thread before work
 * vt-job-stats.c    the figures gathered as results arrive, and the stop
 * vt-job-worker.c   the workers: read a photo, hand it to a core, post it
 * vt-job-rules.c    a channel's rules, checked on each main photo written
 * vt-job-stamp.c    the recipe recorded in the output folder, for skip-existing
 * vt-core-pool.c    the cores: one compute thread per core, within the
 *                   pixel budget (vt-pixel-budget.c)
 *
 * See vt-job.c for the threading contract.
 */
#pragma once

#include "vt-job.h"
#include "vt-pipeline.h"
#include "vt-pixel-budget.h"
#include "vt-preflight.h"

G_BEGIN_DECLS

struct _VtJob
{
  GObject        parent_instance;

  /* Main thread only: the thread whose default context is `context`. */
  VtRecipe      *recipe;
  char          *output_dir;
  GPtrArray     *results;          /* VtResult, in input order */
  guint          n_workers;
  gboolean       started;
  gboolean       open;             /* more inputs may come after start */
  gboolean       cancel_requested; /* by vt_job_cancel(), not by a stop */
  GError        *stop_error;       /* copied from shared.stop_error */
  VtJob         *running_ref;      /* held from start to ::finished */
  VtJobStats     stats;
  struct {
    GHashTable  *taken;            /* output paths given out, relative */
    GHashTable  *inputs;           /* canonical input paths */
    GHashTable  *dirs;             /* folders made */
  } plan;

  /* Set on the main thread before vt_job_start() hands over the job, then
   * read by workers and cores without a lock. */
  GMainContext  *context;
  VtPipeline    *pipeline;         /* immutable; safe on any thread */
  GCancellable  *cancellable;      /* thread-safe itself */
  GThreadPool   *pool;             /* the workers, n_workers of them */
  GThreadPool   *cores;            /* NULL when workers compute themselves */
  guint          n_cores;
  gint64         start_time;
  gboolean       skip_existing;
  gboolean       recipe_changed;   /* outputs of another recipe: skip none */
  gboolean       keep_thumbnails;
  gboolean       background;
  VtRules       *rules;            /* nullable: checked on each main photo */
  GPtrArray     *recipe_issues;    /* VtPreflightIssue: the recipe's own breaches */

  /* Set once, by the worker whose photo could not be written for want of
   * room (see vt-job-worker.c), before it cancels the job. */
  gint           stopping;         /* atomic */

  /* Workers → main thread, under shared.lock. */
  struct {
    GMutex       lock;
    GQueue       done;             /* VtResult, owned */
    guint        n_pending;
    gint64       end_time;
    gboolean     drain_scheduled;
    GError      *stop_error;       /* why the job stopped, set once */
  } shared;

  /* Cores, under the budget's own lock. */
  VtPixelBudget  budget;
};

/* vt-job-rules.c, any thread */
void     vt_job_check_rules  (VtJob     *self,
                              VtResult  *result);

/* vt-job-stats.c, main thread */
void     vt_job_stats_add_result (VtJobStats *stats,
                                  VtResult   *result);

/* vt-job.c, any thread */
void     vt_job_post_result  (VtJob     *self,
                              VtResult  *result);
void     vt_job_schedule_drain (VtJob   *self);

/* vt-job-plan.c, main thread */
void     vt_job_plan_clear   (VtJob     *self);
gboolean vt_job_plan_outputs (VtJob     *self,
                              GError   **error);
gboolean vt_job_plan_result  (VtJob     *self,
                              VtResult  *result,
                              GError   **error);

/* vt-job-stamp.c, main thread */
void     vt_job_stamp_output (VtJob     *self);

/* vt-job-worker.c, the workers' GThreadPool function */
void     vt_job_worker_func  (gpointer   data,
                              gpointer   user_data);

/* vt-core-pool.c, on a worker: its photo computed on a core */
gboolean vt_job_compute      (VtJob     *self,
                              VtResult  *result,
                              GBytes    *bytes,
                              guint64    cost,
                              GError   **error);
/* vt-core-pool.c, the cores' GThreadPool function */
void     vt_job_core_func    (gpointer   data,
                              gpointer   user_data);

G_END_DECLS
