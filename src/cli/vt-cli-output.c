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

static gboolean
check_range (const char  *option,
             double       value,
             double       min,
             double       max,
             GError     **error)
{
  if (value >= min && value <= max)
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s must be between %g and %g; got %g"), option, min, max, value);
  return FALSE;
}

/* The options left at -1 were not given. */
static gboolean
set_int (VtRecipe    *recipe,
         const char  *property,
         int          value,
         int          min,
         int          max,
         GError     **error)
{
  g_autofree char *option = g_strconcat ("--", property, NULL);

  if (value == -1)
    return TRUE;
  if (!check_range (option, value, min, max, error))
    return FALSE;
  g_object_set (recipe, property, value, NULL);
  return TRUE;
}

/* Percent on the command line, a fraction in the recipe. */
static gboolean
set_percent (VtRecipe    *recipe,
             const char  *property,
             double       value,
             double       min,
             double       max,
             GError     **error)
{
  g_autofree char *option = g_strconcat ("--", property, NULL);

  if (value == -1)
    return TRUE;
  if (!check_range (option, value, min, max, error))
    return FALSE;
  g_object_set (recipe, property, value / 100, NULL);
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
  return set_percent (recipe, "logo-width", o->logo_width, 1, 100, error) &&
         set_percent (recipe, "logo-opacity", o->logo_opacity, 0, 100, error) &&
         set_percent (recipe, "logo-margin", o->logo_margin, 0, 25, error);
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
  return set_int (recipe, "webp-quality", o->webp_quality, 1, 100, error) &&
         set_int (recipe, "avif-quality", o->avif_quality, 1, 100, error) &&
         set_int (recipe, "avif-speed", o->avif_speed, 0, 10, error) &&
         set_int (recipe, "png-level", o->png_level, 0, 9, error) &&
         set_logo (o, recipe, error);
}
