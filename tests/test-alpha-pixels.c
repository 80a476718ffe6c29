/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-alpha-pixels.c: a cut-out's pixels through the TIFF reader, colour profiles, tone filters and sharpening */
#include "config.h"

#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <tiffio.h>

#include "vitrina-engine.h"
#include "vt-alpha.h"
#include "vt-filter-chain.h"
#include "vt-test-utils.h"

/* Straight RGBA: opaque, half, transparent (with a colour it must lose)
 * and a quarter opaque. */
static const guint8 straight[4][4] = {
  { 200, 30, 30, 255 }, { 40, 80, 220, 128 }, { 90, 90, 90, 0 }, { 250, 200, 10, 64 },
};

static guint8
premultiply (guint c,
             guint a)
{
  return (guint8) ((c * a * 2 + 255) / 510);
}

/* The pixel at @x, @y as the surface holds it, alpha and all. */
static guint32
argb_at (cairo_surface_t *surface,
         int              x,
         int              y)
{
  guint32 colour = vt_test_pixel (surface, x, y), word;

  memcpy (&word, cairo_image_surface_get_data (surface) + (gsize) y * cairo_image_surface_get_stride (surface) + x * 4, 4);
  return (word & 0xFF000000u) | colour;
}

static void
assert_argb_near (guint32 p,
                  guint   a,
                  guint   r,
                  guint   g,
                  guint   b,
                  int     tolerance)
{
  int got[4] = { p >> 24, (p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF };
  int want[4] = { a, r, g, b };

  for (int i = 0; i < 4; i++)
    if (ABS (got[i] - want[i]) > tolerance)
      g_error ("pixel %08x; expected %02x%02x%02x%02x within %d", p, a, r, g, b, tolerance);
}

static cairo_surface_t *
load (GBytes   *bytes,
      gboolean  keep_alpha)
{
  VtLoadHints hints = { .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS, .keep_alpha = keep_alpha };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = vt_image_load (bytes, &hints, &error);

  g_assert_no_error (error);
  return surface;
}

typedef struct {
  guint16  photometric;
  guint16  planar;
  guint16  bps;
  guint16  extra;          /* EXTRASAMPLE_ASSOCALPHA, _UNASSALPHA or _UNSPECIFIED */
} TiffKind;

/* Four straight RGBA pixels in two rows, as a TIFF of @kind. */
static GBytes *
write_tiff (const TiffKind *kind,
            const guint8    px[4][4])
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "alpha.tif", NULL);
  gboolean grey = kind->photometric == PHOTOMETRIC_MINISBLACK;
  int spp = grey ? 2 : 4, bytes = kind->bps / 8;
  guint16 extra = kind->extra;
  TIFF *tif = TIFFOpen (path, "w");
  char *data;
  gsize len;

  g_assert_nonnull (tif);
  TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, 4);
  TIFFSetField (tif, TIFFTAG_IMAGELENGTH, 2);
  TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, kind->bps);
  TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, spp);
  TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, kind->photometric);
  TIFFSetField (tif, TIFFTAG_PLANARCONFIG, kind->planar);
  TIFFSetField (tif, TIFFTAG_EXTRASAMPLES, 1, &extra);
  TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, 2);
  /* A planar file is written plane by plane. */
  for (int plane = 0; plane < (kind->planar == PLANARCONFIG_SEPARATE ? spp : 1); plane++)
    for (int y = 0; y < 2; y++)
      {
        guint8 row[4 * 4 * 2];
        int n = 0;

        for (int x = 0; x < 4; x++)
          for (int s = 0; s < spp; s++)
            {
              int c = s == spp - 1 ? 3 : s;
              guint v = px[x][c];

              if (kind->planar == PLANARCONFIG_SEPARATE && s != plane)
                continue;
              if (c < 3 && kind->extra != EXTRASAMPLE_UNASSALPHA)
                v = premultiply (v, px[x][3]);
              if (bytes == 2)
                ((guint16 *) row)[n++] = (guint16) (v * 257);
              else
                row[n++] = (guint8) v;
            }
        g_assert_cmpint (TIFFWriteScanline (tif, row, y, plane), ==, 1);
      }
  TIFFClose (tif);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

/* Each kind of TIFF with alpha keeps it as premultiplied ARGB32 when asked,
 * whether the file's alpha is associated or not; without keep_alpha it is
 * on white, as before. An extra sample of unspecified meaning is
 * premultiplied alpha, as libtiff's RGBA interface reads it, whatever the
 * depth. */
