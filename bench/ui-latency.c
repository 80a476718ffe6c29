/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui-latency.c: the longest gap between the window's frames during a batch
 *
 *   xvfb-run -a build/bench/ui-latency [COUNT]    (default 1000 photos of 800×600)
 *
 * Builds the real window, starts a batch on 8 workers and keeps the frame
 * clock ticking (as an animation would); the window records the longest gap
 * between two frames, which is how long the main loop was ever blocked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "vt-window.h"

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
  VtWindow *window;
  gboolean done = FALSE;
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
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_print ("%d photos of 800×600 in %.1f s with the window showing them; "
           "longest gap between frames: %.1f ms (target 50 ms); "
           "CPU time stolen by the hypervisor meanwhile: %.1f s\n",
           count, (g_get_monotonic_time () - start) / 1e6, vt_window_get_max_frame_gap (window),
           vt_timings_stolen () - stolen);

  gtk_window_destroy (GTK_WINDOW (window));
  rm = g_strdup_printf ("rm -rf '%s'", dir);
  return system (rm) == 0 ? 0 : 1;
}
