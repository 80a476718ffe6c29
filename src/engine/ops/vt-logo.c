/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-logo.c: a shop's logo, drawn once per output size and composited
 *
 * The file is read and checked once, when the logo is made, so that a
 * missing or broken logo stops a batch before it starts instead of failing
 * every photo. A vector logo (SVG, through librsvg's GdkPixbuf loader) is
 * rendered afresh at the size it is drawn; a bitmap is resampled from its
 * own pixels.
 *
 * Thread contract: immutable after construction except for the overlay
 * cache, which locks itself (vt-overlay-cache.c). vt_logo_apply() runs
 * concurrently on every worker; each call draws only into its own surface.
 */
#define G_LOG_DOMAIN "vt-logo"

#include "config.h"

#include <math.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "vt-image.h"
#include "vt-logo.h"
#include "vt-overlay-cache.h"

G_DEFINE_QUARK (vt-logo-error-quark, vt_logo_error)

G_DEFINE_ENUM_TYPE (VtLogoPosition, vt_logo_position,
  G_DEFINE_ENUM_VALUE (VT_LOGO_TOP_LEFT, "top-left"),
  G_DEFINE_ENUM_VALUE (VT_LOGO_TOP, "top"),
  G_DEFINE_ENUM_VALUE (VT_LOGO_TOP_RIGHT, "top-right"),
  G_DEFINE_ENUM_VALUE (VT_LOGO_LEFT, "left"),
  G_DEFINE_ENUM_VALUE (VT_LOGO_CENTER, "center"),
  G_DEFINE_ENUM_VALUE (VT_LOGO_RIGHT, "right"),
  G_DEFINE_ENUM_VALUE (VT_LOGO_BOTTOM_LEFT, "bottom-left"),
  G_DEFINE_ENUM_VALUE (VT_LOGO_BOTTOM, "bottom"),
  G_DEFINE_ENUM_VALUE (VT_LOGO_BOTTOM_RIGHT, "bottom-right"))

/* Enough to prove a vector file renders, without rendering it big. */
#define PROBE_SIDE 64

struct _VtLogo
{
  GObject         parent_instance;

  /* immutable */
  GBytes         *file;        /* the vector file, rendered again per size */
  GdkPixbuf      *bitmap;      /* the bitmap, resampled per size */
  int             natural_width;
  int             natural_height;
  VtLogoPosition  position;
  double          width;       /* fractions of the size's width */
  double          margin;
  double          opacity;

  /* shared by the workers: one overlay per output size */
  VtOverlayCache  overlays;
};

G_DEFINE_FINAL_TYPE (VtLogo, vt_logo, G_TYPE_OBJECT)

static void
vt_logo_finalize (GObject *object)
{
  VtLogo *self = VT_LOGO (object);

  g_clear_pointer (&self->file, g_bytes_unref);
  g_clear_object (&self->bitmap);
  vt_overlay_cache_clear (&self->overlays);

  G_OBJECT_CLASS (vt_logo_parent_class)->finalize (object);
}

static void
vt_logo_class_init (VtLogoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vt_logo_finalize;
}

static void
vt_logo_init (VtLogo *self)
{
  vt_overlay_cache_init (&self->overlays);
}

gboolean
vt_logo_position_from_string (const char     *name,
                              VtLogoPosition *position)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VT_TYPE_LOGO_POSITION);
  GEnumValue *value = g_enum_get_value_by_nick (klass, name);

  if (value == NULL)
    return FALSE;
  *position = value->value;
  return TRUE;
}

const char *
vt_logo_position_to_string (VtLogoPosition position)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VT_TYPE_LOGO_POSITION);
  GEnumValue *value = g_enum_get_value (klass, position);

  return value != NULL ? value->value_nick : NULL;
}

