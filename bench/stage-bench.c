/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stage-bench.c: the default recipe's steps one by one on one photo
 *
 *   stage-bench [WIDTHxHEIGHT] [REPEATS]
 *
 * Prints the fastest of REPEATS runs of each step, in milliseconds, on one
 * core: for before/after comparisons of a hot loop, where timing a whole
 * batch drowns the change in the noise of a shared machine.
 */
#include "config.h"

#include <stdio.h>

#include "vitrina-engine.h"
#include "vt-codec.h"
#include "vt-filters.h"
#include "vt-fit.h"
#include "vt-image.h"
#include "vt-resize.h"
#include "vt-sample.h"

typedef void (*Step) (cairo_surface_t *photo, gpointer data);

static void
step_sharpen (cairo_surface_t *surface, gpointer data)
{
  vt_filters_sharpen (surface);
}

static void
step_unsharp (cairo_surface_t *surface, gpointer data)
{
  vt_filters_unsharp_mask (surface, 2.0, 150, 3);
}

static void
step_resize (cairo_surface_t *surface, gpointer data)
{
  int side = GPOINTER_TO_INT (data), w, h;

  vt_resize_fit_size (vt_image_get_width (surface), vt_image_get_height (surface), side, side,
                      &w, &h);
  cairo_surface_destroy (vt_resize_surface (surface, w, h, NULL, NULL));
}

static void
step_encode (cairo_surface_t *surface, gpointer data)
{
  g_bytes_unref (vt_codec_jpeg_encode (surface, 85, FALSE, NULL, NULL));
}

static void
step_decode (cairo_surface_t *surface, gpointer data)
{
  VtLoadHints hints = { .max_pixels = G_MAXUINT64 };

  cairo_surface_destroy (vt_image_load (data, &hints, NULL));
}

/* Each run works on a fresh copy, since the filters work in place. */
static void
measure (const char      *name,
         cairo_surface_t *photo,
         Step             step,
         gpointer         data,
         int              repeats)
{
  gint64 best = G_MAXINT64;

  for (int i = 0; i < repeats; i++)
    {
      cairo_surface_t *copy = vt_image_copy (photo);
      gint64 t = g_get_monotonic_time ();

      step (copy, data);
      best = MIN (best, g_get_monotonic_time () - t);
      cairo_surface_destroy (copy);
    }
  printf ("  %-16s %8.2f ms\n", name, best / 1000.0);
}

int
main (int argc, char **argv)
{
  int width = 800, height = 600, repeats = argc > 2 ? atoi (argv[2]) : 20;
  cairo_surface_t *photo;
  g_autoptr(GBytes) jpeg = NULL;

  if (argc > 1 && sscanf (argv[1], "%dx%d", &width, &height) != 2)
    {
      fprintf (stderr, "usage: %s [WIDTHxHEIGHT] [REPEATS]\n", argv[0]);
      return 2;
    }
  vt_engine_init ();
  photo = vt_sample_render (0, width, height);
  jpeg = vt_codec_jpeg_encode (photo, 92, FALSE, NULL, NULL);

  printf ("One %d×%d photo, fastest of %d runs:\n", width, height, repeats);
  measure ("decode", photo, step_decode, jpeg, repeats);
  measure ("resize to 500", photo, step_resize, GINT_TO_POINTER (500), repeats);
  measure ("resize to 150", photo, step_resize, GINT_TO_POINTER (150), repeats);
  measure ("sharpen", photo, step_sharpen, NULL, repeats);
  measure ("unsharp mask", photo, step_unsharp, NULL, repeats);
  measure ("encode q85", photo, step_encode, NULL, repeats);
  cairo_surface_destroy (photo);
  return 0;
}
