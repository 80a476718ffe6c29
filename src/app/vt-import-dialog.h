/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-import-dialog.h: links pasted or opened, for the window to download */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VT_TYPE_IMPORT_DIALOG (vt_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VtImportDialog, vt_import_dialog, VT, IMPORT_DIALOG, AdwMessageDialog)

VtImportDialog *vt_import_dialog_new       (GtkWindow      *parent);
char           *vt_import_dialog_dup_links (VtImportDialog *self);
void            vt_import_dialog_set_links (VtImportDialog *self,
                                            const char     *links);
void            vt_import_dialog_set_problem (VtImportDialog *self,
                                              const char     *problem);
const char     *vt_import_dialog_get_problem (VtImportDialog *self);

G_END_DECLS
