/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-link-list.c: the links in a pasted list or a supplier's CSV */
#define G_LOG_DOMAIN "vt-fetcher"

#include "config.h"

#include <string.h>

#include "vt-link-list.h"

/* Whether @host (with an optional ":port") can only be a host's name or
 * address: "shop.example", "127.0.0.1:9", "localhost". */
static gboolean
looks_like_host (const char *host)
{
  g_autofree char *name = g_strdup (host);
  char *colon = strrchr (name, ':');

  if (colon != NULL)
    {
      if (colon[1] == '\0' || strspn (colon + 1, "0123456789") != strlen (colon + 1))
        return FALSE;
      *colon = '\0';
    }
  if (name[0] == '\0' || strspn (name, "abcdefghijklmnopqrstuvwxyz"
                                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != strlen (name))
    return FALSE;
  return strchr (name, '.') != NULL || g_ascii_strcasecmp (name, "localhost") == 0;
}

/**
 * vt_link_normalize:
 * @link: a link as pasted
 *
 * Shop staff copy links from the address bar, which hides "https://": a
 * link without a scheme that starts with a host ("shop.example/a.jpg") is
 * taken as https. Anything else is returned as it is, for the fetcher to
 * refuse with its reason.
 *
 * Returns: (transfer full): the link to download
 */
char *
vt_link_normalize (const char *link)
{
  const char *slash = strchr (link, '/');
  g_autofree char *host = NULL;

  if (strstr (link, "://") != NULL || slash == NULL)
    return g_strdup (link);
  host = g_strndup (link, slash - link);
  if (!looks_like_host (host))
    return g_strdup (link);
  return g_strconcat ("https://", link, NULL);
}

/* The column of a CSV header row that holds the links, or -1. */
static int
url_column (const char *header)
{
  g_auto(GStrv) cells = g_strsplit (header, ",", -1);

  for (int i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *cell = g_ascii_strdown (g_strstrip (g_strdelimit (cells[i], "\"", ' ')), -1);
      if (g_str_equal (cell, "url") || g_str_equal (cell, "link") || g_str_equal (cell, "image_url"))
        return i;
    }
  return -1;
}

/**
 * vt_link_list_parse:
 * @text: one link per line (blank lines and `#` comments skipped), or a
 *   CSV whose header row has a "url" (or "link", "image_url") column
 *
 * Returns: (transfer full) (element-type utf8): the links, in list order
 */
GPtrArray *
vt_link_list_parse (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  int column = lines[0] ? url_column (lines[0]) : -1;
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);

  for (guint i = column >= 0 ? 1 : 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      if (column >= 0)
        {
          g_auto(GStrv) cells = g_strsplit (line, ",", -1);
          if ((int) g_strv_length (cells) > column)
            g_ptr_array_add (urls, g_strdup (g_strstrip (g_strdelimit (cells[column], "\"", ' '))));
        }
      else
        g_ptr_array_add (urls, g_strdup (line));
    }
  return urls;
}
