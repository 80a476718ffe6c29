/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-generate.c: vitrina-cli generate */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-cli.h"

int
vt_cli_generate (int    argc,
                 char **argv)
{
  int count = 10;
  g_autofree char *size = NULL;
  g_auto(GStrv) dirs = NULL;
  g_autoptr(GError) error = NULL;
  int width = 800, height = 600;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, N_("How many photos (default 10)"), N_("N") },
    { "size", 's', 0, G_OPTION_ARG_STRING, &size, N_("Pixel size as WxH (default 800x600)"), N_("WxH") },
    { NULL }
  };
  const VtCliCommand command = { "generate", N_("DIR"), _("— write synthetic product photos"), NULL };

  if (!vt_cli_parse_command (&command, entries, &dirs, &argc, &argv))
    return VT_CLI_EXIT_USAGE;

  if (dirs == NULL || dirs[0] == NULL || dirs[1] != NULL)
    return vt_cli_usage_error ("generate", _("give exactly one output folder"));
  if (count < 1 || count > 100000)
    return vt_cli_usage_error ("generate", _("--count must be between 1 and 100000"));
  if (size && !vt_cli_parse_size (size, &width, &height))
    return vt_cli_usage_error ("generate", _("--size expects WIDTHxHEIGHT, for example 800x600"));

  if (!vt_sample_write (dirs[0], count, width, height, &error))
    return vt_cli_failure ("generate", error);

  g_print (_("Wrote %d photos of %d×%d to %s\n"), count, width, height, dirs[0]);
  return VT_CLI_EXIT_OK;
}
