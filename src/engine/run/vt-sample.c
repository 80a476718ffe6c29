/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-sample.c: synthetic product photos for demos, tests and benchmarks
 *
 * Deterministic for a given index and size, and as costly for a JPEG codec
 * as a real studio shot: a soft backdrop gradient, a shaded product with a
 * shadow, a label, and fine sensor-like noise over everything.
 */
#define G_LOG_DOMAIN "vt-sample"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "vt-codec.h"
#include "vt-output-folder.h"
#include "vt-sample.h"

static void
draw_backdrop (cairo_t *cr,
               GRand   *rand,
               int      w,
               int      h)
{
  cairo_pattern_t *p = cairo_pattern_create_linear (0, 0, 0, h);
  double tint = g_rand_double_range (rand, 0.85, 0.97);

  cairo_pattern_add_color_stop_rgb (p, 0, tint, tint, 0.99);
  cairo_pattern_add_color_stop_rgb (p, 1, tint * 0.75, tint * 0.76, tint * 0.8);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);
}

static void
draw_product (cairo_t *cr,
              GRand   *rand,
              int      w,
              int      h)
{
  double cx = w * g_rand_double_range (rand, 0.4, 0.6);
  double cy = h * g_rand_double_range (rand, 0.45, 0.55);
  double pw = w * g_rand_double_range (rand, 0.3, 0.5);
  double ph = h * g_rand_double_range (rand, 0.35, 0.6);
  double r = g_rand_double (rand), g = g_rand_double (rand), b = g_rand_double (rand);
  double radius = MIN (pw, ph) * 0.2;
  cairo_pattern_t *shade;

  /* shadow on the floor */
  cairo_save (cr);
  cairo_translate (cr, cx, cy + ph / 2);
  cairo_scale (cr, pw * 0.7, ph * 0.08);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_fill (cr);

  /* body */
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx + pw / 2 - radius, cy - ph / 2 + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, cx + pw / 2 - radius, cy + ph / 2 - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, cx - pw / 2 + radius, cy + ph / 2 - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, cx - pw / 2 + radius, cy - ph / 2 + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  shade = cairo_pattern_create_linear (cx - pw / 2, 0, cx + pw / 2, 0);
  cairo_pattern_add_color_stop_rgb (shade, 0, r * 0.5, g * 0.5, b * 0.5);
  cairo_pattern_add_color_stop_rgb (shade, 0.35, MIN (1, r * 1.2), MIN (1, g * 1.2), MIN (1, b * 1.2));
  cairo_pattern_add_color_stop_rgb (shade, 1, r * 0.35, g * 0.35, b * 0.35);
  cairo_set_source (cr, shade);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (shade);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
  cairo_set_line_width (cr, MAX (1.0, w / 400.0));
  cairo_stroke (cr);

  /* stitching: fine repeated detail that a poor resampler aliases */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
  for (double y = cy - ph / 2 + radius; y < cy + ph / 2 - radius; y += MAX (2.0, h / 150.0))
    {
      cairo_move_to (cr, cx - pw / 2 + radius / 2, y);
      cairo_line_to (cr, cx - pw / 2 + radius, y);
    }
  cairo_stroke (cr);
}

static void
draw_label (cairo_t *cr,
            guint    index,
            int      w,
            int      h)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  g_autofree char *text = g_strdup_printf ("SKU %05u", index);

  pango_font_description_set_absolute_size (font, MAX (6, h / 22) * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, w * 0.05, h * 0.05);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.25);
  pango_cairo_show_layout (cr, layout);
}

/* Sensor-like noise, ±6 levels, from a small xorshift per row. */
static void
add_noise (cairo_surface_t *surface,
           guint            seed)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    {
      guint32 s = seed * 2654435761u + y * 40503u + 1;
      guint8 *row = data + (gsize) y * stride;

      for (int i = 0; i < w * 4; i++)
        {
          int v;

          s ^= s << 13, s ^= s >> 17, s ^= s << 5;
          v = row[i] + (int) (s % 13) - 6;
          row[i] = (guint8) CLAMP (v, 0, 255);
        }
    }
  cairo_surface_mark_dirty (surface);
}

/**
 * vt_sample_render:
 *
 * Returns: (transfer full): the @index-th synthetic product photo
 */
cairo_surface_t *
vt_sample_render (guint index,
                  int   width,
                  int   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (index * 7919u + 17);
  cairo_t *cr = cairo_create (surface);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);

  draw_backdrop (cr, rand, width, height);
  draw_product (cr, rand, width, height);
  draw_label (cr, index, width, height);
  cairo_destroy (cr);
  add_noise (surface, index);

  return surface;
}

/**
 * vt_sample_write:
 *
 * Writes `product-0001.jpg` … into @dir (JPEG quality 92, like a camera).
 */
gboolean
vt_sample_write (const char  *dir,
                 guint        count,
                 int          width,
                 int          height,
                 GError     **error)
{
  if (!vt_output_folder_make (dir, error))
    return FALSE;

  for (guint i = 1; i <= count; i++)
    {
      g_autoptr(cairo_surface_t) photo = vt_sample_render (i, width, height);
      g_autoptr(GBytes) jpeg = vt_codec_jpeg_encode (photo, 92, FALSE, NULL, error);
      g_autofree char *name = g_strdup_printf ("product-%04u.jpg", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (jpeg == NULL ||
          !g_file_set_contents_full (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
        return FALSE;
    }

  return TRUE;
}
