/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline-encode.c: a variant encoded in each of its formats, within its size's budget (max-kb)
 *
 * Part of VtPipeline, and like it safe to call from any number of workers
 * at once: it reads only the pipeline's immutable recipe.
 */
#define G_LOG_DOMAIN "vt-pipeline"

#include "config.h"

#include "vt-encode.h"
#include "vt-metadata.h"
#include "vt-pipeline.h"

/**
 * vt_pipeline_encode:
 * @variant: index of the recipe's variant
 * @format: one of the variant's formats
 * @exif: (nullable): the metadata to write, from vt_pipeline_get_exif()
 * @quality: (out) (optional): the quality used
 * @over_budget: (out) (optional): whether the file is larger than the
 *   size's max-kb even at quality 1 (or in a lossless format)
 *
 * Encodes at the recipe's quality for @format or, where the size has a
 * budget and the file would not fit it, at the highest quality that fits.
 *
 * Returns: (transfer full): @surface as a file in @format, or %NULL with
 * @error set
 */
GBytes *
vt_pipeline_encode (VtPipeline       *self,
                    cairo_surface_t  *surface,
                    guint             variant,
                    VtFormat          format,
                    GBytes           *exif,
                    int              *quality,
                    gboolean         *over_budget,
                    GError          **error)
{
  VtRecipe *recipe = vt_pipeline_get_recipe (self);
  gsize budget = (gsize) vt_recipe_get_variant (recipe, variant)->max_kb * 1000;
  VtEncodeSettings settings;

  vt_recipe_get_encode_settings (recipe, format, &settings);
  return vt_encode_within (surface, format, &settings, budget, exif, quality, over_budget, error);
}

/**
 * vt_pipeline_get_exif:
 * @photo: a photo from vt_pipeline_load()
 *
 * Returns: (transfer full) (nullable): the metadata its outputs keep
 */
GBytes *
vt_pipeline_get_exif (VtPipeline      *self,
                      cairo_surface_t *photo)
{
  VtRecipe *recipe = vt_pipeline_get_recipe (self);

  return vt_metadata_filter (vt_metadata_get (photo), vt_recipe_get_metadata (recipe));
}

