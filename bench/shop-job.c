/* SPDX-License-Identifier: GPL-3.0-or-later */
/* shop-job.c: the shop job that the reference tools of bench/compare.sh all do */
#include "shop-job.h"

/* Vitrina's default recipe, so that every tool makes the same files. */
const ShopSize shop_sizes[SHOP_N_SIZES] = {
  { "thumbnail", 150, 150 }, { "medium", 500, 500 }, { "large", 1200, 1200 },
};

/* Makes a folder per size in @out_dir, then runs @photo on @threads
 * threads for each JPEG in @in_dir, passing it the path to free. */
void
shop_job_run (const char *in_dir,
              const char *out_dir,
              int         threads,
              GFunc       photo)
{
  GThreadPool *pool;
  GDir *dir;
  const char *name;

  for (int s = 0; s < SHOP_N_SIZES; s++)
    {
      char *d = g_build_filename (out_dir, shop_sizes[s].name, NULL);
      g_mkdir_with_parents (d, 0755);
      g_free (d);
    }
  pool = g_thread_pool_new (photo, NULL, MAX (threads, 1), TRUE, NULL);
  dir = g_dir_open (in_dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".jpg"))
      g_thread_pool_push (pool, g_build_filename (in_dir, name, NULL), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  if (dir)
    g_dir_close (dir);
}
