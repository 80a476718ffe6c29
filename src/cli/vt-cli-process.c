/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-process.c: vitrina-cli process */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "vt-cli.h"

typedef struct {
  char     *output;
  char     *preset;
  char     *save_preset;
  gboolean  list_presets;
  char     *sizes;
  char    **filters;
  char     *unsharp;
  char     *fit;
  char     *background;
  int       max_kb;
  gboolean  whiten;
  char     *trim_tolerance;
  char     *metadata;
  char     *name_template;
  gboolean  web_safe_names;
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
  VtCliShardOptions shard;
  VtCliOutputOptions out;
  char    **inputs;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->output);
  g_free (o->preset);
  g_free (o->save_preset);
  g_free (o->sizes);
  g_strfreev (o->filters);
  g_free (o->unsharp);
  g_free (o->fit);
  g_free (o->background);
  g_free (o->trim_tolerance);
  g_free (o->metadata);
  g_free (o->name_template);
  g_free (o->watermark);
  g_free (o->report);
  g_free (o->from_urls);
  vt_cli_shard_options_clear (&o->shard);
  vt_cli_output_options_clear (&o->out);
  g_strfreev (o->inputs);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* The recipe's filter chain less every filter of @kind. */
static GArray *
chain_without (VtRecipe     *recipe,
               VtFilterKind  kind)
{
  GArray *chain = g_array_copy (vt_recipe_get_filters (recipe));

  for (guint i = chain->len; i-- > 0;)
    if (g_array_index (chain, VtFilter, i).kind == kind)
      g_array_remove_index (chain, i);
  return chain;
}

/* @chain holds the recipe's own filters, which are valid. */
static void
set_chain (VtRecipe *recipe,
           GArray   *chain)
{
  if (!vt_recipe_set_filter_chain (recipe, chain, NULL))
    g_assert_not_reached ();
}

/* --unsharp R,P,T: the chain's unsharp mask with these settings (added
 * at the end when it had none). */
static gboolean
set_unsharp (VtRecipe    *recipe,
             const char  *text,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autofree char *spec = NULL;
  g_autoptr(GArray) chain = g_array_copy (vt_recipe_get_filters (recipe));
  VtFilter unsharp;
  gboolean replaced = FALSE;

  if (g_strv_length (parts) == 3)
    spec = g_strdup_printf ("unsharp:radius=%s,percent=%s,threshold=%s", parts[0], parts[1], parts[2]);
  if (spec == NULL || !vt_filter_parse (spec, &unsharp, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--unsharp expects RADIUS,PERCENT,THRESHOLD, for example 2,150,3; got “%s”"), text);
      return FALSE;
    }

  for (guint i = 0; i < chain->len; i++)
    if (g_array_index (chain, VtFilter, i).kind == VT_FILTER_UNSHARP)
      g_array_index (chain, VtFilter, i) = unsharp, replaced = TRUE;
  if (!replaced)
    g_array_append_val (chain, unsharp);
  set_chain (recipe, chain);
  return TRUE;
}

static gboolean
set_filters (VtRecipe  *recipe,
             char     **filters,
             GError   **error)
{
  g_autofree char *chain = g_strjoinv (";", filters);

  /* `--filter none` empties the chain. */
  if (g_strv_length (filters) == 1 && g_str_equal (filters[0], "none"))
    return vt_recipe_set_filters (recipe, "", error);
  return vt_recipe_set_filters (recipe, chain, error);
}

static gboolean
set_enum (VtRecipe    *recipe,
          const char  *property,
          const char  *option,
          const char  *nick,
          GError     **error)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (recipe), property);
  GEnumValue *value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, nick);
  g_autoptr(GString) nicks = g_string_new (NULL);

  if (value != NULL)
    {
      g_object_set (recipe, property, value->value, NULL);
      return TRUE;
    }
  for (guint i = 0; i < G_PARAM_SPEC_ENUM (pspec)->enum_class->n_values; i++)
    g_string_append_printf (nicks, "%s%s", i ? ", " : "", G_PARAM_SPEC_ENUM (pspec)->enum_class->values[i].value_nick);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s must be one of %s; got “%s”"), option, nicks->str, nick);
  return FALSE;
}

/* The options that apply to every size, after --sizes. */
static gboolean
set_size_options (Options   *o,
                  VtRecipe  *recipe,
                  GError   **error)
{
  g_autofree char *max_kb = g_strdup_printf ("%d", o->max_kb);

  if (o->fit && !vt_recipe_set_variant_option (recipe, "fit", o->fit, error))
    return FALSE;
  if (o->background && !vt_recipe_set_variant_option (recipe, "background", o->background, error))
    return FALSE;
  if (o->max_kb >= 0 && !vt_recipe_set_variant_option (recipe, "max-kb", max_kb, error))
    return FALSE;
  if (o->whiten && !vt_recipe_set_variant_option (recipe, "whiten", "yes", error))
    return FALSE;
  if (o->trim_tolerance &&
      !vt_recipe_set_variant_option (recipe, "trim-tolerance", o->trim_tolerance, error))
    return FALSE;
  return TRUE;
}

