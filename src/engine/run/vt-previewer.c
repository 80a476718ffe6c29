/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-previewer.c: one photo through the current recipe, off the main thread
 *
 * Each request copies the recipe and runs on the previewer's own single
 * worker thread. A newer request cancels the older one, and only the newest
 * result is delivered (::ready, on the main context of vt_previewer_new()).
 *
 * Work is kept between requests: the decoded photo (per file and decode
 * size) and the resized variant (per file and output size), so a changed
 * filter or watermark setting re-runs only the steps after resizing, and a
 * changed quality only the encoder's (and the decoder's, which reads the
 * encoded bytes back so that the result shows the format's own pixels).
 *
 * Threading: the caches belong to the worker thread alone (the pool has
 * one thread); `latest` and the cancellable are touched on the main thread
 * only. Results travel back through GTask.
 */
#define G_LOG_DOMAIN "vt-previewer"

#include "config.h"

#include "vt-image.h"
#include "vt-pipeline.h"
#include "vt-preflight.h"
#include "vt-previewer.h"
#include "vt-signal.h"
#include "vt-tsan.h"

struct _VtPreviewer
{
  GObject          parent_instance;

  /* main thread */
  GThreadPool     *pool;
  GCancellable    *cancellable;
  guint            latest;
  guint            n_rendered;
  VtRules         *rules;

  /* worker thread */
  struct {
    char            *photo_key;
    cairo_surface_t *photo;
    char            *resized_key;
    cairo_surface_t *resized;
  } cache;
};

G_DEFINE_FINAL_TYPE (VtPreviewer, vt_previewer, G_TYPE_OBJECT)

enum {
  SIGNAL_READY,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  VtPipeline *pipeline;
  VtRules    *rules;       /* immutable, so shared with the worker */
  char       *path;
  guint       variant;
  VtFormat    format;
  guint       serial;
} Request;

static void
request_free (Request *r)
{
  g_clear_object (&r->pipeline);
  g_clear_object (&r->rules);
  g_free (r->path);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

void
vt_preview_result_free (VtPreviewResult *result)
{
  g_clear_pointer (&result->before, cairo_surface_destroy);
  g_clear_pointer (&result->after, cairo_surface_destroy);
  g_clear_pointer (&result->issues, g_ptr_array_unref);
  g_free (result);
}

static cairo_surface_t *
cached_photo (VtPreviewer  *self,
              Request      *r,
              GError      **error)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", r->path, vt_pipeline_get_load_key (r->pipeline));

  if (self->cache.photo == NULL || g_strcmp0 (key, self->cache.photo_key) != 0)
    {
      g_clear_pointer (&self->cache.photo, cairo_surface_destroy);
      g_free (self->cache.photo_key);
      self->cache.photo_key = NULL;
      self->cache.photo = vt_pipeline_load (r->pipeline, r->path, NULL, error);
      if (self->cache.photo == NULL)
        return NULL;
      self->cache.photo_key = g_steal_pointer (&key);
    }
  return self->cache.photo;
}

static cairo_surface_t *
cached_resized (VtPreviewer   *self,
                Request       *r,
                cairo_surface_t *photo,
                GCancellable  *cancellable,
                GError       **error)
{
  const VtVariant *v = vt_recipe_get_variant (vt_pipeline_get_recipe (r->pipeline), r->variant);
  g_autofree char *key = g_strdup_printf ("%s\n%dx%d:%d:%06x", self->cache.photo_key,
                                          v->width, v->height, v->fit, v->background);

  if (self->cache.resized == NULL || g_strcmp0 (key, self->cache.resized_key) != 0)
    {
      g_clear_pointer (&self->cache.resized, cairo_surface_destroy);
      g_free (self->cache.resized_key);
      self->cache.resized_key = NULL;
      self->cache.resized = vt_pipeline_resize (r->pipeline, photo, r->variant, NULL, cancellable, error);
      if (self->cache.resized == NULL)
        return NULL;
      self->cache.resized_key = g_steal_pointer (&key);
    }
  return self->cache.resized;
}

