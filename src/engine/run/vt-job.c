/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-job.c: a batch of photos run through one recipe: the API and its events
 *
 * Threading contract (the instance struct, in vt-job-private.h, groups its
 * fields the same way)
 *
 *  main thread ──vt_job_start()──▶ workers ──CoreTask──▶ cores
 *       ▲                            │
 *       └──── one idle source ◀──────┘  vt_job_post_result()
 *
 *  - The main thread is the one whose thread-default main context was
 *    current at vt_job_new(). Every vt_job_* function, the planning of
 *    output names (vt-job-plan.c) and both signals belong to it.
 *  - Workers (vt-job-worker.c) are a GThreadPool of n_workers, owned by the
 *    job. Each takes a VtResult, reads its photo and, once it is computed,
 *    gives it back through vt_job_post_result(), under `shared.lock`; it
 *    touches nothing else of the job but what vt_job_start() set before
 *    handing the job over.
 *  - Cores (vt-core-pool.c) are a second pool of one thread per core, made
 *    only when there are more workers than cores: decoding, filters and
 *    encoding run there while the workers read ahead, each waiting for its
 *    own photo. With no more workers than cores, each worker computes its
 *    own photo. Either way the worker count sets how many photos are in
 *    flight, and at most one photo per core computes at a time.
 *  - Before decoding, a photo takes its pixels from the job's pixel budget
 *    (vt-pixel-budget.c, under its own lock) and gives them back once its
 *    sizes are written; vt_job_cancel() wakes whoever waits there.
 *  - Workers and cores run at a lowered priority (vt-thread-priority.c).
 *  - vt_job_post_result() schedules at most one idle source at a time; it
 *    drains the whole queue, so a burst of photos costs one main-loop
 *    wake-up. Signals are emitted only there, with the lock released.
 *  - A photo whose output cannot be written for want of room (or on a
 *    read-only disk) stops the job: its worker records why under
 *    `shared.lock`, sets `stopping` and cancels the job. Photos not yet
 *    started, and those in flight that stop or fail the same way, are then
 *    reported as not started; the main thread learns why at the next drain.
 *  - A running job holds a reference on itself, dropped after "finished",
 *    so callers may let go of it mid-run.
 */
#define G_LOG_DOMAIN "vt-job"

#include "config.h"

#include <string.h>

#include "vt-image.h"
#include "vt-inputs.h"
#include "vt-job-private.h"
#include "vt-signal.h"
#include "vt-tsan.h"

G_DEFINE_FINAL_TYPE (VtJob, vt_job, G_TYPE_OBJECT)

enum {
  SIGNAL_RESULT,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
vt_job_finalize (GObject *object)
{
  VtJob *self = VT_JOB (object);

  g_assert (self->pool == NULL);
  g_assert (self->cores == NULL);

  /* In the struct's order, group by group (vt-job-private.h). */
  g_clear_object (&self->recipe);
  g_clear_pointer (&self->output_dir, g_free);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_error (&self->stop_error);
  vt_job_plan_clear (self);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->recipe_issues, g_ptr_array_unref);

  g_mutex_clear (&self->shared.lock);
  g_queue_clear_full (&self->shared.done, g_object_unref);
  g_clear_error (&self->shared.stop_error);
  vt_pixel_budget_clear (&self->budget);

  G_OBJECT_CLASS (vt_job_parent_class)->finalize (object);
}

static void
vt_job_class_init (VtJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* G_DEFINE_QUARK registers on first use, unlocked: do it here, before
   * any worker can race to it. */
  vt_image_error_quark ();

  object_class->finalize = vt_job_finalize;

  /**
   * VtJob::result:
   * @result: a photo that is done, failed, skipped, cancelled or not started
   *
   * Emitted on the job's main context, once per input.
   */
  signals[SIGNAL_RESULT] = vt_signal_new (klass, "result", 1, VT_TYPE_RESULT);

  /**
   * VtJob::finished:
   * @cancelled: whether vt_job_cancel() cut the batch short
   *
   * Emitted once, after the last ::result; no worker is running by then.
   * A job that stopped by itself (vt_job_get_stop_error()) is not
   * cancelled.
   */
  signals[SIGNAL_FINISHED] = vt_signal_new (klass, "finished", 1, G_TYPE_BOOLEAN);
}

static void
vt_job_init (VtJob *self)
{
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->n_workers = VT_JOB_DEFAULT_WORKERS;
  g_mutex_init (&self->shared.lock);
  g_queue_init (&self->shared.done);
  self->n_cores = MAX (g_get_num_processors (), 1);
  vt_pixel_budget_init (&self->budget, self->n_cores);
}

/**
 * vt_job_new:
 * @recipe: copied when the job starts
 * @output_dir: where `<variant>/<name>.jpg` files go
 */
VtJob *
vt_job_new (VtRecipe   *recipe,
            const char *output_dir)
{
  VtJob *self;

  g_return_val_if_fail (VT_IS_RECIPE (recipe), NULL);
  g_return_val_if_fail (output_dir != NULL, NULL);

  self = g_object_new (VT_TYPE_JOB, NULL);
  self->recipe = g_object_ref (recipe);
  self->output_dir = g_canonicalize_filename (output_dir, NULL);
  return self;
}

