/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-state.c: what the real window says while a batch runs and stops, at 700 px tall, under Xvfb */
#include "config.h"

#include <string.h>

#include "vt-import-dialog.h"
#include "vt-test-utils.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

/* A laptop's 1280 × 720 screen less a panel: Debian 12's layout must fit. */
#define WINDOW_HEIGHT 700

static const VtWindowOptions options = { 1180, WINDOW_HEIGHT, NULL };

static gboolean
start (Fixture *f)
{
  f->n_finished = 0;
  return gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL);
}

/* While a batch runs the recipe cannot be edited, and the side bar says
 * why; Ctrl+Z does not change it either, nor can the photos it runs on
 * (Include subfolders). Once the batch ends they can. */
static void
test_recipe_locked_while_running (Fixture *f, gconstpointer data)
{
  GtkWidget *panel = GTK_WIDGET (f->panel);
  GtkWidget *note = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_note");
  GtkWidget *subfolders = vt_test_child (f->window, VT_TYPE_WINDOW, "subfolders_check");
  GtkLabel *note_label = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_note_label");
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  g_autofree char *sizes = NULL;
  int width;

  vt_test_window_write_photos (f, 40);
  g_settings_set_int (f->settings, "workers", 1);
  vt_test_window_set_input (f);
  g_assert_true (gtk_widget_is_sensitive (panel));
  g_assert_false (gtk_widget_get_visible (note));
  vt_test_iterate (300);
  width = gtk_widget_get_width (panel);

  /* an undoable change, made before the batch */
  g_assert_true (vt_recipe_panel_load_preset (f->panel, "amazon", NULL));
  sizes = g_strdup (vt_recipe_get_sizes (recipe));
  g_assert_true (start (f));
  g_assert_true (vt_window_is_busy (f->window));
  g_assert_false (gtk_widget_is_sensitive (panel));
  g_assert_false (gtk_widget_is_sensitive (subfolders));
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_true (gtk_widget_is_drawable (note));
  g_assert_nonnull (strstr (gtk_label_get_label (note_label), "when the batch ends"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==, sizes);
  /* the note does not widen the side bar */
  vt_test_iterate (300);
  g_assert_true (vt_window_is_busy (f->window));
  g_assert_cmpint (gtk_widget_get_width (panel), ==, width);

  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_true (gtk_widget_is_sensitive (panel));
  g_assert_true (gtk_widget_is_sensitive (subfolders));
  g_assert_false (gtk_widget_get_visible (note));
}

/* After Cancel, until the workers have stopped, the button and the bar say
 * the batch is stopping and Cancel cannot be pressed again; then the bar
 * says what was done. */
static void
test_cancelling (Fixture *f, gconstpointer data)
{
  GtkProgressBar *bar = vt_test_child (f->window, VT_TYPE_WINDOW, "progress_bar");
  GtkButton *cancel = vt_test_child (f->window, VT_TYPE_WINDOW, "cancel_button");
  const VtJobStats *stats;
  g_autofree char *expected = NULL;

  g_settings_set_int (f->settings, "workers", 1);
  vt_test_window_choose_photos (f, 40);
  g_assert_true (start (f));
  g_assert_cmpstr (gtk_button_get_label (cancel), ==, "_Cancel");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (cancel)));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel", NULL);
  g_assert_true (vt_window_is_busy (f->window));
  g_assert_cmpstr (gtk_button_get_label (cancel), ==, "Cancelling…");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (cancel)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cancel)));
  g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (bar), "Cancelling…"));
  /* the results of the photos in progress and not started arrive: the
   * bar still says so, never "40 / 40 · 0:00 left" */
  while (vt_window_is_busy (f->window))
    {
      g_main_context_iteration (NULL, TRUE);
      if (vt_window_is_busy (f->window))
        {
          g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (bar), "Cancelling…"));
          g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (cancel)));
        }
    }

  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_true (f->cancelled);
  stats = vt_job_get_stats (vt_window_get_last_job (f->window));
  expected = g_strdup_printf ("%u of 40 done, cancelled", 40 - stats->n_cancelled);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, expected);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cancel)));
  g_assert_cmpstr (gtk_button_get_label (cancel), ==, "_Cancel");

  /* the next batch can be cancelled again */
  g_assert_true (start (f));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (cancel)));
  g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (bar), "0 / 40"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel", NULL);
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_true (f->cancelled);
}

static const char * const table[] = {
  "photos_value", "sequential_value", "parallel_value", "speedup_value", "efficiency_value",
};

