/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-shard.c: process --shard, --shard-from-env and --files-from
 *
 * A cluster's batch engine starts one vitrina-cli per task and tells each
 * its index: Slurm job arrays set SLURM_ARRAY_TASK_ID and
 * SLURM_ARRAY_TASK_COUNT, Kubernetes Indexed Jobs set JOB_COMPLETION_INDEX
 * but not the number of completions, which the command line then gives.
 */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-cli.h"

typedef enum {
  ENV_UNSET,
  ENV_SET,
  ENV_BAD,
} EnvNumber;

/* A whole number from the environment. */
static EnvNumber
env_number (const char *name,
            guint64    *value)
{
  const char *text = g_getenv (name);

  if (text == NULL || *text == '\0')
    return ENV_UNSET;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, value, NULL))
    return ENV_BAD;
  return ENV_SET;
}

static gboolean
bad_variable (const char  *name,
              GError     **error)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--shard-from-env: %s is “%s”, not a whole number"), name, g_getenv (name));
  return FALSE;
}

/* The task's index: Kubernetes' if set, else Slurm's, counted from the
 * array's first index in steps of the array's step (--array=1-8:1). */
static gboolean
index_from_env (guint64     *index,
                const char **source,
                GError     **error)
{
  guint64 min = 0, step = 1;
  EnvNumber found;

  *source = "JOB_COMPLETION_INDEX";
  if ((found = env_number (*source, index)) != ENV_UNSET)
    return found == ENV_SET || bad_variable (*source, error);

  *source = "SLURM_ARRAY_TASK_ID";
  if ((found = env_number (*source, index)) == ENV_UNSET)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--shard-from-env: neither SLURM_ARRAY_TASK_ID (a Slurm job array) "
                             "nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set"));
      return FALSE;
    }
  if (found == ENV_BAD)
    return bad_variable (*source, error);
  if (env_number ("SLURM_ARRAY_TASK_MIN", &min) == ENV_BAD || *index < min)
    return bad_variable ("SLURM_ARRAY_TASK_MIN", error);
  if (env_number ("SLURM_ARRAY_TASK_STEP", &step) == ENV_BAD || step == 0)
    return bad_variable ("SLURM_ARRAY_TASK_STEP", error);
  *index = (*index - min) / step;
  return TRUE;
}

static gboolean
count_from_env (const char  *count_text,
                guint64     *count,
                GError     **error)
{
  EnvNumber found;

  if (count_text != NULL)
    {
      if (g_ascii_string_to_unsigned (count_text, 10, 1, G_MAXINT, count, NULL))
        return TRUE;
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--shard-from-env=N expects the number of tasks, 1 or more; got “%s”"), count_text);
      return FALSE;
    }
  if ((found = env_number ("SLURM_ARRAY_TASK_COUNT", count)) == ENV_BAD ||
      (found == ENV_SET && *count == 0))
    return bad_variable ("SLURM_ARRAY_TASK_COUNT", error);
  if (found == ENV_SET)
    return TRUE;
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--shard-from-env: the number of tasks is not in the environment; "
                         "give it as --shard-from-env=N (a Kubernetes Job’s completions)"));
  return FALSE;
}

/* All of the batch when neither --shard nor --shard-from-env is given. */
static gboolean
shard_resolve (const char  *text,
                      gboolean     from_env,
                      const char  *env_count,
                      VtShard     *shard,
                      GError     **error)
{
  guint64 index, count;
  const char *source;

  *shard = VT_SHARD_ALL;
  if (text != NULL && from_env)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("give either --shard or --shard-from-env, not both"));
      return FALSE;
    }
  if (text != NULL)
    return vt_shard_parse (text, shard, error);
  if (!from_env)
    return TRUE;
  if (!index_from_env (&index, &source, error) || !count_from_env (env_count, &count, error))
    return FALSE;
  if (index >= count)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--shard-from-env: the task index %u (from %s) must be below the number of tasks, %u"),
                   (guint) index, source, (guint) count);
      return FALSE;
    }
  shard->index = (guint) index;
  shard->count = (guint) count;
  return TRUE;
}

/* One photo or folder a line; blank lines left out; relative paths from
 * the current folder, as on the command line. */
static gboolean
read_list (const char  *path,
           GPtrArray   *paths,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = vt_cli_read_text (path, &local_error);
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("cannot read the list of photos %s: %s"),
                   g_str_equal (path, "-") ? _("(standard input)") : path, local_error->message);
      return FALSE;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);   /* also the \r of a list written on Windows */
      if (*lines[i] != '\0')
        g_ptr_array_add (paths, g_strdup (lines[i]));
    }
  return TRUE;
}

void
vt_cli_shard_options_clear (VtCliShardOptions *o)
{
  g_free (o->shard);
  g_free (o->env_count);
  g_free (o->files_from);
}

gboolean
vt_cli_shard_from_env_cb (const char  *option_name,
                          const char  *value,
                          gpointer     data,
                          GError     **error)
{
  VtCliShardOptions *o = data;

  o->from_env = TRUE;
  g_free (o->env_count);
  o->env_count = g_strdup (value);
  return TRUE;
}

/* Before any work: a task given a part it cannot take stops at once. */
gboolean
vt_cli_shard_options_check (VtCliShardOptions *o,
                            const char        *command)
{
  g_autoptr(GError) error = NULL;

  if (!shard_resolve (o->shard, o->from_env, o->env_count, &o->resolved, &error))
    return vt_cli_usage_error (command, error->message), FALSE;
  return TRUE;
}

/**
 * vt_cli_add_shard_inputs:
 * @paths: (nullable): the photos and folders of the command line
 * @n_batch: (out): how many photos the whole batch has
 *
 * Adds this task's part of the batch (@paths, then the --files-from list)
 * to @job, in the batch's order, so that output names come out as one
 * run of the whole batch gives them.
 *
 * Returns: FALSE when the list cannot be read
 */
gboolean
vt_cli_add_shard_inputs (VtCliShardOptions  *o,
                         VtJob              *job,
                         char              **paths,
                         gboolean            recursive,
                         guint              *n_batch,
                         GError            **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GPtrArray) mine = NULL;

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (all, g_strdup (paths[i]));
  if (o->files_from != NULL && !read_list (o->files_from, all, error))
    return FALSE;
  g_ptr_array_add (all, NULL);

  batch = vt_inputs_collect ((const char * const *) all->pdata, recursive, vt_job_get_output_dir (job));
  mine = vt_shard_select (&o->resolved, batch);
  for (guint i = 0; i < mine->len; i++)
    {
      VtInput *input = g_ptr_array_index (mine, i);
      vt_job_add_input (job, input->path, input->subdir);
    }
  *n_batch = batch->len;
  return TRUE;
}
