/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-batch.c: the real window's batch, import and results, under Xvfb */
#include "config.h"

#include <glib/gstdio.h>

#include "vt-preview.h"
#include "vt-test-utils.h"
#include "vt-thumbnail.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

/* A link that fails at once (no scheme, another scheme) is listed as not
 * downloaded; the window goes on. */
static void
test_import_bad_links (Fixture *f, gconstpointer data)
{
  static const char * const lists[] = {
    "127.0.0.1:9/foto.jpg",
    "www.shop.example/foto.jpg",
    "ftp://shop.example/foto.jpg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      AdwMessageDialog *dialog;
      g_autofree char *rows = NULL;

      f->n_finished = 0;
      g_assert_true (vt_window_import_links (f->window, lists[i]));
      vt_test_spin_until (vt_test_not_busy, f, 30000);
      vt_test_spin_until (vt_test_dialog_shown, f, 5000);
      dialog = vt_test_find_dialog ();
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "1 Download Failed");
      rows = vt_test_dialog_rows (dialog);
      g_assert_nonnull (strstr (rows, lists[i]));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

/* After Cancel the bar says what was done, not "42 / 42 · 0:00 left". */
static void
test_cancel_is_honest (Fixture *f, gconstpointer data)
{
  GtkProgressBar *bar = vt_test_child (f->window, VT_TYPE_WINDOW, "progress_bar");
  const VtJobStats *stats;
  g_autofree char *expected = NULL;

  g_settings_set_int (f->settings, "workers", 2);
  vt_test_window_choose_photos (f, 40);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel", NULL));
  vt_test_spin_until (vt_test_batch_done, f, 10000);

  g_assert_true (f->cancelled);
  stats = vt_job_get_stats (vt_window_get_last_job (f->window));
  g_assert_cmpuint (stats->n_cancelled, >, 0);
  expected = g_strdup_printf ("%u of 40 done, cancelled", 40 - stats->n_cancelled);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, expected);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), <, 1.0);
}

static gboolean
small_label_names_originals (Fixture *f)
{
  GtkLabel *label = vt_test_child (f->window, VT_TYPE_WINDOW, "small_label");
  return strstr (gtk_label_get_label (label), "bolso-") != NULL;
}

/* After Import from Links every label speaks of what arrived, not of the
 * folder shown before nor of downloads that are over. */
static void
test_import_labels_are_honest (Fixture *f, gconstpointer data)
{
  GtkLabel *found = vt_test_child (f->window, VT_TYPE_WINDOW, "found_label");
  GtkLabel *small = vt_test_child (f->window, VT_TYPE_WINDOW, "small_label");
  VtPreview *preview = vt_test_child (f->window, VT_TYPE_WINDOW, "preview");
  VtTestServer s = { 0 };

  vt_test_window_choose_photos (f, 2);
  vt_test_server_start (&s);
  g_assert_true (vt_window_import_links (f->window, s.links));
  vt_test_spin_until (vt_test_batch_done, f, 60000);

  g_assert_cmpstr (gtk_label_get_label (found), ==, "2 photos found");
  /* the preview and the warning show the downloaded photos */
  g_assert_nonnull (strstr (vt_preview_get_photo (preview), "/originals/bolso-"));
  vt_test_spin_until (small_label_names_originals, f, 30000);
  g_assert_null (strstr (gtk_label_get_label (small), "product-0001"));
  vt_test_server_stop (&s);
}

/* Nothing prepared, no speedup: "—", not "0.00×". */
static void
test_no_speedup_for_nothing (Fixture *f, gconstpointer data)
{
  GtkLabel *speedup = vt_test_child (f->window, VT_TYPE_WINDOW, "speedup_value");

  g_assert_true (vt_window_import_links (f->window, "ftp://shop.example/foto.jpg"));
  vt_test_spin_until (vt_test_batch_done, f, 30000);
  g_assert_cmpstr (gtk_label_get_label (speedup), ==, "—");
}

/* Importing the same links again adds no "-2" copies, in originals or in
 * any size folder. */
