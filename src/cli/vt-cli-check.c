/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-check.c: vitrina-cli check, a marketplace's rules against photos */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-cli.h"

/* The rules @issues break, and the advice with them when @advice. */
static void
print_issues (GPtrArray *issues,
              gboolean   advice)
{
  for (guint i = 0; i < issues->len; i++)
    {
      VtPreflightIssue *issue = g_ptr_array_index (issues, i);

      if (issue->rule != VT_RULE_ADVICE)
        g_print ("  %s %s\n", _("fails:"), issue->message);
      else if (advice)
        g_print ("  %s %s\n", _("advice:"), issue->message);
    }
}

/* The preset of the same name, when there is one, may break a rule
 * whatever the photos: a watermark on the main size. */
static gboolean
check_preset (VtRules    *rules,
              const char *name)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GPtrArray) issues = NULL;

  if (!vt_presets_load (recipe, name, NULL))
    return TRUE;
  issues = vt_preflight_check_recipe (rules, recipe);
  if (vt_preflight_passes (issues))
    return TRUE;
  g_print (_("The preset %s:\n"), name);
  print_issues (issues, TRUE);
  return FALSE;
}

static gboolean
check_photo (VtRules    *rules,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) issues = vt_preflight_check_file (rules, path, &error);
  gboolean pass;

  if (issues == NULL)
    {
      g_printerr (_("%s: cannot be checked: %s\n"), path, error->message);
      return FALSE;
    }
  pass = vt_preflight_passes (issues);
  g_print ("%s: %s\n", path, pass ? _("passes") : _("breaks the rules"));
  print_issues (issues, TRUE);
  return pass;
}

int
vt_cli_check (int    argc,
              char **argv)
{
  g_autofree char *preset = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VtRules) rules = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_auto(GStrv) channels = vt_rules_list_channels ();
  g_autofree char *channel_list = g_strjoinv (", ", channels);
  g_autofree char *summary = g_strdup_printf (_("Channels: %s. Exit status: 0 when every photo "
                                                "passes, 1 when some break a rule or cannot be "
                                                "read, 2 for a usage error."), channel_list);
  guint passed = 0;
  gboolean preset_ok;
  const GOptionEntry entries[] = {
    { "preset", 'p', 0, G_OPTION_ARG_STRING, &preset, N_("The channel whose rules to check (or a .rules file)"), N_("NAME") },
    { NULL }
  };
  const VtCliCommand command = {
    "check", N_("PHOTO|FOLDER…"), _("— say which marketplace rules main photos break"), summary
  };

  if (!vt_cli_parse_command (&command, entries, &paths, &argc, &argv))
    return VT_CLI_EXIT_USAGE;

  if (preset == NULL)
    return vt_cli_usage_error ("check", _("give --preset, the channel whose rules to check"));
  if (paths == NULL || paths[0] == NULL)
    return vt_cli_usage_error ("check", _("give the photos or folders to check"));
  rules = vt_rules_load (preset, &error);
  if (rules == NULL)
    return vt_cli_usage_error ("check", error->message);

  preset_ok = check_preset (rules, preset);
  inputs = vt_inputs_collect ((const char * const *) paths, FALSE, NULL);
  for (guint i = 0; i < inputs->len; i++)
    passed += check_photo (rules, ((VtInput *) g_ptr_array_index (inputs, i))->path);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u of %u photo passes the rules of %s\n",
                        "%u of %u photos pass the rules of %s\n", inputs->len),
           passed, inputs->len, vt_rules_get_title (rules));
  return preset_ok && passed == inputs->len ? VT_CLI_EXIT_OK : VT_CLI_EXIT_FAILED;
}

/**
 * vt_cli_print_product_notes:
 *
 * Counts, after a batch, the sizes whose product could not be prepared as
 * asked: a backdrop too close to the product to whiten, no product found
 * to trim, a product too small to fill its share without enlarging.
 */
void
vt_cli_print_product_notes (VtJob *job)
{
  guint n_contrast = 0, n_missing = 0, n_small = 0;

  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *r = vt_job_get_result (job, i);

      for (guint j = 0; j < vt_result_get_n_outputs (r); j++)
        {
          const VtOutput *o = vt_result_get_output (r, j);
          n_contrast += o->low_contrast;
          n_missing += o->no_product;
          n_small += o->small_product;
        }
    }
  if (n_contrast > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u file was not whitened: the product’s edge is too close to its backdrop\n",
                          "%u files were not whitened: the product’s edge is too close to its backdrop\n",
                          n_contrast), n_contrast);
  if (n_missing > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u file was not trimmed: no product found on a plain backdrop\n",
                          "%u files were not trimmed: no product found on a plain backdrop\n",
                          n_missing), n_missing);
  if (n_small > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u file has its product smaller than asked: the photo has too few pixels (enlarge=yes allows it)\n",
                          "%u files have their product smaller than asked: the photos have too few pixels (enlarge=yes allows it)\n",
                          n_small), n_small);
}

/**
 * vt_cli_check_outputs:
 *
 * After a batch with a channel's rules (vt_job_set_rules()), the main
 * photos that break them, each with its reasons, so the summary says which
 * comply.
 */
void
vt_cli_check_outputs (VtJob *job)
{
  VtRules *rules = vt_job_get_rules (job);
  guint n_checked = 0, n_passed = 0;

  if (rules == NULL)
    return;
  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *r = vt_job_get_result (job, i);

      for (guint j = 0; vt_result_get_status (r) == VT_RESULT_DONE && j < vt_result_get_n_outputs (r); j++)
        {
          const VtOutput *o = vt_result_get_output (r, j);

          if (o->issues == NULL)
            continue;
          n_checked++;
          if (vt_preflight_passes (o->issues))
            {
              n_passed++;
              continue;
            }
          g_print ("%s: %s\n", o->path, _("breaks the rules"));
          print_issues (o->issues, FALSE);
        }
    }
  if (n_checked == 1)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u of %u main photo passes the rules of %s\n",
                          "%u of %u main photos pass the rules of %s\n", n_checked),
             n_passed, n_checked, vt_rules_get_title (rules));
  else if (n_checked > 1)
    /* TRANSLATORS: photos that pass, of two or more checked; the form is
     * chosen by the first number, so a verb can agree with it (Spanish
     * "1 de 12 fotos principales cumple") */
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u of %u main photos pass the rules of %s\n",
                          "%u of %u main photos pass the rules of %s\n", n_passed),
             n_passed, n_checked, vt_rules_get_title (rules));
}
