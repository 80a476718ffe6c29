/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel-logo.c: the side bar's logo: the file, where it goes, how large and faint
 *
 * A chosen logo is checked first, so a file that is not an image is named
 * at once instead of failing every photo of the next batch, then copied
 * into the app's data folder and the recipe points at the copy: inside the
 * Flatpak the portal's access to the original ends with the session, and
 * outside it the original may move; the recipe keeps working either way.
 */
#define G_LOG_DOMAIN "vt-recipe-panel"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vt-atomic-file.h"
#include "vt-recipe-panel-private.h"

/**
 * vt_recipe_panel_dup_logo_dir:
 *
 * Returns: (transfer full): the folder chosen logos are copied into
 */
char *
vt_recipe_panel_dup_logo_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "vitrina", "logos", NULL);
}

/* @file's bytes at @copy, unless @file is that copy already. */
static gboolean
copy_logo (GFile       *file,
           const char  *copy,
           GError     **error)
{
  g_autoptr(GFile) target = g_file_new_for_path (copy);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_path_get_dirname (copy);

  if (g_file_equal (file, target))
    return TRUE;
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return vt_atomic_file_write (copy, bytes, error);
}

/**
 * vt_recipe_panel_set_logo:
 * @file: a PNG or SVG file
 *
 * Checks that @file is a logo Vitrina can draw, keeps a copy of it in the
 * app's data folder and makes the copy the recipe's logo. A file that is
 * not one leaves the recipe as it was.
 *
 * Returns: whether the recipe has the logo now
 */
gboolean
vt_recipe_panel_set_logo (VtRecipePanel  *self,
                          GFile          *file,
                          GError        **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *dir = vt_recipe_panel_dup_logo_dir ();
  g_autofree char *copy = NULL;
  g_autoptr(VtLogo) logo = NULL;

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, VT_LOGO_ERROR, VT_LOGO_ERROR_UNREADABLE,
                   _("Could not read the logo %s: it is not a file on this computer"), uri);
      return FALSE;
    }
  logo = vt_logo_new (path, VT_LOGO_BOTTOM_RIGHT, VT_LOGO_DEFAULT_WIDTH,
                      VT_LOGO_DEFAULT_OPACITY, VT_LOGO_DEFAULT_MARGIN, error);
  if (logo == NULL)
    return FALSE;

  copy = g_build_filename (dir, basename, NULL);
  if (!copy_logo (file, copy, error))
    return FALSE;
  g_object_set (self->recipe, "logo", copy, NULL);
  return TRUE;
}

static void
choose_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PNG and SVG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  _vt_recipe_panel_choose_file (VT_RECIPE_PANEL (widget),
                                &(VtFileChooserRequest) {
                                  .mode = VT_FILE_CHOOSER_OPEN,
                                  .title = _("Choose a Logo"),
                                  .accept_label = _("_Choose"),
                                  .filter = filter,
                                },
                                vt_recipe_panel_set_logo);
}

static void
clear_logo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_object_set (VT_RECIPE_PANEL (widget)->recipe, "logo", "", NULL);
}

static void
recipe_logo_changed_cb (VtRecipePanel *self)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  gboolean has_logo;

  g_object_get (self->recipe, "logo", &path, NULL);
  has_logo = path != NULL && *path != '\0';
  name = has_logo ? g_path_get_basename (path) : NULL;
  adw_expander_row_set_subtitle (self->logo_row, has_logo ? name : _("None: choose a PNG or SVG file"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.clear-logo", has_logo);
}

static void
logo_class_init (VtRecipePanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "panel.choose-logo", NULL, choose_logo_action);
  gtk_widget_class_install_action (widget_class, "panel.clear-logo", NULL, clear_logo_action);
}

const VtRecipePanelPart _vt_recipe_panel_logo = {
  logo_class_init, NULL, "notify::logo", recipe_logo_changed_cb
};
