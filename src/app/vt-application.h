/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-application.h: the application: one window, app-wide actions */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VT_TYPE_APPLICATION (vt_application_get_type ())
G_DECLARE_FINAL_TYPE (VtApplication, vt_application, VT, APPLICATION, AdwApplication)

VtApplication *vt_application_new (void);
const char    *vt_application_get_localedir (void);
void           vt_application_show_about    (GtkWindow *parent);

G_END_DECLS
