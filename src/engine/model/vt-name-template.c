/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-name-template.c: output names from a template of {stem}, {n}, {variant}, {width} and {height}
 *
 * {n} is the photo's place in the batch's input order, from 1, written
 * with at least four digits (0001, 0002, … 10000), so that the names sort
 * in that order.
 */
#define G_LOG_DOMAIN "vt-recipe"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vt-name-template.h"

static const char * const placeholders[] = { "{stem}", "{variant}", "{width}", "{height}", "{n}" };

/**
 * vt_name_template_check_syntax:
 *
 * Returns: %FALSE with @error set when @name_template uses an unknown
 * {…}, lacks both {stem} and {n} or leaves the output folder
 */
gboolean
vt_name_template_check_syntax (const char  *name_template,
                               GError     **error)
{
  const char *p = name_template;
  const char *problem = NULL;

  if (strstr (name_template, "{stem}") == NULL && strstr (name_template, "{n}") == NULL)
    problem = _("it needs {stem}, or every photo would get the same name");
  else if (g_path_is_absolute (name_template) || strstr (name_template, "..") != NULL)
    problem = _("it must stay inside the output folder");

  while (problem == NULL && (p = strchr (p, '{')) != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        known |= g_str_has_prefix (p, placeholders[i]);
      if (!known)
        problem = _("the names it can use are {stem}, {n}, {variant}, {width} and {height}");
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
 * @counter: the photo's place in the input order, from 1, for {n}
 *
 * Returns: (transfer full): @name_template with @variant's, @stem's and
 * @counter's values in place of its {…}
 */
char *
vt_name_template_expand (const char      *name_template,
                         const VtVariant *variant,
                         const char      *stem,
                         guint            counter)
{
  g_autofree char *w = g_strdup_printf ("%d", variant->width);
  g_autofree char *h = g_strdup_printf ("%d", variant->height);
  g_autofree char *n = g_strdup_printf ("%04u", counter);
  const char *values[] = { stem, variant->name, w, h, n };
  GString *name = g_string_new (name_template);

  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    g_string_replace (name, placeholders[i], values[i], 0);
  return g_string_free (name, FALSE);
}

/**
 * vt_recipe_expand_name:
 * @stem: the photo's name without its extension (already made web-safe
 *   where the recipe asks)
 * @counter: the photo's place in the input order, from 1
 *
 * Returns: (transfer full): @variant's output path for @stem relative to the
 * output folder, without the `.jpg` the caller adds
 */
char *
vt_recipe_expand_name (VtRecipe        *self,
                       const VtVariant *variant,
                       const char      *stem,
                       guint            counter)
{
  return vt_name_template_expand (vt_recipe_get_name_template (self), variant, stem, counter);
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
    ok = g_hash_table_add (seen, vt_name_template_expand (name_template, vt_recipe_get_variant (self, i), "x", 1));

  if (!ok)
    g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                 _("The name template “%s” gives two sizes the same file: add {variant}"),
                 name_template);
  return ok;
}
