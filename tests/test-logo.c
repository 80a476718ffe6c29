/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-logo.c: the logo's position, scale and opacity, and bad logo files named */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "vt-test-utils.h"

/* Left half black, right half white, 10 × 5 units: a bitmap this small
 * blown up to 100 pixels would smear the edge over ten of them. */
static const char svg_logo[] =
  "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='5' viewBox='0 0 10 5'>"
  "<rect x='0' y='0' width='5' height='5' fill='#000'/>"
  "<rect x='5' y='0' width='5' height='5' fill='#fff'/></svg>";

static char *tmpdir;

static char *
write_file (const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* An opaque red 40 × 20 PNG. */
static char *
write_red_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 40, 20);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, "red.png", NULL);

  gdk_pixbuf_fill (pixbuf, 0xFF0000FF);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static cairo_surface_t *
grey (int width,
      int height)
{
  cairo_surface_t *s = vt_image_new (width, height, NULL);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 128 / 255.0, 128 / 255.0, 128 / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static VtLogo *
new_logo (const char     *path,
          VtLogoPosition  position,
          double          width,
          double          opacity)
{
  g_autoptr(GError) error = NULL;
  VtLogo *logo = vt_logo_new (path, position, width, opacity, 2.5, &error);

  g_assert_no_error (error);
  return logo;
}

/* 25% of 400 is 100 wide, 50 high as the logo's shape says, 10 from the
 * edges (2.5%), at half opacity over mid-grey. */
static void
test_bottom_right (void)
{
  g_autofree char *path = write_red_png ();
  g_autoptr(VtLogo) logo = new_logo (path, VT_LOGO_BOTTOM_RIGHT, 25, 50);
  g_autoptr(cairo_surface_t) photo = grey (400, 300);

  vt_logo_apply (logo, photo);
  /* Inside, just inside each corner, and just outside. */
  vt_assert_rgb (photo, 340, 265, 192, 64, 64, 1);
  vt_assert_rgb (photo, 290, 240, 192, 64, 64, 1);
  vt_assert_rgb (photo, 389, 289, 192, 64, 64, 1);
  vt_assert_rgb (photo, 289, 265, 128, 128, 128, 0);
  vt_assert_rgb (photo, 340, 239, 128, 128, 128, 0);
  vt_assert_rgb (photo, 390, 265, 128, 128, 128, 0);
  vt_assert_rgb (photo, 340, 290, 128, 128, 128, 0);
}

static void
test_nine_positions (void)
{
  g_autofree char *path = write_red_png ();
  /* x and y of the logo's top-left corner on 400 × 300. */
  static const int expected[9][2] = {
    { 10, 10 }, { 150, 10 }, { 290, 10 },
    { 10, 125 }, { 150, 125 }, { 290, 125 },
    { 10, 240 }, { 150, 240 }, { 290, 240 },
  };

  for (VtLogoPosition p = VT_LOGO_TOP_LEFT; p <= VT_LOGO_BOTTOM_RIGHT; p++)
    {
      g_autoptr(VtLogo) logo = new_logo (path, p, 25, 100);
      g_autoptr(cairo_surface_t) photo = grey (400, 300);
      cairo_rectangle_int_t rect;
      VtLogoPosition parsed;

      vt_logo_get_placement (logo, 400, 300, &rect);
      g_assert_cmpint (rect.x, ==, expected[p][0]);
      g_assert_cmpint (rect.y, ==, expected[p][1]);
      g_assert_cmpint (rect.width, ==, 100);
      g_assert_cmpint (rect.height, ==, 50);

      vt_logo_apply (logo, photo);
      vt_assert_rgb (photo, rect.x + 50, rect.y + 25, 255, 0, 0, 0);
      vt_assert_rgb (photo, rect.x - 1, rect.y + 25, 128, 128, 128, 0);
      vt_assert_rgb (photo, rect.x + 100, rect.y + 25, 128, 128, 128, 0);

      g_assert_true (vt_logo_position_from_string (vt_logo_position_to_string (p), &parsed));
      g_assert_cmpint (parsed, ==, p);
    }
}

/* The width follows each size's width; a logo that would not fit between
 * the margins is made smaller, keeping its shape. */
static void
test_scale_per_size (void)
{
  g_autofree char *path = write_red_png ();
  g_autoptr(VtLogo) logo = new_logo (path, VT_LOGO_TOP_LEFT, 50, 100);
  cairo_rectangle_int_t rect;

  vt_logo_get_placement (logo, 1200, 900, &rect);
  g_assert_cmpint (rect.width, ==, 600);
  g_assert_cmpint (rect.height, ==, 300);
  vt_logo_get_placement (logo, 150, 100, &rect);
  g_assert_cmpint (rect.width, ==, 75);
  g_assert_cmpint (rect.height, ==, 38);
  /* A wide, very short output: at most the height less the margins. */
  vt_logo_get_placement (logo, 1000, 100, &rect);
  g_assert_cmpint (rect.height, ==, 50);
  g_assert_cmpint (rect.width, ==, 100);
}

/* On a transparent cut-out the logo's pixels take the logo's opacity. */
static void
test_opacity_on_alpha (void)
{
  g_autofree char *path = write_red_png ();
  g_autoptr(VtLogo) logo = new_logo (path, VT_LOGO_CENTER, 25, 40);
  g_autoptr(VtLogo) hidden = new_logo (path, VT_LOGO_CENTER, 25, 0);
  g_autoptr(cairo_surface_t) cutout = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  g_autoptr(cairo_surface_t) photo = grey (400, 300);
  guint32 p;

  vt_logo_apply (logo, cutout);
  p = ((guint32 *) (cairo_image_surface_get_data (cutout) +
                    150 * cairo_image_surface_get_stride (cutout)))[200];
  g_assert_cmpint (ABS ((int) (p >> 24) - 102), <=, 1);
  g_assert_cmpint (ABS ((int) ((p >> 16) & 0xFF) - 102), <=, 1);
  g_assert_cmpint (p & 0xFFFF, ==, 0);
  p = ((guint32 *) cairo_image_surface_get_data (cutout))[0];
  g_assert_cmpint (p, ==, 0);

  vt_logo_apply (hidden, photo);
  vt_assert_rgb (photo, 200, 150, 128, 128, 128, 0);
}

static gboolean
have_svg_loader (void)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    if (gdk_pixbuf_format_is_scalable (l->data))
      return TRUE;
  g_test_skip ("GdkPixbuf has no SVG loader (librsvg)");
  return FALSE;
}

