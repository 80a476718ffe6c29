/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-preflight.h: which of a channel's rules a main photo breaks */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "vt-recipe.h"
#include "vt-rules.h"

G_BEGIN_DECLS

typedef enum {
  VT_RULE_TOO_SMALL,   /* below the channel's minimum size (zoom) */
  VT_RULE_TOO_LARGE,
  VT_RULE_NOT_WHITE,   /* an edge of the frame is not #FFFFFF */
  VT_RULE_FILL,        /* the product spans less of the frame than asked */
  VT_RULE_WATERMARK,   /* the recipe watermarks the main photo */
  VT_RULE_FILE_SIZE,
  VT_RULE_FORMAT,
  VT_RULE_ADVICE,      /* below what the channel advises: not a failure */
  VT_RULE_UNREADABLE,  /* the file cannot be decoded to be checked */
} VtRule;

typedef struct {
  VtRule  rule;
  char   *message;     /* translated, one line */
} VtPreflightIssue;

const char *vt_rule_get_id             (VtRule           rule);
guint      vt_preflight_rules_checked (VtRules          *rules);
VtPreflightIssue *vt_preflight_issue_new (VtRule         rule,
                                       const char       *message);
VtPreflightIssue *vt_preflight_issue_copy (const VtPreflightIssue *issue);
void       vt_preflight_issue_free    (VtPreflightIssue *issue);
gboolean   vt_preflight_passes        (GPtrArray        *issues);
char      *vt_preflight_dup_reasons   (GPtrArray        *issues);
GPtrArray *vt_preflight_check_recipe  (VtRules          *rules,
                                       VtRecipe         *recipe);
GPtrArray *vt_preflight_check_surface (VtRules          *rules,
                                       cairo_surface_t  *surface);
GPtrArray *vt_preflight_check_render  (VtRules          *rules,
                                       VtRecipe         *recipe,
                                       cairo_surface_t  *surface,
                                       GBytes           *encoded);
GPtrArray *vt_preflight_check_file    (VtRules          *rules,
                                       const char       *path,
                                       GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtPreflightIssue, vt_preflight_issue_free)

G_END_DECLS
