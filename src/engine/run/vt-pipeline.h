/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline.h: one photo, from its file to every variant on disk */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "vt-image.h"
#include "vt-recipe.h"
#include "vt-result.h"

G_BEGIN_DECLS

/* Thumbnails kept for the window are at most this big. */
#define VT_PIPELINE_THUMBNAIL_SIDE 192

#define VT_TYPE_PIPELINE (vt_pipeline_get_type ())
G_DECLARE_FINAL_TYPE (VtPipeline, vt_pipeline, VT, PIPELINE, GObject)

VtPipeline      *vt_pipeline_new     (VtRecipe        *recipe);
gboolean         vt_pipeline_check   (VtPipeline      *self,
                                      GError         **error);
VtRecipe        *vt_pipeline_get_recipe (VtPipeline   *self);
const VtLoadHints *vt_pipeline_get_load_hints (VtPipeline *self);
const char      *vt_pipeline_get_load_key (VtPipeline *self);
GBytes          *vt_pipeline_read    (const char      *path,
                                      VtTimings       *timings,
                                      GError         **error);
cairo_surface_t *vt_pipeline_decode  (VtPipeline      *self,
                                      GBytes          *bytes,
                                      VtTimings       *timings,
                                      GError         **error);
cairo_surface_t *vt_pipeline_load    (VtPipeline      *self,
                                      const char      *path,
                                      VtTimings       *timings,
                                      GError         **error);
cairo_surface_t *vt_pipeline_resize  (VtPipeline      *self,
                                      cairo_surface_t *photo,
                                      guint            variant,
                                      VtTimings       *timings,
                                      GCancellable    *cancellable,
                                      GError         **error);
void             vt_pipeline_finish  (VtPipeline      *self,
                                      cairo_surface_t *resized,
                                      guint            variant,
                                      VtTimings       *timings);
GBytes          *vt_pipeline_get_exif (VtPipeline     *self,
                                      cairo_surface_t *photo);
GBytes          *vt_pipeline_encode  (VtPipeline      *self,
                                      cairo_surface_t *surface,
                                      guint            variant,
                                      VtFormat         format,
                                      GBytes          *exif,
                                      int             *quality,
                                      gboolean        *over_budget,
                                      GError         **error);
gboolean         vt_pipeline_encode_output (VtPipeline *self,
                                      VtResult        *result,
                                      VtOutput        *output,
                                      cairo_surface_t *rendered,
                                      guint            variant,
                                      GBytes          *exif,
                                      GError         **error);
const VtVariant *vt_pipeline_find_small_variant (VtPipeline *self,
                                      const char      *path,
                                      int             *width,
                                      int             *height);
void             vt_pipeline_count_small_async (VtPipeline *self,
                                      const char * const *paths,
                                      GCancellable    *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer         user_data);
guint            vt_pipeline_count_small_finish (VtPipeline *self,
                                      GAsyncResult    *result,
                                      char           **example,
                                      GError         **error);
cairo_surface_t *vt_pipeline_render  (VtPipeline      *self,
                                      cairo_surface_t *photo,
                                      guint            variant,
                                      VtTimings       *timings,
                                      GCancellable    *cancellable,
                                      GError         **error);
gboolean         vt_pipeline_process (VtPipeline      *self,
                                      VtResult        *result,
                                      GBytes          *bytes,
                                      gboolean         keep_thumbnail,
                                      GError         **error);

G_END_DECLS
