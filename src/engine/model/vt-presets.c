/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-presets.c: named recipes, built in and the user's own
 *
 * A preset is a recipe key file (vt_recipe_save_key_file()) named
 * NAME.recipe. The built-in ones are compiled into the program as
 * resources; the user's live in $XDG_DATA_HOME/vitrina/presets and win over
 * a built-in one of the same name. Loading a preset sets every setting:
 * those its file leaves out take their usual values, not whatever the
 * recipe had before.
 */
#define G_LOG_DOMAIN "vt-presets"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vt-output-folder.h"
#include "vt-presets.h"
#include "vt-presets-resources.h"
#include "vt-tsan.h"

#define RESOURCE_DIR "/io/github/vitrina/Vitrina/presets/"

/* In the order the window and --list-presets show them. */
static const struct {
  const char *name;
  const char *description;
} builtins[] = {
  { "shop", N_("Own shop: thumbnail, medium and large, sharpened and watermarked") },
  { "effects", N_("Special effects: blurred, high contrast, inverted colours") },
  /* xgettext:no-c-format */
  { "amazon", N_("Amazon: 2000 × 2000, the product at 85 % on pure white, no watermark") },
  { "ebay", N_("eBay: 1600 px on the longest side, no watermark or border") },
  /* xgettext:no-c-format */
  { "mercado-libre", N_("Mercado Libre: 1200 × 1200, the product at 95 % on white, main photo without watermark") },
  { "etsy", N_("Etsy: 2000 × 1500 listing photo, filled to 4:3") },
  { "shopify", N_("Shopify: 2048 × 2048 square on white") },
  { "google-merchant", N_("Google Merchant Center: 1500 × 1500 on white, no watermark") },
};

void
vt_preset_free (VtPreset *preset)
{
  g_free (preset->name);
  g_free (preset->description);
  g_free (preset->uri);
  g_free (preset);
}

char *
vt_presets_get_user_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "vitrina", "presets", NULL);
}

/**
 * vt_presets_ensure_resources:
 *
 * Registers the built-in presets and channel rules as resources, once.
 */
void
vt_presets_ensure_resources (void)
{
  static gsize done = 0;

  if (vt_once_init_enter (&done))
    {
      vt_presets_register_resource ();
      vt_once_init_leave (&done, 1);
    }
}

static VtPreset *
preset_new (const char *name,
            const char *description,
            char       *uri,
            gboolean    builtin)
{
  VtPreset *preset = g_new0 (VtPreset, 1);

  preset->name = g_strdup (name);
  preset->description = g_strdup (description);
  preset->uri = uri;
  preset->builtin = builtin;
  return preset;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_user_presets (GPtrArray *presets)
{
  g_autofree char *dir_path = vt_presets_get_user_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, VT_PRESET_SUFFIX) && entry[0] != '.')
      g_ptr_array_add (names, g_strndup (entry, strlen (entry) - strlen (VT_PRESET_SUFFIX)));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *file = g_strconcat (name, VT_PRESET_SUFFIX, NULL);
      g_autofree char *path = g_build_filename (dir_path, file, NULL);

      for (guint j = 0; j < presets->len; j++)
        if (g_str_equal (((VtPreset *) g_ptr_array_index (presets, j))->name, name))
          g_ptr_array_remove_index (presets, j);
      g_autofree char *description = g_strdup_printf (_("%s (yours)"), name);

      g_ptr_array_add (presets, preset_new (name, description,
                                            g_filename_to_uri (path, NULL, NULL), FALSE));
    }
}

/**
 * vt_presets_list:
 *
 * Returns: (transfer full) (element-type VtPreset): the built-in presets
 * (less those the user replaced), then the user's, by name
 */
GPtrArray *
vt_presets_list (void)
{
  GPtrArray *presets = g_ptr_array_new_with_free_func ((GDestroyNotify) vt_preset_free);

  vt_presets_ensure_resources ();
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    g_ptr_array_add (presets, preset_new (builtins[i].name, _(builtins[i].description),
                                          g_strconcat ("resource://" RESOURCE_DIR, builtins[i].name,
                                                       VT_PRESET_SUFFIX, NULL), TRUE));
  add_user_presets (presets);
  return presets;
}

/**
 * vt_presets_load_file:
 *
 * Sets every setting of @recipe from @file; nothing changes when @file
 * cannot be read or holds an invalid setting.
 */
gboolean
vt_presets_load_file (VtRecipe  *recipe,
                      GFile     *file,
                      GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GKeyFile) complete = g_key_file_new ();
  g_autoptr(VtRecipe) fresh = vt_recipe_new ();
  g_autoptr(GError) local_error = NULL;

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;
  if (!g_key_file_load_from_bytes (key_file, bytes, G_KEY_FILE_NONE, &local_error) ||
      !vt_recipe_load_key_file (fresh, key_file, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("The preset %s cannot be used: %s"), name, local_error->message);
      return FALSE;
    }

  vt_recipe_save_key_file (fresh, complete);
  return vt_recipe_load_key_file (recipe, complete, error);
}

