/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-file-chooser.h: one way to ask for a folder or a file, whatever the GTK */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  VT_FILE_CHOOSER_SELECT_FOLDER,
  VT_FILE_CHOOSER_OPEN,
  VT_FILE_CHOOSER_SAVE,
} VtFileChooserMode;

void   vt_file_chooser_choose_async  (GtkWindow           *parent,
                                      VtFileChooserMode    mode,
                                      const char          *title,
                                      const char          *accept_label,
                                      GtkFileFilter       *filter,
                                      const char          *initial_name,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GFile *vt_file_chooser_choose_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
