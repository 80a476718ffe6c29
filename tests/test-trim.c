/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-trim.c: trimming, whitening and filling on synthetic studio shots */
#include "config.h"

#include "vt-studio.h"
#include "vt-test-utils.h"

/* Each side of the found box within 1 % of the product's own size. */
static void
assert_box_near (const cairo_rectangle_int_t *found,
                 const cairo_rectangle_int_t *truth)
{
  int slack_x = MAX (1, truth->width / 100), slack_y = MAX (1, truth->height / 100);

  g_assert_cmpint (ABS (found->x - truth->x), <=, slack_x);
  g_assert_cmpint (ABS (found->y - truth->y), <=, slack_y);
  g_assert_cmpint (ABS ((found->x + found->width) - (truth->x + truth->width)), <=, slack_x);
  g_assert_cmpint (ABS ((found->y + found->height) - (truth->y + truth->height)), <=, slack_y);
}

static cairo_surface_t *
jpeg_round_trip (cairo_surface_t *surface,
                 int              quality)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = vt_codec_jpeg_encode (surface, quality, FALSE, NULL, &error);
  cairo_surface_t *decoded;

  g_assert_no_error (error);
  decoded = vt_image_load (jpeg, &(VtLoadHints) { 0, 0, FALSE, FALSE, VT_IMAGE_DEFAULT_MAX_PIXELS },
                           &error);
  g_assert_no_error (error);
  return decoded;
}

/* Off-centre products of several shapes and colours, one touching the left
 * edge and one the bottom, with noise, a gradient and a shadow, some
 * through a JPEG at quality 75. */
static const struct {
  VtStudioShape shape;
  guint32       colour;
  cairo_rectangle_int_t box;
  double        noise;
  gboolean      jpeg;
} studio_cases[] = {
  { VT_STUDIO_BOX, 0x3A5F8C, { 130, 150, 213, 240 }, 2.0, FALSE },
  { VT_STUDIO_BOTTLE, 0xB03020, { 300, 60, 180, 330 }, 3.0, FALSE },
  { VT_STUDIO_BOX, 0x202020, { 0, 100, 260, 200 }, 2.0, TRUE },
  { VT_STUDIO_BOTTLE, 0x6A8F3C, { 220, 180, 300, 300 }, 2.5, TRUE },
  { VT_STUDIO_BOX, 0xC8A060, { 40, 30, 500, 380 }, 1.5, FALSE },
};

static void
test_trim_studio (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (studio_cases); i++)
    {
      VtStudioShot shot = VT_STUDIO_SHOT_INIT (640, 480);
      g_autoptr(cairo_surface_t) photo = NULL;
      VtTrim trim;

      shot.seed = i + 1;
      shot.shape = studio_cases[i].shape;
      shot.colour = studio_cases[i].colour;
      shot.product = studio_cases[i].box;
      shot.noise = studio_cases[i].noise;
      photo = vt_studio_render (&shot, NULL);
      if (studio_cases[i].jpeg)
        {
          cairo_surface_t *decoded = jpeg_round_trip (photo, 75);
          cairo_surface_destroy (photo);
          photo = decoded;
        }

      g_test_message ("case %u", i);
      g_assert_true (vt_trim_find (photo, VT_TRIM_DEFAULT_TOLERANCE, &trim));
      assert_box_near (&trim.box, &shot.product);
    }
}

/* Paper lit from one side, 57 levels darker across the photo, and dust. */
static void
test_trim_gradient_and_dust (void)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (640, 480);
  g_autoptr(cairo_surface_t) photo = NULL;
  VtTrim trim;

  shot.gradient = 0.25;
  shot.dust = 30;
  shot.product = (cairo_rectangle_int_t) { 250, 120, 200, 220 };
  photo = vt_studio_render (&shot, NULL);
  g_assert_true (vt_trim_find (photo, VT_TRIM_DEFAULT_TOLERANCE, &trim));
  assert_box_near (&trim.box, &shot.product);

  /* whitening still reaches the darker corner */
  shot.dust = 0;
  g_clear_pointer (&photo, cairo_surface_destroy);
  photo = vt_studio_render (&shot, NULL);
  g_assert_cmpint (vt_whiten (photo, VT_TRIM_DEFAULT_TOLERANCE), ==, VT_WHITEN_DONE);
  g_assert_cmphex (vt_test_pixel (photo, 639, 479), ==, 0xFFFFFF);
  g_assert_cmphex (vt_test_pixel (photo, 0, 0), ==, 0xFFFFFF);
}

static void
test_trim_nothing_there (void)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (320, 240);
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) noise = vt_test_noise (320, 240, 7);
  VtTrim trim;

  /* the product drawn off the photo: paper only */
  shot.product = (cairo_rectangle_int_t) { 1000, 1000, 10, 10 };
  photo = vt_studio_render (&shot, NULL);
  g_assert_false (vt_trim_find (photo, VT_TRIM_DEFAULT_TOLERANCE, &trim));
  g_assert_false (trim.found);
  g_assert_cmpint (trim.box.width, ==, 320);

  /* no backdrop at all */
  g_assert_false (vt_trim_find (noise, VT_TRIM_DEFAULT_TOLERANCE, &trim));
  g_assert_cmpint (trim.box.height, ==, 240);
}

