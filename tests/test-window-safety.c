/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-safety.c: the real window at 1024 × 600 under Xvfb: late clicks, quitting, failures, room for the photos */
#include "config.h"

#include <string.h>

#include "vt-test-utils.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

/* A netbook's screen, where the user test found these. */
static const VtWindowOptions options = { 1024, 600, NULL, 300 };

static void
start (Fixture *f)
{
  vt_test_window_set_input (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
}

/* The button a pointer click at (@x, @y) of the window would press, or NULL. */
static GtkWidget *
button_at (Fixture *f, double x, double y)
{
  GtkWidget *hit = gtk_widget_pick (GTK_WIDGET (f->window), x, y, GTK_PICK_INSENSITIVE);

  return hit != NULL ? gtk_widget_get_ancestor (hit, GTK_TYPE_BUTTON) : NULL;
}

static gboolean
cancel_laid_out (Fixture *f)
{
  GtkWidget *cancel = vt_test_child (f->window, VT_TYPE_WINDOW, "cancel_button");

  return gtk_widget_get_mapped (cancel) && gtk_widget_get_width (cancel) > 0;
}

/* A click on Cancel that arrives just after the batch ended, as the
 * window is laid out again, presses nothing: no new batch. */
static void
test_late_cancel_click (Fixture *f, gconstpointer data)
{
  GtkWidget *cancel = vt_test_child (f->window, VT_TYPE_WINDOW, "cancel_button");
  VtJob *job;
  graphene_rect_t bounds;
  double x, y;

  /* enough photos that one worker is still at them when Cancel is shown */
  vt_test_window_write_photos (f, 60);
  g_settings_set_int (f->settings, "workers", 1);
  start (f);
  job = vt_window_get_last_job (f->window);
  vt_test_spin_until (cancel_laid_out, f, 10000);
  g_assert_true (gtk_widget_compute_bounds (cancel, GTK_WIDGET (f->window), &bounds));
  x = bounds.origin.x + bounds.size.width / 2, y = bounds.origin.y + bounds.size.height / 2;
  g_assert_true (button_at (f, x, y) == cancel);

  vt_test_spin_until (vt_test_batch_done, f, 60000);
  for (guint i = 0; i < 6; i++)
    {
      GtkWidget *button = button_at (f, x, y);

      if (button != NULL && gtk_widget_is_sensitive (button))
        g_signal_emit_by_name (button, "clicked");
      vt_test_iterate (100);
    }
  g_assert_false (vt_window_is_busy (f->window));
  g_assert_true (vt_window_get_last_job (f->window) == job);
  g_assert_cmpuint (f->n_finished, ==, 1);
}

/* "Stop and quit?" asked mid-batch still counts when the batch ends before
 * the answer: the question stays, says the batch is over, and quits. */
static void
test_quit_answer_outlives_batch (Fixture *f, gconstpointer data)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  AdwMessageDialog *dialog;

  vt_test_window_write_photos (f, 12);
  g_settings_set_int (f->settings, "workers", 1);
  start (f);
  gtk_window_close (window);
  g_assert_nonnull (vt_test_find_dialog ());
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  vt_test_iterate (200);

  dialog = vt_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The batch has ended"));
  g_assert_cmpuint (vt_job_get_stats (vt_window_get_last_job (f->window))->n_cancelled, ==, 0);
  adw_message_dialog_response (dialog, "quit");
  while (vt_test_is_toplevel (window))
    g_main_context_iteration (NULL, TRUE);
  f->window = NULL;
}

/* Every label under @widget is as tall as its text needs at the width it
 * was given, and it, its row and its list lie wholly in @view, with no
 * need to scroll. */
static void
assert_labels_whole (GtkWidget *widget, GtkWidget *view)
{
  if ((GTK_IS_LABEL (widget) || GTK_IS_LIST_BOX_ROW (widget) || GTK_IS_LIST_BOX (widget)) &&
      gtk_widget_get_mapped (widget))
    {
      int width = gtk_widget_get_width (widget), natural;
      graphene_rect_t bounds;

      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
      g_assert_true (gtk_widget_compute_bounds (widget, view, &bounds));
      g_test_message ("%s: %d px wide, %d px tall, needs %d; %g to %g of %d", G_OBJECT_TYPE_NAME (widget),
                      width, gtk_widget_get_height (widget), natural, bounds.origin.y,
                      bounds.origin.y + bounds.size.height, gtk_widget_get_height (view));
      if (GTK_IS_LABEL (widget))
        g_assert_cmpint (natural, <=, gtk_widget_get_height (widget));
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (view));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    assert_labels_whole (c, view);
}

