/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-codec-tiff.c: TIFF photos through libtiff, deep and CMYK samples too
 *
 * libtiff's RGBA interface reads most TIFFs (palettes, YCbCr, 8-bit RGB and
 * grey, every compression), but takes 16-bit samples by their high byte
 * alone and refuses floating-point ones, and converts CMYK naively even
 * when the file has a profile. Those are read here sample by sample:
 * 16-bit rounded to 8, floats clamped to 0–1, CMYK through its embedded
 * profile. Only the first page of the file is read.
 *
 * A photo with transparency keeps it when the recipe asks (the load hint
 * keep_alpha), as premultiplied ARGB32 whether the file stores its alpha
 * associated (premultiplied) or not; otherwise it is shown on white.
 */
#define G_LOG_DOMAIN "vt-codec-tiff"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <tiffio.h>

#include "vt-alpha.h"
#include "vt-codec.h"
#include "vt-color.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TIFF, TIFFClose)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TIFFOpenOptions, TIFFOpenOptionsFree)

typedef struct {
  const guint8 *data;
  gsize         len;
  toff_t        pos;
  char         *message;     /* libtiff's first error */
} Reader;

static tmsize_t
reader_read (thandle_t  handle,
             void      *buf,
             tmsize_t   size)
{
  Reader *r = handle;
  gsize n = r->pos < r->len ? MIN ((gsize) size, r->len - r->pos) : 0;

  memcpy (buf, r->data + r->pos, n);
  r->pos += n;
  return n;
}

static tmsize_t
reader_write (thandle_t  handle,
              void      *buf,
              tmsize_t   size)
{
  return -1;
}

static toff_t
reader_seek (thandle_t handle,
             toff_t    offset,
             int       whence)
{
  Reader *r = handle;

  if (whence == SEEK_CUR)
    offset += r->pos;
  else if (whence == SEEK_END)
    offset += r->len;
  r->pos = offset;
  return offset;
}

static int
reader_close (thandle_t handle)
{
  return 0;
}

static toff_t
reader_size (thandle_t handle)
{
  return ((Reader *) handle)->len;
}

/* libtiff's own words name its functions and fields ("TIFFReadDirectory:
 * Can not read TIFF directory count"); a shop employee gets what they mean
 * and what to do. The originals go to the debug log. */
static const struct {
  const char *clue;
  const char *reason;
} tiff_reasons[] = {
  { "Not a TIFF", N_("it does not start as a TIFF photo does: it is another kind of file, or its start is damaged") },
  { "bad magic", N_("it does not start as a TIFF photo does: it is another kind of file, or its start is damaged") },
  { "header", N_("it does not start as a TIFF photo does: it is another kind of file, or its start is damaged") },
  { "Sorry", N_("it was saved with settings this app cannot read; save it again as an ordinary TIFF or as a JPEG") },
  { "not implemented", N_("it was saved with settings this app cannot read; save it again as an ordinary TIFF or as a JPEG") },
  { "not supported", N_("it was saved with settings this app cannot read; save it again as an ordinary TIFF or as a JPEG") },
  { "Read error", N_("the file ends too early: it was probably not copied or downloaded completely") },
  { "Seek error", N_("the file ends too early: it was probably not copied or downloaded completely") },
  { "read", N_("the file ends too early: it was probably not copied or downloaded completely") },
  { "Premature", N_("the file ends too early: it was probably not copied or downloaded completely") },
  { "Not enough data", N_("the file ends too early: it was probably not copied or downloaded completely") },
};

static const char *
plain_reason (const char *message)
{
  for (guint i = 0; message != NULL && i < G_N_ELEMENTS (tiff_reasons); i++)
    if (strstr (message, tiff_reasons[i].clue) != NULL)
      return _(tiff_reasons[i].reason);
  return _("its pixels are damaged, so the photo cannot be shown");
}

/* libtiff's errors (@user_data the Reader, which keeps the first) and its
 * warnings (@user_data %NULL: unknown tags and the like, not the user's
 * concern, and the photo reads) go to the debug log. */
static int
on_message (TIFF       *tif,
            void       *user_data,
            const char *module,
            const char *fmt,
            va_list     ap)
{
  Reader *r = user_data;
  g_autofree char *message = NULL;

  if (r == NULL && g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return 1;
  message = g_strdup_vprintf (fmt, ap);
  g_debug ("libtiff %s in %s: %s", r ? "error" : "warning", module ? module : "?", message);
  if (r != NULL && r->message == NULL)
    r->message = g_steal_pointer (&message);
  return 1;
}

static void
set_damaged_error (Reader  *r,
                   GError **error)
{
  g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_CORRUPT, _("Damaged TIFF data: %s"),
               r->message ? plain_reason (r->message) : _("no pixels could be read"));
}

