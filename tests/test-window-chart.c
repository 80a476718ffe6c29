/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-chart.c: the real window under Xvfb: the chart's scales and texts, the preview's zoom, failed links */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "vt-application.h"
#include "vt-chart-draw.h"
#include "vt-preview.h"
#include "vt-speedup-chart.h"
#include "vt-test-utils.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

static const VtWindowOptions options = { 1200, 900, NULL, 0, TRUE };

/* The chart is drawn once the window has a folder of photos. */
static gboolean
chart_allocated (Fixture *f)
{
  if (vt_window_get_n_found (f->window) == 0)
    vt_test_window_set_input (f);
  return gtk_widget_get_width (vt_test_child (f->window, VT_TYPE_WINDOW, "chart")) > 0;
}

static char *
joined_ticks (VtSpeedupChart *chart, VtChartAxis axis)
{
  g_auto(GStrv) labels = vt_speedup_chart_dup_tick_labels (chart, axis);
  return g_strjoinv (" ", labels);
}

/* The texts the chart draws, one a line, in the order it placed them. */
static char *
joined_labels (GArray *labels)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n", g_array_index (labels, VtChartLabel, i).text);
  return g_string_free (text, FALSE);
}

/* No two texts of @chart touch, each lies inside it, and none covers a
 * data point. */
static void
assert_labels_apart (VtSpeedupChart *chart, GArray *labels)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (chart)),
                                               gtk_widget_get_height (GTK_WIDGET (chart)));
  g_autoptr(GArray) points = vt_speedup_chart_dup_points (chart);

  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      const VtChartLabel *a = &g_array_index (labels, VtChartLabel, i);

      if (!graphene_rect_contains_rect (&bounds, &a->rect))
        g_error ("“%s” (%g,%g %g×%g) is outside the chart", a->text, a->rect.origin.x, a->rect.origin.y,
                 a->rect.size.width, a->rect.size.height);
      for (guint j = i + 1; j < labels->len; j++)
        {
          const VtChartLabel *b = &g_array_index (labels, VtChartLabel, j);
          if (graphene_rect_intersection (&a->rect, &b->rect, NULL))
            g_error ("“%s” overlaps “%s”", a->text, b->text);
        }
      for (guint j = 0; j < points->len; j++)
        {
          const graphene_point_t *p = &g_array_index (points, graphene_point_t, j);
          if (graphene_rect_contains_point (&a->rect, p))
            g_error ("“%s” covers the data point at %g,%g", a->text, p->x, p->y);
        }
    }
}

static void
add_points (VtSpeedupChart *chart, const double *speedups)
{
  for (guint i = 0; i < 4; i++)
    vt_speedup_chart_add_scaling_point (chart, 1 << i, speedups[i]);
}

/* After Measure Scaling the parallel share has its own scale, named, in
 * per cent: it no longer shares the speedup's numbers. */
static void
test_scaling_parallel_axis (Fixture *f, gconstpointer data)
{
  static const double speedups[] = { 1.0, 1.8, 3.0, 4.4 };
  VtSpeedupChart *chart = vt_test_child (f->window, VT_TYPE_WINDOW, "chart");
  g_autoptr(GArray) labels = NULL;
  g_autofree char *right = NULL, *texts = NULL, *fit = NULL;

  vt_test_spin_until (chart_allocated, f, 10000);
  vt_speedup_chart_start_scaling (chart, 2);
  add_points (chart, speedups);
  g_assert_cmpstr ((right = joined_ticks (chart, VT_CHART_AXIS_RIGHT)), ==, "0 20 40 60 80 100");

  labels = vt_speedup_chart_dup_labels (chart);
  texts = joined_labels (labels);
  g_test_message ("%s", texts);
  fit = g_strdup_printf ("Amdahl fit: %.0f %% parallel\n", 100 * vt_speedup_chart_get_amdahl_fraction (chart));
  g_assert_nonnull (strstr (texts, "speedup\n"));
  g_assert_nonnull (strstr (texts, "parallel share (%)\n"));
  g_assert_nonnull (strstr (texts, "workers\n"));
  g_assert_nonnull (strstr (texts, fit));
  /* every number of every axis is drawn */
  g_assert_nonnull (strstr (texts, "\n100\n"));
  g_assert_nonnull (strstr (texts, "\n8\n"));
  assert_labels_apart (chart, labels);
}

