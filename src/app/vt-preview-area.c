/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-preview-area.c: before and after, split by a line the user drags
 *
 * Left of the line the variant as resized only, right of it as the batch
 * writes it. Fitted to the widget, or at 100 % inside a scrolled window.
 */
#define G_LOG_DOMAIN "vt-preview-area"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-preview-area.h"

struct _VtPreviewArea
{
  GtkWidget   parent_instance;

  GdkTexture *before;
  GdkTexture *after;
  double      split;   /* 0 … 1 of the image width */
  gboolean    fit;
  double      scale;   /* of the photo's pixels on screen, as drawn */
};

G_DEFINE_FINAL_TYPE (VtPreviewArea, vt_preview_area, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
compute_scale (VtPreviewArea *self,
               double         w,
               double         h)
{
  if (self->after == NULL || !self->fit)
    return 1.0;
  return MIN (w / gdk_texture_get_width (self->after), h / gdk_texture_get_height (self->after));
}

/* Keeps the scale that the zoom button names in step with the drawing,
 * at the size the widget has, or is being given (@w, @h). */
static void
update_scale_for_size (VtPreviewArea *self,
                       double         w,
                       double         h)
{
  double scale = compute_scale (self, w, h);

  if (scale == self->scale)
    return;
  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

/* The photo or the fit changed: so may the scale, and the size the area
 * asks for. */
static void
relayout (VtPreviewArea *self)
{
  update_scale_for_size (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
image_rect (VtPreviewArea   *self,
            graphene_rect_t *rect)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double tw = gdk_texture_get_width (self->after), th = gdk_texture_get_height (self->after);
  double scale = compute_scale (self, w, h);

  graphene_rect_init (rect, (w - tw * scale) / 2, (h - th * scale) / 2, tw * scale, th * scale);
}

static void
vt_preview_area_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  VtPreviewArea *self = VT_PREVIEW_AREA (widget);
  graphene_rect_t r, left;
  GdkRGBA line = { 1, 1, 1, 0.9 };
  float x;

  if (self->after == NULL)
    return;

  image_rect (self, &r);
  x = r.origin.x + r.size.width * self->split;
  gtk_snapshot_append_texture (snapshot, self->after, &r);

  graphene_rect_init (&left, r.origin.x, r.origin.y, x - r.origin.x, r.size.height);
  gtk_snapshot_push_clip (snapshot, &left);
  gtk_snapshot_append_texture (snapshot, self->before, &r);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x - 1, r.origin.y, 2, r.size.height));
}

static void
vt_preview_area_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  VtPreviewArea *self = VT_PREVIEW_AREA (widget);
  int size = 0;

  if (self->after != NULL)
    size = orientation == GTK_ORIENTATION_HORIZONTAL ? gdk_texture_get_width (self->after)
                                                     : gdk_texture_get_height (self->after);
  *minimum = self->fit ? 100 : size;
  *natural = MAX (*minimum, size);
}

static void
vt_preview_area_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  update_scale_for_size (VT_PREVIEW_AREA (widget), width, height);
}

static void
drag_to (VtPreviewArea *self,
         double         x)
{
  graphene_rect_t r;

  if (self->after == NULL)
    return;
  image_rect (self, &r);
  vt_preview_area_set_split (self, (x - r.origin.x) / MAX (r.size.width, 1));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               VtPreviewArea  *self)
{
  drag_to (self, x);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                VtPreviewArea  *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  drag_to (self, x + dx);
}

static void
vt_preview_area_dispose (GObject *object)
{
  VtPreviewArea *self = VT_PREVIEW_AREA (object);

  g_clear_object (&self->before);
  g_clear_object (&self->after);
  G_OBJECT_CLASS (vt_preview_area_parent_class)->dispose (object);
}

static void
vt_preview_area_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VtPreviewArea *self = VT_PREVIEW_AREA (object);

  switch (prop_id)
    {
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vt_preview_area_class_init (VtPreviewAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vt_preview_area_dispose;
  object_class->get_property = vt_preview_area_get_property;
  widget_class->snapshot = vt_preview_area_snapshot;
  widget_class->measure = vt_preview_area_measure;
  widget_class->size_allocate = vt_preview_area_size_allocate;

  /**
   * VtPreviewArea:scale:
   *
   * How large the photo's pixels are drawn: 1 at one screen pixel each,
   * less where the photo is fitted into a smaller view.
   */
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 0, G_MAXDOUBLE, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "previewarea");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vt_preview_area_init (VtPreviewArea *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->split = 0.5;
  self->fit = TRUE;
  self->scale = 1.0;
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview, before and after"), -1);
}

void
vt_preview_area_set_textures (VtPreviewArea *self,
                              GdkTexture    *before,
                              GdkTexture    *after)
{
  g_return_if_fail (VT_IS_PREVIEW_AREA (self));

  g_set_object (&self->before, before);
  g_set_object (&self->after, after);
  relayout (self);
}

void
vt_preview_area_set_fit (VtPreviewArea *self,
                         gboolean       fit)
{
  g_return_if_fail (VT_IS_PREVIEW_AREA (self));

  self->fit = !!fit;
  relayout (self);
}

void
vt_preview_area_set_split (VtPreviewArea *self,
                           double         split)
{
  g_return_if_fail (VT_IS_PREVIEW_AREA (self));

  self->split = CLAMP (split, 0.0, 1.0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
vt_preview_area_get_scale (VtPreviewArea *self)
{
  g_return_val_if_fail (VT_IS_PREVIEW_AREA (self), 1.0);

  return self->scale;
}