void
vt_job_set_n_workers (VtJob *self,
                      guint  n_workers)
{
  g_return_if_fail (VT_IS_JOB (self));
  g_return_if_fail (!self->started);
  self->n_workers = CLAMP (n_workers, 1, 64);
}

void
vt_job_set_skip_existing (VtJob    *self,
                          gboolean  skip_existing)
{
  g_return_if_fail (VT_IS_JOB (self));
  self->skip_existing = !!skip_existing;
}

void
vt_job_set_keep_thumbnails (VtJob    *self,
                            gboolean  keep_thumbnails)
{
  g_return_if_fail (VT_IS_JOB (self));
  self->keep_thumbnails = !!keep_thumbnails;
}

/**
 * vt_job_set_background:
 *
 * Run the workers at idle scheduling priority, for a batch that a window
 * shows: they then get the CPUs only while the thread drawing the window
 * does not want one, which a nice value alone does not ensure. It costs the
 * batch nothing on an otherwise idle machine, but a busy one starves it, so
 * the command line leaves it off.
 */
void
vt_job_set_background (VtJob    *self,
                       gboolean  background)
{
  g_return_if_fail (VT_IS_JOB (self));
  g_return_if_fail (!self->started);
  self->background = !!background;
}

/**
 * vt_job_add_input:
 *
 * Before vt_job_start(), or while an open job (vt_job_set_open()) runs: the
 * photo is then planned and handed to the workers at once.
 */
void
vt_job_add_input (VtJob      *self,
                  const char *path,
                  const char *subdir)
{
  VtResult *result;
  GError *error = NULL;

  g_return_if_fail (VT_IS_JOB (self));
  g_return_if_fail (!self->started || (self->open && self->running_ref != NULL));

  result = vt_result_new (self->results->len, path, subdir);
  g_ptr_array_add (self->results, result);
  if (!self->started)
    return;

  if (!vt_job_plan_result (self, result, &error))
    vt_result_set_status (result, VT_RESULT_FAILED, error);
  vt_mutex_lock (&self->shared.lock);
  self->shared.n_pending++;
  self->stats.n_inputs++;
  vt_mutex_unlock (&self->shared.lock);
  VT_HANDOFF_RELEASE (self);
  g_thread_pool_push (self->pool, result, NULL);
}

/**
 * vt_job_set_open:
 * @open: whether inputs may still be added after vt_job_start()
 *
 * An open job does not finish while it is open, even with nothing left to
 * do; closing it lets it finish once the photos added so far are done.
 * Used to process photos as their downloads end.
 */
void
vt_job_set_open (VtJob    *self,
                 gboolean  open)
{
  g_return_if_fail (VT_IS_JOB (self));

  self->open = !!open;
  if (!self->open && self->running_ref != NULL)
    {
      vt_mutex_lock (&self->shared.lock);
      if (self->shared.n_pending == 0)
        vt_job_schedule_drain (self);
      vt_mutex_unlock (&self->shared.lock);
    }
}

/**
 * vt_job_add_paths:
 *
 * Adds files, and the files of folders (see vt_inputs_collect()), never
 * reading from the job's own output folder.
 *
 * Returns: how many inputs were added
 */
guint
vt_job_add_paths (VtJob              *self,
                  const char * const *paths,
                  gboolean            recursive)
{
  g_autoptr(GPtrArray) inputs = vt_inputs_collect (paths, recursive, self->output_dir);

  for (guint i = 0; i < inputs->len; i++)
    {
      VtInput *input = g_ptr_array_index (inputs, i);
      vt_job_add_input (self, input->path, input->subdir);
    }
  return inputs->len;
}

guint
vt_job_get_n_results (VtJob *self)
{
  return self->results->len;
}

VtResult *
vt_job_get_result (VtJob *self,
                   guint  index)
{
  g_return_val_if_fail (index < self->results->len, NULL);
  return g_ptr_array_index (self->results, index);
}

const char *
vt_job_get_output_dir (VtJob *self)
{
  return self->output_dir;
}

gboolean
vt_job_is_running (VtJob *self)
{
  return self->running_ref != NULL;
}

/* ------------------------------------------------------------------------ */
/* Events, from the workers to the main thread                               */

static gboolean drain_cb (gpointer data);

/* Any thread, with `shared.lock` held. */
void
vt_job_schedule_drain (VtJob *self)
{
  GSource *source;

  if (self->shared.drain_scheduled)
    return;

  self->shared.drain_scheduled = TRUE;
  source = g_idle_source_new ();
  g_source_set_callback (source, drain_cb, self, NULL);
  g_source_set_static_name (source, "[vitrina] job events");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* On a worker: @result is done with, and belongs to the main thread now. */
void
vt_job_post_result (VtJob    *self,
                    VtResult *result)
{
  vt_mutex_lock (&self->shared.lock);
  g_queue_push_tail (&self->shared.done, result);
  if (--self->shared.n_pending == 0)
    self->shared.end_time = g_get_monotonic_time ();
  vt_job_schedule_drain (self);
  vt_mutex_unlock (&self->shared.lock);
}

/* ------------------------------------------------------------------------ */
/* Main thread                                                               */

static void
finish (VtJob *self,
        gint64 end_time)
{
  g_autoptr(VtJob) G_GNUC_UNUSED running = g_steal_pointer (&self->running_ref);

  /* Every task has run; this only joins threads that are already idle. */
  g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  if (self->cores != NULL)
    g_thread_pool_free (g_steal_pointer (&self->cores), FALSE, TRUE);
  vt_image_release_pool ();
  self->stats.wall_time = end_time - self->start_time;
  self->stats.max_in_flight = vt_pixel_budget_get_max_in_flight (&self->budget);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, self->cancel_requested);
}

