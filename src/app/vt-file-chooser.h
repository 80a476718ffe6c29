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

/* What to ask for; the callers name only the fields they set. */
typedef struct {
  VtFileChooserMode  mode;
  const char        *title;
  const char        *accept_label;  /* nullable: GTK's own label */
  GtkFileFilter     *filter;        /* nullable: any file */
  const char        *initial_name;  /* nullable: for a file to save */
} VtFileChooserRequest;

void   vt_file_chooser_choose_async  (GtkWidget                   *widget,
                                      const VtFileChooserRequest  *request,
                                      GAsyncReadyCallback          callback,
                                      gpointer                     user_data);
GFile *vt_file_chooser_choose_finish (GAsyncResult                *result,
                                      GError                     **error);

G_END_DECLS
