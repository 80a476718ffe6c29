/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-screenshots.c: renders the window's main states to PNG, for the README and AppStream
 *
 *   build-aux/screenshots   (runs this under Xvfb into data/screenshots/)
 */
#include "config.h"

#include "vt-test-utils.h"
#include "vt-preview.h"
#include "vt-recipe-panel.h"
#include "vt-window.h"

static void
save_png (GtkWidget  *widget,
          const char *path)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
  g_print ("wrote %s (%d×%d)\n", path, w, h);
}

static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
finished_cb (VtWindow *window, gboolean cancelled, gboolean *done)
{
  *done = TRUE;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "Fotos de producto", NULL);
  g_autofree char *out = g_build_filename (dir, "web", NULL);
  const char *dest = argc > 1 ? argv[1] : ".";
  const char *paths[] = { in, NULL };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autofree char *p1 = g_build_filename (dest, "empty.png", NULL);
  g_autofree char *p2 = g_build_filename (dest, "running.png", NULL);
  g_autofree char *p3 = g_build_filename (dest, "finished.png", NULL);
  g_autofree char *p4 = g_build_filename (dest, "preview.png", NULL);
  g_autofree char *p5 = g_build_filename (dest, "recipe.png", NULL);
  g_autofree char *p6 = g_build_filename (dest, "narrow.png", NULL);
  g_autofree char *p7 = g_build_filename (dest, "narrow-recipe.png", NULL);
  g_autofree char *p8 = g_build_filename (dest, "preset-name.png", NULL);
  g_autofree char *p9 = g_build_filename (dest, "scaling.png", NULL);
  g_autofree char *data_home = g_build_filename (dir, "data", NULL);
  VtRecipePanel *panel;
  VtPreview *preview;
  VtWindow *window;
  gboolean done = FALSE;

  /* the presets saved below go here, not among the user's own */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_init ();
  adw_init ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "output-folder", out);
  g_settings_set_string (settings, "watermark-text", "© Mi Tienda");
  vt_sample_write (in, 240, 1024, 768, NULL);

  window = vt_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "batch-finished", G_CALLBACK (finished_cb), &done);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  settle (800);
  save_png (GTK_WIDGET (window), p1);

  vt_window_set_inputs (window, paths);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL);
  while (g_list_model_get_n_items (vt_window_get_thumbnails (window)) < 60)
    g_main_context_iteration (NULL, TRUE);
  settle (300);
  save_png (GTK_WIDGET (window), p2);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  settle (800);
  save_png (GTK_WIDGET (window), p3);

  preview = VT_PREVIEW (gtk_widget_get_template_child (GTK_WIDGET (window), VT_TYPE_WINDOW, "preview"));
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), VT_TYPE_WINDOW, "view_stack")),
    "preview");
  while (vt_preview_get_shown (preview) == NULL)
    g_main_context_iteration (NULL, TRUE);
  settle (500);
  save_png (GTK_WIDGET (window), p4);

  /* two presets of the shop's own, then a marketplace preset: padded
   * squares, and the photos too small for them */
  panel = VT_RECIPE_PANEL (gtk_widget_get_template_child (GTK_WIDGET (window), VT_TYPE_WINDOW, "recipe_panel"));
  vt_recipe_panel_save_preset (panel, "Mi tienda", NULL);
  vt_recipe_panel_save_preset (panel, "Rebajas de verano", NULL);
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.load-preset", "s", "mercado-libre");
  settle (1500);
  save_png (GTK_WIDGET (window), p5);

  /* naming a preset: the reason a name cannot be used, as it is typed */
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.save-preset", NULL);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
    g_autoptr(GtkWidget) dialog = NULL;

    for (guint i = 0; dialog == NULL; i++)
      {
        g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);
        if (ADW_IS_MESSAGE_DIALOG (w))
          dialog = g_steal_pointer (&w);
      }
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (
                             adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)))), "Rebajas de verano");
    settle (800);
    save_png (dialog, p8);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Measure Scaling: speedup against workers, numbered axes */
  adw_view_stack_set_visible_child_name (
    ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), VT_TYPE_WINDOW, "view_stack")),
    "batch");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.measure-scaling", NULL);
  while (vt_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  settle (800);
  save_png (GTK_WIDGET (window), p9);

  /* a 1024 × 600 netbook: the recipe folds away, and the header shows it */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  settle (1000);
  save_png (GTK_WIDGET (window), p6);
  gtk_toggle_button_set_active (
    GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), VT_TYPE_WINDOW, "flap_button")), TRUE);
  settle (1000);
  save_png (GTK_WIDGET (window), p7);

  gtk_window_destroy (GTK_WINDOW (window));
  vt_test_remove_tree (dir);
  return 0;
}
