/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-preview.c: the recipe tried on one photo, updated as settings change
 *
 * Every change of the recipe, the photo or the size sends a request to the
 * engine's VtPreviewer, which works on its own thread, cancels what a newer
 * request supersedes, and reports only the newest result. The main thread
 * only turns that result into textures.
 */
#define G_LOG_DOMAIN "vt-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-preview-area.h"
#include "vt-preview.h"
#include "vt-thumbnail.h"

struct _VtPreview
{
  GtkWidget        parent_instance;

  VtRecipe        *recipe;
  VtRules         *rules;     /* the channel whose verdict is shown, or NULL */
  VtPreviewer     *previewer;
  GPtrArray       *paths;
  cairo_surface_t *shown;
  VtFormat         shown_format;
  gboolean         rebuilding;
  guint            zoom_label_id;  /* idle that renames the zoom button */

  /* template */
  GtkDropDown     *photo_dropdown;
  GtkStringList   *photo_names;
  GtkDropDown     *variant_dropdown;
  GtkStringList   *variant_names;
  GtkDropDown     *format_dropdown;
  GtkStringList   *format_names;
  VtFormat         formats[VT_N_FORMATS];  /* the format of each item of format_names */
  GtkToggleButton *zoom_button;
  VtPreviewArea   *area;
  GtkLabel        *info_label;
  GtkLabel        *verdict_label;
};

G_DEFINE_FINAL_TYPE (VtPreview, vt_preview, GTK_TYPE_WIDGET)

/* The formats' own names, as their makers write them. */
static const char * const format_labels[VT_N_FORMATS] = {
  [VT_FORMAT_JPEG] = "JPEG",
  [VT_FORMAT_WEBP] = "WebP",
  [VT_FORMAT_AVIF] = "AVIF",
  [VT_FORMAT_PNG] = "PNG",
};

static void
request_cb (VtPreview *self)
{
  guint photo = gtk_drop_down_get_selected (self->photo_dropdown);
  guint variant = gtk_drop_down_get_selected (self->variant_dropdown);
  guint format = gtk_drop_down_get_selected (self->format_dropdown);

  if (self->rebuilding || self->recipe == NULL || photo >= self->paths->len ||
      variant >= vt_recipe_get_n_variants (self->recipe) ||
      format >= g_list_model_get_n_items (G_LIST_MODEL (self->format_names)))
    return;

  vt_previewer_request_format (self->previewer, self->recipe, g_ptr_array_index (self->paths, photo),
                               variant, self->formats[format]);
}

/* The formats the size shown is written in, keeping the one shown when
 * the size still has it; the choice is offered only where there is one. */
static void
rebuild_formats (VtPreview *self)
{
  guint variant = gtk_drop_down_get_selected (self->variant_dropdown);
  guint old = gtk_drop_down_get_selected (self->format_dropdown);
  guint mask, n = 0, select = 0;
  int old_format = -1;

  if (variant >= vt_recipe_get_n_variants (self->recipe))
    return;
  if (old < g_list_model_get_n_items (G_LIST_MODEL (self->format_names)))
    old_format = self->formats[old];

  mask = vt_recipe_get_variant (self->recipe, variant)->formats;
  self->rebuilding = TRUE;
  gtk_string_list_splice (self->format_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->format_names)), NULL);
  for (guint f = 0; f < VT_N_FORMATS; f++)
    if (mask & VT_FORMAT_BIT (f))
      {
        if ((int) f == old_format)
          select = n;
        self->formats[n++] = f;
        gtk_string_list_append (self->format_names, format_labels[f]);
      }
  gtk_drop_down_set_selected (self->format_dropdown, select);
  gtk_widget_set_visible (GTK_WIDGET (self->format_dropdown), n > 1);
  self->rebuilding = FALSE;
}

static void
variant_changed_cb (VtPreview *self)
{
  /* rebuild_variants() is followed by rebuild_formats() itself */
  if (self->rebuilding || self->recipe == NULL)
    return;
  rebuild_formats (self);
  request_cb (self);
}

