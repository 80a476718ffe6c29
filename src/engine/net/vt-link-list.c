/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-link-list.c: the links in a pasted list or a supplier's CSV */
#define G_LOG_DOMAIN "vt-fetcher"

#include "config.h"

#include "vt-link-list.h"

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
