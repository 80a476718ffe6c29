/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-size-row.c: one size of the recipe, editable in place */
#define G_LOG_DOMAIN "vt-size-row"

#include "config.h"

#include "vitrina-engine.h"
#include "vt-size-row.h"

struct _VtSizeRow
{
  GtkListBoxRow   parent_instance;

  GtkEntry       *name_entry;
  GtkSpinButton  *width_spin;
  GtkSpinButton  *height_spin;
  GtkButton      *remove_button;
  GtkDropDown    *fit_dropdown;
  GtkColorButton *background_button;
  GtkCheckButton *watermark_check;
  GtkSpinButton  *sharpen_spin;
  GtkSpinButton  *max_kb_spin;
  GtkToggleButton *format_toggles[VT_N_FORMATS];
  GtkCheckButton *logo_check;

  /* The options the row has no widgets for (trim, fill, whiten…), kept as
   * the recipe had them so that editing the row does not drop them; the
   * name is not kept here. */
  VtVariant       kept;
};

G_DEFINE_FINAL_TYPE (VtSizeRow, vt_size_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed_cb (VtSizeRow *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
fit_changed_cb (VtSizeRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->background_button),
                          gtk_drop_down_get_selected (self->fit_dropdown) == VT_FIT_PAD);
  changed_cb (self);
}

static guint
get_formats (VtSizeRow *self)
{
  guint formats = 0;

  for (guint i = 0; i < VT_N_FORMATS; i++)
    if (gtk_toggle_button_get_active (self->format_toggles[i]))
      formats |= VT_FORMAT_BIT (i);
  return formats;
}

/* A size is written in one format at least: the last one cannot be
 * turned off. */
static void
format_toggled_cb (VtSizeRow       *self,
                   GtkToggleButton *toggle)
{
  if (get_formats (self) == 0)
    {
      gtk_toggle_button_set_active (toggle, TRUE);
      return;
    }
  changed_cb (self);
}

static void
remove_clicked_cb (VtSizeRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
vt_size_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VT_TYPE_SIZE_ROW);
  G_OBJECT_CLASS (vt_size_row_parent_class)->dispose (object);
}

static void
vt_size_row_class_init (VtSizeRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vt_size_row_dispose;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vt-size-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, width_spin);
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, height_spin);
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, fit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, background_button);
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, watermark_check);
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, sharpen_spin);
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, max_kb_spin);
  gtk_widget_class_bind_template_child_full (widget_class, "jpeg_toggle", FALSE,
                                             G_STRUCT_OFFSET (VtSizeRow, format_toggles[VT_FORMAT_JPEG]));
  gtk_widget_class_bind_template_child_full (widget_class, "webp_toggle", FALSE,
                                             G_STRUCT_OFFSET (VtSizeRow, format_toggles[VT_FORMAT_WEBP]));
  gtk_widget_class_bind_template_child_full (widget_class, "avif_toggle", FALSE,
                                             G_STRUCT_OFFSET (VtSizeRow, format_toggles[VT_FORMAT_AVIF]));
  gtk_widget_class_bind_template_child_full (widget_class, "png_toggle", FALSE,
                                             G_STRUCT_OFFSET (VtSizeRow, format_toggles[VT_FORMAT_PNG]));
  gtk_widget_class_bind_template_child (widget_class, VtSizeRow, logo_check);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
vt_size_row_init (VtSizeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vt_size_row_new (const VtVariant *variant)
{
  VtSizeRow *self = g_object_new (VT_TYPE_SIZE_ROW, NULL);
  GdkRGBA background = {
    ((variant->background >> 16) & 0xff) / 255.0,
    ((variant->background >> 8) & 0xff) / 255.0,
    (variant->background & 0xff) / 255.0,
    1.0
  };

  self->kept = *variant;
  self->kept.name = NULL;

  /* Set before anyone listens, so building a row reports no change. */
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), variant->name);
  gtk_spin_button_set_value (self->width_spin, variant->width);
  gtk_spin_button_set_value (self->height_spin, variant->height);
  gtk_drop_down_set_selected (self->fit_dropdown, variant->fit);
  gtk_widget_set_visible (GTK_WIDGET (self->background_button), variant->fit == VT_FIT_PAD);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->background_button), &background);
  gtk_check_button_set_active (self->watermark_check, variant->watermark);
  gtk_spin_button_set_value (self->sharpen_spin, variant->sharpen);
  gtk_spin_button_set_value (self->max_kb_spin, variant->max_kb);
  for (guint i = 0; i < VT_N_FORMATS; i++)
    gtk_toggle_button_set_active (self->format_toggles[i], (variant->formats & VT_FORMAT_BIT (i)) != 0);
  gtk_check_button_set_active (self->logo_check, variant->logo);
  return GTK_WIDGET (self);
}

static guint32
pack_rgb (const GdkRGBA *rgba)
{
  return ((guint32) (rgba->red * 255 + 0.5) << 16) | ((guint32) (rgba->green * 255 + 0.5) << 8)
         | (guint32) (rgba->blue * 255 + 0.5);
}

/**
 * vt_size_row_dup_spec:
 *
 * Returns: (transfer full): the size as the recipe's sizes text writes it
 */
char *
vt_size_row_dup_spec (VtSizeRow *self)
{
  GdkRGBA background;
  VtVariant v;

  g_return_val_if_fail (VT_IS_SIZE_ROW (self), NULL);

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->background_button), &background);
  v = (VtVariant) {
    .name = (char *) gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
    .width = gtk_spin_button_get_value_as_int (self->width_spin),
    .height = gtk_spin_button_get_value_as_int (self->height_spin),
    .fit = gtk_drop_down_get_selected (self->fit_dropdown),
    .background = pack_rgb (&background),
    .watermark = gtk_check_button_get_active (self->watermark_check),
    .sharpen = gtk_spin_button_get_value (self->sharpen_spin),
    .max_kb = gtk_spin_button_get_value_as_int (self->max_kb_spin),
    .formats = get_formats (self),
    .logo = gtk_check_button_get_active (self->logo_check),
    .trim = self->kept.trim,
    .fill = self->kept.fill,
    .whiten = self->kept.whiten,
    .tolerance = self->kept.tolerance,
    .enlarge = self->kept.enlarge,
  };
  return vt_variant_to_string (&v);
}

void
vt_size_row_set_removable (VtSizeRow *self,
                           gboolean   removable)
{
  g_return_if_fail (VT_IS_SIZE_ROW (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), removable);
}