typedef struct {
  guint16 bps, spp, format, photometric, planar, extra;
  gboolean premultiplied, tiled;
  gboolean keep_alpha;      /* the file has alpha and the recipe keeps it */
} Layout;

/* The samples read here rather than by libtiff's RGBA interface. Tiled
 * 8-bit RGB and grey too: the RGBA interface refuses a tile whose byte
 * count is larger than its pixels need, which writers leave and Pillow
 * and tiff2rgba read. And 8-bit with alpha: the RGBA interface gives grey
 * with alpha as stored, premultiplied or not, and RGB premultiplied,
 * where the alpha is to be told apart here. */
static gboolean
is_read_sample_by_sample (const Layout *l)
{
  if (l->planar != PLANARCONFIG_CONTIG)
    return FALSE;
  if (l->photometric == PHOTOMETRIC_SEPARATED)
    return l->spp >= 4 && (l->bps == 8 || l->bps == 16) && l->format != SAMPLEFORMAT_IEEEFP;
  /* An RGB file may claim fewer samples than its colours: libtiff's
   * checks (TIFFRGBAImageOK()) are the ones to name it. */
  if (l->photometric != PHOTOMETRIC_MINISBLACK && (l->photometric != PHOTOMETRIC_RGB || l->spp < 3))
    return FALSE;
  if (l->format == SAMPLEFORMAT_IEEEFP)
    return l->bps == 32;
  return (l->bps == 16 || (l->bps == 8 && (l->tiled || l->extra > 0))) && l->format != SAMPLEFORMAT_INT;
}

static guint8
to_8bit (const guint8 *row,
         gsize         i,
         const Layout *l)
{
  if (l->format == SAMPLEFORMAT_IEEEFP)
    {
      float f = ((const float *) row)[i];

      /* Photos in 0–1; out of range (and NaN) clamped, as Pillow does. */
      return f >= 1.f ? 255 : f > 0.f ? (guint8) (f * 255.f + .5f) : 0;
    }
  if (l->bps == 16)
    return (((const guint16 *) row)[i] * 255u + 32767u) / 65535u;
  return row[i];
}

/* One stored row to 8-bit grey, grey+alpha, RGB or RGBA, or CMYK. */
static int
row_to_8bit (const guint8 *row,
             guint8       *out,
             int           width,
             const Layout *l)
{
  int colour = l->photometric == PHOTOMETRIC_MINISBLACK ? 1 : l->photometric == PHOTOMETRIC_RGB ? 3 : 4;
  gboolean alpha = l->extra > 0 && colour < 4 && l->spp > colour;
  int n = colour + alpha;

  for (int x = 0; x < width; x++)
    for (int c = 0; c < n; c++)
      out[x * n + c] = to_8bit (row, (gsize) x * l->spp + c, l);
  if (alpha && l->premultiplied && !l->keep_alpha)
    for (int x = 0; x < width; x++)
      {
        guint a = out[x * n + colour];
        for (int c = 0; c < colour; c++)
          out[x * n + c] = a ? MIN (255u, out[x * n + c] * 255u / a) : 0;
      }
  return n;
}

/* Grey or RGB with alpha (@n_channels 2 or 4), straight or premultiplied,
 * to premultiplied ARGB32; @alpha is room for a row's alpha. */
static void
argb_row (const guint8 *in,
          guint32      *out,
          int           width,
          int           n_channels,
          gboolean      premultiplied,
          guint8       *alpha)
{
  gboolean grey = n_channels == 2;

  for (int x = 0; x < width; x++, in += n_channels)
    {
      guint a = in[n_channels - 1], r = in[0], g = grey ? r : in[1], b = grey ? r : in[2];

      alpha[x] = a;
      /* Premultiplied colour is never above its alpha. */
      if (premultiplied)
        out[x] = a << 24 | MIN (r, a) << 16 | MIN (g, a) << 8 | MIN (b, a);
      else
        out[x] = 0xFF000000u | r << 16 | g << 8 | b;
    }
  if (!premultiplied)
    vt_alpha_premultiply_row (out, alpha, width);
}

/* Without a profile, CMYK is inverted as libtiff and Pillow do: a stand-in
 * for the press's colours, which the file does not say. */
static void
naive_cmyk_row (const guint8 *cmyk,
                guint32      *out,
                int           width)
{
  for (int x = 0; x < width; x++, cmyk += 4)
    {
      guint k = 255 - cmyk[3];
      guint r = (255 - cmyk[0]) * k / 255, g = (255 - cmyk[1]) * k / 255, b = (255 - cmyk[2]) * k / 255;

      out[x] = 0xFF000000u | r << 16 | g << 8 | b;
    }
}

static cairo_surface_t *
new_surface (const Layout  *l,
             int            width,
             int            height,
             GError       **error)
{
  return vt_image_new_format (l->keep_alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, width, height, error);
}

