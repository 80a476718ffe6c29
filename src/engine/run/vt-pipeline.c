/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline.c: one photo, from its file to every variant on disk
 *
 * read → sniff → decode (shrunk on load) → orient → filters set before the
 * resize → per variant: fit into the box → the other filters → watermark →
 * encode (within the size's budget) → atomic write.
 *
 * Thread contract: a pipeline is immutable once made (its recipe is a
 * private copy) and every function here may run on any number of workers
 * at once; the watermark cache inside has its own lock.
 */
#define G_LOG_DOMAIN "vt-pipeline"

#define _GNU_SOURCE 1  /* O_TMPFILE */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vt-codec.h"
#include "vt-filter-chain.h"
#include "vt-image.h"
#include "vt-metadata.h"
#include "vt-pipeline.h"
#include "vt-resize.h"
#include "vt-tsan.h"

/* Thumbnails kept for the window are at most this big. */
#define THUMBNAIL_SIDE 192

struct _VtPipeline
{
  GObject      parent_instance;

  VtRecipe    *recipe;
  VtWatermark *watermark;
  VtLoadHints  hints;
  GArray      *before;     /* VtFilter, run once on the decoded photo */
  GArray      *after;      /* VtFilter, run on each size */
  char        *load_key;   /* what vt_pipeline_load() depends on, as text */
};

G_DEFINE_FINAL_TYPE (VtPipeline, vt_pipeline, G_TYPE_OBJECT)

static void
vt_pipeline_finalize (GObject *object)
{
  VtPipeline *self = VT_PIPELINE (object);

  g_clear_object (&self->recipe);
  g_clear_object (&self->watermark);
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
split_chain (VtPipeline *self)
{
  GArray *chain = vt_recipe_get_filters (self->recipe);

  self->before = g_array_new (FALSE, FALSE, sizeof (VtFilter));
  self->after = g_array_new (FALSE, FALSE, sizeof (VtFilter));
  for (guint i = 0; i < chain->len; i++)
    {
      const VtFilter *f = &g_array_index (chain, VtFilter, i);
      g_array_append_vals (f->before_resize ? self->before : self->after, f, 1);
    }
}

static void
set_load_hints (VtPipeline *self)
{
  VtLoadHints *hints = &self->hints;

  vt_recipe_get_bounding_box (self->recipe, &hints->box_width, &hints->box_height);
  hints->max_pixels = vt_recipe_get_max_pixels (self->recipe);
  hints->keep_exif = vt_recipe_get_metadata (self->recipe) != VT_METADATA_NONE;
  for (guint i = 0; i < vt_recipe_get_n_variants (self->recipe); i++)
    hints->cover |= vt_recipe_get_variant (self->recipe, i)->fit == VT_FIT_FILL;

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

  return g_strdup_printf ("%dx%d%s%s %s", self->hints.box_width, self->hints.box_height,
                          self->hints.cover ? " cover" : "", self->hints.keep_exif ? " exif" : "",
                          before);
}

static void
apply_filters (GArray          *filters,
               cairo_surface_t *surface,
               double           strength)
{
  for (guint i = 0; i < filters->len; i++)
    vt_filter_apply (&g_array_index (filters, VtFilter, i), surface, strength);
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
  split_chain (self);
  set_load_hints (self);
  self->load_key = describe_load (self);
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
      apply_filters (self->before, photo, 1.0);
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

/* The size ImageOps.contain() gives: the box's width or height, the other
 * side rounded as Python's round() does (half to even). */
static void
contain_size (int  width,
              int  height,
              int  box_width,
              int  box_height,
              int *out_width,
              int *out_height)
{
  double ratio = (double) width / height, box_ratio = (double) box_width / box_height;

  *out_width = box_width, *out_height = box_height;
  if (ratio > box_ratio)
    *out_height = (int) nearbyint ((double) height / width * box_width);
  else if (ratio < box_ratio)
    *out_width = (int) nearbyint ((double) width / height * box_height);
}

/* ImageOps.pad(): contained, then centred on a canvas of the box's colour. */
static cairo_surface_t *
pad (cairo_surface_t  *photo,
     const VtVariant  *v,
     GCancellable     *cancellable,
     GError          **error)
{
  int w = vt_image_get_width (photo), h = vt_image_get_height (photo), cw, ch;
  g_autoptr(cairo_surface_t) contained = NULL;
  cairo_surface_t *canvas;
  cairo_t *cr;

  contain_size (w, h, v->width, v->height, &cw, &ch);
  contained = cw == w && ch == h ? vt_image_copy (photo)
                                 : vt_resize_surface (photo, cw, ch, cancellable, error);
  if (contained == NULL || (cw == v->width && ch == v->height))
    return g_steal_pointer (&contained);

  canvas = vt_image_new (v->width, v->height, error);
  if (canvas == NULL)
    return NULL;
  cr = cairo_create (canvas);
  cairo_set_source_rgb (cr, (v->background >> 16) / 255.0, ((v->background >> 8) & 0xff) / 255.0,
                        (v->background & 0xff) / 255.0);
  cairo_paint (cr);
  cairo_set_source_surface (cr, contained, nearbyint ((v->width - cw) * 0.5),
                            nearbyint ((v->height - ch) * 0.5));
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (canvas);
  return canvas;
}

/* ImageOps.fit(): the centred region of the box's shape, resampled to it. */
static cairo_surface_t *
fill (cairo_surface_t  *photo,
      const VtVariant  *v,
      GCancellable     *cancellable,
      GError          **error)
{
  double w = vt_image_get_width (photo), h = vt_image_get_height (photo);
  double ratio = w / h, box_ratio = (double) v->width / v->height;
  double cw = w, ch = h, left, top;

  if (ratio >= box_ratio)
    cw = box_ratio * h;
  else
    ch = w / box_ratio;
  left = (w - cw) * 0.5, top = (h - ch) * 0.5;
  return vt_resize_surface_region (photo, left, top, left + cw, top + ch, v->width, v->height,
                                   cancellable, error);
}

/* Pillow's thumbnail(): as large as fits, never enlarged. Where the photo
 * already fits, a copy, or the photo itself when it is @spare: nothing will
 * read it after this variant. */
static cairo_surface_t *
fit_inside (cairo_surface_t  *photo,
            const VtVariant  *v,
            gboolean          spare,
            GCancellable     *cancellable,
            GError          **error)
{
  int w, h;

  vt_resize_fit_size (vt_image_get_width (photo), vt_image_get_height (photo),
                      v->width, v->height, &w, &h);
  if (w == vt_image_get_width (photo) && h == vt_image_get_height (photo))
    return spare ? cairo_surface_reference (photo) : vt_image_copy (photo);
  return vt_resize_surface (photo, w, h, cancellable, error);
}

static cairo_surface_t *
resize (VtPipeline       *self,
        cairo_surface_t  *photo,
        guint             variant,
        gboolean          spare,
        VtTimings        *timings,
        GCancellable     *cancellable,
        GError          **error)
{
  const VtVariant *v = vt_recipe_get_variant (self->recipe, variant);
  cairo_surface_t *out;
  gint64 t = vt_timings_now ();

  switch (v->fit)
    {
    case VT_FIT_FILL: out = fill (photo, v, cancellable, error); break;
    case VT_FIT_PAD: out = pad (photo, v, cancellable, error); break;
    case VT_FIT_INSIDE:
    default: out = fit_inside (photo, v, spare, cancellable, error); break;
    }
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
  return resize (self, photo, variant, FALSE, timings, cancellable, error);
}

/**
 * vt_pipeline_finish:
 * @resized: from vt_pipeline_resize(); changed in place
 * @variant: index of the recipe's variant
 *
 * The steps after resizing: the filters, at the size's sharpening strength,
 * then the watermark where the size has one.
 */
void
vt_pipeline_finish (VtPipeline      *self,
                    cairo_surface_t *resized,
                    guint            variant,
                    VtTimings       *timings)
{
  const VtVariant *v = vt_recipe_get_variant (self->recipe, variant);
  gint64 t = vt_timings_now ();

  apply_filters (self->after, resized, v->sharpen);
  stage_end (timings, VT_STAGE_FILTERS, &t);

  if (vt_recipe_get_watermark (self->recipe) && v->watermark)
    vt_watermark_apply (self->watermark, resized);
  stage_end (timings, VT_STAGE_WATERMARK, &t);
}

static cairo_surface_t *
render (VtPipeline       *self,
        cairo_surface_t  *photo,
        guint             variant,
        gboolean          spare,
        VtTimings        *timings,
        GCancellable     *cancellable,
        GError          **error)
{
  cairo_surface_t *out = resize (self, photo, variant, spare, timings, cancellable, error);

  if (out != NULL)
    vt_pipeline_finish (self, out, variant, timings);
  return out;
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
  return render (self, photo, variant, FALSE, timings, cancellable, error);
}

static GBytes *
encode (VtPipeline       *self,
        cairo_surface_t  *surface,
        int               quality,
        GBytes           *exif,
        GError          **error)
{
  return vt_codec_jpeg_encode (surface, quality, vt_recipe_get_progressive (self->recipe),
                               exif, error);
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
  gsize budget = (gsize) vt_recipe_get_variant (self->recipe, variant)->max_kb * 1000;
  int q = vt_recipe_get_quality (self->recipe);
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
  return vt_metadata_filter (vt_metadata_get (photo), vt_recipe_get_metadata (self->recipe));
}

/**
 * vt_pipeline_find_small_variant:
 * @width: (out): the photo's width
 * @height: (out): the photo's height
 *
 * Reads @path's header to tell whether the photo is too small for one of
 * the recipe's sizes (see vt_variant_enlarges()).
 *
 * Returns: (nullable): the largest such size, or %NULL when the photo
 * serves them all (or its header cannot be read: the batch will say why)
 */
const VtVariant *
vt_pipeline_find_small_variant (VtPipeline *self,
                                const char *path,
                                int        *width,
                                int        *height)
{
  const VtVariant *found = NULL;

  if (!vt_image_peek_size (path, NULL, NULL, width, height))
    return NULL;

  for (guint i = 0; i < vt_recipe_get_n_variants (self->recipe); i++)
    {
      const VtVariant *v = vt_recipe_get_variant (self->recipe, i);

      if (vt_variant_enlarges (v, *width, *height) &&
          (found == NULL || (gint64) v->width * v->height > (gint64) found->width * found->height))
        found = v;
    }
  return found;
}

typedef struct {
  GStrv  paths;
  guint  n_small;
  char  *example;
} SmallCheck;

static void
small_check_free (SmallCheck *check)
{
  g_strfreev (check->paths);
  g_free (check->example);
  g_free (check);
}

static void
count_small_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SmallCheck *check = task_data;

  VT_HANDOFF_ACQUIRE (task);
  for (guint i = 0; check->paths[i] != NULL && !g_cancellable_is_cancelled (cancellable); i++)
    {
      const VtVariant *v;
      int w, h;

      if ((v = vt_pipeline_find_small_variant (source, check->paths[i], &w, &h)) == NULL)
        continue;
      if (check->n_small++ == 0)
        {
          g_autofree char *name = g_path_get_basename (check->paths[i]);
          check->example = g_strdup_printf (_("%s is %d × %d, smaller than the size “%s” (%d × %d)"),
                                            name, w, h, v->name, v->width, v->height);
        }
    }
  VT_HANDOFF_RELEASE (task);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/**
 * vt_pipeline_count_small_async:
 * @paths: the photos a batch is about to prepare
 *
 * Reads every photo's header in a thread to count those too small for one
 * of the recipe's sizes (see vt_pipeline_find_small_variant()).
 */
void
vt_pipeline_count_small_async (VtPipeline          *self,
                               const char * const  *paths,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SmallCheck *check = g_new0 (SmallCheck, 1);

  check->paths = g_strdupv ((char **) paths);
  g_task_set_source_tag (task, vt_pipeline_count_small_async);
  g_task_set_task_data (task, check, (GDestroyNotify) small_check_free);
  VT_HANDOFF_RELEASE (task);
  g_task_run_in_thread (task, count_small_thread);
}

/**
 * vt_pipeline_count_small_finish:
 * @example: (out) (optional) (transfer full): the first such photo and
 *   the size it is too small for, in words
 *
 * Returns: how many photos are too small, or 0 with @error set when the
 * check was cancelled
 */
guint
vt_pipeline_count_small_finish (VtPipeline    *self,
                                GAsyncResult  *result,
                                char         **example,
                                GError       **error)
{
  SmallCheck *check = g_task_get_task_data (G_TASK (result));

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  VT_HANDOFF_ACQUIRE (result);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return 0;
  if (example != NULL)
    *example = g_steal_pointer (&check->example);
  return check->n_small;
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

#ifdef O_TMPFILE
/* An unnamed file in @dir, given its name once whole: one change to the
 * folder instead of a create and a rename, and nothing left behind should
 * the process die. %FALSE with errno set otherwise: EEXIST when @path is
 * already there, EOPNOTSUPP (or EISDIR) where the file system has no
 * unnamed files. */
static gboolean
write_unnamed (const char   *dir,
               const char   *path,
               const guint8 *data,
               gsize         len)
{
  char fd_path[64];
  int fd, saved_errno;
  gboolean ok;

  fd = open (dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return FALSE;
  g_snprintf (fd_path, sizeof fd_path, "/proc/self/fd/%d", fd);
  ok = write_all (fd, data, len) &&
       linkat (AT_FDCWD, fd_path, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0;
  saved_errno = errno;
  close (fd);
  errno = saved_errno;
  return ok;
}
#endif

/* Into a hidden temporary file beside the target, renamed over it once
 * whole: an interrupted run (or a full disk) never leaves a truncated file
 * under a final name, and a failed write leaves nothing at all. Where the
 * file system allows, a new file is written unnamed and linked in. */
static gboolean
write_atomically (const char    *path,
                  GBytes        *bytes,
                  GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (dir, ".vitrina-XXXXXX", NULL);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int fd = -1, saved_errno;

#ifdef O_TMPFILE
  if (write_unnamed (dir, path, data, len))
    return TRUE;
  if (errno != EEXIST && errno != EOPNOTSUPP && errno != EISDIR && errno != ENOENT)
    goto failed;
#endif

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

/* @spare: @photo is not read after this variant, which may then write to
 * it instead of a copy. */
static gboolean
process_variant (VtPipeline       *self,
                 VtResult         *result,
                 cairo_surface_t  *photo,
                 gboolean          spare,
                 GBytes           *exif,
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

  rendered = render (self, photo, index, spare, timings, cancellable, error);
  if (rendered == NULL)
    return FALSE;

  t = vt_timings_now ();
  jpeg = vt_pipeline_encode (self, rendered, index, exif, &output->quality, &output->over_budget, error);
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
 * @bytes: the input's contents, from vt_image_read()
 * @keep_thumbnail: keep a small copy of the smallest variant on @result
 *
 * Returns: %FALSE with @error set when the photo could not be done, or when
 * @cancellable was cancelled (outputs already written stay, whole)
 */
gboolean
vt_pipeline_process (VtPipeline    *self,
                     VtResult      *result,
                     GBytes        *bytes,
                     gboolean       keep_thumbnail,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(cairo_surface_t) photo = NULL;
  g_autoptr(cairo_surface_t) thumbnail = NULL;
  g_autoptr(GBytes) exif = NULL;

  g_return_val_if_fail (VT_IS_PIPELINE (self), FALSE);
  g_return_val_if_fail (vt_result_get_n_outputs (result) == vt_recipe_get_n_variants (self->recipe), FALSE);

  photo = vt_pipeline_decode (self, bytes, vt_result_get_timings (result), error);
  if (photo == NULL)
    return FALSE;

  exif = vt_pipeline_get_exif (self, photo);
  for (guint i = 0, n = vt_result_get_n_outputs (result); i < n; i++)
    {
      if (!process_variant (self, result, photo, i == n - 1, exif, i,
                            keep_thumbnail ? &thumbnail : NULL, cancellable, error))
        return FALSE;
    }

  vt_result_set_thumbnail (result, thumbnail);
  return TRUE;
}
