/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-filter-chain.c: a recipe's filter chain, as data and as text
 *
 * A chain is written the way the command line takes it, one filter after
 * another separated by semicolons, each with its settings:
 *
 *   sharpen;unsharp:radius=2,percent=150,threshold=3;contrast:factor=1.2
 *
 * Settings left out take their usual value. `stage=before` moves a filter
 * before the resize, where it runs once on the whole photo instead of on
 * every size. Each filter is the Pillow filter of the same name.
 */
#define G_LOG_DOMAIN "vt-filter"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vt-alpha.h"
#include "vt-filter-chain.h"
#include "vt-filters.h"
#include "vt-image.h"
#include "vt-recipe.h"
#include "vt-resize.h"

#define RADIUS(fallback) { "radius", N_("Radius"), 0.0, 100.0, fallback, 1 }
#define FACTOR(fallback) { "factor", N_("Factor"), 0.0, 10.0, fallback, 2 }

static const VtFilterInfo filter_info[VT_N_FILTER_KINDS] = {
  [VT_FILTER_SHARPEN] = { "sharpen", N_("Sharpen"), 0, { }, TRUE, TRUE },
  [VT_FILTER_UNSHARP] = { "unsharp", N_("Unsharp mask"), 3, {
      RADIUS (2.0),
      { "percent", N_("Amount (%)"), 0, 500, 150, 0 },
      { "threshold", N_("Threshold"), 0, 255, 3, 0 } }, TRUE, TRUE },
  [VT_FILTER_GAUSSIAN] = { "gaussian", N_("Gaussian blur"), 1, { RADIUS (2.0) }, FALSE, TRUE },
  [VT_FILTER_BOX_BLUR] = { "box-blur", N_("Box blur"), 1, { RADIUS (1.0) }, FALSE, TRUE },
  [VT_FILTER_BRIGHTNESS] = { "brightness", N_("Brightness"), 1, { FACTOR (1.1) }, FALSE, FALSE },
  [VT_FILTER_CONTRAST] = { "contrast", N_("Contrast"), 1, { FACTOR (1.2) }, FALSE, FALSE },
  [VT_FILTER_SATURATION] = { "saturation", N_("Saturation"), 1, { FACTOR (1.2) }, FALSE, FALSE },
  [VT_FILTER_AUTO_CONTRAST] = { "auto-contrast", N_("Auto contrast"), 1, {
      { "cutoff", N_("Cut-off (%)"), 0, 49, 0, 1 } }, FALSE, FALSE },
  [VT_FILTER_EDGE_ENHANCE] = { "edge-enhance", N_("Edge enhance"), 0, { }, FALSE, TRUE },
  [VT_FILTER_EDGE_ENHANCE_MORE] = { "edge-enhance-more", N_("Edge enhance more"), 0, { }, FALSE, TRUE },
  [VT_FILTER_INVERT] = { "invert", N_("Invert"), 0, { }, FALSE, FALSE },
  [VT_FILTER_GREYSCALE] = { "greyscale", N_("Greyscale"), 0, { }, FALSE, FALSE },
  [VT_FILTER_LANCZOS_ROUND_TRIP] = { "lanczos-round-trip", N_("Lanczos round trip"), 1, {
      { "factor", N_("Enlarge by"), 1, 4, 2, 1 } }, FALSE, TRUE },
};

/* Pillow's EDGE_ENHANCE and EDGE_ENHANCE_MORE, already divided by scale. */
static const float edge_enhance[9] = { -0.5f, -0.5f, -0.5f, -0.5f, 5.0f, -0.5f, -0.5f, -0.5f, -0.5f };
static const float edge_enhance_more[9] = { -1, -1, -1, -1, 9, -1, -1, -1, -1 };

const VtFilterInfo *
vt_filter_kind_get_info (VtFilterKind kind)
{
  g_return_val_if_fail (kind < VT_N_FILTER_KINDS, NULL);
  return &filter_info[kind];
}

gboolean
vt_filter_kind_from_name (const char   *name,
                          VtFilterKind *kind)
{
  for (guint i = 0; i < VT_N_FILTER_KINDS; i++)
    if (g_str_equal (name, filter_info[i].name))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* Every setting at its usual value. */
void
vt_filter_init (VtFilter     *filter,
                VtFilterKind  kind)
{
  const VtFilterInfo *info = vt_filter_kind_get_info (kind);

  memset (filter, 0, sizeof *filter);
  filter->kind = kind;
  for (guint i = 0; i < info->n_params; i++)
    filter->params[i] = info->params[i].fallback;
}

static char *
filter_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < VT_N_FILTER_KINDS; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", filter_info[i].name);
  return g_string_free (names, FALSE);
}