/* One stored row into the surface's row @out; @work is room for a row of
 * 8-bit samples, then its alpha. */
static void
store_row (const guint8    *row,
           guint32         *out,
           int              width,
           const Layout    *l,
           VtCmykTransform *cmyk,
           guint8          *work)
{
  int channels = row_to_8bit (row, work, width, l);

  if (channels == 4 && l->photometric == PHOTOMETRIC_SEPARATED)
    cmyk ? vt_cmyk_transform_row (cmyk, work, (guint8 *) out, width) : naive_cmyk_row (work, out, width);
  else if (l->keep_alpha && channels % 2 == 0)
    argb_row (work, out, width, channels, l->premultiplied, work + (gsize) width * 4);
  else
    vt_codec_rgba_row (work, out, width, channels);
}

static cairo_surface_t *
read_samples (TIFF          *tif,
              Reader        *r,
              const Layout  *l,
              int            width,
              int            height,
              const guint8  *icc,
              guint32        icc_len,
              GError       **error)
{
  g_autoptr(VtCmykTransform) cmyk = NULL;
  g_autoptr(cairo_surface_t) surface = new_surface (l, width, height, error);
  gboolean tiled = TIFFIsTiled (tif), failed = FALSE;
  guint32 band = 1, tile_w = 0;
  g_autofree guint8 *rows = NULL, *tile = NULL;
  g_autofree guint8 *samples8 = g_try_malloc ((gsize) width * 5);
  gsize row_bytes = (gsize) width * l->spp * (l->bps / 8);

  if (surface == NULL)
    return NULL;
  if (tiled)
    {
      TIFFGetField (tif, TIFFTAG_TILEWIDTH, &tile_w);
      TIFFGetField (tif, TIFFTAG_TILELENGTH, &band);
      /* Tiles are at most a step of 16 past the photo's edges: a forged
       * tile size must not decide what is allocated. */
      if (tile_w <= (guint32) width + 16 && band <= (guint32) height + 16)
        tile = g_try_malloc (TIFFTileSize (tif));
    }
  rows = g_try_malloc (row_bytes * band);
  if (rows == NULL || samples8 == NULL || (tiled && (tile == NULL || tile_w == 0 || band == 0)))
    {
      set_damaged_error (r, error);
      return NULL;
    }
  if (l->photometric == PHOTOMETRIC_SEPARATED && icc != NULL)
    cmyk = vt_cmyk_transform_new (icc, icc_len, FALSE);

  for (guint32 y0 = 0; y0 < (guint32) height; y0 += band)
    {
      guint32 n = MIN (band, height - y0);

      if (tiled)
        {
          gsize pixel = (gsize) l->spp * (l->bps / 8), tw = (gsize) tile_w * pixel;
          for (guint32 x0 = 0; x0 < (guint32) width && !failed; x0 += tile_w)
            {
              gsize copy = MIN (tw, row_bytes - x0 * pixel);
              failed = TIFFReadTile (tif, tile, x0, y0, 0, 0) < 0;
              for (guint32 k = 0; k < n; k++)
                memcpy (rows + k * row_bytes + x0 * pixel, tile + k * tw, copy);
            }
        }
      else
        for (guint32 k = 0; k < n && !failed; k++)
          failed = TIFFReadScanline (tif, rows + k * row_bytes, y0 + k, 0) < 0;
      if (failed)
        {
          set_damaged_error (r, error);
          return NULL;
        }
      for (guint32 k = 0; k < n; k++)
        store_row (rows + k * row_bytes, (guint32 *) (cairo_image_surface_get_data (surface) +
                                                      (gsize) (y0 + k) * cairo_image_surface_get_stride (surface)),
                   width, l, cmyk, samples8);
    }
  cairo_surface_mark_dirty (surface);
  return g_steal_pointer (&surface);
}

/* libtiff's RGBA interface, straight into the surface (both rows of
 * 32-bit pixels), in the stored order: the orientation is turned after. */
