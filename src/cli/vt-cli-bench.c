/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-bench.c: vitrina-cli bench — seed 000's table, sequential against parallel */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <sys/resource.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vt-cli.h"

typedef struct {
  int       count;
  int       workers;
  int       width;
  int       height;
  int       rounds;
  gboolean  json;
  char     *keep;
} Options;

typedef struct {
  VtJobStats stats;
  double     stolen;   /* seconds of the cores the hypervisor took meanwhile */
} Run;

/* Photos the bench made itself fail only when the machine does (a full
 * disk, most likely): figures from such a run would mean nothing, so the
 * bench stops and says why. */
static gboolean
check_all_done (VtJob   *job,
                GError **error)
{
  const VtJobStats *stats = vt_job_get_stats (job);
  /* A full disk stops the job at its first photo: the rest, not started,
   * are as much missing from the figures. */
  guint n_failed = stats->n_failed + stats->n_not_started;

  if (n_failed == 0)
    return TRUE;
  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *result = vt_job_get_result (job, i);
      const GError *cause = vt_result_get_error (result);

      if (vt_result_get_status (result) != VT_RESULT_FAILED || cause == NULL)
        continue;
      g_set_error (error, cause->domain, cause->code,
                   g_dngettext (GETTEXT_PACKAGE, "%u photo of %u failed; %s: %s",
                                "%u photos of %u failed; the first, %s: %s", n_failed),
                   n_failed, vt_job_get_n_results (job), vt_result_get_input (result), cause->message);
      return FALSE;
    }
  return TRUE;
}

/* Only the figures are kept: the job and its per-photo results go before
 * the next run, so that they do not count in its peak memory. */
static gboolean
run_once (const char  *inputs,
          const char  *outputs,
          int          workers,
          Run         *run,
          GError     **error)
{
  const char *paths[] = { inputs, NULL };
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(VtJob) job = vt_job_new (recipe, outputs);
  double stolen = vt_timings_stolen ();

  vt_job_set_n_workers (job, workers);
  vt_job_add_paths (job, paths, FALSE);
  if (!vt_job_run_sync (job, error) || !check_all_done (job, error))
    return FALSE;
  run->stats = *vt_job_get_stats (job);
  run->stolen = vt_timings_stolen () - stolen;
  return TRUE;
}

static int
compare_wall_time (gconstpointer a,
                   gconstpointer b)
{
  const Run *x = a, *y = b;

  return (x->stats.wall_time > y->stats.wall_time) - (x->stats.wall_time < y->stats.wall_time);
}

/* The run with the median wall time, all of whose figures are then shown:
 * a slow spell of a shared machine during one run moves neither side. */
static const Run *
median_run (GArray *runs)
{
  g_array_sort (runs, compare_wall_time);
  return &g_array_index (runs, Run, (runs->len - 1) / 2);
}

static double
peak_memory_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* What was measured: the median run of each side, and each round's own
 * speedup, to show how much the machine moved meanwhile. */
typedef struct {
  const Run *seq;
  const Run *par;
  GArray    *speedups;   /* double, one per round */
} Figures;

static double
speedup_of (const Run *seq,
            const Run *par)
{
  return (double) seq->stats.wall_time / MAX (par->stats.wall_time, 1);
}

static void
print_table (const Options *o,
             const Figures *f)
{
  const VtJobStats *seq = &f->seq->stats, *par = &f->par->stats;
  double speedup = speedup_of (f->seq, f->par);
  int cores = MIN (o->workers, (int) g_get_num_processors ());

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%d photos of %d×%d, default recipe, %u CPU cores, median of %d round\n\n",
                        "%d photos of %d×%d, default recipe, %u CPU cores, median of %d rounds\n\n",
                        o->rounds),
           o->count, o->width, o->height, g_get_num_processors (), o->rounds);
  g_print ("%-8s %12s %14s %9s %12s %12s %10s\n", _("Photos"), _("Sequential"),
           _("Parallel"), _("Speedup"), _("Eff/worker"), _("Eff/core"), _("Photos/s"));
  g_print ("%-8d %10.2f s %10.2f s ×%d %8.2f× %11.1f%% %11.1f%% %10.1f\n\n",
           o->count, seq->wall_time / 1e6, par->wall_time / 1e6, o->workers, speedup,
           100 * speedup / o->workers, 100 * speedup / cores, vt_job_stats_get_rate (par));

  g_print ("%s", _("Speedup in each round:"));
  for (guint r = 0; r < f->speedups->len; r++)
    g_print (" %.2f×", g_array_index (f->speedups, double, r));
  g_print ("\n");
  g_print ("%s", _("Time per stage (share of busy time, parallel run):"));
  for (guint s = 0; s < VT_N_STAGES; s++)
    g_print (" %s %.1f%%", vt_stage_get_name (s), 100.0 * par->stage_time[s] / MAX (par->busy_time, 1));
  g_print ("\n");
  g_print (_("Peak memory: %.0f MB, with at most %u photos decoded at once\n"), peak_memory_mb (),
           par->max_in_flight);
  /* On a shared virtual machine, what moves the speedup from run to run. */
  g_print (_("CPU time the hypervisor gave to other machines: %.2f s during the sequential run, "
             "%.2f s during the parallel run\n"), f->seq->stolen, f->par->stolen);
}

