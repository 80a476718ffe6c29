/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-chart-draw.h: cairo helpers for the window's charts: colours, text, round tick values */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void    vt_chart_set_source_rgb_hex (cairo_t    *cr,
                                     guint32     rgb,
                                     double      alpha);
void    vt_chart_draw_text          (GtkWidget  *widget,
                                     cairo_t    *cr,
                                     const char *text,
                                     double      x,
                                     double      y,
                                     double      align);
GArray *vt_chart_nice_ticks         (double      max,
                                     guint       n);
char   *vt_chart_tick_label         (double      value);

G_END_DECLS
