/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-chart-draw.c: cairo helpers for the window's charts: colours, text, round tick values
 *
 * Texts are laid out before anything is drawn: each is measured with the
 * widget's Pango context (so in the user's language and font) and kept
 * only where it overlaps no text placed before it. Longer translations
 * are then shortened or left out, never drawn over each other.
 */
#define G_LOG_DOMAIN "vt-speedup-chart"

#include "config.h"

#include <math.h>

#include "vt-chart-draw.h"

/* Pixels kept clear between two texts. */
#define LABEL_GAP 2

void
vt_chart_set_source_rgb_hex (cairo_t *cr,
                             guint32  rgb,
                             double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                         (rgb & 0xFF) / 255.0, alpha);
}

static void
label_clear (VtChartLabel *label)
{
  g_clear_pointer (&label->text, g_free);
}

/* An empty list of VtChartLabel. */
GArray *
vt_chart_labels_new (void)
{
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (VtChartLabel));

  g_array_set_clear_func (labels, (GDestroyNotify) label_clear);
  return labels;
}

static PangoLayout *
label_layout (GtkWidget  *widget,
              const char *text,
              double      width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

void
vt_chart_text_size (GtkWidget  *widget,
                    const char *text,
                    int        *width,
                    int        *height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_get_pixel_size (layout, width, height);
}

static gboolean
overlaps_any (GArray                *labels,
              const graphene_rect_t *rect)
{
  graphene_rect_t grown;

  graphene_rect_inset_r (rect, -LABEL_GAP, -LABEL_GAP, &grown);
  for (guint i = 0; i < labels->len; i++)
    if (graphene_rect_intersection (&grown, &g_array_index (labels, VtChartLabel, i).rect, NULL))
      return TRUE;
  return FALSE;
}

/**
 * vt_chart_labels_place:
 * @x, @y: the point the text is aligned to
 * @align_x, @align_y: 0 puts the text's left (top) edge there, 1 its right
 *   (bottom) edge, 0.5 its middle
 * @max_width: > 0 to shorten a longer text with an ellipsis
 * @rgb: its colour, 0xRRGGBB or VT_CHART_FG
 *
 * Adds @text to @labels unless it would overlap a text already there.
 *
 * Returns: whether it was added
 */
gboolean
vt_chart_labels_place (GArray     *labels,
                       GtkWidget  *widget,
                       const char *text,
                       double      x,
                       double      y,
                       double      align_x,
                       double      align_y,
                       double      max_width,
                       guint32     rgb)
{
  g_autoptr(PangoLayout) layout = label_layout (widget, text, max_width);
  VtChartLabel label = { NULL, GRAPHENE_RECT_INIT (0, 0, 0, 0), max_width, rgb };
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (max_width > 0 && w < max_width)
    label.width = 0;
  graphene_rect_init (&label.rect, round (x - w * align_x), round (y - h * align_y), w, h);
  if (w == 0 || overlaps_any (labels, &label.rect))
    return FALSE;
  label.text = g_strdup (text);
  g_array_append_val (labels, label);
  return TRUE;
}

/**
 * vt_chart_labels_avoid:
 * @x, @y: the centre of a mark the chart draws (a data point)
 * @radius: half its size
 *
 * Keeps the texts placed from now on clear of the mark, which goes into
 * @labels as an entry without text, never drawn.
 */
void
vt_chart_labels_avoid (GArray *labels,
                       double  x,
                       double  y,
                       double  radius)
{
  VtChartLabel mark = { NULL, GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius), 0, 0 };

  g_array_append_val (labels, mark);
}

void
vt_chart_labels_draw (GArray        *labels,
                      GtkWidget     *widget,
                      cairo_t       *cr,
                      const GdkRGBA *fg)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const VtChartLabel *label = &g_array_index (labels, VtChartLabel, i);
      g_autoptr(PangoLayout) layout = NULL;

      if (label->text == NULL)
        continue;
      layout = label_layout (widget, label->text, label->width);
      if (label->rgb == VT_CHART_FG)
        gdk_cairo_set_source_rgba (cr, fg);
      else
        vt_chart_set_source_rgb_hex (cr, label->rgb, 1.0);
      cairo_move_to (cr, label->rect.origin.x, label->rect.origin.y);
      pango_cairo_show_layout (cr, layout);
    }
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