typedef struct {
  int      width;         /* as the file says */
  int      height;
  int      want_width;    /* 0: as the file says */
  int      want_height;
  gboolean vector;
  gboolean too_large;
} LoadSize;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  LoadSize        *size)
{
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);

  size->width = width, size->height = height;
  size->vector = format != NULL && gdk_pixbuf_format_is_scalable (format);
  if (size->want_width > 0)
    gdk_pixbuf_loader_set_size (loader, size->want_width, size->want_height);
  else if (size->vector)
    {
      /* Only a probe: the real renders come at each size's own scale. */
      double scale = MIN (1.0, (double) PROBE_SIDE / MAX (width, height));
      gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)),
                                  MAX (1, (int) (height * scale)));
    }
  else if ((guint64) width * height > VT_LOGO_MAX_PIXELS)
    {
      /* Stop the loader before it allocates what the header claims. */
      size->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static GdkPixbuf *
load_pixbuf (GBytes    *bytes,
             LoadSize  *size,
             GError   **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  gboolean ok;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), size);
  ok = gdk_pixbuf_loader_write_bytes (loader, bytes, error);
  /* Closed whatever happened, or the loader complains when finalized. */
  ok = gdk_pixbuf_loader_close (loader, ok ? error : NULL) && ok;
  if (!ok || size->too_large)
    return NULL;
  if (gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           _("it holds no picture"));
      return NULL;
    }
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static GBytes *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_filename_display_name (path);
  GBytes *bytes;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, &local_error);
  if (info != NULL && g_file_info_get_size (info) > VT_LOGO_MAX_FILE_SIZE)
    {
      g_set_error (error, VT_LOGO_ERROR, VT_LOGO_ERROR_TOO_LARGE,
                   _("The logo %s is too large: a logo file may have at most %d MB"),
                   name, VT_LOGO_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  bytes = info != NULL ? g_file_load_bytes (file, NULL, NULL, &local_error) : NULL;
  if (bytes == NULL)
    g_set_error (error, VT_LOGO_ERROR, VT_LOGO_ERROR_UNREADABLE,
                 _("Could not read the logo %s: %s"), name, local_error->message);
  return bytes;
}

static gboolean
load (VtLogo      *self,
      const char  *path,
      GError     **error)
{
  g_autoptr(GBytes) bytes = read_file (path, error);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *name = g_filename_display_name (path);
  LoadSize size = { 0 };

  if (bytes == NULL)
    return FALSE;
  pixbuf = load_pixbuf (bytes, &size, &local_error);
  if (size.too_large)
    {
      g_set_error (error, VT_LOGO_ERROR, VT_LOGO_ERROR_TOO_LARGE,
                   _("The logo %s is %d × %d pixels; a logo may have at most %d megapixels"),
                   name, size.width, size.height, VT_LOGO_MAX_PIXELS / (1000 * 1000));
      return FALSE;
    }
  if (pixbuf == NULL || size.width <= 0 || size.height <= 0)
    {
      g_set_error (error, VT_LOGO_ERROR, VT_LOGO_ERROR_NOT_AN_IMAGE,
                   _("The logo %s is not an image Vitrina can read: %s"), name,
                   local_error != NULL ? local_error->message : _("it holds no picture"));
      return FALSE;
    }

  self->natural_width = size.width, self->natural_height = size.height;
  if (size.vector)
    self->file = g_steal_pointer (&bytes);
  else
    self->bitmap = g_steal_pointer (&pixbuf);
  return TRUE;
}

/**
 * vt_logo_new:
 * @path: a PNG, SVG or other image GdkPixbuf reads
 * @width: the logo's width, in percent of each size's width
 * @opacity: in percent
 * @margin: from the photo's edges, in percent of each size's width
 *
 * Reads and checks the logo: a file that is missing, not an image, or too
 * large fails here, with a message naming it.
 *
 * Returns: (transfer full): the logo, or %NULL with @error set
 */
VtLogo *
vt_logo_new (const char      *path,
             VtLogoPosition   position,
             double           width,
             double           opacity,
             double           margin,
             GError         **error)
{
  g_autoptr(VtLogo) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (position <= VT_LOGO_BOTTOM_RIGHT, NULL);

  self = g_object_new (VT_TYPE_LOGO, NULL);
  self->position = position;
  self->width = CLAMP (width, 1.0, 100.0) / 100.0;
  self->opacity = CLAMP (opacity, 0.0, 100.0) / 100.0;
  self->margin = CLAMP (margin, 0.0, 25.0) / 100.0;
  if (!load (self, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
vt_logo_get_natural_size (VtLogo *self,
                          int    *width,
                          int    *height)
{
  g_return_if_fail (VT_IS_LOGO (self));

  *width = self->natural_width;
  *height = self->natural_height;
}

gboolean
vt_logo_is_vector (VtLogo *self)
{
  g_return_val_if_fail (VT_IS_LOGO (self), FALSE);

  return self->file != NULL;
}

/**
 * vt_logo_get_placement:
 * @width: the output's width
 * @height: the output's height
 * @rect: (out): where the logo goes on it
 *
 * The logo is @self's share of @width wide, its height as its shape says,
 * made smaller where it would not fit between the margins.
 */
void
vt_logo_get_placement (VtLogo                *self,
                       int                    width,
                       int                    height,
                       cairo_rectangle_int_t *rect)
{
  int margin = (int) lround (width * self->margin);
  double aspect = (double) self->natural_height / self->natural_width;
  double lw = width * self->width, lh = lw * aspect;
  int column = self->position % 3, row = self->position / 3;

  if (lh > height - 2 * margin)
    lh = MAX (1, height - 2 * margin), lw = lh / aspect;
  if (lw > width - 2 * margin)
    lw = MAX (1, width - 2 * margin), lh = lw * aspect;
  rect->width = MAX (1, (int) lround (lw));
  rect->height = MAX (1, (int) lround (lh));

  rect->x = column == 0 ? margin : column == 1 ? (width - rect->width) / 2
                                               : width - rect->width - margin;
  rect->y = row == 0 ? margin : row == 1 ? (height - rect->height) / 2
                                         : height - rect->height - margin;
}

/* GdkPixbuf's straight RGBA to Cairo's premultiplied native words. */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  int in_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *in = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint8 *out = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < height; y++)
    {
      const guint8 *p = in + (gsize) y * in_stride;
      guint32 *q = (guint32 *) (out + (gsize) y * out_stride);

      for (int x = 0; x < width; x++, p += n_channels)
        {
          guint a = n_channels == 4 ? p[3] : 255;
          guint r = (p[0] * a + 127) / 255, g = (p[1] * a + 127) / 255, b = (p[2] * a + 127) / 255;

          q[x] = a << 24 | r << 16 | g << 8 | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static GdkPixbuf *
render_pixbuf (VtLogo *self,
               int     width,
               int     height)
{
  LoadSize size = { .want_width = width, .want_height = height };

  if (self->bitmap == NULL)
    return load_pixbuf (self->file, &size, NULL);
  if (width == self->natural_width && height == self->natural_height)
    return g_object_ref (self->bitmap);
  return gdk_pixbuf_scale_simple (self->bitmap, width, height,
                                  width < self->natural_width ? GDK_INTERP_HYPER
                                                              : GDK_INTERP_BILINEAR);
}

static cairo_surface_t *
render_overlay (gpointer owner,
                int      width,
                int      height)
{
  VtLogo *self = owner;
  cairo_rectangle_int_t rect;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  vt_logo_get_placement (self, width, height, &rect);
  pixbuf = render_pixbuf (self, rect.width, rect.height);
  /* The file was checked when the logo was made; a render that fails now
   * (out of memory) leaves the photo without its logo rather than lost. */
  if (pixbuf == NULL)
    return NULL;
  return surface_from_pixbuf (pixbuf);
}

/**
 * vt_logo_apply:
 * @surface: an RGB24 or ARGB32 image surface, changed in place
 *
 * Composites the logo onto @surface. It is rendered only the first time a
 * given output size is seen.
 */
void
vt_logo_apply (VtLogo          *self,
               cairo_surface_t *surface)
{
  vt_logo_apply_clear_of (self, surface, NULL);
}

/* Moves @rect, in the top or bottom row, off @keep_clear when they meet:
 * above it at the bottom, below it at the top, where the photo has room. */
static void
step_aside (VtLogo                      *self,
            int                          width,
            int                          height,
            const cairo_rectangle_int_t *keep_clear,
            cairo_rectangle_int_t       *rect)
{
  int gap = (int) lround (width * self->margin) / 2;
  int row = self->position / 3;
  int y = rect->y;

  if (rect->x >= keep_clear->x + keep_clear->width || keep_clear->x >= rect->x + rect->width ||
      rect->y >= keep_clear->y + keep_clear->height || keep_clear->y >= rect->y + rect->height)
    return;
  if (row == 2)
    y = keep_clear->y - gap - rect->height;
  else if (row == 0)
    y = keep_clear->y + keep_clear->height + gap;
  if (y >= 0 && y + rect->height <= height)
    rect->y = y;
}

/**
 * vt_logo_apply_clear_of:
 * @keep_clear: (nullable): what the logo must not cover, the text mark
 *
 * Composites the logo as vt_logo_apply() does, but stacked beside
 * @keep_clear (above it in a bottom corner) when it would cover it.
 */
void
vt_logo_apply_clear_of (VtLogo                      *self,
                        cairo_surface_t             *surface,
                        const cairo_rectangle_int_t *keep_clear)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autoptr(cairo_surface_t) overlay = NULL;
  cairo_rectangle_int_t rect;

  g_return_if_fail (VT_IS_LOGO (self));

  if (self->opacity <= 0)
    return;
  overlay = vt_overlay_cache_lookup (&self->overlays, width, height,
                                     render_overlay, self);
  if (overlay == NULL)
    return;
  vt_logo_get_placement (self, width, height, &rect);
  if (keep_clear != NULL)
    step_aside (self, width, height, keep_clear, &rect);

  vt_overlay_paint (surface, overlay, rect.x, rect.y, self->opacity);
}
