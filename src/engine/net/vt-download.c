/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-download.c: what happened to one link of a fetch
 *
 * Lives on the main thread only: the fetcher's I/O is asynchronous on the
 * main context, with no worker threads.
 */
#define G_LOG_DOMAIN "vt-download"

#include "config.h"

#include "vt-download.h"

struct _VtDownload
{
  GObject           parent_instance;

  char             *url;
  char             *path;
  VtDownloadStatus  status;
  GError           *error;
  guint64           bytes;
  guint             attempts;
};

G_DEFINE_FINAL_TYPE (VtDownload, vt_download, G_TYPE_OBJECT)

static void
vt_download_finalize (GObject *object)
{
  VtDownload *self = VT_DOWNLOAD (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (vt_download_parent_class)->finalize (object);
}

static void
vt_download_class_init (VtDownloadClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vt_download_finalize;
}

static void
vt_download_init (VtDownload *self)
{
}

VtDownload *
vt_download_new (const char *url)
{
  VtDownload *self = g_object_new (VT_TYPE_DOWNLOAD, NULL);

  self->url = g_strdup (url);
  return self;
}

const char *vt_download_get_url (VtDownload *self) { return self->url; }
const char *vt_download_get_path (VtDownload *self) { return self->path; }
VtDownloadStatus vt_download_get_status (VtDownload *self) { return self->status; }
const GError *vt_download_get_error (VtDownload *self) { return self->error; }
guint64 vt_download_get_bytes (VtDownload *self) { return self->bytes; }
guint vt_download_get_attempts (VtDownload *self) { return self->attempts; }

void
vt_download_set_path (VtDownload *self,
                      const char *path)
{
  g_free (self->path);
  self->path = g_strdup (path);
}

/**
 * vt_download_set_status:
 * @error: (transfer full) (nullable): why it failed
 */
void
vt_download_set_status (VtDownload       *self,
                        VtDownloadStatus  status,
                        GError           *error)
{
  self->status = status;
  g_clear_error (&self->error);
  self->error = error;
}

void
vt_download_add_bytes (VtDownload *self,
                       gsize       n)
{
  self->bytes += n;
}

void
vt_download_reset_bytes (VtDownload *self)
{
  self->bytes = 0;
}

/* Returns the number of the attempt now starting, from 1. */
guint
vt_download_next_attempt (VtDownload *self)
{
  return ++self->attempts;
}
