/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-speedup-chart.c: photos per second and parallelism over time, or speedup against workers
 *
 * Two modes. During a batch: photos per second (blue) and the effective
 * parallelism, summed busy time over wall time (orange), against the ideal
 * for the worker count and for the CPU cores (dashed). After "Measure
 * scaling": the speedup at 1, 2, 4, 8 workers, the ideal line, and the
 * Amdahl's-law curve fitted to the points.
 */
#define G_LOG_DOMAIN "vt-speedup-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vt-chart-draw.h"
#include "vt-speedup-chart.h"

#define MARGIN_LEFT 44
#define MARGIN_RIGHT 44
#define MARGIN_TOP 12
#define MARGIN_BOTTOM 24

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

G_DEFINE_FINAL_TYPE (VtSpeedupChart, vt_speedup_chart, GTK_TYPE_WIDGET)

typedef struct {
  double x0, y0, w, h;   /* plot area */
  double x_max, y_max;
} Frame;

static double fx (const Frame *f, double x) { return f->x0 + f->w * x / f->x_max; }
static double fy (const Frame *f, double y) { return f->y0 + f->h - f->h * y / f->y_max; }

/* The ticks of an axis, as vt_speedup_chart_dup_tick_labels() names them. */
static GArray *
axis_ticks (VtSpeedupChart *self,
            VtChartAxis     axis,
            const Frame    *f,
            const Frame    *right)
{
  static const double workers[] = { 1, 2, 4, 8 };
  GArray *ticks;

  switch (axis)
    {
    case VT_CHART_AXIS_X:
      if (self->mode == MODE_LIVE)
        return vt_chart_nice_ticks (f->x_max, 4);
      ticks = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_vals (ticks, workers, G_N_ELEMENTS (workers));
      return ticks;
    case VT_CHART_AXIS_LEFT:
      return vt_chart_nice_ticks (f->y_max, 4);
    case VT_CHART_AXIS_RIGHT:
    default:
      return self->mode == MODE_LIVE ? vt_chart_nice_ticks (right->y_max, 4) : g_array_new (FALSE, FALSE, sizeof (double));
    }
}

/* A short tick on an axis and its number beside it. */
static void
draw_tick (VtSpeedupChart *self,
           cairo_t        *cr,
           double          x,
           double          y,
           double          dx,
           double          dy,
           double          value,
           double          align)
{
  g_autofree char *text = vt_chart_tick_label (value);

  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + dx, y + dy);
  cairo_stroke (cr);
  vt_chart_draw_text (GTK_WIDGET (self), cr, text, x + 3 * dx, y + 3 * dy + (dy != 0 ? 6 : 0), align);
}

static void
draw_axes (VtSpeedupChart *self,
           cairo_t        *cr,
           const Frame    *f,
           const Frame    *right,
           const char     *x_label,
           const char     *y_label)
{
  g_autoptr(GArray) x_ticks = axis_ticks (self, VT_CHART_AXIS_X, f, right);
  g_autoptr(GArray) y_ticks = axis_ticks (self, VT_CHART_AXIS_LEFT, f, right);
  g_autoptr(GArray) r_ticks = axis_ticks (self, VT_CHART_AXIS_RIGHT, f, right);
  GdkRGBA fg;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
#endif
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, f->x0 + 0.5, f->y0);
  cairo_line_to (cr, f->x0 + 0.5, f->y0 + f->h + 0.5);
  cairo_line_to (cr, f->x0 + f->w, f->y0 + f->h + 0.5);
  cairo_stroke (cr);
  /* the x axis's name sits just above it, clear of its numbers */
  vt_chart_draw_text (GTK_WIDGET (self), cr, x_label, f->x0 + f->w - 4, f->y0 + f->h - 10, 1.0);
  vt_chart_draw_text (GTK_WIDGET (self), cr, y_label, f->x0 + 4, f->y0 + 4, 0.0);

  /* Numbers on every axis, at round values: a chart without them cannot
   * be read. */
  for (guint i = 0; i < x_ticks->len; i++)
    {
      double x = g_array_index (x_ticks, double, i);
      draw_tick (self, cr, fx (f, x) + 0.5, f->y0 + f->h + 0.5, 0, 3, x, 0.5);
    }
  for (guint i = 0; i < y_ticks->len; i++)
    {
      double y = g_array_index (y_ticks, double, i);
      draw_tick (self, cr, f->x0 + 0.5, fy (f, y) + 0.5, -3, 0, y, 1.0);
    }
  /* the parallelism, in its own colour, on its own scale */
  if (r_ticks->len > 0)
    {
      vt_chart_set_source_rgb_hex (cr, 0xe66100, 1.0);
      cairo_move_to (cr, f->x0 + f->w + 0.5, f->y0);
      cairo_line_to (cr, f->x0 + f->w + 0.5, f->y0 + f->h + 0.5);
      cairo_stroke (cr);
      for (guint i = 0; i < r_ticks->len; i++)
        {
          double y = g_array_index (r_ticks, double, i);
          draw_tick (self, cr, f->x0 + f->w + 0.5, fy (right, y) + 0.5, 3, 0, y, 0.0);
        }
    }
}

