/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-output-source.c: the photo an output was made from, recorded on the output
 *
 * Cameras name their photos alike: two cards' IMG_0001.jpg, from two
 * folders, make outputs of the same name. Skip-existing must not take the
 * outputs of one for the other's, so each output records the path of its
 * photo in an extended attribute (`user.vitrina.source`), as the fetcher
 * records a link. Where the file system keeps no such attributes, nothing
 * is recorded and an output is taken as its name says.
 */
#define G_LOG_DOMAIN "vt-output"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <sys/xattr.h>

#include "vt-output-source.h"

/* Set and read as bytes: GIO's xattr:: namespace escapes the bytes of a
 * name such as "año" when it reads them back. */
#define SOURCE_ATTRIBUTE "user.vitrina.source"

/**
 * vt_output_source_mark:
 * @output: a file just written
 * @photo: the photo it was made from
 */
void
vt_output_source_mark (const char *output,
                       const char *photo)
{
  g_autofree char *source = g_canonicalize_filename (photo, NULL);

  if (setxattr (output, SOURCE_ATTRIBUTE, source, strlen (source), 0) != 0)
    g_debug ("%s: no source recorded: %s", output, g_strerror (errno));
}

/**
 * vt_output_source_is_other:
 *
 * Returns: whether @output records that it was made from a photo other
 *   than @photo; %FALSE when it records none
 */
gboolean
vt_output_source_is_other (const char *output,
                           const char *photo)
{
  g_autofree char *source = g_canonicalize_filename (photo, NULL);
  gsize len = strlen (source);
  g_autofree char *recorded = g_malloc (len + 1);
  /* One byte more than @photo's path: a longer one is another */
  ssize_t n = getxattr (output, SOURCE_ATTRIBUTE, recorded, len + 1);

  if (n < 0)
    return errno == ERANGE;
  return (gsize) n != len || memcmp (recorded, source, len) != 0;
}
