/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-polish.c: what the real window tells its user, under Xvfb */
#include "config.h"

#include <glib/gi18n.h>

#include "vt-application.h"
#include "vt-import-dialog.h"
#include "vt-test-utils.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

/* With no output folder chosen, links go where the batch would write:
 * beside the photos, in "web". */
static void
test_import_default_output (Fixture *f, gconstpointer data)
{
  g_autofree char *web = g_build_filename (f->in, "web", NULL);
  VtTestServer s = { 0 };

  vt_test_window_write_photos (f, 2);
  g_settings_set_string (f->settings, "output-folder", "");
  vt_test_window_set_input (f);
  vt_test_server_start (&s);
  g_assert_true (vt_window_import_links (f->window, s.links));
  vt_test_spin_until (vt_test_batch_done, f, 60000);

  vt_test_assert_imported (web, 2);
  g_assert_cmpstr (vt_job_get_output_dir (vt_window_get_last_job (f->window)), ==, web);
  vt_test_server_stop (&s);
}

static VtImportDialog *
find_import_dialog (void)
{
  AdwMessageDialog *dialog = vt_test_find_dialog ();

  g_assert_true (dialog == NULL || VT_IS_IMPORT_DIALOG (dialog));
  return (VtImportDialog *) dialog;
}

/* With nowhere to download to at all, Import keeps the links typed and
 * says why, instead of closing on them. */
static void
test_import_without_output_keeps_links (Fixture *f, gconstpointer data)
{
  const char *links = "https://shop.example/bolso.jpg\n";
  VtImportDialog *dialog;
  g_autofree char *kept = NULL;

  g_settings_set_string (f->settings, "output-folder", "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-links", NULL));
  vt_test_iterate (50);
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  vt_import_dialog_set_links (dialog, links);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  vt_test_iterate (50);

  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  kept = vt_import_dialog_dup_links (dialog);
  g_assert_cmpstr (kept, ==, links);
  g_assert_cmpstr (vt_import_dialog_get_problem (dialog), ==,
                   "Choose the output folder first: the photos are downloaded into it");
  g_assert_false (vt_window_is_busy (f->window));
  vt_test_destroy_dialogs ();
}

/* A preset is named as the menu names it, never by its id. */
static void
test_preset_named_by_title (Fixture *f, gconstpointer data)
{
  AdwActionRow *row = vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL, "preset_row");

  g_assert_true (vt_recipe_panel_load_preset (f->panel, "mercado-libre", NULL));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Last loaded: Mercado Libre");
}

/* Before any batch the bar shows a percentage spaced as the language
 * spaces it, not GTK's English "0%" under Spanish. */
static void
test_idle_percent_spanish (Fixture *f, gconstpointer data)
{
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  GtkProgressBar *bar;

  g_assert_cmpstr (gtk_progress_bar_get_text (vt_test_child (f->window, VT_TYPE_WINDOW, "progress_bar")),
                   ==, "0%");
  gtk_window_destroy (GTK_WINDOW (f->window));
  vt_test_speak_spanish (vt_application_get_localedir ());
  vt_test_window_open (f);
  bar = vt_test_child (f->window, VT_TYPE_WINDOW, "progress_bar");
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "0 %");
  vt_test_speak_default (saved_language);
}

/* When no link gave a photo, the window says so, not "0 of 0 done". */
static void
test_nothing_downloaded (Fixture *f, gconstpointer data)
{
  GtkProgressBar *bar = vt_test_child (f->window, VT_TYPE_WINDOW, "progress_bar");
  GtkLabel *results = vt_test_child (f->window, VT_TYPE_WINDOW, "results_label");

  g_assert_true (vt_window_import_links (f->window, "ftp://shop.example/foto.jpg"));
  vt_test_spin_until (vt_test_batch_done, f, 30000);
  vt_test_destroy_dialogs ();
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "No photo downloaded");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (results), "No photo could be downloaded"));
}

static const VtWindowTest tests[] = {
  { "/window-polish/import-default-output", test_import_default_output },
  { "/window-polish/import-without-output-keeps-links", test_import_without_output_keeps_links },
  { "/window-polish/preset-named-by-title", test_preset_named_by_title },
  { "/window-polish/idle-percent-spanish", test_idle_percent_spanish },
  { "/window-polish/nothing-downloaded", test_nothing_downloaded },
};

VT_WINDOW_TEST_MAIN (tests, NULL)
