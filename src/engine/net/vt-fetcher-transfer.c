/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-fetcher-transfer.c: one attempt at one link, from the request to a named file, or a retry
 *
 * begin → send_cb (status, announced size, hidden temporary file) →
 * read_cb per chunk (size limit) → body_done (is it an image? then its
 * final name). Any step may end in attempt_failed(), which retries, with a
 * short, doubling and jittered delay, what may pass (timeouts, dropped connections, 5xx
 * answers) and fails the rest.
 */
#define G_LOG_DOMAIN "vt-fetcher"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "vt-atomic-file.h"
#include "vt-fetcher-private.h"
#include "vt-image.h"

#define CHUNK (64 * 1024)

/* One attempt at one link. */
typedef struct {
  VtFetcher     *self;
  VtDownload    *download;
  SoupMessage   *msg;
  GInputStream  *body;
  GOutputStream *file;
  char          *tmp_path;
} Transfer;

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
  vt_fetcher_start_waiting (r->self);
  return G_SOURCE_REMOVE;
}

static void
retry_free (Retry *r)
{
  g_object_unref (r->self);
  g_free (r);
}

/* The wait before retry @attempt (1 for the first retry): the base delay,
 * doubled each time, spread over half to one and a half of that, so that
 * links that failed together (a server's hiccup) do not all come back at
 * the same instant. A short first wait matters most at the end of a list,
 * where the whole import waits on the last link. */
static guint
retry_delay (VtFetcher *self,
             guint      attempt)
{
  guint delay = self->retry_delay << MIN (attempt - 1, 10);

  return delay / 2 + (guint) g_random_int_range (0, (gint32) delay + 1);
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
      vt_fetcher_complete (self, download, VT_DOWNLOAD_CANCELLED, NULL);
    }
  else if (transient && vt_download_get_attempts (download) <= self->retries)
    {
      Retry *r = g_new (Retry, 1);
      guint delay = retry_delay (self, vt_download_get_attempts (download));
      guint id;

      r->self = g_object_ref (self);
      r->download = download;
      id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay, retry_cb, r, (GDestroyNotify) retry_free);
      g_hash_table_insert (self->retry_timers, GUINT_TO_POINTER (id), download);
      g_error_free (error);
      vt_fetcher_start_waiting (self);
    }
  else
    {
      vt_fetcher_complete (self, download, VT_DOWNLOAD_FAILED, error);
    }
  transfer_free (t);
}

/* For a body announced or found to be over the size limit. */
static GError *
too_large_error (VtFetcher *self)
{
  g_autofree char *limit = g_format_size (self->max_bytes);

  return g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, _("Larger than the limit of %s"), limit);
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

  extension = vt_fetcher_extension_for (t->tmp_path);
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

  /* The same link fetched again into the same folder is not a new photo. */
  path = vt_fetcher_find_same (self, vt_download_get_url (t->download), extension, t->tmp_path);
  if (path != NULL)
    {
      vt_download_set_path (t->download, path);
      self->active--;
      vt_fetcher_complete (self, t->download, VT_DOWNLOAD_SKIPPED, NULL);
      transfer_free (t);
      return;
    }

  path = vt_fetcher_unique_path (self, vt_download_get_url (t->download), extension);
  if (!vt_atomic_file_commit (t->tmp_path, path, &error))
    {
      attempt_failed (t, error, FALSE);
      return;
    }
  g_clear_pointer (&t->tmp_path, g_free);
  vt_fetcher_mark_origin (path, vt_download_get_url (t->download));
  vt_download_set_path (t->download, path);

  self->active--;
  vt_fetcher_complete (self, t->download, VT_DOWNLOAD_DONE, NULL);
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
      attempt_failed (t, too_large_error (t->self), FALSE);
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
  int fd = vt_atomic_file_open_temporary (t->self->output_dir, &t->tmp_path);

  if (fd < 0)
    {
      int saved_errno = errno;
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
      attempt_failed (t, too_large_error (t->self), FALSE);
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

/* Starts the next attempt at @download's link. */
void
vt_fetcher_begin (VtFetcher  *self,
                  VtDownload *download)
{
  g_autoptr(GUri) uri = g_uri_parse (vt_download_get_url (download), SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  Transfer *t;

  if (scheme != NULL && g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      vt_fetcher_complete (self, download, VT_DOWNLOAD_FAILED,
                g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             /* TRANSLATORS: %s is a link's scheme, as "ftp" */
                             _("Not an http or https link: “%s” links cannot be downloaded"), scheme));
      return;
    }
  if (uri == NULL || scheme == NULL)
    {
      vt_fetcher_complete (self, download, VT_DOWNLOAD_FAILED,
                g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                     _("Not an http or https link")));
      return;
    }
  /* "https://" parses with an empty host, which libsoup refuses to send. */
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      vt_fetcher_complete (self, download, VT_DOWNLOAD_FAILED,
                g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                     _("Not a whole link: it names no server")));
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
