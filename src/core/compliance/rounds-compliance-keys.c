/* rounds-compliance-keys.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RKeys: the scanner's tables of folded keys (the word index, the clinical
 * vocabulary, first names, surnames), asked once or more per token.
 *
 * A GHashTable of strings costs a string hash, and then a read of its
 * hash array, its key array, the key itself (a malloc block of its own
 * somewhere in the heap) and its value array: on a loaded machine each of
 * those reads is a cache miss, and perf showed the lookups at a fifth of
 * the scanner's time. Here a slot is the key's 32-bit hash beside the
 * key's offset in one block of keys, so a lookup reads one slot (mostly
 * one cache line) and the key it names; the values (when the table has
 * any) are read only on a hit. Loading copies each key once into the
 * block instead of allocating it, which also makes start-up cheaper.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <string.h>

#include "rounds-compliance-private.h"

static inline guint32
key_hash (const char *key,
          gsize       len)
{
  return _rounds_keys_hash32 (_rounds_key_hash (key, len));
}

static inline void
filter_add (RKeys   *keys,
            guint32  hash)
{
  guint32 b = _rounds_keys_filter_bucket (keys, hash);

  keys->filter[b / 64] |= G_GUINT64_CONSTANT (1) << (b % 64);
}

/* 4 buckets a slot: (mask + 1) * 4 bits */
static void
filter_reset (RKeys *keys)
{
  guint log2_slots = g_bit_nth_msf (keys->mask + 1, -1);

  g_free (keys->filter);
  keys->filter = g_new0 (guint64, MAX ((keys->mask + 1) * 4 / 64, 1));
  keys->filter_shift = 32 - (log2_slots + 2);
}

RKeys *
_rounds_keys_new (gboolean with_values)
{
  RKeys *keys = g_new0 (RKeys, 1);

  keys->mask = 63;
  keys->slots = g_new0 (RKeySlot, keys->mask + 1);
  filter_reset (keys);
  if (with_values)
    keys->values = g_new0 (gpointer, keys->mask + 1);
  return keys;
}

/* A set of keys as make-keys-table.py wrote it at build time, the same
 * slots, filter and block as _rounds_keys_add_whole_lines () builds from
 * the text, read in place (read only: nothing may be added to it). The
 * header: magic "RKEYS001", slots and keys (32 bits each), the filter's
 * shift and 64-bit words (32 bits each), the block's length (64 bits). */
#define KEYS_TABLE_MAGIC G_GUINT64_CONSTANT (0x524B455953303031)

RKeys *
_rounds_keys_new_from_table (GBytes  *table,
                             GError **error)
{
  gsize size = 0;
  const guint8 *p = g_bytes_get_data (table, &size);
  guint64 magic, block_len;
  guint32 n_slots, n, shift, n_filter;
  RKeys *keys;

  if (size < 32)
    goto bad;
  memcpy (&magic, p, 8);
  memcpy (&n_slots, p + 8, 4);
  memcpy (&n, p + 12, 4);
  memcpy (&shift, p + 16, 4);
  memcpy (&n_filter, p + 20, 4);
  memcpy (&block_len, p + 24, 8);
  if (magic != KEYS_TABLE_MAGIC || n_slots < 64 || (n_slots & (n_slots - 1)) != 0 || n * 2 > n_slots ||
      n_filter != n_slots * 4 / 64 || shift != 32 - ((guint) g_bit_nth_msf (n_slots, -1) + 2) ||
      block_len == 0 || size != 32 + (gsize) n_filter * 8 + (gsize) n_slots * 8 + block_len)
    goto bad;

  keys = g_new0 (RKeys, 1);
  /* (the resource's data is 8-byte aligned; a copy if it ever is not) */
  keys->table = ((guintptr) p & 7) == 0 ? g_bytes_ref (table) : g_bytes_new (p, size);
  p = g_bytes_get_data (keys->table, NULL);
  keys->filter = (guint64 *) (p + 32);
  keys->slots = (RKeySlot *) (p + 32 + (gsize) n_filter * 8);
  keys->block = (char *) (p + 32 + (gsize) n_filter * 8 + (gsize) n_slots * 8);
  keys->block_len = block_len;
  keys->block_cap = block_len;
  keys->mask = n_slots - 1;
  keys->n = n;
  keys->filter_shift = shift;
  if (keys->block[block_len - 1] != '\0')
    {
      _rounds_keys_free (keys);
      goto bad;
    }
  return keys;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "A key table of the resource is malformed");
  return NULL;
}

