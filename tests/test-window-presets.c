/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-presets.c: the real window under Xvfb: saved presets, undo, imports, the scaling chart */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vt-application.h"
#include "vt-link-list.h"
#include "vt-recipe-panel.h"
#include "vt-window-test.h"
#include "vt-speedup-chart.h"
#include "vt-test-utils.h"
#include "vt-thumbnail.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

/* Each test starts without saved presets. */
static void
forget_presets (Fixture *f)
{
  g_autofree char *presets = vt_presets_get_user_dir ();

  vt_test_remove_tree (presets);
}

static const VtWindowOptions options = { 1200, 900, forget_presets, 0, TRUE };

/* Appends the text of every label under @widget, skipping @skip. */
static void
collect_labels (GtkWidget *widget, GtkWidget *skip, GString *text)
{
  if (widget == skip)
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, skip, text);
}

/* The toasts now shown: the labels in the overlay but outside its child. */
static char *
toast_text (Fixture *f)
{
  AdwToastOverlay *overlay = vt_test_child (f->window, VT_TYPE_WINDOW, "toast_overlay");
  GString *text = g_string_new (NULL);

  collect_labels (GTK_WIDGET (overlay), adw_toast_overlay_get_child (overlay), text);
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Import from links                                                        */

/* When every link fails, the window keeps the folder it had: no switch to
 * an empty originals/, and the failed-downloads dialog alone speaks (no
 * "0 photos done" toast beside it). */
static void
test_import_all_failed_keeps_folder (Fixture *f, gconstpointer data)
{
  AdwWindowTitle *title = vt_test_child (f->window, VT_TYPE_WINDOW, "window_title");
  g_autofree char *toasts = NULL;
  g_autofree char *rows = NULL;

  vt_test_window_choose_photos (f, 3);
  g_assert_cmpuint (vt_window_get_n_found (f->window), ==, 3);
  g_assert_true (vt_window_import_links (f->window, "ftp://shop.example/foto.jpg"));
  vt_test_spin_until (vt_test_batch_done, f, 30000);
  vt_test_spin_until (vt_test_not_busy, f, 30000);
  vt_test_spin_until (vt_test_dialog_shown, f, 5000);
  vt_test_iterate (200);

  g_assert_cmpuint (vt_window_get_n_found (f->window), ==, 3);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, f->in);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  toasts = toast_text (f);
  g_test_message ("toasts: %s", toasts);
  g_assert_null (strstr (toasts, "done"));
  /* the dialog says why, and names the scheme it refused */
  rows = vt_test_dialog_rows (vt_test_find_dialog ());
  g_assert_nonnull (strstr (rows, "“ftp” links cannot be downloaded"));
  f->n_finished = 0;
  vt_test_spin_until (vt_test_batch_done, f, 30000);
}

/* A link pasted without "http://" is taken as https: fetched from a port
 * where nothing listens any more, it fails as a link that could not be
 * reached, not as "Not an http or https link".  (A live http-only server
 * would leave the TLS handshake waiting for the fetcher's timeout.) */
static void
test_link_without_scheme (Fixture *f, gconstpointer data)
{
  VtTestServer server = { 0 };
  g_autofree char *link = NULL;
  g_autofree char *https = NULL;
  g_autofree char *rows = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpstr ((https = vt_link_normalize ("shop.example/a.jpg")), ==, "https://shop.example/a.jpg");
  g_clear_pointer (&https, g_free);
  g_assert_cmpstr ((https = vt_link_normalize ("localhost:8080/a.jpg")), ==, "https://localhost:8080/a.jpg");
  g_clear_pointer (&https, g_free);
  g_assert_cmpstr ((https = vt_link_normalize ("photo.jpg")), ==, "photo.jpg");
  g_clear_pointer (&https, g_free);
  g_assert_cmpstr ((https = vt_link_normalize ("ftp://shop.example/a.jpg")), ==, "ftp://shop.example/a.jpg");

  vt_test_server_start (&server);
  link = g_strdup_printf ("127.0.0.1:%d/img/bolso-a.jpg", server.port);
  vt_test_server_stop (&server);

  g_assert_true (vt_window_import_links (f->window, link));
  vt_test_spin_until (vt_test_not_busy, f, 60000);
  vt_test_spin_until (vt_test_dialog_shown, f, 5000);
  dialog = vt_test_find_dialog ();
  rows = vt_test_dialog_rows (dialog);
  g_test_message ("%s", rows);
  g_assert_nonnull (strstr (rows, "https://127.0.0.1"));
  g_assert_null (strstr (rows, "Not an http or https link"));
}

