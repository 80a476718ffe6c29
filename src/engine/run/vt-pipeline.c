/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline.c: one photo, from its file to every variant on disk
 *
 * read → sniff → decode (shrunk on load) → orient → filters set before the
 * resize → per variant: fit into the box → the other filters → watermark
 * and logo → per format: encode (within the size's budget) → atomic write.
 * The encoding, its size budget and the write are in vt-pipeline-encode.c,
 * the filters' split around the resize in vt-pipeline-filters.c,
 * the check for photos too small for a size in vt-pipeline-small.c, the
 * fits in vt-fit.c. Sizes that whiten or trim (marketplaces' main photos)
 * share one whitened copy and one product box per photo (vt-product.c),
 * made before the first of them.
 *
 * Thread contract: a pipeline is immutable once made (its recipe is a
 * private copy) and every function here may run on any number of workers
 * at once; the watermark and logo caches inside have their own locks.
 */
#define G_LOG_DOMAIN "vt-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vt-filter-chain.h"
#include "vt-fit.h"
#include "vt-image.h"
#include "vt-pipeline.h"
#include "vt-pipeline-filters.h"
#include "vt-product.h"
#include "vt-resize.h"

struct _VtPipeline
{
  GObject      parent_instance;

  VtRecipe    *recipe;
  VtWatermark *watermark;
  VtLogo      *logo;       /* NULL: none, or logo_error says why not */
  GError      *logo_error;
  VtLoadHints  hints;
  GArray      *before;     /* VtFilter, run once on the decoded photo */
  GArray      *after;      /* VtFilter, run on each size */
  int          after_reach; /* how far they reach, when they keep flat areas; else -1 */
  char        *load_key;   /* what vt_pipeline_load() depends on, as text */
};

G_DEFINE_FINAL_TYPE (VtPipeline, vt_pipeline, G_TYPE_OBJECT)

static void
vt_pipeline_finalize (GObject *object)
{
  VtPipeline *self = VT_PIPELINE (object);

  g_clear_object (&self->recipe);
  g_clear_object (&self->watermark);
  g_clear_object (&self->logo);
  g_clear_error (&self->logo_error);
  g_clear_pointer (&self->before, g_array_unref);
  g_clear_pointer (&self->after, g_array_unref);
  g_clear_pointer (&self->load_key, g_free);

  G_OBJECT_CLASS (vt_pipeline_parent_class)->finalize (object);
}

static void
vt_pipeline_class_init (VtPipelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vt_pipeline_finalize;
}

static void
vt_pipeline_init (VtPipeline *self)
{
}

static void
set_load_hints (VtPipeline *self)
{
  VtLoadHints *hints = &self->hints;

  vt_recipe_get_bounding_box (self->recipe, &hints->box_width, &hints->box_height);
  hints->max_pixels = vt_recipe_get_max_pixels (self->recipe);
  hints->keep_exif = vt_recipe_get_metadata (self->recipe) != VT_METADATA_NONE;
  for (guint i = 0; i < vt_recipe_get_n_variants (self->recipe); i++)
    {
      const VtVariant *v = vt_recipe_get_variant (self->recipe, i);

      hints->cover |= v->fit == VT_FIT_FILL;
      /* A cut-out shows a padded size's colour through, not white. */
      hints->keep_alpha |= vt_product_keeps_alpha (v) || v->fit == VT_FIT_PAD;
      /* The product may be a small part of the photo: its own pixels, not
       * the photo's, decide whether a size needs enlarging. */
      if (vt_variant_trims (v))
        hints->box_width = hints->box_height = 0;
    }

  /* A blur of radius 10 before the resize means 10 pixels of the photo as
   * it is, not of a photo the decoder has already shrunk. */
  for (guint i = 0; i < self->before->len; i++)
    if (vt_filter_kind_get_info (g_array_index (self->before, VtFilter, i).kind)->spatial)
      hints->box_width = hints->box_height = 0;
}

static char *
describe_load (VtPipeline *self)
{
  g_autofree char *before = vt_filter_chain_to_string (self->before);

  return g_strdup_printf ("%dx%d%s%s%s %s", self->hints.box_width, self->hints.box_height,
                          self->hints.cover ? " cover" : "", self->hints.keep_exif ? " exif" : "",
                          self->hints.keep_alpha ? " alpha" : "", before);
}

/**
 * vt_pipeline_new:
 * @recipe: the settings; copied, so later changes do not reach this pipeline
 */
VtPipeline *
vt_pipeline_new (VtRecipe *recipe)
{
  VtPipeline *self;

  g_return_val_if_fail (VT_IS_RECIPE (recipe), NULL);

  self = g_object_new (VT_TYPE_PIPELINE, NULL);
  self->recipe = vt_recipe_copy (recipe);
  self->watermark = vt_recipe_create_watermark (self->recipe);
  vt_recipe_create_logo (self->recipe, &self->logo, &self->logo_error);
  vt_pipeline_filters_split (vt_recipe_get_filters (self->recipe), &self->before, &self->after);
  self->after_reach = vt_pipeline_filters_flat_reach (self->after);
  set_load_hints (self);
  self->load_key = describe_load (self);
  return self;
}

/**
 * vt_pipeline_check:
 *
 * Whether the recipe can be carried out at all: its logo file is readable,
 * an image, and not too large. Without this check a bad logo is left off.
 *
 * Returns: %FALSE with @error set, naming the file, when it cannot
 */
gboolean
vt_pipeline_check (VtPipeline  *self,
                   GError     **error)
{
  g_return_val_if_fail (VT_IS_PIPELINE (self), FALSE);

  if (self->logo_error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->logo_error));
  return FALSE;
}

VtRecipe *
vt_pipeline_get_recipe (VtPipeline *self)
{
  return self->recipe;
}

const VtLoadHints *
vt_pipeline_get_load_hints (VtPipeline *self)
{
  return &self->hints;
}

/* Two pipelines with the same key load a photo to the same pixels. */
const char *
vt_pipeline_get_load_key (VtPipeline *self)
{
  return self->load_key;
}

static inline void
stage_end (VtTimings *timings,
           VtStage    stage,
           gint64    *since)
{
  gint64 now = vt_timings_now ();

  if (timings != NULL)
    timings->stage[stage] += now - *since;
  *since = now;
}

/**
 * vt_pipeline_decode:
 * @bytes: the photo's file, as vt_image_read() gives it
 *
 * Decodes the photo once, as small as the recipe's largest variant allows,
 * and runs the filters the recipe puts before the resize.
 *
 * Returns: (transfer full): the upright photo, or %NULL with @error set
 */
cairo_surface_t *
vt_pipeline_decode (VtPipeline  *self,
                    GBytes      *bytes,
                    VtTimings   *timings,
                    GError     **error)
{
  cairo_surface_t *photo;
  gint64 t = vt_timings_now ();

  photo = vt_image_load (bytes, &self->hints, error);
  stage_end (timings, VT_STAGE_DECODE, &t);

  if (photo != NULL && self->before->len > 0)
    {
      vt_filter_chain_apply (self->before, photo, 1.0);
      stage_end (timings, VT_STAGE_FILTERS, &t);
    }
  return photo;
}

/**
 * vt_pipeline_read:
 *
 * vt_image_read(), timed as the read stage.
 *
 * Returns: (transfer full): @path's contents, or %NULL with @error set
 */
GBytes *
vt_pipeline_read (const char  *path,
                  VtTimings   *timings,
                  GError     **error)
{
  gint64 t = vt_timings_now ();
  GBytes *bytes = vt_image_read (path, error);

  stage_end (timings, VT_STAGE_READ, &t);
  return bytes;
}

/**
 * vt_pipeline_load:
 *
 * Reads @path and decodes it as vt_pipeline_decode() does.
 *
 * Returns: (transfer full): the upright photo, or %NULL with @error set
 */
cairo_surface_t *
vt_pipeline_load (VtPipeline  *self,
                  const char  *path,
                  VtTimings   *timings,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = vt_pipeline_read (path, timings, error);

  if (bytes == NULL)
    return NULL;
  return vt_pipeline_decode (self, bytes, timings, error);
}

/* @product: (nullable): the photo's product, shared by its sizes
 * @output: (nullable): where to note what preparing the product found */
static cairo_surface_t *
resize (VtPipeline       *self,
        cairo_surface_t  *photo,
        guint             variant,
        gboolean          spare,
        VtProduct        *product,
        VtOutput         *output,
        VtTimings        *timings,
        GCancellable     *cancellable,
        GError          **error)
{
  const VtVariant *v = vt_recipe_get_variant (self->recipe, variant);
  g_autoptr(VtProduct) own = NULL;
  cairo_surface_t *out;
  gint64 t = vt_timings_now ();

  if (product == NULL)
    product = own = vt_product_new (photo);
  out = vt_product_fit (product, v, spare, output, cancellable, error);

  if (out == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_NO_MEMORY, _("Out of memory"));
  stage_end (timings, VT_STAGE_RESIZE, &t);
  return out;
}

/**
 * vt_pipeline_resize:
 * @photo: a photo from vt_pipeline_load(); not changed
 * @variant: index of the recipe's variant
 *
 * The first step of a variant: @photo put into its box as its fit says.
 * Returns a new surface even when no resampling is needed, since the later
 * steps work in place.
 *
 * Returns: (transfer full): a new surface, or %NULL with @error set
 */
cairo_surface_t *
vt_pipeline_resize (VtPipeline       *self,
                    cairo_surface_t  *photo,
                    guint             variant,
                    VtTimings        *timings,
                    GCancellable     *cancellable,
                    GError          **error)
{
  return resize (self, photo, variant, FALSE, NULL, NULL, timings, cancellable, error);
}

/* vt_pipeline_finish(); @product: (nullable): what the size's fit left
 * flat, which the filters then pass over. */
static void
finish (VtPipeline      *self,
        cairo_surface_t *resized,
        guint            variant,
        VtProduct       *product,
        VtTimings       *timings)
{
  const VtVariant *v = vt_recipe_get_variant (self->recipe, variant);
  gint64 t = vt_timings_now ();
  cairo_rectangle_int_t area, text;
  gboolean marked;

  if (product == NULL || !vt_product_get_content (product, &area) ||
      !vt_pipeline_filters_apply_within (self->after, self->after_reach, resized, &area, v->sharpen))
    vt_filter_chain_apply (self->after, resized, v->sharpen);
  stage_end (timings, VT_STAGE_FILTERS, &t);

  marked = vt_recipe_get_watermark (self->recipe) && v->watermark &&
           vt_watermark_apply (self->watermark, resized, &text);
  if (self->logo != NULL && v->logo)
    vt_logo_apply_clear_of (self->logo, resized, marked ? &text : NULL);
  stage_end (timings, VT_STAGE_WATERMARK, &t);
}

/**
 * vt_pipeline_finish:
 * @resized: from vt_pipeline_resize(); changed in place
 * @variant: index of the recipe's variant
 *
 * The steps after resizing: the filters, at the size's sharpening strength,
 * then the watermark and the logo (clear of the text) where the size has them.
 */
void
vt_pipeline_finish (VtPipeline      *self,
                    cairo_surface_t *resized,
                    guint            variant,
                    VtTimings       *timings)
{
  finish (self, resized, variant, NULL, timings);
}

/**
 * vt_pipeline_render:
 * @photo: a photo from vt_pipeline_load(); not changed
 * @variant: index of the recipe's variant
 *
 * Everything the recipe does to one variant short of encoding it. The batch
 * and the window's preview both come through vt_pipeline_resize() and
 * vt_pipeline_finish(), so what the preview shows is what the batch writes.
 *
 * Returns: (transfer full): a new surface, or %NULL with @error set
 */
cairo_surface_t *
vt_pipeline_render (VtPipeline       *self,
                    cairo_surface_t  *photo,
                    guint             variant,
                    VtTimings        *timings,
                    GCancellable     *cancellable,
                    GError          **error)
{
  cairo_surface_t *out = vt_pipeline_resize (self, photo, variant, timings, cancellable, error);

  if (out != NULL)
    vt_pipeline_finish (self, out, variant, timings);
  return out;
}

static cairo_surface_t *
make_thumbnail (cairo_surface_t *variant)
{
  int w, h;

  vt_resize_fit_size (vt_image_get_width (variant), vt_image_get_height (variant),
                      VT_PIPELINE_THUMBNAIL_SIDE, VT_PIPELINE_THUMBNAIL_SIDE, &w, &h);
  if (w == vt_image_get_width (variant) && h == vt_image_get_height (variant))
    return cairo_surface_reference (variant);
  return vt_resize_surface (variant, w, h, NULL, NULL);
}

/* Renders a variant once and writes it in each of its formats, @result's
 * outputs from *@next on. @spare: @photo is not read after this variant,
 * which may then write to it instead of a copy. */
static gboolean
process_variant (VtPipeline       *self,
                 VtResult         *result,
                 cairo_surface_t  *photo,
                 gboolean          spare,
                 VtProduct        *product,
                 GBytes           *exif,
                 guint             index,
                 guint            *next,
                 cairo_surface_t **thumbnail,
                 GError          **error)
{
  const VtVariant *v = vt_recipe_get_variant (self->recipe, index);
  g_autoptr(cairo_surface_t) rendered = NULL;

  /* The product's notes (low contrast, no product, too small) are the
   * size's: made on its first output, shared by its other formats. */
  VtOutput *first = vt_result_get_output (result, *next);

  rendered = resize (self, photo, index, spare, product, first, vt_result_get_timings (result),
                     NULL, error);
  if (rendered == NULL)
    return FALSE;
  finish (self, rendered, index, product, vt_result_get_timings (result));

  for (guint f = 0; f < VT_N_FORMATS; f++)
    {
      VtOutput *output;

      if (!(v->formats & VT_FORMAT_BIT (f)))
        continue;
      output = vt_result_get_output (result, (*next)++);
      g_assert (output->format == f);
      output->low_contrast = first->low_contrast;
      output->no_product = first->no_product;
      output->small_product = first->small_product;
      if (!vt_pipeline_encode_output (self, result, output, rendered, index, exif, error))
        return FALSE;
    }

  if (thumbnail != NULL &&
      (*thumbnail == NULL || vt_image_get_width (rendered) < vt_image_get_width (*thumbnail)))
    {
      g_clear_pointer (thumbnail, cairo_surface_destroy);
      *thumbnail = make_thumbnail (rendered);
    }

  return TRUE;
}

/* Whether every size whitens the photo with one tolerance, so that none
 * reads it as it was decoded. */
static gboolean
whitens_alike (VtRecipe *recipe)
{
  const VtVariant *first = vt_recipe_get_variant (recipe, 0);

  for (guint i = 0; i < vt_recipe_get_n_variants (recipe); i++)
    {
      const VtVariant *v = vt_recipe_get_variant (recipe, i);

      if (!v->whiten || vt_variant_get_tolerance (v) != vt_variant_get_tolerance (first))
        return FALSE;
    }
  return TRUE;
}

/**
 * vt_pipeline_process:
 * @result: the photo's input and planned outputs; filled in here
 * @bytes: the input's contents, from vt_image_read()
 * @keep_thumbnail: keep a small copy of the smallest variant on @result
 *
 * Takes no cancellable: a photo begun is finished, every size and format of
 * it, so that a cancelled batch leaves each photo wholly done or not at all.
 *
 * Returns: %FALSE with @error set when the photo could not be done
 */
gboolean
vt_pipeline_process (VtPipeline    *self,
                     VtResult      *result,
                     GBytes        *bytes,
                     gboolean       keep_thumbnail,
                     GError       **error)
{
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) thumbnail = NULL;
  g_autoptr(GBytes) exif = NULL;
  g_autoptr(VtProduct) product = NULL;

  g_return_val_if_fail (VT_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (vt_result_get_n_outputs (result) == vt_recipe_get_n_outputs (self->recipe), FALSE);

  photo = vt_pipeline_decode (self, bytes, vt_result_get_timings (result), error);
  if (photo == NULL)
    return FALSE;

  exif = vt_pipeline_get_exif (self, photo);
  product = whitens_alike (self->recipe) ? vt_product_new_owning (photo) : vt_product_new (photo);
  for (guint i = 0, n = vt_recipe_get_n_variants (self->recipe), next = 0; i < n; i++)
    {
      if (!process_variant (self, result, photo, i == n - 1, product, exif, i, &next,
                            keep_thumbnail ? &thumbnail : NULL, error))
        return FALSE;
    }

  vt_result_set_thumbnail (result, thumbnail);
  return TRUE;
}