/* The encoded file read back, as a browser would show it: a low WebP or
 * AVIF quality shows its blur and blocks before a single photo is written.
 * A machine may write a format it cannot read (libavif without libheif's
 * AV1 decoder): then @finished, the pixels before encoding, still tell
 * most of the story, and the bytes all of it. */
static void
decode_encoded (VtPreviewResult  *result,
                GBytes           *encoded,
                cairo_surface_t **finished)
{
  /* A cut-out's transparency shows as the window draws it. */
  static const VtLoadHints as_written = { .max_pixels = VT_IMAGE_DEFAULT_MAX_PIXELS,
                                          .keep_alpha = TRUE };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  result->after = vt_image_load (encoded, &as_written, &error);
  result->decode_time = g_get_monotonic_time () - start;
  if (result->after == NULL)
    {
      g_debug ("Showing the preview before encoding: %s", error->message);
      result->after = g_steal_pointer (finished);
      result->not_decoded = TRUE;
    }
}

static VtPreviewResult *
render (VtPreviewer   *self,
        Request       *r,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(VtPreviewResult) result = g_new0 (VtPreviewResult, 1);
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(cairo_surface_t) finished = NULL;
  cairo_surface_t *photo, *resized;
  gint64 start = g_get_monotonic_time ();

  if ((photo = cached_photo (self, r, error)) == NULL ||
      (resized = cached_resized (self, r, photo, cancellable, error)) == NULL)
    return NULL;

  result->before = cairo_surface_reference (resized);
  finished = vt_image_copy (resized);
  vt_pipeline_finish (r->pipeline, finished, r->variant, NULL);
  encoded = vt_pipeline_encode (r->pipeline, finished, r->variant, r->format,
                                NULL, &result->quality, NULL, error);
  if (encoded == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  decode_encoded (result, encoded, &finished);
  result->format = r->format;
  result->jpeg_bytes = g_bytes_get_size (encoded);
  if (r->rules != NULL &&
      g_str_equal (vt_recipe_get_variant (vt_pipeline_get_recipe (r->pipeline), r->variant)->name,
                   vt_rules_get_main_size (r->rules)))
    result->issues = vt_preflight_check_render (r->rules, vt_pipeline_get_recipe (r->pipeline),
                                                result->after, encoded);
  result->render_time = g_get_monotonic_time () - start;
  result->serial = r->serial;
  return g_steal_pointer (&result);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  g_autoptr(GTask) task = data;
  VtPreviewer *self = user_data;
  GError *error = NULL;
  VtPreviewResult *result = NULL;

  VT_HANDOFF_ACQUIRE (task);

  /* Superseded while waiting: skip all of it. */
  if (!g_task_return_error_if_cancelled (task))
    result = render (self, g_task_get_task_data (task), g_task_get_cancellable (task), &error);

  /* What this worker did happens before the task's callback runs. */
  VT_HANDOFF_RELEASE (task);
  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) vt_preview_result_free);
  else if (error != NULL)
    g_task_return_error (task, error);
}

static void
request_done_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  VtPreviewer *self = VT_PREVIEWER (object);
  g_autoptr(Request) r = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;

  VT_HANDOFF_ACQUIRE (res);
  g_autoptr(VtPreviewResult) result = g_task_propagate_pointer (G_TASK (res), &error);

  /* Only the newest request's outcome is shown; older ones were cancelled. */
  if (r->serial != self->latest)
    return;
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
      return;
    }
  self->n_rendered++;
  g_signal_emit (self, signals[SIGNAL_READY], 0, result);
}

/**
 * vt_previewer_request:
 * @recipe: copied now
 * @path: the photo
 * @variant: which of the recipe's sizes
 *
 * Cancels the request in flight, if any, and starts this one.
 *
 * Returns: the request's serial, as found in its #VtPreviewResult
 */
guint
vt_previewer_request (VtPreviewer *self,
                      VtRecipe    *recipe,
                      const char  *path,
                      guint        variant)
{
  g_return_val_if_fail (VT_IS_PREVIEWER (self), 0);
  g_return_val_if_fail (variant < vt_recipe_get_n_variants (recipe), 0);

  return vt_previewer_request_format (self, recipe, path, variant,
                                      g_bit_nth_lsf (vt_recipe_get_variant (recipe, variant)->formats, -1));
}