/* Each failed photo's reason is shown whole in "Show Failed", under its
 * file's name. */
static void
test_failed_reasons_readable (Fixture *f, gconstpointer data)
{
  static const char * const names[] = { "aqua-bolso-de-cuero-natural.jpg", "zz-notes.jpg" };
  g_autofree char *photo = g_build_filename (f->in, "product-0001.jpg", NULL);
  g_autofree char *cut = g_build_filename (f->in, names[0], NULL);
  g_autofree char *text = g_build_filename (f->in, names[1], NULL);
  g_autofree char *jpeg = NULL;
  g_autofree char *rows = NULL;
  AdwMessageDialog *dialog;
  gsize len;

  vt_test_window_write_photos (f, 2);
  /* a photo cut short, and a text file */
  g_assert_true (g_file_get_contents (photo, &jpeg, &len, NULL));
  g_assert_true (g_file_set_contents (cut, jpeg, len / 3, NULL));
  g_assert_true (g_file_set_contents (text, "not a photo", -1, NULL));
  start (f);
  vt_test_spin_until (vt_test_batch_done, f, 60000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-failed", NULL));
  vt_test_iterate (500);
  dialog = vt_test_find_dialog ();
  g_assert_nonnull (dialog);
  rows = vt_test_dialog_rows (dialog);
  g_test_message ("%s", rows);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (strstr (rows, names[i]));
  assert_labels_whole (adw_message_dialog_get_extra_child (dialog), adw_message_dialog_get_extra_child (dialog));
  if (g_getenv ("VT_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("VT_TEST_SCREENSHOT_DIR"), "failed-dialog.png", NULL);
      vt_test_save_png (GTK_WIDGET (dialog), path);
    }
}

/* At 1024 × 600 the photos keep room for rows of thumbnails, while the
 * figures above them scroll. */
static void
test_grid_room_at_600 (Fixture *f, gconstpointer data)
{
  GtkWidget *grid = vt_test_child (f->window, VT_TYPE_WINDOW, "grid_view");

  vt_test_window_write_photos (f, 12);
  start (f);
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  vt_test_iterate (300);
  g_test_message ("window %d × %d, grid %d px tall", gtk_widget_get_width (GTK_WIDGET (f->window)),
                  gtk_widget_get_height (GTK_WIDGET (f->window)), gtk_widget_get_height (grid));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), <=, 600);
  g_assert_cmpint (gtk_widget_get_height (grid), >=, 240);
  vt_test_window_screenshot (f, "window-1024x600.png");
}

/* Once other photos are chosen, the last batch's counts and its full
 * bar no longer stand over them. */
static void
test_other_photos_forget_results (Fixture *f, gconstpointer data)
{
  GtkWidget *results = vt_test_child (f->window, VT_TYPE_WINDOW, "results_box");
  GtkProgressBar *bar = vt_test_child (f->window, VT_TYPE_WINDOW, "progress_bar");
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  const char *inputs[] = { other, NULL };

  vt_test_window_write_photos (f, 2);
  start (f);
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_true (gtk_widget_get_visible (results));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 1.0);

  g_assert_true (vt_sample_write (other, 3, 400, 300, NULL));
  vt_window_set_inputs (f->window, inputs);
  g_assert_false (gtk_widget_get_visible (results));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), ==, 0.0);
}

static const VtWindowTest tests[] = {
  { "/window-safety/other-photos-forget-results", test_other_photos_forget_results },
  { "/window-safety/late-cancel-click", test_late_cancel_click },
  { "/window-safety/quit-answer-outlives-batch", test_quit_answer_outlives_batch },
  { "/window-safety/failed-reasons-readable", test_failed_reasons_readable },
  { "/window-safety/grid-room-at-600", test_grid_room_at_600 },
};

VT_WINDOW_TEST_MAIN (tests, &options)
