/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-fetcher-names.c: safe, unused file names for downloaded photos
 *
 * A downloaded photo is named after its link, with the extension its bytes
 * call for (not the one the link claims), and never over a file already in
 * the folder or a name this fetch gave out.
 */
#define G_LOG_DOMAIN "vt-fetcher"

#include "config.h"

#include <string.h>

#include "vt-fetcher-private.h"
#include "vt-image.h"

#define MAX_NAME 100

/**
 * vt_fetcher_name_for_url:
 *
 * A safe file name from a link's last path segment: no folders, no leading
 * dot, only letters, digits, '-', '_' and '.'; "image" when nothing is left.
 *
 * Returns: (transfer full): the name
 */
char *
vt_fetcher_name_for_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *segment = NULL;
  GString *name = g_string_new (NULL);
  const char *path = uri ? g_uri_get_path (uri) : "";
  const char *slash = strrchr (path, '/');

  segment = g_uri_unescape_string (slash ? slash + 1 : path, NULL);
  for (const char *p = segment ? segment : ""; *p && name->len < MAX_NAME; p++)
    {
      gboolean ok = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.';
      char c = ok ? *p : '-';

      /* no hidden files, no "..", no runs of separators */
      if ((c == '.' || c == '-') && (name->len == 0 || name->str[name->len - 1] == c))
        continue;
      g_string_append_c (name, c);
    }
  while (name->len > 0 && (name->str[name->len - 1] == '.' || name->str[name->len - 1] == '-'))
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_assign (name, "image");
  return g_string_free (name, FALSE);
}

/* The extension @path's bytes call for, or %NULL when they are not an
 * image: by the bytes alone, as no loader may see a download first
 * (GdkPixbuf asserts on a zero size, and has no WebP, deep TIFF or HEIF). */
const char *
vt_fetcher_extension_for (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

  if (file == NULL)
    return NULL;
  return vt_image_extension ((const guint8 *) g_mapped_file_get_contents (file),
                             g_mapped_file_get_length (file));
}

/* The link's name, with the extension its bytes call for, made unique
 * among this fetch's names and the files already in the folder. */
char *
vt_fetcher_unique_path (VtFetcher  *self,
                        const char *url,
                        const char *extension)
{
  g_autofree char *name = vt_fetcher_name_for_url (url);
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot && dot != name ? g_strndup (name, dot - name) : g_strdup (name);

  if (dot == NULL || g_ascii_strcasecmp (dot + 1, extension) != 0)
    {
      g_free (stem);
      stem = g_strdup (name);
    }

  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup_printf ("%s.%s", stem, extension)
                                          : g_strdup_printf ("%s-%u.%s", stem, n, extension);
      g_autofree char *path = g_build_filename (self->output_dir, candidate, NULL);

      if (!g_hash_table_contains (self->taken, candidate) &&
          !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_hash_table_add (self->taken, g_steal_pointer (&candidate));
          return g_steal_pointer (&path);
        }
    }
}
