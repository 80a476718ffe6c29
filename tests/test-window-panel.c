/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-panel.c: the real window's side bar under Xvfb: presets, undo, scrolling, language */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vt-application.h"
#include "vt-filter-row.h"
#include "vt-recipe-panel.h"
#include "vt-size-row.h"
#include "vt-test-utils.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

static const VtWindowOptions options = { 1200, 900, NULL, 0 };

static gboolean
any_size_watermarked (VtRecipe *recipe)
{
  for (guint i = 0; i < vt_recipe_get_n_variants (recipe); i++)
    if (vt_recipe_get_variant (recipe, i)->watermark && vt_recipe_get_watermark (recipe))
      return TRUE;
  return FALSE;
}

/* A marketplace preset sets sizes and rules, never the shop's own text,
 * and loading it can be undone. */
static void
test_preset_keeps_shop_identity (Fixture *f, gconstpointer data)
{
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  g_autofree char *sizes_before = g_strdup (vt_recipe_get_sizes (recipe));
  g_autofree char *text = NULL;

  g_settings_set_string (f->settings, "watermark-text", "© Zapatería Sol");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "panel.load-preset", "s", "mercado-libre"));
  g_assert_cmpint (vt_recipe_get_variant (recipe, 0)->width, ==, 1200);
  g_object_get (recipe, "watermark-text", &text, NULL);
  g_assert_cmpstr (text, ==, "© Zapatería Sol");
  g_free (text);
  text = g_settings_get_string (f->settings, "watermark-text");
  g_assert_cmpstr (text, ==, "© Zapatería Sol");
  /* Mercado Libre takes no watermark on any of its photos */
  g_assert_false (any_size_watermarked (recipe));

  g_assert_true (vt_recipe_panel_undo (f->panel));
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==, sizes_before);
  g_assert_true (vt_recipe_get_watermark (recipe));
  g_assert_false (vt_recipe_panel_undo (f->panel));
}

/* Every built-in preset leaves the shop's text alone. */
static void
test_presets_keep_text (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) presets = vt_presets_list ();

  g_settings_set_string (f->settings, "watermark-text", "© Zapatería Sol");
  for (guint i = 0; i < presets->len; i++)
    {
      VtPreset *preset = g_ptr_array_index (presets, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_assert_true (vt_recipe_panel_load_preset (f->panel, preset->name, &error));
      g_assert_no_error (error);
      text = g_settings_get_string (f->settings, "watermark-text");
      g_assert_cmpstr (text, ==, "© Zapatería Sol");
    }
}

/* Every built-in preset keeps the shop's logo and where the shop put it;
 * the marketplaces that take no logo on their main photo leave it off
 * that size. */
static void
test_presets_keep_logo (Fixture *f, gconstpointer data)
{
  static const char * const no_logo_on_main[] = { "amazon", "ebay", "google-merchant", "mercado-libre", NULL };
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "marca.png", NULL);
  g_autofree char *logos = vt_recipe_panel_dup_logo_dir ();
  g_autofree char *copy = g_build_filename (logos, "marca.png", NULL);
  g_autoptr(cairo_surface_t) logo = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 20);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) presets = vt_presets_list ();
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (cairo_surface_write_to_png (logo, path), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (vt_recipe_panel_set_logo (f->panel, file, &error));
  g_assert_no_error (error);
  g_settings_set_enum (f->settings, "logo-position", VT_LOGO_TOP_LEFT);
  g_settings_set_double (f->settings, "logo-width", 0.4);

  for (guint i = 0; i < presets->len; i++)
    {
      VtPreset *preset = g_ptr_array_index (presets, i);
      g_autofree char *stored = NULL;

      g_assert_true (vt_recipe_panel_load_preset (f->panel, preset->name, &error));
      g_assert_no_error (error);
      stored = g_settings_get_string (f->settings, "logo");
      g_assert_cmpstr (stored, ==, copy);
      g_assert_cmpint (g_settings_get_enum (f->settings, "logo-position"), ==, VT_LOGO_TOP_LEFT);
      g_assert_cmpfloat (g_settings_get_double (f->settings, "logo-width"), ==, 0.4);
      g_assert_true (vt_recipe_get_variant (recipe, 0)->logo ==
                     !g_strv_contains (no_logo_on_main, preset->name));
    }
  vt_test_remove_tree (logos);
}

static void
test_undo_remove_size (Fixture *f, gconstpointer data)
{
  GtkListBox *sizes = vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL, "sizes_list");
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  g_autofree char *before = g_strdup (vt_recipe_get_sizes (recipe));
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (sizes, 1));

  g_assert_cmpuint (vt_recipe_get_n_variants (recipe), ==, 3);
  g_signal_emit_by_name (vt_test_child (row, VT_TYPE_SIZE_ROW, "remove_button"), "clicked");
  g_assert_cmpuint (vt_recipe_get_n_variants (recipe), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "panel.undo", NULL));
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==, before);
  g_assert_nonnull (gtk_list_box_get_row_at_index (sizes, 2));
}

