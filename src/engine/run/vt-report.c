/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-report.c: a finished job as a JSON document */
#define G_LOG_DOMAIN "vt-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vt-preflight.h"
#include "vt-report.h"

static const char *
status_name (VtResultStatus status)
{
  switch (status)
    {
    case VT_RESULT_DONE: return "done";
    case VT_RESULT_FAILED: return "failed";
    case VT_RESULT_SKIPPED: return "skipped";
    case VT_RESULT_CANCELLED: return "cancelled";
    case VT_RESULT_NOT_STARTED: return "not-started";
    case VT_RESULT_PENDING: default: return "pending";
    }
}

/* The channel's verdict on a main photo: every rule it checked, passed or
 * broken with the reason, and its advice, which breaks nothing. */
static void
add_compliance (JsonBuilder    *b,
                const VtOutput *o)
{
  guint failed = 0;

  json_builder_set_member_name (b, "compliance");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "passes");
  json_builder_add_boolean_value (b, vt_preflight_passes (o->issues));
  json_builder_set_member_name (b, "failed");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->issues->len; i++)
    {
      const VtPreflightIssue *issue = g_ptr_array_index (o->issues, i);

      if (issue->rule == VT_RULE_ADVICE)
        continue;
      failed |= 1u << issue->rule;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, vt_rule_get_id (issue->rule));
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, issue->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "passed");
  json_builder_begin_array (b);
  for (VtRule r = 0; r < VT_RULE_ADVICE; r++)
    if ((o->rules_checked & (1u << r)) && !(failed & (1u << r)))
      json_builder_add_string_value (b, vt_rule_get_id (r));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "advice");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->issues->len; i++)
    {
      const VtPreflightIssue *issue = g_ptr_array_index (o->issues, i);

      if (issue->rule == VT_RULE_ADVICE)
        json_builder_add_string_value (b, issue->message);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_result (JsonBuilder *b,
            VtResult    *result)
{
  const GError *error = vt_result_get_error (result);
  VtResultStatus status = vt_result_get_status (result);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "input");
  json_builder_add_string_value (b, vt_result_get_input (result));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status_name (status));
  if (error != NULL)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, error->message);
    }
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, vt_result_get_busy_time (result) / 1e6);

  json_builder_set_member_name (b, "outputs");
  json_builder_begin_array (b);
  for (guint i = 0; status == VT_RESULT_DONE && i < vt_result_get_n_outputs (result); i++)
    {
      VtOutput *o = vt_result_get_output (result, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "variant");
      json_builder_add_string_value (b, o->variant);
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, vt_format_to_string (o->format));
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, o->path);
      json_builder_set_member_name (b, "width");
      json_builder_add_int_value (b, o->width);
      json_builder_set_member_name (b, "height");
      json_builder_add_int_value (b, o->height);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, (gint64) o->bytes);
      /* unknown for a file a skipped photo already had */
      if (o->quality > 0)
        {
          json_builder_set_member_name (b, "quality");
          json_builder_add_int_value (b, o->quality);
        }
      if (o->over_budget)
        {
          json_builder_set_member_name (b, "over-budget");
          json_builder_add_boolean_value (b, TRUE);
        }
      if (o->issues != NULL)
        add_compliance (b, o);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* How many main photos of the job pass the channel's rules. */
static void
add_compliance_summary (JsonBuilder *b,
                        VtJob       *job)
{
  VtRules *rules = vt_job_get_rules (job);
  gint64 checked = 0, passed = 0;

  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    {
      VtResult *r = vt_job_get_result (job, i);

      for (guint j = 0; vt_result_get_status (r) == VT_RESULT_DONE && j < vt_result_get_n_outputs (r); j++)
        {
          const VtOutput *o = vt_result_get_output (r, j);

          checked += o->issues != NULL;
          passed += o->issues != NULL && vt_preflight_passes (o->issues);
        }
    }
  json_builder_set_member_name (b, "compliance");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, vt_rules_get_title (rules));
  json_builder_set_member_name (b, "main_size");
  json_builder_add_string_value (b, vt_rules_get_main_size (rules));
  json_builder_set_member_name (b, "checked");
  json_builder_add_int_value (b, checked);
  json_builder_set_member_name (b, "passed");
  json_builder_add_int_value (b, passed);
  json_builder_end_object (b);
}

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

