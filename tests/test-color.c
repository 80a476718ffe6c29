/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-color.c: photos tagged Adobe RGB come out sRGB; sRGB ones untouched */
#include "config.h"

#include <lcms2.h>

#include "vt-test-utils.h"

static const guint8 COLOUR[3] = { 200, 100, 50 };

/* An Adobe RGB (1998)-compatible matrix profile, made with LittleCMS. */
static GBytes *
adobe_rgb_profile (void)
{
  g_autofree char *path = vt_test_fixture_path ("adobe-rgb-compatible.icc");
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

  return g_mapped_file_get_bytes (file);
}

static GBytes *
srgb_profile (void)
{
  cmsHPROFILE profile = cmsCreate_sRGBProfile ();
  cmsUInt32Number len = 0;
  guint8 *data;

  cmsSaveProfileToMem (profile, NULL, &len);
  data = g_malloc (len);
  cmsSaveProfileToMem (profile, data, &len);
  cmsCloseProfile (profile);
  return g_bytes_new_take (data, len);
}

/* What LittleCMS itself makes of COLOUR in @profile, in sRGB. */
static void
expected_srgb (GBytes *profile, guint8 out[3])
{
  cmsHPROFILE in = cmsOpenProfileFromMem (g_bytes_get_data (profile, NULL), g_bytes_get_size (profile));
  cmsHPROFILE srgb = cmsCreate_sRGBProfile ();
  cmsHTRANSFORM t = cmsCreateTransform (in, TYPE_RGB_8, srgb, TYPE_RGB_8, INTENT_PERCEPTUAL, 0);

  cmsDoTransform (t, COLOUR, out, 1);
  cmsDeleteTransform (t);
  cmsCloseProfile (in);
  cmsCloseProfile (srgb);
}

static char *
write_tagged_jpeg (const char *dir, GBytes *profile)
{
  char *path = g_build_filename (dir, "tagged.jpg", NULL);
  VtTestLibjpeg spec = { 32, 32, { COLOUR[0], COLOUR[1], COLOUR[2] }, 100, FALSE, profile };

  vt_test_write_libjpeg (path, &spec);
  return path;
}

static void
test_adobe_rgb_converted (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autoptr(GBytes) adobe = adobe_rgb_profile ();
  g_autofree char *jpeg = write_tagged_jpeg (dir, adobe);
  g_autofree char *png = vt_test_fixture_path ("adobe-rgb.png");
  g_autoptr(cairo_surface_t) a = vt_test_load_file (jpeg);
  g_autoptr(cairo_surface_t) b = vt_test_load_file (png);
  guint8 e[3];

  expected_srgb (adobe, e);
  /* the conversion is no rounding detail: red gains, green and blue lose */
  g_assert_cmpint (ABS (e[0] - COLOUR[0]) + ABS (e[1] - COLOUR[1]) + ABS (e[2] - COLOUR[2]), >, 15);
  vt_assert_rgb (a, 16, 16, e[0], e[1], e[2], 3);
  vt_assert_rgb (b, 8, 8, e[0], e[1], e[2], 1);
}

static void
test_srgb_untouched (void)
{
  g_autoptr(VtTestDir) dir = vt_test_make_tmpdir ();
  g_autoptr(GBytes) srgb = srgb_profile ();
  g_autofree char *tagged = write_tagged_jpeg (dir, srgb);
  g_autoptr(cairo_surface_t) img = vt_test_load_file (tagged);

  g_assert_true (vt_color_is_srgb_profile (g_bytes_get_data (srgb, NULL), g_bytes_get_size (srgb)));
  vt_assert_rgb (img, 16, 16, COLOUR[0], COLOUR[1], COLOUR[2], 2);
}

static const VtTestCase tests[] = {
  { "/color/adobe-rgb-converted", test_adobe_rgb_converted },
  { "/color/srgb-untouched", test_srgb_untouched },
};

VT_TEST_MAIN (tests)
