/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-speedup-chart.c: photos per second and parallelism over time, or speedup against workers
 *
 * Two modes. During a batch: photos per second (blue, left scale) and the
 * effective parallelism, summed busy time over wall time (orange, right
 * scale), against the ideal for the worker count and for the CPU cores
 * (dashed). After "Measure scaling": the speedup at 1, 2, 4, 8 workers
 * (blue, left) with the ideal line, and the share of the work each run
 * found parallel with Amdahl's-law fit to them (purple, right, in per
 * cent). Each scale is named over it in its series' colour.
 */
#define G_LOG_DOMAIN "vt-speedup-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vt-speedup-chart-private.h"

G_DEFINE_FINAL_TYPE (VtSpeedupChart, vt_speedup_chart, GTK_TYPE_WIDGET)

static void
draw_axes (VtSpeedupChart *self,
           cairo_t        *cr,
           const Layout   *l)
{
  const Frame *f = &l->f;
  g_autoptr(GArray) x_ticks = _vt_speedup_chart_axis_ticks (self, VT_CHART_AXIS_X, f, &l->right);
  g_autoptr(GArray) y_ticks = _vt_speedup_chart_axis_ticks (self, VT_CHART_AXIS_LEFT, f, &l->right);
  g_autoptr(GArray) r_ticks = _vt_speedup_chart_axis_ticks (self, VT_CHART_AXIS_RIGHT, f, &l->right);

  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, f->x0 + 0.5, f->y0);
  cairo_line_to (cr, f->x0 + 0.5, f->y0 + f->h + 0.5);
  cairo_line_to (cr, f->x0 + f->w, f->y0 + f->h + 0.5);
  for (guint i = 0; i < x_ticks->len; i++)
    {
      double x = fx (f, g_array_index (x_ticks, double, i)) + 0.5;
      cairo_move_to (cr, x, f->y0 + f->h + 0.5);
      cairo_line_to (cr, x, f->y0 + f->h + 3.5);
    }
  for (guint i = 0; i < y_ticks->len; i++)
    {
      double y = fy (f, g_array_index (y_ticks, double, i)) + 0.5;
      cairo_move_to (cr, f->x0 + 0.5, y);
      cairo_line_to (cr, f->x0 - 2.5, y);
    }
  cairo_stroke (cr);

  /* the right scale in its series' colour */
  vt_chart_set_source_rgb_hex (cr, self->mode == MODE_LIVE ? PAR_RGB : SHARE_RGB, 1.0);
  cairo_move_to (cr, f->x0 + f->w + 0.5, f->y0);
  cairo_line_to (cr, f->x0 + f->w + 0.5, f->y0 + f->h + 0.5);
  for (guint i = 0; i < r_ticks->len; i++)
    {
      double y = fy (&l->right, g_array_index (r_ticks, double, i)) + 0.5;
      cairo_move_to (cr, f->x0 + f->w + 0.5, y);
      cairo_line_to (cr, f->x0 + f->w + 3.5, y);
    }
  cairo_stroke (cr);
}

/* A dashed reference line across the plot. */
static void
draw_hline (cairo_t     *cr,
            const Frame *f,
            double       y,
            guint32      rgb)
{
  static const double dash[] = { 4, 4 };

  if (y > f->y_max)
    return;
  cairo_save (cr);
  vt_chart_set_source_rgb_hex (cr, rgb, 0.8);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, f->x0, fy (f, y));
  cairo_line_to (cr, f->x0 + f->w, fy (f, y));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_series (VtSpeedupChart *self,
             cairo_t        *cr,
             const Frame    *f,
             gboolean        rate,
             guint32         rgb)
{
  vt_chart_set_source_rgb_hex (cr, rgb, 1.0);
  cairo_set_line_width (cr, 2 * SAMPLE_RADIUS);
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

static void
draw_live (VtSpeedupChart *self,
           cairo_t        *cr,
           const Layout   *l)
{
  draw_hline (cr, &l->right, self->n_workers, WORKERS_RGB);
  draw_hline (cr, &l->right, self->n_cores, CORES_RGB);
  draw_series (self, cr, &l->f, TRUE, RATE_RGB);
  draw_series (self, cr, &l->right, FALSE, PAR_RGB);
}

/* Each run's own share of parallel work, from its speedup alone, on the
 * right scale: a separate series, so that no per cent is read as a speedup. */
static void
draw_shares (VtSpeedupChart *self,
             cairo_t        *cr,
             const Layout   *l)
{
  double p = _vt_speedup_chart_amdahl_fraction (self->points);
  gboolean first = TRUE;

  vt_chart_set_source_rgb_hex (cr, SHARE_RGB, 0.9);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *pt = &g_array_index (self->points, Point, i);
      double share;

      if (pt->x <= 1)
        continue;
      share = _vt_speedup_chart_share (pt);
      cairo_rectangle (cr, fx (&l->f, pt->x) - SHARE_RADIUS, fy (&l->right, share) - SHARE_RADIUS,
                       2 * SHARE_RADIUS, 2 * SHARE_RADIUS);
      cairo_fill (cr);
      if (first)
        cairo_move_to (cr, fx (&l->f, pt->x), fy (&l->right, share));
      else
        cairo_line_to (cr, fx (&l->f, pt->x), fy (&l->right, share));
      first = FALSE;
    }
  cairo_stroke (cr);
  if (!isnan (p) && _vt_speedup_chart_slowest (self->points, NULL) >= 1.0)
    draw_hline (cr, &l->right, 100 * p, SHARE_RGB);
}

