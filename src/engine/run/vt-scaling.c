/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-scaling.c: the same photos on 1, 2, 4 and 8 workers, to see what more cores buy
 *
 * Runs one job at a time on the caller's main context, each into its own
 * temporary folder, which is removed afterwards: nothing the user owns is
 * written. Emits ::point after each run, with the speedup over the first.
 */
#define G_LOG_DOMAIN "vt-scaling"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vt-inputs.h"
#include "vitrina-engine.h"
#include "vt-scaling.h"
#include "vt-signal.h"

static const guint worker_counts[] = { 1, 2, 4, 8 };

struct _VtScaling
{
  GObject    parent_instance;

  VtRecipe  *recipe;
  GPtrArray *inputs;
  char      *tmpdir;
  VtJob     *job;
  guint      step;
  double     first_seconds;
  guint      n_prepared;  /* the fewest photos a run prepared */
  gboolean   cancelled;
};

G_DEFINE_FINAL_TYPE (VtScaling, vt_scaling, G_TYPE_OBJECT)

enum {
  SIGNAL_POINT,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


static void
vt_scaling_finalize (GObject *object)
{
  VtScaling *self = VT_SCALING (object);

  if (self->tmpdir != NULL)
    vt_remove_tree (self->tmpdir);
  g_clear_pointer (&self->tmpdir, g_free);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_object (&self->recipe);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (vt_scaling_parent_class)->finalize (object);
}

static void
vt_scaling_class_init (VtScalingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vt_scaling_finalize;

  /**
   * VtScaling::point:
   * @workers: the worker count of the run that finished
   * @speedup: its wall time against the 1-worker run's
   */
  signals[SIGNAL_POINT] = vt_signal_new (klass, "point", 2, G_TYPE_UINT, G_TYPE_DOUBLE);
  signals[SIGNAL_FINISHED] = vt_signal_new (klass, "finished", 1, G_TYPE_BOOLEAN);
}

static void
vt_scaling_init (VtScaling *self)
{
  self->inputs = g_ptr_array_new_with_free_func (g_free);
}

/**
 * vt_scaling_new:
 * @inputs: files and folders, as for vt_job_add_paths()
 * @max_photos: how many of their photos each run takes
 */
VtScaling *
vt_scaling_new (VtRecipe           *recipe,
                const char * const *inputs,
                guint               max_photos)
{
  VtScaling *self = g_object_new (VT_TYPE_SCALING, NULL);
  g_autoptr(GPtrArray) found = vt_inputs_collect (inputs, FALSE, NULL);

  self->recipe = vt_recipe_copy (recipe);
  for (guint i = 0; i < found->len && i < max_photos; i++)
    g_ptr_array_add (self->inputs, g_strdup (((VtInput *) g_ptr_array_index (found, i))->path));
  return self;
}

static gboolean run_step (VtScaling *self, GError **error);

static void
job_finished_cb (VtJob     *job,
                 gboolean   cancelled,
                 VtScaling *self)
{
  double seconds = vt_job_get_stats (job)->wall_time / 1e6;
  g_autoptr(VtScaling) G_GNUC_UNUSED keep = g_object_ref (self);

  if (cancelled || self->cancelled)
    {
      g_clear_object (&self->job);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, TRUE);
      return;
    }

  if (self->step == 0)
    self->first_seconds = seconds;
  self->n_prepared = self->step == 0 ? vt_job_get_stats (job)->n_done
                                     : MIN (self->n_prepared, vt_job_get_stats (job)->n_done);
  g_clear_object (&self->job);
  g_signal_emit (self, signals[SIGNAL_POINT], 0, worker_counts[self->step],
                 seconds > 0 ? self->first_seconds / seconds : 0.0);

  if (++self->step < G_N_ELEMENTS (worker_counts) && run_step (self, NULL))
    return;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, FALSE);
}

static gboolean
run_step (VtScaling  *self,
          GError    **error)
{
  g_autofree char *name = g_strdup_printf ("run-%u", worker_counts[self->step]);
  g_autofree char *out = g_build_filename (self->tmpdir, name, NULL);

  self->job = vt_job_new (self->recipe, out);
  vt_job_set_n_workers (self->job, worker_counts[self->step]);
  for (guint i = 0; i < self->inputs->len; i++)
    vt_job_add_input (self->job, g_ptr_array_index (self->inputs, i), NULL);
  g_signal_connect (self->job, "finished", G_CALLBACK (job_finished_cb), self);
  if (!vt_job_start (self->job, error))
    {
      g_clear_object (&self->job);
      return FALSE;
    }
  return TRUE;
}

gboolean
vt_scaling_start (VtScaling  *self,
                  GError    **error)
{
  g_return_val_if_fail (VT_IS_SCALING (self), FALSE);
  g_return_val_if_fail (self->tmpdir == NULL, FALSE);

  self->tmpdir = g_dir_make_tmp ("vitrina-scaling-XXXXXX", error);
  if (self->tmpdir == NULL)
    return FALSE;
  return run_step (self, error);
}

void
vt_scaling_cancel (VtScaling *self)
{
  self->cancelled = TRUE;
  if (self->job != NULL)
    vt_job_cancel (self->job);
}

/**
 * vt_scaling_get_n_prepared:
 *
 * The fewest photos one of the runs prepared: below two, the runs had
 * nothing to share between workers, and their speedups say nothing.
 */
guint
vt_scaling_get_n_prepared (VtScaling *self)
{
  g_return_val_if_fail (VT_IS_SCALING (self), 0);

  return self->n_prepared;
}

/**
 * vt_scaling_explain_slowdown:
 * @speedup: the lowest speedup of a run with more than one worker, or NAN
 * @workers: that run's worker count
 * @n_photos: the photos each run prepared
 *
 * Why more workers were slower than one, in words: that is no property of
 * the recipe but of the measurement, and a bare "0.8×" or "0 % parallel"
 * would say the opposite.
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL where no run
 *   was slower than one worker
 */
char *
vt_scaling_explain_slowdown (double speedup,
                             guint  workers,
                             guint  n_photos)
{
  if (isnan (speedup) || speedup >= 1.0)
    return NULL;
  if (n_photos < workers)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "With %u workers it was slower than with one (%.2f×): %u photo is "
                                         "too few to share between them. Measure on a folder with more photos.",
                                         "With %u workers it was slower than with one (%.2f×): %u photos are "
                                         "too few to share between them. Measure on a folder with more photos.",
                                         n_photos),
                            workers, speedup, n_photos);
  return g_strdup_printf (_("With %u workers it was slower than with one (%.2f×): the computer was busy "
                            "with other work while measuring. Close other programs and measure again."),
                          workers, speedup);
}