/* ------------------------------------------------------------------------ */
/* The batch                                                                */

/* The question "Quit now?" goes away once the batch it
 * asked about has ended. */
static void
test_quit_question_closes (Fixture *f, gconstpointer data)
{
  vt_test_window_write_photos (f, 40);
  g_settings_set_int (f->settings, "workers", 1);
  vt_test_window_set_input (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_nonnull (vt_test_find_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel", NULL));
  vt_test_spin_until (vt_test_batch_done, f, 30000);
  vt_test_iterate (100);
  g_assert_null (vt_test_find_dialog ());
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
}

/* A photo skipped because its sizes exist shows the existing output, not
 * a blank tile. */
static void
test_skipped_tiles_show_output (Fixture *f, gconstpointer data)
{
  GListModel *thumbnails = vt_window_get_thumbnails (f->window);

  vt_test_window_write_photos (f, 3);
  g_settings_set_boolean (f->settings, "skip-existing", TRUE);
  vt_test_window_set_input (f);
  for (int round = 0; round < 2; round++)
    {
      f->n_finished = 0;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
      vt_test_spin_until (vt_test_batch_done, f, 60000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (thumbnails), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(VtThumbnail) t = g_list_model_get_item (thumbnails, i);
      GdkTexture *texture = vt_thumbnail_get_texture (t);

      g_assert_true (vt_thumbnail_get_skipped (t));
      g_assert_nonnull (texture);
      /* the smallest size of the default recipe, brought to a thumbnail */
      g_assert_cmpint (gdk_texture_get_width (texture), >, 0);
      g_assert_cmpint (gdk_texture_get_width (texture), <=, 192);
      g_assert_cmpint (gdk_texture_get_height (texture), <=, 192);
    }
}

/* The shortcut bound to @keyval with Ctrl in @widget's class, activated
 * as a key press would. */
static gboolean
press_ctrl (GtkWidget *widget, guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (s);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_CONTROL_MASK)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (s), 0, widget,
                                                 gtk_shortcut_get_arguments (s));
        }
    }
  return FALSE;
}

/* Ctrl+Z undoes choosing a preset, as the toast's Undo does. */
static void
test_ctrl_z_undoes_preset (Fixture *f, gconstpointer data)
{
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  g_autofree char *sizes_before = g_strdup (vt_recipe_get_sizes (recipe));

  g_assert_true (vt_recipe_panel_load_preset (f->panel, "amazon", NULL));
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), !=, sizes_before);
  g_assert_true (press_ctrl (GTK_WIDGET (f->window), GDK_KEY_z));
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==, sizes_before);
}

/* The channel a preset brings is not in the recipe, yet undo takes it back
 * too: the tiles stop judging the photos by the channel's rules. */
static void
test_ctrl_z_undoes_channel (Fixture *f, gconstpointer data)
{
  g_autofree char *channel = NULL;

  g_settings_set_string (f->settings, "channel", "ebay");
  g_assert_true (vt_recipe_panel_load_preset (f->panel, "amazon", NULL));
  channel = g_settings_get_string (f->settings, "channel");
  g_assert_cmpstr (channel, ==, "amazon");
  g_clear_pointer (&channel, g_free);
  g_assert_true (press_ctrl (GTK_WIDGET (f->window), GDK_KEY_z));
  channel = g_settings_get_string (f->settings, "channel");
  g_assert_cmpstr (channel, ==, "ebay");
}

/* Every tooltip still in Spanish after a batch (prepared, skipped and
 * failed photos) run in Spanish: none is an English original. */
