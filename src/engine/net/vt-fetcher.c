/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-fetcher.c: product photos downloaded from a list of links, concurrently
 *
 * All I/O is asynchronous libsoup on the main context of vt_fetcher_new():
 * no threads, so nothing here is shared. At most `max_connections` transfers
 * run at once (also to a single host, as suppliers' lists usually are).
 * Timeouts, connection errors and 5xx answers are retried with a doubling
 * delay; 4xx answers are not. A body is streamed to a hidden temporary file
 * in the output folder, refused past the size limit or when its bytes are
 * not an image, and renamed to a safe, unused name when complete: a partial
 * download is never left under a final name, and no file is overwritten.
 */
#define G_LOG_DOMAIN "vt-fetcher"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>
#include <libsoup/soup.h>

#include "vt-fetcher.h"
#include "vt-image.h"

#define CHUNK (64 * 1024)
#define MAX_NAME 100

struct _VtFetcher
{
  GObject       parent_instance;

  SoupSession  *session;
  char         *output_dir;
  GPtrArray    *downloads;      /* VtDownload, in list order */
  GQueue        waiting;        /* VtDownload, not owned */
  GHashTable   *taken;          /* file names given out */
  GHashTable   *retry_timers;   /* source id → VtDownload waiting to retry */
  GCancellable *cancellable;
  VtFetcher    *running_ref;
  guint         max_connections;
  guint         timeout;
  guint         retries;
  guint         retry_delay;
  guint64       max_bytes;
  guint         active;
  guint         n_finished;
  gint64        start_time;
  gint64        end_time;
};

G_DEFINE_FINAL_TYPE (VtFetcher, vt_fetcher, G_TYPE_OBJECT)

enum {
  SIGNAL_DOWNLOADED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One attempt at one link. */
typedef struct {
  VtFetcher     *self;
  VtDownload    *download;
  SoupMessage   *msg;
  GInputStream  *body;
  GOutputStream *file;
  char          *tmp_path;
} Transfer;

static void start_waiting (VtFetcher *self);

static void
transfer_free (Transfer *t)
{
  if (t->tmp_path != NULL)
    g_unlink (t->tmp_path);
  g_clear_object (&t->body);
  g_clear_object (&t->file);
  g_clear_object (&t->msg);
  g_clear_object (&t->download);
  g_clear_pointer (&t->tmp_path, g_free);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Transfer, transfer_free)

/* ------------------------------------------------------------------------ */
/* Names                                                                     */

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

/* By the bytes alone: a loader must never see a download first (GdkPixbuf
 * asserts on a zero size, and has no WebP, TIFF-in-depth or HEIF). */
static const char *
extension_for (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

  if (file == NULL)
    return NULL;
  return vt_image_extension ((const guint8 *) g_mapped_file_get_contents (file),
                             g_mapped_file_get_length (file));
}

/* The link's name, with the extension its bytes call for, made unique
 * among this fetch's names and the files already in the folder. */
static char *
unique_path (VtFetcher  *self,
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

/* ------------------------------------------------------------------------ */
/* Outcomes                                                                  */

static void
finish_if_done (VtFetcher *self)
{
  g_autoptr(VtFetcher) running = NULL;

  if (self->running_ref == NULL || self->n_finished < self->downloads->len)
    return;

  running = g_steal_pointer (&self->running_ref);
  self->end_time = g_get_monotonic_time ();
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, g_cancellable_is_cancelled (self->cancellable));
}

static void
complete (VtFetcher        *self,
          VtDownload       *download,
          VtDownloadStatus  status,
          GError           *error)
{
  vt_download_set_status (download, status, error);
  self->n_finished++;
  g_signal_emit (self, signals[SIGNAL_DOWNLOADED], 0, download);
  start_waiting (self);
  finish_if_done (self);
}

typedef struct {
  VtFetcher  *self;
  VtDownload *download;
} Retry;

static gboolean
retry_cb (gpointer data)
{
  Retry *r = data;

  g_hash_table_remove (r->self->retry_timers, GUINT_TO_POINTER (g_source_get_id (g_main_current_source ())));
  g_queue_push_head (&r->self->waiting, r->download);
  start_waiting (r->self);
  return G_SOURCE_REMOVE;
}

static void
retry_free (Retry *r)
{
  g_object_unref (r->self);
  g_free (r);
}

/* Ends an attempt that went wrong: again later when the error is one that
 * passes (a timeout, a dropped connection, a server error), else for good. */
static void
attempt_failed (Transfer *t,
                GError   *error,
                gboolean  transient)
{
  VtFetcher *self = t->self;
  VtDownload *download = t->download;

  self->active--;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_error_free (error);
      complete (self, download, VT_DOWNLOAD_CANCELLED, NULL);
    }
  else if (transient && vt_download_get_attempts (download) <= self->retries)
    {
      Retry *r = g_new (Retry, 1);
      guint delay = self->retry_delay << (vt_download_get_attempts (download) - 1);
      guint id;

      r->self = g_object_ref (self);
      r->download = download;
      id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay, retry_cb, r, (GDestroyNotify) retry_free);
      g_hash_table_insert (self->retry_timers, GUINT_TO_POINTER (id), download);
      g_error_free (error);
      start_waiting (self);
    }
  else
    {
      complete (self, download, VT_DOWNLOAD_FAILED, error);
    }
  transfer_free (t);
}

