/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-preflight.c: which of a channel's rules a main photo breaks
 *
 * The same checks serve a recipe before a batch (a watermark on the main
 * size), a photo in memory (the preview) and a file as written or as it
 * would be uploaded (size, format, edges, fill). Each broken rule is named
 * in one line, so a shop sees every reason at once, not the first.
 */
#define G_LOG_DOMAIN "vt-preflight"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vt-image.h"
#include "vt-preflight.h"
#include "vt-trim.h"

/* The edge ring checked for white, in pixels, and how far below 255 a
 * pixel may be: a JPEG's rounding, not a visible tint. */
#define EDGE_DEPTH 2
#define WHITE_SLACK 2
/* The fill is measured on anti-aliased edges: one percent of slack. */
#define FILL_SLACK 1.0
/* A product's box with this share of each side not white is a rectangle
 * of backdrop, not a product's outline. */
#define PASTED_SHARE 0.95
/* Off-white: every channel at least this light, and at most this far apart. */
#define OFF_WHITE_FLOOR 200
#define OFF_WHITE_TINT 24

/**
 * vt_rule_get_id:
 *
 * Returns: the rule's name in reports, stable across languages
 */
const char *
vt_rule_get_id (VtRule rule)
{
  static const char * const ids[] = {
    "too-small", "too-large", "not-white", "fill", "watermark", "file-size", "format",
    "advice", "unreadable",
  };

  g_return_val_if_fail (rule < G_N_ELEMENTS (ids), NULL);
  return ids[rule];
}

/**
 * vt_preflight_rules_checked:
 *
 * Returns: a mask of `1 << VtRule`, one bit for each rule @rules sets, so
 * that a report can name the rules a photo passed, not only those it broke
 */
guint
vt_preflight_rules_checked (VtRules *rules)
{
  const VtRuleSet *set = vt_rules_get_set (rules);
  guint mask = 0;

  if (set->min_longest_side > 0 || set->min_shortest_side > 0)
    mask |= 1u << VT_RULE_TOO_SMALL;
  if (set->max_longest_side > 0)
    mask |= 1u << VT_RULE_TOO_LARGE;
  if (set->white_background)
    mask |= 1u << VT_RULE_NOT_WHITE;
  if (set->min_fill > 0)
    mask |= 1u << VT_RULE_FILL;
  if (set->no_watermark)
    mask |= 1u << VT_RULE_WATERMARK;
  if (set->max_file_bytes > 0)
    mask |= 1u << VT_RULE_FILE_SIZE;
  if (set->formats != NULL)
    mask |= 1u << VT_RULE_FORMAT;
  return mask;
}

VtPreflightIssue *
vt_preflight_issue_new (VtRule      rule,
                        const char *message)
{
  VtPreflightIssue *issue = g_new0 (VtPreflightIssue, 1);

  issue->rule = rule;
  issue->message = g_strdup (message);
  return issue;
}

VtPreflightIssue *
vt_preflight_issue_copy (const VtPreflightIssue *issue)
{
  return vt_preflight_issue_new (issue->rule, issue->message);
}

void
vt_preflight_issue_free (VtPreflightIssue *issue)
{
  g_free (issue->message);
  g_free (issue);
}

static void
add_issue (GPtrArray  *issues,
           VtRule      rule,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
add_issue (GPtrArray  *issues,
           VtRule      rule,
           const char *format,
           ...)
{
  VtPreflightIssue *issue = g_new0 (VtPreflightIssue, 1);
  va_list args;

  va_start (args, format);
  issue->rule = rule;
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (issues, issue);
}

static GPtrArray *
issues_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) vt_preflight_issue_free);
}

/**
 * vt_preflight_passes:
 *
 * Returns: whether @issues holds nothing but advice
 */
gboolean
vt_preflight_passes (GPtrArray *issues)
{
  for (guint i = 0; i < issues->len; i++)
    if (((VtPreflightIssue *) g_ptr_array_index (issues, i))->rule != VT_RULE_ADVICE)
      return FALSE;
  return TRUE;
}

