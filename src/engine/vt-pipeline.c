/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline.c: one photo, from its file to every variant on disk
 *
 * read → sniff → decode (shrunk on load) → orient → per variant: resize →
 * sharpen → unsharp mask → watermark → encode → atomic write.
 *
 * Thread contract: a pipeline is immutable once made (its recipe is a
 * private copy) and every function here may run on any number of workers
 * at once; the watermark cache inside has its own lock.
 */
#define G_LOG_DOMAIN "vt-pipeline"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vt-codec.h"
#include "vt-filters.h"
#include "vt-image.h"
#include "vt-pipeline.h"
#include "vt-resize.h"

/* Thumbnails kept for the window are at most this big. */
#define THUMBNAIL_SIDE 192

struct _VtPipeline
{
  GObject      parent_instance;

  VtRecipe    *recipe;
  VtWatermark *watermark;
  VtLoadHints  hints;
};

G_DEFINE_FINAL_TYPE (VtPipeline, vt_pipeline, G_TYPE_OBJECT)

static void
vt_pipeline_finalize (GObject *object)
{
  VtPipeline *self = VT_PIPELINE (object);

  g_clear_object (&self->recipe);
  g_clear_object (&self->watermark);

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
  vt_recipe_get_bounding_box (self->recipe, &self->hints.box_width, &self->hints.box_height);
  self->hints.max_pixels = vt_recipe_get_max_pixels (self->recipe);
  return self;
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
 * vt_pipeline_load:
 *
 * Reads and decodes @path once, as small as the recipe's largest variant
 * allows.
 *
 * Returns: (transfer full): the upright photo, or %NULL with @error set
 */
cairo_surface_t *
vt_pipeline_load (VtPipeline  *self,
                  const char  *path,
                  VtTimings   *timings,
                  GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *photo;
  gint64 t = vt_timings_now ();

  /* Mapped, not copied: the decoder reads the page cache directly. */
  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  stage_end (timings, VT_STAGE_READ, &t);

  photo = vt_image_load (bytes, &self->hints, error);
  stage_end (timings, VT_STAGE_DECODE, &t);
  return photo;
}

/**
 * vt_pipeline_resize:
 * @photo: a photo from vt_pipeline_load(); not changed
 * @variant: index of the recipe's variant
 *
 * The first step of a variant: @photo fitted inside its box. Returns a new
 * surface even when no resampling is needed, since the later steps work in
 * place.
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
  const VtVariant *v = vt_recipe_get_variant (self->recipe, variant);
  cairo_surface_t *out;
  gint64 t = vt_timings_now ();
  int w, h;

  vt_resize_fit_size (vt_image_get_width (photo), vt_image_get_height (photo),
                      v->width, v->height, &w, &h);
  if (w == vt_image_get_width (photo) && h == vt_image_get_height (photo))
    out = vt_image_copy (photo);
  else
    out = vt_resize_surface (photo, w, h, cancellable, error);
  if (out == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, VT_IMAGE_ERROR, VT_IMAGE_ERROR_NO_MEMORY, _("Out of memory"));
  stage_end (timings, VT_STAGE_RESIZE, &t);
  return out;
}

/**
 * vt_pipeline_finish:
 * @resized: from vt_pipeline_resize(); changed in place
 *
 * The steps after resizing: sharpen, unsharp mask, watermark.
 */
void
vt_pipeline_finish (VtPipeline      *self,
                    cairo_surface_t *resized,
                    VtTimings       *timings)
{
  VtRecipe *r = self->recipe;
  gint64 t = vt_timings_now ();

  if (vt_recipe_get_sharpen (r))
    vt_filters_sharpen (resized);
  if (vt_recipe_get_unsharp (r))
    vt_filters_unsharp_mask (resized, vt_recipe_get_unsharp_radius (r),
                             vt_recipe_get_unsharp_percent (r),
                             vt_recipe_get_unsharp_threshold (r));
  stage_end (timings, VT_STAGE_FILTERS, &t);

  if (vt_recipe_get_watermark (r))
    vt_watermark_apply (self->watermark, resized);
  stage_end (timings, VT_STAGE_WATERMARK, &t);
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
    vt_pipeline_finish (self, out, timings);
  return out;
}

/**
 * vt_pipeline_encode:
 *
 * Returns: (transfer full): @surface as the recipe's JPEG, or %NULL with
 * @error set
 */
GBytes *
vt_pipeline_encode (VtPipeline       *self,
                    cairo_surface_t  *surface,
                    GError          **error)
{
  return vt_codec_jpeg_encode (surface, vt_recipe_get_quality (self->recipe),
                               vt_recipe_get_progressive (self->recipe), error);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

/* Into a hidden temporary file beside the target, renamed over it once
 * whole: an interrupted run (or a full disk) never leaves a truncated file
 * under a final name, and a failed write leaves nothing at all. */
static gboolean
write_atomically (const char    *path,
                  GBytes        *bytes,
                  GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (dir, ".vitrina-XXXXXX", NULL);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int fd, saved_errno;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    goto failed;
  if (!write_all (fd, data, len))
    {
      saved_errno = errno;
      close (fd);
      errno = saved_errno;
      goto failed;
    }
  if (close (fd) != 0 || g_rename (tmp, path) != 0)
    goto failed;
  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    g_unlink (tmp);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_output (VtOutput  *output,
              GBytes    *jpeg,
              GError   **error)
{
  if (!write_atomically (output->path, jpeg, error))
    return FALSE;
  output->bytes = g_bytes_get_size (jpeg);
  return TRUE;
}

static cairo_surface_t *
make_thumbnail (cairo_surface_t *variant)
{
  int w, h;

  vt_resize_fit_size (vt_image_get_width (variant), vt_image_get_height (variant),
                      THUMBNAIL_SIDE, THUMBNAIL_SIDE, &w, &h);
  if (w == vt_image_get_width (variant) && h == vt_image_get_height (variant))
    return cairo_surface_reference (variant);
  return vt_resize_surface (variant, w, h, NULL, NULL);
}

static gboolean
process_variant (VtPipeline       *self,
                 VtResult         *result,
                 cairo_surface_t  *photo,
                 guint             index,
                 cairo_surface_t **thumbnail,
                 GCancellable     *cancellable,
                 GError          **error)
{
  VtTimings *timings = vt_result_get_timings (result);
  VtOutput *output = vt_result_get_output (result, index);
  g_autoptr(cairo_surface_t) rendered = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  gint64 t;

  rendered = vt_pipeline_render (self, photo, index, timings, cancellable, error);
  if (rendered == NULL)
    return FALSE;

  t = vt_timings_now ();
  jpeg = vt_pipeline_encode (self, rendered, error);
  stage_end (timings, VT_STAGE_ENCODE, &t);
  if (jpeg == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  output->width = vt_image_get_width (rendered);
  output->height = vt_image_get_height (rendered);
  if (!write_output (output, jpeg, error))
    return FALSE;
  stage_end (timings, VT_STAGE_WRITE, &t);

  if (thumbnail != NULL &&
      (*thumbnail == NULL || output->width < vt_image_get_width (*thumbnail)))
    {
      g_clear_pointer (thumbnail, cairo_surface_destroy);
      *thumbnail = make_thumbnail (rendered);
    }

  return TRUE;
}

/**
 * vt_pipeline_process:
 * @result: the photo's input and planned outputs; filled in here
 * @keep_thumbnail: keep a small copy of the smallest variant on @result
 *
 * Returns: %FALSE with @error set when the photo could not be done, or when
 * @cancellable was cancelled (outputs already written stay, whole)
 */
gboolean
vt_pipeline_process (VtPipeline    *self,
                     VtResult      *result,
                     gboolean       keep_thumbnail,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) thumbnail = NULL;

  g_return_val_if_fail (VT_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (vt_result_get_n_outputs (result) == vt_recipe_get_n_variants (self->recipe), FALSE);

  photo = vt_pipeline_load (self, vt_result_get_input (result), vt_result_get_timings (result), error);
  if (photo == NULL)
    return FALSE;

  for (guint i = 0; i < vt_result_get_n_outputs (result); i++)
    {
      if (!process_variant (self, result, photo, i, keep_thumbnail ? &thumbnail : NULL,
                            cancellable, error))
        return FALSE;
    }

  vt_result_set_thumbnail (result, thumbnail);
  return TRUE;
}