void
_rounds_keys_free (RKeys *keys)
{
  if (keys == NULL)
    return;
  if (keys->table != NULL)
    {
      g_bytes_unref (keys->table);
      g_free (keys);
      return;
    }
  g_free (keys->slots);
  g_free (keys->values);
  g_free (keys->filter);
  g_free (keys->block);
  g_free (keys);
}

guint
_rounds_keys_size (const RKeys *keys)
{
  return keys->n;
}

/* Rehashes the table into @new_size slots (a power of two). */
static void
resize (RKeys   *keys,
        guint32  new_size)
{
  RKeySlot *old = keys->slots;
  gpointer *old_values = keys->values;
  guint32 old_size = keys->mask + 1;

  keys->mask = new_size - 1;
  keys->slots = g_new0 (RKeySlot, keys->mask + 1);
  if (old_values != NULL)
    keys->values = g_new0 (gpointer, keys->mask + 1);
  filter_reset (keys);
  for (guint32 k = 0; k < old_size; k++)
    {
      guint32 i;

      if (old[k].hash == 0)
        continue;
      for (i = old[k].hash & keys->mask; keys->slots[i].hash != 0; i = (i + 1) & keys->mask)
        ;
      keys->slots[i] = old[k];
      filter_add (keys, old[k].hash);
      if (old_values != NULL)
        keys->values[i] = old_values[k];
    }
  g_free (old);
  g_free (old_values);
}

static void
grow (RKeys *keys)
{
  resize (keys, (keys->mask + 1) * 2);
}

/* Makes room for @n_keys more keys of @n_bytes in all at once (the
 * tables are filled from files whose size is known), instead of growing
 * and rehashing about twenty times on the way. */
void
_rounds_keys_reserve (RKeys *keys,
                      gsize  n_keys,
                      gsize  n_bytes)
{
  gsize want = (gsize) keys->n + n_keys;
  guint32 size = keys->mask + 1;

  g_assert (keys->table == NULL);  /* a table the build wrote is read only */

  while (want * 2 > size && size < (G_GUINT64_CONSTANT (1) << 31))
    size *= 2;
  if (size != keys->mask + 1)
    resize (keys, size);
  if (keys->block_len + n_bytes + n_keys > keys->block_cap && keys->block_len + n_bytes + n_keys <= G_MAXUINT32)
    {
      keys->block_cap = keys->block_len + n_bytes + n_keys;
      keys->block = g_realloc (keys->block, keys->block_cap);
    }
}

/* Adds @key (@len bytes) or, if it is there, replaces its value (as
 * g_hash_table_insert() does). */
void
_rounds_keys_insert (RKeys      *keys,
                     const char *key,
                     gsize       len,
                     gpointer    value)
{
  guint32 hash = key_hash (key, len);
  guint32 i = _rounds_keys_find_slot (keys, key, len, hash);

  g_assert (keys->table == NULL);
  if (keys->slots[i].hash == 0)
    {
      if (keys->block_len + len + 1 > G_MAXUINT32)
        g_error ("Too many compliance keys");
      if (keys->block_len + len + 1 > keys->block_cap)
        {
          keys->block_cap = MAX (keys->block_cap * 2, keys->block_len + len + 1 + 4096);
          keys->block = g_realloc (keys->block, keys->block_cap);
        }
      memcpy (keys->block + keys->block_len, key, len);
      keys->block[keys->block_len + len] = '\0';
      keys->slots[i].hash = hash;
      keys->slots[i].off = keys->block_len;
      filter_add (keys, hash);
      keys->block_len += len + 1;
      keys->n++;
    }
  if (keys->values != NULL)
    keys->values[i] = value;

  /* at most half full: short probes */
  if (keys->n * 2 > keys->mask + 1)
    grow (keys);
}

