/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline-encode.c: a variant encoded as JPEG, within its size's budget (max-kb)
 *
 * Part of VtPipeline, and like it safe to call from any number of workers
 * at once: it reads only the pipeline's immutable recipe.
 */
#define G_LOG_DOMAIN "vt-pipeline"

#include "config.h"

#include "vt-codec.h"
#include "vt-metadata.h"
#include "vt-pipeline.h"

static GBytes *
encode (VtPipeline       *self,
        cairo_surface_t  *surface,
        int               quality,
        GBytes           *exif,
        GError          **error)
{
  VtRecipe *recipe = vt_pipeline_get_recipe (self);

  return vt_codec_jpeg_encode (surface, quality, vt_recipe_get_progressive (recipe), exif, error);
}

/**
 * vt_pipeline_encode:
 * @variant: index of the recipe's variant
 * @exif: (nullable): the metadata to write, from vt_pipeline_get_exif()
 * @quality: (out) (optional): the quality used
 * @over_budget: (out) (optional): whether the file is larger than the
 *   size's max-kb even at quality 1
 *
 * Encodes at the recipe's quality or, where the size has a budget and the
 * file would not fit it, at the highest quality that fits: a binary search
 * that only re-encodes.
 *
 * Returns: (transfer full): @surface as the recipe's JPEG, or %NULL with
 * @error set
 */
GBytes *
vt_pipeline_encode (VtPipeline       *self,
                    cairo_surface_t  *surface,
                    guint             variant,
                    GBytes           *exif,
                    int              *quality,
                    gboolean         *over_budget,
                    GError          **error)
{
  VtRecipe *recipe = vt_pipeline_get_recipe (self);
  gsize budget = (gsize) vt_recipe_get_variant (recipe, variant)->max_kb * 1000;
  int q = vt_recipe_get_quality (recipe);
  g_autoptr(GBytes) best = encode (self, surface, q, exif, error);

  if (best != NULL && budget > 0 && g_bytes_get_size (best) > budget && q > 1)
    {
      g_autoptr(GBytes) lowest = NULL;   /* quality 1, should nothing fit */
      int lo = 1, hi = q - 1;

      g_clear_pointer (&best, g_bytes_unref);
      while (lo <= hi)
        {
          int mid = (lo + hi) / 2;
          g_autoptr(GBytes) jpeg = encode (self, surface, mid, exif, error);

          if (jpeg == NULL)
            return NULL;
          if (g_bytes_get_size (jpeg) <= budget)
            {
              g_clear_pointer (&best, g_bytes_unref);
              best = g_steal_pointer (&jpeg);
              q = mid, lo = mid + 1;
            }
          else
            {
              if (mid == 1)
                lowest = g_steal_pointer (&jpeg);
              hi = mid - 1;
            }
        }
      if (best == NULL)
        best = g_steal_pointer (&lowest), q = 1;
    }

  if (quality != NULL)
    *quality = q;
  if (over_budget != NULL)
    *over_budget = best != NULL && budget > 0 && g_bytes_get_size (best) > budget;
  return g_steal_pointer (&best);
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

