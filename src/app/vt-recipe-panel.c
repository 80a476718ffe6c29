/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel.c: the recipe's settings, edited in the window's side bar
 *
 * Every control is bound to its GSettings key; the window's VtRecipe is
 * bound to the same keys, so the panel never talks to the recipe and the
 * settings persist between runs by themselves. The sizes, the filters and
 * the file names are the exceptions: they are written back to their keys
 * only when they are valid as a whole.
 */
#define G_LOG_DOMAIN "vt-recipe-panel"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vitrina-engine.h"
#include "vt-filter-row.h"
#include "vt-recipe-panel.h"
#include "vt-recipe-settings.h"
#include "vt-size-row.h"

struct _VtRecipePanel
{
  GtkWidget       parent_instance;

  GSettings      *settings;
  gboolean        writing;   /* our own write to "sizes" or "filters" */

  /* template */
  AdwActionRow   *preset_row;
  GtkMenuButton  *preset_button;
  GtkListBox     *sizes_list;
  GtkListBox     *filters_list;
  GtkMenuButton  *add_filter_button;
  AdwExpanderRow *watermark_row;
  AdwEntryRow    *watermark_text;
  AdwComboRow    *watermark_position;
  GtkScale       *watermark_opacity;
  GtkScale       *watermark_size;
  GtkSpinButton  *quality;
  GtkSwitch      *progressive;
  AdwComboRow    *metadata_row;
  AdwEntryRow    *name_template_row;
  GtkSwitch      *web_safe_names;
  GtkSpinButton  *workers;
  GtkSwitch      *skip_existing;
};

G_DEFINE_FINAL_TYPE (VtRecipePanel, vt_recipe_panel, GTK_TYPE_WIDGET)

static void rebuild_sizes   (VtRecipePanel *self);
static void rebuild_filters (VtRecipePanel *self);

static GList *
rows_of_type (GtkListBox *list,
              GType       type)
{
  GList *rows = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      rows = g_list_append (rows, child);
  return rows;
}

/* Marks @widget as holding an invalid value, with the reason as its
 * tooltip, or clears the mark when @error is %NULL. */
static void
show_error (GtkWidget    *widget,
            const GError *error)
{
  if (error != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, error ? error->message : NULL);
}

static void
toast (VtRecipePanel *self,
       const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/* Writes @key only after @check accepted its value, so a half-typed size
 * never reaches the recipe. */
static void
write_checked (VtRecipePanel *self,
               const char    *key,
               GtkWidget     *widget,
               const char    *value,
               gboolean     (*check) (VtRecipe *, const char *, GError **))
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;

  /* Checked against the rest of the recipe: a name template against the
   * sizes, say. */
  vt_recipe_settings_bind (self->settings, recipe);
  if (!check (recipe, value, &error))
    {
      show_error (widget, error);
      return;
    }
  show_error (widget, NULL);
  g_object_get (recipe, key, &canonical, NULL);
  self->writing = TRUE;
  g_settings_set_string (self->settings, key, canonical);
  self->writing = FALSE;
}

/* ------------------------------------------------------------------------ */
/* Sizes                                                                     */

static void
write_sizes (VtRecipePanel *self)
{
  g_autoptr(GList) rows = rows_of_type (self->sizes_list, VT_TYPE_SIZE_ROW);
  g_autoptr(GString) sizes = g_string_new (NULL);

  for (GList *l = rows; l != NULL; l = l->next)
    {
      g_autofree char *spec = vt_size_row_dup_spec (l->data);
      g_string_append_printf (sizes, "%s%s", sizes->len ? "," : "", spec);
    }
  write_checked (self, "sizes", GTK_WIDGET (self->sizes_list), sizes->str, vt_recipe_set_sizes);
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
append_size_row (VtRecipePanel   *self,
                 const VtVariant *variant)
{
  GtkWidget *row = vt_size_row_new (variant);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (write_sizes), self);
  g_signal_connect (row, "remove", G_CALLBACK (size_row_remove_cb), self);
  gtk_list_box_append (self->sizes_list, row);
}

