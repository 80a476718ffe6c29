/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-process.c: vitrina-cli process */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "vt-cli.h"

typedef struct {
  char     *output;
  char     *recipe_file;
  char     *sizes;
  char     *unsharp;
  char     *watermark;
  char     *report;
  int       workers;
  int       quality;
  gboolean  progressive;
  gboolean  no_sharpen;
  gboolean  no_unsharp;
  gboolean  no_watermark;
  gboolean  recursive;
  gboolean  skip_existing;
  gboolean  quiet;
  char     *from_urls;
  VtCliFetchOptions fetch;
  char    **inputs;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->output);
  g_free (o->recipe_file);
  g_free (o->sizes);
  g_free (o->unsharp);
  g_free (o->watermark);
  g_free (o->report);
  g_free (o->from_urls);
  g_strfreev (o->inputs);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
parse_unsharp (const char *text,
               VtRecipe   *recipe)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  char *end;
  double radius;
  gint64 percent, threshold;

  if (g_strv_length (parts) != 3)
    return FALSE;
  radius = g_ascii_strtod (parts[0], &end);
  if (*end || radius < 0 || radius > 50)
    return FALSE;
  percent = g_ascii_strtoll (parts[1], &end, 10);
  if (*end || percent < 0 || percent > 500)
    return FALSE;
  threshold = g_ascii_strtoll (parts[2], &end, 10);
  if (*end || threshold < 0 || threshold > 255)
    return FALSE;

  g_object_set (recipe, "unsharp", TRUE, "unsharp-radius", radius,
                "unsharp-percent", (int) percent, "unsharp-threshold", (int) threshold, NULL);
  return TRUE;
}

/* Options win over --recipe, which wins over the built-in defaults. */
static gboolean
build_recipe (Options   *o,
              VtRecipe  *recipe,
              GError   **error)
{
  if (o->recipe_file && !vt_recipe_load_file (recipe, o->recipe_file, error))
    return FALSE;
  if (o->sizes && !vt_recipe_set_sizes (recipe, o->sizes, error))
    return FALSE;
  if (o->unsharp && !parse_unsharp (o->unsharp, recipe))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--unsharp expects RADIUS,PERCENT,THRESHOLD, for example 2,150,3; got “%s”"),
                   o->unsharp);
      return FALSE;
    }
  if (o->quality != -1)
    {
      if (o->quality < 1 || o->quality > 100)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--quality must be between 1 and 100; got %d"), o->quality);
          return FALSE;
        }
      g_object_set (recipe, "quality", o->quality, NULL);
    }
  if (o->watermark)
    g_object_set (recipe, "watermark", TRUE, "watermark-text", o->watermark, NULL);
  if (o->progressive)
    g_object_set (recipe, "progressive", TRUE, NULL);
  if (o->no_sharpen)
    g_object_set (recipe, "sharpen", FALSE, NULL);
  if (o->no_unsharp)
    g_object_set (recipe, "unsharp", FALSE, NULL);
  if (o->no_watermark)
    g_object_set (recipe, "watermark", FALSE, NULL);
  return TRUE;
}

static gboolean
interrupt_cb (gpointer data)
{
  VtJob *job = data;

  g_printerr ("\n%s\n", _("Interrupted: stopping after the photos in progress…"));
  vt_job_cancel (job);
  return G_SOURCE_CONTINUE;
}

/* --from-urls: each image goes to the workers as soon as its download
 * ends; the job stays open until the last one has. */
static void
downloaded_cb (VtFetcher  *fetcher,
               VtDownload *download,
               VtJob      *job)
{
  const GError *error = vt_download_get_error (download);

  if (vt_download_get_status (download) == VT_DOWNLOAD_DONE)
    vt_job_add_input (job, vt_download_get_path (download), NULL);
  else if (error != NULL)
    g_printerr ("vitrina-cli: %s: %s\n", vt_download_get_url (download), error->message);
}

static void
fetch_finished_cb (VtFetcher *fetcher,
                   gboolean   cancelled,
                   VtJob     *job)
{
  vt_job_set_open (job, FALSE);
}

static VtFetcher *
start_downloads (Options  *o,
                 VtJob    *job,
                 GError  **error)
{
  g_autofree char *dir = g_build_filename (o->output, "originals", NULL);
  g_autoptr(VtFetcher) fetcher = vt_cli_fetcher_new (o->from_urls, dir, &o->fetch, error);

  if (fetcher == NULL)
    return NULL;
  vt_job_set_open (job, TRUE);
  g_signal_connect_object (fetcher, "downloaded", G_CALLBACK (downloaded_cb), job, 0);
  g_signal_connect_object (fetcher, "finished", G_CALLBACK (fetch_finished_cb), job, 0);
  if (!vt_fetcher_start (fetcher, error))
    return NULL;
  return g_steal_pointer (&fetcher);
}

static gboolean
downloads_failed (VtFetcher *fetcher)
{
  for (guint i = 0; fetcher != NULL && i < vt_fetcher_get_n_downloads (fetcher); i++)
    if (vt_download_get_status (vt_fetcher_get_download (fetcher, i)) != VT_DOWNLOAD_DONE)
      return TRUE;
  return FALSE;
}

