/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-report.c: vitrina-cli report merge, and the report process writes */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vt-cli.h"

/* The job's report, saying which recipe and which part of the batch it
 * is, so that report merge can check the parts belong together. */
gboolean
vt_cli_write_report (VtJob          *job,
                     VtRecipe       *recipe,
                     const VtShard  *shard,
                     const char     *path,
                     GError        **error)
{
  g_autoptr(JsonNode) report = vt_report_build (job);
  g_autofree char *dir = g_path_get_dirname (path);

  /* Tasks name their reports OUT/reports/shard-K.json: the folder is
   * made by whichever task finishes first. */
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  vt_report_add_origin (report, recipe, shard);
  return vt_report_save (report, path, error);
}

static guint
count (JsonObject *report,
       const char *name)
{
  return (guint) json_object_get_int_member_with_default (report, name, 0);
}

/* The totals, then each failed photo with its reason. */
static void
print_merged (JsonObject *report,
              guint       n_reports)
{
  JsonArray *inputs = json_object_get_array_member (report, "inputs");

  g_print (_("Merged %u reports: %u photos, %u done, %u failed, %u skipped; "
             "%.1f s CPU, %.1f s for the slowest shard\n"),
           n_reports, count (report, "photos"), count (report, "done"), count (report, "failed"),
           count (report, "skipped"),
           json_object_get_double_member_with_default (report, "busy_seconds", 0),
           json_object_get_double_member_with_default (report, "wall_seconds", 0));
  for (guint i = 0; i < json_array_get_length (inputs); i++)
    {
      JsonObject *input = json_array_get_object_element (inputs, i);

      if (input != NULL && json_object_has_member (input, "error"))
        g_print (_("failed: %s: %s\n"), json_object_get_string_member_with_default (input, "input", "?"),
                 json_object_get_string_member_with_default (input, "error", ""));
    }
}

static int
merge (char       **reports,
       const char  *output)
{
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GError) error = NULL;

  if ((merged = vt_report_merge ((const char * const *) reports, &error)) == NULL ||
      !vt_report_save (merged, output, &error))
    return vt_cli_failure ("report merge", error);
  print_merged (json_node_get_object (merged), g_strv_length (reports));
  return VT_CLI_EXIT_OK;
}

/* What report --help says under the options. */
static const char report_description[] =
  N_("Each task of a cluster job (process --shard K/N --report FILE) writes the report of\n"
     "its part; merge makes one report of the whole batch: the counts, every photo with\n"
     "its outputs or its error, the CPU time of all tasks and the wall time of the\n"
     "slowest. It fails when the reports come from different recipes or numbers of\n"
     "tasks, when a shard is missing or given twice, or when a photo is in two.\n"
     "Exit status: 0 when merged, 1 when not, 2 for a usage error.\n\n"
     "Example:\n"
     "  vitrina-cli report merge out/reports/*.json -o out/report.json");

int
vt_cli_report (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the merged report to FILE (required)"), N_("FILE") },
    { NULL }
  };
  const VtCliCommand command = {
    "report", N_("merge REPORT…"), _("— merge the reports of the shards of one batch"), _(report_description)
  };

  if (!vt_cli_parse_command (&command, entries, &args, &argc, &argv))
    return VT_CLI_EXIT_USAGE;
  if (args == NULL || args[0] == NULL || !g_str_equal (args[0], "merge"))
    return vt_cli_usage_error ("report", _("the only subcommand is “merge REPORT… -o FILE”"));
  if (args[1] == NULL)
    return vt_cli_usage_error ("report", _("merge: no reports given"));
  if (output == NULL)
    return vt_cli_usage_error ("report", _("missing --output FILE"));
  return merge (args + 1, output);
}
