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
int      vt_cli_fetch     (int          argc,
                           char       **argv);
int      vt_cli_report    (int          argc,
                           char       **argv);
int      vt_cli_check     (int          argc,
                           char       **argv);
void     vt_cli_print_product_notes (VtJob      *job);
void     vt_cli_check_outputs       (VtJob      *job);

int      vt_cli_usage_error (const char *command,
                             const char *message);
gboolean vt_cli_parse_size  (const char *text,
                             int        *width,
                             int        *height);
gboolean vt_cli_parse_options (GOptionContext *context,
                               const char     *command,
                               int            *argc,
                               char         ***argv);
int      vt_cli_failure       (const char          *command,
                               const GError        *error);

/* What a subcommand's --help says of it. */
typedef struct {
  const char *name;         /* as typed after vitrina-cli: "fetch" */
  const char *arguments;    /* what follows the options, N_("LIST"); NULL for nothing */
  const char *summary;      /* after them: "— download the images…" */
  const char *description;  /* under the options, or NULL */
} VtCliCommand;

gboolean vt_cli_parse_command (const VtCliCommand  *command,
                               const GOptionEntry  *entries,
                               char              ***arguments,
                               int                 *argc,
                               char              ***argv);

/* The download options fetch and process --from-urls share. */
typedef struct {
  int connections;
  int timeout;
  int retries;
  int max_mb;
} VtCliFetchOptions;

#define VT_CLI_FETCH_OPTIONS_INIT { VT_FETCHER_DEFAULT_CONNECTIONS, VT_FETCHER_DEFAULT_TIMEOUT, \
                                    VT_FETCHER_DEFAULT_RETRIES, VT_FETCHER_DEFAULT_MAX_BYTES / (1024 * 1024) }

#define VT_CLI_FETCH_OPTION_ENTRIES(o) \
  { "connections", 0, 0, G_OPTION_ARG_INT, &(o).connections, N_("Downloads at once (default 32)"), N_("N") }, \
  { "timeout", 0, 0, G_OPTION_ARG_INT, &(o).timeout, N_("Seconds a stalled download may wait (default 10)"), N_("S") }, \
  { "retries", 0, 0, G_OPTION_ARG_INT, &(o).retries, N_("Retries after a timeout, a lost connection or a server error (default 2)"), N_("N") }, \
  { "max-mb", 0, 0, G_OPTION_ARG_INT, &(o).max_mb, N_("Refuse images larger than this many megabytes (default 50)"), N_("MB") }

VtFetcher *vt_cli_fetcher_new         (const char              *list,
                                       const char              *output_dir,
                                       const VtCliFetchOptions *o,
                                       GError                 **error);
gboolean   vt_cli_fetch_options_check (const VtCliFetchOptions *o,
                                       const char              *command);
void       vt_cli_print_fetch_summary (VtFetcher               *fetcher);
char      *vt_cli_read_text           (const char              *list,
                                       GError                 **error);
VtFetcher *vt_cli_fetch_into_job      (const char              *list,
                                       const char              *output_dir,
                                       const VtCliFetchOptions *o,
                                       VtJob                   *job,
                                       GError                 **error);
gboolean   vt_cli_fetch_failed        (VtFetcher               *fetcher);

/* The options that give process its part of a batch run by many tasks. */
typedef struct {
  char     *shard;
  gboolean  from_env;
  char     *env_count;
  char     *files_from;
  VtShard   resolved;
} VtCliShardOptions;

gboolean vt_cli_shard_from_env_cb (const char  *option_name,
                                   const char  *value,
                                   gpointer     data,
                                   GError     **error);

/* The --shard-from-env callback finds the options in its group's data. */
#define VT_CLI_SHARD_OPTION_ENTRIES(o) \
  { "shard", 0, 0, G_OPTION_ARG_STRING, &(o).shard, N_("Process only the K-th of N parts of the photos (from 0), the same on every host"), N_("K/N") }, \
  { "shard-from-env", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, vt_cli_shard_from_env_cb, N_("Take the part from the batch engine: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with the number of tasks N"), N_("[N]") }, \
  { "files-from", 0, 0, G_OPTION_ARG_FILENAME, &(o).files_from, N_("Also take the photos listed in LIST, one path a line (- for standard input)"), N_("LIST") }

