/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-modern.c: the window's chrome on each libadwaita, under Xvfb
 *
 * Built against libadwaita 1.4 or newer (Debian 13, the Flatpak), the window
 * uses AdwToolbarView, an AdwOverlaySplitView collapsed by an AdwBreakpoint
 * and (from 1.5) AdwAboutDialog; against 1.2 (Debian 12), a header bar in a box, an
 * AdwFlap and AdwAboutWindow. Each build checks its own.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vt-application.h"
#include "vt-preview.h"
#include "vt-sample.h"
#include "vt-test-utils.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

/* A window of 1180 × 780, settled, on an empty folder. */
static const VtWindowOptions options = { 1180, 780, NULL, 300 };

static gpointer
child (Fixture *f, const char *name)
{
  return vt_test_child (f->window, VT_TYPE_WINDOW, name);
}

/* The first widget of @type under @root, depth first. */
static gpointer
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      gpointer found = find_descendant (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
resize (Fixture *f, int width, int height)
{
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  vt_test_iterate (600);
  /* the window's own margins (its client-side shadow) come off the size */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >, width - 40);
}

/* Whether @widget lies wholly inside the window. */
static gboolean
inside_window (Fixture *f, gpointer widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (widget), GTK_WIDGET (f->window), &bounds))
    return FALSE;
  return bounds.origin.x >= 0 && bounds.size.width > 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (GTK_WIDGET (f->window));
}

#if ADW_CHECK_VERSION (1, 4, 0)
/* The header bar is a top bar of an AdwToolbarView; below 1100 sp a
 * breakpoint collapses the side bar into an overlay the header's toggle
 * shows and hides, below 680 sp the speedup chart makes room for the
 * photos, and a large window has both back. */
static void
test_narrow_window (Fixture *f, gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *header = find_descendant (window, ADW_TYPE_HEADER_BAR);
  AdwOverlaySplitView *split = find_descendant (window, ADW_TYPE_OVERLAY_SPLIT_VIEW);
  GtkToggleButton *toggle = child (f, "flap_button");
  GtkWidget *panel = child (f, "recipe_panel");
  GtkWidget *chart = child (f, "chart");

  g_assert_nonnull (split);
  g_assert_nonnull (gtk_widget_get_ancestor (header, ADW_TYPE_TOOLBAR_VIEW));
  g_assert_null (find_descendant (window, ADW_TYPE_FLAP));
  g_assert_true (gtk_widget_is_ancestor (panel, GTK_WIDGET (split)));

  g_assert_null (adw_application_window_get_current_breakpoint (ADW_APPLICATION_WINDOW (window)));
  g_assert_false (adw_overlay_split_view_get_collapsed (split));
  g_assert_true (adw_overlay_split_view_get_show_sidebar (split));
  g_assert_true (gtk_toggle_button_get_active (toggle));
  g_assert_true (gtk_widget_get_visible (chart));

  resize (f, 1180, 600);
  g_assert_false (adw_overlay_split_view_get_collapsed (split));
  g_assert_false (gtk_widget_get_visible (chart));

  resize (f, 1024, 780);
  g_assert_true (adw_overlay_split_view_get_collapsed (split));
  g_assert_true (gtk_widget_get_visible (chart));

  resize (f, 1024, 600);
  g_assert_nonnull (adw_application_window_get_current_breakpoint (ADW_APPLICATION_WINDOW (window)));
  g_assert_false (gtk_widget_get_visible (chart));
  g_assert_true (adw_overlay_split_view_get_collapsed (split));
  g_assert_false (adw_overlay_split_view_get_show_sidebar (split));
  g_assert_false (gtk_toggle_button_get_active (toggle));
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (adw_overlay_split_view_get_show_sidebar (split));
  vt_test_iterate (600);
  g_assert_true (inside_window (f, panel));
  g_assert_true (inside_window (f, child (f, "start_button")));
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_false (adw_overlay_split_view_get_show_sidebar (split));

  /* The smallest size the window asks for still fits its content, empty,
   * with a batch of photos and with the preview (libadwaita warns, fatally
   * here, when the content exceeds it). */
  {
    g_autofree char *dir = vt_test_make_tmpdir ();
    const char *inputs[] = { dir, NULL };
    int min_width, min_height;

    gtk_widget_get_size_request (window, &min_width, &min_height);
    g_assert_cmpint (min_width, >, 0);
    g_assert_cmpint (min_height, >, 0);
    resize (f, min_width, min_height);
    g_assert_true (inside_window (f, child (f, "start_button")));

    g_assert_true (vt_sample_write (dir, 3, 640, 480, NULL));
    vt_window_set_inputs (f->window, inputs);
    vt_test_iterate (800);
    g_assert_cmpuint (vt_window_get_n_found (f->window), ==, 3);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "batch");
    g_assert_true (inside_window (f, child (f, "grid_view")));
    adw_view_stack_set_visible_child_name (child (f, "view_stack"), "preview");
    vt_test_iterate (800);
    g_assert_true (inside_window (f, child (f, "preview")));
    adw_view_stack_set_visible_child_name (child (f, "view_stack"), "batch");
    vt_test_remove_tree (dir);
  }

  resize (f, 1180, 780);
  g_assert_null (adw_application_window_get_current_breakpoint (ADW_APPLICATION_WINDOW (window)));
  g_assert_false (adw_overlay_split_view_get_collapsed (split));
  g_assert_true (gtk_widget_get_visible (chart));
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (adw_overlay_split_view_get_show_sidebar (split));
}
#else
/* On libadwaita 1.2 the header bar sits over an AdwFlap that folds by
 * itself when the recipe and the photos no longer fit side by side. */
