/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vitrina-cli.c: the command-line twin of the window */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "vt-cli.h"
#include "vt-sizes.h"

static void
print_help (void)
{
  g_print ("%s\n\n%s\n  %s\n  %s\n  %s\n  %s\n  %s\n  %s\n\n%s\n",
           _("Usage: vitrina-cli COMMAND [OPTION…]"),
           _("Commands:"),
           _("process    Prepare photos for the web in several sizes"),
           _("fetch      Download the images of a list of links"),
           _("generate   Write synthetic product photos"),
           _("bench      Measure one worker against many on generated photos"),
           _("report     Merge the reports of the shards of one batch"),
           _("check      Say which marketplace rules main photos break"),
           _("Run “vitrina-cli COMMAND --help” for the options of a command."));
}

int
vt_cli_usage_error (const char *command,
                    const char *message)
{
  g_printerr ("vitrina-cli %s: %s\n", command, message);
  return VT_CLI_EXIT_USAGE;
}

/* A failure of @command that is not a usage error: said, and status 1. */
int
vt_cli_failure (const char   *command,
                const GError *error)
{
  g_printerr ("vitrina-cli %s: %s\n", command, error->message);
  return VT_CLI_EXIT_FAILED;
}

gboolean
vt_cli_parse_size (const char *text,
                   int        *width,
                   int        *height)
{
  return vt_sizes_parse_box (text, width, height);
}

gboolean
vt_cli_parse_options (GOptionContext *context,
                      const char     *command,
                      int            *argc,
                      char         ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;

  vt_cli_usage_error (command, error->message);
  return FALSE;
}

/* Parses the options of @command into @entries, and what follows them
 * into @arguments (%NULL when @command takes none). FALSE, with the
 * error said, on a usage error. */
gboolean
vt_cli_parse_command (const VtCliCommand  *command,
                      const GOptionEntry  *entries,
                      char              ***arguments,
                      int                 *argc,
                      char              ***argv)
{
  g_autofree char *prgname = g_strconcat ("vitrina-cli ", command->name, NULL);
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry remaining[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, arguments, NULL, command->arguments },
    { NULL }
  };

  g_set_prgname (prgname);
  context = g_option_context_new (command->summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (arguments != NULL)
    g_option_context_add_main_entries (context, remaining, GETTEXT_PACKAGE);
  g_option_context_set_description (context, command->description);
  return vt_cli_parse_options (context, command->name, argc, argv);
}

static const struct {
  const char *name;
  int       (*run) (int argc, char **argv);
} commands[] = {
  { "process", vt_cli_process },
  { "generate", vt_cli_generate },
  { "bench", vt_cli_bench },
  { "fetch", vt_cli_fetch },
  { "report", vt_cli_report },
  { "check", vt_cli_check },
};

int
main (int    argc,
      char **argv)
{
  vt_engine_init ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, vt_engine_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help ();
      return argc < 2 ? VT_CLI_EXIT_USAGE : VT_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("vitrina-cli %s\n", PACKAGE_VERSION);
      return VT_CLI_EXIT_OK;
    }

  /* Each command parses argv from its own name on. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("vitrina-cli: unknown command “%s” (try --help)\n"), argv[1]);
  return VT_CLI_EXIT_USAGE;
}