static void
draw_scaling (VtSpeedupChart *self,
              cairo_t        *cr,
              const Layout   *l)
{
  /* ideal: n workers, n× (until the cores run out) */
  vt_chart_set_source_rgb_hex (cr, WORKERS_RGB, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, fx (&l->f, 1), fy (&l->f, 1));
  cairo_line_to (cr, fx (&l->f, 8), fy (&l->f, 8));
  cairo_stroke (cr);
  draw_hline (cr, &l->f, self->n_cores, CORES_RGB);
  draw_shares (self, cr, l);

  vt_chart_set_source_rgb_hex (cr, RATE_RGB, 1.0);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *pt = &g_array_index (self->points, Point, i);
      cairo_arc (cr, fx (&l->f, pt->x), fy (&l->f, pt->parallelism), SPEEDUP_RADIUS, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
vt_speedup_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  VtSpeedupChart *self = VT_SPEEDUP_CHART (widget);
  g_auto(Layout) l = { 0 };
  GdkRGBA fg;
  cairo_t *cr;

  _vt_speedup_chart_layout (self, &l);
  if (l.f.w <= 0 || l.f.h <= 0)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
#endif
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                                 gtk_widget_get_height (widget)));
  gdk_cairo_set_source_rgba (cr, &fg);
  draw_axes (self, cr, &l);
  if (self->mode == MODE_LIVE)
    draw_live (self, cr, &l);
  else
    draw_scaling (self, cr, &l);
  vt_chart_labels_draw (l.labels, widget, cr, &fg);
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
  return _vt_speedup_chart_amdahl_fraction (self->points);
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
  Frame f = { 0, 0, 0, 0, 1, 1 }, right;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GArray) ticks = NULL;

  g_return_val_if_fail (VT_IS_SPEEDUP_CHART (self), NULL);

  _vt_speedup_chart_compute_frames (self, &f, &right);
  ticks = _vt_speedup_chart_axis_ticks (self, axis, &f, &right);
  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *label = vt_chart_tick_label (g_array_index (ticks, double, i));
      g_strv_builder_add (labels, label);
    }
  return g_strv_builder_end (labels);
}

/**
 * vt_speedup_chart_dup_labels:
 *
 * Every text the chart draws at its present size, and where.
 *
 * Returns: (transfer full) (element-type VtChartLabel): the texts
 */
GArray *
vt_speedup_chart_dup_labels (VtSpeedupChart *self)
{
  g_auto(Layout) l = { 0 };
  GArray *texts = vt_chart_labels_new ();

  g_return_val_if_fail (VT_IS_SPEEDUP_CHART (self), NULL);

  _vt_speedup_chart_layout (self, &l);
  for (guint i = 0; i < l.labels->len; i++)
    {
      VtChartLabel label = g_array_index (l.labels, VtChartLabel, i);

      if (label.text == NULL)
        continue;
      label.text = g_strdup (label.text);
      g_array_append_val (texts, label);
    }
  return texts;
}

/**
 * vt_speedup_chart_dup_points:
 *
 * The centre of every data point the chart draws at its present size.
 *
 * Returns: (transfer full) (element-type graphene_point_t): the points
 */
GArray *
vt_speedup_chart_dup_points (VtSpeedupChart *self)
{
  g_auto(Layout) l = { 0 };
  GArray *points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));

  g_return_val_if_fail (VT_IS_SPEEDUP_CHART (self), NULL);

  _vt_speedup_chart_layout (self, &l);
  for (guint i = 0; i < l.labels->len; i++)
    {
      const VtChartLabel *label = &g_array_index (l.labels, VtChartLabel, i);
      graphene_point_t centre;

      if (label->text != NULL)
        continue;
      graphene_rect_get_center (&label->rect, &centre);
      g_array_append_val (points, centre);
    }
  return points;
}

/**
 * vt_speedup_chart_get_slowest:
 * @workers: (out) (optional): the worker count of that run
 *
 * Returns: the lowest speedup measured with more than one worker; NAN
 *   before one was
 */
double
vt_speedup_chart_get_slowest (VtSpeedupChart *self,
                              guint          *workers)
{
  g_return_val_if_fail (VT_IS_SPEEDUP_CHART (self), NAN);

  return _vt_speedup_chart_slowest (self->points, workers);
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
