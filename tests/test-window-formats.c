/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-formats.c: the window's formats per size and its logo, under Xvfb */
#include "config.h"

#include <glib/gstdio.h>

#include "vt-preview.h"
#include "vt-recipe-panel.h"
#include "vt-size-row.h"
#include "vt-test-utils.h"
#include "vt-window.h"

typedef struct {
  char      *dir;
  char      *in;
  char      *out;
  VtWindow  *window;
  GSettings *settings;
  guint      n_finished;
} Fixture;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @cond holds, failing after @ms. */
static void
spin_until (gboolean (*cond) (Fixture *), Fixture *f, guint ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &timed_out);

  while (!cond (f) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean batch_done (Fixture *f) { return f->n_finished > 0; }

static void
batch_finished_cb (VtWindow *window, gboolean cancelled, Fixture *f)
{
  f->n_finished++;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  f->dir = vt_test_make_tmpdir ();
  f->in = g_build_filename (f->dir, "in", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  f->settings = g_settings_new (APP_ID);
  /* the memory backend keeps values between tests: start from defaults */
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (f->settings, keys[i]);
  g_settings_set_string (f->settings, "output-folder", f->out);
  g_settings_set_string (f->settings, "sizes", "small=200x200,big=300x300");
  g_settings_set_string (f->settings, "filters", "");
  g_settings_set_boolean (f->settings, "watermark", FALSE);
  g_assert_true (vt_sample_write (f->in, 2, 400, 300, NULL));

  f->window = vt_window_new (NULL);
  g_signal_connect (f->window, "batch-finished", G_CALLBACK (batch_finished_cb), f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 1000);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *logos = vt_recipe_panel_dup_logo_dir ();

  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->settings);
  vt_test_remove_tree (f->dir);
  vt_test_remove_tree (logos);
  g_free (f->dir);
  g_free (f->in);
  g_free (f->out);
}

static gpointer
child (gpointer widget, GType type, const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);
  g_assert_nonnull (object);
  return object;
}

