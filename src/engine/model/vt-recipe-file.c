/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-file.c: a recipe in a key file, one key per property in the [Recipe] group
 *
 * Written and read by walking the properties, so a new setting needs no
 * code here.
 */
#define G_LOG_DOMAIN "vt-recipe"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vt-name-template.h"
#include "vt-recipe-private.h"
#include "vt-sizes.h"

#define KEY_FILE_GROUP "Recipe"

void
vt_recipe_save_key_file (VtRecipe *self,
                         GKeyFile *key_file)
{
  g_return_if_fail (VT_IS_RECIPE (self));

  for (guint i = 1; i < VT_RECIPE_N_PROPS; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec = vt_recipe_get_pspec (i);

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (self), pspec->name, &value);

      if (G_IS_PARAM_SPEC_ENUM (pspec))
        {
          GEnumValue *ev = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                             g_value_get_enum (&value));
          g_key_file_set_string (key_file, KEY_FILE_GROUP, pspec->name, ev->value_nick);
        }
      else if (G_VALUE_HOLDS_DOUBLE (&value))
        {
          /* "%g", for people to read: 0.6, not 0.59999999999999998 */
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_key_file_set_value (key_file, KEY_FILE_GROUP, pspec->name,
                                g_ascii_formatd (number, sizeof number, "%g", g_value_get_double (&value)));
        }
      else if (G_VALUE_HOLDS_STRING (&value))
        g_key_file_set_string (key_file, KEY_FILE_GROUP, pspec->name, g_value_get_string (&value));
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        g_key_file_set_boolean (key_file, KEY_FILE_GROUP, pspec->name, g_value_get_boolean (&value));
      else if (G_VALUE_HOLDS_INT (&value))
        g_key_file_set_integer (key_file, KEY_FILE_GROUP, pspec->name, g_value_get_int (&value));
      else
        g_key_file_set_uint64 (key_file, KEY_FILE_GROUP, pspec->name, g_value_get_uint (&value));
    }
}

static gboolean
read_key (GKeyFile    *key_file,
          GParamSpec  *pspec,
          GValue      *value,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *key = pspec->name;

  g_value_init (value, G_PARAM_SPEC_VALUE_TYPE (pspec));

  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      g_autofree char *nick = g_key_file_get_string (key_file, KEY_FILE_GROUP, key, &local_error);
      GEnumValue *ev = nick ? g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, nick) : NULL;
      if (ev != NULL)
        g_value_set_enum (value, ev->value);
      else if (local_error == NULL)
        g_set_error (&local_error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                     _("Unknown value “%s”"), nick);
    }
  else if (G_VALUE_HOLDS_BOOLEAN (value))
    g_value_set_boolean (value, g_key_file_get_boolean (key_file, KEY_FILE_GROUP, key, &local_error));
  else if (G_VALUE_HOLDS_INT (value))
    g_value_set_int (value, g_key_file_get_integer (key_file, KEY_FILE_GROUP, key, &local_error));
  else if (G_VALUE_HOLDS_UINT (value))
    g_value_set_uint (value, (guint) g_key_file_get_uint64 (key_file, KEY_FILE_GROUP, key, &local_error));
  else if (G_VALUE_HOLDS_DOUBLE (value))
    g_value_set_double (value, g_key_file_get_double (key_file, KEY_FILE_GROUP, key, &local_error));
  else
    g_value_take_string (value, g_key_file_get_string (key_file, KEY_FILE_GROUP, key, &local_error));

  if (local_error == NULL && g_param_value_validate (pspec, value))
    g_set_error_literal (&local_error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                         _("the value is out of range"));

  if (local_error != NULL)
    {
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("Recipe setting “%s”: %s"), key, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * vt_recipe_load_key_file:
 *
 * Reads the keys present in the [Recipe] group; missing keys keep their
 * current values. Nothing is changed unless every key present is valid.
 */
gboolean
vt_recipe_load_key_file (VtRecipe  *self,
                         GKeyFile  *key_file,
                         GError   **error)
{
  GValue values[VT_RECIPE_N_PROPS] = { G_VALUE_INIT };
  g_autoptr(GArray) check_sizes = NULL;
  g_autoptr(GArray) check_filters = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (VT_IS_RECIPE (self), FALSE);

  for (guint i = 1; i < VT_RECIPE_N_PROPS && ok; i++)
    if (g_key_file_has_key (key_file, KEY_FILE_GROUP, vt_recipe_get_pspec (i)->name, NULL))
      ok = read_key (key_file, vt_recipe_get_pspec (i), &values[i], error);

  /* The settings that parse are checked before anything changes. */
  if (ok && G_IS_VALUE (&values[VT_RECIPE_PROP_SIZES]))
    ok = (check_sizes = vt_sizes_parse (g_value_get_string (&values[VT_RECIPE_PROP_SIZES]), error)) != NULL;
  if (ok && G_IS_VALUE (&values[VT_RECIPE_PROP_FILTERS]))
    ok = (check_filters = vt_filter_chain_parse (g_value_get_string (&values[VT_RECIPE_PROP_FILTERS]), error)) != NULL;
  if (ok && G_IS_VALUE (&values[VT_RECIPE_PROP_NAME_TEMPLATE]))
    ok = vt_name_template_check_syntax (g_value_get_string (&values[VT_RECIPE_PROP_NAME_TEMPLATE]), error);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < VT_RECIPE_N_PROPS; i++)
    {
      if (!G_IS_VALUE (&values[i]))
        continue;
      if (ok)
        g_object_set_property (G_OBJECT (self), vt_recipe_get_pspec (i)->name, &values[i]);
      g_value_unset (&values[i]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return ok;
}

gboolean
vt_recipe_load_file (VtRecipe    *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, error))
    return FALSE;
  return vt_recipe_load_key_file (self, key_file, error);
}

gboolean
vt_recipe_save_file (VtRecipe    *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  vt_recipe_save_key_file (self, key_file);
  return g_key_file_save_to_file (key_file, path, error);
}