/* Options win over --preset, which wins over the built-in defaults. */
static gboolean
build_recipe (Options   *o,
              VtRecipe  *recipe,
              GError   **error)
{
  if (o->preset && !vt_presets_load (recipe, o->preset, error))
    return FALSE;
  if (o->sizes && !vt_recipe_set_sizes (recipe, o->sizes, error))
    return FALSE;
  if (!set_size_options (o, recipe, error) || !vt_cli_output_options_apply (&o->out, recipe, error))
    return FALSE;
  if (o->filters && !set_filters (recipe, o->filters, error))
    return FALSE;
  if (o->unsharp && !set_unsharp (recipe, o->unsharp, error))
    return FALSE;
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
  if (o->metadata && !set_enum (recipe, "metadata", "--metadata", o->metadata, error))
    return FALSE;
  if (o->name_template && !vt_recipe_check_name_template (o->name_template, recipe, error))
    return FALSE;
  if (o->name_template)
    g_object_set (recipe, "name-template", o->name_template, NULL);
  if (o->web_safe_names)
    g_object_set (recipe, "web-safe-names", TRUE, NULL);
  if (o->watermark)
    g_object_set (recipe, "watermark", TRUE, "watermark-text", o->watermark, NULL);
  if (o->progressive)
    g_object_set (recipe, "progressive", TRUE, NULL);
  if (o->no_sharpen)
    {
      g_autoptr(GArray) chain = chain_without (recipe, VT_FILTER_SHARPEN);
      set_chain (recipe, chain);
    }
  if (o->no_unsharp)
    {
      g_autoptr(GArray) chain = chain_without (recipe, VT_FILTER_UNSHARP);
      set_chain (recipe, chain);
    }
  if (o->no_watermark)
    g_object_set (recipe, "watermark", FALSE, NULL);
  return TRUE;
}

static int
list_presets (void)
{
  g_autoptr(GPtrArray) presets = vt_presets_list ();
  g_autofree char *dir = vt_presets_get_user_dir ();

  for (guint i = 0; i < presets->len; i++)
    {
      VtPreset *p = g_ptr_array_index (presets, i);
      g_print ("%-16s %s\n", p->name, p->description);
    }
  g_print (_("\nYour own presets are kept in %s (--save-preset NAME).\n"), dir);
  return VT_CLI_EXIT_OK;
}

/* Before the run: photos too small for a size come out small (or, filled
 * or padded, enlarged); say so now rather than after. Returns their
 * results' indices, for the summary to count those that were made. */
static GArray *
flag_small_photos (VtJob    *job,
                   VtRecipe *recipe,
                   gboolean  quiet)
{
  g_autoptr(VtPipeline) pipeline = vt_pipeline_new (recipe);
  GArray *small = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      const char *path = vt_result_get_input (vt_job_get_result (job, i));
      const VtVariant *v;
      int w, h;

      if ((v = vt_pipeline_find_small_variant (pipeline, path, &w, &h)) == NULL)
        continue;
      g_array_append_val (small, i);
      if (!quiet)
        g_printerr (_("vitrina-cli: %s is %d × %d, smaller than the size “%s” (%d × %d): it will come out small or enlarged\n"),
                    path, w, h, v->name, v->width, v->height);
    }
  return small;
}

static void
print_recipe_warnings (VtJob  *job,
                       GArray *small)
{
  guint n_over = 0, n_small = 0;

  /* A photo cancelled or failed was made for no size. */
  for (guint i = 0; i < small->len; i++)
    {
      VtResult *r = vt_job_get_result (job, g_array_index (small, guint, i));
      n_small += vt_result_get_status (r) == VT_RESULT_DONE;
    }

  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *r = vt_job_get_result (job, i);
      for (guint j = 0; j < vt_result_get_n_outputs (r); j++)
        n_over += vt_result_get_output (r, j)->over_budget;
    }
  if (n_small > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u photo is smaller than a size it was made for\n",
                          "%u photos are smaller than a size they were made for\n", n_small), n_small);
  if (n_over > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u file is larger than its size’s max-kb even at quality 1\n",
                          "%u files are larger than their size’s max-kb even at quality 1\n", n_over), n_over);
}