typedef struct {
  int paper_left;     /* paper pixels (one pixel clear of the product) not white */
  int border_left;    /* pixels on the photo's border, not product, not white */
  int product_changed;  /* product pixels (two pixels inside) changed */
  int outline;        /* pixels partly product */
  int softened;       /* outline pixels neither as they were nor white */
} WhitenCount;

static WhitenCount
count_whitened (cairo_surface_t *before,
                cairo_surface_t *after,
                cairo_surface_t *coverage)
{
  int w = cairo_image_surface_get_width (after), h = cairo_image_surface_get_height (after);
  WhitenCount n = { 0 };

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 a = vt_test_pixel (after, x, y) & 0xFFFFFF;
        guint32 b = vt_test_pixel (before, x, y) & 0xFFFFFF;
        gboolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1;

        if (vt_studio_is_outside (coverage, x, y, 1))
          {
            n.paper_left += a != 0xFFFFFF;
            n.border_left += border && a != 0xFFFFFF;
          }
        else if (vt_studio_is_inside (coverage, x, y, 2))
          n.product_changed += a != b;
        else if (!vt_studio_is_inside (coverage, x, y, 0) &&
                 !vt_studio_is_outside (coverage, x, y, 0))
          {
            n.outline++;
            n.softened += a != b && a != 0xFFFFFF;
          }
      }
  return n;
}

static void
test_whiten_studio (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (studio_cases); i++)
    {
      VtStudioShot shot = VT_STUDIO_SHOT_INIT (640, 480);
      g_autoptr(cairo_surface_t) coverage = NULL;
      g_autoptr(cairo_surface_t) photo = NULL;
      g_autoptr(cairo_surface_t) before = NULL;
      WhitenCount n;

      if (studio_cases[i].jpeg)
        continue;  /* JPEG ringing moves pixels off the product's own colours */
      shot.seed = i + 11;
      shot.shape = studio_cases[i].shape;
      shot.colour = studio_cases[i].colour;
      shot.product = studio_cases[i].box;
      shot.noise = studio_cases[i].noise;
      photo = vt_studio_render (&shot, &coverage);
      before = vt_image_copy (photo);

      g_test_message ("case %u", i);
      g_assert_cmpint (vt_whiten (photo, VT_TRIM_DEFAULT_TOLERANCE), ==, VT_WHITEN_DONE);
      n = count_whitened (before, photo, coverage);
      g_assert_cmpint (n.border_left, ==, 0);
      g_assert_cmpint (n.paper_left, ==, 0);
      g_assert_cmpint (n.product_changed, ==, 0);
      /* a soft outline: part-paper pixels blended, not cut to white or left grey */
      g_test_message ("outline %d, softened %d", n.outline, n.softened);
      g_assert_cmpint (n.softened, >=, n.outline / 3);
    }
}

/* The white label inside the box is not connected to the border: kept. */
static void
test_whiten_keeps_label (void)
{
  VtStudioShot shot = VT_STUDIO_SHOT_INIT (400, 300);
  g_autoptr(cairo_surface_t) photo = vt_studio_render (&shot, NULL);
  g_autoptr(cairo_surface_t) before = vt_image_copy (photo);
  int cx = shot.product.x + shot.product.width / 2, cy = shot.product.y + shot.product.height / 2;

  g_assert_cmpint (vt_whiten (photo, VT_TRIM_DEFAULT_TOLERANCE), ==, VT_WHITEN_DONE);
  for (int dy = -5; dy <= 5; dy++)
    for (int dx = -5; dx <= 5; dx++)
      g_assert_cmphex (vt_test_pixel (photo, cx + dx, cy + dy), ==,
                       vt_test_pixel (before, cx + dx, cy + dy));
}

/* A white product on off-white paper: its edge is within the tolerance,
 * so whitening would swallow it; the photo must stay as it was. */
static void
test_whiten_white_product (void)
{
  for (guint seed = 1; seed <= 3; seed++)
    {
      VtStudioShot shot = VT_STUDIO_SHOT_INIT (640, 480);
      g_autoptr(cairo_surface_t) photo = NULL;
      g_autoptr(cairo_surface_t) before = NULL;

      shot.seed = seed;
      shot.shape = seed == 2 ? VT_STUDIO_BOTTLE : VT_STUDIO_BOX;
      shot.colour = 0xFBFBF8;
      shot.product.x += seed * 40;
      photo = vt_studio_render (&shot, NULL);
      before = vt_image_copy (photo);

      g_assert_cmpint (vt_whiten (photo, VT_TRIM_DEFAULT_TOLERANCE), ==, VT_WHITEN_LOW_CONTRAST);
      g_assert_cmpint (vt_test_max_diff (photo, before), ==, 0);
    }
}

