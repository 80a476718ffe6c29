/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-metadata.c: which of a photo's EXIF data its outputs keep
 *
 * The decoder keeps the photo's EXIF block (the APP1 payload, "Exif\0\0"
 * and all) on the decoded surface when the recipe keeps any metadata; each
 * output then gets a filtered copy. Whatever the policy, the orientation is
 * reset (the pixels are already upright), the embedded thumbnail is
 * dropped (it would show the uncropped, unfiltered photo) and so are the
 * pixel dimensions, which no longer hold.
 */
#define G_LOG_DOMAIN "vt-metadata"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <libexif/exif-data.h>

#include "vt-metadata.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExifData, exif_data_unref)

/* A JPEG marker holds at most 65533 bytes of payload. */
#define MAX_APP1 65533

static const cairo_user_data_key_t exif_key;

/**
 * vt_metadata_attach:
 * @exif: (transfer none): the photo's APP1 EXIF payload
 */
void
vt_metadata_attach (cairo_surface_t *photo,
                    GBytes          *exif)
{
  cairo_surface_set_user_data (photo, &exif_key, g_bytes_ref (exif),
                               (cairo_destroy_func_t) g_bytes_unref);
}

/* Returns: (transfer none) (nullable): what vt_metadata_attach() left */
GBytes *
vt_metadata_get (cairo_surface_t *photo)
{
  return cairo_surface_get_user_data (photo, &exif_key);
}

static gboolean
keeps (ExifIfd     ifd,
       ExifTag     tag,
       VtMetadata  policy)
{
  switch (tag)
    {
    case EXIF_TAG_PIXEL_X_DIMENSION:
    case EXIF_TAG_PIXEL_Y_DIMENSION:
      return FALSE;
    case EXIF_TAG_ARTIST:
    case EXIF_TAG_COPYRIGHT:
      return ifd == EXIF_IFD_0;
    default:
      break;
    }

  switch (policy)
    {
    case VT_METADATA_ALL_WITH_GPS:
      return ifd != EXIF_IFD_1;
    case VT_METADATA_ALL:
      return ifd != EXIF_IFD_1 && ifd != EXIF_IFD_GPS;
    case VT_METADATA_COPYRIGHT:
    case VT_METADATA_NONE:
    default:
      return FALSE;
    }
}

/* Returns: how many entries besides the orientation are left */
static guint
filter_ifd (ExifData   *ed,
            ExifIfd     ifd,
            VtMetadata  policy)
{
  ExifContent *content = ed->ifd[ifd];
  ExifByteOrder order = exif_data_get_byte_order (ed);
  guint kept = 0;

  /* Backwards, since removing shifts the entries after it. */
  for (int i = (int) content->count - 1; i >= 0; i--)
    {
      ExifEntry *e = content->entries[i];

      if (e->tag == EXIF_TAG_ORIENTATION && e->format == EXIF_FORMAT_SHORT && e->size >= 2)
        exif_set_short (e->data, order, 1);
      else if (!keeps (ifd, e->tag, policy))
        exif_content_remove_entry (content, e);
      else
        kept++;
    }
  return kept;
}

/**
 * vt_metadata_filter:
 * @exif: (nullable): a photo's APP1 EXIF payload
 *
 * Returns: (transfer full) (nullable): the payload to write into an output
 * under @policy, or %NULL when nothing is to be kept
 */
GBytes *
vt_metadata_filter (GBytes     *exif,
                    VtMetadata  policy)
{
  g_autoptr(ExifData) ed = NULL;
  unsigned char *data = NULL;
  unsigned int size = 0;
  guint kept = 0;

  if (exif == NULL || policy == VT_METADATA_NONE)
    return NULL;

  ed = exif_data_new_from_data (g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
  if (ed == NULL)
    return NULL;

  /* Written as they are: libexif would otherwise add the tags the
   * standard calls mandatory, with made-up values. */
  exif_data_unset_option (ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  for (int ifd = 0; ifd < EXIF_IFD_COUNT; ifd++)
    kept += filter_ifd (ed, ifd, policy);
  g_clear_pointer (&ed->data, free);
  ed->size = 0;

  if (kept == 0)
    return NULL;
  exif_data_save_data (ed, &data, &size);
  if (data == NULL || size > MAX_APP1)
    {
      free (data);
      return NULL;
    }
  return g_bytes_new_with_free_func (data, size, free, data);
}

/**
 * vt_metadata_new_exif:
 * @tiff: an EXIF block as WebP, HEIF and TIFF files carry it: the TIFF
 *   header and its IFDs, with or without the "Exif\0\0" prefix
 *
 * Returns: (transfer full) (nullable): the block as a JPEG's APP1 payload,
 * which is what vt_metadata_attach() takes, or %NULL when it cannot fit one
 */
GBytes *
vt_metadata_new_exif (const guint8 *tiff,
                      gsize         len)
{
  static const char prefix[6] = "Exif\0";
  guint8 *app1;

  if (len >= sizeof prefix && memcmp (tiff, prefix, sizeof prefix) == 0)
    {
      tiff += sizeof prefix;
      len -= sizeof prefix;
    }
  if (len < 8 || len + sizeof prefix > MAX_APP1)
    return NULL;
  app1 = g_malloc (len + sizeof prefix);
  memcpy (app1, prefix, sizeof prefix);
  memcpy (app1 + sizeof prefix, tiff, len);
  return g_bytes_new_take (app1, len + sizeof prefix);
}

/**
 * vt_metadata_get_orientation:
 * @exif: (nullable): an APP1 EXIF payload
 *
 * Returns: the EXIF orientation, 1 (upright) when there is none
 */
int
vt_metadata_get_orientation (GBytes *exif)
{
  g_autoptr(ExifData) ed = NULL;
  ExifEntry *entry;
  int orientation;

  if (exif == NULL)
    return 1;
  ed = exif_data_new_from_data (g_bytes_get_data (exif, NULL), g_bytes_get_size (exif));
  entry = ed ? exif_data_get_entry (ed, EXIF_TAG_ORIENTATION) : NULL;
  if (entry == NULL || entry->format != EXIF_FORMAT_SHORT || entry->size < 2)
    return 1;
  orientation = exif_get_short (entry->data, exif_data_get_byte_order (ed));
  return orientation >= 1 && orientation <= 8 ? orientation : 1;
}
