/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-chart-draw.c: cairo helpers for the window's charts: colours, text, round tick values */
#define G_LOG_DOMAIN "vt-speedup-chart"

#include "config.h"

#include <math.h>

#include "vt-chart-draw.h"

void
vt_chart_set_source_rgb_hex (cairo_t *cr,
                             guint32  rgb,
                             double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                         (rgb & 0xFF) / 255.0, alpha);
}

void
vt_chart_draw_text (GtkWidget  *widget,
                    cairo_t    *cr,
                    const char *text,
                    double      x,
                    double      y,
                    double      align)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* Tick values from 0 to @max: steps of 1, 2 or 5 times a power of ten,
 * about @n of them, so that each is a round number a reader can use. */
GArray *
vt_chart_nice_ticks (double max,
                     guint  n)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (double));
  double raw = max / MAX (n, 1), magnitude = pow (10, floor (log10 (MAX (raw, 1e-9))));
  double ratio = raw / magnitude;
  double step = magnitude * (ratio < 1.5 ? 1 : ratio < 3.5 ? 2 : ratio < 7.5 ? 5 : 10);

  for (guint i = 0; i * step <= max * (1 + 1e-9); i++)
    {
      double v = i * step;
      g_array_append_val (ticks, v);
    }
  return ticks;
}

char *
vt_chart_tick_label (double value)
{
  return value == floor (value) ? g_strdup_printf ("%.0f", value) : g_strdup_printf ("%.1f", value);
}