/* A speedup below 1 is explained, not shown as "0 % parallel". */
static void
test_slowdown_explained (Fixture *f, gconstpointer data)
{
  /* faster with 2 workers, slower with 4 and 8: the fit would read 0 % */
  static const double speedups[] = { 1.0, 1.2, 0.88, 0.81 };
  VtSpeedupChart *chart = vt_test_child (f->window, VT_TYPE_WINDOW, "chart");
  g_autoptr(GArray) labels = NULL;
  g_autofree char *texts = NULL, *busy = NULL, *few = NULL, *fine = NULL;
  guint workers = 0;

  vt_test_spin_until (chart_allocated, f, 10000);
  vt_speedup_chart_start_scaling (chart, 8);
  add_points (chart, speedups);
  g_assert_cmpfloat (vt_speedup_chart_get_slowest (chart, &workers), ==, 0.81);
  g_assert_cmpuint (workers, ==, 8);
  labels = vt_speedup_chart_dup_labels (chart);
  texts = joined_labels (labels);
  g_test_message ("%s", texts);
  g_assert_nonnull (strstr (texts, "Slower with more workers: the computer was busy, or too few photos"));
  g_assert_null (strstr (texts, "Amdahl"));
  assert_labels_apart (chart, labels);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (chart)), ==,
                   "Slower with more workers: the computer was busy, or too few photos");

  busy = vt_scaling_explain_slowdown (0.81, 8, 16);
  g_assert_cmpstr (busy, ==, "With 8 workers it was slower than with one (0.81×): the computer was busy "
                             "with other work while measuring. Close other programs and measure again.");
  few = vt_scaling_explain_slowdown (0.7, 8, 3);
  g_assert_cmpstr (few, ==, "With 8 workers it was slower than with one (0.70×): 3 photos are too few "
                            "to share between them. Measure on a folder with more photos.");
  fine = vt_scaling_explain_slowdown (1.6, 8, 16);
  g_assert_null (fine);
  g_assert_null (vt_scaling_explain_slowdown (NAN, 8, 16));
}

/* On two cores the line "cores" lies just over the speedup 8 workers
 * reached, and during a run the parallelism runs along it: in a chart as
 * narrow as a netbook's, the line's name goes where it covers no point. */
static void
test_labels_clear_of_points (Fixture *f, gconstpointer data)
{
  static const double speedups[] = { 1.0, 1.4, 1.5, 1.5 };
  VtSpeedupChart *chart = VT_SPEEDUP_CHART (g_object_new (VT_TYPE_SPEEDUP_CHART, NULL));
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GArray) scaling = NULL;
  g_autoptr(GArray) live = NULL;
  g_autoptr(GArray) points = NULL;
  g_autofree char *texts = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (chart));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 200);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (chart)) == 0)
    g_main_context_iteration (NULL, TRUE);
  vt_speedup_chart_start_scaling (chart, 2);
  add_points (chart, speedups);
  points = vt_speedup_chart_dup_points (chart);
  g_assert_cmpuint (points->len, ==, 7);
  scaling = vt_speedup_chart_dup_labels (chart);
  texts = joined_labels (scaling);
  g_test_message ("%d px:\n%s", gtk_widget_get_width (GTK_WIDGET (chart)), texts);
  g_assert_nonnull (strstr (texts, "cores\n"));
  assert_labels_apart (chart, scaling);

  vt_speedup_chart_start_run (chart, 8, 2);
  for (guint i = 1; i <= 40; i++)
    vt_speedup_chart_add_sample (chart, i / 4.0, 120 + i, 1.9);
  live = vt_speedup_chart_dup_labels (chart);
  assert_labels_apart (chart, live);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
