/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-product.h: a studio shot whitened and trimmed once per photo, for the sizes that ask */
#pragma once

#include <cairo.h>

#include <gio/gio.h>

#include "vt-recipe.h"
#include "vt-result.h"

G_BEGIN_DECLS

/* What preparing the product found, for the size's output. */
typedef struct {
  gboolean low_contrast;  /* whiten asked, but the product's edge was not clear */
  gboolean not_found;     /* trim asked, but no product on a plain backdrop */
} VtProductNotes;

typedef struct _VtProduct VtProduct;

VtProduct       *vt_product_new     (cairo_surface_t       *photo);
VtProduct       *vt_product_new_owning (cairo_surface_t    *photo);
void             vt_product_free    (VtProduct             *self);
cairo_surface_t *vt_product_prepare (VtProduct             *self,
                                     const VtVariant       *variant,
                                     cairo_rectangle_int_t *box,
                                     VtProductNotes        *notes);
cairo_surface_t *vt_product_fit     (VtProduct             *self,
                                     const VtVariant       *variant,
                                     gboolean               spare,
                                     VtOutput              *output,
                                     GCancellable          *cancellable,
                                     GError               **error);
gboolean         vt_product_keeps_alpha (const VtVariant *variant);
gboolean         vt_product_get_content (VtProduct          *self,
                                         cairo_rectangle_int_t *area);
cairo_surface_t *vt_product_crop    (cairo_surface_t       *surface,
                                     const cairo_rectangle_int_t *box,
                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtProduct, vt_product_free)

G_END_DECLS
