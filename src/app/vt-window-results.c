/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-results.c: what a finished batch tells shop staff first
 *
 * How many photos were prepared, failed and skipped, where the files are,
 * and a plain reading of the speedup; the photos that failed, each with
 * its reason, are listed from the toast's "Show" button or the results'
 * "Show Failed".
 */
#define G_LOG_DOMAIN "vt-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "vt-window-private.h"

/* Photos listed by name in the dialog; the rest are counted. */
#define MAX_LISTED 30
/* The tallest the dialog's list grows before it scrolls. */
#define MAX_LIST_HEIGHT 320
/* A batch shorter than this ends while the user still looks at it. */
#define NOTIFY_AFTER_US (20 * G_USEC_PER_SEC)

static char *
describe_counts (const VtJobStats *s)
{
  g_autofree char *prepared = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo prepared",
                                                            "%u photos prepared", s->n_done), s->n_done);
  if (s->n_not_started > 0)
    /* TRANSLATORS: photos prepared, then failed, skipped and not started counts */
    return g_strdup_printf (_("%s, %u failed, %u skipped, %u not started."), prepared,
                            s->n_failed, s->n_skipped, s->n_not_started);
  /* TRANSLATORS: photos prepared, then failed and skipped counts */
  return g_strdup_printf (_("%s, %u failed, %u skipped."), prepared, s->n_failed, s->n_skipped);
}

/* "8 workers made this 1.8× faster than one", where that is meaningful. */
static char *
describe_speedup (const VtJobStats *s)
{
  double speedup = vt_job_stats_get_speedup (s);

  /* Below 1.1× (a machine busy with other work) there is no gain to tell. */
  if (s->n_done < 2 || s->n_workers < 2 || speedup < 1.1)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u worker made this %.1f× faster than one.",
                                       "%u workers made this %.1f× faster than one.", s->n_workers),
                          s->n_workers, speedup);
}

/* "1 of 2 main photos meet Amazon's rules.", under a channel's preset. */
static char *
describe_compliance (VtJob *job)
{
  VtRules *rules = vt_job_get_rules (job);
  guint checked = 0, passed = 0;

  for (guint i = 0; rules != NULL && i < vt_job_get_n_results (job); i++)
    {
      VtResult *r = vt_job_get_result (job, i);

      for (guint j = 0; vt_result_get_status (r) == VT_RESULT_DONE && j < vt_result_get_n_outputs (r); j++)
        {
          const VtOutput *o = vt_result_get_output (r, j);

          checked += o->issues != NULL;
          passed += o->issues != NULL && vt_preflight_passes (o->issues);
        }
    }
  if (checked == 0)
    return NULL;
  if (checked == 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u main photo meets %s’s rules.",
                                         "%u of %u main photos meet %s’s rules.", checked),
                            passed, checked, vt_rules_get_title (rules));
  /* TRANSLATORS: photos that meet the rules, of two or more checked; the
   * form is chosen by the first number, so a verb can agree with it
   * (Spanish "1 de 12 fotos principales cumple") */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u main photos meet %s’s rules.",
                                       "%u of %u main photos meet %s’s rules.", passed),
                          passed, checked, vt_rules_get_title (rules));
}

void
_vt_window_hide_results (VtWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), FALSE);
}

/* Once other photos are chosen, or the scaling is measured, the last
 * batch's counts, folder and bar no longer describe what is on show. */
void
_vt_window_forget_results (VtWindow *self)
{
  _vt_window_hide_results (self);
  _vt_window_show_idle_progress (self);
}

void
_vt_window_show_results (VtWindow *self,
                         gboolean  cancelled)
{
  const VtJobStats *s = vt_job_get_stats (self->job);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *counts = describe_counts (s);
  g_autofree char *speedup = describe_speedup (s);
  g_autofree char *compliance = describe_compliance (self->job);
  g_autofree char *where = g_strdup_printf (_("The files are in %s"), vt_job_get_output_dir (self->job));

  if (cancelled)
    g_string_append_printf (text, "%s ", _("Cancelled."));
  if (s->n_inputs == 0)
    {
      /* only an import's batch starts with no photos: no link gave one */
      g_string_append (text, _("No photo could be downloaded, so none was prepared."));
      gtk_label_set_label (self->results_label, text->str);
      gtk_widget_set_visible (GTK_WIDGET (self->failed_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->results_box), TRUE);
      return;
    }
  g_string_append (text, counts);
  if (compliance != NULL)
    g_string_append_printf (text, " %s", compliance);
  if (speedup != NULL)
    g_string_append_printf (text, " %s", speedup);
  g_string_append_printf (text, "\n%s", where);
  gtk_label_set_label (self->results_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->failed_button), s->n_failed > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), TRUE);
}

