/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-import.c: the window's import of photos from links
 *
 * The photos are downloaded into the output folder's "originals", which
 * becomes the batch's input; the batch stays open and prepares each photo
 * as soon as it has arrived.
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vt-import-dialog.h"
#include "vt-window-private.h"

static void
show_download_count (VtWindow *self)
{
  guint done = 0, n = vt_fetcher_get_n_downloads (self->fetcher);
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    done += vt_download_get_status (vt_fetcher_get_download (self->fetcher, i)) != VT_DOWNLOAD_PENDING;
  text = g_strdup_printf (_("Downloading: %u of %u links"), done, n);
  gtk_label_set_label (self->found_label, text);
}

static void
downloaded_cb (VtFetcher  *fetcher,
               VtDownload *download,
               VtWindow   *self)
{
  VtDownloadStatus status = vt_download_get_status (download);

  /* One already downloaded is still the batch's, which skips it when its
   * sizes are done, rather than a copy named "-2". */
  if ((status == VT_DOWNLOAD_DONE || status == VT_DOWNLOAD_SKIPPED) && self->job != NULL)
    vt_job_add_input (self->job, vt_download_get_path (download), NULL);
  show_download_count (self);
}

static void
show_failed_downloads (VtWindow  *self,
                       VtFetcher *fetcher)
{
  guint n_failed = 0;
  g_autofree char *count = NULL;
  GtkListBox *list;
  GtkWidget *dialog;

  for (guint i = 0; i < vt_fetcher_get_n_downloads (fetcher); i++)
    n_failed += vt_download_get_status (vt_fetcher_get_download (fetcher, i)) == VT_DOWNLOAD_FAILED;
  if (n_failed == 0)
    return;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Download Failed", "%u Downloads Failed",
                                        n_failed), n_failed);
  dialog = _vt_window_list_dialog_new (self, count, &list);
  for (guint i = 0, n = 0; i < vt_fetcher_get_n_downloads (fetcher) && n < 20; i++)
    {
      VtDownload *d = vt_fetcher_get_download (fetcher, i);

      if (vt_download_get_status (d) != VT_DOWNLOAD_FAILED)
        continue;
      _vt_window_list_dialog_add (list, vt_download_get_url (d), vt_download_get_error (d)->message);
      n++;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_skipped_downloads (VtWindow  *self,
                        VtFetcher *fetcher)
{
  guint n_skipped = 0;
  g_autofree char *message = NULL;

  for (guint i = 0; i < vt_fetcher_get_n_downloads (fetcher); i++)
    n_skipped += vt_download_get_status (vt_fetcher_get_download (fetcher, i)) == VT_DOWNLOAD_SKIPPED;
  if (n_skipped == 0)
    return;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u link was already downloaded: skipped",
                                          "%u links were already downloaded: skipped", n_skipped),
                             n_skipped);
  _vt_window_toast (self, message);
}

/* Gives back the inputs the window had before the import. */
static void
restore_inputs (VtWindow *self)
{
  g_strfreev (self->inputs);
  self->inputs = g_steal_pointer (&self->inputs_before_import);
}

/* The links downloaded now or before: the photos the batch has. */
static guint
count_arrived (VtFetcher *fetcher)
{
  guint n = 0;

  for (guint i = 0; i < vt_fetcher_get_n_downloads (fetcher); i++)
    {
      VtDownloadStatus status = vt_download_get_status (vt_fetcher_get_download (fetcher, i));
      n += status == VT_DOWNLOAD_DONE || status == VT_DOWNLOAD_SKIPPED;
    }
  return n;
}

static void
fetch_finished_cb (VtFetcher *fetcher,
                   gboolean   cancelled,
                   VtWindow  *self)
{
  g_autoptr(VtFetcher) done = g_steal_pointer (&self->fetcher);

  g_signal_handlers_disconnect_by_data (fetcher, self);
  if (self->job != NULL)
    vt_job_set_open (self->job, FALSE);
  /* Nothing arrived: the folder shown before is still the one to work on. */
  if (count_arrived (fetcher) == 0)
    restore_inputs (self);
  g_clear_pointer (&self->inputs_before_import, g_strfreev);
  /* The heading, the preview and the warning now speak of what arrived. */
  _vt_window_rescan (self);
  gtk_stack_set_visible_child_name (self->stack, "batch");
  show_skipped_downloads (self, fetcher);
  show_failed_downloads (self, fetcher);
  _vt_window_update_actions (self);
}