static GtkWidget *
size_row (Fixture *f, int index)
{
  VtRecipePanel *panel = child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  GtkListBox *sizes = child (panel, VT_TYPE_RECIPE_PANEL, "sizes_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sizes, index);

  g_assert_true (VT_IS_SIZE_ROW (row));
  return GTK_WIDGET (row);
}

static void
run_batch (Fixture *f)
{
  const char *paths[] = { f->in, NULL };

  vt_window_set_inputs (f->window, paths);
  f->n_finished = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  spin_until (batch_done, f, 60000);
  g_assert_cmpuint (vt_job_get_stats (vt_window_get_last_job (f->window))->n_done, ==, 2);
}

/* The files directly in @dir whose names end in @suffix. */
static guint
count_files (const char *dir, const char *suffix)
{
  g_autoptr(GPtrArray) files = vt_test_list_files (dir);
  guint n = 0;

  for (guint i = 0; i < files->len; i++)
    n += g_str_has_suffix (g_ptr_array_index (files, i), suffix);
  return n;
}

/* Where the tests are run by hand with VT_TEST_SCREENSHOTS=DIR, the
 * window as the test left it. */
static void
maybe_save_screenshot (Fixture *f, const char *name)
{
  const char *dir = g_getenv ("VT_TEST_SCREENSHOTS");
  GtkWidget *widget = GTK_WIDGET (f->window);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;
  /* let the window draw itself first */
  for (gint64 until = g_get_monotonic_time () + 500 * 1000; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);
  w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static gboolean
preview_says_png (Fixture *f)
{
  VtPreview *preview = child (f->window, VT_TYPE_WINDOW, "preview");
  GtkLabel *info = child (preview, VT_TYPE_PREVIEW, "info_label");

  return strstr (gtk_label_get_label (info), " as PNG, without loss ") != NULL;
}

static gboolean
preview_says_webp (Fixture *f)
{
  VtPreview *preview = child (f->window, VT_TYPE_WINDOW, "preview");
  GtkLabel *info = child (preview, VT_TYPE_PREVIEW, "info_label");

  return strstr (gtk_label_get_label (info), " as WebP at quality 70 ") != NULL;
}

/* Choosing WebP on a size row writes that size, and only it, as WebP,
 * persists in the settings the recipe is bound to, and the preview tells
 * the WebP file's size at WebP's own quality. */
static void
test_webp_row (Fixture *f, gconstpointer data)
{
  GtkWidget *big = size_row (f, 1);
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  VtPreview *preview = child (f->window, VT_TYPE_WINDOW, "preview");
  GtkDropDown *formats = child (preview, VT_TYPE_PREVIEW, "format_dropdown");
  g_autofree char *small_dir = g_build_filename (f->out, "small", NULL);
  g_autofree char *big_dir = g_build_filename (f->out, "big", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *webp = g_build_filename (big_dir, "product-0001.webp", NULL);
  g_autoptr(cairo_surface_t) decoded = NULL;

  gtk_toggle_button_set_active (child (big, VT_TYPE_SIZE_ROW, "webp_toggle"), TRUE);
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==, "small=200x200,big=300x300:format=jpeg+webp");
  /* both offered in the preview, which shows the size's first format until asked */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (formats)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (formats)), ==, 2);

  /* the last format cannot be turned off */
  gtk_toggle_button_set_active (child (big, VT_TYPE_SIZE_ROW, "jpeg_toggle"), FALSE);
  gtk_toggle_button_set_active (child (big, VT_TYPE_SIZE_ROW, "webp_toggle"), FALSE);
  g_assert_true (gtk_toggle_button_get_active (child (big, VT_TYPE_SIZE_ROW, "webp_toggle")));
  stored = g_settings_get_string (f->settings, "sizes");
  g_assert_cmpstr (stored, ==, "small=200x200,big=300x300:format=webp");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (formats)));

  /* WebP's own quality, from the side bar to the settings */
  gtk_spin_button_set_value (child (child (f->window, VT_TYPE_WINDOW, "recipe_panel"),
                                    VT_TYPE_RECIPE_PANEL, "webp_quality"), 70);
  g_assert_cmpint (g_settings_get_int (f->settings, "webp-quality"), ==, 70);

  run_batch (f);
  g_assert_cmpuint (count_files (big_dir, ".webp"), ==, 2);
  g_assert_cmpuint (count_files (big_dir, ".jpg"), ==, 0);
  g_assert_cmpuint (count_files (small_dir, ".jpg"), ==, 2);
  g_assert_cmpuint (count_files (small_dir, ".webp"), ==, 0);
  decoded = vt_test_load_file (webp);
  g_assert_cmpint (cairo_image_surface_get_width (decoded), ==, 300);
  g_assert_cmpint (cairo_image_surface_get_height (decoded), ==, 225);

  /* the preview, on the largest size, reports the WebP file */
  spin_until (preview_says_webp, f, 30000);
  adw_view_stack_set_visible_child_name (child (f->window, VT_TYPE_WINDOW, "view_stack"), "preview");
  maybe_save_screenshot (f, "formats-webp.png");

  /* a lossless format has no quality to speak of */
  gtk_toggle_button_set_active (child (big, VT_TYPE_SIZE_ROW, "png_toggle"), TRUE);
  gtk_toggle_button_set_active (child (big, VT_TYPE_SIZE_ROW, "webp_toggle"), FALSE);
  spin_until (preview_says_png, f, 30000);
}

/* A plain green logo, a colour the sample photos never have. */
static void
write_logo (const char *path, int width, int height)
{
  g_autoptr(cairo_surface_t) logo = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (logo);

  cairo_set_source_rgb (cr, 0, 1, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (logo, path), ==, CAIRO_STATUS_SUCCESS);
}

/* The picked logo is copied into the app's data folder, the recipe uses
 * the copy (the original may go), its controls reach the settings, and
 * every output shows it. */