/* The toast for a finished batch, with "Show" for the failed photos. */
void
_vt_window_toast_results (VtWindow   *self,
                          const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  if (vt_job_get_stats (self->job)->n_failed > 0)
    {
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.show-failed");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* libadwaita's message dialog (1.2) measures its extra child at a width
 * wider than the one it then gives it, where the rows' reasons wrap onto
 * more lines: sized for the first width, the list's last row was cut. Once
 * laid out, the scroller asks for the height its list needs at the width
 * it really has, up to its maximum; it only ever grows, so this settles. */
static gboolean
fit_list_idle (gpointer data)
{
  GtkScrolledWindow *scrolled = data;
  double upper = gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (scrolled));
  int needed = MIN ((int) ceil (upper), MAX_LIST_HEIGHT);

  if (needed > gtk_scrolled_window_get_min_content_height (scrolled))
    gtk_scrolled_window_set_min_content_height (scrolled, needed);
  return G_SOURCE_REMOVE;
}

/* Not from inside the layout that changed the list's height. */
static void
fit_list_cb (GtkAdjustment     *adjustment,
             GParamSpec        *pspec,
             GtkScrolledWindow *scrolled)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fit_list_idle, g_object_ref (scrolled), g_object_unref);
}

/**
 * _vt_window_list_dialog_new:
 * @list: (out): where the dialog's rows go (_vt_window_list_dialog_add())
 *
 * A message dialog whose details are a list, a row for each photo or link.
 * Neither a heading nor the body holds them: libadwaita 1.7's
 * AdwMessageDialog may measure its labels narrower than their minimum
 * width (GTK 4.18 warns, and the text is cut), which for a heading is its
 * whole text and for the body its longest word, a path or a link. The body
 * wraps between words; a row's title is shortened in the middle and its
 * subtitle wraps anywhere.
 *
 * Returns: (transfer floating): the dialog, not yet presented
 */
GtkWidget *
_vt_window_list_dialog_new (VtWindow    *self,
                            const char  *body,
                            GtkListBox **list)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, body);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  *list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (*list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (*list), "boxed-list");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), MAX_LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (*list));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), "notify::upper",
                           G_CALLBACK (fit_list_cb), scrolled, 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"), NULL);
  return dialog;
}

/* The row's title label: libadwaita 1.2 has no property for where a
 * title is shortened, and shortens it at its end. */
static GtkLabel *
find_title_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title"))
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *label = find_title_label (c);
      if (label != NULL)
        return label;
    }
  return NULL;
}

/* A row per photo or link. Its title is shortened in the middle: the end
 * of a link or a name is the file, which tells one row from the next. */
void
_vt_window_list_dialog_add (GtkListBox *list,
                            const char *title,
                            const char *reason)
{
  GtkWidget *row = adw_action_row_new ();
  GtkLabel *title_label;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  title_label = find_title_label (row);
  if (title_label != NULL)
    gtk_label_set_ellipsize (title_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (row, title);
  gtk_list_box_append (list, row);
}

/**
 * _vt_window_show_failed:
 *
 * Lists the last batch's photos that could not be prepared, each with its
 * reason.
 */
void
_vt_window_show_failed (VtWindow *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_failed = 0;
  GtkListBox *list;
  GtkWidget *dialog;

  if (self->job == NULL)
    return;
  for (guint i = 0; i < vt_job_get_n_results (self->job); i++)
    n_failed += vt_result_get_status (vt_job_get_result (self->job, i)) == VT_RESULT_FAILED;
  if (n_failed == 0)
    return;

  g_string_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u Photo Failed", "%u Photos Failed", n_failed),
                   n_failed);
  if (n_failed > MAX_LISTED)
    {
      g_string_append (body, "\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more",
                                                 n_failed - MAX_LISTED), n_failed - MAX_LISTED);
    }
  dialog = _vt_window_list_dialog_new (self, body->str, &list);
  for (guint i = 0, n = 0; i < vt_job_get_n_results (self->job) && n < MAX_LISTED; i++)
    {
      VtResult *r = vt_job_get_result (self->job, i);
      const GError *e = vt_result_get_error (r);
      g_autofree char *name = NULL;

      if (vt_result_get_status (r) != VT_RESULT_FAILED)
        continue;
      name = g_path_get_basename (vt_result_get_input (r));
      _vt_window_list_dialog_add (list, name, e != NULL ? e->message : "");
      n++;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _vt_window_notify_if_away:
 *
 * A desktop notification for a long batch that ended while the user was
 * in another window.
 */
void
_vt_window_notify_if_away (VtWindow   *self,
                           const char *message)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GNotification) notification = NULL;

  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self)) ||
      vt_job_get_stats (self->job)->wall_time < NOTIFY_AFTER_US)
    return;
  notification = g_notification_new (_("Photos Ready"));
  g_notification_set_body (notification, message);
  g_application_send_notification (G_APPLICATION (app), "batch-finished", notification);
}
