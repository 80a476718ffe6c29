/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-job-stats.c: a job's figures: counts, times, rate and speedup, and why it stopped */
#define G_LOG_DOMAIN "vt-job"

#include "config.h"

#include "vt-job-private.h"

const VtJobStats *
vt_job_get_stats (VtJob *self)
{
  return &self->stats;
}

/**
 * vt_job_get_stop_error:
 *
 * Returns: (nullable): why the job stopped before its last photo (its
 * output folder could not be written: full, over quota or read-only),
 * from the ::result of the photo that met it on; %NULL otherwise
 */
const GError *
vt_job_get_stop_error (VtJob *self)
{
  g_return_val_if_fail (VT_IS_JOB (self), NULL);
  return self->stop_error;
}

/* On the main thread, as each result arrives: @result's counts and times
 * added to @stats. */
void
vt_job_stats_add_result (VtJobStats *stats,
                         VtResult   *result)
{
  VtTimings *timings = vt_result_get_timings (result);

  switch (vt_result_get_status (result))
    {
    case VT_RESULT_DONE: stats->n_done++; break;
    case VT_RESULT_FAILED: stats->n_failed++; break;
    case VT_RESULT_SKIPPED: stats->n_skipped++; break;
    case VT_RESULT_CANCELLED: stats->n_cancelled++; break;
    case VT_RESULT_NOT_STARTED: stats->n_not_started++; break;
    case VT_RESULT_PENDING: default: g_assert_not_reached ();
    }

  for (guint s = 0; s < VT_N_STAGES; s++)
    stats->stage_time[s] += timings->stage[s];
  stats->busy_time += vt_result_get_busy_time (result);
  for (guint i = 0; i < vt_result_get_n_outputs (result); i++)
    stats->bytes_written += vt_result_get_output (result, i)->bytes;
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