static gboolean
interrupt_cb (gpointer data)
{
  VtJob *job = data;

  g_printerr ("\n%s\n", _("Interrupted: stopping after the photos in progress…"));
  vt_job_cancel (job);
  return G_SOURCE_CONTINUE;
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
  g_autoptr(GArray) small = NULL;
  guint sigint, n_batch;

  vt_job_set_n_workers (job, o->workers);
  vt_job_set_skip_existing (job, o->skip_existing);
  if (o->preset != NULL)
    {
      /* A channel's preset: its rules judge the main photos as they are written */
      g_autoptr(VtRules) rules = vt_rules_load (o->preset, NULL);
      vt_job_set_rules (job, rules);
    }
  if (!vt_cli_add_shard_inputs (&o->shard, job, o->inputs, o->recursive, &n_batch, &error))
    return vt_cli_failure ("process", error);
  if (o->from_urls != NULL && (fetcher = vt_cli_fetch_into_job (o->from_urls, o->output, &o->fetch, job, &error)) == NULL)
    return vt_cli_failure ("process", error);
  if (fetcher == NULL && n_batch == 0)
    {
      g_printerr (_("vitrina-cli process: no photos found in the given paths\n"));
      return VT_CLI_EXIT_FAILED;
    }

  small = flag_small_photos (job, recipe, o->quiet);
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
  if (vt_job_get_recipe_changed (job))
    g_print ("%s\n", _("The recipe changed since these outputs were made: every photo is made again"));
  if (fetcher != NULL)
    vt_cli_print_fetch_summary (fetcher);
  vt_cli_print_summary (job);
  print_recipe_warnings (job, small);
  vt_cli_print_product_notes (job);
  vt_cli_check_outputs (job);

  if (o->report && !vt_cli_write_report (job, recipe, &o->shard.resolved, o->report, &error))
    {
      g_printerr (_("vitrina-cli process: cannot write the report %s: %s\n"), o->report, error->message);
      return VT_CLI_EXIT_FAILED;
    }

  stats = vt_job_get_stats (job);
  if (vt_job_get_stop_error (job) != NULL)
    return VT_CLI_EXIT_FAILED;
  if (stats->n_cancelled > 0)
    return VT_CLI_EXIT_INTERRUPTED;
  return stats->n_failed > 0 || vt_cli_fetch_failed (fetcher) ? VT_CLI_EXIT_FAILED : VT_CLI_EXIT_OK;
}

static int
save_preset (Options  *o,
             VtRecipe *recipe)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!build_recipe (o, recipe, &error))
    return vt_cli_usage_error ("process", error->message);
  if ((path = vt_presets_save (recipe, o->save_preset, &error)) == NULL)
    return vt_cli_failure ("process", error);
  g_print (_("Saved the preset %s in %s\n"), o->save_preset, path);
  return VT_CLI_EXIT_OK;
}

