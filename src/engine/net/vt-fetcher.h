/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-fetcher.h: product photos downloaded from a list of links, concurrently */
#pragma once

#include <gio/gio.h>

#include "vt-download.h"

G_BEGIN_DECLS

#define VT_FETCHER_DEFAULT_CONNECTIONS 32
#define VT_FETCHER_DEFAULT_TIMEOUT     10
#define VT_FETCHER_DEFAULT_RETRIES     2
#define VT_FETCHER_DEFAULT_MAX_BYTES   (50u * 1024 * 1024)

#define VT_TYPE_FETCHER (vt_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (VtFetcher, vt_fetcher, VT, FETCHER, GObject)

VtFetcher  *vt_fetcher_new                 (const char  *output_dir);
void        vt_fetcher_set_max_connections (VtFetcher   *self,
                                            guint        n);
void        vt_fetcher_set_timeout         (VtFetcher   *self,
                                            guint        seconds);
void        vt_fetcher_set_retries         (VtFetcher   *self,
                                            guint        n);
void        vt_fetcher_set_max_bytes       (VtFetcher   *self,
                                            guint64      bytes);
void        vt_fetcher_set_retry_delay     (VtFetcher   *self,
                                            guint        ms);
void        vt_fetcher_add_url             (VtFetcher   *self,
                                            const char  *url);
guint       vt_fetcher_add_list            (VtFetcher   *self,
                                            const char  *text);
guint       vt_fetcher_get_n_downloads     (VtFetcher   *self);
VtDownload *vt_fetcher_get_download        (VtFetcher   *self,
                                            guint        index);
gboolean    vt_fetcher_start               (VtFetcher   *self,
                                            GError     **error);
void        vt_fetcher_cancel              (VtFetcher   *self);
gint64      vt_fetcher_get_wall_time       (VtFetcher   *self);
char       *vt_fetcher_name_for_url        (const char  *url);

G_END_DECLS
