/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pipeline-small.c: photos too small for one of the recipe's sizes, found from their headers
 *
 * Lets the window warn before a batch that some sizes would be enlarged.
 * vt_pipeline_find_small_variant() may run on any thread; the count runs in
 * a GTask thread and reads nothing of the pipeline but its immutable recipe.
 */
#define G_LOG_DOMAIN "vt-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vt-image.h"
#include "vt-pipeline.h"
#include "vt-tsan.h"

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
  VtRecipe *recipe = vt_pipeline_get_recipe (self);
  const VtVariant *found = NULL;

  if (!vt_image_peek_size (path, NULL, NULL, width, height))
    return NULL;

  for (guint i = 0; i < vt_recipe_get_n_variants (recipe); i++)
    {
      const VtVariant *v = vt_recipe_get_variant (recipe, i);

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

