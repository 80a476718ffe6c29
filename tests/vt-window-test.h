/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-test.h: set-up, waiting and widget look-ups shared by the window tests */
#pragma once

#include <adwaita.h>
#include <libsoup/soup.h>

#include "vt-recipe-panel.h"
#include "vt-window.h"

G_BEGIN_DECLS

/* A local http server answering every path with one sample photo. */
typedef struct {
  SoupServer *server;
  GBytes     *jpeg;
  int         port;
  char       *links;   /* two links to it, one a line */
} VtTestServer;

/* A window on a temporary folder of sample photos (in/) and its output
 * folder (out/), with settings reset to their defaults. */
typedef struct {
  char          *dir;
  char          *in;
  char          *out;
  VtWindow      *window;
  VtRecipePanel *panel;
  GSettings     *settings;
  guint          n_finished;
  gboolean       cancelled;
} VtWindowFixture;

/* What every window of one test program needs beyond the defaults. */
typedef struct {
  int    width;                           /* default size; 0 keeps the natural size */
  int    height;
  void (*prepare) (VtWindowFixture *f);   /* after the set-up's photos are written, before the window is made */
  guint  settle_ms;                       /* main loop time after the window is shown */
  gboolean app_localedir;                 /* no $VITRINA_LOCALEDIR: translations found as the app finds them */
} VtWindowOptions;

/* One window test, for a table given to vt_test_window_main(): its path
 * and the test, which starts on an empty folder and writes the photos it
 * needs with vt_test_window_write_photos(). */
typedef struct {
  const char *path;
  void      (*test) (VtWindowFixture *, gconstpointer);
} VtWindowTest;

/* The main() of a window test program that runs the VtWindowTest table
 * @tests, with the VtWindowOptions @options (NULL: the defaults). */
#define VT_WINDOW_TEST_MAIN(tests, options)                              \
  int                                                                    \
  main (int argc, char **argv)                                           \
  {                                                                      \
    return vt_test_window_main (&argc, &argv, (options),                 \
                                (tests), G_N_ELEMENTS (tests));          \
  }

int               vt_test_window_main      (int                   *argc,
                                            char                ***argv,
                                            const VtWindowOptions *options,
                                            const VtWindowTest    *tests,
                                            gsize                  n_tests);
void              vt_test_window_add_all   (const VtWindowTest    *tests,
                                            gsize                  n_tests);
gboolean          vt_test_window_init      (int              *argc,
                                            char           ***argv);
void              vt_test_window_add       (const char       *path,
                                            guint             n_photos,
                                            void            (*test) (VtWindowFixture *, gconstpointer));
int               vt_test_window_run       (void);
void              vt_test_window_set_options (const VtWindowOptions *options);

void              vt_test_window_set_up    (VtWindowFixture  *f,
                                            gconstpointer     n_photos);
void              vt_test_window_tear_down (VtWindowFixture  *f,
                                            gconstpointer     data);
void              vt_test_window_write_photos (VtWindowFixture *f,
                                               guint            n_photos);
void              vt_test_window_choose_photos (VtWindowFixture *f,
                                                guint            n_photos);
void              vt_test_window_measure_scaling (VtWindowFixture *f,
                                                  guint            n_photos);
void              vt_test_window_open      (VtWindowFixture  *f);
void              vt_test_window_set_input (VtWindowFixture  *f);
gboolean          vt_test_batch_done       (VtWindowFixture  *f);
gboolean          vt_test_not_busy         (VtWindowFixture  *f);
gboolean          vt_test_dialog_shown     (VtWindowFixture  *f);
void              vt_test_save_png         (GtkWidget        *widget,
                                            const char       *path);
void              vt_test_window_screenshot (VtWindowFixture *f,
                                             const char      *name);
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
void              vt_test_speak_spanish    (const char       *localedir);
void              vt_test_speak_default    (const char       *language);
void              vt_test_assert_imported  (const char       *dir,
                                            guint             n_photos);
void              vt_test_server_start     (VtTestServer     *s);
void              vt_test_server_stop      (VtTestServer     *s);

G_END_DECLS
