/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-test-utils.c: fixtures and pixel comparisons shared by the tests */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <jpeglib.h>

#include "vt-test-utils.h"

/* The main() of a test program: starts the engine as vitrina and
 * vitrina-cli do, adds @tests and runs them. */
int
vt_test_main (int               *argc,
              char            ***argv,
              const VtTestCase  *tests,
              gsize              n_tests)
{
  g_test_init (argc, argv, NULL);
  vt_engine_init ();
  vt_test_add_funcs (tests, n_tests);
  return g_test_run ();
}

/* Adds each of @tests with g_test_add_func(), in order. */
void
vt_test_add_funcs (const VtTestCase *tests,
                   gsize             n_tests)
{
  for (gsize i = 0; i < n_tests; i++)
    g_test_add_func (tests[i].path, tests[i].func);
}

char *
vt_test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

/* Copies the fixture @name into the existing folder @dir, named @as
 * there (NULL: its own name). */
void
vt_test_copy_fixture (const char *name,
                      const char *dir,
                      const char *as)
{
  g_autofree char *from = vt_test_fixture_path (name);
  g_autofree char *to = g_build_filename (dir, as != NULL ? as : name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

cairo_surface_t *
vt_test_load_fixture (const char *name)
{
  g_autofree char *path = vt_test_fixture_path (name);

  return vt_test_load_file (path);
}

/* Decodes @path, which must be a photo. */
/* @surface as JPEG at @quality in @path. */
void
vt_test_write_jpeg (cairo_surface_t *surface,
                    int              quality,
                    const char      *path)
{
  g_autoptr(GBytes) jpeg = vt_codec_jpeg_encode (surface, quality, FALSE, NULL, NULL);

  g_assert_nonnull (jpeg);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), NULL));
}

void
vt_test_write_libjpeg (const char          *path,
                       const VtTestLibjpeg *spec)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  g_autofree guint8 *row = g_new (guint8, spec->width * 3);
  FILE *f = fopen (path, "wb");

  g_assert_nonnull (f);
  for (int i = 0; i < spec->width * 3; i++)
    row[i] = spec->rgb[i % 3];
  c.err = jpeg_std_error (&err);
  jpeg_create_compress (&c);
  jpeg_stdio_dest (&c, f);
  c.image_width = spec->width, c.image_height = spec->height;
  c.input_components = 3, c.in_color_space = JCS_RGB;
  jpeg_set_defaults (&c);
  if (spec->quality > 0)
    jpeg_set_quality (&c, spec->quality, TRUE);
  c.arith_code = spec->arithmetic;
  jpeg_start_compress (&c, TRUE);
  if (spec->icc != NULL)
    jpeg_write_icc_profile (&c, g_bytes_get_data (spec->icc, NULL), g_bytes_get_size (spec->icc));
  while (c.next_scanline < c.image_height)
    {
      JSAMPROW r = row;
      jpeg_write_scanlines (&c, &r, 1);
    }
  jpeg_finish_compress (&c);
  jpeg_destroy_compress (&c);
  g_assert_cmpint (fclose (f), ==, 0);
}

/* The JSON object in @path (a batch's report), which must parse; it lives
 * as long as @parser. */
JsonObject *
vt_test_load_report (JsonParser *parser,
                     const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
job_result_cb (VtJob        *job,
               VtResult     *result,
               VtTestEvents *ev)
{
  g_assert_true (g_thread_self () == ev->main_thread);
  g_assert_cmpuint (ev->n_finished, ==, 0);
  g_assert_cmpint (vt_result_get_status (result), !=, VT_RESULT_PENDING);
  ev->n_results++;
  if (ev->cancel_on_first)
    vt_job_cancel (job);
}

static void
job_finished_cb (VtJob        *job,
                 gboolean      cancelled,
                 VtTestEvents *ev)
{
  g_assert_true (g_thread_self () == ev->main_thread);
  ev->n_finished++;
  ev->cancelled = cancelled;
}

/* Runs the photos in @in through @recipe into @out, to the end, counting
 * what the job says in @ev. */
VtJob *
vt_test_run_job (VtRecipe     *recipe,
                 const char   *in,
                 const char   *out,
                 guint         n_workers,
                 gboolean      skip_existing,
                 VtTestEvents *ev)
{
  const char *paths[] = { in, NULL };
  VtJob *job = vt_job_new (recipe, out);

  ev->main_thread = g_thread_self ();
  vt_job_set_n_workers (job, n_workers);
  vt_job_set_skip_existing (job, skip_existing);
  vt_job_add_paths (job, paths, FALSE);
  g_signal_connect (job, "result", G_CALLBACK (job_result_cb), ev);
  g_signal_connect (job, "finished", G_CALLBACK (job_finished_cb), ev);
  g_assert_true (vt_job_run_sync (job, NULL));
  return job;
}

cairo_surface_t *
vt_test_load_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (file);
  surface = vt_image_load (bytes, NULL, &error);
  g_assert_no_error (error);
  return surface;
}