/**
 * vt_previewer_request_format:
 * @format: one of the size's formats, whose bytes the result reports
 *
 * As vt_previewer_request(), for one format of the size rather than its
 * first.
 *
 * Returns: the request's serial, as found in its #VtPreviewResult
 */
guint
vt_previewer_request_format (VtPreviewer *self,
                             VtRecipe    *recipe,
                             const char  *path,
                             guint        variant,
                             VtFormat     format)
{
  Request *r = g_new0 (Request, 1);
  GTask *task;
  guint serial;

  g_return_val_if_fail (VT_IS_PREVIEWER (self), 0);
  g_return_val_if_fail (variant < vt_recipe_get_n_variants (recipe), 0);
  g_return_val_if_fail (format < VT_N_FORMATS, 0);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  r->pipeline = vt_pipeline_new (recipe);
  r->rules = self->rules != NULL ? g_object_ref (self->rules) : NULL;
  r->path = g_strdup (path);
  r->variant = variant;
  r->format = format;
  r->serial = serial = ++self->latest;

  task = g_task_new (self, self->cancellable, request_done_cb, NULL);
  g_task_set_source_tag (task, vt_previewer_request);
  /* Freed by request_done_cb(), on this thread: the worker may drop the
   * task's last reference, and must not free what this thread reads. */
  g_task_set_task_data (task, r, NULL);
  VT_HANDOFF_RELEASE (task);
  /* From here on the worker may finish and free `r` at any time. */
  g_thread_pool_push (self->pool, task, NULL);
  return serial;
}

guint
vt_previewer_get_n_rendered (VtPreviewer *self)
{
  return self->n_rendered;
}

/**
 * vt_previewer_set_rules:
 * @rules: (nullable): the channel whose verdict each result on its main
 *   size carries, %NULL for none
 *
 * For the requests made from now on.
 */
void
vt_previewer_set_rules (VtPreviewer *self,
                        VtRules     *rules)
{
  g_return_if_fail (VT_IS_PREVIEWER (self));
  g_set_object (&self->rules, rules);
}

static void
vt_previewer_dispose (GObject *object)
{
  VtPreviewer *self = VT_PREVIEWER (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (vt_previewer_parent_class)->dispose (object);
}

static void
vt_previewer_finalize (GObject *object)
{
  VtPreviewer *self = VT_PREVIEWER (object);

  /* Tasks hold a reference on us, so none is queued by now; and the last
   * reference may be dropped by the worker itself, as its task ends, so
   * this must not wait for the worker to exit. */
  g_thread_pool_free (self->pool, TRUE, FALSE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->cache.photo, cairo_surface_destroy);
  g_clear_pointer (&self->cache.resized, cairo_surface_destroy);
  g_clear_pointer (&self->cache.photo_key, g_free);
  g_clear_pointer (&self->cache.resized_key, g_free);

  G_OBJECT_CLASS (vt_previewer_parent_class)->finalize (object);
}

static void
vt_previewer_class_init (VtPreviewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vt_previewer_dispose;
  object_class->finalize = vt_previewer_finalize;

  /* registered before the worker can race to it (see vt_job_class_init) */
  vt_image_error_quark ();

  /**
   * VtPreviewer::ready:
   * @result: (type gpointer): a #VtPreviewResult, valid during the emission
   */
  signals[SIGNAL_READY] = vt_signal_new (klass, "ready", 1, G_TYPE_POINTER);
  signals[SIGNAL_FAILED] = vt_signal_new (klass, "failed", 1, G_TYPE_ERROR);
}

static void
vt_previewer_init (VtPreviewer *self)
{
  self->pool = g_thread_pool_new (worker_func, self, 1, FALSE, NULL);
  self->cancellable = g_cancellable_new ();
}

VtPreviewer *
vt_previewer_new (void)
{
  return g_object_new (VT_TYPE_PREVIEWER, NULL);
}
