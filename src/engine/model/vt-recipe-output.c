/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-output.c: what a recipe asks of the outputs: their count, each format's settings, the logo */
#define G_LOG_DOMAIN "vt-recipe"

#include "config.h"

#include "vt-recipe.h"

/* The files each photo makes: every size in each of its formats. */
guint
vt_recipe_get_n_outputs (VtRecipe *self)
{
  guint n = 0;

  g_return_val_if_fail (VT_IS_RECIPE (self), 0);

  for (guint i = 0; i < vt_recipe_get_n_variants (self); i++)
    n += __builtin_popcount (vt_recipe_get_variant (self, i)->formats);
  return n;
}

/* The settings @format is written with under this recipe. */
void
vt_recipe_get_encode_settings (VtRecipe         *self,
                               VtFormat          format,
                               VtEncodeSettings *settings)
{
  int webp_quality, avif_quality;

  g_return_if_fail (VT_IS_RECIPE (self));

  vt_encode_settings_init (settings, format);
  g_object_get (self,
                "webp-quality", &webp_quality,
                "avif-quality", &avif_quality,
                "progressive", &settings->progressive,
                "webp-lossless", &settings->lossless,
                "webp-method", &settings->webp_method,
                "avif-speed", &settings->avif_speed,
                "png-level", &settings->png_level,
                NULL);
  switch (format)
    {
    case VT_FORMAT_WEBP: settings->quality = webp_quality; break;
    case VT_FORMAT_AVIF: settings->quality = avif_quality; break;
    case VT_FORMAT_JPEG:
    case VT_FORMAT_PNG:
    default: settings->quality = vt_recipe_get_quality (self); break;
    }
}

/**
 * vt_recipe_create_logo:
 * @logo: (out) (transfer full) (nullable): the recipe's logo, or %NULL
 *   when it has none
 *
 * Reads and checks the logo file, so that a bad one stops a batch before
 * it starts.
 *
 * Returns: %FALSE with @error set, naming the file, when it cannot be used
 */
gboolean
vt_recipe_create_logo (VtRecipe  *self,
                       VtLogo   **logo,
                       GError   **error)
{
  g_autofree char *path = NULL;
  VtLogoPosition position;
  double width, opacity, margin;

  g_return_val_if_fail (VT_IS_RECIPE (self), FALSE);

  *logo = NULL;
  g_object_get (self, "logo", &path, "logo-position", &position, "logo-width", &width,
                "logo-opacity", &opacity, "logo-margin", &margin, NULL);
  if (path == NULL || path[0] == '\0')
    return TRUE;
  *logo = vt_logo_new (path, position, width * 100, opacity * 100, margin * 100, error);
  return *logo != NULL;
}
