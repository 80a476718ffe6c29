/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-pixbuf.c: every format but JPEG, through GdkPixbuf's loaders */
#define G_LOG_DOMAIN "vt-codec-pixbuf"

#include "config.h"

#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "vt-codec.h"
#include "vt-color.h"

/* The photo formats handed to GdkPixbuf, judged by their first bytes (WebP,
 * TIFF and HEIF have decoders of their own: vt_image_load()). Its
 * other loaders (BMP, ICO, TGA, …) are not photo formats shops use, and
 * some of them allocate what a forged header claims before anything can
 * refuse it (the fuzzer found BMP asking for 2 GB): they are not offered
 * untrusted files at all. */
static const char *
loader_type (const guint8 *data,
             gsize         len)
{
  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (len >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "gif";
  return NULL;
}

static void
set_unknown_type_error (const guint8  *data,
                        gsize          len,
                        GError       **error)
{
  g_autofree char *type = g_content_type_guess (NULL, data, len, NULL);
  g_autofree char *description = g_content_type_get_description (type);

  g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_UNKNOWN_TYPE,
               _("Not a photo in a supported format (it looks like: %s)"), description);
}

typedef struct {
  const VtLoadHints *hints;
  int                width;
  int                height;
  GError            *too_large;
} SizeCheck;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  SizeCheck       *check)
{
  check->width = width;
  check->height = height;

  /* Refuse before the loader allocates what the header claims: a 0×0 size
   * makes GdkPixbuf's loaders stop right here (gdk_pixbuf_get_file_info()
   * relies on it), so a lying 100000×100000 PNG costs nothing. */
  if (check->too_large == NULL &&
      !vt_codec_check_pixels (width, height, check->hints, &check->too_large))
    gdk_pixbuf_loader_set_size (loader, 0, 0);
}

static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf  *pixbuf,
                     gboolean    keep_alpha,
                     GError    **error)
{
  return vt_codec_rgba_to_surface (gdk_pixbuf_read_pixels (pixbuf), gdk_pixbuf_get_width (pixbuf),
                                   gdk_pixbuf_get_height (pixbuf), gdk_pixbuf_get_rowstride (pixbuf),
                                   gdk_pixbuf_get_n_channels (pixbuf), keep_alpha, error);
}

/* The PNG loader hands over the embedded profile, base64-encoded. */
static void
to_srgb (cairo_surface_t *surface,
         GdkPixbuf       *pixbuf)
{
  const char *base64 = gdk_pixbuf_get_option (pixbuf, "icc-profile");
  g_autofree guchar *icc = NULL;
  gsize len;

  if (base64 == NULL)
    return;
  icc = g_base64_decode (base64, &len);
  vt_color_to_srgb (surface, icc, len);
}

cairo_surface_t *
vt_codec_pixbuf_decode (const guint8      *data,
                        gsize              len,
                        const VtLoadHints *hints,
                        GError           **error)
{
  const char *type = loader_type (data, len);
  g_autoptr(GBytes) patched = g_strcmp0 (type, "gif") == 0 ? vt_codec_gif_repair (data, len) : NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) local_error = NULL;
  SizeCheck check = { hints, 0, 0, NULL };
  GdkPixbuf *pixbuf;
  cairo_surface_t *surface;
  gboolean ok;

  if (g_strcmp0 (type, "gif") == 0 && vt_codec_gif_has_empty_frame (data, len))
    {
      g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_CORRUPT, _("Damaged image data: %s"),
                   _("a frame of the GIF has no pixels"));
      return NULL;
    }
  if (type != NULL)
    loader = gdk_pixbuf_loader_new_with_type (type, NULL);
  if (loader == NULL)
    {
      set_unknown_type_error (data, len, error);
      return NULL;
    }

  if (patched != NULL)
    data = g_bytes_get_data (patched, &len);
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &check);
  ok = gdk_pixbuf_loader_write (loader, data, len, &local_error);
  /* close() must run even after a failed write, or the loader complains. */
  ok = gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL) && ok;

  if (check.too_large != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&check.too_large));
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || !ok)
    {
      if (g_error_matches (local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE) ||
          check.width == 0)
        set_unknown_type_error (data, len, error);
      else
        g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_CORRUPT, _("Damaged image data: %s"),
                     local_error ? local_error->message : _("no pixels could be read"));
      return NULL;
    }

  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  surface = surface_from_pixbuf (upright, hints->keep_alpha, error);
  if (surface != NULL)
    to_srgb (surface, pixbuf);
  return surface;
}
