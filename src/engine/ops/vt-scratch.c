/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-scratch.c: working memory a thread keeps from one photo to the next
 *
 * A step that needs a few bytes a pixel of working memory needs 12 MB or
 * more a byte for a 12-megapixel photo. Memory that large is mapped fresh
 * for each allocation and comes from the kernel a page fault per 4 KB,
 * which costs as much as the step's own work. Each thread keeps the
 * step's memory for its next photo instead, until it ends: a job's
 * threads end with the job, the preview's after 15 idle seconds.
 */
#define G_LOG_DOMAIN "vt-scratch"

#include "config.h"

#include "vt-scratch.h"

typedef struct {
  guint8 *data;
  gsize   size;
} Scratch;

/* The GPrivate's destroy notify: at the thread's end. */
void
vt_scratch_free (gpointer scratch)
{
  Scratch *self = scratch;

  g_free (self->data);
  g_free (self);
}

/**
 * vt_scratch_get:
 * @key: the step's own GPrivate, made with VT_SCRATCH_INIT
 *
 * Returns: (transfer none): @size bytes of this thread's memory for the
 *   step @key names, their contents undefined, good until the next call
 *   with @key on this thread
 */
guint8 *
vt_scratch_get (GPrivate *key,
                gsize     size)
{
  Scratch *self = g_private_get (key);

  if (self == NULL)
    {
      self = g_new0 (Scratch, 1);
      g_private_set (key, self);
    }
  if (self->size < size)
    {
      /* a larger photo: what the smaller one had is not kept as well */
      g_free (self->data);
      self->data = g_malloc (size);
      self->size = size;
    }
  return self->data;
}