void     vt_cli_shard_options_clear   (VtCliShardOptions *o);
gboolean vt_cli_shard_options_check   (VtCliShardOptions *o,
                                       const char        *command);
gboolean vt_cli_add_shard_inputs      (VtCliShardOptions *o,
                                       VtJob             *job,
                                       char             **paths,
                                       gboolean           recursive,
                                       guint             *n_batch,
                                       GError           **error);
gboolean vt_cli_write_report          (VtJob             *job,
                                       VtRecipe          *recipe,
                                       const VtShard     *shard,
                                       const char        *path,
                                       GError           **error);

/* Progress on a terminal, one line per photo otherwise. */
typedef struct _VtCliProgress VtCliProgress;

VtCliProgress *vt_cli_progress_new    (VtJob         *job,
                                       gboolean       quiet);
void           vt_cli_progress_free   (VtCliProgress *progress);
void           vt_cli_print_summary   (VtJob         *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtCliProgress, vt_cli_progress_free)

/* The output format and logo options of process. Numbers left at -1 and
 * strings at NULL were not given. */
typedef struct {
  char     *formats;
  int       webp_quality;
  gboolean  webp_lossless;
  int       avif_quality;
  int       avif_speed;
  int       png_level;
  char     *logo;
  char     *logo_position;
  double    logo_width;
  double    logo_opacity;
  double    logo_margin;
} VtCliOutputOptions;

#define VT_CLI_OUTPUT_OPTIONS_INIT { NULL, -1, FALSE, -1, -1, -1, NULL, NULL, -1, -1, -1 }

#define VT_CLI_OUTPUT_OPTION_ENTRIES(o) \
  { "format", 0, 0, G_OPTION_ARG_STRING, &(o).formats, N_("Formats every size is written in, e.g. jpeg,webp: jpeg (default), webp, avif, png"), N_("LIST") }, \
  { "webp-quality", 0, 0, G_OPTION_ARG_INT, &(o).webp_quality, N_("WebP quality, 1–100 (default 80)"), N_("Q") }, \
  { "webp-lossless", 0, 0, G_OPTION_ARG_NONE, &(o).webp_lossless, N_("Write lossless WebP"), NULL }, \
  { "avif-quality", 0, 0, G_OPTION_ARG_INT, &(o).avif_quality, N_("AVIF quality, 1–100 (default 60)"), N_("Q") }, \
  { "avif-speed", 0, 0, G_OPTION_ARG_INT, &(o).avif_speed, N_("AVIF encoder speed, 0 (smallest files) to 10 (fastest) (default 8)"), N_("S") }, \
  { "png-level", 0, 0, G_OPTION_ARG_INT, &(o).png_level, N_("PNG compression level, 0–9 (default 6)"), N_("N") }, \
  { "logo", 0, 0, G_OPTION_ARG_FILENAME, &(o).logo, N_("Put this PNG or SVG logo on every photo"), N_("FILE") }, \
  { "logo-position", 0, 0, G_OPTION_ARG_STRING, &(o).logo_position, N_("Where the logo goes: top-left, top, top-right, left, center, right, bottom-left, bottom, bottom-right (default)"), N_("POS") }, \
  { "logo-width", 0, 0, G_OPTION_ARG_DOUBLE, &(o).logo_width, N_("The logo’s width, in percent of each size’s width (default 20)"), N_("PERCENT") }, \
  { "logo-opacity", 0, 0, G_OPTION_ARG_DOUBLE, &(o).logo_opacity, N_("The logo’s opacity, in percent (default 80)"), N_("PERCENT") }, \
  { "logo-margin", 0, 0, G_OPTION_ARG_DOUBLE, &(o).logo_margin, N_("The logo’s distance from the edges, in percent of each size’s width (default 2.5)"), N_("PERCENT") }

void     vt_cli_output_options_clear (VtCliOutputOptions  *o);
gboolean vt_cli_output_options_apply (VtCliOutputOptions  *o,
                                      VtRecipe            *recipe,
                                      GError             **error);

G_END_DECLS
