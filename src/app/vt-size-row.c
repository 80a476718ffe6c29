/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-size-row.c: one size of the recipe, editable in place */
#define G_LOG_DOMAIN "vt-size-row"

#include "config.h"

#include "vt-size-row.h"

struct _VtSizeRow
{
  GtkListBoxRow  parent_instance;

  GtkEntry      *name_entry;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  GtkButton     *remove_button;
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
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
vt_size_row_init (VtSizeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vt_size_row_new (const char *name,
                 int         width,
                 int         height)
{
  VtSizeRow *self = g_object_new (VT_TYPE_SIZE_ROW, NULL);

  /* Set before anyone listens, so building a row reports no change. */
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  return GTK_WIDGET (self);
}

/**
 * vt_size_row_dup_spec:
 *
 * Returns: (transfer full): the size as `name=WIDTHxHEIGHT`
 */
char *
vt_size_row_dup_spec (VtSizeRow *self)
{
  g_return_val_if_fail (VT_IS_SIZE_ROW (self), NULL);

  return g_strdup_printf ("%s=%dx%d", gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                          gtk_spin_button_get_value_as_int (self->width_spin),
                          gtk_spin_button_get_value_as_int (self->height_spin));
}

void
vt_size_row_set_removable (VtSizeRow *self,
                           gboolean   removable)
{
  g_return_if_fail (VT_IS_SIZE_ROW (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), removable);
}