/* The channel's verdict on the photo shown, when the size shown is the
 * channel's main photo: every rule broken, or that it meets them all. */
static void
show_verdict (VtPreview *self,
              GPtrArray *issues)
{
  GtkWidget *label = GTK_WIDGET (self->verdict_label);
  g_autofree char *reasons = NULL;
  g_autofree char *text = NULL;
  gboolean passes;

  gtk_widget_set_visible (label, issues != NULL && self->rules != NULL);
  if (!gtk_widget_get_visible (label))
    return;
  passes = vt_preflight_passes (issues);
  reasons = vt_preflight_dup_reasons (issues);
  if (passes)
    text = g_strdup_printf (_("Meets %s’s rules for a main photo."), vt_rules_get_title (self->rules));
  else
    /* TRANSLATORS: a channel's name, then its rules broken, one a line */
    text = g_strdup_printf (_("Breaks %s’s rules for a main photo:\n%s"), vt_rules_get_title (self->rules), reasons);
  gtk_label_set_label (self->verdict_label, text);
  if (passes)
    {
      gtk_widget_remove_css_class (label, "warning");
      gtk_widget_add_css_class (label, "success");
    }
  else
    {
      gtk_widget_remove_css_class (label, "success");
      gtk_widget_add_css_class (label, "warning");
    }
}

static void update_zoom_label (VtPreview *self);

static void
ready_cb (VtPreviewer     *previewer,
          VtPreviewResult *result,
          VtPreview       *self)
{
  g_autoptr(GdkTexture) before = vt_texture_new_for_surface (result->before);
  g_autoptr(GdkTexture) after = vt_texture_new_for_surface (result->after);
  g_autofree char *bytes = g_format_size (result->jpeg_bytes);
  g_autofree char *info = NULL;

  const char *format = format_labels[result->format];
  VtEncodeSettings settings;

  vt_recipe_get_encode_settings (self->recipe, result->format, &settings);
  if (vt_format_is_lossy (result->format, &settings))
    /* TRANSLATORS: width × height · file size as a format (JPEG, WebP…) at a quality · time taken */
    info = g_strdup_printf (_("%d × %d · about %s as %s at quality %d · %.0f ms"),
                            cairo_image_surface_get_width (result->after),
                            cairo_image_surface_get_height (result->after),
                            bytes, format, result->quality, result->render_time / 1000.0);
  else
    /* TRANSLATORS: width × height · file size as a lossless format (PNG, WebP) · time taken */
    info = g_strdup_printf (_("%d × %d · about %s as %s, without loss · %.0f ms"),
                            cairo_image_surface_get_width (result->after),
                            cairo_image_surface_get_height (result->after),
                            bytes, format, result->render_time / 1000.0);
  if (result->not_decoded)
    {
      g_autofree char *told = g_steal_pointer (&info);

      /* TRANSLATORS: the line above, then why the preview shows the pixels before encoding */
      info = g_strdup_printf (_("%s · shown before encoding: this computer cannot read %s"),
                              told, format);
    }
  gtk_label_set_label (self->info_label, info);
  g_clear_pointer (&self->shown, cairo_surface_destroy);
  self->shown = cairo_surface_reference (result->after);
  self->shown_format = result->format;
  vt_preview_area_set_textures (self->area, before, after);
  show_verdict (self, result->issues);
  update_zoom_label (self);
}

static void
failed_cb (VtPreviewer  *previewer,
           const GError *error,
           VtPreview    *self)
{
  gtk_label_set_label (self->info_label, error->message);
  g_clear_pointer (&self->shown, cairo_surface_destroy);
  vt_preview_area_set_textures (self->area, NULL, NULL);
  show_verdict (self, NULL);
  update_zoom_label (self);
}

/* The zoom button names the scale the photo is shown at: "100 %" only
 * where a pixel of the photo is a pixel of the screen. */
