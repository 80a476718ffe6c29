/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-fetch.c: vitrina-cli fetch, and the downloads of process --from-urls */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>

#include "vt-cli.h"

/* The whole of @list, a file or "-" for standard input. */
char *
vt_cli_read_text (const char  *list,
                  GError     **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  char *text = NULL;

  if (!g_str_equal (list, "-"))
    return g_file_get_contents (list, &text, NULL, error) ? text : NULL;

  in = g_unix_input_stream_new (0, FALSE);
  out = g_memory_output_stream_new_resizable ();
  /* The target stays open for the terminating NUL. */
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_NONE, NULL, error) < 0 ||
      !g_output_stream_write_all (out, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/**
 * vt_cli_fetcher_new:
 *
 * A fetcher for the links in @list (a file, or "-" for standard input),
 * with the options every command that downloads shares.
 */
VtFetcher *
vt_cli_fetcher_new (const char        *list,
                    const char        *output_dir,
                    const VtCliFetchOptions *o,
                    GError           **error)
{
  g_autofree char *text = vt_cli_read_text (list, error);
  g_autoptr(VtFetcher) fetcher = NULL;

  if (text == NULL)
    return NULL;

  fetcher = vt_fetcher_new (output_dir);
  vt_fetcher_set_max_connections (fetcher, o->connections);
  vt_fetcher_set_timeout (fetcher, o->timeout);
  vt_fetcher_set_retries (fetcher, o->retries);
  vt_fetcher_set_max_bytes (fetcher, (guint64) o->max_mb * 1024 * 1024);
  if (vt_fetcher_add_list (fetcher, text) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("No links in %s"), list);
      return NULL;
    }
  return g_steal_pointer (&fetcher);
}

gboolean
vt_cli_fetch_options_check (const VtCliFetchOptions  *o,
                            const char               *command)
{
  if (o->connections < 1 || o->connections > 256)
    return vt_cli_usage_error (command, _("--connections must be between 1 and 256")), FALSE;
  if (o->timeout < 1 || o->timeout > 3600)
    return vt_cli_usage_error (command, _("--timeout must be between 1 and 3600 seconds")), FALSE;
  if (o->retries < 0 || o->retries > 10)
    return vt_cli_usage_error (command, _("--retries must be between 0 and 10")), FALSE;
  if (o->max_mb < 1 || o->max_mb > 4096)
    return vt_cli_usage_error (command, _("--max-mb must be between 1 and 4096")), FALSE;
  return TRUE;
}

/* Says why @download did not arrive. */
static void
print_download_error (VtDownload *download)
{
  g_printerr ("vitrina-cli: %s: %s\n", vt_download_get_url (download), vt_download_get_error (download)->message);
}

static void
downloaded_cb (VtFetcher  *fetcher,
               VtDownload *download,
               gboolean   *quiet)
{
  if (vt_download_get_status (download) == VT_DOWNLOAD_FAILED)
    print_download_error (download);
  else if (vt_download_get_status (download) == VT_DOWNLOAD_DONE && !*quiet)
    g_print (_("downloaded %s → %s\n"), vt_download_get_url (download), vt_download_get_path (download));
  else if (vt_download_get_status (download) == VT_DOWNLOAD_SKIPPED && !*quiet)
    g_print (_("already downloaded %s → %s, skipped\n"), vt_download_get_url (download),
             vt_download_get_path (download));
}

static void
quit_cb (VtFetcher  *fetcher,
         gboolean    cancelled,
         GMainLoop  *loop)
{
  g_main_loop_quit (loop);
}

static gboolean
interrupt_cb (gpointer data)
{
  g_printerr ("\n%s\n", _("Interrupted: stopping the downloads…"));
  vt_fetcher_cancel (data);
  return G_SOURCE_CONTINUE;
}

/* --from-urls: each image goes to the workers as soon as its download
 * ends; the job stays open until the last one has. */
static void
job_downloaded_cb (VtFetcher  *fetcher,
                   VtDownload *download,
                   VtJob      *job)
{
  /* One already downloaded is still the batch's (which may skip it). */
  if (vt_download_get_status (download) == VT_DOWNLOAD_DONE ||
      vt_download_get_status (download) == VT_DOWNLOAD_SKIPPED)
    vt_job_add_input (job, vt_download_get_path (download), NULL);
  else if (vt_download_get_error (download) != NULL)
    print_download_error (download);
}

static void
job_fetch_finished_cb (VtFetcher *fetcher,
                   gboolean   cancelled,
                   VtJob     *job)
{
  vt_job_set_open (job, FALSE);
}

/**
 * vt_cli_fetch_into_job:
 *
 * Starts downloading the links of @list into @output_dir/originals, handing
 * each image to @job as it arrives.
 */