static void
check_tooltips (GtkWidget *widget, GPtrArray *english)
{
  const char *tip = gtk_widget_get_tooltip_text (widget);

  if (tip != NULL && g_strcmp0 (gettext (tip), tip) != 0)
    g_ptr_array_add (english, g_strdup (tip));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_tooltips (c, english);
}

static void
test_spanish_tooltips_after_batch (Fixture *f, gconstpointer data)
{
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr(GPtrArray) english = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *broken = g_build_filename (f->in, "broken.jpg", NULL);

  vt_test_window_write_photos (f, 3);
  gtk_window_destroy (GTK_WINDOW (f->window));
  vt_test_speak_spanish (vt_application_get_localedir ());
  g_assert_cmpstr (_("Choose a Folder of Photos"), ==, "Elige una carpeta de fotos");

  g_assert_true (g_file_set_contents (broken, "not a photo", -1, NULL));
  g_settings_set_boolean (f->settings, "skip-existing", TRUE);
  vt_test_window_open (f);
  vt_test_window_set_input (f);
  for (int round = 0; round < 2; round++)
    {
      f->n_finished = 0;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
      vt_test_spin_until (vt_test_batch_done, f, 60000);
    }
  vt_test_iterate (300);
  check_tooltips (GTK_WIDGET (f->window), english);
  for (guint i = 0; i < english->len; i++)
    g_test_message ("English tooltip: %s", (char *) g_ptr_array_index (english, i));

  vt_test_speak_default (saved_language);
  g_assert_cmpuint (english->len, ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Saved presets                                                            */

static char *
user_preset (const char *name)
{
  g_autofree char *dir = vt_presets_get_user_dir ();
  g_autofree char *file = g_strconcat (name, ".recipe", NULL);

  return g_build_filename (dir, file, NULL);
}

/* The titles of the rows under "Your Presets", one a line. */
static char *
saved_titles (Fixture *f)
{
  GtkListBox *list = vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL, "saved_list");
  GString *text = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_string_append_printf (text, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (text, FALSE);
}

/* Whether the Load menu has an item labelled @label. */
static gboolean
menu_has (Fixture *f, const char *label)
{
  GtkMenuButton *button = vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL, "preset_button");
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *text = NULL;
          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
              g_str_equal (text, label))
            return TRUE;
        }
    }
  return FALSE;
}

static void
assert_refused (Fixture *f, const char *name, const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (vt_recipe_panel_save_preset (f->panel, name, &error));
  g_assert_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, reason));
}

/* The user names their presets, renames and deletes them (with Undo);
 * they stay across windows; a bad name is refused with its reason. */
