/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vt-shard.c: which part of a batch one of several machines takes
 *
 * Every task of a cluster job sees the same list of photos and keeps the
 * ones whose group hashes to its index, so the split needs no coordinator
 * and comes out the same on every host. A group is every photo that could
 * want the same output name (a.jpg and a.png both want "a"): the job gives
 * such photos distinct names in input order, which only one task can do.
 */
#define G_LOG_DOMAIN "vt-shard"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "vt-shard.h"

/* Extensions that the job appends to a name already taken ("a-png",
 * "a-png-2"); a photo named like that joins the group of "a". */
static const char * const derived_suffixes[] = {
  "jpg", "jpeg", "jpe", "png", "webp", "gif", "tif", "tiff", "bmp",
  "heic", "heif", "avif", "jxl", "pnm", "ppm", NULL
};

static gboolean
is_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* Drops one trailing "-EXT" or "-EXT-N"; FALSE when there is none. The
 * key is web-safe: no empty parts between its dashes. */
static gboolean
strip_derived_suffix (GString *key)
{
  g_auto(GStrv) parts = g_strsplit (key->str, "-", -1);
  guint n = g_strv_length (parts);
  guint drop = 0;
  gsize cut = key->len;

  if (n >= 3 && is_digits (parts[n - 1]) && g_strv_contains (derived_suffixes, parts[n - 2]))
    drop = 2;
  else if (n >= 2 && g_strv_contains (derived_suffixes, parts[n - 1]))
    drop = 1;
  for (guint i = n - drop; i < n; i++)
    cut -= strlen (parts[i]) + 1;
  g_string_truncate (key, cut);
  return drop > 0;
}

/**
 * vt_shard_group_key:
 * @subdir: the folder the photo's outputs go under ("" at the top)
 * @input: the photo's path
 *
 * The same key for photos whose output names could collide, under any
 * recipe: the stem, as web-safe names would spell it (which only merges
 * more names into one group), less the suffixes the job adds to names
 * already taken.
 *
 * Returns: (transfer full): the key
 */
char *
vt_shard_group_key (const char *subdir,
                    const char *input)
{
  g_autofree char *base = g_path_get_basename (input);
  const char *dot = strrchr (base, '.');
  g_autofree char *raw = dot && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
  g_autofree char *stem = vt_inputs_web_safe_name (raw);
  g_autoptr(GString) key = g_string_new (stem);

  while (strip_derived_suffix (key))
    ;
  g_string_prepend_c (key, '/');
  g_string_prepend (key, subdir != NULL ? subdir : "");
  return g_strdup (key->str);
}

/* FNV-1a, then MurmurHash3's 64-bit finaliser: both fixed by their
 * definitions, unlike a library's hash table hash, so any host and any
 * later version splits a batch the same way. FNV-1a alone leaves its low
 * bits, which "% count" keeps, to the low bits of each byte of the key. */
static guint64
stable_hash (const char *text)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (const guchar *p = (const guchar *) text; *p; p++)
    h = (h ^ *p) * G_GUINT64_CONSTANT (1099511628211);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

/* The shard, of @count, that takes this photo. */
guint
vt_shard_of (const char *subdir,
             const char *input,
             guint       count)
{
  g_autofree char *key = vt_shard_group_key (subdir, input);

  g_return_val_if_fail (count > 0, 0);
  return (guint) (stable_hash (key) % count);
}

/**
 * vt_shard_select:
 * @inputs: (element-type VtInput): the whole batch, in order
 *
 * Returns: (transfer container) (element-type VtInput): the photos of
 * @shard, in their order in @inputs; they belong to @inputs
 */
GPtrArray *
vt_shard_select (const VtShard *shard,
                 GPtrArray     *inputs)
{
  GPtrArray *mine = g_ptr_array_new ();

  for (guint i = 0; i < inputs->len; i++)
    {
      VtInput *input = g_ptr_array_index (inputs, i);

      if (shard->count <= 1 || vt_shard_of (input->subdir, input->path, shard->count) == shard->index)
        g_ptr_array_add (mine, input);
    }
  return mine;
}

static gboolean
parse_number (const char *text,
              const char *end_chars,
              guint64    *value,
              const char **end)
{
  char *stop = NULL;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  *value = g_ascii_strtoull (text, &stop, 10);
  *end = stop;
  return strchr (end_chars, *stop) != NULL && *value <= G_MAXINT;
}

/**
 * vt_shard_parse:
 * @text: "K/N", with 0 ≤ K < N
 *
 * Returns: whether @text is a shard; @error says what is wrong otherwise
 */
gboolean
vt_shard_parse (const char  *text,
                VtShard     *shard,
                GError     **error)
{
  guint64 k, n;
  const char *end;

  if (!parse_number (text, "/", &k, &end) || !parse_number (end + 1, "", &n, &end) || n == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--shard expects K/N, the K-th of N parts counting from 0, for example 0/4; got “%s”"),
                   text);
      return FALSE;
    }
  if (k >= n)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--shard %s: the index must be below the count, from 0 to %u"),
                   text, (guint) n - 1);
      return FALSE;
    }
  shard->index = (guint) k;
  shard->count = (guint) n;
  return TRUE;
}