VtFetcher *
vt_cli_fetch_into_job (const char               *list,
                       const char               *output_dir,
                       const VtCliFetchOptions  *o,
                       VtJob                    *job,
                       GError                  **error)
{
  g_autofree char *dir = g_build_filename (output_dir, "originals", NULL);
  g_autoptr(VtFetcher) fetcher = vt_cli_fetcher_new (list, dir, o, error);

  if (fetcher == NULL)
    return NULL;
  vt_job_set_open (job, TRUE);
  g_signal_connect_object (fetcher, "downloaded", G_CALLBACK (job_downloaded_cb), job, 0);
  g_signal_connect_object (fetcher, "finished", G_CALLBACK (job_fetch_finished_cb), job, 0);
  if (!vt_fetcher_start (fetcher, error))
    return NULL;
  return g_steal_pointer (&fetcher);
}

gboolean
vt_cli_fetch_failed (VtFetcher *fetcher)
{
  for (guint i = 0; fetcher != NULL && i < vt_fetcher_get_n_downloads (fetcher); i++)
    {
      VtDownloadStatus status = vt_download_get_status (vt_fetcher_get_download (fetcher, i));
      if (status != VT_DOWNLOAD_DONE && status != VT_DOWNLOAD_SKIPPED)
        return TRUE;
    }
  return FALSE;
}

void
vt_cli_print_fetch_summary (VtFetcher *fetcher)
{
  guint done = 0, failed = 0, cancelled = 0, skipped = 0;
  guint64 bytes = 0;
  g_autofree char *size = NULL;
  double seconds = vt_fetcher_get_wall_time (fetcher) / 1e6;

  for (guint i = 0; i < vt_fetcher_get_n_downloads (fetcher); i++)
    {
      VtDownload *d = vt_fetcher_get_download (fetcher, i);
      switch (vt_download_get_status (d))
        {
        case VT_DOWNLOAD_DONE: done++; bytes += vt_download_get_bytes (d); break;
        case VT_DOWNLOAD_FAILED: failed++; break;
        case VT_DOWNLOAD_SKIPPED: skipped++; break;
        default: cancelled++; break;
        }
    }
  if (skipped > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u link was already downloaded, with the same bytes: skipped\n",
                          "%u links were already downloaded, with the same bytes: skipped\n", skipped),
             skipped);
  size = g_format_size (bytes);
  g_print (_("%u links: %u downloaded, %u failed, %u cancelled; %s in %.2f s (%.1f images/s)\n"),
           vt_fetcher_get_n_downloads (fetcher), done, failed, cancelled, size, seconds,
           seconds > 0 ? done / seconds : 0.0);
}

/* What fetch --help says under the options. */
static const char fetch_description[] =
  N_("LIST is a file with one link per line, or a CSV with a “url” column; “-” reads\n"
     "standard input. Only http and https links are fetched; files get safe names and\n"
     "never overwrite one another. Exit status: 0 when every link was downloaded, 1 when\n"
     "some failed, 2 for a usage error.");

int
vt_cli_fetch (int    argc,
              char **argv)
{
  VtCliFetchOptions o = VT_CLI_FETCH_OPTIONS_INIT;
  g_autofree char *output = NULL;
  g_auto(GStrv) lists = NULL;
  gboolean quiet = FALSE;
  g_autoptr(VtFetcher) fetcher = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  guint sigint;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Save the images in DIR (required)"), N_("DIR") },
    VT_CLI_FETCH_OPTION_ENTRIES (o),
    { "quiet", 0, 0, G_OPTION_ARG_NONE, &quiet, N_("Print only errors and the summary"), NULL },
    { NULL }
  };
  const VtCliCommand command = {
    "fetch", N_("LIST"), _("— download the images of a list of links"), _(fetch_description)
  };

  if (!vt_cli_parse_command (&command, entries, &lists, &argc, &argv))
    return VT_CLI_EXIT_USAGE;
  if (output == NULL)
    return vt_cli_usage_error ("fetch", _("missing --output DIR"));
  if (lists == NULL || lists[0] == NULL || lists[1] != NULL)
    return vt_cli_usage_error ("fetch", _("give exactly one list of links"));
  if (!vt_cli_fetch_options_check (&o, "fetch"))
    return VT_CLI_EXIT_USAGE;

  fetcher = vt_cli_fetcher_new (lists[0], output, &o, &error);
  if (fetcher == NULL || !vt_fetcher_start (fetcher, &error))
    return vt_cli_failure ("fetch", error);

  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (fetcher, "downloaded", G_CALLBACK (downloaded_cb), &quiet);
  g_signal_connect (fetcher, "finished", G_CALLBACK (quit_cb), loop);
  sigint = g_unix_signal_add (SIGINT, interrupt_cb, fetcher);
  g_main_loop_run (loop);
  g_source_remove (sigint);

  vt_cli_print_fetch_summary (fetcher);
  return vt_cli_fetch_failed (fetcher) ? VT_CLI_EXIT_FAILED : VT_CLI_EXIT_OK;
}
