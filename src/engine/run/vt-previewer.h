/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-previewer.h: one photo through the current recipe, off the main thread */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "vt-recipe.h"
#include "vt-rules.h"

G_BEGIN_DECLS

typedef struct {
  cairo_surface_t *before;      /* the variant resized, nothing else */
  cairo_surface_t *after;       /* the file the batch writes, in @format, decoded */
  gsize            jpeg_bytes;  /* its size as the batch writes it, in @format */
  int              quality;     /* the recipe's, or the size budget's */
  VtFormat         format;      /* the format asked for */
  gint64           render_time; /* µs of work for this request */
  gint64           decode_time; /* µs of it spent decoding the encoded bytes */
  gboolean         not_decoded; /* @after is the pixels before encoding: no decoder */
  guint            serial;
  /* (nullable) VtPreflightIssue: the channel's verdict (vt_previewer_set_rules())
   * when the size shown is its main photo */
  GPtrArray       *issues;
} VtPreviewResult;

void vt_preview_result_free (VtPreviewResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtPreviewResult, vt_preview_result_free)

#define VT_TYPE_PREVIEWER (vt_previewer_get_type ())
G_DECLARE_FINAL_TYPE (VtPreviewer, vt_previewer, VT, PREVIEWER, GObject)

VtPreviewer *vt_previewer_new     (void);
guint        vt_previewer_request (VtPreviewer *self,
                                   VtRecipe    *recipe,
                                   const char  *path,
                                   guint        variant);
guint        vt_previewer_request_format (VtPreviewer *self,
                                          VtRecipe    *recipe,
                                          const char  *path,
                                          guint        variant,
                                          VtFormat     format);
guint        vt_previewer_get_n_rendered (VtPreviewer *self);
void         vt_previewer_set_rules (VtPreviewer *self,
                                     VtRules     *rules);

G_END_DECLS
