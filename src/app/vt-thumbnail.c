/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-thumbnail.c: one photo of a batch as the thumbnail grid shows it
 *
 * Made on the main thread from a finished VtResult. Holds a small texture
 * (the smallest variant, at most 192 px), never the photo, so memory stays
 * flat however long the batch.
 */
#define G_LOG_DOMAIN "vt-thumbnail"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "vt-thumbnail.h"

struct _VtThumbnail
{
  GObject     parent_instance;

  VtResult   *result;
  GdkTexture *texture;
  char       *title;
  /* A channel's verdict on the main photo, when one was checked */
  gboolean    checked;
  gboolean    complies;
  char       *verdict;   /* one line under the title */
  char       *reasons;   /* every rule broken, one a line */
};

G_DEFINE_FINAL_TYPE (VtThumbnail, vt_thumbnail, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_TEXTURE,
  PROP_ERROR,
  PROP_FAILED,
  PROP_SKIPPED,
  PROP_TOOLTIP,
  PROP_CHECKED,
  PROP_COMPLIES,
  PROP_BREAKS_RULES,
  PROP_VERDICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define READABLE (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

/**
 * vt_texture_new_for_surface:
 *
 * Copies an RGB24 surface into a texture. The unused byte of RGB24 is set
 * to opaque on the way, since GDK reads it as alpha; a cut-out's ARGB32 is
 * GDK's own premultiplied format, and keeps its transparency.
 */
GdkTexture *
vt_texture_new_for_surface (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint32 *pixels = g_new (guint32, (gsize) w * h);
  guint32 opaque = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32 ? 0 : 0xFF000000u;
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      for (int x = 0; x < w; x++)
        pixels[(gsize) y * w + x] = row[x] | opaque;
    }

  bytes = g_bytes_new_take (pixels, (gsize) w * h * 4);
  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, (gsize) w * 4);
}

static void
vt_thumbnail_finalize (GObject *object)
{
  VtThumbnail *self = VT_THUMBNAIL (object);

  g_clear_object (&self->result);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->verdict, g_free);
  g_clear_pointer (&self->reasons, g_free);

  G_OBJECT_CLASS (vt_thumbnail_parent_class)->finalize (object);
}

static void
vt_thumbnail_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VtThumbnail *self = VT_THUMBNAIL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, vt_thumbnail_get_title (self));
      break;
    case PROP_TEXTURE:
      g_value_set_object (value, vt_thumbnail_get_texture (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, vt_thumbnail_get_error (self));
      break;
    case PROP_FAILED:
      g_value_set_boolean (value, vt_thumbnail_get_failed (self));
      break;
    case PROP_SKIPPED:
      g_value_set_boolean (value, vt_thumbnail_get_skipped (self));
      break;
    case PROP_TOOLTIP:
      g_value_take_string (value, vt_thumbnail_dup_tooltip (self));
      break;
    case PROP_CHECKED:
      g_value_set_boolean (value, vt_thumbnail_get_checked (self));
      break;
    case PROP_COMPLIES:
      g_value_set_boolean (value, vt_thumbnail_get_complies (self));
      break;
    case PROP_BREAKS_RULES:
      g_value_set_boolean (value, vt_thumbnail_get_checked (self) && !self->complies);
      break;
    case PROP_VERDICT:
      g_value_set_string (value, vt_thumbnail_get_verdict (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vt_thumbnail_class_init (VtThumbnailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vt_thumbnail_finalize;
  object_class->get_property = vt_thumbnail_get_property;

  /* All read-only: a thumbnail is made whole from its result. */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, READABLE);
  properties[PROP_TEXTURE] = g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE, READABLE);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, READABLE);
  properties[PROP_FAILED] = g_param_spec_boolean ("failed", NULL, NULL, FALSE, READABLE);
  /* Skipped photos have no new thumbnail: the cell says why it is empty. */
  properties[PROP_SKIPPED] = g_param_spec_boolean ("skipped", NULL, NULL, FALSE, READABLE);
  properties[PROP_TOOLTIP] = g_param_spec_string ("tooltip", NULL, NULL, NULL, READABLE);
  /* The badge of a channel's verdict (vt_thumbnail_new() with rules) */
  properties[PROP_CHECKED] = g_param_spec_boolean ("checked", NULL, NULL, FALSE, READABLE);
  properties[PROP_COMPLIES] = g_param_spec_boolean ("complies", NULL, NULL, FALSE, READABLE);
  properties[PROP_BREAKS_RULES] = g_param_spec_boolean ("breaks-rules", NULL, NULL, FALSE, READABLE);
  properties[PROP_VERDICT] = g_param_spec_string ("verdict", NULL, NULL, NULL, READABLE);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vt_thumbnail_init (VtThumbnail *self)
{
}

/* The verdict the batch's workers left on the main photo. */
/* A tile's room for the broken rules: the first without its details in
 * brackets ("#FFFFFF"…), and how many more; the tooltip lists them all. */
static char *
summarize_reasons (const char *reasons)
{
  g_auto(GStrv) lines = g_strsplit (reasons, "\n", -1);
  guint n_more = g_strv_length (lines) - 1;
  char *details = strstr (lines[0], " (");

  if (details != NULL)
    *details = '\0';
  if (n_more == 0)
    return g_strdup (lines[0]);
  /* TRANSLATORS: a broken rule, then how many other rules are broken */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, and %u more", "%s, and %u more", n_more),
                          lines[0], n_more);
}