static GFile *
find_preset (const char *name)
{
  g_autoptr(GPtrArray) presets = vt_presets_list ();

  for (guint i = 0; i < presets->len; i++)
    {
      VtPreset *preset = g_ptr_array_index (presets, i);
      if (g_str_equal (preset->name, name))
        return g_file_new_for_uri (preset->uri);
    }
  return NULL;
}

/**
 * vt_presets_load:
 * @name_or_path: a preset's name (see vt_presets_list()) or a file
 */
gboolean
vt_presets_load (VtRecipe    *recipe,
                 const char  *name_or_path,
                 GError     **error)
{
  g_autoptr(GFile) file = find_preset (name_or_path);

  if (file == NULL && !g_file_test (name_or_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("There is no preset or file called “%s” (vitrina-cli process --list-presets lists them)"),
                   name_or_path);
      return FALSE;
    }
  if (file == NULL)
    file = g_file_new_for_commandline_arg (name_or_path);
  return vt_presets_load_file (recipe, file, error);
}

/**
 * vt_presets_save:
 * @name: the preset's name; made web-safe for the file name
 *
 * Saves @recipe among the user's presets, replacing one of the same name.
 *
 * Returns: (transfer full): the file's path, or %NULL with @error set
 */
char *
vt_presets_save (VtRecipe    *recipe,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *dir = vt_presets_get_user_dir ();
  g_autofree char *file = g_strconcat (name, VT_PRESET_SUFFIX, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  if (name[0] == '\0' || name[0] == '.' || strchr (name, G_DIR_SEPARATOR) != NULL)
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("“%s” cannot be a preset’s name"), name);
      return NULL;
    }
  if (!vt_output_folder_make (dir, error) || !vt_recipe_save_file (recipe, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

static gboolean
is_builtin (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (g_ascii_strcasecmp (builtins[i].name, name) == 0)
      return TRUE;
  return FALSE;
}

static char *
user_preset_path (const char *name)
{
  g_autofree char *dir = vt_presets_get_user_dir ();
  g_autofree char *file = g_strconcat (name, VT_PRESET_SUFFIX, NULL);

  return g_build_filename (dir, file, NULL);
}

/**
 * vt_presets_check_name:
 * @name: a name the user typed for a preset of their own
 *
 * Whether @name can name a new preset: not empty, a file name, not a
 * built-in preset's, and not one of the user's presets already.
 */
gboolean
vt_presets_check_name (const char  *name,
                       GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *path = NULL;

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID, _("Give the preset a name"));
      return FALSE;
    }
  if (!g_str_equal (stripped, name) || name[0] == '.' || strchr (name, '/') != NULL ||
      strchr (name, '\\') != NULL || strlen (name) > 64 || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("“%s” cannot be a preset’s name: use up to 64 letters, digits and spaces, "
                     "without / or \\ and not starting with a dot or a space"), name);
      return FALSE;
    }
  if (is_builtin (name))
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("“%s” is the name of a built-in preset: choose another"), name);
      return FALSE;
    }
  path = user_preset_path (name);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("You already have a preset called “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * vt_presets_rename:
 *
 * Renames one of the user's presets; @to must pass vt_presets_check_name().
 */
gboolean
vt_presets_rename (const char  *from,
                   const char  *to,
                   GError     **error)
{
  g_autofree char *old_path = user_preset_path (from);
  g_autofree char *new_path = user_preset_path (to);

  if (!vt_presets_check_name (to, error))
    return FALSE;
  if (g_rename (old_path, new_path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot rename the preset “%s”: %s"), from, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * vt_presets_delete:
 *
 * Deletes one of the user's presets.
 *
 * Returns: (transfer full): the preset file's contents, to bring it back
 *   with vt_presets_restore(), or %NULL with @error set
 */
GBytes *
vt_presets_delete (const char  *name,
                   GError     **error)
{
  g_autofree char *path = user_preset_path (name);
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (g_unlink (path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot delete the preset “%s”: %s"), name, g_strerror (saved_errno));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/**
 * vt_presets_restore:
 * @contents: what vt_presets_delete() returned
 *
 * Brings back a deleted preset of the user's.
 */
gboolean
vt_presets_restore (const char  *name,
                    GBytes      *contents,
                    GError     **error)
{
  g_autofree char *path = user_preset_path (name);
  g_autofree char *dir = vt_presets_get_user_dir ();

  g_mkdir_with_parents (dir, 0755);
  return g_file_set_contents (path, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), error);
}
