/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-marketplace.c: a channel's verdict in the real window's tiles and preview, under Xvfb */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vt-preview.h"
#include "vt-recipe-panel.h"
#include "vt-studio.h"
#include "vt-test-utils.h"
#include "vt-thumbnail.h"
#include "vt-window.h"

typedef struct {
  char        *dir;
  char        *in;
  char        *out;
  char        *good;    /* a dark product on off-white paper: Amazon passes it */
  char        *white;   /* a white product on white paper: left alone, so it fails */
  VtWindow    *window;
  GSettings   *settings;
  VtPreview   *preview;
  guint        n_finished;
  const char  *want;    /* what the preview's verdict must say */
  guint        rendered;
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

static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean batch_done (Fixture *f) { return f->n_finished > 0; }

static void
batch_finished_cb (VtWindow *window, gboolean cancelled, Fixture *f)
{
  f->n_finished++;
}

static gpointer
child (gpointer widget, GType type, const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);
  g_assert_nonnull (object);
  return object;
}

static void
write_studio_shot (const char *path,
                   guint32     seed,
                   guint32     colour)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (2600, 2000);
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(GBytes) jpeg = NULL;

  shot.seed = seed;
  shot.colour = colour;
  shot.product = (cairo_rectangle_int_t) { 300 + 200 * seed, 100, 1300, 1800 };
  photo = vt_studio_render (&shot, NULL);
  jpeg = vt_codec_jpeg_encode (photo, 90, FALSE, NULL, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), NULL));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  const char *inputs[2];

  f->dir = vt_test_make_tmpdir ();
  f->in = g_build_filename (f->dir, "in", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  f->good = g_build_filename (f->in, "a-good.jpg", NULL);
  f->white = g_build_filename (f->in, "b-white.jpg", NULL);
  g_assert_cmpint (g_mkdir (f->in, 0755), ==, 0);
  write_studio_shot (f->good, 1, 0x3A5F8C);
  write_studio_shot (f->white, 2, 0xFBFBF8);

  f->settings = g_settings_new (APP_ID);
  /* the memory backend keeps values between tests: start from defaults */
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (f->settings, keys[i]);
  g_settings_set_string (f->settings, "output-folder", f->out);

  f->window = vt_window_new (NULL);
  f->preview = child (f->window, VT_TYPE_WINDOW, "preview");
  g_signal_connect (f->window, "batch-finished", G_CALLBACK (batch_finished_cb), f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  inputs[0] = f->in;
  inputs[1] = NULL;
  vt_window_set_inputs (f->window, inputs);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->settings);
  vt_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->in);
  g_free (f->out);
  g_free (f->good);
  g_free (f->white);
}

static void
load_preset (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vt_recipe_panel_load_preset (child (f->window, VT_TYPE_WINDOW, "recipe_panel"), name, &error));
  g_assert_no_error (error);
}

/* Saves what the window shows to $VT_TEST_SCREENSHOT_DIR, when set, for a
 * person to look at. */
static void
save_screenshot (Fixture *f, const char *name)
{
  const char *dir = g_getenv ("VT_TEST_SCREENSHOT_DIR");
  GtkWidget *widget = GTK_WIDGET (f->window);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static VtThumbnail *
find_thumbnail (Fixture *f, const char *title)
{
  GListModel *model = vt_window_get_thumbnails (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VtThumbnail) t = g_list_model_get_item (model, i);
      if (g_str_equal (vt_thumbnail_get_title (t), title))
        return t;   /* the model keeps it */
    }
  g_assert_not_reached ();
}

/* A label on screen under @widget that reads @text. */
static gboolean
shows_label (GtkWidget *widget, const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_label (c, text))
      return TRUE;
  return FALSE;
}

static void
run_batch (Fixture *f)
{
  AdwViewStack *view_stack = child (f->window, VT_TYPE_WINDOW, "view_stack");

  adw_view_stack_set_visible_child_name (view_stack, "batch");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  spin_until (batch_done, f, 120000);
  g_assert_cmpuint (g_list_model_get_n_items (vt_window_get_thumbnails (f->window)), ==, 2);
  settle (300);
}

/* Under Amazon's preset each tile says whether its main photo meets the
 * rules, and the one that does not says why. */