static void
take_verdict (VtThumbnail *self,
              VtRules     *rules)
{
  for (guint i = 0; i < vt_result_get_n_outputs (self->result); i++)
    {
      const VtOutput *o = vt_result_get_output (self->result, i);

      if (o->issues == NULL)
        continue;
      self->checked = TRUE;
      self->complies = vt_preflight_passes (o->issues);
      self->reasons = vt_preflight_dup_reasons (o->issues);
      if (self->complies)
        self->verdict = g_strdup_printf (_("Meets %s’s rules"), vt_rules_get_title (rules));
      else
        self->verdict = summarize_reasons (self->reasons);
      return;
    }
}

/**
 * vt_thumbnail_new:
 * @rules: (nullable): the channel the batch's main photos were checked
 *   against (vt_job_set_rules())
 */
VtThumbnail *
vt_thumbnail_new (VtResult *result,
                  VtRules  *rules)
{
  VtThumbnail *self = g_object_new (VT_TYPE_THUMBNAIL, NULL);
  cairo_surface_t *surface = vt_result_get_thumbnail (result);

  self->result = g_object_ref (result);
  self->title = g_path_get_basename (vt_result_get_input (result));
  if (surface != NULL)
    self->texture = vt_texture_new_for_surface (surface);
  if (rules != NULL && vt_result_get_status (result) == VT_RESULT_DONE)
    take_verdict (self, rules);
  return self;
}

VtResult *
vt_thumbnail_get_result (VtThumbnail *self)
{
  return self->result;
}

GdkTexture *
vt_thumbnail_get_texture (VtThumbnail *self)
{
  return self->texture;
}

const char *
vt_thumbnail_get_title (VtThumbnail *self)
{
  return self->title;
}

const char *
vt_thumbnail_get_error (VtThumbnail *self)
{
  const GError *error = vt_result_get_error (self->result);

  if (error != NULL)
    return error->message;
  if (vt_result_get_status (self->result) == VT_RESULT_SKIPPED)
    return _("Already done: its outputs exist");
  return NULL;
}

gboolean
vt_thumbnail_get_failed (VtThumbnail *self)
{
  return vt_result_get_status (self->result) == VT_RESULT_FAILED;
}

gboolean
vt_thumbnail_get_skipped (VtThumbnail *self)
{
  return vt_result_get_status (self->result) == VT_RESULT_SKIPPED;
}

/**
 * vt_thumbnail_dup_tooltip:
 *
 * Returns: (transfer full) (nullable): why the photo failed or was
 * skipped, or the channel's verdict with every rule broken
 */
char *
vt_thumbnail_dup_tooltip (VtThumbnail *self)
{
  const char *error = vt_thumbnail_get_error (self);

  if (error != NULL)
    return g_strdup (error);
  if (!self->checked)
    return NULL;
  if (self->complies)
    return g_strdup (self->verdict);
  /* TRANSLATORS: the heading of the list of a main photo's broken rules */
  return g_strdup_printf ("%s\n%s", _("Breaks the channel’s rules:"), self->reasons);
}

gboolean
vt_thumbnail_get_checked (VtThumbnail *self)
{
  return self->checked;
}

gboolean
vt_thumbnail_get_complies (VtThumbnail *self)
{
  return self->checked && self->complies;
}

const char *
vt_thumbnail_get_verdict (VtThumbnail *self)
{
  return self->verdict;
}
