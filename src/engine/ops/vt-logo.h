/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-logo.h: a shop's logo, drawn once per output size and composited */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define VT_LOGO_ERROR (vt_logo_error_quark ())

typedef enum {
  VT_LOGO_ERROR_UNREADABLE,
  VT_LOGO_ERROR_NOT_AN_IMAGE,
  VT_LOGO_ERROR_TOO_LARGE,
} VtLogoError;

/* Row by row, so that position / 3 is the row and position % 3 the column. */
typedef enum {
  VT_LOGO_TOP_LEFT,
  VT_LOGO_TOP,
  VT_LOGO_TOP_RIGHT,
  VT_LOGO_LEFT,
  VT_LOGO_CENTER,
  VT_LOGO_RIGHT,
  VT_LOGO_BOTTOM_LEFT,
  VT_LOGO_BOTTOM,
  VT_LOGO_BOTTOM_RIGHT,
} VtLogoPosition;

#define VT_TYPE_LOGO_POSITION (vt_logo_position_get_type ())
GType vt_logo_position_get_type (void) G_GNUC_CONST;

/* A logo file bigger than this is refused before it is read. */
#define VT_LOGO_MAX_FILE_SIZE (20 * 1024 * 1024)
/* A bitmap logo with more pixels than this is refused before it is decoded. */
#define VT_LOGO_MAX_PIXELS (4096 * 4096)

#define VT_LOGO_DEFAULT_WIDTH   20.0  /* percent of the size's width */
#define VT_LOGO_DEFAULT_OPACITY 80.0  /* percent */
#define VT_LOGO_DEFAULT_MARGIN  2.5   /* percent of the size's width */

#define VT_TYPE_LOGO (vt_logo_get_type ())
G_DECLARE_FINAL_TYPE (VtLogo, vt_logo, VT, LOGO, GObject)

GQuark          vt_logo_error_quark          (void);
gboolean        vt_logo_position_from_string (const char      *name,
                                              VtLogoPosition  *position);
const char     *vt_logo_position_to_string   (VtLogoPosition   position);

VtLogo         *vt_logo_new                  (const char      *path,
                                              VtLogoPosition   position,
                                              double           width,
                                              double           opacity,
                                              double           margin,
                                              GError         **error);
void            vt_logo_get_natural_size     (VtLogo          *self,
                                              int             *width,
                                              int             *height);
gboolean        vt_logo_is_vector            (VtLogo          *self);
void            vt_logo_get_placement        (VtLogo          *self,
                                              int              width,
                                              int              height,
                                              cairo_rectangle_int_t *rect);
void            vt_logo_apply                (VtLogo          *self,
                                              cairo_surface_t *surface);
void            vt_logo_apply_clear_of       (VtLogo          *self,
                                              cairo_surface_t *surface,
                                              const cairo_rectangle_int_t *keep_clear);

G_END_DECLS
