/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-download.h: what happened to one link of a fetch */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  VT_DOWNLOAD_PENDING,
  VT_DOWNLOAD_DONE,
  VT_DOWNLOAD_FAILED,
  VT_DOWNLOAD_CANCELLED,
  VT_DOWNLOAD_SKIPPED,    /* already in the folder with the same bytes; the path names that file */
} VtDownloadStatus;

#define VT_TYPE_DOWNLOAD (vt_download_get_type ())
G_DECLARE_FINAL_TYPE (VtDownload, vt_download, VT, DOWNLOAD, GObject)

VtDownload       *vt_download_new          (const char       *url);
const char       *vt_download_get_url      (VtDownload       *self);
const char       *vt_download_get_path     (VtDownload       *self);
VtDownloadStatus  vt_download_get_status   (VtDownload       *self);
const GError     *vt_download_get_error    (VtDownload       *self);
guint64           vt_download_get_bytes    (VtDownload       *self);
guint             vt_download_get_attempts (VtDownload       *self);

/* For the fetcher, on the main thread. */
void              vt_download_set_path     (VtDownload       *self,
                                            const char       *path);
void              vt_download_set_status   (VtDownload       *self,
                                            VtDownloadStatus  status,
                                            GError           *error);
void              vt_download_add_bytes    (VtDownload       *self,
                                            gsize             n);
void              vt_download_reset_bytes  (VtDownload       *self);
guint             vt_download_next_attempt (VtDownload       *self);

G_END_DECLS
