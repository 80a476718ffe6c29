/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-speedup-chart.h: photos per second and parallelism over time, or speedup against workers */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  VT_CHART_AXIS_X,
  VT_CHART_AXIS_LEFT,   /* photos/s, or speedup */
  VT_CHART_AXIS_RIGHT,  /* parallelism, during a run */
} VtChartAxis;

#define VT_TYPE_SPEEDUP_CHART (vt_speedup_chart_get_type ())
G_DECLARE_FINAL_TYPE (VtSpeedupChart, vt_speedup_chart, VT, SPEEDUP_CHART, GtkWidget)

void  vt_speedup_chart_start_run     (VtSpeedupChart *self,
                                      guint           n_workers,
                                      guint           n_cores);
void  vt_speedup_chart_add_sample    (VtSpeedupChart *self,
                                      double          seconds,
                                      double          rate,
                                      double          parallelism);
void  vt_speedup_chart_start_scaling (VtSpeedupChart *self,
                                      guint           n_cores);
void  vt_speedup_chart_add_scaling_point (VtSpeedupChart *self,
                                      guint           n_workers,
                                      double          speedup);
guint vt_speedup_chart_get_n_points  (VtSpeedupChart *self);
void  vt_speedup_chart_get_point     (VtSpeedupChart *self,
                                      guint           index,
                                      double         *x,
                                      double         *y);
double vt_speedup_chart_get_amdahl_fraction (VtSpeedupChart *self);
GStrv vt_speedup_chart_dup_tick_labels (VtSpeedupChart *self,
                                       VtChartAxis     axis);
GArray *vt_speedup_chart_dup_labels   (VtSpeedupChart *self);
GArray *vt_speedup_chart_dup_points   (VtSpeedupChart *self);
double vt_speedup_chart_get_slowest  (VtSpeedupChart *self,
                                      guint          *workers);

G_END_DECLS
