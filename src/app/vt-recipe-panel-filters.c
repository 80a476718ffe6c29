/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel-filters.c: the side bar's filter chain, one row a filter
 *
 * Adding, moving, removing or changing a row writes the whole chain to the
 * recipe; the rows are rebuilt only when the recipe holds a chain they do
 * not show, which is also how a move or a removal redraws them.
 */
#define G_LOG_DOMAIN "vt-recipe-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-filter-row.h"
#include "vt-recipe-panel-private.h"

static GArray *
chain_from_rows (VtRecipePanel *self)
{
  g_autoptr(GList) rows = _vt_recipe_panel_rows_of_type (self->filters_list, VT_TYPE_FILTER_ROW);
  GArray *chain = g_array_new (FALSE, TRUE, sizeof (VtFilter));

  for (GList *l = rows; l != NULL; l = l->next)
    {
      VtFilter filter;
      vt_filter_row_get_filter (l->data, &filter);
      g_array_append_val (chain, filter);
    }
  return chain;
}

static void
write_chain (VtRecipePanel *self,
             GArray        *chain)
{
  g_autoptr(GError) error = NULL;

  vt_recipe_set_filter_chain (self->recipe, chain, &error);
  _vt_recipe_panel_show_error (GTK_WIDGET (self->filters_list), error);
}

static void
write_filters (VtRecipePanel *self)
{
  g_autoptr(GArray) chain = chain_from_rows (self);

  write_chain (self, chain);
}

static int
row_position (VtRecipePanel *self,
              GtkWidget     *row)
{
  g_autoptr(GList) rows = _vt_recipe_panel_rows_of_type (self->filters_list, VT_TYPE_FILTER_ROW);

  return g_list_index (rows, row);
}

static void
filter_row_move_cb (VtFilterRow   *row,
                    int            delta,
                    VtRecipePanel *self)
{
  g_autoptr(GArray) chain = chain_from_rows (self);
  int from = row_position (self, GTK_WIDGET (row)), to = from + delta;
  VtFilter moved;

  if (to < 0 || to >= (int) chain->len)
    return;
  moved = g_array_index (chain, VtFilter, from);
  g_array_remove_index (chain, from);
  g_array_insert_val (chain, to, moved);
  write_chain (self, chain);
}

static void
filter_row_remove_cb (VtFilterRow   *row,
                      VtRecipePanel *self)
{
  g_autoptr(GArray) chain = chain_from_rows (self);
  g_autoptr(VtRecipe) before = vt_recipe_copy (self->recipe);

  g_array_remove_index (chain, row_position (self, GTK_WIDGET (row)));
  write_chain (self, chain);
  _vt_recipe_panel_offer_undo (self, before, _("Filter removed"));
}

static void
rebuild_filters (VtRecipePanel *self)
{
  g_autoptr(GList) old = _vt_recipe_panel_rows_of_type (self->filters_list, VT_TYPE_FILTER_ROW);
  g_autoptr(GArray) chain = g_array_ref (vt_recipe_get_filters (self->recipe));

  for (GList *l = old; l != NULL; l = l->next)
    gtk_list_box_remove (self->filters_list, l->data);

  for (guint i = 0; i < chain->len; i++)
    {
      GtkWidget *row = vt_filter_row_new (&g_array_index (chain, VtFilter, i));

      vt_filter_row_set_movable (VT_FILTER_ROW (row), i > 0, i + 1 < chain->len);
      g_signal_connect (row, "move", G_CALLBACK (filter_row_move_cb), self);
      _vt_recipe_panel_append_row (self, self->filters_list, row,
                                   G_CALLBACK (write_filters), G_CALLBACK (filter_row_remove_cb));
    }
}

static void
recipe_filters_changed_cb (VtRecipePanel *self)
{
  g_autoptr(GArray) shown = chain_from_rows (self);
  g_autofree char *text = vt_filter_chain_to_string (shown);
  g_autofree char *filters = NULL;

  g_object_get (self->recipe, "filters", &filters, NULL);
  if (g_strcmp0 (text, filters) != 0)
    rebuild_filters (self);
}

static void
add_filter_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VtRecipePanel *self = VT_RECIPE_PANEL (widget);
  g_autoptr(GArray) chain = chain_from_rows (self);
  VtFilterKind kind;
  VtFilter filter;

  if (!vt_filter_kind_from_name (g_variant_get_string (parameter, NULL), &kind))
    return;
  vt_filter_init (&filter, kind);
  g_array_append_val (chain, filter);
  write_chain (self, chain);
}

static GMenuModel *
create_filter_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (VtFilterKind kind = 0; kind < VT_N_FILTER_KINDS; kind++)
    {
      const VtFilterInfo *info = vt_filter_kind_get_info (kind);
      g_autofree char *action = NULL;

      /* A measuring tool, not a look for a shop: recipe files and the
       * command line still take it, and a chain holding it shows it. */
      if (kind == VT_FILTER_LANCZOS_ROUND_TRIP)
        continue;
      action = g_strdup_printf ("panel.add-filter('%s')", info->name);
      g_menu_append (menu, _(info->title), action);
    }
  return G_MENU_MODEL (menu);
}

static void
filters_class_init (VtRecipePanelClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "panel.add-filter", "s", add_filter_action);
}

static void
filters_init (VtRecipePanel *self)
{
  g_autoptr(GMenuModel) filter_menu = create_filter_menu ();

  gtk_menu_button_set_menu_model (self->add_filter_button, filter_menu);
}

const VtRecipePanelPart _vt_recipe_panel_filters = {
  filters_class_init, filters_init, "notify::filters", recipe_filters_changed_cb
};
