/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-job-plan.c: a job's output names, decided up front on the main thread
 *
 * Every photo's output paths are chosen before any worker runs (or, for a
 * photo added to an open job, when it is added), so that they never depend
 * on which worker finishes first, no two photos share an output and no
 * output replaces an input. Main thread only.
 */
#define G_LOG_DOMAIN "vt-job"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vt-inputs.h"
#include "vt-job-private.h"
#include "vt-output-folder.h"

/* The photo's name without its extension, and its extension in lower case. */
static void
split_name (VtJob      *self,
            const char *input,
            char      **stem,
            char      **ext)
{
  g_autofree char *base = g_path_get_basename (input);
  const char *dot = strrchr (base, '.');
  g_autofree char *raw = dot && dot != base ? g_strndup (base, dot - base) : g_strdup (base);

  *ext = dot && dot != base ? g_ascii_strdown (dot + 1, -1) : g_strdup ("");
  *stem = vt_recipe_get_web_safe_names (self->recipe) ? vt_inputs_web_safe_name (raw)
                                                      : g_steal_pointer (&raw);
}

/* Every output path of @stem, the @counter-th input, relative to the
 * output folder: each size in each of its formats, in the order
 * vt_pipeline_process() writes them. */
static GPtrArray *
expand_names (VtJob      *self,
              const char *subdir,
              const char *stem,
              guint       counter)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint v = 0; v < vt_recipe_get_n_variants (self->recipe); v++)
    {
      const VtVariant *variant = vt_recipe_get_variant (self->recipe, v);
      g_autofree char *name = vt_recipe_expand_name (self->recipe, variant, stem, counter);
      g_autofree char *dir = g_path_get_dirname (name);
      g_autofree char *file = g_path_get_basename (name);

      for (VtFormat f = 0; f < VT_N_FORMATS; f++)
        {
          g_autofree char *path = NULL;

          if (!(variant->formats & VT_FORMAT_BIT (f)))
            continue;
          /* The input's subfolder goes under the template's folders. */
          path = g_strconcat (dir, G_DIR_SEPARATOR_S, subdir, G_DIR_SEPARATOR_S,
                              file, ".", vt_format_get_extension (f), NULL);
          g_ptr_array_add (names, g_canonicalize_filename (path, "/"));
        }
    }
  return names;
}

/* Output names no other photo of this job has taken: a.jpg and a.png both
 * want "a"; the second gets "a-png", then "a-png-2"… */
static GPtrArray *
unique_names (VtJob      *self,
              const char *subdir,
              const char *input,
              guint       counter)
{
  g_autofree char *stem = NULL;
  g_autofree char *ext = NULL;

  split_name (self, input, &stem, &ext);
  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = NULL;
      g_autoptr(GPtrArray) names = NULL;
      gboolean available = TRUE;

      if (n == 1)
        candidate = g_strdup (stem);
      else if (n == 2 && *ext)
        candidate = g_strdup_printf ("%s-%s", stem, ext);
      else
        candidate = g_strdup_printf ("%s%s%s-%u", stem, *ext ? "-" : "", ext, n - 1);

      names = expand_names (self, subdir, candidate, counter);
      for (guint i = 0; available && i < names->len; i++)
        available = !g_hash_table_contains (self->plan.taken, g_ptr_array_index (names, i));
      if (!available)
        continue;
      for (guint i = 0; i < names->len; i++)
        g_hash_table_add (self->plan.taken, g_strdup (g_ptr_array_index (names, i)));
      return g_steal_pointer (&names);
    }
}

/* One output of @result: its folder made, its path checked against the
 * inputs. */
static gboolean
plan_output (VtJob       *self,
             VtResult    *result,
             const char  *variant,
             VtFormat     format,
             const char  *name,
             GError     **error)
{
  g_autofree char *path = g_build_filename (self->output_dir, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  if (!g_hash_table_contains (self->plan.dirs, dir))
    {
      if (!vt_output_folder_ensure (dir, error))
        return FALSE;
      g_hash_table_add (self->plan.dirs, g_steal_pointer (&dir));
    }
  vt_result_add_output (result, variant, format, path);

  if (g_hash_table_contains (self->plan.inputs, path))
    vt_result_set_status (result, VT_RESULT_FAILED,
                          g_error_new (G_IO_ERROR, G_IO_ERROR_EXISTS,
                                       _("Its output %s would replace an input photo"), path));
  return TRUE;
}

/* Decides one photo's output paths and makes their folders. A folder that
 * cannot be made fails the job at start, or this photo when added later. */
gboolean
vt_job_plan_result (VtJob     *self,
                    VtResult  *result,
                    GError   **error)
{
  /* {n} counts the inputs in the order they were added, from 1. */
  g_autoptr(GPtrArray) names = unique_names (self, vt_result_get_subdir (result),
                                             vt_result_get_input (result),
                                             vt_result_get_index (result) + 1);
  guint n = 0;

  g_hash_table_add (self->plan.inputs, g_canonicalize_filename (vt_result_get_input (result), NULL));

  for (guint v = 0; v < vt_recipe_get_n_variants (self->recipe); v++)
    {
      const VtVariant *variant = vt_recipe_get_variant (self->recipe, v);

      for (VtFormat f = 0; f < VT_N_FORMATS; f++)
        if ((variant->formats & VT_FORMAT_BIT (f)) &&
            !plan_output (self, result, variant->name, f, g_ptr_array_index (names, n++), error))
          return FALSE;
    }
  return TRUE;
}

/* Whether @input is already in a format the recipe writes. */
static gboolean
in_output_format (VtJob      *self,
                  const char *input)
{
  g_autofree char *base = g_path_get_basename (input);
  const char *dot = strrchr (base, '.');
  VtFormat format;

  if (dot == NULL || !vt_format_from_string (dot + 1, &format))
    return FALSE;
  for (guint v = 0; v < vt_recipe_get_n_variants (self->recipe); v++)
    if (vt_recipe_get_variant (self->recipe, v)->formats & VT_FORMAT_BIT (format))
      return TRUE;
  return FALSE;
}

/* Every output of the photos added before start, and the output folder.
 * Where two photos share a name, the one already in an output's format
 * keeps it, whatever the order of their names: Aqua.jpg stays Aqua.jpg
 * and Aqua.heic beside it becomes Aqua-heic.jpg. */
gboolean
vt_job_plan_outputs (VtJob   *self,
                     GError **error)
{
  if (!vt_recipe_check_name_template (vt_recipe_get_name_template (self->recipe), self->recipe, error) ||
      !vt_output_folder_ensure (self->output_dir, error))
    return FALSE;

  self->plan.taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->plan.inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->plan.dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* every input first, so no output of one can replace another */
  for (guint i = 0; i < self->results->len; i++)
    g_hash_table_add (self->plan.inputs,
                      g_canonicalize_filename (vt_result_get_input (vt_job_get_result (self, i)), NULL));
  for (int own_format = 1; own_format >= 0; own_format--)
    for (guint i = 0; i < self->results->len; i++)
      {
        VtResult *result = vt_job_get_result (self, i);

        if (in_output_format (self, vt_result_get_input (result)) == own_format &&
            !vt_job_plan_result (self, result, error))
          return FALSE;
      }
  return TRUE;
}


void
vt_job_plan_clear (VtJob *self)
{
  g_clear_pointer (&self->plan.taken, g_hash_table_unref);
  g_clear_pointer (&self->plan.inputs, g_hash_table_unref);
  g_clear_pointer (&self->plan.dirs, g_hash_table_unref);
}
