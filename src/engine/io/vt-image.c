/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-image.c: decoded photos as Cairo image surfaces, and how they are loaded */
#define G_LOG_DOMAIN "vt-image"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#ifdef G_OS_UNIX
# include <sys/mman.h>
#endif

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "vt-codec.h"
#include "vt-image.h"
#include "vt-tsan.h"

G_DEFINE_QUARK (vt-image-error-quark, vt_image_error)

/* Cairo's pixman backend addresses rows with int offsets. */
#define MAX_SIDE 32767

VtImageType
vt_image_sniff (const guint8 *data,
                gsize         len)
{
  if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return VT_IMAGE_TYPE_JPEG;
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return VT_IMAGE_TYPE_WEBP;
  if (len >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0 ||
                   memcmp (data, "II+\0", 4) == 0 || memcmp (data, "MM\0+", 4) == 0))
    return VT_IMAGE_TYPE_TIFF;
  if (vt_codec_heif_sniff (data, len))
    return VT_IMAGE_TYPE_HEIF;
  if (len == 0)
    return VT_IMAGE_TYPE_UNKNOWN;
  return VT_IMAGE_TYPE_OTHER;
}

static gboolean
check_size (int      width,
            int      height,
            GError **error)
{
  if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE)
    {
      g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_TOO_LARGE,
                   _("Image size %d × %d is not supported"), width, height);
      return FALSE;
    }
  return TRUE;
}

static void
set_no_memory_error (int      width,
                     int      height,
                     GError **error)
{
  g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_NO_MEMORY,
               _("Not enough memory for a %d × %d image"), width, height);
}

/**
 * vt_image_new:
 *
 * Returns: (transfer full) (nullable): a black RGB24 surface, or %NULL
 * with @error set
 */
cairo_surface_t *
vt_image_new (int      width,
              int      height,
              GError **error)
{
  cairo_surface_t *surface;

  if (!check_size (width, height, error))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      set_no_memory_error (width, height, error);
      return NULL;
    }

  return surface;
}

/* Pixel buffers of a megabyte and more are kept when their surface goes,
 * for the next photo of the same size. Freed, they would go back to the
 * system (vt_engine_init() has them mmap'd, to keep memory to what is
 * live) and come back as fresh pages: at 12 megapixels, the kernel's page
 * faults were a sixth of a worker's time. A worker's buffers are either in
 * use or here, so the pool adds little to the peak (172 → 199 MB for eight
 * workers on 12-megapixel photos); the oldest go first when it is full. */
#define POOL_MIN_SIZE    (1024 * 1024)
#define POOL_MAX_BUFFERS 16
#define POOL_MAX_BYTES   (64 * 1024 * 1024)

typedef struct {
  gsize   size;
  guint8 *pixels;
} Buffer;

static GMutex pool_lock;
static Buffer pool[POOL_MAX_BUFFERS];   /* oldest first */
static guint pool_len;
static gsize pool_bytes;

static void
pool_drop_oldest (void)
{
  g_free (pool[0].pixels);
  pool_bytes -= pool[0].size;
  memmove (pool, pool + 1, --pool_len * sizeof (Buffer));
}

static guint8 *
pool_take (gsize size)
{
  guint8 *pixels = NULL;

  vt_mutex_lock (&pool_lock);
  for (guint i = pool_len; pixels == NULL && i-- > 0;)
    if (pool[i].size == size)
      {
        pixels = pool[i].pixels;
        pool_bytes -= size;
        memmove (pool + i, pool + i + 1, (--pool_len - i) * sizeof (Buffer));
      }
  vt_mutex_unlock (&pool_lock);
  return pixels != NULL ? pixels : g_try_malloc (size);
}

static void
pool_give (Buffer *buffer)
{
  vt_mutex_lock (&pool_lock);
  while (pool_len > 0 && (pool_len == POOL_MAX_BUFFERS || pool_bytes + buffer->size > POOL_MAX_BYTES))
    pool_drop_oldest ();
  pool[pool_len++] = *buffer;
  pool_bytes += buffer->size;
  vt_mutex_unlock (&pool_lock);
  g_free (buffer);
}

/**
 * vt_image_release_pool:
 *
 * Frees the pixel buffers kept for the next photo, once a batch is over.
 */
void
vt_image_release_pool (void)
{
  vt_mutex_lock (&pool_lock);
  while (pool_len > 0)
    pool_drop_oldest ();
  vt_mutex_unlock (&pool_lock);
}

static void
buffer_free (Buffer *buffer)
{
  if (buffer->size >= POOL_MIN_SIZE && buffer->size <= POOL_MAX_BYTES)
    {
      pool_give (buffer);
      return;
    }
  g_free (buffer->pixels);
  g_free (buffer);
}

/* vt_image_new_uninitialized() in @format: RGB24, or premultiplied ARGB32
 * for a photo with transparency, as Cairo and the resampler want it. */