/* An SVG logo is rendered at the size it is drawn: its edge stays one
 * pixel sharp at ten times its nominal size. */
static void
test_svg_rendered_at_size (void)
{
  g_autofree char *path = NULL;
  g_autoptr(VtLogo) logo = NULL;
  g_autoptr(cairo_surface_t) photo = grey (400, 300);
  cairo_rectangle_int_t rect;
  int w, h;

  if (!have_svg_loader ())
    return;
  path = write_file ("logo.svg", svg_logo, -1);
  logo = new_logo (path, VT_LOGO_TOP_LEFT, 25, 100);
  g_assert_true (vt_logo_is_vector (logo));
  vt_logo_get_natural_size (logo, &w, &h);
  g_assert_cmpint (w, ==, 10);
  g_assert_cmpint (h, ==, 5);

  vt_logo_get_placement (logo, 400, 300, &rect);
  g_assert_cmpint (rect.width, ==, 100);
  g_assert_cmpint (rect.height, ==, 50);
  vt_logo_apply (logo, photo);
  vt_assert_rgb (photo, rect.x + 48, rect.y + 25, 0, 0, 0, 2);
  vt_assert_rgb (photo, rect.x + 52, rect.y + 25, 255, 255, 255, 2);
}

static void
assert_refused (const char *path,
                int         code,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VtLogo) logo = vt_logo_new (path, VT_LOGO_BOTTOM_RIGHT, 20, 80, 2.5, &error);
  g_autofree char *name = g_path_get_basename (path);

  g_assert_null (logo);
  g_assert_error (error, VT_LOGO_ERROR, code);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_bad_logos (void)
{
  g_autofree char *missing = g_build_filename (tmpdir, "missing-logo.png", NULL);
  g_autofree char *text = write_file ("notes-logo.png", "not a picture at all", -1);
  g_autofree char *huge = vt_test_fixture_path ("huge.png");
  g_autofree char *big = g_build_filename (tmpdir, "big-logo.svg", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  assert_refused (missing, VT_LOGO_ERROR_UNREADABLE, "No such file");
  assert_refused (text, VT_LOGO_ERROR_NOT_AN_IMAGE, "not an image");
  assert_refused (huge, VT_LOGO_ERROR_TOO_LARGE, "100000 × 100000");

  /* A file over the size limit is refused before it is read. */
  fd = g_open (big, O_WRONLY | O_CREAT, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, VT_LOGO_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);
  assert_refused (big, VT_LOGO_ERROR_TOO_LARGE, "at most 20 MB");
}

static gboolean
is_red (cairo_surface_t *s, int x, int y)
{
  const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (s) + (gsize) y * cairo_image_surface_get_stride (s));
  guint32 p = row[x];

  return (p >> 16 & 0xFF) > 200 && (p >> 8 & 0xFF) < 60 && (p & 0xFF) < 60;
}

