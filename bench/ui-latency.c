/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-latency.c: the longest gap between the window's frames during a batch
 *
 *   xvfb-run -a build/bench/ui-latency [COUNT]    (default 1000 photos of 800×600)
 *
 * Builds the real window, starts a batch on 8 workers and keeps the frame
 * clock ticking (as an animation would) with a tick callback of its own,
 * which records the longest gap between two frames: how long the main
 * loop was ever blocked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "vt-window.h"

typedef struct {
  gint64 last_frame;
  gint64 max_gap;
} FramePacing;

/* By the monotonic clock when each tick runs, not the frame clock's frame
 * time: that one is a prediction rounded to whole refresh intervals. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  FramePacing *pacing = user_data;
  gint64 now = g_get_monotonic_time ();

  if (pacing->last_frame != 0)
    pacing->max_gap = MAX (pacing->max_gap, now - pacing->last_frame);
  pacing->last_frame = now;
  return G_SOURCE_CONTINUE;
}

static void
finished_cb (VtWindow *window, gboolean cancelled, gboolean *done)
{
  *done = TRUE;
}

int
main (int argc, char **argv)
{
  int count = argc > 1 ? atoi (argv[1]) : 1000;
  g_autofree char *dir = g_dir_make_tmp ("vitrina-ui-XXXXXX", NULL);
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  const char *paths[] = { in, NULL };
  g_autoptr(GSettings) settings = NULL;
  FramePacing pacing = { 0, 0 };
  VtWindow *window;
  gboolean done = FALSE;
  guint tick_id;
  gint64 start;
  double stolen;
  g_autofree char *rm = NULL;

  gtk_init ();
  adw_init ();
  vt_sample_write (in, count, 800, 600, NULL);

  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "output-folder", out);
  window = vt_window_new (NULL);
  g_signal_connect (window, "batch-finished", G_CALLBACK (finished_cb), &done);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  vt_window_set_inputs (window, paths);
  start = g_get_monotonic_time ();
  stolen = vt_timings_stolen ();
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, &pacing, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);

  g_print ("%d photos of 800×600 in %.1f s with the window showing them; "
           "longest gap between frames: %.1f ms (target 50 ms); "
           "CPU time stolen by the hypervisor meanwhile: %.1f s\n",
           count, (g_get_monotonic_time () - start) / 1e6, pacing.max_gap / 1000.0,
           vt_timings_stolen () - stolen);

  gtk_window_destroy (GTK_WINDOW (window));
  rm = g_strdup_printf ("rm -rf '%s'", dir);
  return system (rm) == 0 ? 0 : 1;
}