static void
rebuild_sizes (VtRecipePanel *self)
{
  g_autofree char *sizes = g_settings_get_string (self->settings, "sizes");
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autoptr(GList) old = rows_of_type (self->sizes_list, VT_TYPE_SIZE_ROW);
  guint n;

  for (GList *l = old; l != NULL; l = l->next)
    gtk_list_box_remove (self->sizes_list, l->data);

  vt_recipe_set_sizes (recipe, sizes, NULL);
  n = vt_recipe_get_n_variants (recipe);
  for (guint i = 0; i < n; i++)
    append_size_row (self, vt_recipe_get_variant (recipe, i));

  /* A recipe needs one size at least. */
  if (n == 1)
    vt_size_row_set_removable (VT_SIZE_ROW (gtk_list_box_get_row_at_index (self->sizes_list, 0)), FALSE);
}

static void
add_size_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VtRecipePanel *self = VT_RECIPE_PANEL (widget);
  g_autoptr(GList) rows = rows_of_type (self->sizes_list, VT_TYPE_SIZE_ROW);
  g_autofree char *name = g_strdup_printf ("size%u", g_list_length (rows) + 1);
  VtVariant variant = VT_VARIANT_INIT (name, 800, 800);

  append_size_row (self, &variant);
  write_sizes (self);
  rebuild_sizes (self);
}

/* ------------------------------------------------------------------------ */
/* Filters                                                                   */

static GArray *
chain_from_rows (VtRecipePanel *self)
{
  g_autoptr(GList) rows = rows_of_type (self->filters_list, VT_TYPE_FILTER_ROW);
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
  g_autofree char *text = vt_filter_chain_to_string (chain);

  write_checked (self, "filters", GTK_WIDGET (self->filters_list), text, vt_recipe_set_filters);
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
  g_autoptr(GList) rows = rows_of_type (self->filters_list, VT_TYPE_FILTER_ROW);

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
  rebuild_filters (self);
}

static void
filter_row_remove_cb (VtFilterRow   *row,
                      VtRecipePanel *self)
{
  g_autoptr(GArray) chain = chain_from_rows (self);

  g_array_remove_index (chain, row_position (self, GTK_WIDGET (row)));
  write_chain (self, chain);
  rebuild_filters (self);
}

static void
rebuild_filters (VtRecipePanel *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "filters");
  g_autoptr(GList) old = rows_of_type (self->filters_list, VT_TYPE_FILTER_ROW);
  g_autoptr(GArray) chain = vt_filter_chain_parse (text, NULL);

  for (GList *l = old; l != NULL; l = l->next)
    gtk_list_box_remove (self->filters_list, l->data);
  if (chain == NULL)
    return;

  for (guint i = 0; i < chain->len; i++)
    {
      GtkWidget *row = vt_filter_row_new (&g_array_index (chain, VtFilter, i));

      vt_filter_row_set_movable (VT_FILTER_ROW (row), i > 0, i + 1 < chain->len);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (write_filters), self);
      g_signal_connect (row, "move", G_CALLBACK (filter_row_move_cb), self);
      g_signal_connect (row, "remove", G_CALLBACK (filter_row_remove_cb), self);
      gtk_list_box_append (self->filters_list, row);
    }
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
  rebuild_filters (self);
}

static GMenuModel *
create_filter_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (VtFilterKind kind = 0; kind < VT_N_FILTER_KINDS; kind++)
    {
      const VtFilterInfo *info = vt_filter_kind_get_info (kind);
      g_autofree char *action = g_strdup_printf ("panel.add-filter('%s')", info->name);

      g_menu_append (menu, _(info->title), action);
    }
  return G_MENU_MODEL (menu);
}

/* Re-reads the keys the panel shows through its own rows, unless the
 * change was the panel's: rebuilding the rows would take the focus from
 * the entry being typed in. */
static void
key_changed_cb (GSettings     *settings,
                const char    *key,
                VtRecipePanel *self)
{
  if (self->writing)
    return;
  if (g_str_equal (key, "sizes"))
    rebuild_sizes (self);
  else if (g_str_equal (key, "filters"))
    rebuild_filters (self);
  else if (g_str_equal (key, "name-template"))
    {
      g_autofree char *text = g_settings_get_string (settings, key);
      gtk_editable_set_text (GTK_EDITABLE (self->name_template_row), text);
      show_error (GTK_WIDGET (self->name_template_row), NULL);
    }
}

