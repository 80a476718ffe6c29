/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-speedup-chart-layout.c: the chart's scales, and where its texts go at its size
 *
 * The margins are sized to the texts as measured in the user's language,
 * and every text is kept clear of the others (vt_chart_labels_place()):
 * a longer translation is shortened, never drawn over its neighbour.
 */
#define G_LOG_DOMAIN "vt-speedup-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vt-speedup-chart-private.h"

/* The ticks of an axis, as vt_speedup_chart_dup_tick_labels() names them. */
GArray *
_vt_speedup_chart_axis_ticks (VtSpeedupChart *self,
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
      return vt_chart_nice_ticks (right->y_max, 4);
    }
}

/* The scales: photos per second (@f) and parallelism (@right) against
 * seconds during a run; speedup (@f) and the share of the work found
 * parallel, in per cent (@right), against workers after Measure Scaling. */
void
_vt_speedup_chart_compute_frames (VtSpeedupChart *self,
                                  Frame          *f,
                                  Frame          *right)
{
  double max_rate = 1, max_par = MAX (self->n_workers, 1);

  if (self->mode == MODE_SCALING)
    {
      f->x_max = f->y_max = 8.5;
      *right = *f;
      /* 100 % level with the 8× of the left scale */
      right->y_max = 100 * 8.5 / 8;
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

/* Amdahl: S(n) = 1 / ((1 − p) + p / n). With y = 1/S − 1 and x = 1 − 1/n
 * this is y = −p·x, so least squares gives p = −Σxy / Σx². */
double
_vt_speedup_chart_amdahl_fraction (GArray *points)
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

/* A run's own share of parallel work, in per cent, from its speedup alone. */
double
_vt_speedup_chart_share (const Point *point)
{
  return 100 * CLAMP ((1 - 1 / MAX (point->parallelism, 1e-6)) / (1 - 1 / point->x), 0.0, 1.0);
}

/* The lowest speedup of a run with more than one worker, and its worker
 * count in @workers; NAN before there is one. */
double
_vt_speedup_chart_slowest (GArray *points,
                           guint  *workers)
{
  double slowest = NAN;

  for (guint i = 0; i < points->len; i++)
    {
      const Point *p = &g_array_index (points, Point, i);
      if (p->x > 1 && (isnan (slowest) || p->parallelism < slowest))
        {
          slowest = p->parallelism;
          if (workers != NULL)
            *workers = p->x;
        }
    }
  return slowest;
}

/* The one line above the plot: what the measurement found, in words. */
static char *
dup_caption (VtSpeedupChart *self,
             guint32        *rgb)
{
  double slowest = _vt_speedup_chart_slowest (self->points, NULL);

  if (self->mode == MODE_LIVE)
    {
      *rgb = PAR_RGB;
      return g_strdup_printf (_("parallelism (ideal: %u workers, %u cores)"), self->n_workers, self->n_cores);
    }
  if (isnan (slowest))
    return NULL;
  if (slowest < 1.0)
    {
      /* a bare "0 % parallel" would blame the photos for a busy machine */
      *rgb = WARNING_RGB;
      return g_strdup (_("Slower with more workers: the computer was busy, or too few photos"));
    }
  *rgb = SHARE_RGB;
  return g_strdup_printf (_("Amdahl fit: %.0f %% parallel"), 100 * _vt_speedup_chart_amdahl_fraction (self->points));
}

static int
widest_tick (VtSpeedupChart *self,
             GArray         *ticks)
{
  int widest = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *text = vt_chart_tick_label (g_array_index (ticks, double, i));
      int w, h;

      vt_chart_text_size (GTK_WIDGET (self), text, &w, &h);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
place_ticks (VtSpeedupChart *self,
             Layout         *l,
             VtChartAxis     axis)
{
  g_autoptr(GArray) ticks = _vt_speedup_chart_axis_ticks (self, axis, &l->f, &l->right);

  for (guint i = 0; i < ticks->len; i++)
    {
      double v = g_array_index (ticks, double, i);
      g_autofree char *text = vt_chart_tick_label (v);

      /* a number that would touch its neighbour is left out, not overdrawn */
      if (axis == VT_CHART_AXIS_X)
        vt_chart_labels_place (l->labels, GTK_WIDGET (self), text, fx (&l->f, v), l->f.y0 + l->f.h + 6,
                               0.5, 0, 0, VT_CHART_FG);
      else if (axis == VT_CHART_AXIS_LEFT)
        vt_chart_labels_place (l->labels, GTK_WIDGET (self), text, l->f.x0 - 5, fy (&l->f, v),
                               1, 0.5, 0, VT_CHART_FG);
      else
        vt_chart_labels_place (l->labels, GTK_WIDGET (self), text, l->f.x0 + l->f.w + 5, fy (&l->right, v),
                               0, 0.5, 0, self->mode == MODE_LIVE ? PAR_RGB : SHARE_RGB);
    }
}

/* A reference line's name, inside the plot just under or over the line:
 * at its right end, else its left end, else its middle, wherever it
 * covers no data point and no other text. */
static void
place_hline_label (VtSpeedupChart *self,
                   Layout         *l,
                   const Frame    *f,
                   double          y,
                   const char     *text,
                   guint32         rgb)
{
  const double anchors[][2] = { { f->x0 + f->w - 4, 1 }, { f->x0 + 4, 0 }, { f->x0 + f->w / 2, 0.5 } };

  if (y > f->y_max)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (anchors); i++)
    for (int side = 0; side < 2; side++)
      if (vt_chart_labels_place (l->labels, GTK_WIDGET (self), text, anchors[i][0],
                                 fy (f, y) + (side ? -4 : 4), anchors[i][1], side, f->w / 2, rgb))
        return;
}

/* The data points, which no line's name may cover. */
static void
avoid_points (VtSpeedupChart *self,
              Layout         *l)
{
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      double x = fx (&l->f, p->x);

      if (self->mode == MODE_LIVE)
        {
          vt_chart_labels_avoid (l->labels, x, fy (&l->f, p->rate), SAMPLE_RADIUS);
          vt_chart_labels_avoid (l->labels, x, fy (&l->right, p->parallelism), SAMPLE_RADIUS);
          continue;
        }
      vt_chart_labels_avoid (l->labels, x, fy (&l->f, p->parallelism), SPEEDUP_RADIUS);
      if (p->x > 1)
        vt_chart_labels_avoid (l->labels, x, fy (&l->right, _vt_speedup_chart_share (p)), SHARE_RADIUS);
    }
}

static void
place_hline_labels (VtSpeedupChart *self,
                    Layout         *l)
{
  g_autofree char *workers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worker", "%u workers",
                                                           self->n_workers), self->n_workers);
  g_autofree char *cores = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u core", "%u cores",
                                                         self->n_cores), self->n_cores);

  if (self->mode == MODE_SCALING)
    {
      place_hline_label (self, l, &l->f, self->n_cores, _("cores"), CORES_RGB);
      return;
    }
  if (self->n_workers == self->n_cores)
    {
      g_autofree char *both = g_strdup_printf ("%s, %s", workers, cores);
      place_hline_label (self, l, &l->right, self->n_cores, both, CORES_RGB);
      return;
    }
  place_hline_label (self, l, &l->right, self->n_workers, workers, WORKERS_RGB);
  place_hline_label (self, l, &l->right, self->n_cores, cores, CORES_RGB);
}

