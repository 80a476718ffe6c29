/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fetch-bench.c: seed 001's downloads, one at a time against concurrently
 *
 *   build/bench/fetch-bench [COUNT] [LATENCY_MS]     (default 150 images, 400 ms)
 *
 * A local server (its own thread) answers every request after LATENCY_MS,
 * as a distant one would; one link fails with 500 once, then succeeds. The
 * same list is fetched with 1 connection and with the default 32.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <libsoup/soup.h>

#include "vitrina-engine.h"

typedef struct {
  GMainContext *context;
  GBytes       *jpeg;
  guint         latency;
  gint          flaky;
  int           port;
  GMutex        lock;
  GCond         ready;
} Server;

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

static void
handler (SoupServer *server, SoupServerMessage *msg, const char *path,
         GHashTable *query, gpointer data)
{
  Server *s = data;
  GSource *delay = g_timeout_source_new (s->latency);

  if (g_str_equal (path, "/flaky.jpg") && g_atomic_int_add (&s->flaky, 1) % 2 == 0)
    soup_server_message_set_status (msg, 500, NULL);
  else
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/jpeg", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (s->jpeg, NULL), g_bytes_get_size (s->jpeg));
    }
  soup_server_message_pause (msg);
  g_source_set_callback (delay, unpause_cb, g_object_ref (msg), g_object_unref);
  g_source_attach (delay, s->context);
  g_source_unref (delay);
}

static gpointer
server_thread (gpointer data)
{
  Server *s = data;
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_main_context_push_thread_default (s->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, s, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&s->lock);
  s->port = g_uri_get_port (uris->data);
  g_cond_signal (&s->ready);
  g_mutex_unlock (&s->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  for (;;)
    g_main_context_iteration (s->context, TRUE);
  return NULL;
}

static void
done_cb (VtFetcher *fetcher, gboolean cancelled, gboolean *done)
{
  *done = TRUE;
}

static double
fetch (const char *list, guint connections, guint *n_done)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrina-fetch-XXXXXX", NULL);
  g_autoptr(VtFetcher) fetcher = vt_fetcher_new (dir);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", dir);
  gboolean done = FALSE;

  vt_fetcher_add_list (fetcher, list);
  /* The fetcher's own retry delay, as the window and the CLI use it. */
  vt_fetcher_set_max_connections (fetcher, connections);
  g_signal_connect (fetcher, "finished", G_CALLBACK (done_cb), &done);
  vt_fetcher_start (fetcher, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  *n_done = 0;
  for (guint i = 0; i < vt_fetcher_get_n_downloads (fetcher); i++)
    *n_done += vt_download_get_status (vt_fetcher_get_download (fetcher, i)) == VT_DOWNLOAD_DONE;
  if (system (rm) != 0)
    g_printerr ("could not remove %s\n", dir);
  return vt_fetcher_get_wall_time (fetcher) / 1e6;
}

int
main (int argc, char **argv)
{
  Server s = { 0 };
  int count = argc > 1 ? atoi (argv[1]) : 150;
  g_autoptr(cairo_surface_t) photo = vt_sample_render (1, 800, 600);
  g_autoptr(GString) list = g_string_new (NULL);
  guint n_seq, n_par;
  double seq, par;

  s.latency = argc > 2 ? atoi (argv[2]) : 400;
  s.jpeg = vt_codec_jpeg_encode (photo, 85, FALSE, NULL, NULL);
  s.context = g_main_context_new ();
  g_mutex_init (&s.lock);
  g_cond_init (&s.ready);
  g_mutex_lock (&s.lock);
  g_thread_new ("server", server_thread, &s);
  while (s.port == 0)
    g_cond_wait (&s.ready, &s.lock);
  g_mutex_unlock (&s.lock);

  for (int i = 1; i < count; i++)
    g_string_append_printf (list, "http://127.0.0.1:%d/img/product-%03d.jpg\n", s.port, i);
  g_string_append_printf (list, "http://127.0.0.1:%d/flaky.jpg\n", s.port);

  printf ("%d images of %zu bytes, %u ms latency each, one failing once with 500\n",
          count, g_bytes_get_size (s.jpeg), s.latency);
  par = fetch (list->str, VT_FETCHER_DEFAULT_CONNECTIONS, &n_par);
  printf ("concurrent, %d connections: %u downloaded in %.2f s\n", VT_FETCHER_DEFAULT_CONNECTIONS, n_par, par);
  seq = fetch (list->str, 1, &n_seq);
  printf ("one at a time:            %u downloaded in %.2f s\n", n_seq, seq);
  printf ("speedup %.1f× (seed 001: 9.4×; 32 connections cannot beat %.2f s)\n",
          seq / par, (double) ((count + 31) / 32) * s.latency / 1000.0);
  return n_seq == (guint) count && n_par == (guint) count ? 0 : 1;
}
