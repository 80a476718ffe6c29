/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-speedup-chart-private.h: the chart's state and layout, shared by its drawing and its layout */
#pragma once

#include "vt-chart-draw.h"
#include "vt-speedup-chart.h"

G_BEGIN_DECLS

/* Colours of the series, and of their axes' names and numbers. */
#define RATE_RGB     0x3584e4
#define PAR_RGB      0xe66100
#define SHARE_RGB    0x9141ac
#define WORKERS_RGB  0x9a9996
#define CORES_RGB    0x26a269
#define WARNING_RGB  0xc64600

/* Half the size of a data point's mark: a speedup's dot, a parallel
 * share's square, and a sample of a run (its line's half width). */
#define SPEEDUP_RADIUS 4
#define SHARE_RADIUS   3
#define SAMPLE_RADIUS  1

typedef enum {
  MODE_LIVE,
  MODE_SCALING,
} Mode;

typedef struct {
  double x;
  double rate;        /* live: photos/s */
  double parallelism; /* live: busy/wall; scaling: speedup */
} Point;

struct _VtSpeedupChart
{
  GtkWidget  parent_instance;

  Mode       mode;
  GArray    *points;   /* Point */
  guint      n_workers;
  guint      n_cores;
};


typedef struct {
  double x0, y0, w, h;   /* plot area */
  double x_max, y_max;
} Frame;

/* Where everything goes at the widget's size: the plot area on the left
 * scale (@f) and on the right one (@right), and every text. */
typedef struct {
  Frame   f;
  Frame   right;
  GArray *labels;   /* VtChartLabel */
} Layout;

static inline double fx (const Frame *f, double x) { return f->x0 + f->w * x / f->x_max; }
static inline double fy (const Frame *f, double y) { return f->y0 + f->h - f->h * y / f->y_max; }

GArray *_vt_speedup_chart_axis_ticks      (VtSpeedupChart *self,
                                           VtChartAxis     axis,
                                           const Frame    *f,
                                           const Frame    *right);
void    _vt_speedup_chart_compute_frames  (VtSpeedupChart *self,
                                           Frame          *f,
                                           Frame          *right);
double  _vt_speedup_chart_amdahl_fraction (GArray         *points);
double  _vt_speedup_chart_share           (const Point    *point);
double  _vt_speedup_chart_slowest         (GArray         *points,
                                           guint          *workers);
void    _vt_speedup_chart_layout          (VtSpeedupChart *self,
                                           Layout         *l);
void    _vt_speedup_chart_layout_clear    (Layout         *l);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Layout, _vt_speedup_chart_layout_clear)

G_END_DECLS
