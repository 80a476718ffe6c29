/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-test.c: set-up, waiting and widget look-ups shared by the window tests */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "vt-test-utils.h"
#include "vt-window-test.h"

static char *data_home;
static const VtWindowOptions *window_options;

/* Starts GTK for a window test, with the user's data folder (where
 * imported presets land) in a temporary one. FALSE, after the TAP line
 * that skips the whole test, where there is no display. */
gboolean
vt_test_window_init (int    *argc,
                     char ***argv)
{
  g_test_init (argc, argv, NULL);
  data_home = g_dir_make_tmp ("vitrina-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      vt_test_remove_tree (data_home);
      g_clear_pointer (&data_home, g_free);
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

/* Adds @test, run on a window with @n_photos sample photos in its folder
 * (see vt_test_window_set_up()). */
void
vt_test_window_add (const char  *path,
                    guint        n_photos,
                    void       (*test) (VtWindowFixture *, gconstpointer))
{
  g_test_add_vtable (path, sizeof (VtWindowFixture), GUINT_TO_POINTER (n_photos),
                     (GTestFixtureFunc) vt_test_window_set_up,
                     (GTestFixtureFunc) test,
                     (GTestFixtureFunc) vt_test_window_tear_down);
}

/* Runs the tests added since vt_test_window_init(), then removes the
 * data folder. */
int
vt_test_window_run (void)
{
  int status = g_test_run ();

  vt_test_remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);
  return status;
}

/* Makes every window of this program as @options say, for a test file
 * whose tests all need their own size or files; call before
 * vt_test_window_run(). @options must outlive the run. */
void
vt_test_window_set_options (const VtWindowOptions *options)
{
  window_options = options;
}

/* Adds each of @tests with vt_test_window_add(), in order. */
void
vt_test_window_add_all (const VtWindowTest *tests,
                        gsize               n_tests)
{
  for (gsize i = 0; i < n_tests; i++)
    vt_test_window_add (tests[i].path, 0, tests[i].test);
}

/* The main() of a window test program: starts GTK, adds @tests, made as
 * @options say (NULL: the defaults), and runs them. */
int
vt_test_window_main (int                   *argc,
                     char                ***argv,
                     const VtWindowOptions *options,
                     const VtWindowTest    *tests,
                     gsize                  n_tests)
{
  if (!vt_test_window_init (argc, argv))
    return 0;
  if (options != NULL && options->app_localedir)
    g_unsetenv ("VITRINA_LOCALEDIR");
  vt_test_window_set_options (options);
  vt_test_window_add_all (tests, n_tests);
  return vt_test_window_run ();
}

static void
reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (settings, keys[i]);
}

/* The app's settings at their defaults: the memory backend keeps values
 * between the tests of one process. */
GSettings *
vt_test_settings_new (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  reset_settings (settings);
  return settings;
}

static void
batch_finished_cb (VtWindow        *window,
                   gboolean         cancelled,
                   VtWindowFixture *f)
{
  f->n_finished++;
  f->cancelled = cancelled;
}

/* @n_photos (GUINT_TO_POINTER) sample photos are written to in/ first. */
void
vt_test_window_set_up (VtWindowFixture *f,
                       gconstpointer    n_photos)
{
  vt_test_batch_dirs_make (&f->dir, &f->in, &f->out);
  f->settings = vt_test_settings_new ();
  g_settings_set_string (f->settings, "output-folder", f->out);
  if (GPOINTER_TO_UINT (n_photos) > 0)
    vt_test_window_write_photos (f, GPOINTER_TO_UINT (n_photos));
  if (window_options != NULL && window_options->prepare != NULL)
    window_options->prepare (f);

  vt_test_window_open (f);
}

/* Writes @n_photos 400 × 300 sample photos to f->in. */
void
vt_test_window_write_photos (VtWindowFixture *f,
                             guint            n_photos)
{
  g_assert_true (vt_sample_write (f->in, n_photos, 400, 300, NULL));
}

/* Makes and shows f->window as the set-up does: also for a test that
 * closed its window and wants a new one on the same settings. */
void
vt_test_window_open (VtWindowFixture *f)
{
  f->window = vt_window_new (NULL);
  f->panel = vt_test_child (f->window, VT_TYPE_WINDOW, "recipe_panel");
  g_signal_connect (f->window, "batch-finished", G_CALLBACK (batch_finished_cb), f);
  if (window_options != NULL && window_options->width > 0)
    gtk_window_set_default_size (GTK_WINDOW (f->window), window_options->width, window_options->height);
  gtk_window_present (GTK_WINDOW (f->window));
  if (window_options != NULL && window_options->settle_ms > 0)
    vt_test_iterate (window_options->settle_ms);
}

/* A test that closed the window itself sets f->window to NULL. */
void
vt_test_window_tear_down (VtWindowFixture *f,
                          gconstpointer    data)
{
  vt_test_destroy_dialogs ();
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  vt_test_drain ();
  g_clear_object (&f->settings);
  vt_test_batch_dirs_free (&f->dir, &f->in, &f->out);
}

void
vt_test_window_set_input (VtWindowFixture *f)
{
  const char *paths[] = { f->in, NULL };

  vt_window_set_inputs (f->window, paths);
}

/* Writes @n_photos sample photos to f->in and chooses that folder, as
 * the user does with Photos…. */