/* @rendered, a variant from vt_pipeline_render(), encoded in @format as
 * the batch encodes it, then decoded: what a browser shows of the file. */
cairo_surface_t *
vt_test_as_written (VtPipeline      *pipeline,
                    cairo_surface_t *rendered,
                    guint            variant,
                    VtFormat         format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = vt_pipeline_encode (pipeline, rendered, variant, format, NULL, NULL, NULL, &error);
  cairo_surface_t *surface;

  g_assert_no_error (error);
  surface = vt_image_load (bytes, NULL, &error);
  g_assert_no_error (error);
  return surface;
}

guint32
vt_test_pixel (cairo_surface_t *surface,
               int              x,
               int              y)
{
  cairo_surface_flush (surface);
  return ((guint32 *) (cairo_image_surface_get_data (surface) +
                       (gsize) y * cairo_image_surface_get_stride (surface)))[x] & 0xFFFFFF;
}

/* The largest difference in any colour channel of two images and the sum
 * of their squares; FALSE when the sizes differ. */
static gboolean
compare (cairo_surface_t *a,
         cairo_surface_t *b,
         int             *worst,
         double          *sum_squares)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);

  if (w != cairo_image_surface_get_width (b) || h != cairo_image_surface_get_height (b))
    return FALSE;

  *worst = 0;
  *sum_squares = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = vt_test_pixel (a, x, y), q = vt_test_pixel (b, x, y);
        for (int shift = 0; shift <= 16; shift += 8)
          {
            int d = (int) ((p >> shift) & 0xFF) - (int) ((q >> shift) & 0xFF);
            *worst = MAX (*worst, ABS (d));
            *sum_squares += d * d;
          }
      }
  return TRUE;
}

/* Largest difference in any colour channel; -1 when the sizes differ. */
int
vt_test_max_diff (cairo_surface_t *a,
                  cairo_surface_t *b)
{
  int worst;
  double sum;

  return compare (a, b, &worst, &sum) ? worst : -1;
}

/* Peak signal-to-noise ratio over the three colour channels, in dB;
 * infinite when the images are equal, 0 when the sizes differ. */
double
vt_test_psnr (cairo_surface_t *a,
              cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int worst;
  double sum;

  if (!compare (a, b, &worst, &sum))
    return 0;
  return sum == 0 ? INFINITY : 10 * log10 (255.0 * 255.0 * 3 * w * h / sum);
}

/* Noise on every other row and black or white on the rest, so that the
 * loops meet every byte pair and the extremes. */
