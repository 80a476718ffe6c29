/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-report-merge.c: one report from the reports of a batch's shards
 *
 * Each task of a cluster job writes the report of its own shard; the
 * merge checks that they are the parts of one batch (one recipe, one
 * count, every shard once, no photo twice) before adding them up.
 */
#define G_LOG_DOMAIN "vt-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vt-report.h"

static const char * const summed_counts[] = {
  "workers", "photos", "done", "failed", "skipped", "cancelled", "not_started",
  "bytes_written", NULL
};

typedef struct {
  const char *path;
  JsonObject *root;
  guint       index;
  guint       count;
} Part;

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static int
compare_parts (gconstpointer a,
               gconstpointer b)
{
  return (int) ((const Part *) a)->index - (int) ((const Part *) b)->index;
}

static gboolean
read_part (Part        *part,
           const char  *path,
           JsonNode    *report,
           GError     **error)
{
  JsonObject *shard;

  part->path = path;
  part->root = json_node_get_object (report);
  shard = object_member (part->root, "shard");
  if (shard == NULL || object_member (part->root, "recipe") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s does not say its recipe and shard: it was written by an older Vitrina"), path);
      return FALSE;
    }
  part->index = (guint) json_object_get_int_member_with_default (shard, "index", 0);
  part->count = (guint) json_object_get_int_member_with_default (shard, "count", 0);
  if (part->count == 0 || part->index >= part->count)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s names an impossible shard %u of %u"), path, part->index, part->count);
      return FALSE;
    }
  return TRUE;
}

/* Names the first setting where two recipes differ. */
static gboolean
check_same_recipe (const Part  *a,
                   const Part  *b,
                   GError     **error)
{
  JsonObject *ra = object_member (a->root, "recipe");
  JsonObject *rb = object_member (b->root, "recipe");
  g_autoptr(GList) keys = json_object_get_members (ra);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *va = json_object_get_string_member_with_default (ra, l->data, "");
      const char *vb = json_object_get_string_member_with_default (rb, l->data, "");

      if (!g_str_equal (va, vb))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s and %s were made with different recipes (%s: “%s” against “%s”)"),
                       a->path, b->path, (const char *) l->data, va, vb);
          return FALSE;
        }
    }
  if (json_object_get_size (ra) != json_object_get_size (rb))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s and %s were made with different recipes"), a->path, b->path);
      return FALSE;
    }
  return TRUE;
}

/* One recipe, one count, every shard exactly once. */
static gboolean
check_parts (GArray  *parts,
             GError **error)
{
  const Part *first = &g_array_index (parts, Part, 0);
  g_autofree const Part **by_index = NULL;

  for (guint i = 1; i < parts->len; i++)
    {
      const Part *p = &g_array_index (parts, Part, i);

      if (!check_same_recipe (first, p, error))
        return FALSE;
      if (p->count != first->count)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s is shard %u of %u but %s is shard %u of %u: the tasks were given different counts"),
                       first->path, first->index, first->count, p->path, p->index, p->count);
          return FALSE;
        }
    }

  by_index = g_new0 (const Part *, first->count);
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *p = &g_array_index (parts, Part, i);

      if (by_index[p->index] != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s and %s are both shard %u of %u: the shards overlap"),
                       by_index[p->index]->path, p->path, p->index, p->count);
          return FALSE;
        }
      by_index[p->index] = p;
    }
  for (guint k = 0; k < first->count; k++)
    if (by_index[k] == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The report of shard %u of %u is missing"), k, first->count);
        return FALSE;
      }
  return TRUE;
}

/* Every part's photos, in shard order; FALSE when one is in two parts. */
static gboolean
merge_inputs (GArray     *parts,
              JsonArray  *merged,
              GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < parts->len; i++)
    {
      const Part *p = &g_array_index (parts, Part, i);
      JsonArray *inputs = json_object_get_array_member (p->root, "inputs");

      for (guint j = 0; j < json_array_get_length (inputs); j++)
        {
          JsonObject *input = json_array_get_object_element (inputs, j);
          const char *name = input ? json_object_get_string_member_with_default (input, "input", NULL) : NULL;
          const char *other;

          if (name == NULL)
            continue;
          if ((other = g_hash_table_lookup (seen, name)) != NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The photo %s is in both %s and %s: the shards overlap"),
                           name, other, p->path);
              return FALSE;
            }
          g_hash_table_insert (seen, (gpointer) name, (gpointer) p->path);
          json_array_add_element (merged, json_array_dup_element (inputs, j));
        }
    }
  return TRUE;
}

