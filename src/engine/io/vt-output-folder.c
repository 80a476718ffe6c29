/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-output-folder.c: a folder made ready for output, or a clear reason why not */
#define G_LOG_DOMAIN "vt-output-folder"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vt-output-folder.h"

/**
 * vt_output_folder_make:
 * @path: a folder to write files into
 *
 * Creates @path and its parents where missing.
 *
 * Returns: %FALSE with @error set, naming @path, when it cannot be made
 */
gboolean
vt_output_folder_make (const char  *path,
                       GError     **error)
{
  int saved_errno;

  if (g_mkdir_with_parents (path, 0755) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot create the folder %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * vt_output_folder_ensure:
 * @path: a folder to write files into
 *
 * Creates @path and its parents where missing and checks that it can be
 * written, so that a batch or a fetch fails before any work rather than
 * at its first file.
 *
 * Returns: %FALSE with @error set when @path cannot be made or written
 */
gboolean
vt_output_folder_ensure (const char  *path,
                         GError     **error)
{
  int saved_errno;

  if (g_mkdir_with_parents (path, 0755) == 0 && g_access (path, W_OK) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Cannot write to the output folder %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}