cairo_surface_t *
vt_image_new_format (cairo_format_t   format,
                     int              width,
                     int              height,
                     GError         **error)
{
  static const cairo_user_data_key_t buffer_key;
  cairo_surface_t *surface;
  int stride;
  Buffer *buffer;

  if (!check_size (width, height, error))
    return NULL;

  /* RGB24 and ARGB32 rows are alike in size, so they share the pool. */
  stride = cairo_format_stride_for_width (format, width);
  buffer = g_new (Buffer, 1);
  buffer->size = (gsize) stride * height;
  buffer->pixels = pool_take (buffer->size);
  if (buffer->pixels == NULL)
    {
      g_free (buffer);
      set_no_memory_error (width, height, error);
      return NULL;
    }
  surface = cairo_image_surface_create_for_data (buffer->pixels, format, width, height, stride);
  if (cairo_surface_set_user_data (surface, &buffer_key, buffer,
                                   (cairo_destroy_func_t) buffer_free) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      buffer_free (buffer);
      set_no_memory_error (width, height, error);
      return NULL;
    }

  return surface;
}

/**
 * vt_image_new_uninitialized:
 *
 * vt_image_new() with the pixels left as they are in memory, for callers
 * that write every pixel: the decoder, the resampler. Clearing memory about
 * to be overwritten was 2 % of a batch; and large buffers come from a pool.
 *
 * Returns: (transfer full) (nullable): an RGB24 surface, or %NULL with
 * @error set
 */
cairo_surface_t *
vt_image_new_uninitialized (int      width,
                            int      height,
                            GError **error)
{
  return vt_image_new_format (CAIRO_FORMAT_RGB24, width, height, error);
}

/* vt_image_new_uninitialized() for a step that makes a photo from @like:
 * one with transparency keeps it, an opaque one stays RGB24. */
cairo_surface_t *
vt_image_new_like (cairo_surface_t  *like,
                   int               width,
                   int               height,
                   GError          **error)
{
  return vt_image_new_format (vt_image_has_alpha (like) ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                              width, height, error);
}

/* Only photos with pixels not fully opaque are ARGB32 (vt_codec_rgba_to_surface()). */
gboolean
vt_image_has_alpha (cairo_surface_t *surface)
{
  return cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32;
}

/**
 * vt_image_copy:
 *
 * Returns: (transfer full) (nullable): a copy, or %NULL when out of memory
 */
cairo_surface_t *
vt_image_copy (cairo_surface_t *surface)
{
  cairo_surface_t *copy = vt_image_new_like (surface, cairo_image_surface_get_width (surface),
                                             cairo_image_surface_get_height (surface), NULL);
  cairo_t *cr;

  if (copy == NULL)
    return NULL;
  cr = cairo_create (copy);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (copy);
  return copy;
}

int
vt_image_get_width (cairo_surface_t *surface)
{
  return cairo_image_surface_get_width (surface);
}

int
vt_image_get_height (cairo_surface_t *surface)
{
  return cairo_image_surface_get_height (surface);
}

/* EXIF orientations 2–8 as the affine map from source to upright pixels. */
static gboolean
orientation_matrix (int             orientation,
                    int             w,
                    int             h,
                    cairo_matrix_t *m)
{
  switch (orientation)
    {
    case 2: cairo_matrix_init (m, -1,  0,  0,  1, w, 0); return TRUE;
    case 3: cairo_matrix_init (m, -1,  0,  0, -1, w, h); return TRUE;
    case 4: cairo_matrix_init (m,  1,  0,  0, -1, 0, h); return TRUE;
    case 5: cairo_matrix_init (m,  0,  1,  1,  0, 0, 0); return TRUE;
    case 6: cairo_matrix_init (m,  0,  1, -1,  0, h, 0); return TRUE;
    case 7: cairo_matrix_init (m,  0, -1, -1,  0, h, w); return TRUE;
    case 8: cairo_matrix_init (m,  0, -1,  1,  0, 0, w); return TRUE;
    default: return FALSE;
    }
}

/**
 * vt_image_orient:
 * @surface: (transfer full): a decoded photo
 * @orientation: its EXIF orientation, 1–8
 *
 * Returns: (transfer full): the photo turned upright; @surface itself when
 * nothing needs doing.
 */
cairo_surface_t *
vt_image_orient (cairo_surface_t *surface,
                 int              orientation)
{
  int w = vt_image_get_width (surface);
  int h = vt_image_get_height (surface);
  g_autoptr(cairo_surface_t) owned = surface;
  cairo_surface_t *upright;
  cairo_matrix_t m;
  cairo_t *cr;

  if (!orientation_matrix (orientation, w, h, &m))
    return g_steal_pointer (&owned);

  upright = orientation >= 5 ? vt_image_new_like (surface, h, w, NULL)
                              : vt_image_new_like (surface, w, h, NULL);
  if (upright == NULL)
    return g_steal_pointer (&owned);

  /* Nearest filtering on a quarter-turn grid copies pixels exactly. */
  cr = cairo_create (upright);
  cairo_set_matrix (cr, &m);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (upright);

  return upright;
}

