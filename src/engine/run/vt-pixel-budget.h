/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-pixel-budget.h: how many decoded pixels a job's photos may hold at once */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Embedded in its owner; every field is under `lock`, through the functions
 * below only. */
typedef struct {
  GMutex  lock;
  GCond   cond;
  gint64  available;      /* below 0 while photos over the budget run */
  guint   in_flight;
  guint   max_in_flight;
} VtPixelBudget;

void     vt_pixel_budget_init              (VtPixelBudget *budget,
                                            guint          n_cores);
void     vt_pixel_budget_clear             (VtPixelBudget *budget);
gboolean vt_pixel_budget_acquire           (VtPixelBudget *budget,
                                            guint64        cost,
                                            GCancellable  *cancellable);
void     vt_pixel_budget_release           (VtPixelBudget *budget,
                                            guint64        cost);
void     vt_pixel_budget_wake              (VtPixelBudget *budget);
guint    vt_pixel_budget_get_max_in_flight (VtPixelBudget *budget);

G_END_DECLS