/**
 * vt_preflight_dup_reasons:
 *
 * Returns: (transfer full) (nullable): the broken rules of @issues, one a
 * line, %NULL when none is broken
 */
char *
vt_preflight_dup_reasons (GPtrArray *issues)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      const VtPreflightIssue *issue = g_ptr_array_index (issues, i);

      if (issue->rule == VT_RULE_ADVICE)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, issue->message);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/**
 * vt_preflight_check_recipe:
 *
 * Returns: (transfer full) (element-type VtPreflightIssue): the rules that
 * @recipe breaks whatever the photos
 */
GPtrArray *
vt_preflight_check_recipe (VtRules  *rules,
                           VtRecipe *recipe)
{
  const VtRuleSet *set = vt_rules_get_set (rules);
  const char *main_size = vt_rules_get_main_size (rules);
  GPtrArray *issues = issues_new ();

  for (guint i = 0; i < vt_recipe_get_n_variants (recipe); i++)
    {
      const VtVariant *variant = vt_recipe_get_variant (recipe, i);

      if (!g_str_equal (variant->name, main_size))
        continue;
      if (set->no_watermark && variant->watermark && vt_recipe_get_watermark (recipe))
        add_issue (issues, VT_RULE_WATERMARK,
                   _("a watermark on the main photo (size “%s”): %s allows no text, logo or watermark there"),
                   main_size, vt_rules_get_title (rules));
      return issues;
    }
  add_issue (issues, VT_RULE_ADVICE, _("the recipe has no size called “%s”, the main photo %s checks"),
             main_size, vt_rules_get_title (rules));
  return issues;
}

static void
check_size (const VtRuleSet *set,
            int              w,
            int              h,
            GPtrArray       *issues)
{
  int longest = MAX (w, h), shortest = MIN (w, h);

  if (set->min_longest_side > 0 && longest < set->min_longest_side)
    add_issue (issues, VT_RULE_TOO_SMALL,
               _("too small for zoom: %d × %d, the longest side must be at least %d px"),
               w, h, set->min_longest_side);
  if (set->min_shortest_side > 0 && shortest < set->min_shortest_side)
    add_issue (issues, VT_RULE_TOO_SMALL, _("too small: %d × %d, at least %d × %d px asked"),
               w, h, set->min_shortest_side, set->min_shortest_side);
  if (set->max_longest_side > 0 && longest > set->max_longest_side)
    add_issue (issues, VT_RULE_TOO_LARGE, _("too large: %d × %d, the longest side may be %d px at most"),
               w, h, set->max_longest_side);
  if (set->advised_longest_side > 0 && longest < set->advised_longest_side)
    add_issue (issues, VT_RULE_ADVICE, _("smaller than the advised %d px on the longest side"),
               set->advised_longest_side);
  if (set->advised_square && w != h)
    add_issue (issues, VT_RULE_ADVICE, _("not square, as advised"));
}

static gboolean
rect_is_white (const guint8 *data,
               int           stride,
               int           x0,
               int           y0,
               int           x1,
               int           y1)
{
  for (int y = y0; y < y1; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = x0; x < x1; x++)
        {
          guint32 p = row[x];
          if (((p >> 16) & 0xFF) < 255 - WHITE_SLACK || ((p >> 8) & 0xFF) < 255 - WHITE_SLACK ||
              (p & 0xFF) < 255 - WHITE_SLACK)
            return FALSE;
        }
    }
  return TRUE;
}

