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
 * A link already saved in the folder (its file marked with the link, as
 * browsers mark theirs) with the same bytes, as when an import is run
 * again, is skipped, and its download names that file.
 * This file holds the API and the queue of links; one attempt at a link is
 * in vt-fetcher-transfer.c, the names in vt-fetcher-names.c.
 */
#define G_LOG_DOMAIN "vt-fetcher"

#include "config.h"

#include <glib/gstdio.h>

#include "vt-fetcher-private.h"
#include "vt-link-list.h"
#include "vt-output-folder.h"
#include "vt-signal.h"

G_DEFINE_FINAL_TYPE (VtFetcher, vt_fetcher, G_TYPE_OBJECT)

enum {
  SIGNAL_DOWNLOADED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* The queue and the outcomes                                                */

static void
finish_if_done (VtFetcher *self)
{
  g_autoptr(VtFetcher) running = NULL;

  if (self->running_ref == NULL || self->n_finished < self->downloads->len)
    return;

  running = g_steal_pointer (&self->running_ref);
  self->end_time = g_get_monotonic_time ();
  /* A folder this run made and nothing arrived in is not left behind
   * empty; rmdir() takes only an empty one. */
  if (self->made_dir)
    g_rmdir (self->output_dir);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, g_cancellable_is_cancelled (self->cancellable));
}

/* @download is over for good, as @status says. */
void
vt_fetcher_complete (VtFetcher        *self,
                     VtDownload       *download,
                     VtDownloadStatus  status,
                     GError           *error)
{
  vt_download_set_status (download, status, error);
  self->n_finished++;
  g_signal_emit (self, signals[SIGNAL_DOWNLOADED], 0, download);
  vt_fetcher_start_waiting (self);
  finish_if_done (self);
}

/* Starts waiting links while fewer than max_connections transfers run. */
void
vt_fetcher_start_waiting (VtFetcher *self)
{
  VtDownload *download;

  if (self->running_ref == NULL)
    return;
  while (self->active < self->max_connections && (download = g_queue_pop_head (&self->waiting)) != NULL)
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        vt_fetcher_complete (self, download, VT_DOWNLOAD_CANCELLED, NULL);
      else
        vt_fetcher_begin (self, download);
    }
}

/* ------------------------------------------------------------------------ */

/* The first links start from the main loop, not from vt_fetcher_start():
 * a link that fails at once (no scheme, or not http) would otherwise emit
 * ::downloaded and ::finished before the caller has kept the fetcher. */
static gboolean
start_idle_cb (gpointer data)
{
  VtFetcher *self = data;

  vt_fetcher_start_waiting (self);
  finish_if_done (self);
  return G_SOURCE_REMOVE;
}

/**
 * vt_fetcher_start:
 *
 * Creates the output folder (failing here, before any download, when it
 * cannot be written) and starts the downloads from the main loop. Outcomes
 * arrive through ::downloaded, then ::finished, never before this returns.
 * A folder made here that nothing arrives in is removed before ::finished.
 */
gboolean
vt_fetcher_start (VtFetcher  *self,
                  GError    **error)
{
  g_autoptr(GSource) source = NULL;

  g_return_val_if_fail (VT_IS_FETCHER (self), FALSE);
  g_return_val_if_fail (self->running_ref == NULL && self->start_time == 0, FALSE);

  self->made_dir = !g_file_test (self->output_dir, G_FILE_TEST_EXISTS);
  if (!vt_output_folder_ensure (self->output_dir, error))
    return FALSE;

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
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, start_idle_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[vitrina] fetcher start");
  g_source_attach (source, g_main_context_get_thread_default ());
  return TRUE;
}

void
vt_fetcher_cancel (VtFetcher *self)
{
  /* The links completed here emit ::finished, whose handler may drop the
   * caller's reference. */
  g_autoptr(VtFetcher) G_GNUC_UNUSED keep = NULL;
  GHashTableIter iter;
  gpointer id, download;

  g_return_if_fail (VT_IS_FETCHER (self));

  keep = g_object_ref (self);
  g_cancellable_cancel (self->cancellable);
  /* Downloads waiting to retry are cancelled now rather than at their time. */
  g_hash_table_iter_init (&iter, self->retry_timers);
  while (g_hash_table_iter_next (&iter, &id, &download))
    {
      g_queue_push_tail (&self->waiting, download);
      g_hash_table_iter_remove (&iter);
      g_source_remove (GPOINTER_TO_UINT (id));
    }
  vt_fetcher_start_waiting (self);
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
  signals[SIGNAL_DOWNLOADED] = vt_signal_new (klass, "downloaded", 1, VT_TYPE_DOWNLOAD);
  signals[SIGNAL_FINISHED] = vt_signal_new (klass, "finished", 1, G_TYPE_BOOLEAN);
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
  self->retry_delay = 150;
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

/* The first retry's mean delay (each attempt waits between half and one
 * and a half of it); each next one doubles it. */
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
  g_autofree char *link = vt_link_normalize (url);

  g_return_if_fail (VT_IS_FETCHER (self));
  g_return_if_fail (self->start_time == 0);

  g_ptr_array_add (self->downloads, vt_download_new (link));
}

/**
 * vt_fetcher_add_list:
 * @text: a list of links, as vt_link_list_parse() reads it
 *
 * Returns: how many links were added
 */
guint
vt_fetcher_add_list (VtFetcher  *self,
                     const char *text)
{
  g_autoptr(GPtrArray) urls = vt_link_list_parse (text);

  for (guint i = 0; i < urls->len; i++)
    vt_fetcher_add_url (self, g_ptr_array_index (urls, i));
  return urls->len;
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