int
vt_cli_process (int    argc,
                char **argv)
{
  g_auto(Options) o = { .workers = VT_JOB_DEFAULT_WORKERS, .quality = -1, .max_kb = -1,
                        .fetch = VT_CLI_FETCH_OPTIONS_INIT, .out = VT_CLI_OUTPUT_OPTIONS_INIT };
  g_autoptr(GOptionContext) context = NULL;
  GOptionGroup *group = NULL;
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, N_("Write the variants into DIR/<size>/ (required)"), N_("DIR") },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &o.workers, N_("Number of worker threads (default 8)"), N_("N") },
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &o.recursive, N_("Also take photos from subfolders, mirroring them in the output"), NULL },
    { "preset", 'p', 0, G_OPTION_ARG_FILENAME, &o.preset, N_("Start from a preset (see --list-presets) or a recipe file"), N_("NAME|FILE") },
    { "list-presets", 0, 0, G_OPTION_ARG_NONE, &o.list_presets, N_("List the presets and exit"), NULL },
    { "save-preset", 0, 0, G_OPTION_ARG_STRING, &o.save_preset, N_("Save the recipe these options make as your preset NAME and exit"), N_("NAME") },
    { "sizes", 's', 0, G_OPTION_ARG_STRING, &o.sizes, N_("Sizes as NAME=WxH[:OPTION=VALUE…],… with options fit, background, watermark=yes|no, logo=yes|no, sharpen=STRENGTH, max-kb, format=avif+jpeg, trim=yes, fill=PERCENT, whiten=yes (default thumbnail=150x150,medium=500x500,large=1200x1200)"), N_("LIST") },
    { "fit", 0, 0, G_OPTION_ARG_STRING, &o.fit, N_("How every size takes the photo: fit (inside the box, never enlarged), fill (the whole box, cropped) or pad (the whole box, on a background)"), N_("MODE") },
    { "background", 0, 0, G_OPTION_ARG_STRING, &o.background, N_("Background of padded sizes, as a name or #RRGGBB (default white)"), N_("COLOR") },
    { "max-kb", 0, 0, G_OPTION_ARG_INT, &o.max_kb, N_("Keep every file under N kB, lowering the JPEG, WebP or AVIF quality where needed"), N_("N") },
    { "whiten", 0, 0, G_OPTION_ARG_NONE, &o.whiten, N_("Make the backdrop around the product pure white in every size"), NULL },
    { "trim-tolerance", 0, 0, G_OPTION_ARG_STRING, &o.trim_tolerance, N_("How far the backdrop may vary for trim, fill and whiten, in percent (default 10)"), N_("PERCENT") },
    { "filter", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &o.filters, N_("The filters, in order, replacing the recipe’s (repeat it; “none” for none): sharpen, unsharp, gaussian, box-blur, brightness, contrast, saturation, auto-contrast, edge-enhance, edge-enhance-more, invert, greyscale, lanczos-round-trip; settings as NAME:radius=2,stage=before"), N_("NAME[:K=V,…]") },
    { "metadata", 0, 0, G_OPTION_ARG_STRING, &o.metadata, N_("EXIF data to keep: none (default), copyright, all (but the location), all-with-gps"), N_("WHICH") },
    { "name-template", 0, 0, G_OPTION_ARG_STRING, &o.name_template, N_("Output names, from {stem}, {n} (the photo’s number in input order: 0001, 0002…), {variant}, {width} and {height} (default {variant}/{stem}); the format’s extension is added"), N_("T") },
    { "web-safe-names", 0, 0, G_OPTION_ARG_NONE, &o.web_safe_names, N_("Lower-case ASCII names without spaces: “Zapatilla Roja Ñandú.JPG” → zapatilla-roja-nandu.jpg"), NULL },
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
    VT_CLI_SHARD_OPTION_ENTRIES (o.shard),
    VT_CLI_OUTPUT_OPTION_ENTRIES (o.out),
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.inputs, NULL, N_("PHOTO|FOLDER…") },
    { NULL }
  };

  g_set_prgname ("vitrina-cli process");
  context = g_option_context_new (_("— prepare photos for an online shop"));
  group = g_option_group_new (NULL, NULL, NULL, &o.shard, NULL);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_description (context,
    _("Every photo is made into each size (fitted inside, never enlarged, unless the size\n"
      "says fill or pad), run through the filters, watermarked and saved in each of the\n"
      "size’s formats as OUTPUT/<size>/<name>.jpg, .webp, .avif or .png (see --format and\n"
      "--name-template). Exit status: 0 when every photo was done, 1 when some failed,\n"
      "2 for a usage error, 130 when interrupted.\n\n"
      "Examples:\n"
      "  vitrina-cli process photos -o out --preset mercado-libre\n"
      "  vitrina-cli process photos -o out -s main=1200x1200 --fit pad --max-kb 300\n"
      "  vitrina-cli process photos -o out --format=jpeg,webp,avif --logo=logo.svg\n"
      "  vitrina-cli process studio -o out -s main=2000x2000:fit=pad:fill=85:whiten=yes\n"
      "  vitrina-cli process photos -o out -f gaussian:radius=10 -f contrast:factor=1.5 -f invert\n"
      "  vitrina-cli process photos -o out --name-template '{stem}-{width}' --web-safe-names"));
  if (!vt_cli_parse_options (context, "process", &argc, &argv))
    return VT_CLI_EXIT_USAGE;
  if (o.list_presets)
    return list_presets ();
  if (o.save_preset)
    return save_preset (&o, recipe);

  if (o.output == NULL)
    return vt_cli_usage_error ("process", _("missing --output DIR"));
  if ((o.inputs == NULL || o.inputs[0] == NULL) && o.from_urls == NULL && o.shard.files_from == NULL)
    return vt_cli_usage_error ("process", _("no photos or folders given"));
  if (!vt_cli_fetch_options_check (&o.fetch, "process") || !vt_cli_shard_options_check (&o.shard, "process"))
    return VT_CLI_EXIT_USAGE;
  if (o.shard.resolved.count > 1 && o.from_urls != NULL)
    return vt_cli_usage_error ("process", _("--from-urls takes no part of a batch: give each task its own list of links"));
  if (o.workers < 1 || o.workers > 64)
    return vt_cli_usage_error ("process", _("--workers must be between 1 and 64"));
  if (!build_recipe (&o, recipe, &error))
    return vt_cli_usage_error ("process", error->message);

  return run (&o, recipe);
}
