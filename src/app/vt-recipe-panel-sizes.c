/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel-sizes.c: the side bar's list of sizes, one row each
 *
 * The rows write the recipe's sizes whenever they are valid as a whole,
 * and are rebuilt from the recipe when it changes elsewhere (a preset, the
 * settings). A change the rows made themselves finds them already showing
 * it, and leaves them alone: rebuilding would take the focus from the
 * entry being typed in.
 */
#define G_LOG_DOMAIN "vt-recipe-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-recipe-panel-private.h"
#include "vt-size-row.h"

static void rebuild_sizes (VtRecipePanel *self);

/* The sizes as the rows write them, in the recipe's canonical form. */
static char *
dup_rows_sizes (VtRecipePanel *self)
{
  g_autoptr(GList) rows = _vt_recipe_panel_rows_of_type (self->sizes_list, VT_TYPE_SIZE_ROW);
  GString *sizes = g_string_new (NULL);

  for (GList *l = rows; l != NULL; l = l->next)
    {
      g_autofree char *spec = vt_size_row_dup_spec (l->data);
      g_string_append_printf (sizes, "%s%s", sizes->len ? "," : "", spec);
    }
  return g_string_free (sizes, FALSE);
}

/* The recipe refuses sizes that do not parse, so a half-typed size never
 * reaches it: the list says why instead. */
static void
write_sizes (VtRecipePanel *self)
{
  g_autofree char *sizes = dup_rows_sizes (self);
  g_autoptr(GError) error = NULL;

  vt_recipe_set_sizes (self->recipe, sizes, &error);
  _vt_recipe_panel_show_error (GTK_WIDGET (self->sizes_list), error);
}

static void
size_row_remove_cb (VtSizeRow     *row,
                    VtRecipePanel *self)
{
  g_autoptr(VtRecipe) before = vt_recipe_copy (self->recipe);

  gtk_list_box_remove (self->sizes_list, GTK_WIDGET (row));
  write_sizes (self);
  rebuild_sizes (self);
  _vt_recipe_panel_offer_undo (self, before, _("Size removed"));
}

static void
append_size_row (VtRecipePanel   *self,
                 const VtVariant *variant)
{
  _vt_recipe_panel_append_row (self, self->sizes_list, vt_size_row_new (variant),
                               G_CALLBACK (write_sizes), G_CALLBACK (size_row_remove_cb));
}

static void
rebuild_sizes (VtRecipePanel *self)
{
  g_autoptr(GList) old = _vt_recipe_panel_rows_of_type (self->sizes_list, VT_TYPE_SIZE_ROW);
  guint n = vt_recipe_get_n_variants (self->recipe);

  for (GList *l = old; l != NULL; l = l->next)
    gtk_list_box_remove (self->sizes_list, l->data);

  for (guint i = 0; i < n; i++)
    append_size_row (self, vt_recipe_get_variant (self->recipe, i));

  /* A recipe needs one size at least. */
  if (n == 1)
    vt_size_row_set_removable (VT_SIZE_ROW (gtk_list_box_get_row_at_index (self->sizes_list, 0)), FALSE);
}

static void
recipe_sizes_changed_cb (VtRecipePanel *self)
{
  g_autofree char *shown = dup_rows_sizes (self);

  if (g_strcmp0 (shown, vt_recipe_get_sizes (self->recipe)) != 0)
    rebuild_sizes (self);
}

static void
add_size_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VtRecipePanel *self = VT_RECIPE_PANEL (widget);
  g_autoptr(GList) rows = _vt_recipe_panel_rows_of_type (self->sizes_list, VT_TYPE_SIZE_ROW);
  g_autofree char *name = g_strdup_printf ("size%u", g_list_length (rows) + 1);
  VtVariant variant = VT_VARIANT_INIT (name, 800, 800);

  append_size_row (self, &variant);
  write_sizes (self);
  rebuild_sizes (self);
}

static void
sizes_class_init (VtRecipePanelClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "panel.add-size", NULL, add_size_action);
}

const VtRecipePanelPart _vt_recipe_panel_sizes = {
  sizes_class_init, NULL, "notify::sizes", recipe_sizes_changed_cb
};
