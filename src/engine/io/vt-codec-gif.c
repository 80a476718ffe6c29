/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-gif.c: GIFs as browsers read them, repaired for GdkPixbuf
 *
 * A GIF may leave out the global colour table, and a frame its local one:
 * the format then lets the viewer choose the colours. GdkPixbuf refuses
 * such a frame ("GIF image has no global colormap, and a frame inside it
 * has no local colormap"), where Pillow and browsers show it in greys, the
 * index as the grey level. And a GIF may give its logical screen a zero
 * side, which browsers and Pillow replace with the first frame's extent,
 * while GdkPixbuf hands the zero on to a critical assertion. The file is
 * given to GdkPixbuf with the grey table put in as its global one and the
 * screen made as large as the first frame: the image data need not change,
 * since the LZW code size is stored with each frame, not taken from the
 * table. A frame that claims no pixels is refused before GdkPixbuf sees
 * it, since its loader would again assert instead of naming it.
 */
#define G_LOG_DOMAIN "vt-codec-gif"

#include "config.h"

#include <string.h>

#include "vt-codec.h"

#define SCREEN_END     13       /* "GIF89a" and the logical screen descriptor */
#define HAS_TABLE      0x80
#define GREY_TABLE     0xF7     /* a table, 8-bit colour, 256 entries */

static guint
le16 (const guint8 *p)
{
  return p[0] | p[1] << 8;
}

static gsize
table_size (guint8 flags)
{
  return flags & HAS_TABLE ? 3u << ((flags & 7) + 1) : 0;
}

/* Past the sub-blocks that start at @i and the empty one that ends them;
 * @len when the file ends first. */
static gsize
skip_sub_blocks (const guint8 *data,
                 gsize         len,
                 gsize         i)
{
  while (i < len && data[i] != 0)
    i += data[i] + 1;
  return i < len ? i + 1 : len;
}

/* The offset of the next frame's descriptor from @i, or 0 at the trailer
 * or the end. A byte that starts no block is passed over, as GdkPixbuf's
 * loader does, so that this walk meets every frame the loader will. */
static gsize
next_frame (const guint8 *data,
            gsize         len,
            gsize         i)
{
  while (i < len)
    {
      if (data[i] == 0x2C)
        return i + 10 <= len ? i : 0;
      if (data[i] == 0x3B)
        return 0;
      if (data[i] != 0x21)
        i++;
      else if (i + 2 > len)
        return 0;
      else  /* an extension: its label, then sub-blocks up to an empty one */
        i = skip_sub_blocks (data, len, i + 2);
    }
  return 0;
}

static gsize
find_first_frame (const guint8 *data,
                  gsize         len)
{
  return next_frame (data, len, SCREEN_END + table_size (data[10]));
}

/**
 * vt_codec_gif_has_empty_frame:
 *
 * Whether a frame of a GIF claims no pixels: GdkPixbuf's loader hands such
 * a frame to a critical assertion instead of naming it.
 */
gboolean
vt_codec_gif_has_empty_frame (const guint8 *data,
                              gsize         len)
{
  gsize frame = len > SCREEN_END ? find_first_frame (data, len) : 0;

  while (frame > 0)
    {
      /* The descriptor, its colour table, the LZW code size, the data. */
      gsize image = frame + 10 + table_size (data[frame + 9]) + 1;

      if (le16 (data + frame + 5) == 0 || le16 (data + frame + 7) == 0)
        return TRUE;
      frame = next_frame (data, len, skip_sub_blocks (data, len, image));
    }
  return FALSE;
}

/**
 * vt_codec_gif_size:
 *
 * The logical screen's size, or the first frame's extent for a side the
 * screen gives as zero.
 *
 * Returns: %FALSE when @data is not a GIF
 */
gboolean
vt_codec_gif_size (const guint8 *data,
                   gsize         len,
                   int          *width,
                   int          *height)
{
  gsize frame;

  if (len < SCREEN_END || (memcmp (data, "GIF87a", 6) != 0 && memcmp (data, "GIF89a", 6) != 0))
    return FALSE;
  *width = le16 (data + 6);
  *height = le16 (data + 8);
  if ((*width == 0 || *height == 0) && (frame = find_first_frame (data, len)) > 0)
    {
      if (*width == 0)
        *width = le16 (data + frame + 1) + le16 (data + frame + 5);
      if (*height == 0)
        *height = le16 (data + frame + 3) + le16 (data + frame + 7);
    }
  return TRUE;
}

/**
 * vt_codec_gif_repair:
 * @data: a GIF file
 *
 * Returns: (transfer full) (nullable): the file with a grey global palette
 * and its screen size set, or %NULL when it needs neither
 */
GBytes *
vt_codec_gif_repair (const guint8 *data,
                     gsize         len)
{
  gsize frame = len > SCREEN_END ? find_first_frame (data, len) : 0;
  gboolean grey = frame > 0 && table_size (data[10]) == 0 && !(data[frame + 9] & HAS_TABLE);
  gsize extra = grey ? 768 : 0;
  int width, height;
  guint8 *patched;

  if (!vt_codec_gif_size (data, len, &width, &height) ||
      (!grey && width == (int) le16 (data + 6) && height == (int) le16 (data + 8)))
    return NULL;

  patched = g_malloc (len + extra);
  memcpy (patched, data, SCREEN_END);
  patched[6] = width & 0xFF, patched[7] = width >> 8;
  patched[8] = height & 0xFF, patched[9] = height >> 8;
  if (grey)
    {
      patched[10] = GREY_TABLE;
      patched[11] = 0;      /* the background is the first entry */
      for (int i = 0; i < 256; i++)
        memset (patched + SCREEN_END + 3 * i, i, 3);
    }
  memcpy (patched + SCREEN_END + extra, data + SCREEN_END, len - SCREEN_END);
  return g_bytes_new_take (patched, len + extra);
}