static gboolean
set_param (VtFilter    *filter,
           const char  *key,
           const char  *value,
           GError     **error)
{
  const VtFilterInfo *info = vt_filter_kind_get_info (filter->kind);
  char *end = NULL;
  double v;

  if (g_str_equal (key, "stage"))
    {
      filter->before_resize = g_str_equal (value, "before");
      if (filter->before_resize || g_str_equal (value, "after"))
        return TRUE;
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("%s: stage must be “before” or “after” the resize, not “%s”"), info->name, value);
      return FALSE;
    }

  for (guint i = 0; i < info->n_params; i++)
    {
      const VtFilterParam *p = &info->params[i];

      if (!g_str_equal (key, p->name))
        continue;
      v = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0' || v < p->min || v > p->max)
        {
          g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                       _("%s: %s must be a number from %g to %g, not “%s”"),
                       info->name, p->name, p->min, p->max, value);
          return FALSE;
        }
      filter->params[i] = v;
      return TRUE;
    }

  g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
               _("The filter %s has no setting “%s”"), info->name, key);
  return FALSE;
}

/**
 * vt_filter_parse:
 * @text: `NAME[:SETTING=VALUE,...]`, for example `gaussian:radius=10`
 */
gboolean
vt_filter_parse (const char  *text,
                 VtFilter    *filter,
                 GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  g_autofree char *name = g_strdup (parts[0] ? g_strstrip (parts[0]) : "");
  g_auto(GStrv) items = NULL;
  VtFilterKind kind;

  if (!vt_filter_kind_from_name (name, &kind))
    {
      g_autofree char *names = filter_names ();
      g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                   _("Unknown filter “%s”: the filters are %s"), name, names);
      return FALSE;
    }

  vt_filter_init (filter, kind);
  if (parts[0] == NULL || parts[1] == NULL)
    return TRUE;

  items = g_strsplit (parts[1], ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (items[i], "=", 2);

      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_set_error (error, VT_RECIPE_ERROR, VT_RECIPE_ERROR_INVALID,
                       _("%s: expected SETTING=VALUE, not “%s”"), name, items[i]);
          return FALSE;
        }
      if (!set_param (filter, g_strstrip (kv[0]), g_strstrip (kv[1]), error))
        return FALSE;
    }
  return TRUE;
}

char *
vt_filter_to_string (const VtFilter *filter)
{
  const VtFilterInfo *info = vt_filter_kind_get_info (filter->kind);
  GString *text = g_string_new (info->name);

  for (guint i = 0; i < info->n_params; i++)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (text, "%s%s=%s", i ? "," : ":", info->params[i].name,
                              g_ascii_formatd (number, sizeof number, "%g", filter->params[i]));
    }
  if (filter->before_resize)
    g_string_append_printf (text, "%sstage=before", info->n_params ? "," : ":");
  return g_string_free (text, FALSE);
}

/**
 * vt_filter_chain_parse:
 * @text: filters separated by semicolons; empty for none
 *
 * Returns: (transfer full): an array of #VtFilter, or %NULL with @error set
 */
GArray *
vt_filter_chain_parse (const char  *text,
                       GError     **error)
{
  g_autoptr(GArray) chain = g_array_new (FALSE, TRUE, sizeof (VtFilter));
  g_auto(GStrv) items = g_strsplit (text, ";", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      VtFilter filter;

      if (*g_strstrip (items[i]) == '\0')
        continue;
      if (!vt_filter_parse (items[i], &filter, error))
        return NULL;
      g_array_append_val (chain, filter);
    }
  return g_steal_pointer (&chain);
}

char *
vt_filter_chain_to_string (GArray *chain)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < chain->len; i++)
    {
      g_autofree char *one = vt_filter_to_string (&g_array_index (chain, VtFilter, i));
      g_string_append_printf (text, "%s%s", i ? ";" : "", one);
    }
  return g_string_free (text, FALSE);
}