static gboolean
set_name_template (VtRecipe    *recipe,
                   const char  *name_template,
                   GError     **error)
{
  if (!vt_recipe_check_name_template (name_template, recipe, error))
    return FALSE;
  g_object_set (recipe, "name-template", name_template, NULL);
  return TRUE;
}

static void
name_template_apply_cb (VtRecipePanel *self)
{
  write_checked (self, "name-template", GTK_WIDGET (self->name_template_row),
                 gtk_editable_get_text (GTK_EDITABLE (self->name_template_row)), set_name_template);
}

/* ------------------------------------------------------------------------ */
/* Presets                                                                   */

static GMenuModel *
create_preset_menu (void)
{
  g_autoptr(GPtrArray) presets = vt_presets_list ();
  g_autoptr(GMenu) list = g_menu_new ();
  g_autoptr(GMenu) files = g_menu_new ();
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < presets->len; i++)
    {
      VtPreset *preset = g_ptr_array_index (presets, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (preset->description, NULL);

      g_menu_item_set_action_and_target (item, "panel.load-preset", "s", preset->name);
      g_menu_append_item (list, item);
    }
  g_menu_append (files, _("_Import…"), "panel.import-preset");
  g_menu_append (files, _("_Export…"), "panel.export-preset");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (list));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (files));
  return G_MENU_MODEL (menu);
}

static void
refresh_preset_menu (VtRecipePanel *self)
{
  g_autoptr(GMenuModel) menu = create_preset_menu ();

  gtk_menu_button_set_menu_model (self->preset_button, menu);
}

static void
preset_applied (VtRecipePanel *self,
                VtRecipe      *recipe,
                const char    *name)
{
  g_autofree char *subtitle = g_strdup_printf (_("Last loaded: %s"), name);

  vt_recipe_settings_store (self->settings, recipe);
  adw_action_row_set_subtitle (self->preset_row, subtitle);
}

/**
 * vt_recipe_panel_load_preset:
 * @name: a preset's name, as vt_presets_list() gives it
 *
 * Sets every setting of the recipe from the preset.
 */
gboolean
vt_recipe_panel_load_preset (VtRecipePanel  *self,
                             const char     *name,
                             GError        **error)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  if (!vt_presets_load (recipe, name, error))
    return FALSE;
  preset_applied (self, recipe, name);
  return TRUE;
}

/**
 * vt_recipe_panel_import:
 *
 * Loads the recipe in @file and keeps it among the user's presets, under
 * the file's name.
 */
gboolean
vt_recipe_panel_import (VtRecipePanel  *self,
                        GFile          *file,
                        GError        **error)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = NULL;
  g_autofree char *saved = NULL;

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  if (!vt_presets_load_file (recipe, file, error))
    return FALSE;
  if (g_str_has_suffix (basename, VT_PRESET_SUFFIX))
    basename[strlen (basename) - strlen (VT_PRESET_SUFFIX)] = '\0';
  name = vt_inputs_web_safe_name (basename);
  saved = vt_presets_save (recipe, name, error);
  if (saved == NULL)
    return FALSE;
  preset_applied (self, recipe, name);
  refresh_preset_menu (self);
  return TRUE;
}

/**
 * vt_recipe_panel_export:
 *
 * Writes the recipe the panel shows to @file, as a preset other machines
 * can import.
 */
gboolean
vt_recipe_panel_export (VtRecipePanel  *self,
                        GFile          *file,
                        GError        **error)
{
  g_autoptr(VtRecipe) recipe = vt_recipe_new ();
  g_autofree char *path = g_file_get_path (file);

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  vt_recipe_settings_bind (self->settings, recipe);
  return vt_recipe_save_file (recipe, path, error);
}

static void
load_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VtRecipePanel *self = VT_RECIPE_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (!vt_recipe_panel_load_preset (self, g_variant_get_string (parameter, NULL), &error))
    toast (self, error->message);
}