static double
number_member (JsonObject *object,
               const char *name)
{
  return json_object_get_double_member_with_default (object, name, 0.0);
}

/* Counts and CPU time add up; the batch took as long as its slowest shard. */
static void
merge_totals (GArray     *parts,
              JsonObject *merged)
{
  JsonObject *stages = json_object_new ();
  double wall = 0, busy = 0;
  gint64 n_timed;

  for (guint c = 0; summed_counts[c] != NULL; c++)
    {
      gint64 sum = 0;
      for (guint i = 0; i < parts->len; i++)
        sum += json_object_get_int_member_with_default (g_array_index (parts, Part, i).root, summed_counts[c], 0);
      json_object_set_int_member (merged, summed_counts[c], sum);
    }
  for (guint i = 0; i < parts->len; i++)
    {
      JsonObject *root = g_array_index (parts, Part, i).root;
      JsonObject *part_stages = object_member (root, "stage_seconds");
      g_autoptr(GList) names = part_stages ? json_object_get_members (part_stages) : NULL;

      wall = MAX (wall, number_member (root, "wall_seconds"));
      busy += number_member (root, "busy_seconds");
      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_double_member (stages, l->data,
                                       number_member (stages, l->data) + number_member (part_stages, l->data));
    }
  n_timed = json_object_get_int_member (merged, "done") + json_object_get_int_member (merged, "failed");
  json_object_set_double_member (merged, "wall_seconds", wall);
  json_object_set_double_member (merged, "busy_seconds", busy);
  json_object_set_double_member (merged, "photos_per_second", wall > 0 ? n_timed / wall : 0.0);
  json_object_set_double_member (merged, "speedup", wall > 0 ? busy / wall : 0.0);
  json_object_set_object_member (merged, "stage_seconds", stages);
}

/* The channel's counts add up over the shards that checked any. */
static void
merge_compliance (GArray     *parts,
                  JsonObject *merged)
{
  JsonObject *sum = NULL;

  for (guint i = 0; i < parts->len; i++)
    {
      JsonObject *part = object_member (g_array_index (parts, Part, i).root, "compliance");

      if (part == NULL)
        continue;
      if (sum == NULL)
        {
          sum = json_object_new ();
          json_object_set_string_member (sum, "channel", json_object_get_string_member_with_default (part, "channel", ""));
          json_object_set_string_member (sum, "main_size", json_object_get_string_member_with_default (part, "main_size", ""));
          json_object_set_int_member (sum, "checked", 0);
          json_object_set_int_member (sum, "passed", 0);
          json_object_set_object_member (merged, "compliance", sum);
        }
      for (const char * const *c = (const char * const[]) { "checked", "passed", NULL }; *c != NULL; c++)
        json_object_set_int_member (sum, *c, json_object_get_int_member (sum, *c) +
                                    json_object_get_int_member_with_default (part, *c, 0));
    }
}

static JsonNode *
build_merged (GArray  *parts,
              GError **error)
{
  const Part *first = &g_array_index (parts, Part, 0);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *merged = json_object_new ();
  JsonArray *inputs = json_array_new ();
  JsonObject *whole = json_object_new ();

  json_node_take_object (node, merged);
  json_object_set_string_member (merged, "vitrina", PACKAGE_VERSION);
  merge_totals (parts, merged);
  merge_compliance (parts, merged);
  json_object_set_int_member (merged, "shards", first->count);
  json_object_set_member (merged, "recipe", json_node_copy (json_object_get_member (first->root, "recipe")));
  /* The merged report is the whole batch: shard 0 of 1. */
  json_object_set_int_member (whole, "index", 0);
  json_object_set_int_member (whole, "count", 1);
  json_object_set_object_member (merged, "shard", whole);
  json_object_set_array_member (merged, "inputs", inputs);
  if (!merge_inputs (parts, inputs, error))
    return NULL;
  return g_steal_pointer (&node);
}

/**
 * vt_report_merge:
 * @paths: the reports of every shard of one batch
 *
 * Returns: (transfer full): one report of the whole batch, or %NULL when a
 * report cannot be read or the reports are not the shards of one batch
 */
JsonNode *
vt_report_merge (const char * const  *paths,
                 GError             **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (Part));

  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      JsonNode *report = vt_report_load (paths[i], error);
      Part part;

      if (report == NULL)
        return NULL;
      g_ptr_array_add (reports, report);
      if (!read_part (&part, paths[i], report, error))
        return NULL;
      g_array_append_val (parts, part);
    }
  if (!check_parts (parts, error))
    return NULL;
  g_array_sort (parts, compare_parts);
  return build_merged (parts, error);
}
