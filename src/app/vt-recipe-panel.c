/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel.c: the recipe's settings, edited in the window's side bar
 *
 * Every control is bound to its GSettings key; the window's VtRecipe is
 * bound to the same keys, so the panel never talks to the recipe and the
 * settings persist between runs by themselves. The sizes are the one
 * exception: the rows are written back to the "sizes" key only when the
 * whole list is valid.
 */
#define G_LOG_DOMAIN "vt-recipe-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vitrina-engine.h"
#include "vt-recipe-panel.h"
#include "vt-size-row.h"

struct _VtRecipePanel
{
  GtkWidget       parent_instance;

  GSettings      *settings;
  gboolean        writing_sizes;

  /* template */
  GtkListBox     *sizes_list;
  GtkSwitch      *sharpen_switch;
  AdwExpanderRow *unsharp_row;
  GtkSpinButton  *unsharp_radius;
  GtkSpinButton  *unsharp_percent;
  GtkSpinButton  *unsharp_threshold;
  AdwExpanderRow *watermark_row;
  AdwEntryRow    *watermark_text;
  AdwComboRow    *watermark_position;
  GtkScale       *watermark_opacity;
  GtkScale       *watermark_size;
  GtkSpinButton  *quality;
  GtkSwitch      *progressive;
  GtkSpinButton  *workers;
  GtkSwitch      *skip_existing;
};

G_DEFINE_FINAL_TYPE (VtRecipePanel, vt_recipe_panel, GTK_TYPE_WIDGET)

static void rebuild_sizes (VtRecipePanel *self);

static GList *
size_rows (VtRecipePanel *self)
{
  GList *rows = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sizes_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (VT_IS_SIZE_ROW (child))
      rows = g_list_append (rows, child);
  return rows;
}

static void
write_sizes (VtRecipePanel *self)
{
  g_autoptr(GList) rows = size_rows (self);
  g_autoptr(GString) sizes = g_string_new (NULL);
  g_autoptr(VtRecipe) check = vt_recipe_new ();
  g_autoptr(GError) error = NULL;

  for (GList *l = rows; l != NULL; l = l->next)
    {
      g_autofree char *spec = vt_size_row_dup_spec (l->data);
      g_string_append_printf (sizes, "%s%s", sizes->len ? "," : "", spec);
    }

  if (!vt_recipe_set_sizes (check, sizes->str, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->sizes_list), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sizes_list), error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->sizes_list), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sizes_list), NULL);
  self->writing_sizes = TRUE;
  g_settings_set_string (self->settings, "sizes", vt_recipe_get_sizes (check));
  self->writing_sizes = FALSE;
}

static void
size_row_remove_cb (VtSizeRow     *row,
                    VtRecipePanel *self)
{
  gtk_list_box_remove (self->sizes_list, GTK_WIDGET (row));
  write_sizes (self);
  rebuild_sizes (self);
}

static void
append_size_row (VtRecipePanel *self,
                 const char    *name,
                 int            width,
                 int            height)
{
  GtkWidget *row = vt_size_row_new (name, width, height);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (write_sizes), self);
  g_signal_connect (row, "remove", G_CALLBACK (size_row_remove_cb), self);
  gtk_list_box_append (self->sizes_list, row);
}

static void
rebuild_sizes (VtRecipePanel *self)
{
  g_autofree char *sizes = g_settings_get_string (self->settings, "sizes");
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GList) old = size_rows (self);
  guint n;

  for (GList *l = old; l != NULL; l = l->next)
    gtk_list_box_remove (self->sizes_list, l->data);

  vt_recipe_set_sizes (recipe, sizes, NULL);
  n = vt_recipe_get_n_variants (recipe);
  for (guint i = 0; i < n; i++)
    {
      const VtVariant *v = vt_recipe_get_variant (recipe, i);
      append_size_row (self, v->name, v->width, v->height);
    }

  /* A recipe needs one size at least. */
  if (n == 1)
    vt_size_row_set_removable (VT_SIZE_ROW (gtk_widget_get_first_child (GTK_WIDGET (self->sizes_list))), FALSE);
}

