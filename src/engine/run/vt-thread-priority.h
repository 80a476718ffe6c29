/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-thread-priority.h: batch threads that yield the CPU to the thread drawing the window */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void vt_thread_lower_priority (gboolean background);

G_END_DECLS
