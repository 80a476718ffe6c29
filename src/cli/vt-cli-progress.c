/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-progress.c: what vitrina-cli prints while a job runs, and after */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "vt-cli.h"

#define BAR_WIDTH 30
/* Redrawing the bar more often than this is wasted terminal output. */
#define REDRAW_INTERVAL_US (100 * 1000)

struct _VtCliProgress
{
  VtJob    *job;
  gulong    handler;
  gboolean  tty;
  gboolean  quiet;
  guint     n_seen;
  gint64    start;
  gint64    last_draw;
};

static void
draw_bar (VtCliProgress *self)
{
  guint total = vt_job_get_n_results (self->job);
  double elapsed = (g_get_monotonic_time () - self->start) / 1e6;
  double rate = elapsed > 0 ? self->n_seen / elapsed : 0;
  int filled = total ? (int) ((guint64) self->n_seen * BAR_WIDTH / total) : BAR_WIDTH;
  int eta = rate > 0 ? (int) ((total - self->n_seen) / rate + 0.5) : 0;
  char bar[BAR_WIDTH + 1];

  memset (bar, '#', filled);
  memset (bar + filled, '-', BAR_WIDTH - filled);
  bar[BAR_WIDTH] = '\0';
  /* TRANSLATORS: progress line: bar, done/total, photos per second, time left */
  g_printerr ("\r");
  g_printerr (_("[%s] %u/%u  %.1f photos/s  ETA %d:%02d "), bar, self->n_seen, total, rate,
              eta / 60, eta % 60);
}

static void
print_failure (VtCliProgress *self,
               VtResult      *result)
{
  const GError *error = vt_result_get_error (result);

  if (self->tty)
    g_printerr ("\r\033[K");
  g_printerr ("vitrina-cli: %s: %s\n", vt_result_get_input (result),
              error ? error->message : _("failed"));
}

/* The photo that met a full (or read-only) disk: the job stopped there,
 * and the one message says so for every photo after it. */
static void
print_stop (VtCliProgress *self)
{
  if (self->tty)
    g_printerr ("\r\033[K");
  g_printerr ("vitrina-cli: %s\n", vt_job_get_stop_error (self->job)->message);
}

static void
result_cb (VtJob         *job,
           VtResult      *result,
           VtCliProgress *self)
{
  VtResultStatus status = vt_result_get_status (result);
  gint64 now = g_get_monotonic_time ();

  self->n_seen++;
  if (status == VT_RESULT_FAILED && vt_job_error_stops (vt_result_get_error (result)) &&
      vt_job_get_stop_error (job) != NULL)
    print_stop (self);
  else if (status == VT_RESULT_FAILED)
    print_failure (self, result);
  else if (!self->tty && !self->quiet && status == VT_RESULT_DONE)
    g_print (_("done %s (%u outputs)\n"), vt_result_get_input (result), vt_result_get_n_outputs (result));
  else if (!self->tty && !self->quiet && status == VT_RESULT_SKIPPED)
    g_print (_("skipped %s (its outputs exist)\n"), vt_result_get_input (result));

  if (self->tty && !self->quiet &&
      (now - self->last_draw >= REDRAW_INTERVAL_US || self->n_seen == vt_job_get_n_results (job)))
    {
      self->last_draw = now;
      draw_bar (self);
    }
}

VtCliProgress *
vt_cli_progress_new (VtJob    *job,
                     gboolean  quiet)
{
  VtCliProgress *self = g_new0 (VtCliProgress, 1);

  self->job = g_object_ref (job);
  self->tty = isatty (STDERR_FILENO);
  self->quiet = quiet;
  self->start = g_get_monotonic_time ();
  self->handler = g_signal_connect (job, "result", G_CALLBACK (result_cb), self);
  return self;
}

void
vt_cli_progress_free (VtCliProgress *self)
{
  if (self->tty && !self->quiet)
    g_printerr ("\n");
  g_clear_signal_handler (&self->handler, self->job);
  g_clear_object (&self->job);
  g_free (self);
}

void
vt_cli_print_summary (VtJob *job)
{
  const VtJobStats *s = vt_job_get_stats (job);

  if (s->n_not_started > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u photo: %u done, %u failed, %u skipped, %u cancelled, %u not started\n",
                          "%u photos: %u done, %u failed, %u skipped, %u cancelled, %u not started\n", s->n_inputs),
             s->n_inputs, s->n_done, s->n_failed, s->n_skipped, s->n_cancelled, s->n_not_started);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u photo: %u done, %u failed, %u skipped, %u cancelled\n",
                          "%u photos: %u done, %u failed, %u skipped, %u cancelled\n", s->n_inputs),
             s->n_inputs, s->n_done, s->n_failed, s->n_skipped, s->n_cancelled);
  /* One photo, or one worker, is no comparison: its "speedup" would only
   * measure the start-up time against the photo's. */
  if (s->n_done < 2 || s->n_workers < 2)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wall time %.2f s, %.1f photos/s on %u worker\n",
                            "Wall time %.2f s, %.1f photos/s on %u workers\n", s->n_workers),
               s->wall_time / 1e6, vt_job_stats_get_rate (s), s->n_workers);
      return;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Wall time %.2f s, %.1f photos/s on %u worker; speedup %.2f× over one worker’s time (%.2f s)\n",
                        "Wall time %.2f s, %.1f photos/s on %u workers; speedup %.2f× over one worker’s time (%.2f s)\n",
                        s->n_workers),
           s->wall_time / 1e6, vt_job_stats_get_rate (s), s->n_workers,
           vt_job_stats_get_speedup (s), s->busy_time / 1e6);
}
