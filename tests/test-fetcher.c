/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-fetcher.c: downloads against a local server that misbehaves on purpose */
#include "config.h"

#include <glib/gstdio.h>

#include <stdlib.h>
#include <sys/wait.h>
#include <libsoup/soup.h>

#include "vt-test-utils.h"

typedef struct {
  SoupServer *server;
  char       *base;
  GBytes     *jpeg;
  guint       flaky_hits;
  guint       active;
  guint       max_active;
  GPtrArray  *stalled;     /* SoupServerMessage kept paused */
} Server;

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
finished_cb (SoupServerMessage *msg, Server *s)
{
  s->active--;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  Server *s = data;
  const char *delay = query ? g_hash_table_lookup (query, "delay") : NULL;

  s->active++;
  s->max_active = MAX (s->max_active, s->active);
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), s);

  if (g_str_equal (path, "/404.jpg"))
    soup_server_message_set_status (msg, 404, NULL);
  else if (g_str_equal (path, "/flaky.jpg") && s->flaky_hits++ == 0)
    soup_server_message_set_status (msg, 500, NULL);
  else if (g_str_equal (path, "/loop.jpg"))
    soup_server_message_set_redirect (msg, 302, "/loop.jpg");
  else if (g_str_equal (path, "/moved.jpg"))
    soup_server_message_set_redirect (msg, 301, "/img/moved-here.jpg");
  else if (g_str_equal (path, "/page.jpg"))
    soup_server_message_set_status (msg, 200, NULL),
    soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                      "<html><body>Sold out</body></html>", 34);
  else if (g_str_equal (path, "/big.jpg"))
    {
      gsize len = 300 * 1024;
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/jpeg", SOUP_MEMORY_TAKE, g_malloc0 (len), len);
    }
  else if (g_str_equal (path, "/stall.jpg"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (s->stalled, g_object_ref (msg));
      return;
    }
  else
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/jpeg", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (s->jpeg, NULL), g_bytes_get_size (s->jpeg));
    }

  if (delay != NULL)
    {
      soup_server_message_pause (msg);
      g_timeout_add (atoi (delay), unpause_cb, g_object_ref (msg));
    }
}

static void
server_start (Server *s)
{
  g_autoptr(cairo_surface_t) photo = vt_sample_render (1, 64, 48);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  s->jpeg = vt_codec_jpeg_encode (photo, 85, FALSE, NULL, NULL);
  s->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, NULL, handler, s, NULL);
  soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  s->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

