/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-product.c: a studio shot whitened and trimmed once per photo, for the sizes that ask
 *
 * Whitening and finding the product cost a pass or two over the decoded
 * photo, so they run once per photo, not once per size: the sizes that ask
 * with the same tolerance share one whitened copy and one trimmed box. One
 * VtProduct belongs to the worker doing that photo; it is not shared.
 *
 * A photo with transparency (a cut-out) keeps it only in the sizes that can
 * write it: the others show it on their pad colour, or on white as a shop
 * page does, and the backdrop a size whitens or trims is that white.
 */
#define G_LOG_DOMAIN "vt-product"

#include "config.h"

#include <string.h>

#include "vt-alpha.h"
#include "vt-fill.h"
#include "vt-fit.h"
#include "vt-image.h"
#include "vt-product.h"
#include "vt-trim.h"
#include "vt-whiten.h"

typedef struct {
  double           tolerance;
  gboolean         whiten;
  cairo_surface_t *surface;      /* the photo, or its whitened copy */
  gboolean         white;        /* @surface's backdrop is whitened, flat white */
  gboolean         low_contrast;
  gboolean         trimmed;
  VtTrim           trim;
} Prepared;

struct _VtProduct
{
  cairo_surface_t *photo;
  cairo_surface_t *on_white;     /* a cut-out on white, for whitening and trimming */
  gboolean         own_photo;    /* no size reads the photo unwhitened */
  GArray          *prepared;     /* Prepared, one per (whiten, tolerance) asked */
  gboolean         padded;       /* the last fit is a flat pad around content */
  cairo_rectangle_int_t content;
};

static void
prepared_clear (Prepared *p)
{
  g_clear_pointer (&p->surface, cairo_surface_destroy);
}

VtProduct *
vt_product_new (cairo_surface_t *photo)
{
  VtProduct *self = g_new0 (VtProduct, 1);

  self->photo = cairo_surface_reference (photo);
  self->prepared = g_array_new (FALSE, TRUE, sizeof (Prepared));
  g_array_set_clear_func (self->prepared, (GDestroyNotify) prepared_clear);
  return self;
}

/**
 * vt_product_new_owning:
 *
 * vt_product_new() for a @photo that every size whitens with the same
 * tolerance and nothing else reads: whitening then works in it rather than
 * in a copy as large.
 */
VtProduct *
vt_product_new_owning (cairo_surface_t *photo)
{
  VtProduct *self = vt_product_new (photo);

  self->own_photo = TRUE;
  return self;
}

void
vt_product_free (VtProduct *self)
{
  g_clear_pointer (&self->photo, cairo_surface_destroy);
  g_clear_pointer (&self->on_white, cairo_surface_destroy);
  g_clear_pointer (&self->prepared, g_array_unref);
  g_free (self);
}

/* The photo as whitening and trimming see it: opaque. */
static cairo_surface_t *
opaque_photo (VtProduct *self)
{
  if (!vt_image_has_alpha (self->photo))
    return self->photo;
  if (self->on_white == NULL)
    self->on_white = vt_alpha_flatten (cairo_surface_reference (self->photo), 0xFFFFFF, NULL);
  return self->on_white != NULL ? self->on_white : self->photo;
}

static Prepared *
find_or_whiten (VtProduct *self,
                gboolean   whiten,
                double     tolerance)
{
  Prepared fresh = { .tolerance = tolerance, .whiten = whiten };

  for (guint i = 0; i < self->prepared->len; i++)
    {
      Prepared *p = &g_array_index (self->prepared, Prepared, i);
      if (p->whiten == whiten && p->tolerance == tolerance)
        return p;
    }

  if (whiten)
    {
      /* vt_whiten() leaves the photo as it was unless it is done */
      g_autoptr(cairo_surface_t) copy = self->own_photo ? cairo_surface_reference (opaque_photo (self))
                                                        : vt_image_copy (opaque_photo (self));
      VtWhitenResult result = copy != NULL ? vt_whiten (copy, tolerance) : VT_WHITEN_NO_BACKDROP;

      fresh.low_contrast = result == VT_WHITEN_LOW_CONTRAST;
      fresh.white = result == VT_WHITEN_DONE;
      if (fresh.white)
        fresh.surface = g_steal_pointer (&copy);
    }
  if (fresh.surface == NULL)
    fresh.surface = cairo_surface_reference (opaque_photo (self));
  g_array_append_val (self->prepared, fresh);
  return &g_array_index (self->prepared, Prepared, self->prepared->len - 1);
}

/**
 * vt_product_prepare:
 * @box: (out): the part of the returned photo @variant uses: the product
 *   when it trims, else the whole photo
 * @notes: (out): what went wrong, for the size's output
 *
 * Returns: (transfer full): the photo as @variant wants it before its fit
 */
cairo_surface_t *
vt_product_prepare (VtProduct             *self,
                    const VtVariant       *variant,
                    cairo_rectangle_int_t *box,
                    VtProductNotes        *notes)
{
  double tolerance = vt_variant_get_tolerance (variant);
  Prepared *p;

  memset (notes, 0, sizeof *notes);
  *box = (cairo_rectangle_int_t) { 0, 0, vt_image_get_width (self->photo),
                                   vt_image_get_height (self->photo) };
  if (!variant->whiten && !vt_variant_trims (variant))
    return cairo_surface_reference (self->photo);

  p = find_or_whiten (self, variant->whiten, tolerance);
  notes->low_contrast = p->low_contrast;
  if (vt_variant_trims (variant))
    {
      VtBackdrop white;

      vt_backdrop_white (vt_image_get_width (p->surface), vt_image_get_height (p->surface), &white);
      if (!p->trimmed && p->white)
        vt_trim_find_on (p->surface, &white, tolerance, &p->trim);
      else if (!p->trimmed)
        vt_trim_find (p->surface, tolerance, &p->trim);
      p->trimmed = TRUE;
      *box = p->trim.box;
      notes->not_found = !p->trim.found;
    }
  return cairo_surface_reference (p->surface);
}

