/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-cli-output.c: the output format and logo options of vitrina-cli process */
#define G_LOG_DOMAIN "vitrina-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-cli.h"

void
vt_cli_output_options_clear (VtCliOutputOptions *o)
{
  g_clear_pointer (&o->formats, g_free);
  g_clear_pointer (&o->logo, g_free);
  g_clear_pointer (&o->logo_position, g_free);
}

/* Sets @property from its option, unless the option was left at -1 (not
 * given); the recipe holds the option's value divided by @per_unit, as 100
 * turns percent into a fraction. The range is the option's. */
static gboolean
set_option (VtRecipe    *recipe,
            const char  *property,
            double       value,
            double       min,
            double       max,
            double       per_unit,
            GError     **error)
{
  g_auto(GValue) scaled = G_VALUE_INIT;
  g_autofree char *option = NULL;

  if (value == -1)
    return TRUE;
  if (value < min || value > max)
    {
      option = g_strconcat ("--", property, NULL);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s must be between %g and %g; got %g"), option, min, max, value);
      return FALSE;
    }
  /* GObject turns the double into the property's own type. */
  g_value_init (&scaled, G_TYPE_DOUBLE);
  g_value_set_double (&scaled, value / per_unit);
  g_object_set_property (G_OBJECT (recipe), property, &scaled);
  return TRUE;
}

static gboolean
set_logo (VtCliOutputOptions  *o,
          VtRecipe            *recipe,
          GError             **error)
{
  VtLogoPosition position;

  if (o->logo != NULL)
    g_object_set (recipe, "logo", o->logo, NULL);
  if (o->logo_position != NULL)
    {
      if (!vt_logo_position_from_string (o->logo_position, &position))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--logo-position must be one of top-left, top, top-right, left, center, right, bottom-left, bottom, bottom-right; got “%s”"),
                       o->logo_position);
          return FALSE;
        }
      g_object_set (recipe, "logo-position", position, NULL);
    }
  return set_option (recipe, "logo-width", o->logo_width, 1, 100, 100, error) &&
         set_option (recipe, "logo-opacity", o->logo_opacity, 0, 100, 100, error) &&
         set_option (recipe, "logo-margin", o->logo_margin, 0, 25, 100, error);
}

/**
 * vt_cli_output_options_apply:
 *
 * Puts the options given into @recipe, after --sizes and --preset: every
 * size gets --format's formats.
 */
gboolean
vt_cli_output_options_apply (VtCliOutputOptions  *o,
                             VtRecipe            *recipe,
                             GError             **error)
{
  if (o->formats != NULL)
    {
      /* "jpeg,webp" on the command line, "jpeg+webp" in the sizes text. */
      g_autofree char *formats = g_strdelimit (g_strdup (o->formats), ",", '+');
      guint mask;

      if (!vt_format_mask_from_string (formats, "+", &mask, error) ||
          !vt_recipe_set_variant_option (recipe, "format", formats, error))
        return FALSE;
    }
  if (o->webp_lossless)
    g_object_set (recipe, "webp-lossless", TRUE, NULL);
  return set_option (recipe, "webp-quality", o->webp_quality, 1, 100, 1, error) &&
         set_option (recipe, "avif-quality", o->avif_quality, 1, 100, 1, error) &&
         set_option (recipe, "avif-speed", o->avif_speed, 0, 10, 1, error) &&
         set_option (recipe, "png-level", o->png_level, 0, 9, 1, error) &&
         set_logo (o, recipe, error);
}
