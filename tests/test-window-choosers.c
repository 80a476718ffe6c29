/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-choosers.c: every file chooser of the window answered, under Xvfb, without the portal */
#include "config.h"

#include <glib/gstdio.h>

#include "vt-test-utils.h"
#include "vt-window-test.h"

static const VtWindowOptions options = { 1200, 900, NULL, 0 };

static GtkFileChooser *
wait_for_chooser (void)
{
  for (guint tries = 0; tries < 200; tries++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

          if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_visible (window))
            return GTK_FILE_CHOOSER (window);
        }
      vt_test_iterate (20);
    }
  g_assert_not_reached ();
}

/* Answers the chooser that @action opened on @widget with @path (a name
 * to save as, or a file or folder to pick), or dismisses it when %NULL.
 * Returns: (transfer full) (nullable): the path the chooser answered */
static char *
answer (gpointer    widget,
        const char *action,
        const char *path)
{
  GtkFileChooser *chooser;
  g_autoptr(GFile) wanted = NULL;
  g_autoptr(GFile) chosen = NULL;
  gboolean saving;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (widget), action, NULL));
  chooser = wait_for_chooser ();
  saving = gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SAVE;
  if (path != NULL && saving)
    gtk_file_chooser_set_current_name (chooser, path);
  else if (path != NULL)
    {
      wanted = g_file_new_for_path (path);
      g_assert_true (gtk_file_chooser_set_file (chooser, wanted, NULL));
    }
  /* The dialog takes an answer only once its folder is loaded. */
  for (guint tries = 0; path != NULL && tries < 100; tries++)
    {
      vt_test_iterate (20);
      g_clear_object (&chosen);
      chosen = gtk_file_chooser_get_file (chooser);
      if (chosen != NULL && (saving || g_file_equal (chosen, wanted)))
        break;
    }
  /* what the dialog answers is what it holds when it answers */
  if (path != NULL)
    {
      g_clear_object (&chosen);
      chosen = gtk_file_chooser_get_file (chooser);
    }
  gtk_dialog_response (GTK_DIALOG (chooser), path != NULL ? GTK_RESPONSE_ACCEPT : GTK_RESPONSE_CANCEL);
  vt_test_iterate (300);
  /* a file saved to is written in the background */
  for (guint tries = 0; saving && chosen != NULL && !g_file_query_exists (chosen, NULL) && tries < 100; tries++)
    vt_test_iterate (50);
  return chosen != NULL ? g_file_get_path (chosen) : NULL;
}

/* The chooser hands its answer back to whoever asked: the folder to the
 * setting, the export's file to the recipe, the import's to the presets. */
static void
test_choosers (VtWindowFixture *f,
               gconstpointer    data)
{
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere", NULL);
  g_autofree char *output = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *logo = NULL;
  GtkListBox *saved = vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL, "saved_list");

  g_assert_cmpint (g_mkdir (elsewhere, 0755), ==, 0);
  folder = answer (f->window, "win.choose-output", elsewhere);
  output = g_settings_get_string (f->settings, "output-folder");
  g_assert_cmpstr (output, ==, folder);
  g_assert_cmpstr (output, ==, elsewhere);

  exported = answer (f->panel, "panel.export-preset", "chosen-test.recipe");
  g_assert_nonnull (exported);
  g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));
  g_assert_null (gtk_list_box_get_row_at_index (saved, 0));
  g_free (answer (f->panel, "panel.import-preset", exported));
  g_assert_cmpint (g_unlink (exported), ==, 0);
  g_assert_nonnull (gtk_list_box_get_row_at_index (saved, 0));

  /* Dismissed: nothing changes, and nothing is said. */
  g_assert_null (answer (f->panel, "panel.choose-logo", NULL));
  g_object_get (vt_window_get_recipe (f->window), "logo", &logo, NULL);
  g_assert_true (logo == NULL || logo[0] == '\0');
}

static const VtWindowTest tests[] = {
  { "/choosers/answered", test_choosers },
};

VT_WINDOW_TEST_MAIN (tests, &options)
