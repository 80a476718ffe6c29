/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-rules.c: a sales channel's rules for a main photo, as data
 *
 * One key file per channel (data/presets/NAME.rules, built in as a
 * resource beside the channel's preset), so that a marketplace changing a
 * limit is a change of data. Unknown keys are refused rather than ignored:
 * a misspelt rule would otherwise pass every photo.
 */
#define G_LOG_DOMAIN "vt-rules"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "vt-presets.h"
#include "vt-recipe.h"
#include "vt-rules.h"

#define GROUP "Rules"
#define RESOURCE_DIR "/io/github/vitrina/Vitrina/presets/"

struct _VtRules
{
  GObject    parent_instance;

  char      *title;
  char      *main_size;
  VtRuleSet  set;
};

G_DEFINE_FINAL_TYPE (VtRules, vt_rules, G_TYPE_OBJECT)

static const char * const known_keys[] = {
  "title", "main-size", "min-longest-side", "min-shortest-side", "max-longest-side",
  "advised-longest-side", "advised-square", "white-background", "min-fill", "no-watermark",
  "max-file-mb", "formats", NULL,
};

static void
vt_rules_finalize (GObject *object)
{
  VtRules *self = VT_RULES (object);

  g_free (self->title);
  g_free (self->main_size);
  g_strfreev (self->set.formats);
  G_OBJECT_CLASS (vt_rules_parent_class)->finalize (object);
}

static void
vt_rules_class_init (VtRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vt_rules_finalize;
}

static void
vt_rules_init (VtRules *self)
{
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * vt_rules_list_channels:
 *
 * Returns: (transfer full): the names of the built-in channels, sorted
 */
char **
vt_rules_list_channels (void)
{
  g_auto(GStrv) children = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  char **sorted;

  vt_presets_ensure_resources ();
  children = g_resources_enumerate_children (RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], VT_RULES_SUFFIX))
      {
        g_autofree char *name = g_strndup (children[i], strlen (children[i]) - strlen (VT_RULES_SUFFIX));
        g_strv_builder_add (names, name);
      }
  sorted = g_strv_builder_end (names);
  qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_names);
  return sorted;
}

/* A whole number of at least 0 or, where @flag, true or false; 0 (FALSE)
 * when the key is absent. */
static gboolean
read_key (GKeyFile    *key_file,
          const char  *key,
          gboolean     flag,
          int         *value,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *value = 0;
  if (!g_key_file_has_key (key_file, GROUP, key, NULL))
    return TRUE;
  *value = flag ? g_key_file_get_boolean (key_file, GROUP, key, &local_error)
                : g_key_file_get_integer (key_file, GROUP, key, &local_error);
  if (local_error == NULL && *value >= 0)
    return TRUE;
  g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
               flag ? _("“%s” must be true or false") : _("“%s” must be a whole number of 0 or more"), key);
  return FALSE;
}

static gboolean
check_keys (GKeyFile  *key_file,
            GError   **error)
{
  g_auto(GStrv) keys = NULL;

  if (!g_key_file_has_group (key_file, GROUP))
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("There is no [%s] group"), GROUP);
      return FALSE;
    }
  keys = g_key_file_get_keys (key_file, GROUP, NULL, NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_strv_contains (known_keys, keys[i]))
      {
        g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                     _("“%s” is not a rule Vitrina knows"), keys[i]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
read_rule_set (GKeyFile   *key_file,
               VtRuleSet  *set,
               GError    **error)
{
  int fill = 0, file_mb = 0;

  if (!read_key (key_file, "min-longest-side", FALSE, &set->min_longest_side, error) ||
      !read_key (key_file, "min-shortest-side", FALSE, &set->min_shortest_side, error) ||
      !read_key (key_file, "max-longest-side", FALSE, &set->max_longest_side, error) ||
      !read_key (key_file, "advised-longest-side", FALSE, &set->advised_longest_side, error) ||
      !read_key (key_file, "min-fill", FALSE, &fill, error) ||
      !read_key (key_file, "max-file-mb", FALSE, &file_mb, error) ||
      !read_key (key_file, "advised-square", TRUE, &set->advised_square, error) ||
      !read_key (key_file, "white-background", TRUE, &set->white_background, error) ||
      !read_key (key_file, "no-watermark", TRUE, &set->no_watermark, error))
    return FALSE;
  if (fill > 100)
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("“%s” must be a percentage from 0 to 100"), "min-fill");
      return FALSE;
    }
  set->min_fill = fill;
  /* Marketplaces count megabytes in thousands: the stricter reading. */
  set->max_file_bytes = (guint64) file_mb * 1000 * 1000;
  set->formats = g_key_file_get_string_list (key_file, GROUP, "formats", NULL, NULL);
  return TRUE;
}

/**
 * vt_rules_new_from_key_file:
 *
 * Returns: (transfer full): the rules in @key_file, or %NULL with @error set
 */
VtRules *
vt_rules_new_from_key_file (GKeyFile  *key_file,
                            GError   **error)
{
  g_autoptr(VtRules) self = g_object_new (VT_TYPE_RULES, NULL);

  if (!check_keys (key_file, error) || !read_rule_set (key_file, &self->set, error))
    return NULL;
  self->title = g_key_file_get_locale_string (key_file, GROUP, "title", NULL, NULL);
  if (self->title == NULL)
    self->title = g_strdup (_("Unnamed channel"));
  self->main_size = g_key_file_get_string (key_file, GROUP, "main-size", NULL);
  if (self->main_size == NULL)
    self->main_size = g_strdup ("main");
  return g_steal_pointer (&self);
}

static GBytes *
load_bytes (const char  *name_or_path,
            GError     **error)
{
  g_autofree char *resource = NULL;
  g_auto(GStrv) channels = NULL;
  g_autofree char *list = NULL;

  if (g_file_test (name_or_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (name_or_path);
      return g_file_load_bytes (file, NULL, NULL, error);
    }

  vt_presets_ensure_resources ();
  resource = g_strconcat (RESOURCE_DIR, name_or_path, VT_RULES_SUFFIX, NULL);
  if (strchr (name_or_path, '/') == NULL &&
      g_resources_get_info (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    return g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  channels = vt_rules_list_channels ();
  list = g_strjoinv (", ", channels);
  g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
               _("There are no channel rules called “%s” (there are: %s)"), name_or_path, list);
  return NULL;
}

/**
 * vt_rules_load:
 * @name_or_path: a built-in channel (vt_rules_list_channels()) or a file
 *
 * Returns: (transfer full): the rules, or %NULL with @error set
 */
VtRules *
vt_rules_load (const char  *name_or_path,
               GError     **error)
{
  g_autoptr(GBytes) bytes = load_bytes (name_or_path, error);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  VtRules *rules;

  if (bytes == NULL)
    return NULL;
  if (!g_key_file_load_from_bytes (key_file, bytes, G_KEY_FILE_NONE, &local_error) ||
      (rules = vt_rules_new_from_key_file (key_file, &local_error)) == NULL)
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("The channel rules %s cannot be used: %s"), name_or_path, local_error->message);
      return NULL;
    }
  return rules;
}

const char *
vt_rules_get_title (VtRules *self)
{
  g_return_val_if_fail (VT_IS_RULES (self), NULL);
  return self->title;
}

/* The name of the preset's size that is the channel's main photo. */
const char *
vt_rules_get_main_size (VtRules *self)
{
  g_return_val_if_fail (VT_IS_RULES (self), NULL);
  return self->main_size;
}

const VtRuleSet *
vt_rules_get_set (VtRules *self)
{
  g_return_val_if_fail (VT_IS_RULES (self), NULL);
  return &self->set;
}
