/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-thread-priority.c: batch threads that yield the CPU to the thread drawing the window */
#define G_LOG_DOMAIN "vt-job"

#define _GNU_SOURCE 1  /* SCHED_IDLE */

#include "config.h"

#ifdef __linux__
# include <sched.h>
# include <sys/resource.h>
# include <sys/syscall.h>
# include <unistd.h>
#endif

#include "vt-thread-priority.h"

/**
 * vt_thread_lower_priority:
 * @background: run at idle scheduling priority (see vt_job_set_background())
 *
 * Lowers the calling thread's priority, once per thread (a job's pools own
 * their threads). With more busy workers than cores, a window thread at
 * the same priority gets only a small share of a core and drops frames; a
 * nice of 10 costs the batch nothing while the window is idle. Linux has
 * per-thread priorities; elsewhere this does nothing.
 */
void
vt_thread_lower_priority (gboolean background)
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