static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE) ||
         g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
         g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING);
}

static void
body_done (Transfer *t)
{
  VtFetcher *self = t->self;
  g_autofree char *path = NULL;
  const char *extension;
  GError *error = NULL;

  if (!g_output_stream_close (t->file, NULL, &error))
    {
      attempt_failed (t, error, FALSE);
      return;
    }

  extension = extension_for (t->tmp_path);
  if (extension == NULL)
    {
      g_autofree char *type = g_content_type_guess (t->tmp_path, NULL, 0, NULL);
      g_autoptr(GMappedFile) file = g_mapped_file_new (t->tmp_path, FALSE, NULL);
      g_autofree char *sniffed = file ? g_content_type_guess (NULL, (const guchar *) g_mapped_file_get_contents (file),
                                                              g_mapped_file_get_length (file), NULL) : NULL;
      g_autofree char *description = g_content_type_get_description (sniffed ? sniffed : type);

      attempt_failed (t, g_error_new (VT_IMAGE_ERROR, VT_IMAGE_ERROR_UNKNOWN_TYPE,
                                      _("Not an image (it looks like: %s)"), description), FALSE);
      return;
    }

  path = unique_path (self, vt_download_get_url (t->download), extension);
  if (g_rename (t->tmp_path, path) != 0)
    {
      int saved_errno = errno;
      attempt_failed (t, g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                      _("Could not write %s: %s"), path, g_strerror (saved_errno)), FALSE);
      return;
    }
  g_clear_pointer (&t->tmp_path, g_free);
  vt_download_set_path (t->download, path);

  self->active--;
  complete (self, t->download, VT_DOWNLOAD_DONE, NULL);
  transfer_free (t);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Transfer *t = data;
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  gsize len;
  const void *bytes;

  if (chunk == NULL)
    {
      attempt_failed (t, error, is_transient (error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      body_done (t);
      return;
    }

  vt_download_add_bytes (t->download, g_bytes_get_size (chunk));
  if (vt_download_get_bytes (t->download) > t->self->max_bytes)
    {
      g_autofree char *limit = g_format_size (t->self->max_bytes);
      attempt_failed (t, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                      _("Larger than the limit of %s"), limit), FALSE);
      return;
    }

  /* A local file: writing a 64 kB chunk does not keep the loop waiting. */
  bytes = g_bytes_get_data (chunk, &len);
  if (!g_output_stream_write_all (t->file, bytes, len, NULL, t->self->cancellable, &error))
    {
      attempt_failed (t, error, FALSE);
      return;
    }
  g_input_stream_read_bytes_async (t->body, CHUNK, G_PRIORITY_DEFAULT, t->self->cancellable, read_cb, t);
}

