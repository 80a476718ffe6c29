/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-test-utils.h: fixtures and pixel comparisons shared by the tests */
#pragma once

#include "vitrina-engine.h"

G_BEGIN_DECLS

char            *vt_test_fixture_path  (const char      *name);
cairo_surface_t *vt_test_load_fixture  (const char      *name);
cairo_surface_t *vt_test_load_file     (const char      *path);
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
GPtrArray       *vt_test_list_files    (const char      *dir);
void             vt_test_assert_whole_outputs (const char *dir,
                                               gboolean    temporaries_allowed);
gboolean         vt_test_mount_small_disk   (const char *dir,
                                             guint       kib);
void             vt_test_grow_small_disk    (const char *dir,
                                             guint       kib);
void             vt_test_unmount_small_disk (const char *dir);
const char      *vt_test_cli_path      (void);

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

const char * const *vt_test_spanish_env (void);

#define vt_assert_rgb(surface, x, y, r, g, b, tolerance) G_STMT_START { \
    guint32 _p = vt_test_pixel ((surface), (x), (y));                  \
    g_assert_cmpint (ABS ((int) ((_p >> 16) & 0xFF) - (r)), <=, (tolerance)); \
    g_assert_cmpint (ABS ((int) ((_p >> 8) & 0xFF) - (g)), <=, (tolerance));  \
    g_assert_cmpint (ABS ((int) (_p & 0xFF) - (b)), <=, (tolerance));         \
  } G_STMT_END

G_END_DECLS