static void
sizes_changed_cb (GSettings     *settings,
                  const char    *key,
                  VtRecipePanel *self)
{
  /* Our own write: the rows already show it, and rebuilding them would
   * take the focus from the entry being typed in. */
  if (!self->writing_sizes)
    rebuild_sizes (self);
}

static void
add_size_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VtRecipePanel *self = VT_RECIPE_PANEL (widget);
  g_autoptr(GList) rows = size_rows (self);
  g_autofree char *name = g_strdup_printf ("size%u", g_list_length (rows) + 1);

  append_size_row (self, name, 800, 800);
  write_sizes (self);
  rebuild_sizes (self);
}

static gboolean
position_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VT_TYPE_WATERMARK_POSITION);
  GEnumValue *ev = g_enum_get_value_by_nick (klass, g_variant_get_string (variant, NULL));

  g_value_set_uint (value, ev ? (guint) ev->value : 0);
  return TRUE;
}

static GVariant *
position_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VT_TYPE_WATERMARK_POSITION);
  GEnumValue *ev = g_enum_get_value (klass, g_value_get_uint (value));

  return ev ? g_variant_new_string (ev->value_nick) : NULL;
}

/**
 * vt_recipe_panel_set_settings:
 * @settings: an io.github.vitrina.Vitrina settings object
 */
void
vt_recipe_panel_set_settings (VtRecipePanel *self,
                              GSettings     *settings)
{
  g_return_if_fail (VT_IS_RECIPE_PANEL (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);

#define BIND(key, widget, property) \
  g_settings_bind (settings, key, widget, property, G_SETTINGS_BIND_DEFAULT)
  BIND ("sharpen", self->sharpen_switch, "active");
  BIND ("unsharp", self->unsharp_row, "enable-expansion");
  BIND ("unsharp-radius", gtk_spin_button_get_adjustment (self->unsharp_radius), "value");
  BIND ("unsharp-percent", gtk_spin_button_get_adjustment (self->unsharp_percent), "value");
  BIND ("unsharp-threshold", gtk_spin_button_get_adjustment (self->unsharp_threshold), "value");
  BIND ("watermark", self->watermark_row, "enable-expansion");
  BIND ("watermark-text", self->watermark_text, "text");
  BIND ("watermark-opacity", gtk_range_get_adjustment (GTK_RANGE (self->watermark_opacity)), "value");
  BIND ("watermark-size", gtk_range_get_adjustment (GTK_RANGE (self->watermark_size)), "value");
  BIND ("quality", gtk_spin_button_get_adjustment (self->quality), "value");
  BIND ("progressive", self->progressive, "active");
  BIND ("workers", gtk_spin_button_get_adjustment (self->workers), "value");
  BIND ("skip-existing", self->skip_existing, "active");
#undef BIND
  g_settings_bind_with_mapping (settings, "watermark-position", self->watermark_position, "selected",
                                G_SETTINGS_BIND_DEFAULT, position_get_mapping, position_set_mapping,
                                NULL, NULL);

  g_signal_connect_object (settings, "changed::sizes", G_CALLBACK (sizes_changed_cb), self, 0);
  rebuild_sizes (self);
}

static void
vt_recipe_panel_dispose (GObject *object)
{
  VtRecipePanel *self = VT_RECIPE_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VT_TYPE_RECIPE_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vt_recipe_panel_parent_class)->dispose (object);
}

static void
vt_recipe_panel_class_init (VtRecipePanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vt_recipe_panel_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vt-recipe-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, sizes_list);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, sharpen_switch);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, unsharp_row);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, unsharp_radius);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, unsharp_percent);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, unsharp_threshold);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_row);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_text);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_position);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_opacity);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_size);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, quality);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, progressive);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, workers);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, skip_existing);

  gtk_widget_class_install_action (widget_class, "panel.add-size", NULL, add_size_action);
}

static void
vt_recipe_panel_init (VtRecipePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