static gboolean
drain_cb (gpointer data)
{
  VtJob *self = data;
  GQueue batch = G_QUEUE_INIT;
  gboolean finished;
  gint64 end_time;
  VtResult *result;

  vt_mutex_lock (&self->shared.lock);
  batch = self->shared.done;
  g_queue_init (&self->shared.done);
  self->shared.drain_scheduled = FALSE;
  finished = self->shared.n_pending == 0;
  end_time = self->shared.end_time;
  if (self->stop_error == NULL && self->shared.stop_error != NULL)
    self->stop_error = g_error_copy (self->shared.stop_error);
  vt_mutex_unlock (&self->shared.lock);

  while ((result = g_queue_pop_head (&batch)) != NULL)
    {
      vt_job_stats_add_result (&self->stats, result);
      g_signal_emit (self, signals[SIGNAL_RESULT], 0, result);
    }

  /* Only the drain that saw the count reach zero (and the job closed)
   * finishes it; no worker posts after that. */
  if (finished && !self->open && self->running_ref != NULL)
    finish (self, end_time);

  return G_SOURCE_REMOVE;
}

/**
 * vt_job_start:
 *
 * Reads the logo, decides every output name, creates the output folders
 * (failing here, before any work, when the logo cannot be used or the
 * folders cannot be written) and hands the photos to the workers.
 * Results then arrive through ::result and ::finished.
 */
gboolean
vt_job_start (VtJob   *self,
              GError **error)
{
  g_return_val_if_fail (VT_IS_JOB (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  self->started = TRUE;
  /* A bad logo fails the whole job now, not every photo later. */
  self->pipeline = vt_pipeline_new (self->recipe);
  if (!vt_pipeline_check (self->pipeline, error) || !vt_job_plan_outputs (self, error))
    return FALSE;
  vt_job_stamp_output (self);

  self->pool = g_thread_pool_new (vt_job_worker_func, self, self->n_workers, TRUE, error);
  if (self->pool == NULL)
    return FALSE;
  if (self->n_workers > self->n_cores)
    {
      self->cores = g_thread_pool_new (vt_job_core_func, self, self->n_cores, TRUE, error);
      if (self->cores == NULL)
        {
          g_thread_pool_free (g_steal_pointer (&self->pool), TRUE, FALSE);
          return FALSE;
        }
    }

  memset (&self->stats, 0, sizeof self->stats);
  self->stats.n_inputs = self->results->len;
  self->stats.n_workers = self->n_workers;
  self->running_ref = g_object_ref (self);
  self->start_time = g_get_monotonic_time ();

  vt_mutex_lock (&self->shared.lock);
  self->shared.n_pending = self->results->len;
  if (self->results->len == 0)
    {
      /* Nothing to do still finishes, through the same path. */
      self->shared.end_time = self->start_time;
      vt_job_schedule_drain (self);
    }
  vt_mutex_unlock (&self->shared.lock);

  /* Everything set up above happens before any worker starts. */
  VT_HANDOFF_RELEASE (self);
  for (guint i = 0; i < self->results->len; i++)
    g_thread_pool_push (self->pool, vt_job_get_result (self, i), NULL);

  return TRUE;
}

/**
 * vt_job_cancel:
 *
 * Photos not yet started are reported as cancelled; those in progress stop
 * at their next check. Files already written stay, and are whole.
 */
void
vt_job_cancel (VtJob *self)
{
  g_return_if_fail (VT_IS_JOB (self));
  self->cancel_requested = TRUE;
  g_cancellable_cancel (self->cancellable);

  /* Wake the workers waiting for pixels, so they see the cancellation. */
  vt_pixel_budget_wake (&self->budget);
}

static void
quit_loop_cb (VtJob     *self,
              gboolean   cancelled,
              GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

/**
 * vt_job_run_sync:
 *
 * Starts the job and iterates the job's main context until it finishes;
 * for the command line and tests. Signals are still emitted.
 */
gboolean
vt_job_run_sync (VtJob   *self,
                 GError **error)
{
  g_autoptr(GMainLoop) loop = NULL;
  gulong handler;

  if (!vt_job_start (self, error))
    return FALSE;

  loop = g_main_loop_new (self->context, FALSE);
  handler = g_signal_connect (self, "finished", G_CALLBACK (quit_loop_cb), loop);
  g_main_loop_run (loop);
  g_signal_handler_disconnect (self, handler);
  return TRUE;
}