static void
test_tile_badges (Fixture *f, gconstpointer data)
{
  GtkWidget *grid = child (f->window, VT_TYPE_WINDOW, "grid_view");
  VtThumbnail *good, *white;
  g_autofree char *tooltip = NULL;

  load_preset (f, "amazon");
  run_batch (f);
  save_screenshot (f, "marketplace-tiles.png");

  good = find_thumbnail (f, "a-good.jpg");
  g_assert_true (vt_thumbnail_get_checked (good));
  g_assert_true (vt_thumbnail_get_complies (good));
  g_assert_cmpstr (vt_thumbnail_get_verdict (good), ==, "Meets Amazon’s rules");
  g_assert_true (shows_label (grid, "Meets Amazon’s rules"));

  white = find_thumbnail (f, "b-white.jpg");
  g_assert_true (vt_thumbnail_get_checked (white));
  g_assert_false (vt_thumbnail_get_complies (white));
  g_assert_nonnull (strstr (vt_thumbnail_get_verdict (white), "not pure white"));
  g_assert_true (shows_label (grid, vt_thumbnail_get_verdict (white)));
  g_assert_nonnull (strstr (gtk_label_get_label (child (f->window, VT_TYPE_WINDOW, "results_label")),
                            "1 of 2 main photos meet Amazon’s rules."));
  g_object_get (white, "tooltip", &tooltip, NULL);
  g_assert_nonnull (strstr (tooltip, "Breaks the channel’s rules:"));
  g_assert_nonnull (strstr (tooltip, "not pure white"));
}

/* A preset of no channel leaves the tiles without a verdict. */
static void
test_no_channel_no_badge (Fixture *f, gconstpointer data)
{
  GtkWidget *grid = child (f->window, VT_TYPE_WINDOW, "grid_view");
  g_autofree char *channel = NULL;

  load_preset (f, "amazon");
  load_preset (f, "shop");
  channel = g_settings_get_string (f->settings, "channel");
  g_assert_cmpstr (channel, ==, "");
  run_batch (f);
  g_assert_false (vt_thumbnail_get_checked (find_thumbnail (f, "a-good.jpg")));
  g_assert_false (vt_thumbnail_get_checked (find_thumbnail (f, "b-white.jpg")));
  g_assert_false (shows_label (grid, "Meets Amazon’s rules"));
  g_assert_null (strstr (gtk_label_get_label (child (f->window, VT_TYPE_WINDOW, "results_label")), "rules"));
}

static gboolean
verdict_says (Fixture *f)
{
  GtkLabel *label = vt_preview_get_verdict_label (f->preview);

  return gtk_widget_get_visible (GTK_WIDGET (label)) && strstr (gtk_label_get_label (label), f->want) != NULL;
}

static gboolean
rendered_again (Fixture *f)
{
  return vt_previewer_get_n_rendered (vt_preview_get_previewer (f->preview)) > f->rendered;
}

static void
wait_for_render (Fixture *f)
{
  f->rendered = vt_previewer_get_n_rendered (vt_preview_get_previewer (f->preview));
}

/* The preview says the verdict on the main photo shown, and follows the
 * photo, the size and the preset. */
static void
test_preview_verdict (Fixture *f, gconstpointer data)
{
  AdwViewStack *view_stack = child (f->window, VT_TYPE_WINDOW, "view_stack");
  GtkLabel *label = vt_preview_get_verdict_label (f->preview);

  adw_view_stack_set_visible_child_name (view_stack, "preview");
  load_preset (f, "amazon");
  vt_preview_select_photo (f->preview, f->good);
  f->want = "Meets Amazon’s rules for a main photo.";
  spin_until (verdict_says, f, 60000);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "success"));

  vt_preview_select_photo (f->preview, f->white);
  f->want = "Breaks Amazon’s rules for a main photo:\n";
  spin_until (verdict_says, f, 60000);
  g_assert_nonnull (strstr (gtk_label_get_label (label), "not pure white"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "warning"));
  settle (300);
  save_screenshot (f, "marketplace-preview.png");

  /* the thumbnail size is not the channel's main photo */
  wait_for_render (f);
  gtk_drop_down_set_selected (child (f->preview, VT_TYPE_PREVIEW, "variant_dropdown"), 1);
  spin_until (rendered_again, f, 60000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));

  /* nor does a shop's own preset have a channel */
  gtk_drop_down_set_selected (child (f->preview, VT_TYPE_PREVIEW, "variant_dropdown"), 0);
  f->want = "Breaks Amazon’s rules";
  spin_until (verdict_says, f, 60000);
  wait_for_render (f);
  load_preset (f, "shop");
  spin_until (rendered_again, f, 60000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
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
  ADD ("/window-marketplace/tile-badges", test_tile_badges);
  ADD ("/window-marketplace/no-channel-no-badge", test_no_channel_no_badge);
  ADD ("/window-marketplace/preview-verdict", test_preview_verdict);
#undef ADD
  status = g_test_run ();
  vt_test_remove_tree (data_home);
  return status;
}