static void
test_saved_presets (Fixture *f, gconstpointer data)
{
  g_autofree char *summer = user_preset ("Verano 2026");
  g_autofree char *winter = user_preset ("Invierno");
  g_autofree char *saved = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *toasts = NULL;
  g_autoptr(GError) error = NULL;

  titles = saved_titles (f);
  g_assert_cmpstr (titles, ==, "");
  g_clear_pointer (&titles, g_free);
  g_assert_true (vt_recipe_panel_load_preset (f->panel, "etsy", NULL));
  g_assert_true (vt_recipe_panel_save_preset (f->panel, "Verano 2026", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (summer, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr ((titles = saved_titles (f)), ==, "Verano 2026\n");
  g_clear_pointer (&titles, g_free);
  g_assert_true (menu_has (f, "Verano 2026 (yours)"));

  assert_refused (f, "", "Give the preset a name");
  assert_refused (f, "   ", "Give the preset a name");
  assert_refused (f, "a/b", "cannot be a preset’s name");
  assert_refused (f, ".hidden", "cannot be a preset’s name");
  assert_refused (f, "amazon", "built-in preset");
  assert_refused (f, "Verano 2026", "already have a preset called “Verano 2026”");

  g_assert_true (vt_recipe_panel_rename_preset (f->panel, "Verano 2026", "Invierno", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (summer, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (winter, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr ((titles = saved_titles (f)), ==, "Invierno\n");
  g_clear_pointer (&titles, g_free);
  g_assert_false (menu_has (f, "Verano 2026 (yours)"));

  /* it loads as the recipe it was saved from */
  g_assert_true (vt_recipe_panel_load_preset (f->panel, "shop", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "panel.load-preset", "s", "Invierno"));
  g_assert_cmpint (vt_recipe_get_variant (vt_window_get_recipe (f->window), 0)->width, ==, 2000);

  g_assert_true (g_file_get_contents (winter, &saved, NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "panel.delete-preset", "s", "Invierno"));
  g_assert_false (g_file_test (winter, G_FILE_TEST_EXISTS));
  g_assert_cmpstr ((titles = saved_titles (f)), ==, "");
  g_clear_pointer (&titles, g_free);
  toasts = toast_text (f);
  g_assert_nonnull (strstr (toasts, "Preset “Invierno” deleted"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "panel.restore-preset", NULL));
  g_assert_true (g_file_get_contents (winter, &restored, NULL, NULL));
  g_assert_cmpstr (restored, ==, saved);

  /* kept on disk: a new window lists it */
  gtk_window_destroy (GTK_WINDOW (f->window));
  vt_test_window_open (f);
  g_assert_cmpstr ((titles = saved_titles (f)), ==, "Invierno\n");
}

static GtkEditable *
dialog_entry (AdwMessageDialog *dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);

  return GTK_EDITABLE (gtk_widget_get_first_child (box));
}

static GtkLabel *
dialog_reason (AdwMessageDialog *dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);

  return GTK_LABEL (gtk_widget_get_last_child (box));
}

/* The name dialog checks the name as it is typed: Save stays off and the
 * reason shows under the field until the name works. */
static void
test_name_dialog (Fixture *f, gconstpointer data)
{
  g_autofree char *mine = user_preset ("Mi tienda");
  g_autofree char *other = user_preset ("Otra");
  AdwMessageDialog *dialog;
  g_autofree char *titles = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "panel.save-preset", NULL));
  dialog = vt_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (dialog_entry (dialog), "a/b");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog_reason (dialog))));
  g_assert_nonnull (strstr (gtk_label_get_label (dialog_reason (dialog)), "“a/b” cannot be a preset’s name"));
  gtk_editable_set_text (dialog_entry (dialog), "Mi tienda");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog_reason (dialog))));
  adw_message_dialog_response (dialog, "save");
  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (dialog));
  vt_test_iterate (50);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "panel.rename-preset", "s", "Mi tienda"));
  dialog = vt_test_find_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (dialog_entry (dialog)), ==, "Mi tienda");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (dialog_entry (dialog), "Otra");
  adw_message_dialog_response (dialog, "save");
  g_assert_false (g_file_test (mine, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr ((titles = saved_titles (f)), ==, "Otra\n");
}

/* ------------------------------------------------------------------------ */
/* Measure Scaling                                                          */

/* Spins until a toast shows @text, failing after 30 s. */
static void
wait_for_toast (Fixture *f, const char *text)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *toasts = toast_text (f);
      if (strstr (toasts, text) != NULL)
        return;
      if (g_get_monotonic_time () > end)
        g_error ("no toast says “%s”; shown: %s", text, toasts);
      vt_test_iterate (20);
    }
}

/* One photo gives nothing to measure: a clear word, no "0 % parallel". */
static void
test_scaling_one_photo (Fixture *f, gconstpointer data)
{
  VtSpeedupChart *chart = vt_test_child (f->window, VT_TYPE_WINDOW, "chart");

  vt_test_window_measure_scaling (f, 1);
  g_assert_false (vt_window_is_busy (f->window));
  wait_for_toast (f, "needs at least two photos");
  g_assert_cmpuint (vt_speedup_chart_get_n_points (chart), ==, 0);
}