static cairo_surface_t *
read_rgba (TIFF          *tif,
           Reader        *r,
           const Layout  *l,
           int            width,
           int            height,
           GError       **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  TIFFRGBAImage img;
  char message[1024];
  guint32 *px;
  gboolean ok;

  if (!TIFFRGBAImageOK (tif, message) || !TIFFRGBAImageBegin (&img, tif, 0, message))
    {
      g_debug ("libtiff cannot read it: %s", message);
      g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_UNKNOWN_TYPE,
                   _("This kind of TIFF is not supported: %s"),
                   _("it was saved with settings this app cannot read; save it again as an ordinary TIFF or as a JPEG"));
      return NULL;
    }
  surface = new_surface (l, width, height, error);
  if (surface == NULL)
    {
      TIFFRGBAImageEnd (&img);
      return NULL;
    }
  img.req_orientation = img.orientation;
  px = (guint32 *) cairo_image_surface_get_data (surface);
  ok = TIFFRGBAImageGet (&img, px, width, height);
  TIFFRGBAImageEnd (&img);
  if (!ok || r->message != NULL)
    {
      set_damaged_error (r, error);
      return NULL;
    }
  /* ABGR, alpha premultiplied, to premultiplied ARGB or to xRGB on white. */
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      guint a = TIFFGetA (px[i]), white = l->keep_alpha ? 0 : 255 - a;

      px[i] = (l->keep_alpha ? a : 0xFFu) << 24 | MIN (255u, TIFFGetR (px[i]) + white) << 16 |
              MIN (255u, TIFFGetG (px[i]) + white) << 8 | MIN (255u, TIFFGetB (px[i]) + white);
    }
  cairo_surface_mark_dirty (surface);
  return g_steal_pointer (&surface);
}

static TIFF *
open_tiff (Reader *r)
{
  g_autoptr(TIFFOpenOptions) options = TIFFOpenOptionsAlloc ();

  TIFFOpenOptionsSetErrorHandlerExtR (options, on_message, r);
  TIFFOpenOptionsSetWarningHandlerExtR (options, on_message, NULL);
  return TIFFClientOpenExt ("photo", "rm", r, reader_read, reader_write, reader_seek, reader_close,
                            reader_size, NULL, NULL, options);
}

cairo_surface_t *
vt_codec_tiff_decode (const guint8       *data,
                      gsize               len,
                      const VtLoadHints  *hints,
                      GError            **error)
{
  Reader r = { data, len, 0, NULL };
  g_autoptr(TIFF) tif = open_tiff (&r);
  g_autofree char *message = NULL;
  guint32 width = 0, height = 0, icc_len = 0;
  guint16 orientation = ORIENTATION_TOPLEFT, *extra_types = NULL;
  const guint8 *icc = NULL;
  Layout l = { 0 };
  cairo_surface_t *surface;

  if (tif == NULL || !TIFFGetField (tif, TIFFTAG_IMAGEWIDTH, &width) ||
      !TIFFGetField (tif, TIFFTAG_IMAGELENGTH, &height))
    {
      set_damaged_error (&r, error);
      g_free (r.message);
      return NULL;
    }
  if ((guint64) width * height > hints->max_pixels)
    {
      g_set_error (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_TOO_LARGE,
                   _("The photo is %u × %u pixels, above the limit of %u megapixels"),
                   width, height, (guint) (hints->max_pixels / 1000000));
      g_free (r.message);
      return NULL;
    }
  TIFFGetFieldDefaulted (tif, TIFFTAG_BITSPERSAMPLE, &l.bps);
  TIFFGetFieldDefaulted (tif, TIFFTAG_SAMPLESPERPIXEL, &l.spp);
  TIFFGetFieldDefaulted (tif, TIFFTAG_SAMPLEFORMAT, &l.format);
  TIFFGetFieldDefaulted (tif, TIFFTAG_PLANARCONFIG, &l.planar);
  TIFFGetFieldDefaulted (tif, TIFFTAG_ORIENTATION, &orientation);
  TIFFGetFieldDefaulted (tif, TIFFTAG_EXTRASAMPLES, &l.extra, &extra_types);
  l.tiled = TIFFIsTiled (tif);
  /* An extra sample of unspecified meaning is premultiplied alpha, as
   * libtiff's RGBA interface takes it. */
  l.premultiplied = l.extra > 0 && extra_types != NULL && extra_types[0] != EXTRASAMPLE_UNASSALPHA;
  l.keep_alpha = hints->keep_alpha && l.extra > 0;
  if (!TIFFGetField (tif, TIFFTAG_PHOTOMETRIC, &l.photometric))
    l.photometric = l.spp >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK;
  if (!TIFFGetField (tif, TIFFTAG_ICCPROFILE, &icc_len, &icc))
    icc = NULL;

  surface = is_read_sample_by_sample (&l) ? read_samples (tif, &r, &l, width, height, icc, icc_len, error)
                                          : read_rgba (tif, &r, &l, width, height, error);
  message = r.message;
  /* An alpha channel with every pixel opaque: the opaque path. */
  if (surface != NULL && l.keep_alpha && vt_alpha_is_opaque (surface))
    surface = vt_alpha_flatten (surface, 0xFFFFFF, error);
  if (surface == NULL)
    return NULL;
  /* A CMYK profile has done its work already; vt_color_to_srgb() takes RGB. */
  if (l.photometric == PHOTOMETRIC_SEPARATED)
    icc = NULL;
  /* TIFF's orientation values are EXIF's: EXIF took them from TIFF. */
  return vt_codec_finish (surface, icc, icc_len, NULL, orientation, hints);
}
