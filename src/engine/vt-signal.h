/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-signal.h: the one kind of signal the engine's objects emit */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

guint vt_signal_new (gpointer    klass,
                     const char *name,
                     guint       n_params,
                     ...);

G_END_DECLS
