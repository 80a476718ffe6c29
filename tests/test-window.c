/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the real window under Xvfb, driven through its actions */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "vt-filter-row.h"
#include "vt-preview.h"
#include "vt-size-row.h"
#include "vt-recipe-panel.h"
#include "vt-speedup-chart.h"
#include "vt-test-utils.h"
#include "vt-thumbnail.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

static void
test_empty_state (Fixture *f, gconstpointer data)
{
  GtkStack *stack = vt_test_child (f->window, VT_TYPE_WINDOW, "stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL) &&
                  vt_window_is_busy (f->window));
  g_assert_null (vt_window_get_last_job (f->window));

  /* a folder without photos says so */
  g_mkdir_with_parents (f->in, 0755);
  vt_test_window_set_input (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-photos");
}

static void
test_batch (Fixture *f, gconstpointer data)
{
  GtkLabel *found = vt_test_child (f->window, VT_TYPE_WINDOW, "found_label");
  GtkLabel *speedup = vt_test_child (f->window, VT_TYPE_WINDOW, "speedup_value");
  GtkProgressBar *bar = vt_test_child (f->window, VT_TYPE_WINDOW, "progress_bar");
  VtSpeedupChart *chart = vt_test_child (f->window, VT_TYPE_WINDOW, "chart");
  GListModel *thumbs = vt_window_get_thumbnails (f->window);
  g_autoptr(GPtrArray) files = NULL;

  vt_test_window_choose_photos (f, 12);
  g_assert_cmpuint (vt_window_get_n_found (f->window), ==, 12);
  g_assert_cmpstr (gtk_label_get_label (found), ==, "12 photos found");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  g_assert_true (vt_window_is_busy (f->window));
  vt_test_spin_until (vt_test_batch_done, f, 60000);

  g_assert_false (f->cancelled);
  g_assert_cmpuint (g_list_model_get_n_items (thumbs), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(VtThumbnail) t = g_list_model_get_item (thumbs, i);
      GdkTexture *texture = vt_thumbnail_get_texture (t);

      g_assert_nonnull (texture);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 150);
      g_assert_cmpint (gdk_texture_get_height (texture), ==, 113);
      g_assert_false (vt_thumbnail_get_failed (t));
    }

  files = vt_test_list_files (f->out);
  g_assert_cmpuint (files->len, ==, 36);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 1.0);
  g_assert_cmpuint (vt_speedup_chart_get_n_points (chart), >=, 1);
  g_assert_true (g_str_has_suffix (gtk_label_get_label (speedup), "×"));
  g_assert_cmpuint (vt_job_get_stats (vt_window_get_last_job (f->window))->n_done, ==, 12);

  /* A second run skips what is done (the GUI's default). */
  f->n_finished = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_cmpuint (vt_job_get_stats (vt_window_get_last_job (f->window))->n_skipped, ==, 12);

  /* Once the recipe changes, nothing is done already. */
  g_object_set (vt_window_get_recipe (f->window), "quality", 40, NULL);
  f->n_finished = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_true (vt_job_get_recipe_changed (vt_window_get_last_job (f->window)));
  g_assert_cmpuint (vt_job_get_stats (vt_window_get_last_job (f->window))->n_skipped, ==, 0);
  g_assert_cmpuint (vt_job_get_stats (vt_window_get_last_job (f->window))->n_done, ==, 12);
}

/* Cancelled while the workers are at it. The cancel comes before the main
 * loop runs again, so before the job can have finished: waiting for a
 * first thumbnail instead made the test a race, which a fast batch under
 * AddressSanitizer (whose slow unwinding stalls the window) lost. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  const VtJobStats *stats;

  vt_test_window_write_photos (f, 40);
  g_settings_set_int (f->settings, "workers", 2);
  vt_test_window_set_input (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  g_assert_true (vt_window_is_busy (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel", NULL));
  vt_test_spin_until (vt_test_batch_done, f, 10000);

  g_assert_true (f->cancelled);
  stats = vt_job_get_stats (vt_window_get_last_job (f->window));
  g_assert_cmpuint (stats->n_cancelled, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (vt_window_get_thumbnails (f->window)), ==, stats->n_done);

  /* no partial files: every file is a whole JPEG under its final name */
  vt_test_assert_whole_outputs (f->out, FALSE);
}

