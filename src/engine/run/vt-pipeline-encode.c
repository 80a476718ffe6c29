/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline-encode.c: a variant encoded in each of its formats, within its size's budget (max-kb), and written
 *
 * Part of VtPipeline, and like it safe to call from any number of workers
 * at once: it reads only the pipeline's immutable recipe.
 */
#define G_LOG_DOMAIN "vt-pipeline"

#include "config.h"

#include "vt-atomic-file.h"
#include "vt-encode.h"
#include "vt-image.h"
#include "vt-metadata.h"
#include "vt-output-source.h"
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

static void
add_time (VtTimings *timings,
          VtStage    stage,
          gint64    *since)
{
  gint64 now = vt_timings_now ();

  timings->stage[stage] += now - *since;
  *since = now;
}

/**
 * vt_pipeline_encode_output:
 * @result: the photo's result, whose timings this adds to
 * @output: one of @result's outputs, of the variant @rendered is
 * @rendered: the variant, from vt_pipeline_render()
 * @variant: its index in the recipe
 *
 * Writes @output: @rendered encoded in the output's format, within the
 * size's budget, then written atomically; fills in the output's size,
 * bytes and quality.
 *
 * Returns: %FALSE with @error set when it could not be written
 */
gboolean
vt_pipeline_encode_output (VtPipeline       *self,
                           VtResult         *result,
                           VtOutput         *output,
                           cairo_surface_t  *rendered,
                           guint             variant,
                           GBytes           *exif,
                           GError          **error)
{
  VtTimings *timings = vt_result_get_timings (result);
  g_autoptr(GBytes) bytes = NULL;
  gint64 t = vt_timings_now ();

  bytes = vt_pipeline_encode (self, rendered, variant, output->format, exif, &output->quality,
                              &output->over_budget, error);
  add_time (timings, VT_STAGE_ENCODE, &t);
  if (bytes == NULL)
    return FALSE;

  output->width = vt_image_get_width (rendered);
  output->height = vt_image_get_height (rendered);
  if (!vt_atomic_file_write (output->path, bytes, error))
    return FALSE;
  if (vt_result_get_input (result) != NULL)
    vt_output_source_mark (output->path, vt_result_get_input (result));
  output->bytes = g_bytes_get_size (bytes);
  add_time (timings, VT_STAGE_WRITE, &t);
  return TRUE;
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

