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
/* The name a link's file gets before any "-2": the link's last segment,
 * without its extension when it is the photo's own. */
static char *
stem_for (const char *url,
          const char *extension)
{
  g_autofree char *name = vt_fetcher_name_for_url (url);
  const char *dot = strrchr (name, '.');

  if (dot != NULL && dot != name && g_ascii_strcasecmp (dot + 1, extension) == 0)
    return g_strndup (name, dot - name);
  return g_steal_pointer (&name);
}

static char *
candidate_name (const char *stem,
                const char *extension,
                guint       n)
{
  return n == 1 ? g_strdup_printf ("%s.%s", stem, extension)
                : g_strdup_printf ("%s-%u.%s", stem, n, extension);
}

char *
vt_fetcher_unique_path (VtFetcher  *self,
                        const char *url,
                        const char *extension)
{
  g_autofree char *stem = stem_for (url, extension);

  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = candidate_name (stem, extension, n);
      g_autofree char *path = g_build_filename (self->output_dir, candidate, NULL);

      if (!g_hash_table_contains (self->taken, candidate) &&
          !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_hash_table_add (self->taken, g_steal_pointer (&candidate));
          return g_steal_pointer (&path);
        }
    }
}

#define ORIGIN_ATTRIBUTE "xattr::xdg.origin.url"

/**
 * vt_fetcher_mark_origin:
 *
 * Records on the file the link it came from, as browsers do (the
 * freedesktop `user.xdg.origin.url` attribute). Where the file system
 * keeps no such attributes, the link is not recorded, and fetching it
 * again gives a new name.
 */
void
vt_fetcher_mark_origin (const char *path,
                        const char *url)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_file_set_attribute_string (file, ORIGIN_ATTRIBUTE, url, G_FILE_QUERY_INFO_NONE, NULL, NULL);
}

static gboolean
same_origin (const char *path,
             const char *url)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, ORIGIN_ATTRIBUTE, G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL && g_strcmp0 (g_file_info_get_attribute_string (info, ORIGIN_ATTRIBUTE), url) == 0;
}

static gboolean
same_bytes (const char  *path,
            GMappedFile *file)
{
  g_autoptr(GMappedFile) other = g_mapped_file_new (path, FALSE, NULL);

  return other != NULL && g_mapped_file_get_length (other) == g_mapped_file_get_length (file) &&
         memcmp (g_mapped_file_get_contents (other), g_mapped_file_get_contents (file),
                 g_mapped_file_get_length (file)) == 0;
}

/**
 * vt_fetcher_find_same:
 * @downloaded: the link's bytes, just downloaded
 *
 * Finds a file this link was already saved as, by an earlier fetch into
 * the same folder: one of the names vt_fetcher_unique_path() gives the
 * link, marked as coming from it, holding the same bytes.
 *
 * Returns: (nullable): its path
 */
char *
vt_fetcher_find_same (VtFetcher  *self,
                      const char *url,
                      const char *extension,
                      const char *downloaded)
{
  g_autofree char *stem = stem_for (url, extension);
  g_autoptr(GMappedFile) file = g_mapped_file_new (downloaded, FALSE, NULL);

  if (file == NULL)
    return NULL;
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = candidate_name (stem, extension, n);
      g_autofree char *path = g_build_filename (self->output_dir, candidate, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return NULL;
      if (same_origin (path, url) && same_bytes (path, file))
        return g_steal_pointer (&path);
    }
}
