/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-result.c: what happened to one input photo of a job
 *
 * Thread contract: a result is filled by exactly one worker while its photo
 * is processed, then handed to the main thread through the job's locked
 * event queue; from then on only the main thread reads it. It is never
 * written by two threads, nor read while written.
 */
#define G_LOG_DOMAIN "vt-result"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vt-result.h"

struct _VtResult
{
  GObject          parent_instance;

  guint            index;
  char            *input;
  char            *subdir;
  VtResultStatus   status;
  GError          *error;
  GArray          *outputs;     /* VtOutput */
  VtTimings        timings;
  cairo_surface_t *thumbnail;
};

G_DEFINE_FINAL_TYPE (VtResult, vt_result, G_TYPE_OBJECT)

static void
output_clear (VtOutput *output)
{
  g_clear_pointer (&output->variant, g_free);
  g_clear_pointer (&output->path, g_free);
  g_clear_pointer (&output->issues, g_ptr_array_unref);
}

static void
vt_result_finalize (GObject *object)
{
  VtResult *self = VT_RESULT (object);

  g_clear_pointer (&self->input, g_free);
  g_clear_pointer (&self->subdir, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->outputs, g_array_unref);
  g_clear_pointer (&self->thumbnail, cairo_surface_destroy);

  G_OBJECT_CLASS (vt_result_parent_class)->finalize (object);
}

static void
vt_result_class_init (VtResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vt_result_finalize;
}

static void
vt_result_init (VtResult *self)
{
  self->outputs = g_array_new (FALSE, TRUE, sizeof (VtOutput));
  g_array_set_clear_func (self->outputs, (GDestroyNotify) output_clear);
}

/**
 * vt_result_new:
 * @subdir: (nullable): the input's folder relative to the folder it was
 *   found in, mirrored under each variant's output folder
 */
VtResult *
vt_result_new (guint       index,
               const char *input,
               const char *subdir)
{
  VtResult *self = g_object_new (VT_TYPE_RESULT, NULL);

  self->index = index;
  self->input = g_strdup (input);
  self->subdir = g_strdup (subdir ? subdir : "");
  return self;
}

guint vt_result_get_index (VtResult *self) { return self->index; }
const char *vt_result_get_input (VtResult *self) { return self->input; }
const char *vt_result_get_subdir (VtResult *self) { return self->subdir; }
VtResultStatus vt_result_get_status (VtResult *self) { return self->status; }
const GError *vt_result_get_error (VtResult *self) { return self->error; }
guint vt_result_get_n_outputs (VtResult *self) { return self->outputs->len; }
VtTimings *vt_result_get_timings (VtResult *self) { return &self->timings; }
cairo_surface_t *vt_result_get_thumbnail (VtResult *self) { return self->thumbnail; }

VtOutput *
vt_result_get_output (VtResult *self,
                      guint     index)
{
  g_return_val_if_fail (index < self->outputs->len, NULL);
  return &g_array_index (self->outputs, VtOutput, index);
}

gint64
vt_result_get_busy_time (VtResult *self)
{
  gint64 sum = 0;

  for (guint i = 0; i < VT_N_STAGES; i++)
    sum += self->timings.stage[i];
  return sum;
}

void
vt_result_add_output (VtResult   *self,
                      const char *variant,
                      VtFormat    format,
                      const char *path)
{
  VtOutput output = { g_strdup (variant), g_strdup (path), 0, 0, 0, 0, FALSE, format };

  g_array_append_val (self->outputs, output);
}

/**
 * vt_result_set_status:
 * @error: (transfer full) (nullable): why it failed
 */
void
vt_result_set_status (VtResult       *self,
                      VtResultStatus  status,
                      GError         *error)
{
  self->status = status;
  g_clear_error (&self->error);
  self->error = error;
}

void
vt_result_set_thumbnail (VtResult        *self,
                         cairo_surface_t *thumbnail)
{
  g_clear_pointer (&self->thumbnail, cairo_surface_destroy);
  self->thumbnail = thumbnail ? cairo_surface_reference (thumbnail) : NULL;
}

/* Back to pending, so a job can run again over the same inputs. */
void
vt_result_reset (VtResult *self)
{
  vt_result_set_status (self, VT_RESULT_PENDING, NULL);
  vt_result_set_thumbnail (self, NULL);
  memset (&self->timings, 0, sizeof self->timings);
  for (guint i = 0; i < self->outputs->len; i++)
    {
      VtOutput *o = vt_result_get_output (self, i);
      o->width = o->height = 0;
      o->bytes = 0;
      g_clear_pointer (&o->issues, g_ptr_array_unref);
      o->rules_checked = 0;
    }
}

const char *
vt_stage_get_name (VtStage stage)
{
  static const char * const names[VT_N_STAGES] = {
    "read", "decode", "resize", "filters", "watermark", "encode", "write",
  };

  g_return_val_if_fail (stage < VT_N_STAGES, NULL);
  return names[stage];
}

/* This thread's CPU clock, in microseconds. */
gint64
vt_timings_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/**
 * vt_timings_stolen:
 *
 * CPU time the hypervisor gave to other guests, all cores together, since
 * the machine started (the "steal" column of /proc/stat), in seconds; 0
 * where it is not known. On a shared virtual machine it tells how much of
 * a run's wall time the cores were not ours.
 */
double
vt_timings_stolen (void)
{
  g_autofree char *stat = NULL;
  guint64 steal;

  if (!g_file_get_contents ("/proc/stat", &stat, NULL, NULL) ||
      sscanf (stat, "cpu %*u %*u %*u %*u %*u %*u %*u %" G_GUINT64_FORMAT, &steal) != 1)
    return 0.0;
  return (double) steal / sysconf (_SC_CLK_TCK);
}