/* Names the edges of the frame that are not white. */
static void
check_white (cairo_surface_t *surface,
             GPtrArray       *issues)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int d = MIN (EDGE_DEPTH, MIN (w, h));
  const char *names[4] = { _("top"), _("bottom"), _("left"), _("right") };
  gboolean white[4] = {
    rect_is_white (data, stride, 0, 0, w, d),
    rect_is_white (data, stride, 0, h - d, w, h),
    rect_is_white (data, stride, 0, 0, d, h),
    rect_is_white (data, stride, w - d, 0, w, h),
  };
  g_autoptr(GPtrArray) sides = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (int i = 0; i < 4; i++)
    if (!white[i])
      g_ptr_array_add (sides, (gpointer) names[i]);
  if (sides->len == 0)
    return;
  g_ptr_array_add (sides, NULL);
  list = g_strjoinv (", ", (char **) sides->pdata);
  add_issue (issues, VT_RULE_NOT_WHITE,
             g_dngettext (GETTEXT_PACKAGE, "background not pure white (#FFFFFF) at the %s edge",
                          "background not pure white (#FFFFFF) at the %s edges", sides->len - 1),
             list);
}

static void
check_fill (const VtRuleSet *set,
            cairo_surface_t *surface,
            const VtTrim    *trim,
            GPtrArray       *issues)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  double fill;

  if (!trim->found)
    {
      add_issue (issues, VT_RULE_FILL, _("no product found on a plain background to measure its fill"));
      return;
    }
  fill = 100.0 * MAX ((double) trim->box.width / w, (double) trim->box.height / h);
  if (fill < set->min_fill - FILL_SLACK)
    add_issue (issues, VT_RULE_FILL, _("the product fills %.0f %% of the frame, at least %.0f %% asked"),
               fill, set->min_fill);
}

/* Share of the pixels from (x, y), @n steps of (dx, dy), that are off-white:
 * light and grey, as studio paper is, but not white. */
static double
share_off_white (cairo_surface_t *surface,
                 int              x,
                 int              y,
                 int              dx,
                 int              dy,
                 int              n)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int count = 0;

  for (int i = 0; i < n; i++, x += dx, y += dy)
    {
      guint32 p = ((const guint32 *) (data + (gsize) y * stride))[x];
      int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
      int lo = MIN (r, MIN (g, b)), hi = MAX (r, MAX (g, b));

      count += lo >= OFF_WHITE_FLOOR && hi < 255 - WHITE_SLACK && hi - lo <= OFF_WHITE_TINT;
    }
  return (double) count / MAX (n, 1);
}

/* A studio shot padded onto white has white edges, but its own off-white
 * paper fills the product's box right to each of the box's sides: no
 * product outline does that on all four. */
static void
check_pasted (cairo_surface_t *surface,
              const VtTrim    *trim,
              GPtrArray       *issues)
{
  const cairo_rectangle_int_t *b = &trim->box;
  int right = b->x + b->width - 1, bottom = b->y + b->height - 1;

  if (!trim->found ||
      share_off_white (surface, b->x, b->y, 1, 0, b->width) < PASTED_SHARE ||
      share_off_white (surface, b->x, bottom, 1, 0, b->width) < PASTED_SHARE ||
      share_off_white (surface, b->x, b->y, 0, 1, b->height) < PASTED_SHARE ||
      share_off_white (surface, right, b->y, 0, 1, b->height) < PASTED_SHARE)
    return;
  add_issue (issues, VT_RULE_NOT_WHITE,
             _("background not pure white around the product: an off-white backdrop fills a rectangle on the white"));
}

/**
 * vt_preflight_check_surface:
 *
 * Returns: (transfer full) (element-type VtPreflightIssue): the rules that
 * @surface, as a main photo, breaks
 */
GPtrArray *
vt_preflight_check_surface (VtRules         *rules,
                            cairo_surface_t *surface)
{
  const VtRuleSet *set = vt_rules_get_set (rules);
  GPtrArray *issues = issues_new ();

  VtTrim trim;

  cairo_surface_flush (surface);
  check_size (set, cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
              issues);
  if (!set->white_background && set->min_fill <= 0)
    return issues;

  vt_trim_find (surface, VT_TRIM_DEFAULT_TOLERANCE, &trim);
  if (set->white_background)
    {
      check_white (surface, issues);
      check_pasted (surface, &trim, issues);
    }
  if (set->min_fill > 0)
    check_fill (set, surface, &trim, issues);
  return issues;
}

