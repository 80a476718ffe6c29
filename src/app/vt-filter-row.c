/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-filter-row.c: one filter of the recipe's chain, editable in place
 *
 * The row's title names the filter; expanding it shows one spin button per
 * setting the filter has (from its VtFilterInfo) and whether it runs
 * before resizing. The panel listens to "changed", "move" and "remove".
 */
#define G_LOG_DOMAIN "vt-filter-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-filter-row.h"

struct _VtFilterRow
{
  AdwExpanderRow  parent_instance;

  VtFilterKind    kind;
  GtkSpinButton  *spins[VT_FILTER_MAX_PARAMS];

  /* template */
  GtkButton      *up_button;
  GtkButton      *down_button;
  GtkButton      *remove_button;
  GtkSwitch      *before_switch;
};

G_DEFINE_FINAL_TYPE (VtFilterRow, vt_filter_row, ADW_TYPE_EXPANDER_ROW)

enum {
  SIGNAL_CHANGED,
  SIGNAL_MOVE,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_stage (VtFilterRow *self)
{
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 gtk_switch_get_active (self->before_switch)
                                 ? _("Before resizing") : _("After resizing"));
}

static void
changed_cb (VtFilterRow *self)
{
  show_stage (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
up_clicked_cb (VtFilterRow *self)
{
  g_signal_emit (self, signals[SIGNAL_MOVE], 0, -1);
}

static void
down_clicked_cb (VtFilterRow *self)
{
  g_signal_emit (self, signals[SIGNAL_MOVE], 0, 1);
}

static void
remove_clicked_cb (VtFilterRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
vt_filter_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VT_TYPE_FILTER_ROW);
  G_OBJECT_CLASS (vt_filter_row_parent_class)->dispose (object);
}

static void
vt_filter_row_class_init (VtFilterRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vt_filter_row_dispose;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* the row asks to go up (-1) or down (+1) the chain */
  signals[SIGNAL_MOVE] =
    g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vt-filter-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VtFilterRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, VtFilterRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, VtFilterRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VtFilterRow, before_switch);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, up_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, down_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
vt_filter_row_init (VtFilterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* What a setting does to the photo, in a shop's words, by its name in the
 * chain's text. */
static const char *
param_hint (const char *name)
{
  static const struct { const char *name; const char *hint; } hints[] = {
    { "radius", N_("How wide an area each pixel takes in: small for fine detail, large for a softer look") },
    { "percent", N_("How strong the effect is: 100 doubles the edges’ contrast") },
    { "threshold", N_("Leaves smooth areas alone (skin, sky, a plain backdrop): edges weaker than this are not sharpened") },
    { "factor", N_("1 leaves the photo as it is; above 1 more, below 1 less") },
    { "cutoff", N_("Share of the darkest and brightest pixels ignored when stretching the tones") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (hints); i++)
    if (g_str_equal (hints[i].name, name))
      return _(hints[i].hint);
  return NULL;
}

static GtkSpinButton *
add_param_row (VtFilterRow         *self,
               const VtFilterParam *param,
               double               value)
{
  double step = param->digits > 0 ? 1.0 / (param->digits == 1 ? 10 : 100) : 1;
  GtkAdjustment *adjustment = gtk_adjustment_new (value, param->min, param->max, step, step * 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, step, param->digits);
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(param->title));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), param_hint (param->name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (changed_cb), self);
  return GTK_SPIN_BUTTON (spin);
}

GtkWidget *
vt_filter_row_new (const VtFilter *filter)
{
  const VtFilterInfo *info = vt_filter_kind_get_info (filter->kind);
  VtFilterRow *self = g_object_new (VT_TYPE_FILTER_ROW, NULL);

  self->kind = filter->kind;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _(info->title));
  /* Set before anyone listens, so building a row reports no change. */
  gtk_switch_set_active (self->before_switch, filter->before_resize);
  for (guint i = 0; i < info->n_params; i++)
    self->spins[i] = add_param_row (self, &info->params[i], filter->params[i]);
  show_stage (self);
  return GTK_WIDGET (self);
}

/**
 * vt_filter_row_get_filter:
 * @filter: (out caller-allocates): the filter as the row shows it
 */
void
vt_filter_row_get_filter (VtFilterRow *self,
                          VtFilter    *filter)
{
  g_return_if_fail (VT_IS_FILTER_ROW (self));

  vt_filter_init (filter, self->kind);
  filter->before_resize = gtk_switch_get_active (self->before_switch);
  for (guint i = 0; i < VT_FILTER_MAX_PARAMS && self->spins[i] != NULL; i++)
    filter->params[i] = gtk_spin_button_get_value (self->spins[i]);
}

/* The first row cannot go up, nor the last down. */
void
vt_filter_row_set_movable (VtFilterRow *self,
                           gboolean     up,
                           gboolean     down)
{
  g_return_if_fail (VT_IS_FILTER_ROW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), up);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), down);
}