/* Photos that all fail give nothing to measure either. */
static void
test_scaling_all_failed (Fixture *f, gconstpointer data)
{
  VtSpeedupChart *chart = vt_test_child (f->window, VT_TYPE_WINDOW, "chart");
  g_autofree char *toasts = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->in, 0755), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("broken-%u.jpg", i);
      g_autofree char *path = g_build_filename (f->in, name, NULL);
      g_assert_true (g_file_set_contents (path, "not a photo", -1, NULL));
    }
  vt_test_window_set_input (f);
  g_assert_cmpuint (vt_window_get_n_found (f->window), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.measure-scaling", NULL));
  vt_test_spin_until (vt_test_not_busy, f, 60000);
  wait_for_toast (f, "No photo of the sample could be prepared");
  toasts = toast_text (f);
  g_assert_null (strstr (toasts, "parallel"));
  g_assert_cmpuint (vt_speedup_chart_get_n_points (chart), ==, 0);
  g_assert_true (isnan (vt_speedup_chart_get_amdahl_fraction (chart)));
}

static char *
joined_ticks (VtSpeedupChart *chart, VtChartAxis axis)
{
  g_auto(GStrv) labels = vt_speedup_chart_dup_tick_labels (chart, axis);
  return g_strjoinv (" ", labels);
}

/* Both charts number their axes at round values: workers 1, 2, 4, 8 and
 * speedups 0–8 after Measure Scaling, with the parallel share 0–100 % on
 * the right; seconds, photos/s and, on the right, the parallelism during
 * a batch. */
static void
test_chart_axes (Fixture *f, gconstpointer data)
{
  VtSpeedupChart *chart = vt_test_child (f->window, VT_TYPE_WINDOW, "chart");
  g_autofree char *x = NULL, *left = NULL, *right = NULL;

  vt_speedup_chart_start_scaling (chart, 2);
  vt_speedup_chart_add_scaling_point (chart, 1, 1.0);
  vt_speedup_chart_add_scaling_point (chart, 2, 1.8);
  g_assert_cmpstr ((x = joined_ticks (chart, VT_CHART_AXIS_X)), ==, "1 2 4 8");
  g_assert_cmpstr ((left = joined_ticks (chart, VT_CHART_AXIS_LEFT)), ==, "0 2 4 6 8");
  /* the share of the work found parallel, in per cent, on its own scale */
  g_assert_cmpstr ((right = joined_ticks (chart, VT_CHART_AXIS_RIGHT)), ==, "0 20 40 60 80 100");
  g_clear_pointer (&x, g_free);
  g_clear_pointer (&left, g_free);
  g_clear_pointer (&right, g_free);

  vt_speedup_chart_start_run (chart, 2, 2);
  for (guint i = 1; i <= 30; i++)
    vt_speedup_chart_add_sample (chart, i / 10.0, 40, 1.8);
  g_assert_cmpstr ((x = joined_ticks (chart, VT_CHART_AXIS_X)), ==, "0 1 2 3");
  g_assert_cmpstr ((left = joined_ticks (chart, VT_CHART_AXIS_LEFT)), ==, "0 10 20 30 40");
  g_assert_cmpstr ((right = joined_ticks (chart, VT_CHART_AXIS_RIGHT)), ==, "0 0.5 1 1.5 2");
}

static const VtWindowTest tests[] = {
  { "/window/import-all-failed-keeps-folder", test_import_all_failed_keeps_folder },
  { "/window/link-without-scheme", test_link_without_scheme },
  { "/window/quit-question-closes", test_quit_question_closes },
  { "/window/skipped-tiles-show-output", test_skipped_tiles_show_output },
  { "/window/ctrl-z-undoes-preset", test_ctrl_z_undoes_preset },
  { "/window/ctrl-z-undoes-channel", test_ctrl_z_undoes_channel },
  { "/window/spanish-tooltips-after-batch", test_spanish_tooltips_after_batch },
  { "/presets/saved", test_saved_presets },
  { "/presets/name-dialog", test_name_dialog },
  { "/scaling/one-photo", test_scaling_one_photo },
  { "/scaling/all-failed", test_scaling_all_failed },
  { "/scaling/chart-axes", test_chart_axes },
};

VT_WINDOW_TEST_MAIN (tests, &options)
