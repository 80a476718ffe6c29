/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-marketplace.c: a channel's verdict in the real window's tiles and preview, under Xvfb */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "vt-preview.h"
#include "vt-studio.h"
#include "vt-test-utils.h"
#include "vt-thumbnail.h"
#include "vt-window-test.h"

typedef VtWindowFixture Fixture;

/* What the preview's verdict must say, and how many renders the preview
 * had made before a change: what the waits below look for. */
static const char *want;
static guint rendered;

/* In in/: a dark product on off-white paper, which Amazon passes, and a
 * white product on white paper, left alone, so it fails. */
static void
write_photos (Fixture *f)
{
  g_autofree char *good = g_build_filename (f->in, "a-good.jpg", NULL);
  g_autofree char *white = g_build_filename (f->in, "b-white.jpg", NULL);

  g_assert_cmpint (g_mkdir (f->in, 0755), ==, 0);
  vt_studio_write_shot (good, 1, 0x3A5F8C, VT_STUDIO_BOX);
  vt_studio_write_shot (white, 2, 0xFBFBF8, VT_STUDIO_BOX);
}

static const VtWindowOptions options = { 1280, 900, write_photos };

static VtPreview *
window_preview (Fixture *f)
{
  return vt_test_child (f->window, VT_TYPE_WINDOW, "preview");
}

static void
load_preset (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vt_recipe_panel_load_preset (f->panel, name, &error));
  g_assert_no_error (error);
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
  AdwViewStack *view_stack = vt_test_child (f->window, VT_TYPE_WINDOW, "view_stack");

  adw_view_stack_set_visible_child_name (view_stack, "batch");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start", NULL));
  vt_test_spin_until (vt_test_batch_done, f, 120000);
  g_assert_cmpuint (g_list_model_get_n_items (vt_window_get_thumbnails (f->window)), ==, 2);
  vt_test_iterate (300);
}

/* Under Amazon's preset each tile says whether its main photo meets the
 * rules, and the one that does not says why. */
static void
test_tile_badges (Fixture *f, gconstpointer data)
{
  GtkWidget *grid = vt_test_child (f->window, VT_TYPE_WINDOW, "grid_view");
  VtThumbnail *good, *white;
  g_autofree char *tooltip = NULL;

  vt_test_window_set_input (f);
  load_preset (f, "amazon");
  run_batch (f);
  vt_test_window_screenshot (f, "marketplace-tiles.png");

  good = find_thumbnail (f, "a-good.jpg");
  g_assert_true (vt_thumbnail_get_checked (good));
  g_assert_true (vt_thumbnail_get_complies (good));
  g_assert_cmpstr (vt_thumbnail_get_verdict (good), ==, "Meets Amazon’s rules");
  g_assert_true (shows_label (grid, "Meets Amazon’s rules"));

  white = find_thumbnail (f, "b-white.jpg");
  g_assert_true (vt_thumbnail_get_checked (white));
  g_assert_false (vt_thumbnail_get_complies (white));
  g_assert_nonnull (strstr (vt_thumbnail_get_verdict (white), "not pure white"));
  /* the tile's short summary: the colour found is for the tooltip */
  g_assert_null (strstr (vt_thumbnail_get_verdict (white), "(#"));
  g_assert_true (shows_label (grid, vt_thumbnail_get_verdict (white)));
  g_assert_nonnull (strstr (gtk_label_get_label (vt_test_child (f->window, VT_TYPE_WINDOW, "results_label")),
                            "1 of 2 main photos meet Amazon’s rules."));
  g_object_get (white, "tooltip", &tooltip, NULL);
  g_assert_nonnull (strstr (tooltip, "Breaks the channel’s rules:"));
  g_assert_nonnull (strstr (tooltip, "not pure white"));
  g_assert_nonnull (strstr (tooltip, "(#"));
}

/* A preset of no channel leaves the tiles without a verdict. */
static void
test_no_channel_no_badge (Fixture *f, gconstpointer data)
{
  GtkWidget *grid = vt_test_child (f->window, VT_TYPE_WINDOW, "grid_view");
  g_autofree char *channel = NULL;

  vt_test_window_set_input (f);
  load_preset (f, "amazon");
  load_preset (f, "shop");
  channel = g_settings_get_string (f->settings, "channel");
  g_assert_cmpstr (channel, ==, "");
  run_batch (f);
  g_assert_false (vt_thumbnail_get_checked (find_thumbnail (f, "a-good.jpg")));
  g_assert_false (vt_thumbnail_get_checked (find_thumbnail (f, "b-white.jpg")));
  g_assert_false (shows_label (grid, "Meets Amazon’s rules"));
  g_assert_null (strstr (gtk_label_get_label (vt_test_child (f->window, VT_TYPE_WINDOW, "results_label")), "rules"));
}

static gboolean
verdict_says (Fixture *f)
{
  GtkLabel *label = vt_preview_get_verdict_label (window_preview (f));

  return gtk_widget_get_visible (GTK_WIDGET (label)) && strstr (gtk_label_get_label (label), want) != NULL;
}

static gboolean
rendered_again (Fixture *f)
{
  return vt_previewer_get_n_rendered (vt_preview_get_previewer (window_preview (f))) > rendered;
}

static void
wait_for_render (Fixture *f)
{
  rendered = vt_previewer_get_n_rendered (vt_preview_get_previewer (window_preview (f)));
}

/* The preview says the verdict on the main photo shown, and follows the
 * photo, the size and the preset. */
static void
test_preview_verdict (Fixture *f, gconstpointer data)
{
  AdwViewStack *view_stack = vt_test_child (f->window, VT_TYPE_WINDOW, "view_stack");
  VtPreview *preview = window_preview (f);
  GtkLabel *label = vt_preview_get_verdict_label (preview);
  g_autofree char *good = g_build_filename (f->in, "a-good.jpg", NULL);
  g_autofree char *white = g_build_filename (f->in, "b-white.jpg", NULL);

  vt_test_window_set_input (f);
  adw_view_stack_set_visible_child_name (view_stack, "preview");
  load_preset (f, "amazon");
  vt_preview_select_photo (preview, good);
  want = "Meets Amazon’s rules for a main photo.";
  vt_test_spin_until (verdict_says, f, 60000);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "success"));

  vt_preview_select_photo (preview, white);
  want = "Breaks Amazon’s rules for a main photo:\n";
  vt_test_spin_until (verdict_says, f, 60000);
  g_assert_nonnull (strstr (gtk_label_get_label (label), "not pure white"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "warning"));
  vt_test_iterate (300);
  vt_test_window_screenshot (f, "marketplace-preview.png");

  /* the thumbnail size is not the channel's main photo */
  wait_for_render (f);
  gtk_drop_down_set_selected (vt_test_child (preview, VT_TYPE_PREVIEW, "variant_dropdown"), 1);
  vt_test_spin_until (rendered_again, f, 60000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));

  /* nor does a shop's own preset have a channel */
  gtk_drop_down_set_selected (vt_test_child (preview, VT_TYPE_PREVIEW, "variant_dropdown"), 0);
  want = "Breaks Amazon’s rules";
  vt_test_spin_until (verdict_says, f, 60000);
  wait_for_render (f);
  load_preset (f, "shop");
  vt_test_spin_until (rendered_again, f, 60000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
}

static const VtWindowTest tests[] = {
  { "/window-marketplace/tile-badges", test_tile_badges },
  { "/window-marketplace/no-channel-no-badge", test_no_channel_no_badge },
  { "/window-marketplace/preview-verdict", test_preview_verdict },
};

VT_WINDOW_TEST_MAIN (tests, &options)
