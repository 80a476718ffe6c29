/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-signal.c: the one kind of signal the engine's objects emit */
#define G_LOG_DOMAIN "vt-signal"

#include "config.h"

#include "vt-signal.h"

/**
 * vt_signal_new:
 * @klass: the class of the objects that emit it
 * @n_params: how many parameter types follow, each a #GType
 *
 * A run-last signal with no class handler and no return value, as every
 * signal of the job, the fetcher, the previewer and the scaling run is.
 *
 * Returns: the signal's id
 */
guint
vt_signal_new (gpointer    klass,
               const char *name,
               guint       n_params,
               ...)
{
  va_list args;
  guint id;

  va_start (args, n_params);
  id = g_signal_new_valist (name, G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, NULL, NULL, NULL, NULL,
                            G_TYPE_NONE, n_params, args);
  va_end (args);
  return id;
}