static void
test_tiff_keeps_alpha (void)
{
  const TiffKind kinds[] = {
    { PHOTOMETRIC_RGB, PLANARCONFIG_CONTIG, 8, EXTRASAMPLE_UNASSALPHA },
    { PHOTOMETRIC_RGB, PLANARCONFIG_CONTIG, 8, EXTRASAMPLE_ASSOCALPHA },
    { PHOTOMETRIC_RGB, PLANARCONFIG_CONTIG, 16, EXTRASAMPLE_UNASSALPHA },
    { PHOTOMETRIC_RGB, PLANARCONFIG_CONTIG, 16, EXTRASAMPLE_ASSOCALPHA },
    { PHOTOMETRIC_RGB, PLANARCONFIG_SEPARATE, 8, EXTRASAMPLE_UNASSALPHA },
    { PHOTOMETRIC_MINISBLACK, PLANARCONFIG_CONTIG, 8, EXTRASAMPLE_UNASSALPHA },
    { PHOTOMETRIC_MINISBLACK, PLANARCONFIG_CONTIG, 8, EXTRASAMPLE_ASSOCALPHA },
    { PHOTOMETRIC_RGB, PLANARCONFIG_CONTIG, 8, EXTRASAMPLE_UNSPECIFIED },
    { PHOTOMETRIC_RGB, PLANARCONFIG_CONTIG, 16, EXTRASAMPLE_UNSPECIFIED },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GBytes) bytes = write_tiff (&kinds[k], straight);
      g_autoptr(cairo_surface_t) kept = load (bytes, TRUE);
      g_autoptr(cairo_surface_t) flat = load (bytes, FALSE);
      gboolean grey = kinds[k].photometric == PHOTOMETRIC_MINISBLACK;

      g_test_message ("kind %u", k);
      g_assert_cmpint (cairo_image_surface_get_format (kept), ==, CAIRO_FORMAT_ARGB32);
      g_assert_cmpint (cairo_image_surface_get_format (flat), ==, CAIRO_FORMAT_RGB24);
      for (int x = 0; x < 4; x++)
        {
          guint a = straight[x][3], r = straight[x][0];
          guint g = grey ? r : straight[x][1], b = grey ? r : straight[x][2];

          /* Associated alpha stores rounded colour: a unit either way once straight. */
          assert_argb_near (argb_at (kept, x, 1), a, premultiply (r, a), premultiply (g, a),
                            premultiply (b, a), 1);
          assert_argb_near (argb_at (flat, x, 1), 255, premultiply (r, a) + 255 - a,
                            premultiply (g, a) + 255 - a, premultiply (b, a) + 255 - a, 2);
        }
    }
}

/* A TIFF whose alpha channel is opaque everywhere takes the opaque path. */
static void
test_tiff_opaque_alpha (void)
{
  TiffKind kind = { PHOTOMETRIC_RGB, PLANARCONFIG_CONTIG, 8, EXTRASAMPLE_UNASSALPHA };
  guint8 opaque[4][4];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;

  memcpy (opaque, straight, sizeof opaque);
  for (int x = 0; x < 4; x++)
    opaque[x][3] = 255;
  bytes = write_tiff (&kind, (const guint8 (*)[4]) opaque);
  surface = load (bytes, TRUE);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_RGB24);
  g_assert_cmphex (argb_at (surface, 1, 0), ==, 0xFF2850DC);
}

/* A cut-out PNG in a wide-gamut profile (alpha-adobe-rgb.png: straight
 * (200, 100, 50) in Adobe RGB at alpha 255, 128, 0 and 64): its colour
 * converted to sRGB as the same colour opaque is, its alpha untouched. */
static void
test_profile_keeps_alpha (void)
{
  g_autofree char *path = vt_test_fixture_path ("alpha-adobe-rgb.png");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  const guint8 alphas[4] = { 255, 128, 0, 64 };
  guint32 opaque;
  char *data;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  bytes = g_bytes_new_take (data, len);
  surface = load (bytes, TRUE);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);

  /* Converted: Adobe RGB's red is more saturated than sRGB's. */
  opaque = argb_at (surface, 0, 0);
  g_assert_cmpuint ((opaque >> 16) & 0xFF, >=, 215);
  g_assert_cmpuint (opaque >> 24, ==, 255);
  g_assert_cmphex (argb_at (surface, 2, 0), ==, 0);
  for (int x = 1; x < 4; x += 2)
    assert_argb_near (argb_at (surface, x, 0), alphas[x], premultiply ((opaque >> 16) & 0xFF, alphas[x]),
                      premultiply ((opaque >> 8) & 0xFF, alphas[x]), premultiply (opaque & 0xFF, alphas[x]), 1);
}

/* A 32 × 16 cut-out: a grey ramp from @lo to @hi on the left half, opaque,
 * and a transparent right half. */