static void
test_undo_remove_filter (Fixture *f, gconstpointer data)
{
  GtkListBox *filters = vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL, "filters_list");
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (filters, 0));

  g_assert_cmpuint (vt_recipe_get_filters (recipe)->len, ==, 2);
  g_signal_emit_by_name (vt_test_child (row, VT_TYPE_FILTER_ROW, "remove_button"), "clicked");
  g_assert_cmpuint (vt_recipe_get_filters (recipe)->len, ==, 1);

  g_assert_true (vt_recipe_panel_undo (f->panel));
  g_assert_cmpuint (vt_recipe_get_filters (recipe)->len, ==, 2);
  g_assert_cmpint (g_array_index (vt_recipe_get_filters (recipe), VtFilter, 0).kind, ==, VT_FILTER_SHARPEN);
}

/* The filter menu offers looks for a shop, not measuring tools. */
static void
test_filter_menu (Fixture *f, gconstpointer data)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL,
                                                            "add_filter_button"));
  gboolean has_unsharp = FALSE;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_cmpstr (action, ==, "panel.add-filter");
      {
        g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
        const char *name = g_variant_get_string (target, NULL);

        g_assert_cmpstr (name, !=, "lanczos-round-trip");
        has_unsharp |= g_str_equal (name, "unsharp");
      }
    }
  g_assert_true (has_unsharp);
}

/* Every setting says what it does in a shop's words: the filters'
 * settings have a subtitle, the name template a tooltip that explains its
 * tokens instead of a title made of them, saved presets their names. */
static void
test_plain_words (Fixture *f, gconstpointer data)
{
  GtkListBox *filters = vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL, "filters_list");
  GtkWidget *unsharp = GTK_WIDGET (gtk_list_box_get_row_at_index (filters, 1));
  GtkWidget *name_row = vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL, "name_template_row");
  g_autoptr(GPtrArray) presets = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "vitrina", "presets", NULL);
  g_autofree char *file = g_build_filename (path, "mi-tienda.recipe", NULL);
  guint n_params = 0;

  g_assert_true (VT_IS_FILTER_ROW (unsharp));
  for (GtkWidget *w = unsharp; w != NULL; )
    {
      if (ADW_IS_ACTION_ROW (w) && GTK_IS_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (w))))
        {
          const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (w));
          g_assert_true (subtitle != NULL && strlen (subtitle) > 20);
          n_params++;
        }
      /* depth-first walk of the row's widgets */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != unsharp && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == unsharp ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_cmpuint (n_params, ==, 3);  /* radius, amount, threshold */

  g_assert_null (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name_row)), "{stem}"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (name_row), "{stem}"));

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "[Recipe]\nsizes=big=900x900\n", -1, NULL));
  presets = vt_presets_list ();
  for (guint i = 0; i < presets->len; i++)
    {
      VtPreset *preset = g_ptr_array_index (presets, i);
      g_assert_null (strstr (preset->description, "Seed"));
      if (!preset->builtin)
        g_assert_nonnull (strstr (preset->description, preset->name));
    }
  g_assert_cmpint (g_remove (file), ==, 0);
}

/* A wheel turned over a number field that has no focus scrolls the side
 * bar and leaves the number alone. A real X pointer event, through Xvfb. */
static void
test_scroll_over_field (Fixture *f, gconstpointer data)
{
  GtkListBox *sizes = vt_test_child (f->panel, VT_TYPE_RECIPE_PANEL, "sizes_list");
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (sizes, 2));
  GtkSpinButton *width = vt_test_child (row, VT_TYPE_SIZE_ROW, "width_spin");
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (width));
  g_autofree char *x = NULL, *y = NULL;
  const char *argv[] = { "xdotool", "mousemove", "--sync", NULL, NULL, "click", "--repeat", "2", "5", NULL };
  double nx, ny, px, py;
  int status;

  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool == NULL || g_strcmp0 (g_getenv ("GDK_BACKEND"), "x11") != 0)
    {
      g_test_skip ("needs xdotool on X11");
      return;
    }
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  vt_test_iterate (500);
  g_assert_cmpfloat (gtk_spin_button_get_value (width), ==, 1200);
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (width), GTK_WIDGET (native),
                                                   gtk_widget_get_width (GTK_WIDGET (width)) / 4.0,
                                                   gtk_widget_get_height (GTK_WIDGET (width)) / 2.0,
                                                   &px, &py));
  gtk_native_get_surface_transform (native, &nx, &ny);
  /* No window manager runs: the window's surface sits at the screen's origin. */
  x = g_strdup_printf ("%d", (int) (px + nx));
  y = g_strdup_printf ("%d", (int) (py + ny));
  argv[3] = x;
  argv[4] = y;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  vt_test_iterate (700);

  g_assert_cmpfloat (gtk_spin_button_get_value (width), ==, 1200);
  g_assert_cmpint (vt_recipe_get_variant (vt_window_get_recipe (f->window), 2)->width, ==, 1200);
}

