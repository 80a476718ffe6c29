/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-engine.c: process-wide settings that programs using the engine apply */
#define G_LOG_DOMAIN "vt-engine"

#include "config.h"

#ifdef HAVE_MALLOPT
# include <malloc.h>
#endif

#include <glib/gstdio.h>

#include "vitrina-engine.h"

/* Pixel buffers of this size and above come straight from mmap and go back
 * to the system when freed. */
#define MMAP_THRESHOLD (4 * 1024 * 1024)
/* Free memory an arena keeps at its top before giving it back. */
#define TRIM_THRESHOLD (16 * 1024 * 1024)

/**
 * vt_engine_init:
 *
 * For programs, not libraries, to call first thing. glibc raises its mmap
 * threshold to the largest block freed (up to 32 MB) and then keeps freed
 * blocks in each thread's arena: with many threads passing 10–50 MB pixel
 * buffers around, a batch then holds far more memory than it uses. A
 * fixed threshold keeps memory to what is live.
 *
 * A fixed mmap threshold also fixes glibc's trim threshold at 128 kB, so
 * every photo's scratch buffers (a few MB, below the mmap threshold) would
 * go back to the system and come back as fresh pages, paying the kernel's
 * page faults each time. Keeping 16 MB per arena costs that much memory
 * per thread at most. (docs/PERFORMANCE.md has the measurements.)
 */
void
vt_engine_init (void)
{
#ifdef HAVE_MALLOPT
  mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD);
  mallopt (M_TRIM_THRESHOLD, TRIM_THRESHOLD);
#endif
}

/**
 * vt_engine_is_uninstalled:
 *
 * Returns: whether this program runs from its build folder, where the
 * installed paths (LOCALEDIR, the icon theme) hold nothing of it yet
 */
gboolean
vt_engine_is_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, VT_BUILD_ROOT G_DIR_SEPARATOR_S);
}

/**
 * vt_engine_get_localedir:
 *
 * Returns: where the translations are: $VITRINA_LOCALEDIR, else the build
 * folder's compiled catalogues when run from it, else the installed ones
 */
const char *
vt_engine_get_localedir (void)
{
  const char *localedir = g_getenv ("VITRINA_LOCALEDIR");

  if (localedir != NULL && *localedir != '\0')
    return localedir;
  return vt_engine_is_uninstalled () ? VT_BUILD_ROOT G_DIR_SEPARATOR_S "po" : LOCALEDIR;
}

/**
 * vt_remove_tree:
 *
 * Removes @path and everything under it, without following symbolic links;
 * for the temporary folders of benchmarks, scaling runs and tests.
 */
void
vt_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        vt_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
