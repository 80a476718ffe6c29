/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-rules.h: a sales channel's rules for a main photo, as data */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VT_RULES_SUFFIX ".rules"

/* Every limit is optional: 0, FALSE or NULL when the channel sets none. */
typedef struct {
  int       min_longest_side;      /* pixels, for zoom */
  int       min_shortest_side;     /* pixels: a W × W minimum */
  int       max_longest_side;
  int       advised_longest_side;  /* advice, not a rule */
  gboolean  advised_square;        /* advice, not a rule */
  gboolean  white_background;      /* the frame's edges #FFFFFF */
  double    min_fill;              /* percent of the frame the product spans */
  gboolean  no_watermark;          /* on the main photo */
  guint64   max_file_bytes;
  char    **formats;               /* "jpeg", "png", … */
} VtRuleSet;

#define VT_TYPE_RULES (vt_rules_get_type ())
G_DECLARE_FINAL_TYPE (VtRules, vt_rules, VT, RULES, GObject)

char           **vt_rules_list_channels     (void);
VtRules         *vt_rules_load              (const char  *name_or_path,
                                             GError     **error);
VtRules         *vt_rules_new_from_key_file (GKeyFile    *key_file,
                                             GError     **error);
const char      *vt_rules_get_title         (VtRules     *self);
const char      *vt_rules_get_main_size     (VtRules     *self);
const VtRuleSet *vt_rules_get_set           (VtRules     *self);

G_END_DECLS