/**
 * vt_product_crop:
 *
 * Returns: (transfer full): a copy of @box of @surface, or %NULL with
 * @error set
 */
cairo_surface_t *
vt_product_crop (cairo_surface_t             *surface,
                 const cairo_rectangle_int_t *box,
                 GError                     **error)
{
  cairo_surface_t *crop = vt_image_new_like (surface, box->width, box->height, error);
  const guint8 *src;
  guint8 *dst;
  int src_stride, dst_stride;

  if (crop == NULL)
    return NULL;
  cairo_surface_flush (surface);
  src = cairo_image_surface_get_data (surface);
  src_stride = cairo_image_surface_get_stride (surface);
  dst = cairo_image_surface_get_data (crop);
  dst_stride = cairo_image_surface_get_stride (crop);
  for (int y = 0; y < box->height; y++)
    memcpy (dst + (gsize) y * dst_stride, src + (gsize) (box->y + y) * src_stride + 4 * box->x,
            (gsize) box->width * 4);
  cairo_surface_mark_dirty (crop);
  return crop;
}

static cairo_surface_t *
fit (const VtVariant  *v,
     cairo_surface_t  *photo,
     gboolean          spare,
     GCancellable     *cancellable,
     GError          **error)
{
  switch (v->fit)
    {
    case VT_FIT_FILL:
      return vt_fit_fill (photo, v->width, v->height, cancellable, error);
    case VT_FIT_PAD:
      return vt_fit_pad (photo, v->width, v->height, v->background, cancellable, error);
    case VT_FIT_INSIDE:
    default:
      return vt_fit_inside (photo, v->width, v->height, spare, cancellable, error);
    }
}

/* A size that whitens or trims: the product prepared once per photo, then
 * filled to its share of the box, or cut out and fitted as usual. */
static cairo_surface_t *
fit_product (VtProduct        *self,
             const VtVariant  *v,
             gboolean          spare,
             VtOutput         *output,
             GCancellable     *cancellable,
             GError          **error)
{
  cairo_rectangle_int_t box;
  VtProductNotes notes;
  VtFill plan;
  g_autoptr(cairo_surface_t) prepared = vt_product_prepare (self, v, &box, &notes);
  g_autoptr(cairo_surface_t) crop = NULL;

  if (output != NULL)
    {
      output->low_contrast = notes.low_contrast;
      output->no_product = notes.not_found;
    }
  /* The product's edge is not clear: leave the photo as it is rather than
   * guess where to cut. */
  if (notes.low_contrast || notes.not_found)
    return fit (v, prepared, spare, cancellable, error);
  if (v->fill > 0)
    {
      vt_fill_plan (box.width, box.height, v->width, v->height, v->fill, v->enlarge, &plan);
      if (output != NULL)
        output->small_product = plan.too_small && !v->enlarge;
      self->padded = TRUE;
      self->content = plan.place;
      return vt_fill_render (prepared, &box, &plan, v->background, cancellable, error);
    }
  if (box.width == vt_image_get_width (prepared) && box.height == vt_image_get_height (prepared))
    return fit (v, prepared, spare, cancellable, error);
  crop = vt_product_crop (prepared, &box, error);
  return crop != NULL ? fit (v, crop, TRUE, cancellable, error) : NULL;
}

/**
 * vt_product_keeps_alpha:
 *
 * Returns: whether @variant writes a cut-out's transparency: it has a
 * format that carries alpha, and neither pads on a colour nor whitens or
 * trims to a white backdrop
 */
gboolean
vt_product_keeps_alpha (const VtVariant *variant)
{
  guint with_alpha = 0;

  for (guint f = 0; f < VT_N_FORMATS; f++)
    if (vt_format_keeps_alpha (f))
      with_alpha |= VT_FORMAT_BIT (f);
  return (variant->formats & with_alpha) != 0 && variant->fit != VT_FIT_PAD &&
         !variant->whiten && !vt_variant_trims (variant);
}

/**
 * vt_product_fit:
 * @variant: the size
 * @spare: the photo is not read after this size, which may then work in it
 * @output: (nullable): where to note what preparing the product found
 *
 * The photo put into @variant's box as its fit says, after whitening and
 * trimming when the size asks for them; a cut-out flattened on the size's
 * pad colour or white unless it keeps its transparency.
 *
 * Returns: (transfer full): a new surface, or %NULL with @error set
 */
cairo_surface_t *
vt_product_fit (VtProduct        *self,
                const VtVariant  *variant,
                gboolean          spare,
                VtOutput         *output,
                GCancellable     *cancellable,
                GError          **error)
{
  cairo_surface_t *out;

  self->padded = FALSE;
  if (variant->whiten || vt_variant_trims (variant))
    out = fit_product (self, variant, spare, output, cancellable, error);
  else
    out = fit (variant, self->photo, spare, cancellable, error);
  if (out != NULL && vt_image_has_alpha (out) && !vt_product_keeps_alpha (variant))
    out = vt_alpha_flatten (out, variant->fit == VT_FIT_PAD ? variant->background : 0xFFFFFF, error);
  return out;
}

/**
 * vt_product_get_content:
 * @area: (out): where the last vt_product_fit() put the product
 *
 * Returns: whether the rest of the last fit is a flat pad of one colour
 */
gboolean
vt_product_get_content (VtProduct             *self,
                        cairo_rectangle_int_t *area)
{
  *area = self->content;
  return self->padded;
}