/* A new batch does not show the last one's figures while it runs. */
static void
test_table_cleared_at_start (Fixture *f, gconstpointer data)
{
  GtkLabel *photos = vt_test_child (f->window, VT_TYPE_WINDOW, "photos_value");

  vt_test_window_write_photos (f, 3);
  g_settings_set_int (f->settings, "workers", 1);
  g_settings_set_boolean (f->settings, "skip-existing", FALSE);
  vt_test_window_set_input (f);
  g_assert_true (start (f));
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_cmpstr (gtk_label_get_label (photos), ==, "3");

  g_assert_true (start (f));
  g_assert_true (vt_window_is_busy (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    g_assert_cmpstr (gtk_label_get_label (vt_test_child (f->window, VT_TYPE_WINDOW, table[i])), ==, "—");
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_cmpstr (gtk_label_get_label (photos), ==, "3");
}

/* A PNG of @widget in $VT_TEST_SCREENSHOT_DIR, when that is set, to look
 * at what a test checked. */
static void
save_png (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("VT_TEST_SCREENSHOT_DIR");
  int w, h;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;
  gtk_test_widget_wait_for_draw (widget);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);
}

/* Whether @widget is shown whole inside @area, in @area's coordinates. */
static gboolean
lies_inside (gpointer widget, gpointer area)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (widget), GTK_WIDGET (area), &bounds))
    return FALSE;
  return bounds.origin.y >= 0 && bounds.size.height > 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (area));
}

/* Debian 12's layout in a window 700 px tall, after a batch (the results
 * shown too): the window stays that tall, and the batch page scrolls
 * rather than growing past it, so everything on it can be reached. */
static void
test_fits_700_tall (Fixture *f, gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *view_stack = vt_test_child (f->window, VT_TYPE_WINDOW, "view_stack");
  GtkWidget *results = vt_test_child (f->window, VT_TYPE_WINDOW, "results_box");
  GtkWidget *grid = vt_test_child (f->window, VT_TYPE_WINDOW, "grid_view");
  GtkWidget *scrolled, *viewport;
  const char * const parts[] = { "found_label", "progress_bar", "results_box", "chart", "efficiency_value" };
  int min_height;

  vt_test_window_choose_photos (f, 3);
  g_assert_true (start (f));
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  vt_test_iterate (500);
  save_png (window, "window-700.png");
  g_assert_true (gtk_widget_get_visible (results));

  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (window),
                      &min_height, NULL, NULL, NULL);
  /* nothing on the page makes the window taller than a 1024 × 600
   * netbook's screen, less its panel */
  g_assert_cmpint (min_height, <=, 560);
  g_assert_cmpint (gtk_widget_get_height (window), <=, WINDOW_HEIGHT);

  /* the page's figures scroll, inside the page */
  scrolled = gtk_widget_get_ancestor (results, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_is_ancestor (scrolled, view_stack));
  g_assert_true (lies_inside (scrolled, window));
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  /* at 700 px they still fit whole: none is scrolled out of sight */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      GtkWidget *part = vt_test_child (f->window, VT_TYPE_WINDOW, parts[i]);

      g_assert_true (gtk_widget_is_ancestor (part, viewport));
      g_assert_true (lies_inside (part, viewport));
    }
  /* and the photos still have room below them */
  g_assert_true (lies_inside (grid, window));
  g_assert_cmpint (gtk_widget_get_height (grid), >=, 100);
}

/* Import from Links is a dialog with its title in the body, not a heading
 * (libadwaita 1.7 mis-measures headings), and still the one the menu opens. */
static void
test_import_dialog_has_no_heading (Fixture *f, gconstpointer data)
{
  AdwMessageDialog *dialog;
  const char *heading;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-links", NULL));
  vt_test_spin_until (vt_test_dialog_shown, f, 5000);
  dialog = vt_test_find_dialog ();
  g_assert_true (VT_IS_IMPORT_DIALOG (dialog));
  heading = adw_message_dialog_get_heading (dialog);
  g_assert_true (heading == NULL || heading[0] == '\0');
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Import Photos from Links\n\nPaste the links your supplier sent"));
  vt_test_iterate (300);
  save_png (GTK_WIDGET (dialog), "import-dialog.png");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static const VtWindowTest tests[] = {
  { "/window-state/recipe-locked-while-running", test_recipe_locked_while_running },
  { "/window-state/cancelling", test_cancelling },
  { "/window-state/table-cleared-at-start", test_table_cleared_at_start },
  { "/window-state/fits-700-tall", test_fits_700_tall },
  { "/window-state/import-dialog-has-no-heading", test_import_dialog_has_no_heading },
};

VT_WINDOW_TEST_MAIN (tests, &options)