static void
test_whiten_no_backdrop (void)
{
  g_autoptr(cairo_surface_t) noise = vt_test_noise (200, 150, 3);
  g_autoptr(cairo_surface_t) before = vt_image_copy (noise);

  g_assert_cmpint (vt_whiten (noise, VT_TRIM_DEFAULT_TOLERANCE), ==, VT_WHITEN_NO_BACKDROP);
  g_assert_cmpint (vt_test_max_diff (noise, before), ==, 0);
}

static void
test_fill_plan (void)
{
  VtFill fill;

  /* 3000 × 1500 into 2000 × 2000 at 85 %: the width limits, 1700 wide */
  vt_fill_plan (3000, 1500, 2000, 2000, 85, FALSE, &fill);
  g_assert_false (fill.too_small);
  g_assert_cmpint (fill.place.width, ==, 1700);
  g_assert_cmpint (fill.place.height, ==, 850);
  g_assert_cmpint (fill.place.x, ==, 150);
  g_assert_cmpint (fill.place.y, ==, 575);

  /* a small product stays at its own size unless enlarging is allowed */
  vt_fill_plan (400, 200, 2000, 2000, 85, FALSE, &fill);
  g_assert_true (fill.too_small);
  g_assert_cmpfloat (fill.scale, ==, 1.0);
  g_assert_cmpint (fill.place.width, ==, 400);
  g_assert_cmpint (fill.place.x, ==, 800);
  g_assert_cmpint (fill.place.y, ==, 900);
  vt_fill_plan (400, 200, 2000, 2000, 85, TRUE, &fill);
  g_assert_true (fill.too_small);
  g_assert_cmpint (fill.place.width, ==, 1700);

  /* a wide box: the height limits a square product */
  vt_fill_plan (3000, 3000, 2000, 1500, 90, FALSE, &fill);
  g_assert_cmpint (fill.place.width, ==, 1350);
  g_assert_cmpint (fill.place.height, ==, 1350);
  g_assert_cmpint (fill.place.x, ==, 325);
}

/* Whiten, trim and fill a studio shot, then measure the result as a
 * marketplace would: the product spans the share asked, centred, on white. */
static void
test_fill_studio (void)
{
  const int shares[] = { 85, 95, 60 };
  enum { BOX = 600 };

  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    {
      VtStudioShot shot = VT_STUDIO_SHOT_INIT (1600, 1200);
      g_autoptr(cairo_surface_t) photo = NULL;
      g_autoptr(cairo_surface_t) out = NULL;
      g_autoptr(GError) error = NULL;
      VtTrim trim, again;
      VtFill fill;
      int longer;

      shot.seed = 40 + i;
      shot.shape = i == 1 ? VT_STUDIO_BOTTLE : VT_STUDIO_BOX;
      shot.product = (cairo_rectangle_int_t) { 150 + 200 * i, 300, 900 - 200 * i, 640 };
      photo = vt_studio_render (&shot, NULL);
      g_assert_cmpint (vt_whiten (photo, VT_TRIM_DEFAULT_TOLERANCE), ==, VT_WHITEN_DONE);
      g_assert_true (vt_trim_find (photo, VT_TRIM_DEFAULT_TOLERANCE, &trim));
      vt_fill_plan (trim.box.width, trim.box.height, BOX, BOX, shares[i], FALSE, &fill);
      out = vt_fill_render (photo, &trim.box, &fill, 0xFFFFFF, NULL, &error);
      g_assert_no_error (error);

      g_assert_true (vt_trim_find (out, VT_TRIM_DEFAULT_TOLERANCE, &again));
      longer = MAX (again.box.width, again.box.height);
      g_assert_cmpfloat (ABS (longer * 100.0 / BOX - shares[i]), <=, 1.0);
      g_assert_cmpint (ABS (again.box.x + again.box.width / 2 - BOX / 2), <=, 2);
      g_assert_cmpint (ABS (again.box.y + again.box.height / 2 - BOX / 2), <=, 2);
      for (int k = 0; k < BOX; k++)
        {
          g_assert_cmphex (vt_test_pixel (out, k, 0) & 0xFFFFFF, ==, 0xFFFFFF);
          g_assert_cmphex (vt_test_pixel (out, BOX - 1, k) & 0xFFFFFF, ==, 0xFFFFFF);
        }
    }
}

static const VtTestCase tests[] = {
  { "/trim/studio", test_trim_studio },
  { "/trim/gradient-and-dust", test_trim_gradient_and_dust },
  { "/trim/nothing-there", test_trim_nothing_there },
  { "/whiten/studio", test_whiten_studio },
  { "/whiten/keeps-label", test_whiten_keeps_label },
  { "/whiten/white-product", test_whiten_white_product },
  { "/whiten/no-backdrop", test_whiten_no_backdrop },
  { "/fill/plan", test_fill_plan },
  { "/fill/studio", test_fill_studio },
};

VT_TEST_MAIN (tests)
