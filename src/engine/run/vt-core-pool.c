/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-core-pool.c: a job's cores: decoding, filters and encoding, one photo per core
 *
 * With more workers than cores, vt_job_start() makes `cores`, a pool of one
 * thread per core: a worker reads its photo, hands it to the pool and waits,
 * so the other workers keep reading ahead while every core computes one
 * photo, instead of more photos than cores taking turns on them (which
 * costs CPU time in switches and cache misses). The pool's queue gives a
 * core that finishes the next photo at once; a worker blocked in front of
 * the pipeline would instead have to be woken, and the scheduler may wake
 * it on the busy core while another stays idle. With no more workers than
 * cores there is no pool, and each worker computes its own photo.
 */
#define G_LOG_DOMAIN "vt-job"

#include "config.h"

#include "vt-job-private.h"
#include "vt-thread-priority.h"
#include "vt-tsan.h"

/* On a core, or on the worker itself when there are no cores: the photo,
 * within the pixel budget. */
static gboolean
compute_here (VtJob     *self,
              VtResult  *result,
              GBytes    *bytes,
              guint64    cost,
              GError   **error)
{
  gboolean ok;

  if (!vt_pixel_budget_acquire (&self->budget, cost, self->cancellable))
    return !g_cancellable_set_error_if_cancelled (self->cancellable, error);
  ok = vt_pipeline_process (self->pipeline, result, bytes, self->keep_thumbnails, error);
  /* Still on the core and within the photo's budget: checking decodes the
   * main photo just written, so it counts as this photo's computing. */
  if (ok)
    vt_job_check_rules (self, result);
  vt_pixel_budget_release (&self->budget, cost);
  return ok;
}

/* A photo's computing, handed by its worker to one of the cores, which
 * wakes that worker alone when it is done. Lives on the worker's stack;
 * the worker waits for `done`, under `lock`, before it goes. */
typedef struct {
  VtResult *result;
  GBytes   *bytes;
  guint64   cost;
  gboolean  ok;
  GError   *error;
  gboolean  done;
  GMutex    lock;
  GCond     cond;
} CoreTask;

void
vt_job_core_func (gpointer data,
                  gpointer user_data)
{
  CoreTask *task = data;
  VtJob *self = user_data;

  VT_HANDOFF_ACQUIRE (task);
  vt_thread_lower_priority (self->background);
  task->ok = compute_here (self, task->result, task->bytes, task->cost, &task->error);

  vt_mutex_lock (&task->lock);
  task->done = TRUE;
  g_cond_signal (&task->cond);
  vt_mutex_unlock (&task->lock);
}

static gboolean
compute_on_a_core (VtJob     *self,
                   VtResult  *result,
                   GBytes    *bytes,
                   guint64    cost,
                   GError   **error)
{
  CoreTask task = { .result = result, .bytes = bytes, .cost = cost };

  g_mutex_init (&task.lock);
  g_cond_init (&task.cond);
  VT_HANDOFF_RELEASE (&task);
  g_thread_pool_push (self->cores, &task, NULL);

  vt_mutex_lock (&task.lock);
  while (!task.done)
    vt_cond_wait (&task.cond, &task.lock);
  vt_mutex_unlock (&task.lock);

  g_mutex_clear (&task.lock);
  g_cond_clear (&task.cond);
  if (task.error != NULL)
    g_propagate_error (error, task.error);
  return task.ok;
}

/**
 * vt_job_compute:
 * @bytes: the photo's file, read by the calling worker
 * @cost: its pixels once decoded, for the pixel budget
 *
 * On a worker: decodes, filters, encodes and writes the photo's sizes, on
 * one of the cores when the job has them, and waits for it.
 */
gboolean
vt_job_compute (VtJob     *self,
                VtResult  *result,
                GBytes    *bytes,
                guint64    cost,
                GError   **error)
{
  if (self->cores == NULL)
    return compute_here (self, result, bytes, cost, error);
  return compute_on_a_core (self, result, bytes, cost, error);
}
