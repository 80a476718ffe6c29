/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-output-source.h: the photo an output was made from, recorded on the output */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     vt_output_source_mark     (const char *output,
                                    const char *photo);
gboolean vt_output_source_is_other (const char *output,
                                    const char *photo);

G_END_DECLS
