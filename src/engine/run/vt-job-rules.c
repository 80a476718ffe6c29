/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-job-rules.c: a channel's rules, checked on each main photo a job writes
 *
 * The check decodes the file as written, not the pixels before encoding,
 * so a size or format the encoder changed is judged as a shop would see
 * it. It runs where the photo was computed (vt-core-pool.c), within its
 * pixel budget, before the result is posted: the window, the report and
 * the CLI then only read the verdict.
 */
#define G_LOG_DOMAIN "vt-job"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vt-job-private.h"

/**
 * vt_job_set_rules:
 * @rules: (nullable): the channel whose rules each main photo is checked
 *   against, %NULL for none
 *
 * Before vt_job_start(). The recipe's own breaches (a watermark on the main
 * size) are counted against every main photo.
 */
void
vt_job_set_rules (VtJob   *self,
                  VtRules *rules)
{
  g_return_if_fail (VT_IS_JOB (self));
  g_return_if_fail (!self->started);

  g_set_object (&self->rules, rules);
  g_clear_pointer (&self->recipe_issues, g_ptr_array_unref);
  if (rules != NULL)
    self->recipe_issues = vt_preflight_check_recipe (rules, self->recipe);
}

/**
 * vt_job_get_rules:
 *
 * Returns: (transfer none) (nullable): what vt_job_set_rules() set
 */
VtRules *
vt_job_get_rules (VtJob *self)
{
  g_return_val_if_fail (VT_IS_JOB (self), NULL);
  return self->rules;
}

static GPtrArray *
check_output (VtJob          *self,
              const VtOutput *output)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *issues = vt_preflight_check_file (self->rules, output->path, &error);

  if (issues == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("cannot be checked: %s"), error->message);

      issues = g_ptr_array_new_with_free_func ((GDestroyNotify) vt_preflight_issue_free);
      g_ptr_array_add (issues, vt_preflight_issue_new (VT_RULE_UNREADABLE, message));
    }
  for (guint i = 0; i < self->recipe_issues->len; i++)
    {
      const VtPreflightIssue *issue = g_ptr_array_index (self->recipe_issues, i);

      /* "no size called main" is about the recipe, and there is one */
      if (issue->rule != VT_RULE_ADVICE)
        g_ptr_array_add (issues, vt_preflight_issue_copy (issue));
    }
  return issues;
}

/* On a core or worker, once the photo's sizes are written. */
void
vt_job_check_rules (VtJob    *self,
                    VtResult *result)
{
  const char *main_size;

  if (self->rules == NULL)
    return;
  main_size = vt_rules_get_main_size (self->rules);
  for (guint i = 0; i < vt_result_get_n_outputs (result); i++)
    {
      VtOutput *output = vt_result_get_output (result, i);

      if (!g_str_equal (output->variant, main_size))
        continue;
      g_clear_pointer (&output->issues, g_ptr_array_unref);
      output->issues = check_output (self, output);
      output->rules_checked = vt_preflight_rules_checked (self->rules);
    }
}
