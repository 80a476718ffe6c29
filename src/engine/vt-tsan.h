/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-tsan.h: make GLib's hand-offs visible to ThreadSanitizer
 *
 * Debian's GLib is not built with TSan: GMutex and GCond are bare futexes,
 * and GThreadPool and GTask hand data across threads through them, so TSan
 * sees none of that ordering and reports the hand-over as a race. These
 * wrappers tell it, and compile to the plain GLib calls otherwise
 * (GTK-TESTING.md §7). Every lock in the engine goes through them.
 */
#pragma once

#include <glib.h>

#if defined(__SANITIZE_THREAD__)
# include <sanitizer/tsan_interface.h>
# define VT_HANDOFF_RELEASE(p) __tsan_release ((void *) (p))
# define VT_HANDOFF_ACQUIRE(p) __tsan_acquire ((void *) (p))
#else
# define VT_HANDOFF_RELEASE(p) G_STMT_START { (void) (p); } G_STMT_END
# define VT_HANDOFF_ACQUIRE(p) G_STMT_START { (void) (p); } G_STMT_END
#endif

static inline void
vt_mutex_lock (GMutex *mutex)
{
  g_mutex_lock (mutex);
  VT_HANDOFF_ACQUIRE (mutex);
}

static inline void
vt_mutex_unlock (GMutex *mutex)
{
  VT_HANDOFF_RELEASE (mutex);
  g_mutex_unlock (mutex);
}

static inline void
vt_cond_wait (GCond  *cond,
              GMutex *mutex)
{
  VT_HANDOFF_RELEASE (mutex);
  g_cond_wait (cond, mutex);
  VT_HANDOFF_ACQUIRE (mutex);
}

/* g_once_init_leave() stores through GLib, which TSan cannot see: the
 * threads that find the value made would seem to read it unordered. */
static inline gboolean
vt_once_init_enter (gsize *location)
{
  if (g_once_init_enter (location))
    return TRUE;
  VT_HANDOFF_ACQUIRE (location);
  return FALSE;
}

static inline void
vt_once_init_leave (gsize *location,
                    gsize  result)
{
  VT_HANDOFF_RELEASE (location);
  g_once_init_leave (location, result);
}