narrow_allocated (GtkWidget *chart)
{
  return gtk_widget_get_width (chart) > 0;
}

/* @chart's texts as it draws them now (the @mode it is in) hold each of
 * @lines, and stand apart. */
static void
assert_labels_shown (VtSpeedupChart     *chart,
                     const char         *mode,
                     const char * const *lines)
{
  g_autoptr(GArray) labels = vt_speedup_chart_dup_labels (chart);
  g_autofree char *texts = joined_labels (labels);

  g_test_message ("%d px, %s:\n%s", gtk_widget_get_width (GTK_WIDGET (chart)), mode, texts);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_nonnull (strstr (texts, lines[i]));
  assert_labels_apart (chart, labels);
}

/* In Spanish (longer words) on the narrowest chart the window draws, and
 * on the window's own, the texts are measured and kept apart: both modes. */
static void
test_spanish_labels_apart (Fixture *f, gconstpointer data)
{
  static const double speedups[] = { 1.0, 1.8, 3.0, 4.4 };
  static const char * const live_lines[] = { "fotos/s\n", "paralelismo\n", "segundos\n", NULL };
  static const char * const scaling_lines[] = {
    "aceleración\n", "parte paralela (%)\n", "hilos\n", "\n100\n", NULL
  };
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  VtSpeedupChart *charts[2];
  GtkWidget *narrow = gtk_window_new ();

  vt_test_speak_spanish (vt_application_get_localedir ());
  g_assert_cmpstr (_("parallel share (%)"), ==, "parte paralela (%)");
  charts[0] = VT_SPEEDUP_CHART (g_object_new (VT_TYPE_SPEEDUP_CHART, NULL));
  gtk_window_set_child (GTK_WINDOW (narrow), GTK_WIDGET (charts[0]));
  gtk_window_set_default_size (GTK_WINDOW (narrow), 320, 200);
  gtk_window_present (GTK_WINDOW (narrow));
  charts[1] = vt_test_child (f->window, VT_TYPE_WINDOW, "chart");
  vt_test_spin_until (chart_allocated, f, 10000);
  while (!narrow_allocated (GTK_WIDGET (charts[0])))
    g_main_context_iteration (NULL, TRUE);

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    {
      vt_speedup_chart_start_run (charts[c], 8, 2);
      for (guint i = 1; i <= 40; i++)
        vt_speedup_chart_add_sample (charts[c], i / 4.0, 120 + i, 1.9);
      assert_labels_shown (charts[c], "live", live_lines);

      vt_speedup_chart_start_scaling (charts[c], 2);
      add_points (charts[c], speedups);
      assert_labels_shown (charts[c], "scaling", scaling_lines);
    }
  gtk_window_destroy (GTK_WINDOW (narrow));
  vt_test_speak_default (saved_language);
}

static gboolean
preview_shown (Fixture *f)
{
  VtPreview *preview = vt_test_child (f->window, VT_TYPE_WINDOW, "preview");
  VtPreviewArea *area = vt_preview_get_area (preview);

  return vt_preview_get_shown (preview) != NULL && gtk_widget_get_width (GTK_WIDGET (area)) > 0;
}

/* The zoom button names the scale the photo is drawn at: "100 %" only at
 * one pixel per pixel, "Fit · N %" while it is fitted to the view. */