/* Lets both ends see their connections close, so nothing is left for
 * LeakSanitizer: the server's accepted sockets go only once it notices. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
server_stop (Server *s)
{
  settle ();
  for (guint i = 0; i < s->stalled->len; i++)
    soup_server_message_unpause (g_ptr_array_index (s->stalled, i));
  g_clear_pointer (&s->stalled, g_ptr_array_unref);
  soup_server_disconnect (s->server);
  settle ();
  g_clear_object (&s->server);
  g_clear_pointer (&s->jpeg, g_bytes_unref);
  g_clear_pointer (&s->base, g_free);
}

static void
quit_cb (VtFetcher *fetcher, gboolean cancelled, gboolean *done)
{
  *done = TRUE;
}

static void
run_fetcher (VtFetcher *fetcher)
{
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_signal_connect (fetcher, "finished", G_CALLBACK (quit_cb), &done);
  g_assert_true (vt_fetcher_start (fetcher, &error));
  g_assert_no_error (error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static VtDownload *
find (VtFetcher *fetcher, const char *suffix)
{
  for (guint i = 0; i < vt_fetcher_get_n_downloads (fetcher); i++)
    if (g_str_has_suffix (vt_download_get_url (vt_fetcher_get_download (fetcher, i)), suffix))
      return vt_fetcher_get_download (fetcher, i);
  g_error ("no download for %s", suffix);
}

static void
assert_failed (VtFetcher *fetcher, const char *suffix, const char *words)
{
  VtDownload *d = find (fetcher, suffix);
  const GError *e = vt_download_get_error (d);

  g_assert_cmpint (vt_download_get_status (d), ==, VT_DOWNLOAD_FAILED);
  g_assert_nonnull (e);
  if (strstr (e->message, words) == NULL)
    g_error ("%s: expected “%s” in “%s”", suffix, words, e->message);
  g_assert_null (vt_download_get_path (d));
}

static void
test_outcomes (void)
{
  Server s = { 0 };
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autoptr(VtFetcher) fetcher = vt_fetcher_new (dir);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GString) list = g_string_new ("# supplier list\n\n");
  const char *paths[] = { "/img/zapatilla roja.jpg", "/a/same.jpg", "/b/same.jpg",
                          "/img/.hidden.jpg", "/img/noext",
                          "/flaky.jpg", "/moved.jpg", "/404.jpg", "/loop.jpg", "/page.jpg",
                          "/big.jpg", "/stall.jpg" };
  const char *expected[] = { ".hidden.jpg", "flaky.jpg", "hidden.jpg", "moved.jpg",
                             "noext.jpg", "same-2.jpg", "same.jpg", "zapatilla-roja.jpg" };

  server_start (&s);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_string_append_printf (list, "%s%s\n", s.base, paths[i]);
  g_string_append (list, "ftp://example.invalid/photo.jpg\n");
  g_string_append (list, "https://\nhttp:///nohost.jpg\n");
  g_assert_cmpuint (vt_fetcher_add_list (fetcher, list->str), ==, G_N_ELEMENTS (paths) + 3);

  /* a file already there is never overwritten */
  {
    g_autofree char *existing = g_build_filename (dir, "flaky.jpg", NULL);
    g_assert_true (g_file_set_contents (existing, "mine", -1, NULL));
  }

  vt_fetcher_set_timeout (fetcher, 1);
  vt_fetcher_set_retries (fetcher, 1);
  vt_fetcher_set_retry_delay (fetcher, 10);
  vt_fetcher_set_max_bytes (fetcher, 100 * 1024);
  run_fetcher (fetcher);

  g_assert_cmpint (vt_download_get_status (find (fetcher, "/flaky.jpg")), ==, VT_DOWNLOAD_DONE);
  g_assert_cmpuint (vt_download_get_attempts (find (fetcher, "/flaky.jpg")), ==, 2);
  g_assert_cmpuint (vt_download_get_attempts (find (fetcher, "/404.jpg")), ==, 1);
  assert_failed (fetcher, "/404.jpg", "404");
  assert_failed (fetcher, "/loop.jpg", "redirect");
  assert_failed (fetcher, "/page.jpg", "Not an image");
  assert_failed (fetcher, "/big.jpg", "Larger than the limit");
  assert_failed (fetcher, "/stall.jpg", "timed out");
  g_assert_cmpuint (vt_download_get_attempts (find (fetcher, "/stall.jpg")), ==, 2);
  assert_failed (fetcher, "photo.jpg", "Not an http or https link");
  assert_failed (fetcher, "https://", "names no server");
  assert_failed (fetcher, "/nohost.jpg", "names no server");

  /* exactly these files, each a whole image, nothing partial or hidden left */
  files = vt_test_list_files (dir);
  for (guint i = 0; i < files->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (files, i));
  /* the expected names but .hidden.jpg, plus flaky-2.jpg beside "mine" */
  g_assert_cmpuint (files->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_build_filename (dir, expected[i], NULL);
      if (g_str_equal (expected[i], ".hidden.jpg"))
        g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      else if (g_str_equal (expected[i], "flaky.jpg"))
        {
          g_autofree char *mine = NULL;
          g_assert_true (g_file_get_contents (path, &mine, NULL, NULL));
          g_assert_cmpstr (mine, ==, "mine");
        }
      else
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  {
    g_autofree char *flaky2 = g_build_filename (dir, "flaky-2.jpg", NULL);
    g_assert_cmpstr (vt_download_get_path (find (fetcher, "/flaky.jpg")), ==, flaky2);
  }

  g_clear_object (&fetcher);
  server_stop (&s);
}

/* All on one host, as suppliers' lists are: no more than the limit at once,
 * and the limit reached. */