static gboolean
open_temporary (Transfer  *t,
                GError   **error)
{
  int fd;

  t->tmp_path = g_build_filename (t->self->output_dir, ".vitrina-XXXXXX", NULL);
  fd = g_mkstemp_full (t->tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_clear_pointer (&t->tmp_path, g_free);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to %s: %s"), t->self->output_dir, g_strerror (saved_errno));
      return FALSE;
    }
  t->file = g_unix_output_stream_new (fd, TRUE);
  return TRUE;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Transfer *t = data;
  GError *error = NULL;
  guint status;
  goffset length;

  t->body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (t->body == NULL)
    {
      attempt_failed (t, error, is_transient (error));
      return;
    }

  status = soup_message_get_status (t->msg);
  if (status < 200 || status >= 300)
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("The server answered %u %s"),
                           status, soup_message_get_reason_phrase (t->msg));
      /* 5xx may pass; 4xx (not found, forbidden) will not */
      attempt_failed (t, error, status >= 500);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (t->msg));
  if (length > 0 && (guint64) length > t->self->max_bytes)
    {
      g_autofree char *limit = g_format_size (t->self->max_bytes);
      attempt_failed (t, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                      _("Larger than the limit of %s"), limit), FALSE);
      return;
    }

  if (!open_temporary (t, &error))
    {
      attempt_failed (t, error, FALSE);
      return;
    }
  vt_download_reset_bytes (t->download);
  g_input_stream_read_bytes_async (t->body, CHUNK, G_PRIORITY_DEFAULT, t->self->cancellable, read_cb, t);
}

static void
begin (VtFetcher  *self,
       VtDownload *download)
{
  g_autoptr(GUri) uri = g_uri_parse (vt_download_get_url (download), SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  Transfer *t;

  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL)
    {
      complete (self, download, VT_DOWNLOAD_FAILED,
                g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                     _("Not an http or https link")));
      return;
    }

  t = g_new0 (Transfer, 1);
  t->self = self;
  t->download = g_object_ref (download);
  t->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  vt_download_next_attempt (download);
  self->active++;
  soup_session_send_async (self->session, t->msg, G_PRIORITY_DEFAULT, self->cancellable, send_cb, t);
}

static void
start_waiting (VtFetcher *self)
{
  VtDownload *download;

  if (self->running_ref == NULL)
    return;
  while (self->active < self->max_connections && (download = g_queue_pop_head (&self->waiting)) != NULL)
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        complete (self, download, VT_DOWNLOAD_CANCELLED, NULL);
      else
        begin (self, download);
    }
}

/* ------------------------------------------------------------------------ */

/**
 * vt_fetcher_start:
 *
 * Creates the output folder (failing here, before any download, when it
 * cannot be written) and starts the downloads. Outcomes arrive through
 * ::downloaded, then ::finished.
 */