static void
test_preview_zoom_label (Fixture *f, gconstpointer data)
{
  VtPreview *preview = vt_test_child (f->window, VT_TYPE_WINDOW, "preview");
  AdwViewStack *stack = vt_test_child (f->window, VT_TYPE_WINDOW, "view_stack");
  GtkToggleButton *zoom = vt_preview_get_zoom_button (preview);
  VtPreviewArea *area = vt_preview_get_area (preview);
  g_autofree char *expected = NULL;
  cairo_surface_t *shown;
  double scale;

  vt_test_window_choose_photos (f, 2);
  adw_view_stack_set_visible_child_name (stack, "preview");
  vt_test_spin_until (preview_shown, f, 30000);
  vt_test_iterate (300);

  shown = vt_preview_get_shown (preview);
  scale = MIN (gtk_widget_get_width (GTK_WIDGET (area)) / (double) cairo_image_surface_get_width (shown),
               gtk_widget_get_height (GTK_WIDGET (area)) / (double) cairo_image_surface_get_height (shown));
  g_test_message ("%d × %d shown in %d × %d: %s", cairo_image_surface_get_width (shown),
                  cairo_image_surface_get_height (shown), gtk_widget_get_width (GTK_WIDGET (area)),
                  gtk_widget_get_height (GTK_WIDGET (area)), gtk_button_get_label (GTK_BUTTON (zoom)));
  g_assert_cmpfloat (fabs (scale - 1.0), >, 0.01);
  g_assert_cmpfloat_with_epsilon (vt_preview_area_get_scale (area), scale, 1e-9);
  expected = g_strdup_printf ("Fit · %.0f %%", 100 * scale);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (zoom)), ==, expected);

  gtk_toggle_button_set_active (zoom, TRUE);
  vt_test_iterate (200);
  g_assert_cmpfloat (vt_preview_area_get_scale (area), ==, 1.0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (zoom)), ==, "100 %");

  gtk_toggle_button_set_active (zoom, FALSE);
  vt_test_iterate (200);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (zoom)), ==, expected);
}

static GtkLabel *
find_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *label = find_label (c, text);
      if (label != NULL)
        return label;
    }
  return NULL;
}

/* A long failed link is shortened in its middle: its end, the file's
 * name, stays in sight. */
static void
test_failed_link_keeps_file_name (Fixture *f, gconstpointer data)
{
  const char *link = "ftp://fotos.tienda.example/catalogo/2026/temporada-de-verano/bolsos-y-carteras/"
                     "cuero-natural/originales-sin-retocar/bolso-rojo-grande.jpg";
  AdwMessageDialog *dialog;
  GtkLabel *title;
  PangoLayout *layout;

  g_assert_true (vt_window_import_links (f->window, link));
  vt_test_spin_until (vt_test_dialog_shown, f, 30000);
  vt_test_iterate (300);
  dialog = vt_test_find_dialog ();
  title = find_label (adw_message_dialog_get_extra_child (dialog), link);
  g_assert_nonnull (title);
  g_assert_cmpint (gtk_label_get_ellipsize (title), ==, PANGO_ELLIPSIZE_MIDDLE);
  /* it is shortened indeed, once laid out: the dialog is narrower than
   * the link */
  for (guint i = 0; i < 50 && (gtk_widget_get_width (GTK_WIDGET (title)) == 0 ||
                               !pango_layout_is_ellipsized (gtk_label_get_layout (title))); i++)
    vt_test_iterate (100);
  layout = gtk_label_get_layout (title);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (title)), >, 0);
  g_assert_true (pango_layout_is_ellipsized (layout));
  vt_test_spin_until (vt_test_batch_done, f, 30000);
}

static const VtWindowTest tests[] = {
  { "/chart/scaling-parallel-axis", test_scaling_parallel_axis },
  { "/chart/slowdown-explained", test_slowdown_explained },
  { "/chart/spanish-labels-apart", test_spanish_labels_apart },
  { "/chart/labels-clear-of-points", test_labels_clear_of_points },
  { "/preview/zoom-label", test_preview_zoom_label },
  { "/results/failed-link-keeps-file-name", test_failed_link_keeps_file_name },
};

VT_WINDOW_TEST_MAIN (tests, &options)