/**
 * vt_image_read:
 * @path: a photo's file
 * @error: the reason it cannot be read, naming the file
 *
 * The file's contents, mapped rather than copied so that the decoder reads
 * the page cache directly. The kernel is asked to start reading all of it
 * now, so that a photo waiting for a core can arrive from a slow disk
 * meanwhile instead of when the core decodes it.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set
 */
GBytes *
vt_image_read (const char  *path,
               GError     **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);

  if (file == NULL)
    return NULL;
#ifdef POSIX_MADV_WILLNEED
  if (g_mapped_file_get_length (file) > 0)
    posix_madvise (g_mapped_file_get_contents (file), g_mapped_file_get_length (file), POSIX_MADV_WILLNEED);
#endif
  return g_mapped_file_get_bytes (file);
}

/**
 * vt_image_peek_size:
 * @path: the photo's file
 * @bytes: (nullable): its contents, when they have been read already
 *
 * The pixel size vt_image_load() will allocate for @path with @hints, from
 * the file's header alone.
 *
 * Returns: %FALSE when the header cannot be read
 */
gboolean
vt_image_peek_size (const char        *path,
                    GBytes            *bytes,
                    const VtLoadHints *hints,
                    int               *width,
                    int               *height)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) mapped = NULL;
  const guint8 *data;
  gsize len;

  if (bytes == NULL)
    {
      /* Not vt_image_read(): only the header is needed, not a read-ahead. */
      file = g_mapped_file_new (path, FALSE, NULL);
      if (file == NULL)
        return FALSE;
      bytes = mapped = g_mapped_file_get_bytes (file);
    }
  data = g_bytes_get_data (bytes, &len);
  if (vt_image_sniff (data, len) == VT_IMAGE_TYPE_JPEG)
    return vt_codec_jpeg_peek_size (data, len, hints, width, height);
  /* Read here, not by gdk_pixbuf_get_file_info(): a loader must never see a
   * zero size (GdkPixbuf asserts on it), and GdkPixbuf reads no WebP. */
  return vt_codec_header_size (data, len, width, height) && *width > 0 && *height > 0;
}

/* The size the header claims, refused when zero or absurd before any
 * decoder sees it: some assert on a zero size (GdkPixbuf's info_cb), some
 * allocate whatever a forged header says. The pixel limit is checked again
 * by the JPEG decoder, which may shrink a large photo while decoding. */
static gboolean
check_header (const guint8      *data,
              gsize              len,
              const VtLoadHints *hints,
              GError           **error)
{
  int width = 0, height = 0;

  if (!vt_codec_header_size (data, len, &width, &height))
    return TRUE;      /* unknown or unreadable: the decoder says which */
  if (width <= 0 || height <= 0)
    {
      g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_CORRUPT,
                   _("The header gives the photo no pixels (%d × %d)"), width, height);
      return FALSE;
    }
  if (width > VT_IMAGE_MAX_HEADER_SIDE || height > VT_IMAGE_MAX_HEADER_SIDE)
    {
      g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_TOO_LARGE,
                   _("The header gives the photo %u × %u pixels, above the limit of %u a side"),
                   (guint) width, (guint) height, (guint) VT_IMAGE_MAX_HEADER_SIDE);
      return FALSE;
    }
  return vt_image_sniff (data, len) == VT_IMAGE_TYPE_JPEG ||
         vt_codec_check_pixels (width, height, hints, error);
}

/**
 * vt_image_load:
 * @bytes: the file's contents
 * @hints: (nullable): how small the decoder may make it
 * @error: the reason, naming what is wrong with the bytes
 *
 * Decodes a photo of any supported type, judged by its bytes and not by its
 * name, into an upright RGB24 surface.
 *
 * Returns: (transfer full): the photo, or %NULL with @error set
 */
cairo_surface_t *
vt_image_load (GBytes            *bytes,
               const VtLoadHints *hints,
               GError           **error)
{
  static const VtLoadHints full_size = { .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS };
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (hints == NULL)
    hints = &full_size;
  if (!check_header (data, len, hints, error))
    return NULL;

  switch (vt_image_sniff (data, len))
    {
    case VT_IMAGE_TYPE_JPEG:
      return vt_codec_jpeg_decode (data, len, hints, error);

    case VT_IMAGE_TYPE_WEBP:
      return vt_codec_webp_decode (data, len, hints, error);

    case VT_IMAGE_TYPE_TIFF:
      return vt_codec_tiff_decode (data, len, hints, error);

    case VT_IMAGE_TYPE_HEIF:
      return vt_codec_heif_decode (data, len, hints, error);

    case VT_IMAGE_TYPE_OTHER:
      return vt_codec_pixbuf_decode (data, len, hints, error);

    case VT_IMAGE_TYPE_UNKNOWN:
    default:
      g_set_error_literal (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_UNKNOWN_TYPE,
                           _("The file is empty"));
      return NULL;
    }
}