void
vt_test_window_choose_photos (VtWindowFixture *f,
                              guint            n_photos)
{
  vt_test_window_write_photos (f, n_photos);
  vt_test_window_set_input (f);
}

/* Writes @n_photos sample photos, chooses them and asks the window to
 * measure how the batch scales on them. */
void
vt_test_window_measure_scaling (VtWindowFixture *f,
                                guint            n_photos)
{
  vt_test_window_choose_photos (f, n_photos);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.measure-scaling", NULL));
}

gboolean
vt_test_batch_done (VtWindowFixture *f)
{
  return f->n_finished > 0;
}

gboolean
vt_test_not_busy (VtWindowFixture *f)
{
  return !vt_window_is_busy (f->window);
}

gboolean
vt_test_dialog_shown (VtWindowFixture *f)
{
  return vt_test_find_dialog () != NULL;
}

/* Writes what @widget shows, as it is drawn now, to the PNG file @path. */
void
vt_test_save_png (GtkWidget  *widget,
                  const char *path)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Where the tests are run by hand with VT_TEST_SCREENSHOT_DIR=DIR, saves
 * the window as the test left it there as @name, for a person to look at. */
void
vt_test_window_screenshot (VtWindowFixture *f,
                           const char      *name)
{
  const char *dir = g_getenv ("VT_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  /* let the window draw itself first */
  vt_test_iterate (500);
  path = g_build_filename (dir, name, NULL);
  vt_test_save_png (GTK_WIDGET (f->window), path);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @cond holds, failing after @ms. */
void
vt_test_spin_until (gboolean        (*cond) (VtWindowFixture *),
                    VtWindowFixture  *f,
                    guint             ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &timed_out);

  while (!cond (f) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* A template child of @widget, which must be there. */
gpointer
vt_test_child (gpointer    widget,
               GType       type,
               const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

/* Runs the main loop for @ms, sleeping when it has nothing to do. */
void
vt_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* Dispatches what is pending, without waiting. */
void
vt_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The message dialog now shown, or NULL. */
AdwMessageDialog *
vt_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

void
vt_test_destroy_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i - 1);
      if (ADW_IS_MESSAGE_DIALOG (w))
        gtk_window_destroy (GTK_WINDOW (w));
    }
}

gboolean
vt_test_is_toplevel (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (w == (GObject *) window)
        return TRUE;
    }
  return FALSE;
}

static void
collect_rows (GtkWidget *widget,
              GString   *text)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      g_string_append_printf (text, "%s: %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, text);
}

/* The rows a message dialog lists under its body (a failed photo or link
 * each), as "title: subtitle" lines. */
char *
vt_test_dialog_rows (AdwMessageDialog *dialog)
{
  GString *text = g_string_new (NULL);
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);

  if (extra != NULL)
    collect_rows (extra, text);
  return g_string_free (text, FALSE);
}

/* Switches this process to Spanish, with the app's catalogues from
 * @localedir: in the es_ES locale tests/meson.build compiled, where it
 * could, since newer glibc (Debian 13's) ignores LANGUAGE under C.UTF-8. */
void
vt_test_speak_spanish (const char *localedir)
{
  g_setenv ("LANGUAGE", "es", TRUE);
  if (g_getenv ("VITRINA_TEST_LOCPATH") != NULL)
    {
      g_setenv ("LOCPATH", g_getenv ("VITRINA_TEST_LOCPATH"), TRUE);
      g_assert_nonnull (setlocale (LC_ALL, "es_ES.UTF-8"));
    }
  else
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Back from vt_test_speak_spanish() to C.UTF-8 and LANGUAGE @language
 * (NULL: unset), as the test found them. */
void
vt_test_speak_default (const char *language)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LOCPATH");
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
serve_cb (SoupServer *server, SoupServerMessage *msg, const char *path,
          GHashTable *query, gpointer data)
{
  GBytes *jpeg = data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/jpeg", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
}

/* Asserts that links imported into the output folder @dir left @n_photos
 * downloads in its originals/ and as many prepared in its large/. */
void
vt_test_assert_imported (const char *dir,
                         guint       n_photos)
{
  g_autofree char *originals = g_build_filename (dir, "originals", NULL);
  g_autofree char *large = g_build_filename (dir, "large", NULL);
  g_autoptr(GPtrArray) downloaded = vt_test_list_files (originals);
  g_autoptr(GPtrArray) prepared = vt_test_list_files (large);

  g_assert_cmpuint (downloaded->len, ==, n_photos);
  g_assert_cmpuint (prepared->len, ==, n_photos);
}

/* Starts @s, a local http server answering every path with one sample photo. */
void
vt_test_server_start (VtTestServer *s)
{
  g_autoptr(cairo_surface_t) photo = vt_sample_render (2, 400, 300);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  s->jpeg = vt_codec_jpeg_encode (photo, 85, FALSE, NULL, NULL);
  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, NULL, serve_cb, s->jpeg, NULL);
  soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  s->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  s->links = g_strdup_printf ("http://127.0.0.1:%d/img/bolso-a.jpg\nhttp://127.0.0.1:%d/img/bolso-b.jpg\n",
                              s->port, s->port);
}

void
vt_test_server_stop (VtTestServer *s)
{
  /* Let the closed connections reach both ends before the server goes. */
  soup_server_disconnect (s->server);
  vt_test_iterate (200);
  g_clear_object (&s->server);
  g_clear_pointer (&s->jpeg, g_bytes_unref);
  g_clear_pointer (&s->links, g_free);
}
