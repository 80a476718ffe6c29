/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-recipe-panel-private.h: the side bar's instance, shared by its files
 *
 * VtRecipePanel is one class split by concern: vt-recipe-panel.c (class,
 * template, the plain rows), -sizes.c (the sizes list), -filters.c (the
 * filter chain), -presets.c (the presets menu, import and export), -logo.c
 * (the logo) and -saved.c (the user's own presets: save, rename, delete).
 */
#pragma once

#include "vitrina-engine.h"
#include "vt-file-chooser.h"
#include "vt-recipe-panel.h"

G_BEGIN_DECLS

struct _VtRecipePanel
{
  GtkWidget       parent_instance;

  VtRecipe       *recipe;    /* the window's, which the batch runs */
  GSettings      *settings;  /* for the job's options and the presets */
  VtRecipe       *undo;      /* the recipe before the last undoable change */
  char           *undo_channel;     /* and the channel then, not in the recipe */
  char           *deleted_name;     /* the user's preset last deleted, */
  GBytes         *deleted_contents; /* kept for the toast's Undo */

  /* template */
  AdwActionRow   *preset_row;
  GtkMenuButton  *preset_button;
  GtkListBox     *saved_list;
  GtkListBox     *sizes_list;
  GtkListBox     *filters_list;
  GtkMenuButton  *add_filter_button;
  AdwExpanderRow *watermark_row;
  AdwEntryRow    *watermark_text;
  AdwComboRow    *watermark_position;
  GtkScale       *watermark_opacity;
  GtkScale       *watermark_size;
  AdwExpanderRow *logo_row;
  AdwComboRow    *logo_position;
  GtkScale       *logo_width;
  GtkScale       *logo_opacity;
  GtkSpinButton  *quality;
  GtkSwitch      *progressive;
  GtkSpinButton  *webp_quality;
  GtkSwitch      *webp_lossless;
  GtkSpinButton  *avif_quality;
  AdwComboRow    *metadata_row;
  AdwEntryRow    *name_template_row;
  GtkSwitch      *web_safe_names;
  GtkSpinButton  *workers;
  GtkSwitch      *skip_existing;
};

/* What the panel does with a file the user chose. */
typedef gboolean (*VtRecipePanelFileFunc) (VtRecipePanel  *self,
                                           GFile          *file,
                                           GError        **error);

/* vt-recipe-panel.c */
GList *_vt_recipe_panel_rows_of_type      (GtkListBox         *list,
                                           GType               type);
void   _vt_recipe_panel_show_error        (GtkWidget          *widget,
                                           const GError       *error);
void   _vt_recipe_panel_toast             (VtRecipePanel      *self,
                                           const char         *message);
void   _vt_recipe_panel_guard_scrolling  (VtRecipePanel      *self,
                                           GtkWidget          *widget);
void   _vt_recipe_panel_append_row        (VtRecipePanel      *self,
                                           GtkListBox         *list,
                                           GtkWidget          *row,
                                           GCallback           changed_cb,
                                           GCallback           remove_cb);
void   _vt_recipe_panel_offer_undo        (VtRecipePanel      *self,
                                           VtRecipe           *before,
                                           const char         *message);
void   _vt_recipe_panel_choose_file       (VtRecipePanel              *self,
                                           const VtFileChooserRequest *request,
                                           VtRecipePanelFileFunc       use);

/* One concern of the panel, in a file of its own. Each may be NULL. */
typedef struct {
  void       (*class_init) (VtRecipePanelClass *klass);  /* installs its actions */
  void       (*init)       (VtRecipePanel      *self);   /* with the template */
  const char  *notify;     /* "notify::sizes": when what the part shows changes */
  void       (*show)       (VtRecipePanel      *self);   /* once there is a recipe, and on @notify */
} VtRecipePanelPart;

extern const VtRecipePanelPart _vt_recipe_panel_sizes;    /* -sizes.c */
extern const VtRecipePanelPart _vt_recipe_panel_filters;  /* -filters.c */
extern const VtRecipePanelPart _vt_recipe_panel_presets;  /* -presets.c */
extern const VtRecipePanelPart _vt_recipe_panel_logo;     /* -logo.c */
extern const VtRecipePanelPart _vt_recipe_panel_saved;    /* -saved.c */

/* vt-recipe-panel-presets.c */
void   _vt_recipe_panel_refresh_preset_menu (VtRecipePanel    *self);

/* vt-recipe-panel-saved.c */
void   _vt_recipe_panel_refresh_presets   (VtRecipePanel      *self);

G_END_DECLS