static cairo_surface_t *
ramp_cut_out (int lo,
              int hi)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 32, 16);
  guint32 *data = (guint32 *) cairo_image_surface_get_data (surface);
  int words = cairo_image_surface_get_stride (surface) / 4;

  for (int y = 0; y < 16; y++)
    for (int x = 0; x < 16; x++)
      {
        guint v = lo + (hi - lo) * x / 15, tint = MIN (v + y, 255u);

        data[y * words + x] = 0xFF000000u | tint << 16 | v << 8 | (v / 2);
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The tone filters judge a cut-out by its pixels, not by its transparent
 * background: the same result as on the product alone, opaque. */
static void
test_tone_ignores_transparent (void)
{
  const char *chains[] = { "auto-contrast", "auto-contrast:cutoff=2", "contrast:factor=1.5" };

  for (guint i = 0; i < G_N_ELEMENTS (chains); i++)
    {
      g_autoptr(GArray) chain = vt_filter_chain_parse (chains[i], NULL);
      g_autoptr(cairo_surface_t) cut_out = ramp_cut_out (60, 200);
      g_autoptr(cairo_surface_t) whole = ramp_cut_out (60, 200);
      g_autoptr(cairo_surface_t) product = cairo_surface_create_for_rectangle (whole, 0, 0, 16, 16);
      g_autoptr(cairo_surface_t) alone = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 16, 16);
      cairo_t *cr = cairo_create (alone);

      cairo_set_source_surface (cr, product, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_destroy (cr);
      vt_filter_chain_apply (chain, cut_out, 1.0);
      vt_filter_chain_apply (chain, alone, 1.0);
      for (int y = 0; y < 16; y++)
        for (int x = 0; x < 16; x++)
          g_assert_cmphex (argb_at (cut_out, x, y), ==, argb_at (alone, x, y) | 0xFF000000u);
      g_assert_cmphex (argb_at (cut_out, 20, 3), ==, 0);
    }
}

/* A photo's middle as a cut-out, with a soft round edge. */
static cairo_surface_t *
photo_cut_out (void)
{
  g_autoptr(cairo_surface_t) photo = vt_test_load_fixture ("real-coffee.jpg");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 160, 120);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *edge = cairo_pattern_create_radial (80, 60, 40, 80, 60, 56);

  cairo_pattern_add_color_stop_rgba (edge, 0, 0, 0, 0, 1);
  cairo_pattern_add_color_stop_rgba (edge, 1, 0, 0, 0, 0);
  cairo_set_source_surface (cr, photo, -200, -140);
  cairo_mask (cr, edge);
  cairo_pattern_destroy (edge);
  cairo_destroy (cr);
  return surface;
}

/* Sharpen, contrast and unsharp on a cut-out: its colour is made straight,
 * and spread into the transparent pixels, once for the three; premultiplying
 * and straightening between them would round the colour again, and each
 * spreading would cost as much as the sharpening. */
static void
test_sharpening_straightens_once (void)
{
  g_autoptr(GArray) chain = vt_filter_chain_parse ("sharpen;contrast;unsharp:radius=2,percent=150,threshold=3",
                                                   NULL);
  g_autoptr(cairo_surface_t) run = photo_cut_out ();
  g_autoptr(cairo_surface_t) once = photo_cut_out ();
  guint8 *alpha;

  vt_filter_chain_apply (chain, run, 1.0);
  alpha = vt_alpha_detach (once, VT_ALPHA_BLED);
  vt_filters_sharpen (once);
  vt_filters_contrast (once, 1.2, alpha);
  vt_filters_unsharp_mask (once, 2, 150, 3);
  vt_alpha_attach (once, alpha);
  g_assert_cmpint (vt_test_max_diff (run, once), ==, 0);
  for (int y = 0; y < 120; y += 7)
    for (int x = 0; x < 160; x += 5)
      g_assert_cmphex (argb_at (run, x, y) >> 24, ==, argb_at (once, x, y) >> 24);
  g_assert_cmphex (argb_at (run, 0, 0), ==, 0);
  g_assert_cmphex (argb_at (run, 80, 60) >> 24, ==, 0xFF);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  vt_engine_init ();

  g_test_add_func ("/alpha-pixels/tiff-keeps-alpha", test_tiff_keeps_alpha);
  g_test_add_func ("/alpha-pixels/tiff-opaque-alpha", test_tiff_opaque_alpha);
  g_test_add_func ("/alpha-pixels/profile-keeps-alpha", test_profile_keeps_alpha);
  g_test_add_func ("/alpha-pixels/tone-ignores-transparent", test_tone_ignores_transparent);
  g_test_add_func ("/alpha-pixels/sharpening-straightens-once", test_sharpening_straightens_once);

  return g_test_run ();
}