gboolean
vt_fetcher_start (VtFetcher  *self,
                  GError    **error)
{
  g_return_val_if_fail (VT_IS_FETCHER (self), FALSE);
  g_return_val_if_fail (self->running_ref == NULL && self->start_time == 0, FALSE);

  if (g_mkdir_with_parents (self->output_dir, 0755) != 0 || g_access (self->output_dir, W_OK) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write to the output folder %s: %s"), self->output_dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* One host or many, as many connections as asked for. */
  self->session = soup_session_new_with_options ("max-conns", self->max_connections,
                                                 "max-conns-per-host", self->max_connections,
                                                 "timeout", self->timeout,
                                                 "user-agent", "Vitrina/" PACKAGE_VERSION " ",
                                                 NULL);
  self->running_ref = g_object_ref (self);
  self->start_time = g_get_monotonic_time ();
  for (guint i = 0; i < self->downloads->len; i++)
    g_queue_push_tail (&self->waiting, g_ptr_array_index (self->downloads, i));
  start_waiting (self);
  finish_if_done (self);
  return TRUE;
}

void
vt_fetcher_cancel (VtFetcher *self)
{
  GHashTableIter iter;
  gpointer id, download;

  g_return_if_fail (VT_IS_FETCHER (self));

  g_cancellable_cancel (self->cancellable);
  /* Downloads waiting to retry are cancelled now rather than at their time. */
  g_hash_table_iter_init (&iter, self->retry_timers);
  while (g_hash_table_iter_next (&iter, &id, &download))
    {
      g_queue_push_tail (&self->waiting, download);
      g_hash_table_iter_remove (&iter);
      g_source_remove (GPOINTER_TO_UINT (id));
    }
  start_waiting (self);
}

/* ------------------------------------------------------------------------ */

static void
vt_fetcher_dispose (GObject *object)
{
  VtFetcher *self = VT_FETCHER (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (vt_fetcher_parent_class)->dispose (object);
}

static void
vt_fetcher_finalize (GObject *object)
{
  VtFetcher *self = VT_FETCHER (object);

  g_queue_clear (&self->waiting);
  g_clear_pointer (&self->downloads, g_ptr_array_unref);
  g_clear_pointer (&self->taken, g_hash_table_unref);
  g_clear_pointer (&self->retry_timers, g_hash_table_unref);
  g_clear_pointer (&self->output_dir, g_free);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vt_fetcher_parent_class)->finalize (object);
}

static void
vt_fetcher_class_init (VtFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vt_fetcher_dispose;
  object_class->finalize = vt_fetcher_finalize;

  /**
   * VtFetcher::downloaded:
   * @download: a link that is done, failed or cancelled
   */
  signals[SIGNAL_DOWNLOADED] =
    g_signal_new ("downloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VT_TYPE_DOWNLOAD);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
vt_fetcher_init (VtFetcher *self)
{
  self->downloads = g_ptr_array_new_with_free_func (g_object_unref);
  self->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->retry_timers = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  self->max_connections = VT_FETCHER_DEFAULT_CONNECTIONS;
  self->retries = VT_FETCHER_DEFAULT_RETRIES;
  self->retry_delay = 250;
  self->max_bytes = VT_FETCHER_DEFAULT_MAX_BYTES;
  self->timeout = VT_FETCHER_DEFAULT_TIMEOUT;
  g_queue_init (&self->waiting);
}

VtFetcher *
vt_fetcher_new (const char *output_dir)
{
  VtFetcher *self;

  g_return_val_if_fail (output_dir != NULL, NULL);

  self = g_object_new (VT_TYPE_FETCHER, NULL);
  self->output_dir = g_canonicalize_filename (output_dir, NULL);
  return self;
}

void
vt_fetcher_set_max_connections (VtFetcher *self,
                                guint      n)
{
  self->max_connections = CLAMP (n, 1, 256);
}

void
vt_fetcher_set_timeout (VtFetcher *self,
                        guint      seconds)
{
  self->timeout = MAX (seconds, 1);
}

void
vt_fetcher_set_retries (VtFetcher *self,
                        guint      n)
{
  self->retries = n;
}

void
vt_fetcher_set_max_bytes (VtFetcher *self,
                          guint64    bytes)
{
  self->max_bytes = MAX (bytes, 1);
}

/* The first retry's delay; each next one doubles it. */
void
vt_fetcher_set_retry_delay (VtFetcher *self,
                            guint      ms)
{
  self->retry_delay = ms;
}

void
vt_fetcher_add_url (VtFetcher  *self,
                    const char *url)
{
  g_return_if_fail (VT_IS_FETCHER (self));
  g_return_if_fail (self->start_time == 0);

  g_ptr_array_add (self->downloads, vt_download_new (self->downloads->len, url));
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
 * vt_fetcher_add_list:
 * @text: one link per line (blank lines and `#` comments skipped), or a
 *   CSV whose header row has a "url" (or "link", "image_url") column
 *
 * Returns: how many links were added
 */
guint
vt_fetcher_add_list (VtFetcher  *self,
                     const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  int column = lines[0] ? url_column (lines[0]) : -1;
  guint before = self->downloads->len;

  for (guint i = column >= 0 ? 1 : 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      if (column >= 0)
        {
          g_auto(GStrv) cells = g_strsplit (line, ",", -1);
          if ((int) g_strv_length (cells) > column)
            vt_fetcher_add_url (self, g_strstrip (g_strdelimit (cells[column], "\"", ' ')));
        }
      else
        vt_fetcher_add_url (self, line);
    }
  return self->downloads->len - before;
}

guint
vt_fetcher_get_n_downloads (VtFetcher *self)
{
  return self->downloads->len;
}

VtDownload *
vt_fetcher_get_download (VtFetcher *self,
                         guint      index)
{
  g_return_val_if_fail (index < self->downloads->len, NULL);
  return g_ptr_array_index (self->downloads, index);
}

/* µs from start to the last outcome. */
gint64
vt_fetcher_get_wall_time (VtFetcher *self)
{
  return self->end_time - self->start_time;
}