static void
test_connection_limit (void)
{
  Server s = { 0 };
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autoptr(VtFetcher) fetcher = vt_fetcher_new (dir);

  server_start (&s);
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/img/p%02d.jpg?delay=100", s.base, i);
      vt_fetcher_add_url (fetcher, url);
    }
  vt_fetcher_set_max_connections (fetcher, 8);
  run_fetcher (fetcher);

  for (int i = 0; i < 40; i++)
    g_assert_cmpint (vt_download_get_status (vt_fetcher_get_download (fetcher, i)), ==, VT_DOWNLOAD_DONE);
  g_assert_cmpuint (s.max_active, ==, 8);
  g_clear_object (&fetcher);
  server_stop (&s);
}

static void
test_safe_names (void)
{
  struct { const char *url, *name; } cases[] = {
    { "http://h/a/b/Zapatilla%20Roja%20%C3%91and%C3%BA.JPG", "Zapatilla-Roja-and-.JPG" },
    { "http://h/../../etc/passwd", "passwd" },
    { "http://h/x/..%2F..%2F.bashrc", "bashrc" },
    { "http://h/", "image" },
    { "http://h/a?b=c.jpg", "a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = vt_fetcher_name_for_url (cases[i].url);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

typedef struct {
  gboolean exited;
  int      status;
} Child;

static void
child_cb (GPid pid, int status, gpointer data)
{
  Child *c = data;
  c->exited = TRUE;
  c->status = status;
  g_spawn_close_pid (pid);
}

/* vitrina-cli process --from-urls: downloads and processing overlapped, a
 * failed link named, the rest done. The server runs in this process, so
 * the main loop turns while the command runs. */
static void
test_cli_process_from_urls (void)
{
  Server s = { 0 };
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *list = g_build_filename (dir, "links.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "web", NULL);
  g_autofree char *large = g_build_filename (out, "large", "p03.jpg", NULL);
  g_autofree char *original = g_build_filename (out, "originals", "p03.jpg", NULL);
  g_autoptr(GString) csv = g_string_new ("sku,url,price\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *err_text = NULL;
  const char *cli = g_getenv ("VITRINA_CLI");
  const char *argv[] = { cli, "process", "--from-urls", list, "-o", out, "--quiet", NULL };
  Child child = { 0 };
  GPid pid;
  int err_fd;

  server_start (&s);
  for (int i = 0; i < 6; i++)
    g_string_append_printf (csv, "%d,%s/img/p%02d.jpg?delay=50,9.99\n", i, s.base, i);
  g_string_append_printf (csv, "6,%s/404.jpg,1.00\n", s.base);
  g_assert_true (g_file_set_contents (list, csv->str, -1, NULL));

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                            NULL, NULL, &pid, NULL, NULL, &err_fd, &error);
  g_assert_no_error (error);
  g_child_watch_add (pid, child_cb, &child);
  while (!child.exited)
    g_main_context_iteration (NULL, TRUE);

  {
    g_autoptr(GIOChannel) channel = g_io_channel_unix_new (err_fd);
    g_io_channel_set_close_on_unref (channel, TRUE);
    g_io_channel_read_to_end (channel, &err_text, NULL, NULL);
  }
  g_assert_true (WIFEXITED (child.status));
  g_assert_cmpint (WEXITSTATUS (child.status), ==, 1);
  g_assert_null (strstr (err_text, "-CRITICAL **"));
  g_assert_nonnull (strstr (err_text, "/404.jpg: The server answered 404"));
  g_assert_true (g_file_test (original, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (large, G_FILE_TEST_IS_REGULAR));

  server_stop (&s);
}

static void
count_cb (VtFetcher *fetcher, gpointer arg, guint *n)
{
  (*n)++;
}

/* A link that fails at once (no scheme, another scheme) is still reported
 * after vt_fetcher_start() returns, never from inside it: the caller has
 * not kept the fetcher or connected everything yet. Cancelling keeps the
 * fetcher alive through its own signals. */
static void
test_no_signal_from_start (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autoptr(VtFetcher) fetcher = vt_fetcher_new (dir);
  g_autoptr(GError) error = NULL;
  guint n_downloaded = 0, n_finished = 0;

  vt_fetcher_add_list (fetcher, "127.0.0.1:9/foto.jpg\nwww.shop.example/foto.jpg\nftp://shop.example/foto.jpg\n");
  g_signal_connect (fetcher, "downloaded", G_CALLBACK (count_cb), &n_downloaded);
  g_signal_connect (fetcher, "finished", G_CALLBACK (count_cb), &n_finished);
  g_assert_true (vt_fetcher_start (fetcher, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_downloaded, ==, 0);
  g_assert_cmpuint (n_finished, ==, 0);
  while (n_finished == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_downloaded, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (vt_download_get_status (vt_fetcher_get_download (fetcher, i)), ==, VT_DOWNLOAD_FAILED);
}

/* An import where nothing arrives leaves no empty folder it made behind;
 * a folder that was there before stays. */
static void
test_nothing_arrived_no_folder (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *originals = g_build_filename (dir, "originals", NULL);

  for (int before = 0; before < 2; before++)
    {
      g_autoptr(VtFetcher) fetcher = vt_fetcher_new (originals);

      if (before)
        g_assert_cmpint (g_mkdir (originals, 0755), ==, 0);
      vt_fetcher_add_list (fetcher, "127.0.0.1:9/foto.jpg\nftp://shop.example/foto.jpg\n");
      run_fetcher (fetcher);
      g_assert_cmpint (vt_download_get_status (vt_fetcher_get_download (fetcher, 0)), ==, VT_DOWNLOAD_FAILED);
      g_assert_cmpint (g_file_test (originals, G_FILE_TEST_IS_DIR), ==, before);
    }
}

/* An empty list finishes too, after start. */
static void
test_empty_list_finishes (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autoptr(VtFetcher) fetcher = vt_fetcher_new (dir);
  guint n_finished = 0;

  g_signal_connect (fetcher, "finished", G_CALLBACK (count_cb), &n_finished);
  g_assert_true (vt_fetcher_start (fetcher, NULL));
  g_assert_cmpuint (n_finished, ==, 0);
  while (n_finished == 0)
    g_main_context_iteration (NULL, TRUE);
}

/* The same link fetched again into the same folder, with the same bytes,
 * is skipped and names the file it was saved as; with other bytes it is a
 * new photo, under a new name. */
static void
test_same_link_again (void)
{
  Server s = { 0 };
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *first = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) files = NULL;

  server_start (&s);
  url = g_strdup_printf ("%s/img/zapato.jpg", s.base);
  for (int round = 0; round < 3; round++)
    {
      g_autoptr(VtFetcher) fetcher = vt_fetcher_new (dir);
      VtDownload *d;

      vt_fetcher_add_url (fetcher, url);
      run_fetcher (fetcher);
      d = vt_fetcher_get_download (fetcher, 0);
      if (round == 0)
        {
          g_assert_cmpint (vt_download_get_status (d), ==, VT_DOWNLOAD_DONE);
          first = g_strdup (vt_download_get_path (d));
        }
      else if (round == 1)
        {
          g_assert_cmpint (vt_download_get_status (d), ==, VT_DOWNLOAD_SKIPPED);
          g_assert_cmpstr (vt_download_get_path (d), ==, first);
          /* the shop edited its copy: the next fetch is a new photo */
          g_assert_true (g_file_set_contents (first, "edited", -1, NULL));
        }
      else
        {
          g_assert_cmpint (vt_download_get_status (d), ==, VT_DOWNLOAD_DONE);
          g_assert_true (g_str_has_suffix (vt_download_get_path (d), "/zapato-2.jpg"));
        }
    }
  files = vt_test_list_files (dir);
  g_assert_cmpuint (files->len, ==, 2);
  server_stop (&s);
}

static const VtTestCase tests[] = {
  { "/fetcher/outcomes", test_outcomes },
  { "/fetcher/same-link-again", test_same_link_again },
  { "/fetcher/no-signal-from-start", test_no_signal_from_start },
  { "/fetcher/empty-list-finishes", test_empty_list_finishes },
  { "/fetcher/nothing-arrived-no-folder", test_nothing_arrived_no_folder },
  { "/fetcher/connection-limit", test_connection_limit },
  { "/fetcher/safe-names", test_safe_names },
  { "/fetcher/cli-process-from-urls", test_cli_process_from_urls },
};

VT_TEST_MAIN (tests)