/* The side bar's container: an AdwFlap on libadwaita 1.2, an
 * AdwOverlaySplitView from 1.4 (vt-window-adaptive.c). */
static GObject *
side_bar (GtkWidget *widget)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  if (ADW_IS_OVERLAY_SPLIT_VIEW (widget))
    return G_OBJECT (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GObject *found = side_bar (c);
      if (found != NULL)
        return found;
    }
  return NULL;
#else
  return gtk_widget_get_template_child (gtk_widget_get_ancestor (widget, VT_TYPE_WINDOW),
                                        VT_TYPE_WINDOW, "flap");
#endif
}

/* A boolean property of the side bar: an AdwOverlaySplitView's on
 * libadwaita 1.4 and later, an AdwFlap's before. */
static gboolean
side_bar_get (GObject    *side_bar,
              const char *split_view_property,
              const char *flap_property)
{
  gboolean value = FALSE;

#if ADW_CHECK_VERSION (1, 4, 0)
  g_assert_true (ADW_IS_OVERLAY_SPLIT_VIEW (side_bar));
  g_object_get (side_bar, split_view_property, &value, NULL);
#else
  g_assert_true (ADW_IS_FLAP (side_bar));
  g_object_get (side_bar, flap_property, &value, NULL);
#endif
  return value;
}

/* The window fits a 1024 × 600 netbook: the side bar folds over the
 * photos, and a header button brings it back, so Start, the folders and
 * every setting stay reachable. */
static void
test_narrow_window (Fixture *f, gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GObject *flap = side_bar (window);
  GtkToggleButton *toggle = vt_test_child (f->window, VT_TYPE_WINDOW, "flap_button");
  int min_width, min_height;

  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  g_test_message ("minimum size %d × %d", min_width, min_height);
  g_assert_cmpint (min_width, <=, 1024);
  g_assert_cmpint (min_height, <=, 600);

  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  vt_test_iterate (800);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 1024);
  g_assert_nonnull (flap);
  g_assert_true (side_bar_get (flap, "collapsed", "folded"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (toggle)));
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (side_bar_get (flap, "show-sidebar", "reveal-flap"));
  for (guint i = 0; i < 3; i++)
    {
      const char *ids[] = { "start_button", "recipe_panel", "window_title" };
      GtkWidget *widget = vt_test_child (f->window, VT_TYPE_WINDOW, ids[i]);
      graphene_rect_t bounds;

      vt_test_iterate (300);
      g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 1024);
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
    }
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_false (side_bar_get (flap, "show-sidebar", "reveal-flap"));
}

/* Run from the build folder, the window finds the build's catalogues. */
static void
test_spanish (void)
{
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  const char *localedir;
  VtWindow *window;
  GtkWidget *title, *group;
  GObject *panel, *sizes;

  g_unsetenv ("VITRINA_LOCALEDIR");
  localedir = vt_application_get_localedir ();
  g_assert_true (g_str_has_prefix (localedir, VT_TEST_BUILD_ROOT));
  vt_test_speak_spanish (localedir);

  window = vt_window_new (NULL);
  title = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), VT_TYPE_WINDOW, "window_title"));
  g_assert_nonnull (title);
  g_assert_cmpstr (_("Choose a Folder of Photos"), ==, "Elige una carpeta de fotos");
  panel = gtk_widget_get_template_child (GTK_WIDGET (window), VT_TYPE_WINDOW, "recipe_panel");
  sizes = gtk_widget_get_template_child (GTK_WIDGET (panel), VT_TYPE_RECIPE_PANEL, "sizes_list");
  group = gtk_widget_get_ancestor (GTK_WIDGET (sizes), ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "Tamaños");
  gtk_window_destroy (GTK_WINDOW (window));
  vt_test_speak_default (saved_language);
}

static const VtWindowTest tests[] = {
  { "/panel/preset-keeps-shop-identity", test_preset_keeps_shop_identity },
  { "/panel/presets-keep-text", test_presets_keep_text },
  { "/panel/presets-keep-logo", test_presets_keep_logo },
  { "/panel/undo-remove-size", test_undo_remove_size },
  { "/panel/undo-remove-filter", test_undo_remove_filter },
  { "/panel/filter-menu", test_filter_menu },
  { "/panel/plain-words", test_plain_words },
  { "/panel/scroll-over-field", test_scroll_over_field },
  { "/panel/narrow-window", test_narrow_window },
};

int
main (int argc, char **argv)
{
  if (!vt_test_window_init (&argc, &argv))
    return 0;

  vt_test_window_set_options (&options);
  vt_test_window_add_all (tests, G_N_ELEMENTS (tests));
  g_test_add_func ("/panel/spanish", test_spanish);
  return vt_test_window_run ();
}