static void
test_failed_photo_badge (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->in, "zz-notes.jpg", NULL);
  GListModel *thumbs = vt_window_get_thumbnails (f->window);
  gboolean seen_failure = FALSE;

  vt_test_window_write_photos (f, 2);
  g_assert_true (g_file_set_contents (bad, "not a photo", -1, NULL));
  vt_test_window_set_input (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL);
  vt_test_spin_until (vt_test_batch_done, f, 60000);

  g_assert_cmpuint (g_list_model_get_n_items (thumbs), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(VtThumbnail) t = g_list_model_get_item (thumbs, i);
      if (vt_thumbnail_get_failed (t))
        {
          seen_failure = TRUE;
          g_assert_cmpstr (vt_thumbnail_get_title (t), ==, "zz-notes.jpg");
          g_assert_nonnull (strstr (vt_thumbnail_get_error (t), "Not a photo"));
        }
    }
  g_assert_true (seen_failure);
}

/* The chain is @expected in the settings and in the window's recipe. */
static void
assert_filters (Fixture    *f,
                const char *expected)
{
  g_autofree char *in_settings = g_settings_get_string (f->settings, "filters");
  g_autofree char *in_recipe = NULL;

  g_object_get (vt_window_get_recipe (f->window), "filters", &in_recipe, NULL);
  g_assert_cmpstr (in_settings, ==, expected);
  g_assert_cmpstr (in_recipe, ==, expected);
}

