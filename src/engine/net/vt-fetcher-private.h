/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-fetcher-private.h: VtFetcher's instance, shared by the files its class is split across
 *
 * vt-fetcher.c           the API, the queue of links and the outcomes
 * vt-fetcher-transfer.c  one attempt at one link: request, body, retry
 * vt-fetcher-names.c     safe, unused file names for what was downloaded
 *
 * Everything runs on the main context of vt_fetcher_new(); nothing is
 * shared with another thread.
 */
#pragma once

#include <libsoup/soup.h>

#include "vt-fetcher.h"

G_BEGIN_DECLS

struct _VtFetcher
{
  GObject       parent_instance;

  /* Settings, fixed once vt_fetcher_start() runs. */
  char         *output_dir;
  guint         max_connections;
  guint         timeout;
  guint         retries;
  guint         retry_delay;
  guint64       max_bytes;

  /* The run. */
  SoupSession  *session;
  GPtrArray    *downloads;      /* VtDownload, in list order */
  GQueue        waiting;        /* VtDownload, not owned */
  GHashTable   *taken;          /* file names given out */
  GHashTable   *retry_timers;   /* source id → VtDownload waiting to retry */
  GCancellable *cancellable;
  VtFetcher    *running_ref;
  gboolean      made_dir;       /* output_dir did not exist before the run */
  guint         active;
  guint         n_finished;
  gint64        start_time;
  gint64        end_time;
};

/* vt-fetcher.c */
void        vt_fetcher_start_waiting (VtFetcher        *self);
void        vt_fetcher_complete      (VtFetcher        *self,
                                      VtDownload       *download,
                                      VtDownloadStatus  status,
                                      GError           *error);

/* vt-fetcher-transfer.c */
void        vt_fetcher_begin         (VtFetcher        *self,
                                      VtDownload       *download);

/* vt-fetcher-names.c */
const char *vt_fetcher_extension_for (const char       *path);
char       *vt_fetcher_unique_path   (VtFetcher        *self,
                                      const char       *url,
                                      const char       *extension);
void        vt_fetcher_mark_origin   (const char       *path,
                                      const char       *url);
char       *vt_fetcher_find_same     (VtFetcher        *self,
                                      const char       *url,
                                      const char       *extension,
                                      const char       *downloaded);

G_END_DECLS