/* A dashed reference line, labelled in the right margin. */
static void
draw_hline (VtSpeedupChart *self,
            cairo_t        *cr,
            const Frame    *f,
            double          y,
            guint32         rgb,
            const char     *label)
{
  static const double dash[] = { 4, 4 };

  cairo_save (cr);
  vt_chart_set_source_rgb_hex (cr, rgb, 0.8);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, f->x0, fy (f, y));
  cairo_line_to (cr, f->x0 + f->w, fy (f, y));
  cairo_stroke (cr);
  cairo_restore (cr);

  /* labelled inside the plot, under its right end: the right margin holds
   * the parallelism's numbers, the top right corner the legend */
  vt_chart_set_source_rgb_hex (cr, rgb, 1.0);
  vt_chart_draw_text (GTK_WIDGET (self), cr, label, f->x0 + f->w - 4, fy (f, y) + 9, 1.0);
}

static void
draw_series (VtSpeedupChart *self,
             cairo_t        *cr,
             const Frame    *f,
             gboolean        rate,
             guint32         rgb)
{
  vt_chart_set_source_rgb_hex (cr, rgb, 1.0);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      double y = rate ? p->rate : p->parallelism;

      if (i == 0)
        cairo_move_to (cr, fx (f, p->x), fy (f, y));
      else
        cairo_line_to (cr, fx (f, p->x), fy (f, y));
    }
  cairo_stroke (cr);
}

/* The scales: photos per second (@f) and parallelism (@right) against
 * seconds during a run; speedup against workers after Measure Scaling. */
static void
compute_frames (VtSpeedupChart *self,
                Frame          *f,
                Frame          *right)
{
  double max_rate = 1, max_par = MAX (self->n_workers, 1);

  if (self->mode == MODE_SCALING)
    {
      f->x_max = f->y_max = 8.5;
      *right = *f;
      return;
    }
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      f->x_max = MAX (f->x_max, p->x);
      max_rate = MAX (max_rate, p->rate);
      max_par = MAX (max_par, p->parallelism);
    }
  f->y_max = max_rate * 1.15;
  *right = *f;
  right->y_max = max_par * 1.15;
}

static void
draw_live (VtSpeedupChart *self,
           cairo_t        *cr,
           Frame          *f)
{
  g_autofree char *rate_label = NULL;
  g_autofree char *workers_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worker", "%u workers",
                                                               self->n_workers), self->n_workers);
  g_autofree char *cores_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u core", "%u cores",
                                                             self->n_cores), self->n_cores);
  Frame right;

  compute_frames (self, f, &right);
  draw_axes (self, cr, f, &right, _("seconds"), _("photos/s"));
  draw_hline (self, cr, &right, self->n_workers, 0x9a9996, workers_label);
  draw_hline (self, cr, &right, self->n_cores, 0x26a269, cores_label);
  draw_series (self, cr, f, TRUE, 0x3584e4);
  draw_series (self, cr, &right, FALSE, 0xe66100);

  rate_label = g_strdup_printf (_("parallelism (ideal: %u workers, %u cores)"),
                                self->n_workers, self->n_cores);
  vt_chart_set_source_rgb_hex (cr, 0xe66100, 1.0);
  vt_chart_draw_text (GTK_WIDGET (self), cr, rate_label, f->x0 + f->w, f->y0 + 4, 1.0);
}

/* Amdahl: S(n) = 1 / ((1 − p) + p / n). With y = 1/S − 1 and x = 1 − 1/n
 * this is y = −p·x, so least squares gives p = −Σxy / Σx². */
static double
amdahl_fraction (GArray *points)
{
  double sxy = 0, sxx = 0;

  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, i);
      double x = 1.0 - 1.0 / p->x, y = 1.0 / MAX (p->parallelism, 1e-6) - 1.0;

      sxy += x * y;
      sxx += x * x;
    }
  /* No point beyond one worker: nothing to fit, rather than a made-up 100 %. */
  return sxx > 0 ? CLAMP (-sxy / sxx, 0.0, 1.0) : NAN;
}

