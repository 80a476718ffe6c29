/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-formats.c: the window's formats per size and its logo, under Xvfb */
#include "config.h"

#include <glib/gstdio.h>

#include "vt-preview.h"
#include "vt-recipe-panel.h"
#include "vt-size-row.h"
#include "vt-test-utils.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

/* Two sizes, neither filters nor a text watermark. */
static void
prepare_recipe (Fixture *f)
{
  g_settings_set_string (f->settings, "sizes", "small=200x200,big=300x300");
  g_settings_set_string (f->settings, "filters", "");
  g_settings_set_boolean (f->settings, "watermark", FALSE);
}

static const VtWindowOptions options = { 1280, 1000, prepare_recipe, 0 };

static GtkWidget *
size_row (Fixture *f, int index)
{
  VtRecipePanel *panel = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  GtkListBox *sizes = vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "sizes_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (sizes, index);

  g_assert_true (VT_IS_SIZE_ROW (row));
  return GTK_WIDGET (row);
}

static void
run_batch (Fixture *f)
{
  vt_test_window_set_input (f);
  f->n_finished = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  vt_test_spin_until (vt_test_batch_done, f, 60000);
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

/* What the preview's line under the photo must say: what the wait looks for. */
static const char *want;

static gboolean
preview_says (Fixture *f)
{
  VtPreview *preview = vt_test_child (f->window, VT_TYPE_WINDOW, "preview");
  GtkLabel *info = vt_test_child (preview, VT_TYPE_PREVIEW, "info_label");

  return strstr (gtk_label_get_label (info), want) != NULL;
}

static void
wait_for_preview_to_say (Fixture *f, const char *text)
{
  want = text;
  vt_test_spin_until (preview_says, f, 30000);
}

/* Choosing WebP on a size row writes that size, and only it, as WebP,
 * persists in the settings the recipe is bound to, and the preview tells
 * the WebP file's size at WebP's own quality. */
static void
test_webp_row (Fixture *f, gconstpointer data)
{
  GtkWidget *big = size_row (f, 1);
  VtRecipe *recipe = vt_window_get_recipe (f->window);
  VtPreview *preview = vt_test_child (f->window, VT_TYPE_WINDOW, "preview");
  GtkDropDown *formats = vt_test_child (preview, VT_TYPE_PREVIEW, "format_dropdown");
  g_autofree char *small_dir = g_build_filename (f->out, "small", NULL);
  g_autofree char *big_dir = g_build_filename (f->out, "big", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *webp = g_build_filename (big_dir, "product-0001.webp", NULL);
  g_autoptr(cairo_surface_t) decoded = NULL;

  vt_test_window_write_photos (f, 2);
  gtk_toggle_button_set_active (vt_test_child (big, VT_TYPE_SIZE_ROW, "webp_toggle"), TRUE);
  g_assert_cmpstr (vt_recipe_get_sizes (recipe), ==, "small=200x200,big=300x300:format=jpeg+webp");
  /* both offered in the preview, which shows the size's first format until asked */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (formats)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (formats)), ==, 2);

  /* the last format cannot be turned off */
  gtk_toggle_button_set_active (vt_test_child (big, VT_TYPE_SIZE_ROW, "jpeg_toggle"), FALSE);
  gtk_toggle_button_set_active (vt_test_child (big, VT_TYPE_SIZE_ROW, "webp_toggle"), FALSE);
  g_assert_true (gtk_toggle_button_get_active (vt_test_child (big, VT_TYPE_SIZE_ROW, "webp_toggle")));
  stored = g_settings_get_string (f->settings, "sizes");
  g_assert_cmpstr (stored, ==, "small=200x200,big=300x300:format=webp");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (formats)));

  /* WebP's own quality, from the side bar to the settings */
  gtk_spin_button_set_value (vt_test_child (vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel"),
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
  wait_for_preview_to_say (f, " as WebP at quality 70 ");
  adw_view_stack_set_visible_child_name (vt_test_child (f->window, VT_TYPE_WINDOW, "view_stack"), "preview");
  vt_test_window_screenshot (f, "formats-webp.png");

  /* a lossless format has no quality to speak of */
  gtk_toggle_button_set_active (vt_test_child (big, VT_TYPE_SIZE_ROW, "png_toggle"), TRUE);
  gtk_toggle_button_set_active (vt_test_child (big, VT_TYPE_SIZE_ROW, "webp_toggle"), FALSE);
  wait_for_preview_to_say (f, " as PNG, without loss ");
}

/* At WebP quality 5 the preview shows WebP's blur and blocks: far from
 * the photo before encoding, and the WebP file the batch writes, decoded. */
static void
test_preview_low_webp (Fixture *f, gconstpointer data)
{
  GtkWidget *big = size_row (f, 1);
  VtPreview *preview = vt_test_child (f->window, VT_TYPE_WINDOW, "preview");
  g_autofree char *webp = g_build_filename (f->out, "big", "product-0001.webp", NULL);
  g_autoptr(VtPipeline) pipeline = NULL;
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) unencoded = NULL;
  g_autoptr(cairo_surface_t) written = NULL;
  cairo_surface_t *shown;

  vt_test_window_write_photos (f, 2);
  gtk_toggle_button_set_active (vt_test_child (big, VT_TYPE_SIZE_ROW, "webp_toggle"), TRUE);
  gtk_toggle_button_set_active (vt_test_child (big, VT_TYPE_SIZE_ROW, "jpeg_toggle"), FALSE);
  gtk_spin_button_set_value (vt_test_child (vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel"),
                                            VT_TYPE_RECIPE_PANEL, "webp_quality"), 5);
  run_batch (f);

  wait_for_preview_to_say (f, " as WebP at quality 5 ");
  g_assert_true (g_str_has_suffix (vt_preview_get_photo (preview), "product-0001.jpg"));
  g_assert_cmpuint (vt_preview_get_variant (preview), ==, 1);
  g_assert_cmpint (vt_preview_get_shown_format (preview), ==, VT_FORMAT_WEBP);
  shown = vt_preview_get_shown (preview);

  pipeline = vt_pipeline_new (vt_window_get_recipe (f->window));
  photo = vt_pipeline_load (pipeline, vt_preview_get_photo (preview), NULL, NULL);
  unencoded = vt_pipeline_render (pipeline, photo, 1, NULL, NULL, NULL);
  written = vt_test_load_file (webp);
  g_assert_cmpfloat (vt_test_psnr (shown, unencoded), <, 38);
  g_assert_cmpfloat (vt_test_psnr (shown, written), >=, 45);

  adw_view_stack_set_visible_child_name (vt_test_child (f->window, VT_TYPE_WINDOW, "view_stack"), "preview");
  vt_test_window_screenshot (f, "preview-webp-5.png");
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
  VtRecipePanel *panel = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  g_autofree char *original = g_build_filename (f->dir, "marca.png", NULL);
  g_autofree char *logos = vt_recipe_panel_dup_logo_dir ();
  g_autofree char *copy = g_build_filename (logos, "marca.png", NULL);
  g_autofree char *out = g_build_filename (f->out, "big", "product-0001.jpg", NULL);
  g_autofree char *small = g_build_filename (f->out, "small", "product-0001.jpg", NULL);
  g_autofree char *stored = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) photo = NULL;

  vt_test_window_write_photos (f, 2);
  g_assert_true (g_str_has_prefix (logos, g_get_user_data_dir ()));
  write_logo (original, 200, 100);
  file = g_file_new_for_path (original);
  g_assert_true (vt_recipe_panel_set_logo (panel, file, &error));
  g_assert_no_error (error);
  stored = g_settings_get_string (f->settings, "logo");
  g_assert_cmpstr (stored, ==, copy);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (adw_expander_row_get_subtitle (vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "logo_row")), ==,
                   "marca.png");

  /* the controls are bound to the settings */
  adw_combo_row_set_selected (vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "logo_position"), VT_LOGO_CENTER);
  gtk_range_set_value (vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "logo_opacity"), 1.0);
  gtk_range_set_value (vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "logo_width"), 0.5);
  g_assert_cmpint (g_settings_get_enum (f->settings, "logo-position"), ==, VT_LOGO_CENTER);
  g_assert_cmpfloat (g_settings_get_double (f->settings, "logo-opacity"), ==, 1.0);
  g_assert_cmpfloat (g_settings_get_double (f->settings, "logo-width"), ==, 0.5);

  /* a size may go without it */
  gtk_check_button_set_active (vt_test_child (size_row (f, 0), VT_TYPE_SIZE_ROW, "logo_check"), FALSE);
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
  adw_expander_row_set_expanded (vt_test_child (panel, VT_TYPE_RECIPE_PANEL, "logo_row"), TRUE);
  adw_view_stack_set_visible_child_name (vt_test_child (f->window, VT_TYPE_WINDOW, "view_stack"), "preview");
  vt_test_window_screenshot (f, "formats-logo.png");
}

/* A file that is not an image is named with the reason, and the recipe
 * keeps no logo. */
static void
test_logo_not_an_image (Fixture *f, gconstpointer data)
{
  VtRecipePanel *panel = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  g_autofree char *notes = g_build_filename (f->dir, "notas.png", NULL);
  g_autofree char *logos = vt_recipe_panel_dup_logo_dir ();
  g_autofree char *copy = g_build_filename (logos, "notas.png", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  vt_test_window_write_photos (f, 2);
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

static const VtWindowTest tests[] = {
  { "/window-formats/webp-row", test_webp_row },
  { "/window-formats/preview-low-webp", test_preview_low_webp },
  { "/window-formats/logo-copied-and-drawn", test_logo_copied_and_drawn },
  { "/window-formats/logo-not-an-image", test_logo_not_an_image },
};

VT_WINDOW_TEST_MAIN (tests, &options)