static void
test_logo_copied_and_drawn (Fixture *f, gconstpointer data)
{
  VtRecipePanel *panel = child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  g_autofree char *original = g_build_filename (f->dir, "marca.png", NULL);
  g_autofree char *logos = vt_recipe_panel_dup_logo_dir ();
  g_autofree char *copy = g_build_filename (logos, "marca.png", NULL);
  g_autofree char *out = g_build_filename (f->out, "big", "product-0001.jpg", NULL);
  g_autofree char *small = g_build_filename (f->out, "small", "product-0001.jpg", NULL);
  g_autofree char *stored = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) photo = NULL;

  g_assert_true (g_str_has_prefix (logos, g_get_user_data_dir ()));
  write_logo (original, 200, 100);
  file = g_file_new_for_path (original);
  g_assert_true (vt_recipe_panel_set_logo (panel, file, &error));
  g_assert_no_error (error);
  stored = g_settings_get_string (f->settings, "logo");
  g_assert_cmpstr (stored, ==, copy);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (adw_expander_row_get_subtitle (child (panel, VT_TYPE_RECIPE_PANEL, "logo_row")), ==,
                   "marca.png");

  /* the controls are bound to the settings */
  adw_combo_row_set_selected (child (panel, VT_TYPE_RECIPE_PANEL, "logo_position"), VT_LOGO_CENTER);
  gtk_range_set_value (child (panel, VT_TYPE_RECIPE_PANEL, "logo_opacity"), 1.0);
  gtk_range_set_value (child (panel, VT_TYPE_RECIPE_PANEL, "logo_width"), 0.5);
  g_assert_cmpint (g_settings_get_enum (f->settings, "logo-position"), ==, VT_LOGO_CENTER);
  g_assert_cmpfloat (g_settings_get_double (f->settings, "logo-opacity"), ==, 1.0);
  g_assert_cmpfloat (g_settings_get_double (f->settings, "logo-width"), ==, 0.5);

  /* a size may go without it */
  gtk_check_button_set_active (child (size_row (f, 0), VT_TYPE_SIZE_ROW, "logo_check"), FALSE);
  g_assert_cmpstr (vt_recipe_get_sizes (vt_window_get_recipe (f->window)), ==,
                   "small=200x200:logo=no,big=300x300");

  /* the copy is what the batch reads */
  g_assert_cmpint (g_remove (original), ==, 0);
  run_batch (f);

  /* 300 × 225: the logo 150 × 75 in the middle, opaque green */
  photo = vt_test_load_file (out);
  g_assert_cmpint (cairo_image_surface_get_width (photo), ==, 300);
  vt_assert_rgb (photo, 150, 112, 0, 255, 0, 40);
  vt_assert_rgb (photo, 80, 80, 0, 255, 0, 40);
  vt_assert_rgb (photo, 219, 144, 0, 255, 0, 40);
  /* and nothing of it beyond */
  g_assert_cmpint ((vt_test_pixel (photo, 65, 112) >> 8) & 0xff, <, 200);
  g_assert_cmpint ((vt_test_pixel (photo, 150, 160) >> 8) & 0xff, <, 200);
  g_clear_pointer (&photo, cairo_surface_destroy);
  photo = vt_test_load_file (small);
  g_assert_cmpint ((vt_test_pixel (photo, 100, 75) >> 8) & 0xff, <, 200);
  adw_expander_row_set_expanded (child (panel, VT_TYPE_RECIPE_PANEL, "logo_row"), TRUE);
  adw_view_stack_set_visible_child_name (child (f->window, VT_TYPE_WINDOW, "view_stack"), "preview");
  maybe_save_screenshot (f, "formats-logo.png");
}

/* A file that is not an image is named with the reason, and the recipe
 * keeps no logo. */
static void
test_logo_not_an_image (Fixture *f, gconstpointer data)
{
  VtRecipePanel *panel = child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  g_autofree char *notes = g_build_filename (f->dir, "notas.png", NULL);
  g_autofree char *logos = vt_recipe_panel_dup_logo_dir ();
  g_autofree char *copy = g_build_filename (logos, "notas.png", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (notes, "precios de verano", -1, NULL));
  file = g_file_new_for_path (notes);
  g_assert_false (vt_recipe_panel_set_logo (panel, file, &error));
  g_assert_error (error, VT_LOGO_ERROR, VT_LOGO_ERROR_NOT_AN_IMAGE);
  expected = g_strdup_printf ("The logo %s is not an image Vitrina can read: ", notes);
  g_assert_true (g_str_has_prefix (error->message, expected));
  stored = g_settings_get_string (f->settings, "logo");
  g_assert_cmpstr (stored, ==, "");
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("vitrina-data-XXXXXX", NULL);
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window-formats/webp-row", test_webp_row);
  ADD ("/window-formats/logo-copied-and-drawn", test_logo_copied_and_drawn);
  ADD ("/window-formats/logo-not-an-image", test_logo_not_an_image);
#undef ADD
  status = g_test_run ();
  vt_test_remove_tree (data_home);
  return status;
}
