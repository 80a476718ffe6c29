/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-job-worker.c: a job's workers: each reads a photo, has it computed, and posts its result
 *
 * Runs on the job's pool of n_workers threads. A worker reads only what
 * vt_job_start() set before handing the job over, writes only its own
 * VtResult until it posts it (vt_job_post_result()), and, once, the job's
 * stop (stop_job()).
 */
#define G_LOG_DOMAIN "vt-job"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vt-fit.h"
#include "vt-image.h"
#include "vt-job-private.h"
#include "vt-output-source.h"
#include "vt-resize.h"
#include "vt-thread-priority.h"
#include "vt-tsan.h"

/* Whether every output of @result is on disk, was written after its photo
 * last changed and, where it says, from this photo: a photo shot again
 * under the same name, or another folder's photo of the same name, is made
 * again, not skipped with the other picture's outputs. */
static gboolean
changed_before (const GStatBuf *a,
                const GStatBuf *b)
{
  return a->st_mtim.tv_sec < b->st_mtim.tv_sec ||
         (a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec < b->st_mtim.tv_nsec);
}

static gboolean
all_outputs_current (VtResult *result)
{
  GStatBuf input, output;

  if (g_stat (vt_result_get_input (result), &input) != 0)
    return FALSE;
  for (guint i = 0; i < vt_result_get_n_outputs (result); i++)
    {
      const char *path = vt_result_get_output (result, i)->path;

      if (g_stat (path, &output) != 0 || !S_ISREG (output.st_mode) || changed_before (&output, &input) ||
          vt_output_source_is_other (path, vt_result_get_input (result)))
        return FALSE;
    }
  return TRUE;
}

/* A skipped photo's thumbnail is its smallest output already on disk, so
 * the window shows the photo rather than a blank tile. A file that cannot
 * be read leaves it without one. */
static void
keep_existing_thumbnail (VtResult *result)
{
  const VtLoadHints hints = { VT_PIPELINE_THUMBNAIL_SIDE, VT_PIPELINE_THUMBNAIL_SIDE, FALSE, FALSE,
                              VT_IMAGE_DEFAULT_MAX_PIXELS };
  const char *smallest = NULL;
  goffset least = G_MAXINT64;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(cairo_surface_t) image = NULL;
  g_autoptr(cairo_surface_t) thumbnail = NULL;
  int w, h;

  for (guint i = 0; i < vt_result_get_n_outputs (result); i++)
    {
      const char *path = vt_result_get_output (result, i)->path;
      GStatBuf st;

      if (g_stat (path, &st) == 0 && st.st_size < least)
        {
          least = st.st_size;
          smallest = path;
        }
    }
  if (smallest == NULL || (bytes = vt_image_read (smallest, NULL)) == NULL ||
      (image = vt_image_load (bytes, &hints, NULL)) == NULL)
    return;
  vt_resize_fit_size (vt_image_get_width (image), vt_image_get_height (image),
                      VT_PIPELINE_THUMBNAIL_SIDE, VT_PIPELINE_THUMBNAIL_SIDE, &w, &h);
  thumbnail = vt_resize_surface (image, w, h, NULL, NULL);
  vt_result_set_thumbnail (result, thumbnail);
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

static gboolean
process (VtJob     *self,
         VtResult  *result,
         GError   **error)
{
  g_autoptr(GBytes) bytes = vt_pipeline_read (vt_result_get_input (result), vt_result_get_timings (result), error);

  if (bytes == NULL)
    return FALSE;
  return vt_job_compute (self, result, bytes, budget_cost (self, result, bytes), error);
}

/**
 * vt_job_error_stops:
 *
 * Whether @error, met writing a photo's output, stops the whole job: no
 * later photo could be written either (the disk is full, the quota used
 * up, or the file system read-only).
 */
gboolean
vt_job_error_stops (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
}

/* The system's own words for @error's cause; a quota used up is a "no
 * space" error too, told apart only by its text. */
static const char *
stop_reason (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    return g_strerror (EROFS);
  if (strstr (error->message, g_strerror (EDQUOT)) != NULL)
    return g_strerror (EDQUOT);
  return g_strerror (ENOSPC);
}

/* Records why the job stops and cancels the rest of it. Returns whether
 * this call stopped it, i.e. @error is the first such error. */
static gboolean
stop_job (VtJob        *self,
          const GError *error)
{
  gboolean first;

  vt_mutex_lock (&self->shared.lock);
  first = self->shared.stop_error == NULL;
  if (first)
    {
      self->shared.stop_error = g_error_new (G_IO_ERROR, error->code,
                                             _("Stopped: cannot write into %s: %s"),
                                             self->output_dir, stop_reason (error));
      /* Under the lock, so that a second worker to meet the error sees the
       * job stopping; before the cancellation, so that whoever sees the
       * job cancelled knows it stopped rather than was cancelled. */
      g_atomic_int_set (&self->stopping, TRUE);
    }
  vt_mutex_unlock (&self->shared.lock);
  if (!first)
    return FALSE;

  g_cancellable_cancel (self->cancellable);
  vt_pixel_budget_wake (&self->budget);
  return TRUE;
}

/* A photo that ended in @error (owned): failed, or, once the job is
 * stopping, not started, whatever it met in flight. */
static void
set_error_status (VtJob    *self,
                  VtResult *result,
                  GError   *error)
{
  if (vt_job_error_stops (error) && stop_job (self, error))
    vt_result_set_status (result, VT_RESULT_FAILED, error);
  else if (g_atomic_int_get (&self->stopping))
    {
      vt_result_set_status (result, VT_RESULT_NOT_STARTED, NULL);
      g_error_free (error);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    vt_result_set_status (result, VT_RESULT_CANCELLED, error);
  else
    vt_result_set_status (result, VT_RESULT_FAILED, error);
}

void
vt_job_worker_func (gpointer data,
                    gpointer user_data)
{
  VtResult *result = data;
  VtJob *self = user_data;
  GError *error = NULL;

  VT_HANDOFF_ACQUIRE (self);
  vt_thread_lower_priority (self->background);

  if (vt_result_get_status (result) == VT_RESULT_FAILED)
    ; /* refused at planning */
  else if (g_atomic_int_get (&self->stopping))
    vt_result_set_status (result, VT_RESULT_NOT_STARTED, NULL);
  else if (g_cancellable_is_cancelled (self->cancellable))
    vt_result_set_status (result, VT_RESULT_CANCELLED, NULL);
  else if (self->skip_existing && !self->recipe_changed && all_outputs_current (result))
    {
      vt_result_set_status (result, VT_RESULT_SKIPPED, NULL);
      if (self->keep_thumbnails)
        keep_existing_thumbnail (result);
    }
  else if (process (self, result, &error))
    vt_result_set_status (result, VT_RESULT_DONE, NULL);
  else
    set_error_status (self, result, error);

  vt_job_post_result (self, result);
}
