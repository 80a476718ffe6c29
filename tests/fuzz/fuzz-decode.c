/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-decode.c: libFuzzer target for the decode path
 *
 *   build-aux/bootstrap fuzz      (clang, ASan + UBSan, bounded time)
 *
 * Every input goes through vt_image_load() as a worker would see it: with
 * a shrink-on-load box and a pixel limit (4 MP here, so the fuzzer explores
 * headers instead of spending its time on huge allocations).
 */
#include "config.h"

#include "vitrina-engine.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* A warning or critical from GLib or a loader is a bug, as in the test
 * suite; abort() rather than GLib's breakpoint trap, so that libFuzzer
 * saves the input that caused it. */
static void
abort_on_log (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

/* GIO loads the shared-mime-info cache on first use and keeps it for the
 * process; load it before the first input, so the per-input leak check
 * does not take it for a leak of that input. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_free (g_content_type_guess (NULL, (const guchar *) "x", 1, NULL));
  g_free (g_content_type_from_mime_type ("image/png"));
  vt_image_error_quark ();
  g_log_set_default_handler (abort_on_log, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  VtLoadHints hints = { 600, 600, .max_pixels = 4 * 1000 * 1000 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(cairo_surface_t) image = vt_image_load (bytes, &hints, &error);

  /* Either a photo or a reason, never both and never neither. */
  g_assert ((image == NULL) != (error == NULL));
  return 0;
}
