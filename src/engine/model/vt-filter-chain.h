/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-filter-chain.h: a recipe's filter chain, as data and as text */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VT_FILTER_SHARPEN,
  VT_FILTER_UNSHARP,
  VT_FILTER_GAUSSIAN,
  VT_FILTER_BOX_BLUR,
  VT_FILTER_BRIGHTNESS,
  VT_FILTER_CONTRAST,
  VT_FILTER_SATURATION,
  VT_FILTER_AUTO_CONTRAST,
  VT_FILTER_EDGE_ENHANCE,
  VT_FILTER_EDGE_ENHANCE_MORE,
  VT_FILTER_INVERT,
  VT_FILTER_GREYSCALE,
  VT_FILTER_LANCZOS_ROUND_TRIP,
  VT_N_FILTER_KINDS
} VtFilterKind;

#define VT_FILTER_MAX_PARAMS 3

typedef struct {
  const char *name;      /* in the chain's text: "radius" */
  const char *title;     /* untranslated; pass through gettext */
  double      min;
  double      max;
  double      fallback;  /* when the text leaves it out */
  int         digits;
} VtFilterParam;

typedef struct {
  const char    *name;   /* in the chain's text: "unsharp" */
  const char    *title;  /* untranslated; pass through gettext */
  guint          n_params;
  VtFilterParam  params[VT_FILTER_MAX_PARAMS];
  gboolean       sharpening;  /* scaled by a size's sharpening strength */
  gboolean       spatial;     /* reaches across pixels, so depends on scale */
} VtFilterInfo;

typedef struct {
  VtFilterKind kind;
  gboolean     before_resize;
  double       params[VT_FILTER_MAX_PARAMS];
} VtFilter;

/* The seed 000 shop's sharpening. */
#define VT_FILTER_CHAIN_DEFAULT "sharpen;unsharp:radius=2,percent=150,threshold=3"

const VtFilterInfo *vt_filter_kind_get_info (VtFilterKind    kind);
gboolean            vt_filter_kind_from_name (const char     *name,
                                             VtFilterKind   *kind);
void                vt_filter_init          (VtFilter       *filter,
                                             VtFilterKind    kind);
gboolean            vt_filter_parse         (const char     *text,
                                             VtFilter       *filter,
                                             GError        **error);
char               *vt_filter_to_string     (const VtFilter *filter);
GArray             *vt_filter_chain_parse   (const char     *text,
                                             GError        **error);
char               *vt_filter_chain_to_string (GArray       *chain);
void                vt_filter_chain_apply   (GArray         *chain,
                                             cairo_surface_t *surface,
                                             double          strength);
void                vt_filter_apply         (const VtFilter *filter,
                                             cairo_surface_t *surface,
                                             double          strength);

G_END_DECLS
