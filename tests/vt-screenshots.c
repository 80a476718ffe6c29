/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-screenshots.c: renders the window's main states to PNG, for the README and AppStream
 *
 *   build-aux/screenshots   (runs this under Xvfb into data/screenshots/)
 */
#include "config.h"

#include "vt-test-utils.h"
#include "vt-preview.h"
#include "vt-recipe-panel.h"
#include "vt-window-test.h"

/* Lets the window settle for @ms, then writes @widget to @dest/@name. */
static void
shoot (GtkWidget  *widget,
       guint       ms,
       const char *dest,
       const char *name)
{
  g_autofree char *path = g_build_filename (dest, name, NULL);

  vt_test_iterate (ms);
  vt_test_save_png (widget, path);
  g_print ("wrote %s (%d×%d)\n", path, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
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
  shoot (GTK_WIDGET (window), 800, dest, "empty.png");

  vt_window_set_inputs (window, paths);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL);
  while (g_list_model_get_n_items (vt_window_get_thumbnails (window)) < 60)
    g_main_context_iteration (NULL, TRUE);
  shoot (GTK_WIDGET (window), 300, dest, "running.png");

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  shoot (GTK_WIDGET (window), 800, dest, "finished.png");

  preview = vt_test_child (window, VT_TYPE_WINDOW, "preview");
  adw_view_stack_set_visible_child_name (vt_test_child (window, VT_TYPE_WINDOW, "view_stack"), "preview");
  while (vt_preview_get_shown (preview) == NULL)
    g_main_context_iteration (NULL, TRUE);
  shoot (GTK_WIDGET (window), 500, dest, "preview.png");

  /* two presets of the shop's own, then a marketplace preset: padded
   * squares, and the photos too small for them */
  panel = vt_test_child (window, VT_TYPE_WINDOW, "recipe_panel");
  vt_recipe_panel_save_preset (panel, "Mi tienda", NULL);
  vt_recipe_panel_save_preset (panel, "Rebajas de verano", NULL);
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.load-preset", "s", "mercado-libre");
  shoot (GTK_WIDGET (window), 1500, dest, "recipe.png");

  /* naming a preset: the reason a name cannot be used, as it is typed */
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.save-preset", NULL);
  {
    GtkWidget *dialog = GTK_WIDGET (vt_test_find_dialog ());

    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (
                             adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)))), "Rebajas de verano");
    shoot (dialog, 800, dest, "preset-name.png");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Measure Scaling: speedup against workers, numbered axes */
  adw_view_stack_set_visible_child_name (vt_test_child (window, VT_TYPE_WINDOW, "view_stack"), "batch");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.measure-scaling", NULL);
  while (vt_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  shoot (GTK_WIDGET (window), 800, dest, "scaling.png");

  /* a 1024 × 600 netbook: the recipe folds away, and the header shows it */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  shoot (GTK_WIDGET (window), 1000, dest, "narrow.png");
  gtk_toggle_button_set_active (vt_test_child (window, VT_TYPE_WINDOW, "flap_button"), TRUE);
  shoot (GTK_WIDGET (window), 1000, dest, "narrow-recipe.png");

  gtk_window_destroy (GTK_WINDOW (window));
  vt_test_remove_tree (dir);
  return 0;
}