/* Margins sized to the texts, measured in the user's language: numbers
 * beside the plot, two rows above it (what was found; the axes' names)
 * and two below (the numbers of the x axis; its name). */
void
_vt_speedup_chart_layout (VtSpeedupChart *self,
                          Layout         *l)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean live = self->mode == MODE_LIVE;
  g_autoptr(GArray) left_ticks = NULL;
  g_autoptr(GArray) right_ticks = NULL;
  g_autofree char *caption = NULL;
  guint32 caption_rgb = VT_CHART_FG;
  double names_y;
  int lh, digit_w;

  l->f = (Frame) { 0, 0, 0, 0, 1, 1 };
  _vt_speedup_chart_compute_frames (self, &l->f, &l->right);
  l->labels = vt_chart_labels_new ();
  vt_chart_text_size (widget, "0", &digit_w, &lh);
  left_ticks = _vt_speedup_chart_axis_ticks (self, VT_CHART_AXIS_LEFT, &l->f, &l->right);
  right_ticks = _vt_speedup_chart_axis_ticks (self, VT_CHART_AXIS_RIGHT, &l->f, &l->right);

  l->f.x0 = widest_tick (self, left_ticks) + 8;
  l->f.y0 = 2 * lh + lh / 2 + 8;
  l->f.w = width - l->f.x0 - widest_tick (self, right_ticks) - 8;
  l->f.h = height - l->f.y0 - (2 * lh + 10);
  l->right.x0 = l->f.x0, l->right.y0 = l->f.y0, l->right.w = l->f.w, l->right.h = l->f.h;
  if (l->f.w <= 0 || l->f.h <= 0)
    return;

  place_ticks (self, l, VT_CHART_AXIS_X);
  place_ticks (self, l, VT_CHART_AXIS_LEFT);
  place_ticks (self, l, VT_CHART_AXIS_RIGHT);

  /* each axis's name over it, in its series' colour: the legend */
  names_y = l->f.y0 - lh / 2 - 3;
  vt_chart_labels_place (l->labels, widget, live ? _("photos/s") : _("speedup"), 0, names_y, 0, 1,
                         width / 2 - 4, live ? RATE_RGB : VT_CHART_FG);
  vt_chart_labels_place (l->labels, widget, live ? _("parallelism") : _("parallel share (%)"), width, names_y,
                         1, 1, width / 2 - 4, live ? PAR_RGB : SHARE_RGB);
  vt_chart_labels_place (l->labels, widget, live ? _("seconds") : _("workers"), l->f.x0 + l->f.w, height,
                         1, 1, l->f.w, VT_CHART_FG);
  caption = dup_caption (self, &caption_rgb);
  if (caption != NULL)
    vt_chart_labels_place (l->labels, widget, caption, width, 0, 1, 0, width, caption_rgb);
  /* a narrow chart shortens the caption; the pointer still reads it whole */
  if (g_strcmp0 (caption, gtk_widget_get_tooltip_text (widget)) != 0)
    gtk_widget_set_tooltip_text (widget, caption);
  avoid_points (self, l);
  place_hline_labels (self, l);
}

void
_vt_speedup_chart_layout_clear (Layout *l)
{
  g_clear_pointer (&l->labels, g_array_unref);
}