static void
print_json (const Options *o,
            const Figures *f)
{
  const VtJobStats *seq = &f->seq->stats, *par = &f->par->stats;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  double speedup = speedup_of (f->seq, f->par);
  int cores = MIN (o->workers, (int) g_get_num_processors ());

#define NUM(name, value) json_builder_set_member_name (b, name); json_builder_add_double_value (b, value)
  json_builder_begin_object (b);
  NUM ("photos", o->count);
  NUM ("width", o->width);
  NUM ("height", o->height);
  NUM ("workers", o->workers);
  NUM ("cpu_cores", g_get_num_processors ());
  NUM ("rounds", o->rounds);
  NUM ("sequential_seconds", seq->wall_time / 1e6);
  NUM ("parallel_seconds", par->wall_time / 1e6);
  NUM ("speedup", speedup);
  NUM ("efficiency_per_worker", speedup / o->workers);
  NUM ("efficiency_per_core", speedup / cores);
  NUM ("photos_per_second", vt_job_stats_get_rate (par));
  NUM ("sequential_photos_per_second", vt_job_stats_get_rate (seq));
  NUM ("peak_memory_mb", peak_memory_mb ());
  NUM ("max_photos_in_flight", par->max_in_flight);
  NUM ("sequential_stolen_seconds", f->seq->stolen);
  NUM ("parallel_stolen_seconds", f->par->stolen);
  json_builder_set_member_name (b, "speedup_per_round");
  json_builder_begin_array (b);
  for (guint r = 0; r < f->speedups->len; r++)
    json_builder_add_double_value (b, g_array_index (f->speedups, double, r));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "stage_seconds");
  json_builder_begin_object (b);
  for (guint s = 0; s < VT_N_STAGES; s++)
    {
      NUM (vt_stage_get_name (s), par->stage_time[s] / 1e6);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
#undef NUM

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

/* Each round runs both sides, taking turns at going first, so that a
 * machine that speeds up or slows down over the rounds favours neither.
 * Every run writes into a folder of its own and none is removed before the
 * end: right after thousands of files are deleted, ext4 without a journal
 * scans past their inodes for every new file (recently_deleted()), which
 * would slow whichever run came next. */
static gboolean
run_rounds (const Options  *o,
            const char     *inputs,
            const char     *dir,
            GArray         *seq,
            GArray         *par,
            GError        **error)
{
  for (int r = 0; r < o->rounds; r++)
    for (int i = 0; i < 2; i++)
      {
        gboolean parallel = (r + i) % 2 == 1;
        int workers = parallel ? o->workers : 1;
        g_autofree char *name = g_strdup_printf ("out-%d-%d", workers, r);
        g_autofree char *outputs = g_build_filename (dir, name, NULL);
        Run run;

        if (!run_once (inputs, outputs, workers, &run, error))
          return FALSE;
        g_array_append_val (parallel ? par : seq, run);
      }
  return TRUE;
}

static int
bench (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vitrina-bench-XXXXXX", &error);
  g_autofree char *inputs = NULL;
  g_autoptr(GArray) seq = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) par = g_array_new (FALSE, FALSE, sizeof (Run));
  g_autoptr(GArray) speedups = g_array_new (FALSE, FALSE, sizeof (double));
  Figures figures;

  if (dir == NULL)
    return vt_cli_failure ("bench", error);
  inputs = g_build_filename (o->keep ? o->keep : dir, "photos", NULL);

  if (!o->json)
    g_printerr (_("Generating %d photos…\n"), o->count);
  if (!vt_sample_write (inputs, o->count, o->width, o->height, &error) ||
      !run_rounds (o, inputs, dir, seq, par, &error))
    {
      g_printerr ("vitrina-cli bench: %s\n", error->message);
      vt_remove_tree (dir);
      return VT_CLI_EXIT_FAILED;
    }

  /* Rounds pair up in run order, which median_run() then sorts away. */
  for (guint r = 0; r < seq->len; r++)
    {
      double s = speedup_of (&g_array_index (seq, Run, r), &g_array_index (par, Run, r));
      g_array_append_val (speedups, s);
    }
  figures = (Figures) { median_run (seq), median_run (par), speedups };
  if (o->json)
    print_json (o, &figures);
  else
    print_table (o, &figures);

  vt_remove_tree (dir);
  return VT_CLI_EXIT_OK;
}
int
vt_cli_bench (int    argc,
              char **argv)
{
  Options o = { .count = 100, .workers = VT_JOB_DEFAULT_WORKERS, .width = 800, .height = 600,
                .rounds = 3 };
  g_autofree char *size = NULL;
  g_autofree char *keep = NULL;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &o.count, N_("How many photos (default 100)"), N_("N") },
    { "size", 's', 0, G_OPTION_ARG_STRING, &size, N_("Photo size as WxH (default 800x600)"), N_("WxH") },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &o.workers, N_("Workers of the parallel run (default 8)"), N_("N") },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &o.rounds, N_("Run both sides this many times and show the median (default 3)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print the figures as JSON"), NULL },
    { "keep-photos", 0, 0, G_OPTION_ARG_FILENAME, &keep, N_("Leave the generated photos in DIR/photos"), N_("DIR") },
    { NULL }
  };
  const VtCliCommand command = { "bench", NULL, _("— time the default recipe on 1 worker and on N"), NULL };

  if (!vt_cli_parse_command (&command, entries, NULL, &argc, &argv))
    return VT_CLI_EXIT_USAGE;
  if (argc > 1)
    return vt_cli_usage_error ("bench", _("takes no arguments besides options"));
  if (o.count < 1 || o.count > 100000)
    return vt_cli_usage_error ("bench", _("--count must be between 1 and 100000"));
  if (o.workers < 1 || o.workers > 64)
    return vt_cli_usage_error ("bench", _("--workers must be between 1 and 64"));
  if (o.rounds < 1 || o.rounds > 99)
    return vt_cli_usage_error ("bench", _("--rounds must be between 1 and 99"));
  if (size && !vt_cli_parse_size (size, &o.width, &o.height))
    return vt_cli_usage_error ("bench", _("--size expects WIDTHxHEIGHT, for example 800x600"));
  o.keep = keep;

  return bench (&o);
}
