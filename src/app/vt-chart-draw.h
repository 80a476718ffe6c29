/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-chart-draw.h: cairo helpers for the window's charts: colours, text, round tick values */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The widget's own text colour, for a VtChartLabel's rgb. */
#define VT_CHART_FG G_MAXUINT32

/* A text the chart draws, where it lies: what the tests check for overlaps.
 * An entry without text is a mark (a data point) that texts keep clear of. */
typedef struct {
  char           *text;   /* NULL for a mark */
  graphene_rect_t rect;    /* in widget coordinates */
  double          width;   /* > 0: shortened with an ellipsis to this many pixels */
  guint32         rgb;     /* 0xRRGGBB, or VT_CHART_FG */
} VtChartLabel;

void     vt_chart_set_source_rgb_hex (cairo_t    *cr,
                                      guint32     rgb,
                                      double      alpha);
GArray  *vt_chart_labels_new         (void);
gboolean vt_chart_labels_place       (GArray     *labels,
                                      GtkWidget  *widget,
                                      const char *text,
                                      double      x,
                                      double      y,
                                      double      align_x,
                                      double      align_y,
                                      double      max_width,
                                      guint32     rgb);
void     vt_chart_labels_avoid       (GArray     *labels,
                                      double      x,
                                      double      y,
                                      double      radius);
void     vt_chart_labels_draw        (GArray     *labels,
                                      GtkWidget  *widget,
                                      cairo_t    *cr,
                                      const GdkRGBA *fg);
void     vt_chart_text_size          (GtkWidget  *widget,
                                      const char *text,
                                      int        *width,
                                      int        *height);
GArray  *vt_chart_nice_ticks         (double      max,
                                      guint       n);
char    *vt_chart_tick_label         (double      value);

G_END_DECLS
