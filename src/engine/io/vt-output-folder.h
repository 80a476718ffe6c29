/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-output-folder.h: a folder made ready for output, or a clear reason why not */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean vt_output_folder_make   (const char  *path,
                                  GError     **error);
gboolean vt_output_folder_ensure (const char  *path,
                                  GError     **error);

G_END_DECLS