static void
update_zoom_label (VtPreview *self)
{
  g_autofree char *label = NULL;
  double scale = vt_preview_area_get_scale (self->area);

  if (gtk_toggle_button_get_active (self->zoom_button) || vt_preview_get_shown (self) == NULL)
    label = g_strdup (_("100 %"));
  else if (scale <= 0)
    label = g_strdup (_("Fit"));   /* not drawn yet: no size to say */
  else
    /* TRANSLATORS: the photo is fitted into the view, drawn at this per cent of its size */
    label = g_strdup_printf (_("Fit · %.0f %%"), 100 * scale);
  gtk_button_set_label (GTK_BUTTON (self->zoom_button), label);
}

static void
update_zoom_label_idle (gpointer data)
{
  VtPreview *self = data;

  self->zoom_label_id = 0;
  update_zoom_label (self);
}

/* The scale changes as the view is allocated: a new label then would
 * resize the button in the middle of that allocation, so it waits. */
static void
scale_notify_cb (VtPreview *self)
{
  if (self->zoom_label_id == 0)
    self->zoom_label_id = g_idle_add_once (update_zoom_label_idle, self);
}

static void
zoom_toggled_cb (VtPreview *self)
{
  vt_preview_area_set_fit (self->area, !gtk_toggle_button_get_active (self->zoom_button));
  update_zoom_label (self);
}

/* The sizes' names, keeping the size shown when it still exists and
 * otherwise showing the largest one (the one staff look at). */
static void
rebuild_variants (VtPreview *self)
{
  guint n = vt_recipe_get_n_variants (self->recipe);
  guint old = gtk_drop_down_get_selected (self->variant_dropdown);
  g_autofree char *old_name = NULL;
  guint largest = 0, best_area = 0, kept = G_MAXUINT;

  if (old < g_list_model_get_n_items (G_LIST_MODEL (self->variant_names)))
    old_name = g_strdup (gtk_string_list_get_string (self->variant_names, old));

  self->rebuilding = TRUE;
  gtk_string_list_splice (self->variant_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->variant_names)), NULL);
  for (guint i = 0; i < n; i++)
    {
      const VtVariant *v = vt_recipe_get_variant (self->recipe, i);

      gtk_string_list_append (self->variant_names, v->name);
      if ((guint) (v->width * v->height) > best_area)
        best_area = v->width * v->height, largest = i;
      if (old_name != NULL && g_str_equal (old_name, v->name))
        kept = i;
    }
  gtk_drop_down_set_selected (self->variant_dropdown, kept != G_MAXUINT ? kept : largest);
  self->rebuilding = FALSE;
}

static void
recipe_notify_cb (VtPreview  *self,
                  GParamSpec *pspec)
{
  if (g_str_equal (pspec->name, "sizes"))
    {
      rebuild_variants (self);
      rebuild_formats (self);
    }
  request_cb (self);
}

void
vt_preview_set_recipe (VtPreview *self,
                       VtRecipe  *recipe)
{
  g_return_if_fail (VT_IS_PREVIEW (self));
  g_return_if_fail (self->recipe == NULL);

  self->recipe = g_object_ref (recipe);
  g_signal_connect_object (recipe, "notify", G_CALLBACK (recipe_notify_cb), self, G_CONNECT_SWAPPED);
  rebuild_variants (self);
  rebuild_formats (self);
  request_cb (self);
}

/**
 * vt_preview_set_rules:
 * @rules: (nullable): the channel whose verdict on the main photo to show
 */
void
vt_preview_set_rules (VtPreview *self,
                      VtRules   *rules)
{
  g_return_if_fail (VT_IS_PREVIEW (self));

  g_set_object (&self->rules, rules);
  vt_previewer_set_rules (self->previewer, rules);
  request_cb (self);
}

/**
 * vt_preview_set_photos:
 * @paths: (nullable): the photos the user may pick from; the first is shown
 */
