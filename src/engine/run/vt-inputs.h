/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-inputs.h: which files a batch takes from the paths it was given */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *path;
  char *subdir;   /* relative folder mirrored under each variant, "" at the top */
} VtInput;

void       vt_input_free      (VtInput            *input);
GPtrArray *vt_inputs_collect  (const char * const *paths,
                               gboolean            recursive,
                               const char         *exclude_dir);
gboolean   vt_inputs_is_ignored_name (const char  *name);
char      *vt_inputs_web_safe_name   (const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtInput, vt_input_free)

G_END_DECLS
