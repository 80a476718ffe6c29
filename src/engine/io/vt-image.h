/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-image.h: decoded photos as Cairo image surfaces, and how they are loaded */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define VT_IMAGE_ERROR (vt_image_error_quark ())

typedef enum {
  VT_IMAGE_ERROR_UNKNOWN_TYPE,
  VT_IMAGE_ERROR_CORRUPT,
  VT_IMAGE_ERROR_TOO_LARGE,
  VT_IMAGE_ERROR_NO_MEMORY,
} VtImageError;

/* Default refusal limit for decoded photos, in pixels (100 megapixels). */
#define VT_IMAGE_DEFAULT_MAX_PIXELS (100u * 1000u * 1000u)
/* The widest or tallest a header may claim: JPEG's own limit. */
#define VT_IMAGE_MAX_HEADER_SIDE 65535

typedef enum {
  VT_IMAGE_TYPE_UNKNOWN,
  VT_IMAGE_TYPE_JPEG,
  VT_IMAGE_TYPE_WEBP,
  VT_IMAGE_TYPE_TIFF,   /* classic and BigTIFF */
  VT_IMAGE_TYPE_HEIF,   /* HEIC and AVIF */
  VT_IMAGE_TYPE_OTHER,  /* left to GdkPixbuf's own sniffing */
} VtImageType;

/* What the decoder may drop: a JPEG is shrunk in the DCT domain only while it
 * stays at least VT_LOAD_RESAMPLE_ROOM times the size it will have once fitted
 * into this box (the union of every variant's box). The DCT shrink keeps all
 * frequencies up to its own Nyquist limit; the final Lanczos resample needs
 * that octave of room to remove them, or fine texture comes out as moiré.
 * libvips's vips_thumbnail and Pillow's draft(reducing_gap=2) do the same.
 * A 0×0 box means full size. Photos above max_pixels are refused before
 * anything is allocated. */
#define VT_LOAD_RESAMPLE_ROOM 2

typedef struct {
  int      box_width;    /* 0: decode at full size */
  int      box_height;
  gboolean cover;        /* the photo must cover the box, not fit inside it */
  gboolean keep_exif;    /* attach the EXIF block (vt_metadata_get()) */
  guint64  max_pixels;
  gboolean keep_alpha;   /* a photo with transparency stays ARGB32, not on white */
} VtLoadHints;

GQuark           vt_image_error_quark       (void);
VtImageType      vt_image_sniff             (const guint8      *data,
                                             gsize              len);
const char      *vt_image_extension         (const guint8      *data,
                                             gsize              len);
cairo_surface_t *vt_image_new               (int                width,
                                             int                height,
                                             GError           **error);
cairo_surface_t *vt_image_new_uninitialized (int                width,
                                             int                height,
                                             GError           **error);
cairo_surface_t *vt_image_new_like          (cairo_surface_t   *like,
                                             int                width,
                                             int                height,
                                             GError           **error);
cairo_surface_t *vt_image_new_format        (cairo_format_t     format,
                                             int                width,
                                             int                height,
                                             GError           **error);
gboolean         vt_image_has_alpha         (cairo_surface_t   *surface);
cairo_surface_t *vt_image_copy              (cairo_surface_t   *surface);
GBytes          *vt_image_read              (const char        *path,
                                             GError           **error);
cairo_surface_t *vt_image_load              (GBytes            *bytes,
                                             const VtLoadHints *hints,
                                             GError           **error);
gboolean         vt_image_peek_size         (const char        *path,
                                             GBytes            *bytes,
                                             const VtLoadHints *hints,
                                             int               *width,
                                             int               *height);
cairo_surface_t *vt_image_orient            (cairo_surface_t   *surface,
                                             int                orientation);
int              vt_image_get_width         (cairo_surface_t   *surface);
int              vt_image_get_height        (cairo_surface_t   *surface);
void             vt_image_release_pool      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

G_END_DECLS
