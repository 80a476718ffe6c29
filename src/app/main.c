/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: the vitrina window's entry point */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "vitrina-engine.h"
#include "vt-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(VtApplication) app = NULL;

  vt_engine_init ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, vt_application_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = vt_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
