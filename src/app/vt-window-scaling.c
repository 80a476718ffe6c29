/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-scaling.c: the window's measurement of speedup against workers
 *
 * Runs a sample of the photos with 1, 2, 4 and 8 workers and draws each
 * point on the chart as it arrives, then says how much of the work
 * Amdahl's law finds parallel.
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-window-private.h"

/* Photos a scaling measurement takes from the folder. */
#define SCALING_PHOTOS 16

static void
scaling_point_cb (VtScaling *scaling,
                  guint      workers,
                  double     speedup,
                  VtWindow  *self)
{
  vt_speedup_chart_add_scaling_point (self->chart, workers, speedup);
}

static void
scaling_finished_cb (VtScaling *scaling,
                     gboolean   cancelled,
                     VtWindow  *self)
{
  g_autofree char *message = NULL;
  guint n = vt_scaling_get_n_prepared (scaling), workers = 0;
  double slowest = vt_speedup_chart_get_slowest (self->chart, &workers);

  adw_toast_dismiss (g_object_get_data (G_OBJECT (scaling), "vt-toast"));

  /* Fewer than two photos prepared leave the workers nothing to share:
   * their flat speedups would read as "0 % parallel", which is false. */
  if (!cancelled && n < 2)
    {
      vt_speedup_chart_start_scaling (self->chart, g_get_num_processors ());
      _vt_window_toast (self, n == 0 ? _("No photo of the sample could be prepared, so scaling "
                                         "cannot be measured: Start shows why they fail")
                                     : _("Only one photo of the sample could be prepared: "
                                         "scaling needs at least two"));
    }
  else if (!cancelled &&
           (message = vt_scaling_explain_slowdown (slowest, workers, n)) != NULL)
    _vt_window_toast (self, message);
  else if (!cancelled)
    {
      message = g_strdup_printf (_("Amdahl’s law fits %.0f %% of the work as parallel"),
                                 100 * vt_speedup_chart_get_amdahl_fraction (self->chart));
      _vt_window_toast (self, message);
    }
  g_signal_handlers_disconnect_by_data (scaling, self);
  g_clear_object (&self->scaling);
  _vt_window_update_actions (self);
}

void
_vt_window_measure_scaling (VtWindow *self)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (vt_window_is_busy (self) || vt_window_get_n_found (self) == 0)
    return;
  if (vt_window_get_n_found (self) < 2)
    {
      _vt_window_toast (self, _("Measuring scaling needs at least two photos: "
                                "one photo is prepared by one worker, however many there are"));
      return;
    }

  self->scaling = vt_scaling_new (self->recipe, (const char * const *) self->inputs, SCALING_PHOTOS);
  g_signal_connect (self->scaling, "point", G_CALLBACK (scaling_point_cb), self);
  g_signal_connect (self->scaling, "finished", G_CALLBACK (scaling_finished_cb), self);
  if (!vt_scaling_start (self->scaling, &error))
    {
      g_clear_object (&self->scaling);
      _vt_window_toast (self, error->message);
      return;
    }
  _vt_window_forget_results (self);
  vt_speedup_chart_start_scaling (self->chart, g_get_num_processors ());
  toast = adw_toast_new (_("Measuring 1, 2, 4 and 8 workers on a sample of the photos…"));
  /* kept to take it down once the result is known */
  g_object_set_data_full (G_OBJECT (self->scaling), "vt-toast", g_object_ref (toast), g_object_unref);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _vt_window_update_actions (self);
}