static const char *
no_output_reason (void)
{
  return _("Choose the output folder first: the photos are downloaded into it");
}

/**
 * vt_window_import_links:
 * @links: one link per line, or a CSV with a "url" column
 *
 * Downloads the photos into the output folder's "originals" and prepares
 * each one as soon as it has arrived.
 *
 * Returns: whether the import started
 */
gboolean
vt_window_import_links (VtWindow   *self,
                        const char *links)
{
  g_autofree char *output = _vt_window_dup_output_folder (self);
  g_autofree char *originals = NULL;
  g_autoptr(VtFetcher) fetcher = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { NULL, NULL };

  g_return_val_if_fail (VT_IS_WINDOW (self), FALSE);

  if (vt_window_is_busy (self))
    return FALSE;
  if (output == NULL)
    {
      _vt_window_toast (self, no_output_reason ());
      return FALSE;
    }

  originals = g_build_filename (output, "originals", NULL);
  fetcher = vt_fetcher_new (originals);
  if (vt_fetcher_add_list (fetcher, links) == 0)
    {
      _vt_window_toast (self, _("There are no links to import"));
      return FALSE;
    }

  /* The originals folder is the batch's input from now on; the batch stays
   * open for the photos still downloading. */
  paths[0] = originals;
  /* The default output is beside the inputs, which are now the originals:
   * the batch keeps writing where the window said it would. */
  g_free (self->import_output);
  self->import_output = g_strdup (output);
  g_strfreev (self->inputs_before_import);
  self->inputs_before_import = g_steal_pointer (&self->inputs);
  self->inputs = g_strdupv ((char **) paths);
  /* Nothing of the previous folder stays on screen. */
  _vt_window_rescan (self);
  gtk_stack_set_visible_child_name (self->stack, "batch");
  if (!_vt_window_start_batch (self, TRUE))
    {
      restore_inputs (self);
      _vt_window_rescan (self);
      return FALSE;
    }

  /* Kept before it starts: its handlers read self->fetcher. */
  self->fetcher = g_steal_pointer (&fetcher);
  g_signal_connect (self->fetcher, "downloaded", G_CALLBACK (downloaded_cb), self);
  g_signal_connect (self->fetcher, "finished", G_CALLBACK (fetch_finished_cb), self);
  if (!vt_fetcher_start (self->fetcher, &error))
    {
      g_signal_handlers_disconnect_by_data (self->fetcher, self);
      g_clear_object (&self->fetcher);
      vt_job_set_open (self->job, FALSE);
      restore_inputs (self);
      _vt_window_rescan (self);
      _vt_window_toast (self, error->message);
      return FALSE;
    }
  show_download_count (self);
  _vt_window_update_actions (self);
  return TRUE;
}

static VtImportDialog *show_import_dialog (VtWindow *self);

static void
import_response_cb (VtImportDialog *dialog,
                    const char     *response,
                    VtWindow       *self)
{
  g_autofree char *links = NULL;
  g_autofree char *output = NULL;

  if (!g_str_equal (response, "import"))
    return;
  links = vt_import_dialog_dup_links (dialog);
  output = _vt_window_dup_output_folder (self);
  /* The dialog closes on any response: with nowhere to download to, it
   * comes back with what was typed and the reason. */
  if (output == NULL)
    {
      VtImportDialog *again = show_import_dialog (self);

      vt_import_dialog_set_links (again, links);
      vt_import_dialog_set_problem (again, no_output_reason ());
      return;
    }
  vt_window_import_links (self, links);
}

static VtImportDialog *
show_import_dialog (VtWindow *self)
{
  VtImportDialog *dialog = vt_import_dialog_new (GTK_WINDOW (self));

  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
_vt_window_show_import_dialog (VtWindow *self)
{
  show_import_dialog (self);
}