cairo_surface_t *
vt_test_noise (int     width,
               int     height,
               guint32 seed)
{
  cairo_surface_t *s = vt_image_new (width, height, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = cairo_image_surface_get_data (s);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      ((guint32 *) (data + y * cairo_image_surface_get_stride (s)))[x] =
        0xFF000000 | (y % 2 ? g_rand_int (rand) : g_rand_boolean (rand) ? 0xFFFFFF : 0);
  cairo_surface_mark_dirty (s);
  return s;
}

/* Whether the engine runs its AVX2 loops (where the CPU has them) or the
 * plain C ones, as VITRINA_NO_SIMD does for a whole run. */
void
vt_test_set_simd (gboolean simd)
{
  if (simd)
    g_unsetenv ("VITRINA_NO_SIMD");
  else
    g_setenv ("VITRINA_NO_SIMD", "1", TRUE);
}

char *
vt_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("vitrina-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
vt_test_remove_tree (const char *path)
{
  vt_remove_tree (path);
}

void
vt_test_dir_free (VtTestDir *dir)
{
  vt_test_remove_tree (dir);
  g_free (dir);
}

static void
list_into (GPtrArray  *out,
           const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir_path, name, NULL);
      if (g_str_equal (name, VT_JOB_RECIPE_STAMP))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        list_into (out, child);
      else
        g_ptr_array_add (out, g_steal_pointer (&child));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Every file under @dir, recursively, sorted; a job's recipe stamp is
 * not one of its outputs, so it is left out. */
GPtrArray *
vt_test_list_files (const char *dir)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  list_into (out, dir);
  g_ptr_array_sort (out, compare_paths);
  return out;
}

/* Every file under @dir is a whole JPEG under its final name; a hidden
 * temporary file (an interrupted write) is accepted only when allowed. */
void
vt_test_assert_whole_outputs (const char *dir,
                              gboolean    temporaries_allowed)
{
  g_autoptr(GPtrArray) files = vt_test_list_files (dir);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(cairo_surface_t) img = NULL;

      if (strstr (path, "/.vitrina-") != NULL)
        {
          g_assert_true (temporaries_allowed);
          continue;
        }
      g_assert_true (g_str_has_suffix (path, ".jpg"));
      img = vt_test_load_file (path);
    }
}

/* A tmpfs of @kib KiB mounted at @dir (created), for the tests of a full
 * disk. Mounting needs root: FALSE, with the test marked skipped, where
 * this run has none. */
gboolean
vt_test_mount_small_disk (const char *dir,
                          guint       kib)
{
  g_autofree char *mount = g_strdup_printf ("mount -t tmpfs -o size=%uk tmpfs '%s' 2>/dev/null", kib, dir);

  g_mkdir_with_parents (dir, 0755);
  if (system (mount) == 0)
    return TRUE;
  g_test_skip ("cannot mount a tmpfs here (needs root)");
  return FALSE;
}

/* The small disk at @dir made @kib KiB, its files kept: space freed. */
void
vt_test_grow_small_disk (const char *dir,
                         guint       kib)
{
  g_autofree char *remount = g_strdup_printf ("mount -o remount,size=%uk '%s'", kib, dir);

  g_assert_cmpint (system (remount), ==, 0);
}

void
vt_test_unmount_small_disk (const char *dir)
{
  g_autofree char *umount = g_strdup_printf ("umount '%s'", dir);

  g_assert_cmpint (system (umount), ==, 0);
}