static void
test_settings_round_trip (Fixture *f, gconstpointer data)
{
  VtRecipePanel *panel = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  GtkSpinButton *quality = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "quality");
  GtkListBox *filters = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "filters_list");
  GtkWidget *first;
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  g_autofree char *sizes = NULL;
  int q;

  /* settings → widget and recipe */
  g_settings_set_int (f->settings, "quality", 70);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (quality), ==, 70);
  g_object_get (recipe, "quality", &q, NULL);
  g_assert_cmpint (q, ==, 70);

  /* widget → settings and recipe */
  gtk_spin_button_set_value (quality, 92);
  g_assert_cmpint (g_settings_get_int (f->settings, "quality"), ==, 92);
  g_object_get (recipe, "quality", &q, NULL);
  g_assert_cmpint (q, ==, 92);

  /* the filter rows edit the chain: drop sharpen, add an inversion, move
   * it first, change a setting */
  g_assert_cmpuint (vt_recipe_get_filters (recipe)->len, ==, 2);
  first = GTK_WIDGET (gtk_list_box_get_row_at_index (filters, 0));
  g_signal_emit_by_name (vt_test_child (first, VT_TYPE_FILTER_ROW, "remove_button"), "clicked");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.add-filter", "s", "invert"));
  assert_filters (f, "unsharp:radius=2,percent=150,threshold=3;invert");
  g_signal_emit_by_name (vt_test_child (gtk_list_box_get_row_at_index (filters, 1), VT_TYPE_FILTER_ROW, "up_button"), "clicked");
  first = GTK_WIDGET (gtk_list_box_get_row_at_index (filters, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Invert");
  gtk_switch_set_active (vt_test_child (first, VT_TYPE_FILTER_ROW, "before_switch"), TRUE);
  assert_filters (f, "invert:stage=before;unsharp:radius=2,percent=150,threshold=3");

  /* a file-name template is applied only when it works for every size */
  {
    AdwEntryRow *names = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "name_template_row");
    g_autofree char *kept = NULL;
    g_autofree char *applied = NULL;

    gtk_editable_set_text (GTK_EDITABLE (names), "{stem}");
    g_signal_emit_by_name (names, "apply");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (names), "error"));
    kept = g_settings_get_string (f->settings, "name-template");
    g_assert_cmpstr (kept, ==, "{variant}/{stem}");

    gtk_editable_set_text (GTK_EDITABLE (names), "{stem}-{variant}");
    g_signal_emit_by_name (names, "apply");
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (names), "error"));
    applied = g_settings_get_string (f->settings, "name-template");
    g_assert_cmpstr (applied, ==, "{stem}-{variant}");
    g_assert_cmpstr (vt_recipe_get_name_template (recipe), ==, "{stem}-{variant}");
  }

  /* the sizes list edits the recipe's sizes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.add-size", NULL));
  sizes = g_settings_get_string (f->settings, "sizes");
  g_assert_cmpstr (sizes, ==, "thumbnail=150x150,medium=500x500,large=1200x1200,size4=800x800");
  g_assert_cmpuint (vt_recipe_get_n_variants (recipe), ==, 4);
}

static void
test_presets (Fixture *f, gconstpointer data)
{
  VtRecipePanel *panel = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  GtkListBox *sizes = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "sizes_list");
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  g_autofree char *path = g_build_filename (f->dir, "Mi Tienda.recipe", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *main_row;
  const VtVariant *v;

  /* a marketplace preset sets the sizes, fit and watermark of each */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.load-preset", "s", "amazon"));
  g_assert_cmpuint (vt_recipe_get_n_variants (recipe), ==, 2);
  v = vt_recipe_get_variant (recipe, 0);
  g_assert_cmpint (v->width, ==, 2000);
  g_assert_cmpint (v->fit, ==, VT_FIT_PAD);
  g_assert_false (v->watermark);
  main_row = GTK_WIDGET (gtk_list_box_get_row_at_index (sizes, 0));
  g_assert_cmpuint (gtk_drop_down_get_selected (vt_test_child (main_row, VT_TYPE_SIZE_ROW, "fit_dropdown")), ==, VT_FIT_PAD);
  g_assert_false (gtk_check_button_get_active (vt_test_child (main_row, VT_TYPE_SIZE_ROW, "watermark_check")));

  /* the size row's options reach the recipe */
  gtk_drop_down_set_selected (vt_test_child (main_row, VT_TYPE_SIZE_ROW, "fit_dropdown"), VT_FIT_FILL);
  gtk_spin_button_set_value (vt_test_child (main_row, VT_TYPE_SIZE_ROW, "max_kb_spin"), 300);
  v = vt_recipe_get_variant (recipe, 0);
  g_assert_cmpint (v->fit, ==, VT_FIT_FILL);
  g_assert_cmpint (v->max_kb, ==, 300);

  /* exported, changed, imported back: the import wins and is kept */
  g_assert_true (vt_recipe_panel_export (panel, file, &error));
  g_assert_no_error (error);
  g_settings_set_int (f->settings, "quality", 40);
  g_assert_true (vt_recipe_panel_import (panel, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_settings_get_int (f->settings, "quality"), ==, 90);
  g_assert_cmpint (vt_recipe_get_variant (recipe, 0)->max_kb, ==, 300);
  saved = g_build_filename (g_get_user_data_dir (), "vitrina", "presets", "mi-tienda.recipe", NULL);
  g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));

  /* a broken file changes nothing */
  g_assert_true (g_file_set_contents (path, "[Recipe]\nsizes=big\n", -1, NULL));
  g_assert_false (vt_recipe_panel_import (panel, file, &error));
  g_assert_nonnull (strstr (error->message, "big"));
  g_assert_cmpint (vt_recipe_get_variant (recipe, 0)->max_kb, ==, 300);
}

/* Returns the size of the only photo in @folder. */
static void
assert_only_photo_size (const char *folder,
                        int         width,
                        int         height)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      int w = 0, h = 0;

      g_assert_nonnull (gdk_pixbuf_get_file_info (path, &w, &h));
      g_assert_cmpint (w, ==, width);
      g_assert_cmpint (h, ==, height);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

/* The side bar edits the very recipe the batch runs: what is typed in a
 * size row reaches it and the settings, keeps the row being typed in, and
 * comes out of the next batch. */