static guint
count_red (cairo_surface_t *s, const cairo_rectangle_int_t *r)
{
  guint n = 0;

  for (int y = r->y; y < r->y + r->height; y++)
    for (int x = r->x; x < r->x + r->width; x++)
      n += is_red (s, x, y);
  return n;
}

/* The default logo and text mark share the bottom-right corner: the logo
 * stacks above the text, 10 px (half its margin) clear of it, the text
 * left whole. */
static void
test_clear_of_text (void)
{
  g_autofree char *path = write_red_png ();
  g_autoptr(VtLogo) logo = new_logo (path, VT_LOGO_BOTTOM_RIGHT, 20, 100);
  g_autoptr(VtWatermark) mark = vt_watermark_new ("© Vitrina", 1.0, 0.06, VT_WATERMARK_BOTTOM_RIGHT);
  g_autoptr(cairo_surface_t) over = grey (800, 600);
  g_autoptr(cairo_surface_t) clear = grey (800, 600);
  cairo_rectangle_int_t text, placed;

  g_assert_true (vt_watermark_get_rect (mark, clear, &text));
  vt_logo_get_placement (logo, 800, 600, &placed);
  /* without the text to keep clear, the logo covers it */
  vt_watermark_apply (mark, over, NULL);
  vt_logo_apply (logo, over);
  g_assert_cmpuint (count_red (over, &text), >, 0);

  vt_watermark_apply (mark, clear, NULL);
  vt_logo_apply_clear_of (logo, clear, &text);
  g_assert_cmpuint (count_red (clear, &text), ==, 0);
  g_assert_true (is_red (clear, placed.x + placed.width / 2, text.y - 11));
  g_assert_false (is_red (clear, placed.x + placed.width / 2, text.y - 9));
  g_assert_true (is_red (clear, placed.x + placed.width / 2, text.y - 10 - placed.height));
  g_assert_false (is_red (clear, placed.x + placed.width / 2, text.y - 12 - placed.height));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  vt_engine_init ();
  tmpdir = vt_test_make_tmpdir ();

  g_test_add_func ("/logo/bottom-right", test_bottom_right);
  g_test_add_func ("/logo/nine-positions", test_nine_positions);
  g_test_add_func ("/logo/scale-per-size", test_scale_per_size);
  g_test_add_func ("/logo/opacity-on-alpha", test_opacity_on_alpha);
  g_test_add_func ("/logo/svg-rendered-at-size", test_svg_rendered_at_size);
  g_test_add_func ("/logo/bad-logos", test_bad_logos);
  g_test_add_func ("/logo/clear-of-text", test_clear_of_text);

  status = g_test_run ();
  vt_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