/* The vitrina-cli this build made, which meson names in VITRINA_CLI. */
const char *
vt_test_cli_path (void)
{
  const char *path = g_getenv ("VITRINA_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Makes a temporary folder for a batch, *@dir, and names its in/ and
 * out/ (not made yet) in *@in and *@out. */
void
vt_test_batch_dirs_make (char **dir,
                         char **in,
                         char **out)
{
  *dir = vt_test_make_tmpdir ();
  *in = g_build_filename (*dir, "in", NULL);
  *out = g_build_filename (*dir, "out", NULL);
}

/* Removes the folder vt_test_batch_dirs_make() made, with all it holds,
 * and frees the three paths. */
void
vt_test_batch_dirs_free (char **dir,
                         char **in,
                         char **out)
{
  g_clear_pointer (dir, vt_test_dir_free);
  g_clear_pointer (in, g_free);
  g_clear_pointer (out, g_free);
}

/* Writes @n_photos (GUINT_TO_POINTER) samples of 320 × 240 in in/, where
 * there are any; in/ is not made otherwise. */
void
vt_test_folders_set_up (VtTestFolders *f,
                        gconstpointer  n_photos)
{
  vt_test_batch_dirs_make (&f->dir, &f->in, &f->out);
  f->report = g_build_filename (f->dir, "report.json", NULL);
  if (GPOINTER_TO_UINT (n_photos) > 0)
    g_assert_true (vt_sample_write (f->in, GPOINTER_TO_UINT (n_photos), 320, 240, NULL));
}

void
vt_test_folders_tear_down (VtTestFolders *f,
                           gconstpointer  data)
{
  vt_test_batch_dirs_free (&f->dir, &f->in, &f->out);
  g_free (f->report);
}

/* Two photos of @photo_width × @photo_height. */
static void
logo_folder_set_up (VtTestLogoFolder *f,
                    gconstpointer     size)
{
  guint packed = GPOINTER_TO_UINT (size);
  g_autoptr(GError) error = NULL;

  vt_test_batch_dirs_make (&f->dir, &f->in, &f->out);
  f->logo = g_build_filename (f->dir, "logo.svg", NULL);
  g_file_set_contents (f->logo, "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='10'>"
                       "<rect width='20' height='10' fill='#f00'/></svg>", -1, &error);
  g_assert_no_error (error);
  vt_sample_write (f->in, 2, packed >> 16, packed & 0xFFFF, &error);
  g_assert_no_error (error);
}

static void
logo_folder_tear_down (VtTestLogoFolder *f,
                       gconstpointer     data)
{
  vt_test_batch_dirs_free (&f->dir, &f->in, &f->out);
  g_free (f->logo);
}

/* Adds @test, run on a logo folder whose two sample photos are
 * @photo_width × @photo_height (each under 65536). */
void
vt_test_logo_folder_add (const char  *path,
                         int          photo_width,
                         int          photo_height,
                         void       (*test) (VtTestLogoFolder *, gconstpointer))
{
  g_assert_true (photo_width > 0 && photo_width <= 0xFFFF && photo_height > 0 && photo_height <= 0xFFFF);
  g_test_add_vtable (path, sizeof (VtTestLogoFolder),
                     GUINT_TO_POINTER ((guint) photo_width << 16 | (guint) photo_height),
                     (GTestFixtureFunc) logo_folder_set_up,
                     (GTestFixtureFunc) test,
                     (GTestFixtureFunc) logo_folder_tear_down);
}

void
vt_test_run_clear (VtTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs @program with the arguments that follow, up to NULL, with @env
 * (NAME, VALUE pairs) added to the environment and @input (or nothing) on
 * its standard input. The sharding variables of a batch scheduler the
 * tests may run under are removed, so that only @env can set them. A
 * critical fails the test: G_DEBUG=fatal-criticals reaches the command
 * through the environment, so it would abort it (status -1), and this
 * names the critical too. */
void
vt_test_run (VtTestRun          *run,
             const char * const *env,
             const char         *input,
             const char         *program,
             ...)
{
  static const char * const scheduler_vars[] = {
    "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN",
    "SLURM_ARRAY_TASK_STEP", "JOB_COMPLETION_INDEX", NULL
  };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *) program);
  va_start (ap, program);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (const char * const *v = scheduler_vars; *v; v++)
    g_subprocess_launcher_unsetenv (launcher, *v);
  for (guint i = 0; env && env[i]; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  g_assert_null (strstr (run->err, "-CRITICAL **"));
}

/* The failure names the caller's line and shows all the command said. */
void
vt_test_assert_run_at (const char      *file,
                       int              line,
                       const char      *func,
                       const VtTestRun *run,
                       int              status,
                       const char      *out,
                       const char      *err)
{
  g_autofree char *message = NULL;

  if (run->status == status &&
      (out == NULL || strstr (run->out, out) != NULL) &&
      (err == NULL || strstr (run->err, err) != NULL))
    return;
  message = g_strdup_printf ("expected exit status %d, stdout holding \"%s\", stderr holding \"%s\"; "
                             "got %d\nstdout:\n%s\nstderr:\n%s",
                             status, out ? out : "", err ? err : "", run->status, run->out, run->err);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

/**
 * vt_test_spanish_env:
 *
 * The environment (NAME, VALUE pairs) under which a child speaks Spanish:
 * the es_ES.UTF-8 locale tests/meson.build compiled, where it could. Newer
 * glibc (Debian 13's) ignores LANGUAGE under C.UTF-8, as it always did
 * under C, and a minimal system has no other locale installed.
 */
const char * const *
vt_test_spanish_env (void)
{
  static const char *spanish[] = { "LOCPATH", NULL, "LC_ALL", "es_ES.UTF-8", "LANGUAGE", "es", NULL };
  static const char *c_utf8[] = { "LANGUAGE", "es", "LANG", "es_ES.UTF-8", "LC_ALL", "C.UTF-8", NULL };
  const char *locpath = g_getenv ("VITRINA_TEST_LOCPATH");

  if (locpath == NULL)
    {
      g_test_message ("no es_ES locale built (localedef or Debian's locales package "
                      "missing): relying on LANGUAGE under C.UTF-8");
      return c_utf8;
    }
  spanish[1] = locpath;
  return spanish;
}