void
_rounds_keys_insert_data (RKeys         *keys,
                          const char    *key,
                          gsize          len,
                          gconstpointer  data,
                          gsize          size)
{
  guint32 hash = key_hash (key, len);
  guint32 i = _rounds_keys_find_slot (keys, key, len, hash);
  gsize at = _rounds_keys_data_off (keys->block_len, len);

  g_assert (keys->values == NULL && keys->table == NULL);
  g_assert (keys->slots[i].hash == 0);
  if (at + size > G_MAXUINT32)
    g_error ("Too many compliance keys");
  if (at + size > keys->block_cap)
    {
      keys->block_cap = MAX (keys->block_cap * 2, at + size + 4096);
      keys->block = g_realloc (keys->block, keys->block_cap);
    }
  memcpy (keys->block + keys->block_len, key, len);
  memset (keys->block + keys->block_len + len, 0, at - keys->block_len - len);
  memcpy (keys->block + at, data, size);
  keys->slots[i].hash = hash;
  keys->slots[i].off = keys->block_len;
  filter_add (keys, hash);
  keys->block_len = at + size;
  keys->n++;

  if (keys->n * 2 > keys->mask + 1)
    grow (keys);
}

/* Whether @key (@len bytes) is in the table; its value in @value (if not
 * NULL; NULL for a set). */
gboolean
_rounds_keys_lookup (const RKeys *keys,
                     const char  *key,
                     gsize        len,
                     gpointer    *value)
{
  if (keys == NULL)
    return FALSE;
  return _rounds_keys_lookup_hashed (keys, key, len, _rounds_key_hash (key, len), value);
}

/* Adds each line of @bytes up to a tab (or its end), skipping empty lines
 * and '#' comments, with the value @line_value returns. */
/* Adds the key at @off in the block (@len bytes and a nul, @hash its
 * _rounds_keys_hash32 ()): as _rounds_keys_insert () without copying it. */
static void
insert_in_block (RKeys    *keys,
                 gsize     off,
                 gsize     len,
                 guint32   hash,
                 gpointer  value)
{
  guint32 i = _rounds_keys_find_slot (keys, keys->block + off, len, hash);

  if (keys->slots[i].hash == 0)
    {
      keys->slots[i].hash = hash;
      keys->slots[i].off = off;
      filter_add (keys, hash);
      keys->n++;
    }
  if (keys->values != NULL)
    keys->values[i] = value;

  if (keys->n * 2 > keys->mask + 1)
    grow (keys);
}

/* Adds every line of @bytes that is not empty and does not start with
 * '#': the whole line, or (@at_tab) the part before its first tab, with
 * @line_value (the rest of the line, from the tab) as its value. The
 * whole text is copied into the block at once and each key is ended in
 * place with a nul (where its newline or tab was), so that a line costs
 * a memchr and its key's hash (a copy and a search per line were half of
 * the start-up's key tables); a comment or a repeated key only leaves its
 * bytes unused. */
static void
add_lines (RKeys    *keys,
           GBytes   *bytes,
           gboolean  at_tab,
           gpointer (*line_value) (const char *rest,
                                   gsize       len))
{
  gsize size = 0;
  const char *text = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  const char *end = text + size;
  const char *p = text;
  gsize base;

  if (text == NULL)
    return;
  _rounds_keys_reserve (keys, _rounds_count_lines (text, size), size);
  if (keys->block_len + size + 1 > keys->block_cap)
    {
      if (keys->block_len + size + 1 > G_MAXUINT32)
        g_error ("Too many compliance keys");
      keys->block_cap = keys->block_len + size + 1;
      keys->block = g_realloc (keys->block, keys->block_cap);
    }
  base = keys->block_len;
  memcpy (keys->block + base, text, size);
  keys->block[base + size] = '\0';
  keys->block_len = base + size + 1;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;
      const char *tab = at_tab ? memchr (p, '\t', line_end - p) : NULL;
      const char *key_end = tab ? tab : line_end;

      if (key_end > p && *p != '#')
        {
          gsize off = base + (p - text);
          gsize len = key_end - p;

          keys->block[off + len] = '\0';
          insert_in_block (keys, off, len, _rounds_keys_hash32 (_rounds_key_hash (p, len)),
                           line_value != NULL ? line_value (key_end, line_end - key_end) : NULL);
        }
      p = line_end + 1;
    }
}

void
_rounds_keys_add_lines (RKeys    *keys,
                        GBytes   *bytes,
                        gpointer (*line_value) (const char *rest,
                                                gsize       len))
{
  add_lines (keys, bytes, TRUE, line_value);
}

void
_rounds_keys_add_whole_lines (RKeys  *keys,
                              GBytes *bytes)
{
  add_lines (keys, bytes, FALSE, NULL);
}