/* The format from the file's first bytes, as the channels name them. */
static const char *
sniff_format (const guint8 *d,
              gsize         n)
{
  if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return "jpeg";
  if (n >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (n >= 4 && memcmp (d, "GIF8", 4) == 0)
    return "gif";
  if (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return "webp";
  if (n >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    return "tiff";
  if (n >= 2 && memcmp (d, "BM", 2) == 0)
    return "bmp";
  if (n >= 12 && memcmp (d + 4, "ftyp", 4) == 0)
    return memcmp (d + 8, "avif", 4) == 0 || memcmp (d + 8, "avis", 4) == 0 ? "avif" : "heif";
  return "unknown";
}

static void
check_bytes (const VtRuleSet *set,
             GBytes          *bytes,
             GPtrArray       *issues)
{
  gsize size = g_bytes_get_size (bytes);
  const char *format = sniff_format (g_bytes_get_data (bytes, NULL), size);

  if (set->max_file_bytes > 0 && size > set->max_file_bytes)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *limit = g_format_size (set->max_file_bytes);
      add_issue (issues, VT_RULE_FILE_SIZE, _("file too large: %s, %s at most"), have, limit);
    }
  if (set->formats != NULL && !g_strv_contains ((const char * const *) set->formats, format))
    {
      g_autofree char *allowed = g_strjoinv (", ", set->formats);
      add_issue (issues, VT_RULE_FORMAT, _("wrong format: %s, the channel takes %s"), format, allowed);
    }
}

/**
 * vt_preflight_check_file:
 *
 * Returns: (transfer full) (element-type VtPreflightIssue): the rules that
 * the photo at @path breaks, or %NULL with @error set when it cannot be read
 */
GPtrArray *
vt_preflight_check_file (VtRules     *rules,
                         const char  *path,
                         GError     **error)
{
  VtLoadHints hints = { 0, 0, FALSE, FALSE, VT_IMAGE_DEFAULT_MAX_PIXELS };
  g_autoptr(GBytes) bytes = vt_image_read (path, error);
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(GPtrArray) bytes_issues = issues_new ();
  GPtrArray *issues;

  if (bytes == NULL)
    return NULL;
  surface = vt_image_load (bytes, &hints, error);
  if (surface == NULL)
    return NULL;

  issues = vt_preflight_check_surface (rules, surface);
  check_bytes (vt_rules_get_set (rules), bytes, bytes_issues);
  g_ptr_array_extend_and_steal (issues, g_steal_pointer (&bytes_issues));
  return issues;
}

/**
 * vt_preflight_check_render:
 * @surface: a main photo as rendered, before encoding
 * @encoded: the file it encodes to
 *
 * The verdict on a main photo not written yet (the preview): its pixels,
 * its file and the recipe's own breaches, without decoding anything.
 *
 * Returns: (transfer full) (element-type VtPreflightIssue): the rules broken
 */
GPtrArray *
vt_preflight_check_render (VtRules         *rules,
                           VtRecipe        *recipe,
                           cairo_surface_t *surface,
                           GBytes          *encoded)
{
  GPtrArray *issues = vt_preflight_check_surface (rules, surface);
  g_autoptr(GPtrArray) recipe_issues = vt_preflight_check_recipe (rules, recipe);

  check_bytes (vt_rules_get_set (rules), encoded, issues);
  for (guint i = 0; i < recipe_issues->len; i++)
    {
      const VtPreflightIssue *issue = g_ptr_array_index (recipe_issues, i);

      if (issue->rule != VT_RULE_ADVICE)
        g_ptr_array_add (issues, vt_preflight_issue_copy (issue));
    }
  return issues;
}
