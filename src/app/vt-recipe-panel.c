/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel.c: the recipe's settings, edited in the window's side bar
 *
 * The panel edits the window's own VtRecipe, the one the batch runs and
 * the preview shows; the window binds that recipe to GSettings once, so an
 * edit here persists, and a change of the settings shows here through the
 * recipe's notifications. The plain rows are bound to the recipe's
 * properties below; the sizes, the filters and the presets have their own
 * files (see vt-recipe-panel-private.h). The workers and skipping existing
 * outputs belong to the job, not the recipe, and stay bound to GSettings.
 */
#define G_LOG_DOMAIN "vt-recipe-panel"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vt-recipe-panel-private.h"
#include "vt-recipe-settings.h"

G_DEFINE_FINAL_TYPE (VtRecipePanel, vt_recipe_panel, GTK_TYPE_WIDGET)

GList *
_vt_recipe_panel_rows_of_type (GtkListBox *list,
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
 * tooltip, or clears the mark when @error is %NULL and gives the tooltip
 * back to the widget's own hint (the "vt-hint" data). */
void
_vt_recipe_panel_show_error (GtkWidget    *widget,
                             const GError *error)
{
  if (error != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, error ? error->message : g_object_get_data (G_OBJECT (widget), "vt-hint"));
}

void
_vt_recipe_panel_toast (VtRecipePanel *self,
                        const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

typedef struct {
  VtRecipePanelFileFunc use;
} FileUse;

static void
file_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  VtRecipePanel *self = VT_RECIPE_PANEL (source);
  g_autofree FileUse *use = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = vt_file_chooser_choose_finish (result, &error);

  if (file != NULL)
    use->use (self, file, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _vt_recipe_panel_toast (self, error->message);
}

/* Asks for a file, hands it to @use (the logo, a preset to import, where
 * to export) and says in a toast why that did not work, if it did not. */
void
_vt_recipe_panel_choose_file (VtRecipePanel              *self,
                              const VtFileChooserRequest *request,
                              VtRecipePanelFileFunc       use)
{
  FileUse *data = g_new (FileUse, 1);

  /* Boxed, as a function pointer is no gpointer in C. */
  data->use = use;
  vt_file_chooser_choose_async (GTK_WIDGET (self), request, file_chosen_cb, data);
}

/* ------------------------------------------------------------------------ */
/* Undo                                                                      */

static void
undo_toast_clicked_cb (VtRecipePanel *self)
{
  vt_recipe_panel_undo (self);
}

/* Keeps @before, the recipe as it was, with the channel as it is now, and
 * says @message in a toast whose Undo button brings both back. Only the
 * last change can be undone. */
void
_vt_recipe_panel_offer_undo (VtRecipePanel *self,
                             VtRecipe      *before,
                             const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  g_set_object (&self->undo, before);
  g_free (self->undo_channel);
  self->undo_channel = g_settings_get_string (self->settings, "channel");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.undo", TRUE);
  if (overlay == NULL)
    return;
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_toast_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * vt_recipe_panel_undo:
 *
 * Brings back the recipe as it was before the last change a toast offered
 * to undo (a preset loaded, a size or a filter removed).
 *
 * Returns: whether there was such a change
 */
gboolean
vt_recipe_panel_undo (VtRecipePanel *self)
{
  g_autoptr(VtRecipe) before = NULL;

  g_return_val_if_fail (VT_IS_RECIPE_PANEL (self), FALSE);

  before = g_steal_pointer (&self->undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.undo", FALSE);
  if (before == NULL)
    return FALSE;
  vt_recipe_settings_store (self->settings, before);
  g_settings_set_string (self->settings, "channel", self->undo_channel);
  adw_action_row_set_subtitle (self->preset_row, _("Start from a shop’s or marketplace’s recipe"));
  return TRUE;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  vt_recipe_panel_undo (VT_RECIPE_PANEL (widget));
}

/* ------------------------------------------------------------------------ */
/* Scrolling                                                                 */

/* The page's own scrolled window, which the number fields sit in. */
static GtkScrolledWindow *
find_scrolled_window (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scrolled_window (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Seen before the field itself sees it: a wheel turned over a number
 * field or a slider that has no focus scrolls the side bar, as over any
 * other row, instead of changing a size the user never chose to edit. */
static gboolean
scroll_capture_cb (GtkEventControllerScroll *controller,
                   double                    dx,
                   double                    dy,
                   VtRecipePanel            *self)
{
  GtkWidget *field = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;
  double step;

  if ((gtk_widget_get_state_flags (field) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0)
    return FALSE;
  scrolled = find_scrolled_window (GTK_WIDGET (self));
  if (scrolled == NULL)
    return FALSE;
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  /* GtkScrolledWindow's own step for a wheel click. */
  step = pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return TRUE;
}

/**
 * _vt_recipe_panel_guard_scrolling:
 * @widget: the panel or one of its rows
 *
 * Keeps the wheel from editing the number fields and sliders in @widget
 * that have no focus.
 */
void
_vt_recipe_panel_guard_scrolling (VtRecipePanel *self,
                                  GtkWidget     *widget)
{
  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_RANGE (widget))
    {
      GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

      gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
      g_signal_connect_object (scroll, "scroll", G_CALLBACK (scroll_capture_cb), self, 0);
      gtk_widget_add_controller (widget, scroll);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    _vt_recipe_panel_guard_scrolling (self, child);
}

/* Appends @row, a size's or a filter's, to @list: its "changed" calls
 * @changed_cb with the panel, its "remove" @remove_cb with the row and the
 * panel. */
void
_vt_recipe_panel_append_row (VtRecipePanel *self,
                             GtkListBox    *list,
                             GtkWidget     *row,
                             GCallback      changed_cb,
                             GCallback      remove_cb)
{
  g_signal_connect_swapped (row, "changed", changed_cb, self);
  g_signal_connect (row, "remove", remove_cb, self);
  _vt_recipe_panel_guard_scrolling (self, row);
  gtk_list_box_append (list, row);
}

/* ------------------------------------------------------------------------ */
/* File names                                                                */

/* Applied only when it works for every size, so the entry keeps what was
 * typed and says why until then. */
static void
name_template_apply_cb (VtRecipePanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_template_row));
  g_autoptr(GError) error = NULL;

  if (vt_recipe_check_name_template (text, self->recipe, &error))
    g_object_set (self->recipe, "name-template", text, NULL);
  _vt_recipe_panel_show_error (GTK_WIDGET (self->name_template_row), error);
}

static void
recipe_name_template_changed_cb (VtRecipePanel *self)
{
  const char *name_template = vt_recipe_get_name_template (self->recipe);

  if (g_strcmp0 (name_template, gtk_editable_get_text (GTK_EDITABLE (self->name_template_row))) == 0)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->name_template_row), name_template);
  _vt_recipe_panel_show_error (GTK_WIDGET (self->name_template_row), NULL);
}

static const VtRecipePanelPart name_template_part = {
  NULL, NULL, "notify::name-template", recipe_name_template_changed_cb
};

/* The panel's parts, in the order they are set up. */
static const VtRecipePanelPart * const parts[] = {
  &_vt_recipe_panel_sizes,
  &_vt_recipe_panel_filters,
  &_vt_recipe_panel_presets,
  &_vt_recipe_panel_logo,
  &_vt_recipe_panel_saved,
  &name_template_part,
};

/* ------------------------------------------------------------------------ */
/* Plain rows                                                                */

/* An enum property shown by a combo row whose items follow the enum's
 * order. */
static gboolean
enum_to_selected (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
selected_to_enum (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (to));
  GEnumValue *value = g_enum_get_value (klass, g_value_get_uint (from));

  if (value == NULL)
    return FALSE;
  g_value_set_enum (to, value->value);
  return TRUE;
}

static void
bind_rows (VtRecipePanel *self)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

#define BIND(property, widget, widget_property) \
  g_object_bind_property (self->recipe, property, widget, widget_property, flags)
  BIND ("watermark", self->watermark_row, "enable-expansion");
  BIND ("watermark-text", self->watermark_text, "text");
  BIND ("watermark-opacity", gtk_range_get_adjustment (GTK_RANGE (self->watermark_opacity)), "value");
  BIND ("watermark-size", gtk_range_get_adjustment (GTK_RANGE (self->watermark_size)), "value");
  BIND ("logo-width", gtk_range_get_adjustment (GTK_RANGE (self->logo_width)), "value");
  BIND ("logo-opacity", gtk_range_get_adjustment (GTK_RANGE (self->logo_opacity)), "value");
  BIND ("quality", gtk_spin_button_get_adjustment (self->quality), "value");
  BIND ("progressive", self->progressive, "active");
  BIND ("webp-quality", gtk_spin_button_get_adjustment (self->webp_quality), "value");
  BIND ("webp-lossless", self->webp_lossless, "active");
  BIND ("avif-quality", gtk_spin_button_get_adjustment (self->avif_quality), "value");
  BIND ("web-safe-names", self->web_safe_names, "active");
#undef BIND
  g_object_bind_property_full (self->recipe, "watermark-position", self->watermark_position, "selected",
                               flags, enum_to_selected, selected_to_enum, NULL, NULL);
  g_object_bind_property_full (self->recipe, "logo-position", self->logo_position, "selected",
                               flags, enum_to_selected, selected_to_enum, NULL, NULL);
  g_object_bind_property_full (self->recipe, "metadata", self->metadata_row, "selected",
                               flags, enum_to_selected, selected_to_enum, NULL, NULL);

  /* The job's options, not the recipe's. */
  g_settings_bind (self->settings, "workers", gtk_spin_button_get_adjustment (self->workers), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "skip-existing", self->skip_existing, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * vt_recipe_panel_set_recipe:
 * @recipe: the recipe the panel edits, which the window runs
 * @settings: an io.github.vitrina.Vitrina settings object, which @recipe
 *   is bound to, for the job's options and the presets
 */
void
vt_recipe_panel_set_recipe (VtRecipePanel *self,
                            VtRecipe      *recipe,
                            GSettings     *settings)
{
  g_return_if_fail (VT_IS_RECIPE_PANEL (self));
  g_return_if_fail (VT_IS_RECIPE (recipe));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->recipe == NULL);

  self->recipe = g_object_ref (recipe);
  self->settings = g_object_ref (settings);

  bind_rows (self);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i]->notify != NULL)
        g_signal_connect_object (recipe, parts[i]->notify, G_CALLBACK (parts[i]->show), self, G_CONNECT_SWAPPED);
      if (parts[i]->show != NULL)
        parts[i]->show (self);
    }
}