static int
run (Options  *o,
     VtRecipe *recipe)
{
  g_autoptr(VtJob) job = vt_job_new (recipe, o->output);
  g_autoptr(VtCliProgress) progress = NULL;
  g_autoptr(VtFetcher) fetcher = NULL;
  g_autoptr(GError) error = NULL;
  const VtJobStats *stats;
  guint sigint;

  vt_job_set_n_workers (job, o->workers);
  vt_job_set_skip_existing (job, o->skip_existing);
  if (o->inputs != NULL)
    vt_job_add_paths (job, (const char * const *) o->inputs, o->recursive);
  if (o->from_urls != NULL && (fetcher = start_downloads (o, job, &error)) == NULL)
    {
      g_printerr ("vitrina-cli process: %s\n", error->message);
      return VT_CLI_EXIT_FAILED;
    }
  if (fetcher == NULL && vt_job_get_n_results (job) == 0)
    {
      g_printerr (_("vitrina-cli process: no photos found in the given paths\n"));
      return VT_CLI_EXIT_FAILED;
    }

  progress = vt_cli_progress_new (job, o->quiet);
  sigint = g_unix_signal_add (SIGINT, interrupt_cb, job);
  if (!vt_job_run_sync (job, &error))
    {
      g_source_remove (sigint);
      g_printerr ("vitrina-cli process: %s\n", error->message);
      return VT_CLI_EXIT_FAILED;
    }
  g_source_remove (sigint);
  g_clear_pointer (&progress, vt_cli_progress_free);
  if (fetcher != NULL)
    vt_cli_print_fetch_summary (fetcher);
  vt_cli_print_summary (job);

  if (o->report && !vt_report_write (job, o->report, &error))
    {
      g_printerr (_("vitrina-cli process: cannot write the report %s: %s\n"), o->report, error->message);
      return VT_CLI_EXIT_FAILED;
    }

  stats = vt_job_get_stats (job);
  if (stats->n_cancelled > 0)
    return VT_CLI_EXIT_INTERRUPTED;
  return stats->n_failed > 0 || downloads_failed (fetcher) ? VT_CLI_EXIT_FAILED : VT_CLI_EXIT_OK;
}

int
vt_cli_process (int    argc,
                char **argv)
{
  g_auto(Options) o = { .workers = VT_JOB_DEFAULT_WORKERS, .quality = -1,
                        .fetch = VT_CLI_FETCH_OPTIONS_INIT };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, N_("Write the variants into DIR/<size>/ (required)"), N_("DIR") },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &o.workers, N_("Number of worker threads (default 8)"), N_("N") },
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &o.recursive, N_("Also take photos from subfolders, mirroring them in the output"), NULL },
    { "recipe", 0, 0, G_OPTION_ARG_FILENAME, &o.recipe_file, N_("Start from the recipe saved in FILE"), N_("FILE") },
    { "sizes", 's', 0, G_OPTION_ARG_STRING, &o.sizes, N_("Variants as NAME=WxH,… (default thumbnail=150x150,medium=500x500,large=1200x1200)"), N_("LIST") },
    { "quality", 'q', 0, G_OPTION_ARG_INT, &o.quality, N_("JPEG quality, 1–100 (default 85)"), N_("Q") },
    { "progressive", 0, 0, G_OPTION_ARG_NONE, &o.progressive, N_("Write progressive JPEG"), NULL },
    { "no-sharpen", 0, 0, G_OPTION_ARG_NONE, &o.no_sharpen, N_("Skip the 3×3 sharpen filter"), NULL },
    { "unsharp", 0, 0, G_OPTION_ARG_STRING, &o.unsharp, N_("Unsharp mask as RADIUS,PERCENT,THRESHOLD (default 2,150,3)"), N_("R,P,T") },
    { "no-unsharp", 0, 0, G_OPTION_ARG_NONE, &o.no_unsharp, N_("Skip the unsharp mask"), NULL },
    { "watermark", 0, 0, G_OPTION_ARG_STRING, &o.watermark, N_("Watermark text (default “© Vitrina”)"), N_("TEXT") },
    { "no-watermark", 0, 0, G_OPTION_ARG_NONE, &o.no_watermark, N_("Do not draw a watermark"), NULL },
    { "skip-existing", 0, 0, G_OPTION_ARG_NONE, &o.skip_existing, N_("Leave photos whose outputs all exist (to finish an interrupted run)"), NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &o.report, N_("Write a JSON report of every photo to FILE"), N_("FILE") },
    { "quiet", 0, 0, G_OPTION_ARG_NONE, &o.quiet, N_("Print only errors and the summary"), NULL },
    { "from-urls", 0, 0, G_OPTION_ARG_FILENAME, &o.from_urls, N_("Also download the images of the links in LIST (a file, or - for standard input) into OUTPUT/originals, each prepared as soon as it arrives"), N_("LIST") },
    VT_CLI_FETCH_OPTION_ENTRIES (o.fetch),
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.inputs, NULL, N_("PHOTO|FOLDER…") },
    { NULL }
  };

  g_set_prgname ("vitrina-cli process");
  context = g_option_context_new (_("— prepare photos for an online shop"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Every photo is fitted into each size (never enlarged), sharpened, watermarked and\n"
      "saved as JPEG in OUTPUT/<size>/<name>.jpg. Exit status: 0 when every photo was\n"
      "done, 1 when some failed, 2 for a usage error, 130 when interrupted."));
  if (!vt_cli_parse_options (context, "process", &argc, &argv))
    return VT_CLI_EXIT_USAGE;

  if (o.output == NULL)
    return vt_cli_usage_error ("process", _("missing --output DIR"));
  if ((o.inputs == NULL || o.inputs[0] == NULL) && o.from_urls == NULL)
    return vt_cli_usage_error ("process", _("no photos or folders given"));
  if (!vt_cli_fetch_options_check (&o.fetch, "process"))
    return VT_CLI_EXIT_USAGE;
  if (o.workers < 1 || o.workers > 64)
    return vt_cli_usage_error ("process", _("--workers must be between 1 and 64"));
  if (!build_recipe (&o, recipe, &error))
    return vt_cli_usage_error ("process", error->message);

  return run (&o, recipe);
}
