/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-inputs.c: which files a batch takes from the paths it was given
 *
 * Files named on the command line are always taken, even when they do not
 * exist, so the batch reports them by name. Folders contribute their files
 * in name order, skipping hidden files, system clutter (Thumbs.db) and the
 * output folder itself, so a re-run never eats its own outputs.
 */
#define G_LOG_DOMAIN "vt-inputs"

#include "config.h"

#include <string.h>

#include "vt-inputs.h"

void
vt_input_free (VtInput *input)
{
  g_free (input->path);
  g_free (input->subdir);
  g_free (input);
}

static VtInput *
vt_input_new (const char *path,
              const char *subdir)
{
  VtInput *input = g_new (VtInput, 1);

  input->path = g_strdup (path);
  input->subdir = g_strdup (subdir);
  return input;
}

gboolean
vt_inputs_is_ignored_name (const char *name)
{
  return name[0] == '.' ||
         g_ascii_strcasecmp (name, "Thumbs.db") == 0 ||
         g_ascii_strcasecmp (name, "desktop.ini") == 0;
}

typedef struct {
  char *key;
  char *name;
} Entry;

static void
entry_clear (Entry *e)
{
  g_free (e->key);
  g_free (e->name);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const Entry *) a)->key, ((const Entry *) b)->key);
}

/* Names sorted as a file manager shows them ("photo 2" before "photo 10"),
 * so the order never depends on the file system. */
static GArray *
sorted_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  const char *name;

  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      Entry e = { g_utf8_collate_key_for_filename (name, -1), g_strdup (name) };

      if (vt_inputs_is_ignored_name (name))
        entry_clear (&e);
      else
        g_array_append_val (entries, e);
    }
  g_array_sort (entries, compare_entries);
  return entries;
}

static void
collect_dir (GPtrArray  *out,
             const char *dir_path,
             const char *subdir,
             gboolean    recursive,
             const char *exclude_dir)
{
  g_autoptr(GArray) entries = sorted_entries (dir_path);
  g_autofree char *canonical = g_canonicalize_filename (dir_path, NULL);

  if (exclude_dir != NULL && g_strcmp0 (canonical, exclude_dir) == 0)
    return;

  for (guint i = 0; i < entries->len; i++)
    {
      const char *name = g_array_index (entries, Entry, i).name;
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *child = *subdir ? g_build_filename (subdir, name, NULL) : g_strdup (name);
          if (recursive)
            collect_dir (out, path, child, recursive, exclude_dir);
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
               g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          g_ptr_array_add (out, vt_input_new (path, subdir));
        }
    }
}

/**
 * vt_inputs_collect:
 * @paths: files and folders
 * @recursive: also take the files of subfolders, mirroring their names
 * @exclude_dir: (nullable): a canonical folder never to read from
 *
 * Returns: (transfer full) (element-type VtInput): the inputs, in order
 */
GPtrArray *
vt_inputs_collect (const char * const *paths,
                   gboolean            recursive,
                   const char         *exclude_dir)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) vt_input_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        collect_dir (out, paths[i], "", recursive, exclude_dir);
      else
        g_ptr_array_add (out, vt_input_new (paths[i], ""));
    }

  return out;
}

/**
 * vt_inputs_web_safe_name:
 *
 * @name in lower-case ASCII letters, digits and single dashes, as shops'
 * web servers and marketplaces like file names: "Zapatilla Roja Ñandú" →
 * "zapatilla-roja-nandu".
 *
 * Returns: (transfer full): the name, never empty
 */
char *
vt_inputs_web_safe_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *safe = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_')
        g_string_append_c (safe, g_ascii_tolower (*p));
      else if (safe->len > 0 && safe->str[safe->len - 1] != '-')
        g_string_append_c (safe, '-');
    }
  while (safe->len > 0 && safe->str[safe->len - 1] == '-')
    g_string_truncate (safe, safe->len - 1);
  if (safe->len == 0)
    g_string_append (safe, "photo");
  return g_string_free (safe, FALSE);
}
