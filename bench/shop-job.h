/* SPDX-License-Identifier: GPL-3.0-or-later */
/* shop-job.h: the shop job that the reference tools of bench/compare.sh all do */
#pragma once

#include <glib.h>

typedef struct {
  const char *name;   /* the output folder */
  int         w;
  int         h;
} ShopSize;

#define SHOP_N_SIZES 3

extern const ShopSize shop_sizes[SHOP_N_SIZES];

void shop_job_run (const char *in_dir,
                   const char *out_dir,
                   int         threads,
                   GFunc       photo);
