/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-window-private.h: the window's instance, shared by its controller files
 *
 * VtWindow is one class split by concern: vt-window.c (class, template,
 * lifecycle), -actions.c (every win.* action), -folders.c (inputs, output,
 * drops), -batch.c (progress and results table), -results.c (what a
 * finished batch says first), -import.c (photos from
 * links), -scaling.c (measure scaling), -details.c (one photo's dialog) and
 * -adaptive.c (the side bar and chrome in a narrow window).
 */
#pragma once

#include "vt-preview.h"
#include "vt-recipe-panel.h"
#include "vt-speedup-chart.h"
#include "vt-window.h"

G_BEGIN_DECLS

struct _VtWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  VtRecipe             *recipe;      /* bound to settings; the panel edits it */
  GListStore           *thumbnails;  /* VtThumbnail */
  GStrv                 inputs;
  GStrv                 inputs_before_import; /* given back when no link arrived */
  char                 *import_output; /* where the last import wrote, when no folder was chosen */
  GStrv                 found;       /* the photos in inputs */
  GCancellable         *small_check; /* counting photos too small for the recipe */
  VtJob                *job;         /* the running or last batch */
  VtScaling            *scaling;
  VtFetcher            *fetcher;     /* downloads feeding the batch */
  VtRules              *rules;       /* the channel the settings name, or NULL */

  /* progress of the running batch */
  GPtrArray            *arrived;     /* VtThumbnail not yet in the grid */
  guint                 show_id;
  guint                 n_seen;
  gint64                start_time;
  gint64                last_sample;
  gint64                busy_time;
  gboolean              cancelling;      /* Cancel pressed; the workers still stopping */
  gboolean              close_confirmed; /* quitting mid-batch was confirmed */
  GtkWidget            *close_dialog;    /* asking to quit mid-batch; weak */

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *start_button;
  GtkButton            *cancel_button;
  VtRecipePanel        *recipe_panel;
  GtkWidget            *recipe_note;
  GtkStack             *stack;
  GtkLabel             *found_label;
  GtkLabel             *output_label;
  GtkLabel             *small_label;
  GtkCheckButton       *subfolders_check;
  GtkProgressBar       *progress_bar;
  GtkBox               *results_box;
  GtkLabel             *results_label;
  GtkButton            *failed_button;
  VtSpeedupChart       *chart;
  GtkLabel             *photos_value;
  GtkLabel             *sequential_value;
  GtkLabel             *parallel_value;
  GtkLabel             *speedup_value;
  GtkLabel             *efficiency_value;
  GtkGridView          *grid_view;
  AdwViewStack         *view_stack;
  VtPreview            *preview;
};

/* vt-window.c */
void      _vt_window_toast                   (VtWindow      *self,
                                              const char    *message);
void      _vt_window_update_actions          (VtWindow      *self);
void      _vt_window_emit_batch_finished     (VtWindow      *self,
                                              gboolean       cancelled);
void      _vt_window_settle_close_question   (VtWindow      *self,
                                              gboolean       cancelled);

/* vt-window-adaptive.c */
void      _vt_window_adaptive_init           (VtWindow      *self);

/* vt-window-actions.c */
void      _vt_window_class_actions_init      (VtWindowClass *klass);

/* vt-window-folders.c */
void      _vt_window_folders_init            (VtWindow      *self);
char     *_vt_window_dup_output_folder       (VtWindow      *self);
void      _vt_window_rescan                  (VtWindow      *self);
void      _vt_window_choose_folder           (VtWindow      *self,
                                              const char    *title,
                                              const char    *key);
void      _vt_window_open_folder             (VtWindow      *self,
                                              const char    *path);

/* vt-window-batch.c */
gboolean  _vt_window_start_batch             (VtWindow      *self,
                                              gboolean       open);
void      _vt_window_show_progress           (VtWindow      *self);

/* vt-window-results.c */
void      _vt_window_hide_results            (VtWindow      *self);
void      _vt_window_forget_results          (VtWindow      *self);
void      _vt_window_show_idle_progress      (VtWindow      *self);
void      _vt_window_show_results            (VtWindow      *self,
                                              gboolean       cancelled);
void      _vt_window_toast_results           (VtWindow      *self,
                                              const char    *message);
void      _vt_window_show_failed             (VtWindow      *self);
GtkWidget *_vt_window_list_dialog_new        (VtWindow      *self,
                                              const char    *body,
                                              GtkListBox   **list);
void      _vt_window_list_dialog_add         (GtkListBox    *list,
                                              const char    *title,
                                              const char    *reason);
void      _vt_window_notify_if_away          (VtWindow      *self,
                                              const char    *message);

/* vt-window-import.c */
void      _vt_window_show_import_dialog      (VtWindow      *self);

/* vt-window-scaling.c */
void      _vt_window_measure_scaling         (VtWindow      *self);

/* vt-window-details.c */
void      _vt_window_show_details            (VtWindow      *self,
                                              guint          position);

G_END_DECLS
