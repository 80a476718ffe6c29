/* SPDX-License-Identifier: GPL-3.0-or-later */
/* preview-latency.c: how long a changed setting takes to show in the preview
 *
 *   build/bench/preview-latency [WIDTHxHEIGHT] [CHANGES] [FORMAT]
 *
 * Generates one photo (default 4000×3000, 12 megapixels), asks the engine's
 * VtPreviewer for its large variant once (the decode), then changes one
 * setting at a time and measures request → result, as the window sees it.
 * FORMAT (jpeg, webp, avif, png; jpeg by default) is the file the preview
 * encodes and reads back; the time reading it back takes is shown apart.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "vitrina-engine.h"

static gint64 ready_at;
static gint64 ready_decode_time;
static guint ready_serial;

static void
ready_cb (VtPreviewer *previewer, VtPreviewResult *result, gpointer data)
{
  ready_at = g_get_monotonic_time ();
  ready_decode_time = result->decode_time;
  ready_serial = result->serial;
}

static double
wait_ms (guint serial, gint64 since)
{
  while (ready_serial != serial)
    g_main_context_iteration (NULL, TRUE);
  return (ready_at - since) / 1000.0;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  int w = 4000, h = 3000, changes = argc > 2 ? atoi (argv[2]) : 20;
  g_autofree char *dir = g_dir_make_tmp ("vitrina-preview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "product-0001.jpg", NULL);
  g_autoptr(VtPreviewer) previewer = vt_previewer_new ();
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autofree double *ms = g_new (double, MAX (changes, 1));
  g_autofree double *decode_ms = g_new (double, MAX (changes, 1));
  VtFormat format = VT_FORMAT_JPEG;
  gint64 t;
  double first;

  if (argc > 1 && sscanf (argv[1], "%dx%d", &w, &h) != 2)
    return 2;
  if (argc > 3 && !vt_format_from_string (argv[3], &format))
    return 2;
  vt_sample_write (dir, 1, w, h, NULL);
  g_signal_connect (previewer, "ready", G_CALLBACK (ready_cb), NULL);

  t = g_get_monotonic_time ();
  first = wait_ms (vt_previewer_request_format (previewer, recipe, path, 2, format), t);

  for (int i = 0; i < changes; i++)
    {
      /* alternate between a filter, the watermark and the quality */
      if (i % 3 == 0)
        {
          g_autofree char *filters = g_strdup_printf ("sharpen;unsharp:radius=2,percent=%d,threshold=3",
                                                      100 + i);
          g_object_set (recipe, "filters", filters, NULL);
        }
      else if (i % 3 == 1)
        g_object_set (recipe, "watermark-opacity", 0.3 + i / 100.0, NULL);
      else
        g_object_set (recipe, "quality", 70 + i % 25, NULL);
      t = g_get_monotonic_time ();
      ms[i] = wait_ms (vt_previewer_request_format (previewer, recipe, path, 2, format), t);
      decode_ms[i] = ready_decode_time / 1000.0;
    }
  qsort (ms, changes, sizeof *ms, compare_doubles);
  qsort (decode_ms, changes, sizeof *decode_ms, compare_doubles);

  printf ("photo %d×%d (%.1f MP), large variant as %s\n", w, h, w * h / 1e6, vt_format_to_string (format));
  printf ("first preview (read + decode + resize + filters + encode): %.0f ms\n", first);
  printf ("after a changed setting, %d changes: median %.0f ms, worst %.0f ms (target 100 ms)\n",
          changes, ms[changes / 2], ms[changes - 1]);
  printf ("of which reading the encoded file back: median %.1f ms, worst %.1f ms\n",
          decode_ms[changes / 2], decode_ms[changes - 1]);

  g_remove (path);
  g_rmdir (dir);
  return 0;
}
