/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-name-template.c: output names from a template of {stem}, {variant}, {width} and {height} */
#define G_LOG_DOMAIN "vt-recipe"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vt-name-template.h"

static const char * const placeholders[] = { "{stem}", "{variant}", "{width}", "{height}" };

/**
 * vt_name_template_check_syntax:
 *
 * Returns: %FALSE with @error set when @name_template uses an unknown
 * {…}, lacks {stem} or leaves the output folder
 */
gboolean
vt_name_template_check_syntax (const char  *name_template,
                               GError     **error)
{
  const char *p = name_template;
  const char *problem = NULL;

  if (strstr (name_template, "{stem}") == NULL)
    problem = _("it needs {stem}, or every photo would get the same name");
  else if (g_path_is_absolute (name_template) || strstr (name_template, "..") != NULL)
    problem = _("it must stay inside the output folder");

  while (problem == NULL && (p = strchr (p, '{')) != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        known |= g_str_has_prefix (p, placeholders[i]);
      if (!known)
        problem = _("the names it can use are {stem}, {variant}, {width} and {height}");
      p++;
    }

  if (problem != NULL)
    g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                 _("The name template “%s” does not work: %s"), name_template, problem);
  return problem == NULL;
}

/**
 * vt_name_template_expand:
 *
 * Returns: (transfer full): @name_template with @variant's and @stem's
 * values in place of its {…}
 */
char *
vt_name_template_expand (const char      *name_template,
                         const VtVariant *variant,
                         const char      *stem)
{
  g_autofree char *w = g_strdup_printf ("%d", variant->width);
  g_autofree char *h = g_strdup_printf ("%d", variant->height);
  const char *values[] = { stem, variant->name, w, h };
  GString *name = g_string_new (name_template);

  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    g_string_replace (name, placeholders[i], values[i], 0);
  return g_string_free (name, FALSE);
}

/**
 * vt_recipe_expand_name:
 * @stem: the photo's name without its extension (already made web-safe
 *   where the recipe asks)
 *
 * Returns: (transfer full): @variant's output path for @stem relative to the
 * output folder, without the `.jpg` the caller adds
 */
char *
vt_recipe_expand_name (VtRecipe        *self,
                       const VtVariant *variant,
                       const char      *stem)
{
  return vt_name_template_expand (vt_recipe_get_name_template (self), variant, stem);
}

/**
 * vt_recipe_check_name_template:
 *
 * Whether @name_template is usable with @self's sizes: besides its syntax,
 * two sizes must never get the same file.
 */
gboolean
vt_recipe_check_name_template (const char  *name_template,
                               VtRecipe    *self,
                               GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean ok = TRUE;

  if (!vt_name_template_check_syntax (name_template, error))
    return FALSE;

  for (guint i = 0; ok && i < vt_recipe_get_n_variants (self); i++)
    ok = g_hash_table_add (seen, vt_name_template_expand (name_template, vt_recipe_get_variant (self, i), "x"));

  if (!ok)
    g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                 _("The name template “%s” gives two sizes the same file: add {variant}"),
                 name_template);
  return ok;
}