static void
test_panel_edits_batch_recipe (Fixture *f, gconstpointer data)
{
  VtRecipePanel *panel = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  GtkListBox *sizes = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "sizes_list");
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (sizes, 0));
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  g_autofree char *in_settings = NULL;
  g_autofree char *tiny = g_build_filename (f->out, "tiny", NULL);

  vt_test_window_write_photos (f, 2);
  gtk_editable_set_text (vt_test_child (row, VT_TYPE_SIZE_ROW, "name_entry"), "tiny");
  gtk_spin_button_set_value (vt_test_child (row, VT_TYPE_SIZE_ROW, "width_spin"), 100);
  gtk_spin_button_set_value (vt_test_child (row, VT_TYPE_SIZE_ROW, "height_spin"), 100);
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (sizes, 0)) == row);
  g_assert_cmpstr (vt_recipe_get_variant (recipe, 0)->name, ==, "tiny");
  g_assert_cmpint (vt_recipe_get_variant (recipe, 0)->width, ==, 100);
  in_settings = g_settings_get_string (f->settings, "sizes");
  g_assert_cmpstr (in_settings, ==, "tiny=100x100,medium=500x500,large=1200x1200");

  /* a half-typed size is refused, and the recipe keeps the last good one */
  gtk_editable_set_text (vt_test_child (row, VT_TYPE_SIZE_ROW, "name_entry"), "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (sizes), "error"));
  g_assert_cmpstr (vt_recipe_get_variant (recipe, 0)->name, ==, "tiny");
  gtk_editable_set_text (vt_test_child (row, VT_TYPE_SIZE_ROW, "name_entry"), "tiny");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (sizes), "error"));

  vt_test_window_set_input (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_false (f->cancelled);
  assert_only_photo_size (tiny, 100, 75);
}

/* A size row has no widgets for trim, fill and whiten: editing the row
 * keeps them as the recipe (a marketplace preset) had them. */
static void
test_size_row_keeps_product_options (Fixture *f, gconstpointer data)
{
  VtRecipePanel *panel = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  GtkListBox *sizes = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "sizes_list");
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  GtkWidget *row;

  g_assert_true (vt_recipe_set_sizes (recipe, "main=800x800:fit=pad:fill=85:whiten=yes:trim-tolerance=8", NULL));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (sizes, 0));
  gtk_spin_button_set_value (vt_test_child (row, VT_TYPE_SIZE_ROW, "width_spin"), 900);
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==,
                   "main=900x800:fit=pad:fill=85:whiten=yes:trim-tolerance=8");
}

/* The window's recipe is the one source of truth: a change of the
 * settings reaches it and the side bar, and a change made to it directly
 * shows in the side bar and persists. */
static void
test_recipe_one_source (Fixture *f, gconstpointer data)
{
  VtRecipePanel *panel = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  GtkListBox *sizes = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "sizes_list");
  GtkListBox *filters = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "filters_list");
  GtkSpinButton *quality = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "quality");
  AdwComboRow *metadata = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "metadata_row");
  AdwEntryRow *names = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "name_template_row");
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  g_autofree char *stored = NULL;
  GtkWidget *row;

  /* settings → recipe and side bar */
  g_settings_set_string (f->settings, "sizes", "a=100x100,b=200x150");
  g_assert_cmpuint (vt_recipe_get_n_variants (recipe), ==, 2);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (sizes, 1));
  g_assert_cmpstr (gtk_editable_get_text (vt_test_child (row, VT_TYPE_SIZE_ROW, "name_entry")), ==, "b");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (vt_test_child (row, VT_TYPE_SIZE_ROW, "height_spin")), ==, 150);
  g_assert_null (gtk_list_box_get_row_at_index (sizes, 2));
  g_settings_set_string (f->settings, "filters", "invert");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (filters, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Invert");
  g_assert_null (gtk_list_box_get_row_at_index (filters, 1));
  g_settings_set_string (f->settings, "metadata", "all");
  g_assert_cmpuint (adw_combo_row_get_selected (metadata), ==, VT_METADATA_ALL);
  g_assert_cmpint (vt_recipe_get_metadata (recipe), ==, VT_METADATA_ALL);
  g_settings_set_string (f->settings, "name-template", "{variant}-{stem}");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (names)), ==, "{variant}-{stem}");

  /* recipe → side bar and settings */
  g_object_set (recipe, "quality", 55, "metadata", VT_METADATA_COPYRIGHT, NULL);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (quality), ==, 55);
  g_assert_cmpint (g_settings_get_int (f->settings, "quality"), ==, 55);
  g_assert_cmpuint (adw_combo_row_get_selected (metadata), ==, VT_METADATA_COPYRIGHT);
  stored = g_settings_get_string (f->settings, "metadata");
  g_assert_cmpstr (stored, ==, "copyright");
  g_assert_true (vt_recipe_set_sizes (recipe, "only=300x200", NULL));
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (f->settings, "sizes");
  g_assert_cmpstr (stored, ==, "only=300x200");
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (sizes, 0));
  g_assert_cmpstr (gtk_editable_get_text (vt_test_child (row, VT_TYPE_SIZE_ROW, "name_entry")), ==, "only");
  g_assert_null (gtk_list_box_get_row_at_index (sizes, 1));

  /* the side bar's combo → recipe and settings */
  adw_combo_row_set_selected (metadata, VT_METADATA_NONE);
  g_assert_cmpint (vt_recipe_get_metadata (recipe), ==, VT_METADATA_NONE);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (f->settings, "metadata");
  g_assert_cmpstr (stored, ==, "none");
}

