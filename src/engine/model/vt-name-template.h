/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-name-template.h: output names from a template of {stem}, {variant}, {width} and {height} */
#pragma once

#include "vt-recipe.h"

G_BEGIN_DECLS

gboolean vt_name_template_check_syntax (const char       *name_template,
                                        GError          **error);
char    *vt_name_template_expand       (const char       *name_template,
                                        const VtVariant  *variant,
                                        const char       *stem,
                                        guint             counter);

G_END_DECLS
