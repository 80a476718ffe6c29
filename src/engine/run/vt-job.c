/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-job.c: a batch of photos run through one recipe on a pool of workers
 *
 * Threading contract
 *  - vt_job_* functions and both signals belong to the thread whose
 *    thread-default main context was current at vt_job_new().
 *  - Workers (a GThreadPool of n_workers, owned by the job) each take a
 *    VtResult, read its photo, and touch the job only through post_result(),
 *    under `lock`.
 *  - Decoding, filters and encoding run on `cores`, a second pool with no
 *    more threads than the machine has cores; a worker hands its photo over
 *    and waits for it. Eight workers on two cores thus read ahead while two
 *    photos compute, instead of eight photos taking turns on two cores,
 *    which took 6 % more CPU time for the same work. A core that finishes
 *    takes the next photo at once; a semaphore in front of the pipeline
 *    instead woke a sleeping worker, often onto the busy core, and left the
 *    other idle (speedup 1.5× instead of 1.9×). With no more workers than
 *    cores, workers run the pipeline themselves.
 *  - post_result() schedules at most one idle source at a time; it drains
 *    the whole queue, so a burst of photos costs one main-loop wake-up.
 *    Signals are emitted only there, with the lock released.
 *  - A running job holds a reference on itself, dropped after "finished",
 *    so callers may let go of it mid-run.
 *  - Decoded pixels are budgeted too (seed 003's counting semaphore): a
 *    photo takes its pixel count from `budget` before decoding and gives it
 *    back when its sizes are written. Photos up to 16 megapixels (once
 *    decoded) start whatever the budget says, one per core, so that no
 *    core waits; larger ones start only while the budget has room, or alone.
 */
#define G_LOG_DOMAIN "vt-job"

#define _GNU_SOURCE 1  /* SCHED_IDLE */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#ifdef __linux__
# include <sched.h>
# include <sys/resource.h>
# include <sys/syscall.h>
# include <unistd.h>
#endif
#include <string.h>
#include <glib/gstdio.h>

#include "vt-image.h"
#include "vt-inputs.h"
#include "vt-job.h"
#include "vt-pipeline.h"
#include "vt-tsan.h"

/* Pixels the cores may hold decoded at once, per core, for photos over
 * BUDGET_SHARED_MAX_PIXELS: a 50-megapixel photo decoded in full (for a
 * blur before the resize) then runs alone on fewer than ten cores. */
#define BUDGET_PIXELS_PER_CORE (5u * 1000u * 1000u)
/* A photo up to this size starts on any free core, whatever the budget
 * says: a 12-megapixel photo decoded in full is more than a core's share,
 * and leaving a core idle for it would cost more than its memory. */
#define BUDGET_SHARED_MAX_PIXELS (16u * 1000u * 1000u)

struct _VtJob
{
  GObject       parent_instance;

  /* main thread */
  VtRecipe     *recipe;
  char         *output_dir;
  GPtrArray    *results;         /* VtResult, in input order */
  GMainContext *context;
  guint         n_workers;
  gboolean      skip_existing;
  gboolean      keep_thumbnails;
  gboolean      background;
  gboolean      started;
  VtJobStats    stats;
  VtJob        *running_ref;
  gboolean      open;            /* more inputs may come after start */
  struct {
    GHashTable *taken;           /* output paths given out, relative */
    GHashTable *inputs;          /* canonical input paths */
    GHashTable *dirs;            /* folders made */
  } plan;

  /* shared with workers, immutable while running */
  VtPipeline   *pipeline;
  GCancellable *cancellable;
  GThreadPool  *pool;
  GThreadPool  *cores;           /* NULL when workers do their own photos */
  gint64        start_time;

  /* shared with workers, under lock */
  struct {
    GMutex      lock;
    GQueue      done;            /* VtResult, owned */
    guint       n_pending;
    gint64      end_time;
    gboolean    drain_scheduled;
  } shared;

  /* shared with workers, under budget.lock */
  struct {
    GMutex      lock;
    GCond       cond;
    gint64      available;   /* below 0 while photos over the budget run */
    guint       n_cores;
    guint       in_flight;
    guint       max_in_flight;
  } budget;
};

G_DEFINE_FINAL_TYPE (VtJob, vt_job, G_TYPE_OBJECT)

enum {
  SIGNAL_RESULT,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void     schedule_drain (VtJob *self);
static gboolean plan_result    (VtJob *self, VtResult *result, GError **error);

static void
vt_job_finalize (GObject *object)
{
  VtJob *self = VT_JOB (object);

  g_assert (self->pool == NULL);
  g_assert (self->cores == NULL);

  g_clear_object (&self->recipe);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->output_dir, g_free);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->plan.taken, g_hash_table_unref);
  g_clear_pointer (&self->plan.inputs, g_hash_table_unref);
  g_clear_pointer (&self->plan.dirs, g_hash_table_unref);
  g_queue_clear_full (&self->shared.done, g_object_unref);
  g_mutex_clear (&self->shared.lock);
  g_mutex_clear (&self->budget.lock);
  g_cond_clear (&self->budget.cond);

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
   * @result: a photo that is done, failed, skipped or cancelled
   *
   * Emitted on the job's main context, once per input.
   */
  signals[SIGNAL_RESULT] =
    g_signal_new ("result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, VT_TYPE_RESULT);

  /**
   * VtJob::finished:
   * @cancelled: whether vt_job_cancel() cut the batch short
   *
   * Emitted once, after the last ::result; no worker is running by then.
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
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
  g_mutex_init (&self->budget.lock);
  g_cond_init (&self->budget.cond);
  self->budget.n_cores = MAX (g_get_num_processors (), 1);
  self->budget.available = (gint64) self->budget.n_cores * BUDGET_PIXELS_PER_CORE;
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

  if (!plan_result (self, result, &error))
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
        schedule_drain (self);
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

const VtJobStats *
vt_job_get_stats (VtJob *self)
{
  return &self->stats;
}

gboolean
vt_job_is_running (VtJob *self)
{
  return self->running_ref != NULL;
}

double
vt_job_stats_get_rate (const VtJobStats *stats)
{
  guint n = stats->n_done + stats->n_failed;
  return stats->wall_time > 0 ? n / (stats->wall_time / 1e6) : 0.0;
}

/* Summed busy time over wall time: how many workers were busy on average,
 * i.e. the speedup over one worker doing the same work. */
double
vt_job_stats_get_speedup (const VtJobStats *stats)
{
  return stats->wall_time > 0 ? (double) stats->busy_time / stats->wall_time : 0.0;
}

/* ------------------------------------------------------------------------ */
/* Planning: output names decided up front, on this thread, so they never    */
/* depend on which worker finishes first.                                    */

/* The photo's name without its extension, and its extension in lower case. */
static void
split_name (VtJob      *self,
            const char *input,
            char      **stem,
            char      **ext)
{
  g_autofree char *base = g_path_get_basename (input);
  const char *dot = strrchr (base, '.');
  g_autofree char *raw = dot && dot != base ? g_strndup (base, dot - base) : g_strdup (base);

  *ext = dot && dot != base ? g_ascii_strdown (dot + 1, -1) : g_strdup ("");
  *stem = vt_recipe_get_web_safe_names (self->recipe) ? vt_inputs_web_safe_name (raw)
                                                      : g_steal_pointer (&raw);
}

/* Every output path of @stem, relative to the output folder. */
static GPtrArray *
expand_names (VtJob      *self,
              const char *subdir,
              const char *stem)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint v = 0; v < vt_recipe_get_n_variants (self->recipe); v++)
    {
      g_autofree char *name = vt_recipe_expand_name (self->recipe, vt_recipe_get_variant (self->recipe, v), stem);
      g_autofree char *dir = g_path_get_dirname (name);
      g_autofree char *file = g_path_get_basename (name);
      /* The input's subfolder goes under the template's folders. */
      g_autofree char *path = g_strconcat (dir, G_DIR_SEPARATOR_S, subdir, G_DIR_SEPARATOR_S,
                                           file, ".jpg", NULL);

      g_ptr_array_add (names, g_canonicalize_filename (path, "/"));
    }
  return names;
}

