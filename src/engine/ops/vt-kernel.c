/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-kernel.c: Lanczos-3 weights in Pillow's fixed point, and the cache the workers share */
#define G_LOG_DOMAIN "vt-resize"

#include "config.h"

#include <math.h>

#include "vt-kernel.h"
#include "vt-tsan.h"

#define LANCZOS_SUPPORT 3.0

static double
sinc (double x)
{
  if (x == 0.0)
    return 1.0;
  x *= G_PI;
  return sin (x) / x;
}

static double
lanczos3 (double x)
{
  if (x > -LANCZOS_SUPPORT && x < LANCZOS_SUPPORT)
    return sinc (x) * sinc (x / LANCZOS_SUPPORT);
  return 0.0;
}

static void
kernel_free_contents (VtKernel *k)
{
  VT_HANDOFF_ACQUIRE (k);   /* from every worker that let go of it */
  g_free (k->first);
  g_free (k->count);
  g_free (k->weights);
}

/* Kernels are shared by the workers (vt_kernel_get()), hence atomic counts. */
void
vt_kernel_unref (VtKernel *k)
{
  VT_HANDOFF_RELEASE (k);
  g_atomic_rc_box_release_full (k, (GDestroyNotify) kernel_free_contents);
}

static void
kernel_init (VtKernel *k,
             int       in_size,
             double    in0,
             double    extent,
             int       out_size)
{
  double scale = extent / out_size;
  double filterscale = MAX (scale, 1.0);
  double support = LANCZOS_SUPPORT * filterscale;
  g_autofree double *w = NULL;

  k->in_size = in_size, k->in0 = in0, k->extent = extent, k->out_size = out_size;
  k->ksize = (int) ceil (support) * 2 + 1;
  k->first = g_new (int, out_size);
  k->count = g_new (int, out_size);
  k->weights = g_new0 (gint32, (gsize) out_size * k->ksize);
  w = g_new (double, k->ksize);

  for (int o = 0; o < out_size; o++)
    {
      double center = in0 + (o + 0.5) * scale;
      int lo = MAX ((int) (center - support + 0.5), 0);
      int hi = MIN ((int) (center + support + 0.5), in_size);
      double sum = 0.0;

      for (int i = lo; i < hi; i++)
        sum += w[i - lo] = lanczos3 ((i - center + 0.5) / filterscale);

      for (int i = 0; i < hi - lo; i++)
        {
          double v = (sum != 0.0 ? w[i] / sum : 0.0) * (1 << VT_KERNEL_PRECISION_BITS);
          k->weights[(gsize) o * k->ksize + i] = (gint32) (v < 0 ? trunc (v - 0.5) : trunc (v + 0.5));
        }
      k->first[o] = lo;
      k->count[o] = hi - lo;
    }
}

/* Every photo of a batch asks for the same few kernels, each a sine per
 * tap to compute: the last few made are kept, for all the workers. */
#define N_KEPT_KERNELS 8

static GMutex kept_lock;
static VtKernel *kept[N_KEPT_KERNELS];
static guint kept_next;

/**
 * vt_kernel_get:
 * @in0, @extent: the span of the input that maps onto the output; the
 *   whole input but for a crop, or a box reduction whose last block was
 *   partial
 *
 * Returns: (transfer full): the kernel resampling @in_size positions to
 * @out_size, made or found among the last few made
 */
VtKernel *
vt_kernel_get (int    in_size,
               double in0,
               double extent,
               int    out_size)
{
  VtKernel *k = NULL;

  vt_mutex_lock (&kept_lock);
  for (guint i = 0; k == NULL && i < N_KEPT_KERNELS; i++)
    if (kept[i] != NULL && kept[i]->in_size == in_size && kept[i]->in0 == in0 &&
        kept[i]->extent == extent && kept[i]->out_size == out_size)
      k = g_atomic_rc_box_acquire (kept[i]);
  vt_mutex_unlock (&kept_lock);
  if (k != NULL)
    return k;

  k = g_atomic_rc_box_new0 (VtKernel);
  kernel_init (k, in_size, in0, extent, out_size);
  vt_mutex_lock (&kept_lock);
  g_clear_pointer (&kept[kept_next], vt_kernel_unref);
  kept[kept_next] = g_atomic_rc_box_acquire (k);
  kept_next = (kept_next + 1) % N_KEPT_KERNELS;
  vt_mutex_unlock (&kept_lock);
  return k;
}
