/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-presets.h: named recipes, built in and the user's own */
#pragma once

#include <gio/gio.h>

#include "vt-recipe.h"

G_BEGIN_DECLS

#define VT_PRESET_SUFFIX ".recipe"

typedef struct {
  char     *name;         /* "mercado-libre" */
  char     *description;  /* translated */
  char     *uri;          /* resource:// for built-ins, file:// for the user's */
  gboolean  builtin;
} VtPreset;

void       vt_preset_free          (VtPreset    *preset);
GPtrArray *vt_presets_list         (void);
char      *vt_presets_get_user_dir (void);
void       vt_presets_ensure_resources (void);
gboolean   vt_presets_load         (VtRecipe    *recipe,
                                    const char  *name_or_path,
                                    GError     **error);
gboolean   vt_presets_load_file    (VtRecipe    *recipe,
                                    GFile       *file,
                                    GError     **error);
char      *vt_presets_save         (VtRecipe    *recipe,
                                    const char  *name,
                                    GError     **error);
gboolean   vt_presets_check_name   (const char  *name,
                                    GError     **error);
gboolean   vt_presets_rename       (const char  *from,
                                    const char  *to,
                                    GError     **error);
GBytes    *vt_presets_delete       (const char  *name,
                                    GError     **error);
gboolean   vt_presets_restore      (const char  *name,
                                    GBytes      *contents,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtPreset, vt_preset_free)

G_END_DECLS
