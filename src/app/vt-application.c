/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-application.c: the application: one window, app-wide actions */
#define G_LOG_DOMAIN "vt-application"

#include "config.h"

#include <glib/gi18n.h>

#include "vitrina-engine.h"
#include "vt-application.h"
#include "vt-window.h"

struct _VtApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (VtApplication, vt_application, ADW_TYPE_APPLICATION)

/**
 * vt_application_get_localedir:
 *
 * Returns: where the translations are (vt_engine_get_localedir())
 */
const char *
vt_application_get_localedir (void)
{
  return vt_engine_get_localedir ();
}

static VtWindow *
get_window (VtApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (vt_window_new (GTK_APPLICATION (self)));
  return VT_WINDOW (window);
}

/* A second launch raises the window that is already open. */
static void
vt_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (VT_APPLICATION (app))));
}

static void
vt_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  VtWindow *window = get_window (VT_APPLICATION (app));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  vt_window_set_inputs (window, (const char * const *) paths->pdata);
  gtk_window_present (GTK_WINDOW (window));
}

/* AdwAboutDialog (libadwaita 1.5) sits inside the window and adapts to a
 * narrow one; AdwAboutWindow, its predecessor, is a window of its own. */
#if ADW_CHECK_VERSION (1, 5, 0)
#define show_about(parent, ...) adw_show_about_dialog (GTK_WIDGET (parent), __VA_ARGS__)
#else
#define show_about(parent, ...) adw_show_about_window (parent, __VA_ARGS__)
#endif

/**
 * vt_application_show_about:
 * @parent: the window the About box belongs to
 *
 * Shows what Vitrina is, its version, authors and licence.
 */
void
vt_application_show_about (GtkWindow *parent)
{
  static const char *developers[] = { "The Vitrina developers", NULL };

  g_return_if_fail (GTK_IS_WINDOW (parent));

  show_about (parent,
              "application-name", _("Vitrina"),
              "application-icon", APP_ID,
              "developer-name", _("The Vitrina developers"),
              "version", PACKAGE_VERSION,
              "comments", _("Prepare product photos for an online shop: every size, sharpened, watermarked and compressed, on all your cores."),
              "developers", developers,
              "license-type", GTK_LICENSE_GPL_3_0,
              "translator-credits", _("translator-credits"),
              NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    vt_application_show_about (window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL; l = l->next)
    g_ptr_array_add (windows, g_object_ref (l->data));
  /* Each window closes as its close button would, asking first when a
   * batch is running; the application ends with the last one. */
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
}

static void
vt_application_startup (GApplication *app)
{
  static const GActionEntry actions[] = {
    { "about", about_action },
    { "quit", quit_action },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (vt_application_parent_class)->startup (app);

  /* The About window's icon, before the icon is installed. */
  if (vt_engine_is_uninstalled ())
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    VT_SOURCE_ROOT G_DIR_SEPARATOR_S "data" G_DIR_SEPARATOR_S "icons");

  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

/* `vitrina -o DIR PHOTOS…`: where the sizes go, remembered like a choice
 * made in the window. */
static int
vt_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree char *output = NULL;

  if (g_variant_dict_lookup (options, "output", "^ay", &output))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *absolute = g_canonicalize_filename (output, NULL);

      g_settings_set_string (settings, "output-folder", absolute);
      g_settings_sync ();
    }
  return -1;
}

static void
vt_application_class_init (VtApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = vt_application_handle_local_options;
  app_class->activate = vt_application_activate;
  app_class->open = vt_application_open;
  app_class->startup = vt_application_startup;
}

static void
vt_application_init (VtApplication *self)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, NULL, N_("Write the sizes into DIR"), N_("DIR") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PHOTO|FOLDER…]"));
}

VtApplication *
vt_application_new (void)
{
  return g_object_new (VT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}