static void
draw_scaling (VtSpeedupChart *self,
              cairo_t        *cr,
              Frame          *f)
{
  double p = amdahl_fraction (self->points);
  g_autofree char *fit = NULL;
  Frame right;

  compute_frames (self, f, &right);
  draw_axes (self, cr, f, &right, _("workers"), _("speedup"));

  /* ideal: n workers, n× (until the cores run out) */
  vt_chart_set_source_rgb_hex (cr, 0x9a9996, 0.8);
  cairo_move_to (cr, fx (f, 1), fy (f, 1));
  cairo_line_to (cr, fx (f, 8), fy (f, 8));
  cairo_stroke (cr);
  draw_hline (self, cr, f, self->n_cores, 0x26a269, _("cores"));

  vt_chart_set_source_rgb_hex (cr, 0x3584e4, 1.0);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *pt = &g_array_index (self->points, Point, i);
      cairo_arc (cr, fx (f, pt->x), fy (f, pt->parallelism), 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  if (isnan (p))
    return;

  vt_chart_set_source_rgb_hex (cr, 0x9141ac, 0.9);
  for (double n = 1; n <= 8.001; n += 0.1)
    {
      double s = 1.0 / ((1 - p) + p / n);
      if (n == 1)
        cairo_move_to (cr, fx (f, n), fy (f, s));
      else
        cairo_line_to (cr, fx (f, n), fy (f, s));
    }
  cairo_stroke (cr);

  fit = g_strdup_printf (_("Amdahl fit: %.0f %% parallel"), 100 * p);
  vt_chart_set_source_rgb_hex (cr, 0x9141ac, 1.0);
  vt_chart_draw_text (GTK_WIDGET (self), cr, fit, f->x0 + f->w, f->y0 + 4, 1.0);
}

static void
vt_speedup_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  VtSpeedupChart *self = VT_SPEEDUP_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  Frame f = { MARGIN_LEFT, MARGIN_TOP, width - MARGIN_LEFT - MARGIN_RIGHT,
              height - MARGIN_TOP - MARGIN_BOTTOM, 1, 1 };
  cairo_t *cr;

  if (f.w <= 0 || f.h <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->mode == MODE_LIVE)
    draw_live (self, cr, &f);
  else
    draw_scaling (self, cr, &f);
  cairo_destroy (cr);
}

static void
vt_speedup_chart_finalize (GObject *object)
{
  VtSpeedupChart *self = VT_SPEEDUP_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);
  G_OBJECT_CLASS (vt_speedup_chart_parent_class)->finalize (object);
}

static void
vt_speedup_chart_class_init (VtSpeedupChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vt_speedup_chart_finalize;
  widget_class->snapshot = vt_speedup_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "speedupchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vt_speedup_chart_init (VtSpeedupChart *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  self->n_workers = 8;
  self->n_cores = g_get_num_processors ();
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 180);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Speedup chart"), -1);
}

void
vt_speedup_chart_start_run (VtSpeedupChart *self,
                            guint           n_workers,
                            guint           n_cores)
{
  g_return_if_fail (VT_IS_SPEEDUP_CHART (self));

  self->mode = MODE_LIVE;
  self->n_workers = n_workers;
  self->n_cores = n_cores;
  g_array_set_size (self->points, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vt_speedup_chart_add_sample (VtSpeedupChart *self,
                             double          seconds,
                             double          rate,
                             double          parallelism)
{
  Point p = { seconds, rate, parallelism };

  g_return_if_fail (VT_IS_SPEEDUP_CHART (self));
  g_array_append_val (self->points, p);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vt_speedup_chart_start_scaling (VtSpeedupChart *self,
                                guint           n_cores)
{
  g_return_if_fail (VT_IS_SPEEDUP_CHART (self));

  self->mode = MODE_SCALING;
  self->n_cores = n_cores;
  g_array_set_size (self->points, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vt_speedup_chart_add_scaling_point (VtSpeedupChart *self,
                                    guint           n_workers,
                                    double          speedup)
{
  Point p = { n_workers, 0, speedup };

  g_return_if_fail (VT_IS_SPEEDUP_CHART (self));
  g_array_append_val (self->points, p);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
vt_speedup_chart_get_n_points (VtSpeedupChart *self)
{
  return self->points->len;
}

double
vt_speedup_chart_get_amdahl_fraction (VtSpeedupChart *self)
{
  return amdahl_fraction (self->points);
}

/**
 * vt_speedup_chart_dup_tick_labels:
 *
 * The numbers the chart writes along @axis, as drawn now.
 *
 * Returns: (transfer full): the labels, from the axis's origin on
 */
GStrv
vt_speedup_chart_dup_tick_labels (VtSpeedupChart *self,
                                  VtChartAxis     axis)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)), height = gtk_widget_get_height (GTK_WIDGET (self));
  Frame f = { MARGIN_LEFT, MARGIN_TOP, width - MARGIN_LEFT - MARGIN_RIGHT,
              height - MARGIN_TOP - MARGIN_BOTTOM, 1, 1 };
  Frame right;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GArray) ticks = NULL;

  g_return_val_if_fail (VT_IS_SPEEDUP_CHART (self), NULL);

  compute_frames (self, &f, &right);
  ticks = axis_ticks (self, axis, &f, &right);
  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *label = vt_chart_tick_label (g_array_index (ticks, double, i));
      g_strv_builder_add (labels, label);
    }
  return g_strv_builder_end (labels);
}

/* The index-th point: seconds and photos/s during a run, or workers and
 * speedup after Measure Scaling. */
void
vt_speedup_chart_get_point (VtSpeedupChart *self,
                            guint           index,
                            double         *x,
                            double         *y)
{
  const Point *p;

  g_return_if_fail (index < self->points->len);
  p = &g_array_index (self->points, Point, index);
  *x = p->x;
  *y = self->mode == MODE_LIVE ? p->rate : p->parallelism;
}