void
vt_preview_set_photos (VtPreview          *self,
                       const char * const *paths)
{
  g_return_if_fail (VT_IS_PREVIEW (self));

  self->rebuilding = TRUE;
  g_ptr_array_set_size (self->paths, 0);
  gtk_string_list_splice (self->photo_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->photo_names)), NULL);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (paths[i]);

      g_ptr_array_add (self->paths, g_strdup (paths[i]));
      gtk_string_list_append (self->photo_names, name);
    }
  gtk_drop_down_set_selected (self->photo_dropdown, 0);
  self->rebuilding = FALSE;
  request_cb (self);
}

void
vt_preview_select_photo (VtPreview  *self,
                         const char *path)
{
  guint index;

  g_return_if_fail (VT_IS_PREVIEW (self));

  if (g_ptr_array_find_with_equal_func (self->paths, path, g_str_equal, &index))
    gtk_drop_down_set_selected (self->photo_dropdown, index);
}

VtPreviewer *
vt_preview_get_previewer (VtPreview *self)
{
  return self->previewer;
}

/* What the preview shows now, right of the line: the file the batch
 * writes, decoded, as a browser would show it. */
cairo_surface_t *
vt_preview_get_shown (VtPreview *self)
{
  return self->shown;
}

/* The format of the file vt_preview_get_shown() was decoded from. */
VtFormat
vt_preview_get_shown_format (VtPreview *self)
{
  return self->shown_format;
}

const char *
vt_preview_get_photo (VtPreview *self)
{
  guint photo = gtk_drop_down_get_selected (self->photo_dropdown);
  return photo < self->paths->len ? g_ptr_array_index (self->paths, photo) : NULL;
}

guint
vt_preview_get_variant (VtPreview *self)
{
  return gtk_drop_down_get_selected (self->variant_dropdown);
}

GtkToggleButton *
vt_preview_get_zoom_button (VtPreview *self)
{
  return self->zoom_button;
}

VtPreviewArea *
vt_preview_get_area (VtPreview *self)
{
  return self->area;
}

GtkLabel *
vt_preview_get_verdict_label (VtPreview *self)
{
  return self->verdict_label;
}

static void
vt_preview_dispose (GObject *object)
{
  VtPreview *self = VT_PREVIEW (object);
  GtkWidget *child;

  if (self->previewer != NULL)
    g_signal_handlers_disconnect_by_data (self->previewer, self);
  g_clear_handle_id (&self->zoom_label_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), VT_TYPE_PREVIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->recipe);
  g_clear_object (&self->rules);
  g_clear_object (&self->previewer);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->shown, cairo_surface_destroy);

  G_OBJECT_CLASS (vt_preview_parent_class)->dispose (object);
}

static void
vt_preview_class_init (VtPreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vt_preview_dispose;

  g_type_ensure (VT_TYPE_PREVIEW_AREA);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/vt-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, VtPreview, photo_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VtPreview, photo_names);
  gtk_widget_class_bind_template_child (widget_class, VtPreview, variant_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VtPreview, variant_names);
  gtk_widget_class_bind_template_child (widget_class, VtPreview, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VtPreview, format_names);
  gtk_widget_class_bind_template_child (widget_class, VtPreview, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, VtPreview, area);
  gtk_widget_class_bind_template_child (widget_class, VtPreview, info_label);
  gtk_widget_class_bind_template_child (widget_class, VtPreview, verdict_label);
  gtk_widget_class_bind_template_callback (widget_class, request_cb);
  gtk_widget_class_bind_template_callback (widget_class, variant_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_toggled_cb);
}

static void
vt_preview_init (VtPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->previewer = vt_previewer_new ();
  g_signal_connect (self->previewer, "ready", G_CALLBACK (ready_cb), self);
  g_signal_connect (self->previewer, "failed", G_CALLBACK (failed_cb), self);
  g_signal_connect_object (self->area, "notify::scale", G_CALLBACK (scale_notify_cb), self, G_CONNECT_SWAPPED);
}
