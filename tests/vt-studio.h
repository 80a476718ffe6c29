/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-studio.h: synthetic studio shots whose product box and pixels are known */
#pragma once

#include "vitrina-engine.h"

G_BEGIN_DECLS

typedef enum {
  VT_STUDIO_BOX,      /* a rounded box with a white label */
  VT_STUDIO_BOTTLE,   /* an ellipse */
} VtStudioShape;

typedef struct {
  int                   width;
  int                   height;
  guint32               seed;
  double                paper;     /* the paper's level at the top left, 0…1 */
  double                gradient;  /* how much darker it gets at the bottom right */
  double                noise;     /* sensor noise, standard deviation in levels */
  double                shadow;    /* the soft shadow's darkest share */
  cairo_rectangle_int_t product;
  VtStudioShape         shape;
  guint32               colour;    /* 0xRRGGBB */
  int                   dust;      /* dark specks of one pixel on the paper */
  double                grain;     /* the paper's own grain, in levels, 3 pixels across */
} VtStudioShot;

/* A grey-blue box, off-centre on warm off-white paper. */
#define VT_STUDIO_SHOT_INIT(w, h) \
  { (w), (h), 1, 0.91, 0.04, 2.0, 0.06, { (w) / 5, (h) / 4, (w) / 3, (h) / 2 }, VT_STUDIO_BOX, 0x3A5F8C, 0 }

cairo_surface_t *vt_studio_render (const VtStudioShot *shot,
                                   cairo_surface_t   **coverage);
void             vt_studio_write_shot (const char     *path,
                                       guint32         seed,
                                       guint32         colour,
                                       VtStudioShape   shape);
gboolean         vt_studio_is_inside (cairo_surface_t *coverage,
                                      int              x,
                                      int              y,
                                      int              margin);
gboolean         vt_studio_is_outside (cairo_surface_t *coverage,
                                       int              x,
                                       int              y,
                                       int              margin);

G_END_DECLS