static gboolean
small_label_shown (Fixture *f)
{
  return gtk_widget_get_visible (vt_test_child (f->window, VT_TYPE_WINDOW, "small_label"));
}

static gboolean
small_label_hidden (Fixture *f)
{
  return !small_label_shown (f);
}

/* 400 × 300 photos are too small for the 1200 × 1200 size: said before
 * the run, and no longer once the sizes fit them. */
static void
test_small_photos (Fixture *f, gconstpointer data)
{
  GtkLabel *label = vt_test_child (f->window, VT_TYPE_WINDOW, "small_label");

  vt_test_window_choose_photos (f, 2);
  vt_test_spin_until (small_label_shown, f, 30000);
  g_assert_nonnull (strstr (gtk_label_get_label (label), "2 photos will come out small or enlarged"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "is 400 × 300, smaller than the size “large” (1200 × 1200)"));

  g_settings_set_string (f->settings, "sizes", "thumbnail=150x150,medium=400x400");
  vt_test_spin_until (small_label_hidden, f, 30000);
  g_settings_set_string (f->settings, "sizes", "square=500x500:fit=pad");
  vt_test_spin_until (small_label_shown, f, 30000);
}

static void
test_measure_scaling (Fixture *f, gconstpointer data)
{
  VtSpeedupChart *chart = vt_test_child (f->window, VT_TYPE_WINDOW, "chart");

  vt_test_window_measure_scaling (f, 4);
  g_assert_true (vt_window_is_busy (f->window));
  vt_test_spin_until (vt_test_not_busy, f, 120000);

  /* one point per run, 1, 2, 4 and 8 workers, each against the first (the
   * speedups themselves depend on how busy the machine is) */
  g_assert_cmpuint (vt_speedup_chart_get_n_points (chart), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      double workers, speedup;

      vt_speedup_chart_get_point (chart, i, &workers, &speedup);
      g_assert_cmpfloat (workers, ==, 1 << i);
      g_assert_cmpfloat (speedup, >, 0.0);
      if (i == 0)
        g_assert_cmpfloat (speedup, ==, 1.0);
    }
  /* it measured in a temporary folder: nothing written where the user looks */
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
}

/* What the preview shows equals what the batch writes with the window's
 * current recipe, decoded, pixel for pixel. */
static gboolean
preview_matches_batch (Fixture *f)
{
  VtPreview *preview = vt_test_child (f->window, VT_TYPE_WINDOW, "preview");
  cairo_surface_t *shown = vt_preview_get_shown (preview);
  guint variant = vt_preview_get_variant (preview);
  g_autoptr(VtPipeline) pipeline = NULL;
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) rendered = NULL;
  g_autoptr(cairo_surface_t) expected = NULL;

  if (shown == NULL)
    return FALSE;
  pipeline = vt_pipeline_new (vt_window_get_recipe (f->window));
  photo = vt_pipeline_load (pipeline, vt_preview_get_photo (preview), NULL, NULL);
  rendered = vt_pipeline_render (pipeline, photo, variant, NULL, NULL, NULL);
  expected = vt_test_as_written (pipeline, rendered, variant, vt_preview_get_shown_format (preview));
  return vt_test_max_diff (shown, expected) == 0;
}

