/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-atomic-file.h: files that appear whole or not at all, through a hidden temporary file */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int      vt_atomic_file_open_temporary (const char  *dir,
                                        char       **tmp_path);
gboolean vt_atomic_file_commit         (const char  *tmp_path,
                                        const char  *path,
                                        GError     **error);
gboolean vt_atomic_file_write          (const char  *path,
                                        GBytes      *bytes,
                                        GError     **error);

G_END_DECLS
