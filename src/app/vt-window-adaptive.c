/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-adaptive.c: how the window's side bar and header adapt to its width
 *
 * The template is built for libadwaita 1.2 (Debian 12): a header bar over an
 * AdwFlap that folds the recipe over the photos when both no longer fit.
 * From libadwaita 1.4 (Debian 13, the Flatpak's GNOME runtime) the same
 * widgets go into the chrome meant for them: an AdwToolbarView with the
 * header bar on top, an AdwOverlaySplitView for the side bar, and an
 * AdwBreakpoint that collapses it in a narrow window. The template cannot
 * name those widgets, since GtkBuilder on 1.2 would not know them, so they
 * are put together here and the template's children moved into them.
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include "vt-window-private.h"

/* Below this height, a 1024 × 600 netbook's, the figures over the photos
 * (which fit whole in a window 700 px tall) scroll, rather than leave the
 * photos a sliver: the photos keep room for more than a row of thumbnails. */
#define SHORT_HEIGHT    680
#define GRID_MIN_HEIGHT 240

static void
height_changed_cb (VtWindow *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->grid_view), GTK_TYPE_SCROLLED_WINDOW);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller),
                                              height > 0 && height < SHORT_HEIGHT ? GRID_MIN_HEIGHT : -1);
}

#if ADW_CHECK_VERSION (1, 4, 0)
/* Below this width the recipe (360 px) and the photos no longer sit side
 * by side comfortably: the side bar slides over the photos instead, as the
 * flap does on libadwaita 1.2 at about the same width. */
#define NARROW "max-width: 1100sp"
/* Below this height, a 1024 × 600 netbook's, the speedup chart gives its
 * 200 px to the photos; the table beside it still has the figures. */
#define SHORT "max-height: 680sp"
/* The smallest window the adapted layout fits, for libadwaita to know
 * before it applies a breakpoint; well within a 1024 × 600 netbook. */
#define MIN_WIDTH  640
#define MIN_HEIGHT 560
#define SIDEBAR_WIDTH 360

/* Takes @widget out of its parent, returning the reference the parent held. */
static GtkWidget *
take_from_box (GtkWidget *widget)
{
  g_object_ref (widget);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (widget)), widget);
  return widget;
}

/* A breakpoint for @condition that collapses @split and hides @chart,
 * either of which may be NULL. */
static void
add_breakpoint (VtWindow            *self,
                const char          *condition,
                AdwOverlaySplitView *split,
                VtSpeedupChart      *chart)
{
  AdwBreakpoint *breakpoint = adw_breakpoint_new (adw_breakpoint_condition_parse (condition));
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  if (split != NULL)
    {
      g_value_set_boolean (&value, TRUE);
      adw_breakpoint_add_setter (breakpoint, G_OBJECT (split), "collapsed", &value);
    }
  if (chart != NULL)
    {
      g_value_set_boolean (&value, FALSE);
      adw_breakpoint_add_setter (breakpoint, G_OBJECT (chart), "visible", &value);
    }
  adw_application_window_add_breakpoint (ADW_APPLICATION_WINDOW (self), breakpoint);
}

static void
adapt_modern (VtWindow        *self,
              AdwFlap         *flap,
              GtkToggleButton *flap_button)
{
  g_autoptr(GtkWidget) header =
    take_from_box (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), VT_TYPE_WINDOW, "header_bar")));
  g_autoptr(GtkWidget) sidebar = g_object_ref (adw_flap_get_flap (flap));
  g_autoptr(GtkWidget) content = g_object_ref (adw_flap_get_content (flap));
  AdwToolbarView *toolbar = ADW_TOOLBAR_VIEW (adw_toolbar_view_new ());
  AdwOverlaySplitView *split = ADW_OVERLAY_SPLIT_VIEW (adw_overlay_split_view_new ());

  adw_flap_set_flap (flap, NULL);
  adw_flap_set_content (flap, NULL);

  adw_overlay_split_view_set_min_sidebar_width (split, SIDEBAR_WIDTH);
  adw_overlay_split_view_set_max_sidebar_width (split, SIDEBAR_WIDTH);
  adw_overlay_split_view_set_sidebar (split, sidebar);
  adw_overlay_split_view_set_content (split, content);
  adw_toolbar_view_add_top_bar (toolbar, header);
  adw_toolbar_view_set_content (toolbar, GTK_WIDGET (split));
  /* Replaces the box, and with it the flap. */
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (toolbar));

  g_object_bind_property (split, "show-sidebar", flap_button, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  /* Only the last breakpoint that matches applies, so the window that is
   * both narrow and short has one of its own, with both changes. */
  add_breakpoint (self, NARROW, split, NULL);
  add_breakpoint (self, SHORT, NULL, self->chart);
  add_breakpoint (self, NARROW " and " SHORT, split, self->chart);
  gtk_widget_set_size_request (GTK_WIDGET (self), MIN_WIDTH, MIN_HEIGHT);
}
#endif

/**
 * _vt_window_adaptive_init:
 *
 * Makes the side bar follow the header's toggle, keeps the photos room in
 * a short window, and, on libadwaita 1.4 or newer, puts the window's
 * chrome together from the modern widgets.
 */
void
_vt_window_adaptive_init (VtWindow *self)
{
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (self), VT_TYPE_WINDOW, "flap"));
  GtkToggleButton *flap_button =
    GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), VT_TYPE_WINDOW, "flap_button"));

#if ADW_CHECK_VERSION (1, 4, 0)
  adapt_modern (self, flap, flap_button);
#else
  g_object_bind_property (flap, "reveal-flap", flap_button, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
#endif
  /* GTK keeps the default size that of the window as it is resized. */
  g_signal_connect (self, "notify::default-height", G_CALLBACK (height_changed_cb), NULL);
  height_changed_cb (self);
}
