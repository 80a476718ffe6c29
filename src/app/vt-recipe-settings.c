/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-settings.c: a VtRecipe and the settings that hold one
 *
 * The recipe's properties and the schema's keys share their names, so the
 * window's recipe is bound to the settings both ways, once: the side bar
 * edits the recipe and the edit persists; a change of the settings reaches
 * the recipe. A preset is applied by storing a whole recipe into them.
 */
#define G_LOG_DOMAIN "vt-recipe-settings"

#include "config.h"

#include "vt-recipe-settings.h"

static GPtrArray *
shared_properties (GSettings *settings,
                   VtRecipe  *recipe)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  GPtrArray *shared = g_ptr_array_new ();
  guint n;

  g_object_get (settings, "settings-schema", &schema, NULL);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (recipe), &n);
  for (guint i = 0; i < n; i++)
    if (g_settings_schema_has_key (schema, pspecs[i]->name))
      g_ptr_array_add (shared, pspecs[i]);
  return shared;
}

/**
 * vt_recipe_settings_bind:
 *
 * Binds @recipe to @settings both ways, from now on: each takes the
 * other's changes to the keys they share.
 */
void
vt_recipe_settings_bind (GSettings *settings,
                         VtRecipe  *recipe)
{
  g_autoptr(GPtrArray) shared = shared_properties (settings, recipe);

  for (guint i = 0; i < shared->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (shared, i);
      g_settings_bind (settings, pspec->name, recipe, pspec->name, G_SETTINGS_BIND_DEFAULT);
    }
}

static GVariant *
value_to_variant (const GValue *value)
{
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_STRING: return g_variant_new_string (g_value_get_string (value));
    case G_TYPE_BOOLEAN: return g_variant_new_boolean (g_value_get_boolean (value));
    case G_TYPE_INT: return g_variant_new_int32 (g_value_get_int (value));
    case G_TYPE_DOUBLE: return g_variant_new_double (g_value_get_double (value));
    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (value));
        return g_variant_new_string (g_enum_get_value (klass, g_value_get_enum (value))->value_nick);
      }
    default: return NULL;
    }
}

/**
 * vt_recipe_settings_store:
 *
 * Writes every setting of @recipe into @settings, at once, so that the
 * recipe bound to them never sees half a preset.
 */
void
vt_recipe_settings_store (GSettings *settings,
                          VtRecipe  *recipe)
{
  g_autoptr(GPtrArray) shared = shared_properties (settings, recipe);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSettings) batch = NULL;

  /* A second object, so that only it is put in delay-apply mode. */
  g_object_get (settings, "settings-schema", &schema, "backend", &backend, "path", &path, NULL);
  batch = g_settings_new_full (schema, backend, path);
  g_settings_delay (batch);
  for (guint i = 0; i < shared->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (shared, i);
      g_auto(GValue) value = G_VALUE_INIT;
      GVariant *variant;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (recipe), pspec->name, &value);
      variant = value_to_variant (&value);
      g_return_if_fail (variant != NULL);
      g_settings_set_value (batch, pspec->name, variant);
    }
  g_settings_apply (batch);
}
