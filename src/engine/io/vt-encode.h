/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-encode.h: the output formats, and one entry point that writes any of them */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

#define VT_ENCODE_ERROR (vt_encode_error_quark ())

typedef enum {
  VT_ENCODE_ERROR_FAILED,
  VT_ENCODE_ERROR_TOO_LARGE,
  VT_ENCODE_ERROR_UNKNOWN_FORMAT,
} VtEncodeError;

typedef enum {
  VT_FORMAT_JPEG,
  VT_FORMAT_WEBP,
  VT_FORMAT_AVIF,
  VT_FORMAT_PNG,
} VtFormat;

#define VT_N_FORMATS (VT_FORMAT_PNG + 1)

/* A set of formats, as one size writes them. */
#define VT_FORMAT_BIT(format) (1u << (format))

#define VT_TYPE_FORMAT (vt_format_get_type ())
GType vt_format_get_type (void) G_GNUC_CONST;

/* The defaults a shop can trust, per format. */
#define VT_ENCODE_DEFAULT_JPEG_QUALITY 85
#define VT_ENCODE_DEFAULT_WEBP_QUALITY 80
/* WebP method 1 keeps the kind of prediction (16 × 16 or 4 × 4) a quick
 * analysis picks for each macroblock; method 2 also tries the other kind. On
 * sharpened photos that search costs a third of the encode and saves no
 * bytes; on smooth ones it makes files a sixth smaller at the same quality
 * setting, yet at equal bytes the two differ by about 0.15 dB PSNR. A
 * batch wants the time (docs/PERFORMANCE.md has the figures). */
#define VT_ENCODE_DEFAULT_WEBP_METHOD  1
#define VT_ENCODE_DEFAULT_AVIF_QUALITY 60
#define VT_ENCODE_DEFAULT_AVIF_SPEED   8
#define VT_ENCODE_DEFAULT_PNG_LEVEL    6

/* Plain data: every setting of every format, each read only by its own. */
typedef struct {
  int      quality;       /* JPEG, WebP and AVIF: 1…100 */
  gboolean progressive;   /* JPEG */
  gboolean lossless;      /* WebP: quality then means effort, as cwebp -lossless -q */
  int      webp_method;   /* WebP: 0 (fast) … 6 (small) */
  int      avif_speed;    /* AVIF: 0 (small) … 10 (fast) */
  int      avif_threads;  /* AVIF: 0 shares the cores with the other encoders; at least 2 */
  int      png_level;     /* PNG: zlib level 0…9 */
} VtEncodeSettings;

GQuark      vt_encode_error_quark      (void);
void        vt_encode_settings_init    (VtEncodeSettings       *settings,
                                        VtFormat                format);
const char *vt_format_to_string        (VtFormat                format);
gboolean    vt_format_from_string      (const char             *name,
                                        VtFormat               *format);
gboolean    vt_format_mask_from_string (const char             *text,
                                        const char             *separators,
                                        guint                  *mask,
                                        GError                **error);
char       *vt_format_mask_to_string   (guint                   mask,
                                        const char             *separator);
const char *vt_format_get_extension    (VtFormat                format);
gboolean    vt_format_is_lossy         (VtFormat                format,
                                        const VtEncodeSettings *settings);
gboolean    vt_format_keeps_alpha      (VtFormat                format);

GBytes     *vt_encode                  (cairo_surface_t        *surface,
                                        VtFormat                format,
                                        const VtEncodeSettings *settings,
                                        GBytes                 *exif,
                                        GError                **error);
GBytes     *vt_encode_within           (cairo_surface_t        *surface,
                                        VtFormat                format,
                                        const VtEncodeSettings *settings,
                                        gsize                   budget,
                                        GBytes                 *exif,
                                        int                    *quality,
                                        gboolean               *over_budget,
                                        GError                **error);

/* Each format's own writer; vt_encode() is the one to call. */
GBytes     *vt_encode_webp             (cairo_surface_t        *surface,
                                        const VtEncodeSettings *settings,
                                        GBytes                 *exif,
                                        GError                **error);
GBytes     *vt_encode_avif             (cairo_surface_t        *surface,
                                        const VtEncodeSettings *settings,
                                        GBytes                 *exif,
                                        GError                **error);
GBytes     *vt_encode_png              (cairo_surface_t        *surface,
                                        const VtEncodeSettings *settings,
                                        GBytes                 *exif,
                                        GError                **error);

/* For the writers: a surface's pixels as straight (not premultiplied)
 * RGBA bytes, and an EXIF payload without its JPEG "Exif\0\0" header. */
gboolean    vt_encode_has_alpha        (cairo_surface_t        *surface);
void        vt_encode_row_to_rgba      (const guint32          *in,
                                        guint8                 *out,
                                        int                     width,
                                        gboolean                alpha);
const guint8 *vt_encode_exif_tiff      (GBytes                 *exif,
                                        gsize                  *len);

G_END_DECLS