/* Output names no other photo of this job has taken: a.jpg and a.png both
 * want "a"; the second gets "a-png", then "a-png-2"… */
static GPtrArray *
unique_names (VtJob      *self,
              const char *subdir,
              const char *input)
{
  g_autofree char *stem = NULL;
  g_autofree char *ext = NULL;

  split_name (self, input, &stem, &ext);
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = NULL;
      g_autoptr(GPtrArray) names = NULL;
      gboolean available = TRUE;

      if (n == 1)
        candidate = g_strdup (stem);
      else if (n == 2 && *ext)
        candidate = g_strdup_printf ("%s-%s", stem, ext);
      else
        candidate = g_strdup_printf ("%s%s%s-%u", stem, *ext ? "-" : "", ext, n - 1);

      names = expand_names (self, subdir, candidate);
      for (guint i = 0; available && i < names->len; i++)
        available = !g_hash_table_contains (self->plan.taken, g_ptr_array_index (names, i));
      if (!available)
        continue;
      for (guint i = 0; i < names->len; i++)
        g_hash_table_add (self->plan.taken, g_strdup (g_ptr_array_index (names, i)));
      return g_steal_pointer (&names);
    }
}

static gboolean
ensure_dir (const char  *path,
            GError     **error)
{
  int saved_errno;

  if (g_mkdir_with_parents (path, 0755) == 0 && g_access (path, W_OK) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write to the output folder %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Decides one photo's output paths and makes their folders. A folder that
 * cannot be made fails the job at start, or this photo when added later. */
static gboolean
plan_result (VtJob     *self,
             VtResult  *result,
             GError   **error)
{
  g_autoptr(GPtrArray) names = unique_names (self, vt_result_get_subdir (result),
                                             vt_result_get_input (result));

  g_hash_table_add (self->plan.inputs, g_canonicalize_filename (vt_result_get_input (result), NULL));

  for (guint v = 0; v < names->len; v++)
    {
      const char *variant = vt_recipe_get_variant (self->recipe, v)->name;
      g_autofree char *path = g_build_filename (self->output_dir, g_ptr_array_index (names, v), NULL);
      g_autofree char *dir = g_path_get_dirname (path);

      if (!g_hash_table_contains (self->plan.dirs, dir))
        {
          if (!ensure_dir (dir, error))
            return FALSE;
          g_hash_table_add (self->plan.dirs, g_steal_pointer (&dir));
        }
      vt_result_add_output (result, variant, path);

      if (g_hash_table_contains (self->plan.inputs, path))
        vt_result_set_status (result, VT_RESULT_FAILED,
                              g_error_new (G_IO_ERROR, G_IO_ERROR_EXISTS,
                                           _("Its output %s would replace an input photo"), path));
    }
  return TRUE;
}

static gboolean
plan_outputs (VtJob   *self,
              GError **error)
{
  if (!vt_recipe_check_name_template (vt_recipe_get_name_template (self->recipe), self->recipe, error) ||
      !ensure_dir (self->output_dir, error))
    return FALSE;

  self->plan.taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->plan.inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->plan.dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* every input first, so no output of one can replace another */
  for (guint i = 0; i < self->results->len; i++)
    g_hash_table_add (self->plan.inputs,
                      g_canonicalize_filename (vt_result_get_input (vt_job_get_result (self, i)), NULL));
  for (guint i = 0; i < self->results->len; i++)
    if (!plan_result (self, vt_job_get_result (self, i), error))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Workers                                                                   */

static gboolean drain_cb (gpointer data);

/* Called with the lock held. */
static void
schedule_drain (VtJob *self)
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

static void
post_result (VtJob    *self,
             VtResult *result)
{
  vt_mutex_lock (&self->shared.lock);
  g_queue_push_tail (&self->shared.done, result);
  if (--self->shared.n_pending == 0)
    self->shared.end_time = g_get_monotonic_time ();
  schedule_drain (self);
  vt_mutex_unlock (&self->shared.lock);
}

static gboolean
all_outputs_exist (VtResult *result)
{
  for (guint i = 0; i < vt_result_get_n_outputs (result); i++)
    if (!g_file_test (vt_result_get_output (result, i)->path, G_FILE_TEST_IS_REGULAR))
      return FALSE;
  return TRUE;
}

/* What the photo will cost once decoded (after shrink-on-load). Unknown
 * sizes cost nothing here: such files fail in the decoder, before any
 * pixels. */
static guint64
budget_cost (VtJob    *self,
             VtResult *result,
             GBytes   *bytes)
{
  int w, h;

  if (!vt_image_peek_size (vt_result_get_input (result), bytes, vt_pipeline_get_load_hints (self->pipeline), &w, &h))
    return 0;
  return (guint64) w * h;
}

/* Called with the budget's lock held; by a core, so fewer photos than
 * cores are in flight. */
static gboolean
budget_admits (VtJob   *self,
               guint64  cost)
{
  return self->budget.in_flight == 0 || cost <= BUDGET_SHARED_MAX_PIXELS ||
         (gint64) cost <= self->budget.available;
}

static gboolean
budget_acquire (VtJob   *self,
                guint64  cost)
{
  gboolean ok;

  vt_mutex_lock (&self->budget.lock);
  while (!budget_admits (self, cost) && !g_cancellable_is_cancelled (self->cancellable))
    vt_cond_wait (&self->budget.cond, &self->budget.lock);
  ok = !g_cancellable_is_cancelled (self->cancellable);
  if (ok)
    {
      self->budget.available -= (gint64) cost;
      self->budget.in_flight++;
      self->budget.max_in_flight = MAX (self->budget.max_in_flight, self->budget.in_flight);
    }
  vt_mutex_unlock (&self->budget.lock);
  return ok;
}

static void
budget_release (VtJob   *self,
                guint64  cost)
{
  vt_mutex_lock (&self->budget.lock);
  self->budget.available += (gint64) cost;
  self->budget.in_flight--;
  g_cond_broadcast (&self->budget.cond);
  vt_mutex_unlock (&self->budget.lock);
}

/* Workers yield to the thread that draws the window: with eight workers on
 * two cores, the UI thread at equal priority got a fifth of a core and
 * dropped frames. A nice of 10 costs the batch nothing when the UI is idle;
 * a background job goes further (vt_job_set_background()). Once per thread
 * (the pool's threads are its own); Linux has per-thread priorities. */
static void
lower_thread_priority (gboolean background)
{
#ifdef __linux__
  static GPrivate lowered;

  if (g_private_get (&lowered) == NULL)
    {
      struct sched_param idle = { 0 };

      if (!background || sched_setscheduler (0, SCHED_IDLE, &idle) != 0)
        setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
#endif
}

static gboolean
compute (VtJob     *self,
         VtResult  *result,
         GBytes    *bytes,
         guint64    cost,
         GError   **error)
{
  gboolean ok;

  if (!budget_acquire (self, cost))
    return !g_cancellable_set_error_if_cancelled (self->cancellable, error);
  ok = vt_pipeline_process (self->pipeline, result, bytes, self->keep_thumbnails, self->cancellable, error);
  budget_release (self, cost);
  return ok;
}

/* A photo's computing, handed by its worker to one of the `cores`, which
 * wakes that worker alone when it is done. */
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

static void
core_func (gpointer data,
           gpointer user_data)
{
  CoreTask *task = data;
  VtJob *self = user_data;

  VT_HANDOFF_ACQUIRE (task);
  lower_thread_priority (self->background);
  task->ok = compute (self, task->result, task->bytes, task->cost, &task->error);

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

static gboolean
process (VtJob     *self,
         VtResult  *result,
         GError   **error)
{
  g_autoptr(GBytes) bytes = vt_pipeline_read (vt_result_get_input (result), vt_result_get_timings (result), error);
  guint64 cost;

  if (bytes == NULL)
    return FALSE;
  cost = budget_cost (self, result, bytes);
  if (self->cores == NULL)
    return compute (self, result, bytes, cost, error);
  return compute_on_a_core (self, result, bytes, cost, error);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  VtResult *result = data;
  VtJob *self = user_data;
  GError *error = NULL;

  VT_HANDOFF_ACQUIRE (self);
  lower_thread_priority (self->background);

  if (vt_result_get_status (result) == VT_RESULT_FAILED)
    ; /* refused at planning */
  else if (g_cancellable_is_cancelled (self->cancellable))
    vt_result_set_status (result, VT_RESULT_CANCELLED, NULL);
  else if (self->skip_existing && all_outputs_exist (result))
    vt_result_set_status (result, VT_RESULT_SKIPPED, NULL);
  else if (process (self, result, &error))
    vt_result_set_status (result, VT_RESULT_DONE, NULL);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vt_result_set_status (result, VT_RESULT_CANCELLED, error);
  else
    vt_result_set_status (result, VT_RESULT_FAILED, error);

  post_result (self, result);
}

/* ------------------------------------------------------------------------ */
/* Main thread                                                               */

static void
account (VtJob    *self,
         VtResult *result)
{
  VtTimings *timings = vt_result_get_timings (result);

  switch (vt_result_get_status (result))
    {
    case VT_RESULT_DONE: self->stats.n_done++; break;
    case VT_RESULT_FAILED: self->stats.n_failed++; break;
    case VT_RESULT_SKIPPED: self->stats.n_skipped++; break;
    case VT_RESULT_CANCELLED: self->stats.n_cancelled++; break;
    case VT_RESULT_PENDING: default: g_assert_not_reached ();
    }

  for (guint s = 0; s < VT_N_STAGES; s++)
    self->stats.stage_time[s] += timings->stage[s];
  self->stats.busy_time += vt_result_get_busy_time (result);
  for (guint i = 0; i < vt_result_get_n_outputs (result); i++)
    self->stats.bytes_written += vt_result_get_output (result, i)->bytes;
}

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
  vt_mutex_lock (&self->budget.lock);
  self->stats.max_in_flight = self->budget.max_in_flight;
  vt_mutex_unlock (&self->budget.lock);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, g_cancellable_is_cancelled (self->cancellable));
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
  vt_mutex_unlock (&self->shared.lock);

  while ((result = g_queue_pop_head (&batch)) != NULL)
    {
      account (self, result);
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
 * Decides every output name, creates the output folders (failing here, before
 * any work, when they cannot be written) and hands the photos to the workers.
 * Results then arrive through ::result and ::finished.
 */
gboolean
vt_job_start (VtJob   *self,
              GError **error)
{
  g_return_val_if_fail (VT_IS_JOB (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  self->started = TRUE;
  if (!plan_outputs (self, error))
    return FALSE;

  self->pipeline = vt_pipeline_new (self->recipe);
  self->pool = g_thread_pool_new (worker_func, self, self->n_workers, TRUE, error);
  if (self->pool == NULL)
    return FALSE;
  if (self->n_workers > self->budget.n_cores)
    {
      self->cores = g_thread_pool_new (core_func, self, self->budget.n_cores, TRUE, error);
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
      schedule_drain (self);
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
  g_cancellable_cancel (self->cancellable);

  /* Wake the workers waiting for pixels, so they see the cancellation. */
  vt_mutex_lock (&self->budget.lock);
  g_cond_broadcast (&self->budget.cond);
  vt_mutex_unlock (&self->budget.lock);
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