static void
add_count (JsonBuilder *b,
           const char  *name,
           gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/**
 * vt_report_build:
 *
 * Returns: (transfer full): every input with its outputs or its error, and
 * the job's timings
 */
JsonNode *
vt_report_build (VtJob *job)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const VtJobStats *stats = vt_job_get_stats (job);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "vitrina");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  add_count (b, "workers", stats->n_workers);
  add_count (b, "photos", stats->n_inputs);
  add_count (b, "done", stats->n_done);
  add_count (b, "failed", stats->n_failed);
  add_count (b, "skipped", stats->n_skipped);
  add_count (b, "cancelled", stats->n_cancelled);
  add_count (b, "not_started", stats->n_not_started);
  if (vt_job_get_stop_error (job) != NULL)
    {
      json_builder_set_member_name (b, "stopped");
      json_builder_add_string_value (b, vt_job_get_stop_error (job)->message);
    }
  add_count (b, "bytes_written", (gint64) stats->bytes_written);
  add_number (b, "wall_seconds", stats->wall_time / 1e6);
  add_number (b, "busy_seconds", stats->busy_time / 1e6);
  add_number (b, "photos_per_second", vt_job_stats_get_rate (stats));
  add_number (b, "speedup", vt_job_stats_get_speedup (stats));

  json_builder_set_member_name (b, "stage_seconds");
  json_builder_begin_object (b);
  for (guint s = 0; s < VT_N_STAGES; s++)
    add_number (b, vt_stage_get_name (s), stats->stage_time[s] / 1e6);
  json_builder_end_object (b);
  if (vt_job_get_rules (job) != NULL)
    add_compliance_summary (b, job);

  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < vt_job_get_n_results (job); i++)
    add_result (b, vt_job_get_result (job, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * vt_report_add_origin:
 * @shard: (nullable): the part of the batch the job took, %NULL for all
 *
 * Records what made the report, so that reports of the parts of one batch
 * can be told from those of another (vt_report_merge()).
 */
void
vt_report_add_origin (JsonNode      *report,
                      VtRecipe      *recipe,
                      const VtShard *shard)
{
  JsonObject *root = json_node_get_object (report);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) keys = NULL;
  JsonObject *settings = json_object_new ();
  JsonObject *part = json_object_new ();

  vt_recipe_save_key_file (recipe, key_file);
  groups = g_key_file_get_groups (key_file, NULL);
  keys = groups[0] ? g_key_file_get_keys (key_file, groups[0], NULL, NULL) : NULL;
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_value (key_file, groups[0], keys[i], NULL);
      json_object_set_string_member (settings, keys[i], value);
    }
  json_object_set_object_member (root, "recipe", settings);

  json_object_set_int_member (part, "index", shard ? shard->index : 0);
  json_object_set_int_member (part, "count", shard ? shard->count : 1);
  json_object_set_object_member (root, "shard", part);
}

gboolean
vt_report_save (JsonNode    *report,
                const char  *path,
                GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, report);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
vt_report_write (VtJob       *job,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(JsonNode) root = vt_report_build (job);

  return vt_report_save (root, path, error);
}

static gboolean
has_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node);
}

/**
 * vt_report_load:
 *
 * Reads back a report that vt_report_save() wrote.
 *
 * Returns: (transfer full): the report, or %NULL with @error naming @path
 * and what is wrong with it
 */
JsonNode *
vt_report_load (const char  *path,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_mapped_file (parser, path, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Cannot read the report %s: %s"), path, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "vitrina") ||
      !has_array (json_node_get_object (root), "inputs"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not a Vitrina report"), path);
      return NULL;
    }
  return json_node_copy (root);
}
