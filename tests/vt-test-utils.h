/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-test-utils.h: fixtures and pixel comparisons shared by the tests */
#pragma once

#include "vitrina-engine.h"

G_BEGIN_DECLS

/* One test of a test program: its path and its function, for a table
 * given to vt_test_main() or vt_test_add_funcs(). */
typedef struct {
  const char *path;
  GTestFunc   func;
} VtTestCase;

int              vt_test_main          (int              *argc,
                                        char           ***argv,
                                        const VtTestCase *tests,
                                        gsize             n_tests);
void             vt_test_add_funcs     (const VtTestCase *tests,
                                        gsize             n_tests);

/* The main() of a test program that runs the VtTestCase table @tests. */
#define VT_TEST_MAIN(tests)                                              \
  int                                                                    \
  main (int argc, char **argv)                                           \
  {                                                                      \
    return vt_test_main (&argc, &argv, (tests), G_N_ELEMENTS (tests));   \
  }

char            *vt_test_fixture_path  (const char      *name);
cairo_surface_t *vt_test_load_fixture  (const char      *name);
void             vt_test_copy_fixture  (const char      *name,
                                        const char      *dir,
                                        const char      *as);
cairo_surface_t *vt_test_load_file     (const char      *path);
cairo_surface_t *vt_test_as_written    (VtPipeline      *pipeline,
                                        cairo_surface_t *rendered,
                                        guint            variant,
                                        VtFormat         format);
void             vt_test_write_jpeg    (cairo_surface_t *surface,
                                        int              quality,
                                        const char      *path);
/* A flat JPEG written by libjpeg itself, with what the engine's encoder
 * does not offer. */
typedef struct {
  int           width;
  int           height;
  guint8        rgb[3];
  int           quality;      /* 0: libjpeg's default */
  gboolean      arithmetic;   /* arithmetic coding instead of Huffman */
  GBytes       *icc;          /* an ICC profile to embed, or NULL */
} VtTestLibjpeg;

void             vt_test_write_libjpeg (const char          *path,
                                        const VtTestLibjpeg *spec);
guint32          vt_test_pixel         (cairo_surface_t *surface,
                                        int              x,
                                        int              y);
int              vt_test_max_diff      (cairo_surface_t *a,
                                        cairo_surface_t *b);
double           vt_test_psnr          (cairo_surface_t *a,
                                        cairo_surface_t *b);
cairo_surface_t *vt_test_noise         (int              width,
                                        int              height,
                                        guint32          seed);
void             vt_test_set_simd      (gboolean         simd);
char            *vt_test_make_tmpdir   (void);
void             vt_test_remove_tree   (const char      *path);

/* A temporary folder removed with all it holds when it goes out of scope:
 * g_autoptr(VtTestDir) dir = vt_test_make_tmpdir (); */
typedef char VtTestDir;
void             vt_test_dir_free      (VtTestDir       *dir);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtTestDir, vt_test_dir_free)

GPtrArray       *vt_test_list_files    (const char      *dir);
void             vt_test_assert_whole_outputs (const char *dir,
                                               gboolean    temporaries_allowed);
gboolean         vt_test_mount_small_disk   (const char *dir,
                                             guint       kib);
void             vt_test_grow_small_disk    (const char *dir,
                                             guint       kib);
void             vt_test_unmount_small_disk (const char *dir);
const char      *vt_test_cli_path      (void);
JsonObject      *vt_test_load_report   (JsonParser      *parser,
                                        const char      *path);

/* What a job run by vt_test_run_job() told its handlers, each of which
 * checks it runs on the main thread and that no result comes after the end. */
typedef struct {
  GThread  *main_thread;
  guint     n_results;
  guint     n_finished;
  gboolean  cancelled;
  gboolean  cancel_on_first;   /* cancel the job at its first result */
} VtTestEvents;

VtJob           *vt_test_run_job       (VtRecipe        *recipe,
                                        const char      *in,
                                        const char      *out,
                                        guint            n_workers,
                                        gboolean         skip_existing,
                                        VtTestEvents    *ev);

void             vt_test_batch_dirs_make (char **dir,
                                          char **in,
                                          char **out);
void             vt_test_batch_dirs_free (char **dir,
                                          char **in,
                                          char **out);

/* A temporary folder for a batch: its photos in in/, its outputs in out/
 * and its report; for g_test_add() with GUINT_TO_POINTER (n_photos). */
typedef struct {
  char *dir;
  char *in;
  char *out;
  char *report;
} VtTestFolders;

void             vt_test_folders_set_up    (VtTestFolders *f,
                                            gconstpointer  n_photos);
void             vt_test_folders_tear_down (VtTestFolders *f,
                                            gconstpointer  data);

/* A temporary folder: sample photos in in/, an out/ folder to come and a
 * red 20 × 10 SVG logo, for the tests of formats and logos. */
typedef struct {
  char *dir;
  char *in;
  char *out;
  char *logo;
} VtTestLogoFolder;

void             vt_test_logo_folder_add (const char  *path,
                                          int          photo_width,
                                          int          photo_height,
                                          void       (*test) (VtTestLogoFolder *, gconstpointer));

/* What a command run by vt_test_run() said and how it ended. */
typedef struct {
  int   status;   /* the exit status, or -1 when a signal ended it */
  char *out;
  char *err;
} VtTestRun;

void             vt_test_run_clear     (VtTestRun          *run);
void             vt_test_run           (VtTestRun          *run,
                                        const char * const *env,
                                        const char         *input,
                                        const char         *program,
                                        ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VtTestRun, vt_test_run_clear)

void             vt_test_assert_run_at (const char      *file,
                                        int              line,
                                        const char      *func,
                                        const VtTestRun *run,
                                        int              status,
                                        const char      *out,
                                        const char      *err);

/* Asserts that @run ended with @status and, unless NULL, that its standard
 * output holds @out and its standard error @err. */
#define vt_assert_run(run, status, out, err) \
  vt_test_assert_run_at (__FILE__, __LINE__, G_STRFUNC, (run), (status), (out), (err))

const char * const *vt_test_spanish_env (void);

#define vt_assert_rgb(surface, x, y, r, g, b, tolerance) G_STMT_START { \
    guint32 _p = vt_test_pixel ((surface), (x), (y));                  \
    g_assert_cmpint (ABS ((int) ((_p >> 16) & 0xFF) - (r)), <=, (tolerance)); \
    g_assert_cmpint (ABS ((int) ((_p >> 8) & 0xFF) - (g)), <=, (tolerance));  \
    g_assert_cmpint (ABS ((int) (_p & 0xFF) - (b)), <=, (tolerance));         \
  } G_STMT_END

G_END_DECLS
