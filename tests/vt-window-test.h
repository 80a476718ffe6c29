/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-test.h: set-up, waiting and widget look-ups shared by the window tests */
#pragma once

#include <adwaita.h>

#include "vt-window.h"

G_BEGIN_DECLS

/* A window on a temporary folder of sample photos (in/) and its output
 * folder (out/), with settings reset to their defaults. */
typedef struct {
  char      *dir;
  char      *in;
  char      *out;
  VtWindow  *window;
  GSettings *settings;
  guint      n_finished;
  gboolean   cancelled;
} VtWindowFixture;

gboolean          vt_test_window_init      (int              *argc,
                                            char           ***argv);
void              vt_test_window_add       (const char       *path,
                                            guint             n_photos,
                                            void            (*test) (VtWindowFixture *, gconstpointer));
int               vt_test_window_run       (void);

void              vt_test_window_set_up    (VtWindowFixture  *f,
                                            gconstpointer     n_photos);
void              vt_test_window_tear_down (VtWindowFixture  *f,
                                            gconstpointer     data);
void              vt_test_window_set_input (VtWindowFixture  *f);
gboolean          vt_test_batch_done       (VtWindowFixture  *f);
gboolean          vt_test_not_busy         (VtWindowFixture  *f);
void              vt_test_spin_until       (gboolean        (*cond) (VtWindowFixture *),
                                            VtWindowFixture  *f,
                                            guint             ms);

GSettings        *vt_test_settings_new     (void);
gpointer          vt_test_child            (gpointer          widget,
                                            GType             type,
                                            const char       *name);
void              vt_test_iterate          (guint             ms);
void              vt_test_drain            (void);
AdwMessageDialog *vt_test_find_dialog      (void);
char             *vt_test_dialog_rows      (AdwMessageDialog *dialog);
void              vt_test_destroy_dialogs  (void);
gboolean          vt_test_is_toplevel      (GtkWindow        *window);

G_END_DECLS