static void
test_import_twice (Fixture *f, gconstpointer data)
{
  VtTestServer s = { 0 };

  vt_test_server_start (&s);
  for (int round = 0; round < 2; round++)
    {
      f->n_finished = 0;
      g_assert_true (vt_window_import_links (f->window, s.links));
      vt_test_spin_until (vt_test_batch_done, f, 60000);
    }
  vt_test_assert_imported (f->out, 2);
  /* the second batch had both photos, and skipped them */
  g_assert_cmpuint (vt_job_get_stats (vt_window_get_last_job (f->window))->n_skipped, ==, 2);
  vt_test_server_stop (&s);
}

/* Closing mid-batch asks; keeping on leaves the batch running, stopping
 * closes the window. */
static void
test_close_mid_batch_asks (Fixture *f, gconstpointer data)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  g_autoptr(VtJob) job = NULL;
  AdwMessageDialog *dialog;

  vt_test_window_write_photos (f, 40);
  g_settings_set_int (f->settings, "workers", 1);
  vt_test_window_set_input (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  job = g_object_ref (vt_window_get_last_job (f->window));

  gtk_window_close (window);
  g_assert_true (vt_test_is_toplevel (window));
  dialog = vt_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "Quit Now?\n\nThe batch is still running."));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (vt_test_is_toplevel (window));
  g_assert_true (vt_window_is_busy (f->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));

  gtk_window_close (window);
  dialog = vt_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "quit");
  /* the window is gone (once the dialog is done) and its batch stopped */
  while (vt_test_is_toplevel (window))
    g_main_context_iteration (NULL, TRUE);
  f->window = NULL;
  while (vt_job_is_running (job))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (vt_job_get_stats (job)->n_cancelled, >, 0);
}

/* After a batch the window says first what was prepared, failed and
 * skipped, and where; the failed photos are listed with their reasons;
 * skipped photos are marked as such. */
static void
test_results_for_staff (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->in, "zz-notes.jpg", NULL);
  GtkLabel *results = vt_test_child (f->window, VT_TYPE_WINDOW, "results_label");
  GListModel *thumbs = vt_window_get_thumbnails (f->window);
  g_autofree char *where = NULL;
  g_autofree char *rows = NULL;
  AdwMessageDialog *dialog;
  guint n_skipped = 0;

  vt_test_window_write_photos (f, 2);
  g_assert_true (g_file_set_contents (bad, "not a photo", -1, NULL));
  g_settings_set_boolean (f->settings, "skip-existing", TRUE);
  g_settings_set_int (f->settings, "workers", 2);
  vt_test_window_set_input (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL);
  vt_test_spin_until (vt_test_batch_done, f, 60000);

  where = g_strdup_printf ("The files are in %s", f->out);
  g_assert_nonnull (strstr (gtk_label_get_label (results), "2 photos prepared, 1 failed, 0 skipped."));
  /* the plain reading of the speedup, only where there was a gain (the
   * machine's load decides) */
  g_assert_true ((strstr (gtk_label_get_label (results), "2 workers made this") != NULL) ==
                 (vt_job_stats_get_speedup (vt_job_get_stats (vt_window_get_last_job (f->window))) >= 1.1));
  g_assert_nonnull (strstr (gtk_label_get_label (results), where));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-failed", NULL));
  dialog = vt_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "1 Photo Failed");
  rows = vt_test_dialog_rows (dialog);
  g_assert_nonnull (strstr (rows, "zz-notes.jpg: Not a photo"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* again: both good photos are already done */
  f->n_finished = 0;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL);
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_nonnull (strstr (gtk_label_get_label (results), "0 photos prepared, 1 failed, 2 skipped."));
  for (guint i = 0; i < g_list_model_get_n_items (thumbs); i++)
    {
      g_autoptr(VtThumbnail) t = g_list_model_get_item (thumbs, i);
      gboolean skipped;

      g_object_get (t, "skipped", &skipped, NULL);
      n_skipped += skipped;
    }
  g_assert_cmpuint (n_skipped, ==, 2);
}

/* How many labels under @widget show @text, whole. */
static guint
count_labels (GtkWidget *widget, const char *text)
{
  guint n = GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_labels (c, text);
  return n;
}

