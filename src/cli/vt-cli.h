/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli.h: the subcommands of vitrina-cli */
#pragma once

#include <glib.h>

#include "vitrina-engine.h"

G_BEGIN_DECLS

/* Exit statuses: 0 all done, 1 some photo failed, 2 bad usage, 130 interrupted. */
enum {
  VT_CLI_EXIT_OK = 0,
  VT_CLI_EXIT_FAILED = 1,
  VT_CLI_EXIT_USAGE = 2,
  VT_CLI_EXIT_INTERRUPTED = 130,
};

int      vt_cli_process   (int          argc,
                           char       **argv);
int      vt_cli_generate  (int          argc,
                           char       **argv);
int      vt_cli_bench     (int          argc,
                           char       **argv);

int      vt_cli_usage_error (const char *command,
                             const char *message);
gboolean vt_cli_parse_size  (const char *text,
                             int        *width,
                             int        *height);
gboolean vt_cli_parse_options (GOptionContext *context,
                               const char     *command,
                               int            *argc,
                               char         ***argv);

/* Progress on a terminal, one line per photo otherwise. */
typedef struct _VtCliProgress VtCliProgress;

VtCliProgress *vt_cli_progress_new    (VtJob         *job,
                                       gboolean       quiet);
void           vt_cli_progress_free   (VtCliProgress *progress);
void           vt_cli_print_summary   (VtJob         *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtCliProgress, vt_cli_progress_free)

G_END_DECLS