static void
test_narrow_window (Fixture *f, gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *header = find_descendant (window, ADW_TYPE_HEADER_BAR);
  AdwFlap *flap = child (f, "flap");
  GtkToggleButton *toggle = child (f, "flap_button");

  g_assert_true (GTK_IS_BOX (gtk_widget_get_parent (header)));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (flap), window));
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (gtk_toggle_button_get_active (toggle));

  resize (f, 1024, 600);
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (gtk_toggle_button_get_active (toggle));
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  vt_test_iterate (600);
  g_assert_true (inside_window (f, child (f, "recipe_panel")));
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_false (adw_flap_get_reveal_flap (flap));
}
#endif

#if ADW_CHECK_VERSION (1, 5, 0)
/* The About box is an AdwAboutDialog inside the window, not a window. */
static void
test_about (Fixture *f, gconstpointer data)
{
  guint n_toplevels = g_list_model_get_n_items (gtk_window_get_toplevels ());
  AdwDialog *dialog;

  vt_application_show_about (GTK_WINDOW (f->window));
  vt_test_iterate (300);
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window));
  g_assert_true (ADW_IS_ABOUT_DIALOG (dialog));
  g_assert_cmpstr (adw_about_dialog_get_application_name (ADW_ABOUT_DIALOG (dialog)), ==, "Vitrina");
  g_assert_cmpstr (adw_about_dialog_get_version (ADW_ABOUT_DIALOG (dialog)), ==, PACKAGE_VERSION);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_toplevels);
  g_assert_true (adw_dialog_close (dialog));
  vt_test_iterate (300);
  g_assert_null (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (f->window)));
}
#else
/* The About box is an AdwAboutWindow over the main window. */
static void
test_about (Fixture *f, gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
  AdwAboutWindow *about = NULL;

  vt_application_show_about (GTK_WINDOW (f->window));
  vt_test_iterate (300);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_ABOUT_WINDOW (w))
        about = ADW_ABOUT_WINDOW (w);
    }
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (f->window));
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Vitrina");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  gtk_window_destroy (GTK_WINDOW (about));
}
#endif

/* A photo that cannot be read shows its error, whole path and all, under
 * the preview without widening the window (on libadwaita 1.4+ a wider
 * content than the window is clipped, and libadwaita warns). */
static void
test_long_error_fits (Fixture *f, gconstpointer data)
{
  VtPreview *preview = child (f, "preview");
  GtkLabel *info = vt_test_child (preview, VT_TYPE_PREVIEW, "info_label");
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *name = g_strnfill (120, 'x');
  g_autofree char *folder = g_build_filename (dir, name, NULL);
  g_autofree char *photo = g_build_filename (folder, "bolso.jpg", NULL);
  const char *photos[] = { photo, NULL };
  g_autofree char *before = g_strdup (gtk_label_get_label (info));
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int min_width;

  /* a folder where a photo was expected, as a partial download can leave */
  g_assert_cmpint (g_mkdir_with_parents (photo, 0755), ==, 0);
  adw_view_stack_set_visible_child_name (child (f, "view_stack"), "preview");
  vt_preview_set_photos (preview, photos);
  vt_preview_select_photo (preview, photo);
  while (g_str_equal (gtk_label_get_label (info), before) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (gtk_label_get_label (info), name));
  vt_test_iterate (300);
  gtk_widget_measure (GTK_WIDGET (preview), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <, 600);
  vt_test_remove_tree (dir);
}

/* A photo with a very long file name, chosen in the preview: the name is
 * shortened, and the window can still be made narrow. */
static void
test_long_name_fits (Fixture *f, gconstpointer data)
{
  VtPreview *preview = child (f, "preview");
  g_autofree char *dir = vt_test_make_tmpdir ();
  g_autofree char *sample = g_build_filename (dir, "product-0001.jpg", NULL);
  g_autofree char *stem = g_strnfill (150, 'z');
  g_autofree char *name = g_strconcat (stem, ".jpg", NULL);
  g_autofree char *photo = g_build_filename (dir, name, NULL);
  const char *photos[] = { photo, NULL };
  int min_width;

  g_assert_true (vt_sample_write (dir, 1, 400, 300, NULL));
  g_assert_cmpint (g_rename (sample, photo), ==, 0);
  adw_view_stack_set_visible_child_name (child (f, "view_stack"), "preview");
  vt_preview_set_photos (preview, photos);
  vt_preview_select_photo (preview, photo);
  vt_test_iterate (300);
  gtk_widget_measure (GTK_WIDGET (preview), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <, 600);
  vt_test_remove_tree (dir);
}

static const VtWindowTest tests[] = {
  { "/window-modern/narrow-window", test_narrow_window },
  { "/window-modern/about", test_about },
  { "/window-modern/long-error-fits", test_long_error_fits },
  { "/window-modern/long-name-fits", test_long_name_fits },
};

VT_WINDOW_TEST_MAIN (tests, &options)
