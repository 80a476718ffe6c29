/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-atomic-file.c: files that appear whole or not at all, through a hidden temporary file
 *
 * A file is written to a hidden temporary file in its target folder and
 * renamed (or, for an unnamed file, linked) to its final name once whole:
 * an interrupted run or a full disk never leaves a truncated file under a
 * final name, and a failed write leaves nothing at all. The temporary file
 * is in the same folder so that the rename never crosses file systems.
 */
#define G_LOG_DOMAIN "vt-atomic-file"

#define _GNU_SOURCE 1  /* O_TMPFILE */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vt-atomic-file.h"

#define TEMPORARY_NAME ".vitrina-XXXXXX"

/* GLib 2.74 maps EDQUOT to G_IO_ERROR_FAILED; for the job a quota used up
 * is no different from a full disk (see vt_job_error_stops()). */
static GIOErrorEnum
io_error_from_errno (int err_no)
{
  return err_no == EDQUOT ? G_IO_ERROR_NO_SPACE : g_io_error_from_errno (err_no);
}

/**
 * vt_atomic_file_open_temporary:
 * @dir: the folder the final file will be in
 * @tmp_path: (out) (transfer full): the temporary file's path, set on success
 *
 * Creates a new hidden file in @dir, for vt_atomic_file_commit() to give
 * its final name once it is whole.
 *
 * Returns: a file descriptor open for writing, or -1 with errno set
 */
int
vt_atomic_file_open_temporary (const char  *dir,
                               char       **tmp_path)
{
  g_autofree char *path = g_build_filename (dir, TEMPORARY_NAME, NULL);
  int fd = g_mkstemp_full (path, O_WRONLY | O_CLOEXEC, 0644);

  if (fd >= 0)
    *tmp_path = g_steal_pointer (&path);
  return fd;
}

/**
 * vt_atomic_file_commit:
 * @tmp_path: a closed file from vt_atomic_file_open_temporary()
 * @path: its final name, in the same folder; replaced if it exists
 *
 * On failure the temporary file stays; the caller removes it.
 */
gboolean
vt_atomic_file_commit (const char  *tmp_path,
                       const char  *path,
                       GError     **error)
{
  int saved_errno;

  if (g_rename (tmp_path, path) == 0)
    return TRUE;

  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, io_error_from_errno (saved_errno),
               _("Could not write %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

#ifdef O_TMPFILE
/* An unnamed file in @dir, given its name once whole: one change to the
 * folder instead of a create and a rename, and nothing left behind should
 * the process die. %FALSE with errno set otherwise: EEXIST when @path is
 * already there, EOPNOTSUPP (or EISDIR) where the file system has no
 * unnamed files. */
static gboolean
write_unnamed (const char   *dir,
               const char   *path,
               const guint8 *data,
               gsize         len)
{
  char fd_path[64];
  int fd, saved_errno;
  gboolean ok;

  fd = open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return FALSE;
  g_snprintf (fd_path, sizeof fd_path, "/proc/self/fd/%d", fd);
  ok = write_all (fd, data, len) &&
       linkat (AT_FDCWD, fd_path, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0;
  saved_errno = errno;
  close (fd);
  errno = saved_errno;
  return ok;
}
#endif

/**
 * vt_atomic_file_write:
 * @path: the file to write; replaced if it exists
 * @bytes: its whole contents
 *
 * Writes @bytes to a hidden temporary file beside @path and renames it over
 * @path. Where the file system allows, a new file is written unnamed and
 * linked in instead.
 */
gboolean
vt_atomic_file_write (const char  *path,
                      GBytes      *bytes,
                      GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int fd = -1, saved_errno;

#ifdef O_TMPFILE
  if (write_unnamed (dir, path, data, len))
    return TRUE;
  if (errno != EEXIST && errno != EOPNOTSUPP && errno != EISDIR && errno != ENOENT)
    goto failed;
#endif

  fd = vt_atomic_file_open_temporary (dir, &tmp);
  if (fd < 0)
    goto failed;
  if (!write_all (fd, data, len))
    {
      saved_errno = errno;
      close (fd);
      errno = saved_errno;
      goto failed;
    }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    goto failed;
  return TRUE;

failed:
  saved_errno = errno;
  if (tmp != NULL)
    g_unlink (tmp);
  g_set_error (error, G_IO_ERROR, io_error_from_errno (saved_errno),
               _("Could not write %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}
