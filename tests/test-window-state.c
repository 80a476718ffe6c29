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

int
main (int argc, char **argv)
{
  if (!vt_test_window_init (&argc, &argv))
    return 0;

  vt_test_window_set_options (&options);
  vt_test_window_add ("/window-state/import-dialog-has-no-heading", 0, test_import_dialog_has_no_heading);
  return vt_test_window_run ();
}
