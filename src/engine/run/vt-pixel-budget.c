/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pixel-budget.c: how many decoded pixels a job's photos may hold at once
 *
 * A counting semaphore in pixels: a photo takes its decoded size before
 * decoding and gives it back once its sizes are written. Photos up to
 * SHARED_MAX_PIXELS start whatever the budget says, so that no core waits
 * for memory a photo of ordinary size would barely use; larger ones start
 * only while the budget has room, or alone. Any thread may call these
 * functions; they take the budget's lock.
 */
#define G_LOG_DOMAIN "vt-job"

#include "config.h"

#include "vt-pixel-budget.h"
#include "vt-tsan.h"

/* Pixels the cores may hold decoded at once, per core, for photos over
 * SHARED_MAX_PIXELS: a 50-megapixel photo decoded in full (for a blur
 * before the resize) then runs alone on fewer than ten cores. */
#define PIXELS_PER_CORE (5u * 1000u * 1000u)
/* A photo up to this size starts on any free core, whatever the budget
 * says: a 12-megapixel photo decoded in full is more than a core's share,
 * and leaving a core idle for it would cost more than its memory. */
#define SHARED_MAX_PIXELS (16u * 1000u * 1000u)

void
vt_pixel_budget_init (VtPixelBudget *budget,
                      guint          n_cores)
{
  g_mutex_init (&budget->lock);
  g_cond_init (&budget->cond);
  budget->available = (gint64) n_cores * PIXELS_PER_CORE;
  budget->in_flight = 0;
  budget->max_in_flight = 0;
}

void
vt_pixel_budget_clear (VtPixelBudget *budget)
{
  g_mutex_clear (&budget->lock);
  g_cond_clear (&budget->cond);
}

/* Called with the lock held; by a core, so fewer photos than cores are in
 * flight. */
static gboolean
admits (VtPixelBudget *budget,
        guint64        cost)
{
  return budget->in_flight == 0 || cost <= SHARED_MAX_PIXELS ||
         (gint64) cost <= budget->available;
}

/**
 * vt_pixel_budget_acquire:
 * @cost: the photo's pixels once decoded
 *
 * Waits until the budget admits @cost, then takes it.
 *
 * Returns: %FALSE, having taken nothing, when @cancellable was cancelled
 * (see vt_pixel_budget_wake())
 */
gboolean
vt_pixel_budget_acquire (VtPixelBudget *budget,
                         guint64        cost,
                         GCancellable  *cancellable)
{
  gboolean ok;

  vt_mutex_lock (&budget->lock);
  while (!admits (budget, cost) && !g_cancellable_is_cancelled (cancellable))
    vt_cond_wait (&budget->cond, &budget->lock);
  ok = !g_cancellable_is_cancelled (cancellable);
  if (ok)
    {
      budget->available -= (gint64) cost;
      budget->in_flight++;
      budget->max_in_flight = MAX (budget->max_in_flight, budget->in_flight);
    }
  vt_mutex_unlock (&budget->lock);
  return ok;
}

void
vt_pixel_budget_release (VtPixelBudget *budget,
                         guint64        cost)
{
  vt_mutex_lock (&budget->lock);
  budget->available += (gint64) cost;
  budget->in_flight--;
  g_cond_broadcast (&budget->cond);
  vt_mutex_unlock (&budget->lock);
}

/* Wakes every thread waiting for pixels, so that it sees a cancellation. */
void
vt_pixel_budget_wake (VtPixelBudget *budget)
{
  vt_mutex_lock (&budget->lock);
  g_cond_broadcast (&budget->cond);
  vt_mutex_unlock (&budget->lock);
}

/* The most photos that held pixels at once. */
guint
vt_pixel_budget_get_max_in_flight (VtPixelBudget *budget)
{
  guint max;

  vt_mutex_lock (&budget->lock);
  max = budget->max_in_flight;
  vt_mutex_unlock (&budget->lock);
  return max;
}