/* A batch that fills its disk stops: the window shows the job's one
 * message (a toast), says "stopped" rather than "done", and counts the
 * photos not started. Needs root to mount a tmpfs; skipped otherwise. */
static void
test_full_disk_stops_once (Fixture *f, gconstpointer data)
{
  GtkProgressBar *bar = vt_test_child (f->window, VT_TYPE_WINDOW, "progress_bar");
  GtkLabel *results = vt_test_child (f->window, VT_TYPE_WINDOW, "results_label");
  const VtJobStats *s;
  const GError *stop;
  g_autofree char *progress = NULL;
  g_autofree char *counts = NULL;

  vt_test_window_write_photos (f, 40);
  if (!vt_test_mount_small_disk (f->out, 200))
    return;
  g_settings_set_int (f->settings, "workers", 2);
  vt_test_window_set_input (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL);
  vt_test_spin_until (vt_test_batch_done, f, 60000);

  g_assert_false (f->cancelled);
  s = vt_job_get_stats (vt_window_get_last_job (f->window));
  stop = vt_job_get_stop_error (vt_window_get_last_job (f->window));
  g_assert_nonnull (stop);
  g_assert_nonnull (strstr (stop->message, f->out));
  g_assert_cmpuint (s->n_not_started, >, 0);
  g_assert_cmpuint (s->n_done + s->n_failed + s->n_not_started, ==, 40);
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->window), stop->message), ==, 1);
  progress = g_strdup_printf ("%u of 40 done, stopped", 40 - s->n_not_started);
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, progress);
  counts = g_strdup_printf (", %u failed, 0 skipped, %u not started.", s->n_failed, s->n_not_started);
  g_assert_nonnull (strstr (gtk_label_get_label (results), counts));
  /* the photos not started have no tile */
  g_assert_cmpuint (g_list_model_get_n_items (vt_window_get_thumbnails (f->window)), ==,
                    s->n_done + s->n_failed);
  vt_test_assert_whole_outputs (f->out, FALSE);
  vt_test_unmount_small_disk (f->out);
}

/* "Include subfolders" takes the photos of the folders inside the input,
 * and their sizes keep those folders. */
static void
test_include_subfolders (Fixture *f, gconstpointer data)
{
  g_autofree char *sub = g_build_filename (f->in, "verano", NULL);
  g_autofree char *nested = g_build_filename (f->out, "large", "verano", "product-0001.jpg", NULL);
  GtkCheckButton *check = vt_test_child (f->window, VT_TYPE_WINDOW, "subfolders_check");
  GtkLabel *found = vt_test_child (f->window, VT_TYPE_WINDOW, "found_label");

  vt_test_window_write_photos (f, 2);
  g_assert_true (vt_sample_write (sub, 1, 400, 300, NULL));
  vt_test_window_set_input (f);
  g_assert_cmpstr (gtk_label_get_label (found), ==, "2 photos found");

  gtk_check_button_set_active (check, TRUE);
  g_assert_true (g_settings_get_boolean (f->settings, "include-subfolders"));
  g_assert_cmpstr (gtk_label_get_label (found), ==, "3 photos found");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL);
  vt_test_spin_until (vt_test_batch_done, f, 60000);
  g_assert_cmpuint (vt_job_get_stats (vt_window_get_last_job (f->window))->n_done, ==, 3);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
}

static const VtWindowTest tests[] = {
  { "/window-batch/import-bad-links", test_import_bad_links },
  { "/window-batch/cancel-is-honest", test_cancel_is_honest },
  { "/window-batch/import-labels-are-honest", test_import_labels_are_honest },
  { "/window-batch/no-speedup-for-nothing", test_no_speedup_for_nothing },
  { "/window-batch/import-twice", test_import_twice },
  { "/window-batch/close-mid-batch-asks", test_close_mid_batch_asks },
  { "/window-batch/results-for-staff", test_results_for_staff },
  { "/window-batch/include-subfolders", test_include_subfolders },
  { "/window-batch/full-disk-stops-once", test_full_disk_stops_once },
};

VT_WINDOW_TEST_MAIN (tests, NULL)