static void
preset_file_response_cb (GtkNativeDialog *native,
                         int              response,
                         VtRecipePanel   *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_autoptr(GError) error = NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT && file != NULL
      && !(saving ? vt_recipe_panel_export : vt_recipe_panel_import) (self, file, &error))
    toast (self, error->message);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_preset_file (VtRecipePanel        *self,
                    GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (saving ? _("Export Recipe") : _("Import Recipe"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
                                        saving ? _("_Export") : _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("Vitrina recipes"));
  gtk_file_filter_add_suffix (filter, "recipe");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "my-shop" VT_PRESET_SUFFIX);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (preset_file_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
import_preset_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_preset_file (VT_RECIPE_PANEL (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
export_preset_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_preset_file (VT_RECIPE_PANEL (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* ------------------------------------------------------------------------ */

/* An enum key shown by a combo row whose items follow the enum's order. */
static gboolean
enum_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (GPOINTER_TO_SIZE (enum_type));
  GEnumValue *ev = g_enum_get_value_by_nick (klass, g_variant_get_string (variant, NULL));

  g_value_set_uint (value, ev ? (guint) ev->value : 0);
  return TRUE;
}

static GVariant *
enum_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (GPOINTER_TO_SIZE (enum_type));
  GEnumValue *ev = g_enum_get_value (klass, g_value_get_uint (value));

  return ev ? g_variant_new_string (ev->value_nick) : NULL;
}

static void
bind_enum (GSettings  *settings,
           const char *key,
           gpointer    combo_row,
           GType       enum_type)
{
  g_settings_bind_with_mapping (settings, key, combo_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                enum_get_mapping, enum_set_mapping,
                                GSIZE_TO_POINTER (enum_type), NULL);
}

/**
 * vt_recipe_panel_set_settings:
 * @settings: an io.github.vitrina.Vitrina settings object
 */
void
vt_recipe_panel_set_settings (VtRecipePanel *self,
                              GSettings     *settings)
{
  g_autoptr(GMenuModel) filter_menu = create_filter_menu ();

  g_return_if_fail (VT_IS_RECIPE_PANEL (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);

#define BIND(key, widget, property) \
  g_settings_bind (settings, key, widget, property, G_SETTINGS_BIND_DEFAULT)
  BIND ("watermark", self->watermark_row, "enable-expansion");
  BIND ("watermark-text", self->watermark_text, "text");
  BIND ("watermark-opacity", gtk_range_get_adjustment (GTK_RANGE (self->watermark_opacity)), "value");
  BIND ("watermark-size", gtk_range_get_adjustment (GTK_RANGE (self->watermark_size)), "value");
  BIND ("quality", gtk_spin_button_get_adjustment (self->quality), "value");
  BIND ("progressive", self->progressive, "active");
  BIND ("web-safe-names", self->web_safe_names, "active");
  BIND ("workers", gtk_spin_button_get_adjustment (self->workers), "value");
  BIND ("skip-existing", self->skip_existing, "active");
#undef BIND
  bind_enum (settings, "watermark-position", self->watermark_position, VT_TYPE_WATERMARK_POSITION);
  bind_enum (settings, "metadata", self->metadata_row, VT_TYPE_METADATA);

  gtk_menu_button_set_menu_model (self->add_filter_button, filter_menu);
  refresh_preset_menu (self);

  g_signal_connect_object (settings, "changed", G_CALLBACK (key_changed_cb), self, 0);
  rebuild_sizes (self);
  rebuild_filters (self);
  key_changed_cb (settings, "name-template", self);
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
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, preset_row);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, preset_button);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, sizes_list);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, filters_list);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, add_filter_button);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_row);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_text);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_position);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_opacity);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_size);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, quality);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, progressive);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, metadata_row);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, name_template_row);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, web_safe_names);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, workers);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, skip_existing);
  gtk_widget_class_bind_template_callback (widget_class, name_template_apply_cb);

  gtk_widget_class_install_action (widget_class, "panel.add-size", NULL, add_size_action);
  gtk_widget_class_install_action (widget_class, "panel.add-filter", "s", add_filter_action);
  gtk_widget_class_install_action (widget_class, "panel.load-preset", "s", load_preset_action);
  gtk_widget_class_install_action (widget_class, "panel.import-preset", NULL, import_preset_action);
  gtk_widget_class_install_action (widget_class, "panel.export-preset", NULL, export_preset_action);
}

static void
vt_recipe_panel_init (VtRecipePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