static void
test_preview (Fixture *f, gconstpointer data)
{
  VtPreview *preview = vt_test_child (f->window, VT_TYPE_WINDOW, "preview");
  AdwViewStack *view_stack = vt_test_child (f->window, VT_TYPE_WINDOW, "view_stack");
  VtPreviewer *previewer = vt_preview_get_previewer (preview);
  guint rendered;

  vt_test_window_choose_photos (f, 2);
  adw_view_stack_set_visible_child_name (view_stack, "preview");
  vt_test_spin_until (preview_matches_batch, f, 30000);
  /* the largest size is shown first */
  g_assert_cmpuint (vt_preview_get_variant (preview), ==, 2);
  g_assert_true (g_str_has_suffix (vt_preview_get_photo (preview), "product-0001.jpg"));

  /* a changed setting updates it */
  rendered = vt_previewer_get_n_rendered (previewer);
  g_settings_set_string (f->settings, "watermark-text", "Zapatería Ñandú");
  g_assert_false (preview_matches_batch (f));
  vt_test_spin_until (preview_matches_batch, f, 30000);
  g_assert_cmpuint (vt_previewer_get_n_rendered (previewer), >, rendered);

  /* rapid changes end with the last settings shown */
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *filters = g_strdup_printf ("sharpen;unsharp:percent=%d", 60 + 30 * i);

      g_settings_set_string (f->settings, "filters", filters);
      g_settings_set_double (f->settings, "watermark-opacity", 0.3 + 0.1 * i);
    }
  vt_test_spin_until (preview_matches_batch, f, 30000);

  /* another photo, another size */
  {
    g_autofree char *second = g_build_filename (f->in, "product-0002.jpg", NULL);
    vt_preview_select_photo (preview, second);
  }
  vt_test_spin_until (preview_matches_batch, f, 30000);
  g_assert_true (g_str_has_suffix (vt_preview_get_photo (preview), "product-0002.jpg"));
}

static void
serve_cb (SoupServer *server, SoupServerMessage *msg, const char *path,
          GHashTable *query, gpointer data)
{
  GBytes *jpeg = data;

  if (g_str_has_prefix (path, "/img/"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/jpeg", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static gboolean
failure_dialog_shown (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) &&
          g_strcmp0 (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (w)), "1 Download Failed") == 0)
        {
          gtk_window_destroy (GTK_WINDOW (w));
          return TRUE;
        }
    }
  return FALSE;
}

/* Import from links: each photo is prepared as its download ends; the link
 * that fails is listed. */
static void
test_import_links (Fixture *f, gconstpointer data)
{
  g_autoptr(cairo_surface_t) photo = vt_sample_render (2, 400, 300);
  g_autoptr(GBytes) jpeg = vt_codec_jpeg_encode (photo, 85, FALSE, NULL, NULL);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GString) links = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int port;

  soup_server_add_handler (server, NULL, serve_cb, jpeg, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  for (int i = 0; i < 3; i++)
    g_string_append_printf (links, "http://127.0.0.1:%d/img/bolso-%d.jpg\n", port, i);
  g_string_append_printf (links, "http://127.0.0.1:%d/missing.jpg\n", port);

  g_assert_true (vt_window_import_links (f->window, links->str));
  g_assert_true (vt_window_is_busy (f->window));
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  vt_test_spin_until (failure_dialog_shown, f, 5000);

  g_assert_cmpuint (g_list_model_get_n_items (vt_window_get_thumbnails (f->window)), ==, 3);
  vt_test_assert_imported (f->out, 3);
  g_assert_false (vt_window_is_busy (f->window));

  /* Let the closed connections reach both ends before the server goes. */
  soup_server_disconnect (server);
  vt_test_iterate (200);
}

static const VtWindowTest tests[] = {
  { "/window/empty-state", test_empty_state },
  { "/window/batch", test_batch },
  { "/window/cancel", test_cancel },
  { "/window/failed-photo-badge", test_failed_photo_badge },
  { "/window/settings-round-trip", test_settings_round_trip },
  { "/window/presets", test_presets },
  { "/window/panel-edits-batch-recipe", test_panel_edits_batch_recipe },
  { "/window/size-row-keeps-product-options", test_size_row_keeps_product_options },
  { "/window/recipe-one-source", test_recipe_one_source },
  { "/window/small-photos", test_small_photos },
  { "/window/measure-scaling", test_measure_scaling },
  { "/window/preview", test_preview },
  { "/window/import-links", test_import_links },
};

VT_WINDOW_TEST_MAIN (tests, NULL)
