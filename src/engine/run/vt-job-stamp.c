/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-job-stamp.c: the recipe an output folder was made with, recorded in the folder
 *
 * A job writes its recipe's fingerprint into OUTPUT/.vitrina.recipe before
 * any photo, so that skip-existing can tell outputs made with this recipe
 * (an interrupted run, worth finishing) from outputs of another one (stale:
 * every photo is made again). A folder without the file keeps the old rule,
 * outputs that exist are skipped. The name is hidden, so the folder is never
 * read back as photos.
 */
#define G_LOG_DOMAIN "vt-job"

#include "config.h"

#include <glib/gstdio.h>

#include "vt-atomic-file.h"
#include "vt-job-private.h"

#define STAMP_GROUP "Outputs"
#define STAMP_KEY   "recipe-sha256"

/* Everything that changes the output files' pixels, bytes or names: the
 * recipe's saved form (the worker count is not in it) and the logo's
 * contents, which its path alone does not pin down. */
static char *
recipe_fingerprint (VtRecipe *recipe)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *data = NULL;
  g_autofree char *logo = NULL;
  g_autofree char *logo_data = NULL;
  gsize len;

  vt_recipe_save_key_file (recipe, key_file);
  data = g_key_file_to_data (key_file, &len, NULL);
  g_checksum_update (checksum, (const guchar *) data, len);
  g_object_get (recipe, "logo", &logo, NULL);
  if (logo != NULL && logo[0] != '\0' && g_file_get_contents (logo, &logo_data, &len, NULL))
    g_checksum_update (checksum, (const guchar *) logo_data, len);
  return g_strdup (g_checksum_get_string (checksum));
}

/* The fingerprint recorded in @path, or NULL when there is none to read. */
static char *
read_stamp (const char *path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (key_file, STAMP_GROUP, STAMP_KEY, NULL);
}

/**
 * vt_job_stamp_output:
 *
 * On the main thread, in vt_job_start() before the workers: compares the
 * output folder's recorded recipe with the job's, then records the job's.
 * A stamp that cannot be written costs only the check on the next run, so
 * it does not fail the job; a stale one is removed rather than left to
 * mislead it.
 */
void
vt_job_stamp_output (VtJob *self)
{
  g_autofree char *path = g_build_filename (self->output_dir, VT_JOB_RECIPE_STAMP, NULL);
  g_autofree char *fingerprint = recipe_fingerprint (self->recipe);
  g_autofree char *recorded = read_stamp (path);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  self->recipe_changed = self->skip_existing && recorded != NULL && g_strcmp0 (recorded, fingerprint) != 0;
  if (g_strcmp0 (recorded, fingerprint) == 0)
    return;

  g_key_file_set_comment (key_file, NULL, NULL,
                          " The recipe these outputs were made with, for --skip-existing", NULL);
  g_key_file_set_string (key_file, STAMP_GROUP, STAMP_KEY, fingerprint);
  data = g_key_file_to_data (key_file, &len, NULL);
  bytes = g_bytes_new_take (data, len);
  if (!vt_atomic_file_write (path, bytes, &error))
    {
      g_debug ("%s", error->message);
      g_unlink (path);
    }
}

/**
 * vt_job_get_recipe_changed:
 *
 * Whether, with skip-existing on, the output folder was made with another
 * recipe, so that no photo was skipped. Known once vt_job_start() returns.
 */
gboolean
vt_job_get_recipe_changed (VtJob *self)
{
  g_return_val_if_fail (VT_IS_JOB (self), FALSE);
  return self->recipe_changed;
}