/* Scales up by @factor and back with Lanczos (seed 001's round trip). */
static void
lanczos_round_trip (cairo_surface_t *surface,
                    double           factor)
{
  int w = vt_image_get_width (surface), h = vt_image_get_height (surface);
  g_autoptr(cairo_surface_t) big = vt_resize_surface (surface, (int) (w * factor), (int) (h * factor),
                                                      NULL, NULL);
  g_autoptr(cairo_surface_t) back = big ? vt_resize_surface (big, w, h, NULL, NULL) : NULL;
  cairo_t *cr;

  if (back == NULL)
    return;  /* out of memory: the photo goes on unchanged */
  cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, back, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

/* SHARPEN at @strength: the identity kernel moved that far towards it. */
static void
sharpen (cairo_surface_t *surface,
         double           strength)
{
  float ring = (float) (-strength / 8), kernel[9];

  if (strength == 1.0)
    {
      vt_filters_sharpen (surface);
      return;
    }
  for (guint i = 0; i < 9; i++)
    kernel[i] = ring;
  kernel[4] = (float) (1 + strength);
  vt_filters_convolve3 (surface, kernel);
}

/* @alpha: the photo's alpha while it is detached, %NULL for an opaque one */
static void
apply (const VtFilter  *filter,
       cairo_surface_t *surface,
       double           strength,
       const guint8    *alpha)
{
  const double *p = filter->params;

  switch (filter->kind)
    {
    case VT_FILTER_SHARPEN: sharpen (surface, strength); break;
    case VT_FILTER_UNSHARP:
      vt_filters_unsharp_mask (surface, p[0], (int) (p[1] * strength + 0.5), (int) p[2]);
      break;
    case VT_FILTER_GAUSSIAN: vt_filters_gaussian_blur (surface, p[0]); break;
    case VT_FILTER_BOX_BLUR: vt_filters_box_blur (surface, p[0]); break;
    case VT_FILTER_BRIGHTNESS: vt_filters_brightness (surface, p[0]); break;
    case VT_FILTER_CONTRAST: vt_filters_contrast (surface, p[0], alpha); break;
    case VT_FILTER_SATURATION: vt_filters_saturation (surface, p[0]); break;
    case VT_FILTER_AUTO_CONTRAST: vt_filters_auto_contrast (surface, p[0], alpha); break;
    case VT_FILTER_EDGE_ENHANCE: vt_filters_convolve3 (surface, edge_enhance); break;
    case VT_FILTER_EDGE_ENHANCE_MORE: vt_filters_convolve3 (surface, edge_enhance_more); break;
    case VT_FILTER_INVERT: vt_filters_invert (surface); break;
    case VT_FILTER_GREYSCALE: vt_filters_greyscale (surface); break;
    case VT_FILTER_LANCZOS_ROUND_TRIP: lanczos_round_trip (surface, p[0]); break;
    case VT_N_FILTER_KINDS: g_assert_not_reached ();
    }
}

/* Blurs average premultiplied pixels, alpha with colour, as they should;
 * the kernels with negative weights would give a transparent pixel colour
 * (or change where the product's edge is), so they keep alpha as it was;
 * the per-pixel filters are about colour as seen, so straight colour. */
static VtAlphaMode
alpha_mode (VtFilterKind kind)
{
  switch (kind)
    {
    case VT_FILTER_GAUSSIAN:
    case VT_FILTER_BOX_BLUR:
    case VT_FILTER_LANCZOS_ROUND_TRIP:
      return VT_ALPHA_AS_IS;
    case VT_FILTER_SHARPEN:
    case VT_FILTER_UNSHARP:
    case VT_FILTER_EDGE_ENHANCE:
    case VT_FILTER_EDGE_ENHANCE_MORE:
      return VT_ALPHA_BLED;
    default:
      return VT_ALPHA_STRAIGHT;
    }
}

static gboolean
is_skipped (const VtFilter *filter,
            double          strength)
{
  return vt_filter_kind_get_info (filter->kind)->sharpening && strength <= 0;
}

/* Runs @filters[0] on @surface and, on a photo with transparency, the
 * filters on straight colour after it up to the first blur: alpha is
 * taken out once for them all and the colour at the edge spread once,
 * when one of them sharpens. Each premultiplying in between would round
 * the colour again, and the spreading again would start from that.
 *
 * Returns: how many filters were run */
static guint
apply_run (const VtFilter  *filters,
           guint            n,
           cairo_surface_t *surface,
           double           strength)
{
  VtAlphaMode mode = alpha_mode (filters[0].kind);
  guint8 *alpha;
  guint end;

  if (!vt_image_has_alpha (surface) || mode == VT_ALPHA_AS_IS)
    {
      apply (&filters[0], surface, strength, NULL);
      return 1;
    }
  for (end = 1; end < n && alpha_mode (filters[end].kind) != VT_ALPHA_AS_IS; end++)
    if (!is_skipped (&filters[end], strength))
      mode = MAX (mode, alpha_mode (filters[end].kind));
  alpha = vt_alpha_detach (surface, mode);
  for (guint i = 0; i < end; i++)
    if (!is_skipped (&filters[i], strength))
      apply (&filters[i], surface, strength, alpha);
  vt_alpha_attach (surface, alpha);
  return end;
}

/**
 * vt_filter_chain_apply:
 * @chain: (element-type VtFilter): the filters, in order
 * @surface: RGB24, or premultiplied ARGB32 for a photo with transparency
 * @strength: as for vt_filter_apply()
 *
 * Runs every filter of @chain on @surface in place, as vt_filter_apply()
 * one after the other would, save that on a photo with transparency the
 * colour is made straight once for each run of filters that want it.
 */
void
vt_filter_chain_apply (GArray          *chain,
                       cairo_surface_t *surface,
                       double           strength)
{
  const VtFilter *filters = (const VtFilter *) chain->data;

  for (guint i = 0; i < chain->len; )
    if (is_skipped (&filters[i], strength))
      i++;
    else
      i += apply_run (filters + i, chain->len - i, surface, strength);
}

/**
 * vt_filter_apply:
 * @surface: RGB24, or premultiplied ARGB32 for a photo with transparency
 * @strength: how much of a sharpening filter to apply (1 as written, 0 not
 *   at all); other filters ignore it
 *
 * Runs @filter on @surface in place.
 */
void
vt_filter_apply (const VtFilter  *filter,
                 cairo_surface_t *surface,
                 double           strength)
{
  if (!is_skipped (filter, strength))
    apply_run (filter, 1, surface, strength);
}
