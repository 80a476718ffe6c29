/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-link-list.h: the links in a pasted list or a supplier's CSV */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *vt_link_list_parse (const char *text);
char      *vt_link_normalize  (const char *link);

G_END_DECLS