/* ------------------------------------------------------------------------ */

static void
vt_recipe_panel_dispose (GObject *object)
{
  VtRecipePanel *self = VT_RECIPE_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VT_TYPE_RECIPE_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->recipe);
  g_clear_object (&self->settings);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->undo_channel, g_free);
  g_clear_pointer (&self->deleted_name, g_free);
  g_clear_pointer (&self->deleted_contents, g_bytes_unref);

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
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, saved_list);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_text);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_position);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_opacity);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, watermark_size);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, logo_row);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, logo_position);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, logo_width);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, logo_opacity);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, quality);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, progressive);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, webp_quality);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, webp_lossless);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, avif_quality);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, metadata_row);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, name_template_row);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, web_safe_names);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, workers);
  gtk_widget_class_bind_template_child (widget_class, VtRecipePanel, skip_existing);
  gtk_widget_class_bind_template_callback (widget_class, name_template_apply_cb);
  gtk_widget_class_install_action (widget_class, "panel.undo", NULL, undo_action);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i]->class_init != NULL)
      parts[i]->class_init (klass);
}

static void
vt_recipe_panel_init (VtRecipePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_set_data_full (G_OBJECT (self->name_template_row), "vt-hint",
                          g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (self->name_template_row))), g_free);
  /* Until there is something to undo, or a deleted preset to restore */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.restore-preset", FALSE);
  _vt_recipe_panel_guard_scrolling (self, GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i]->init != NULL)
      parts[i]->init (self);
}
