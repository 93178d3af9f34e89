/* rounds-content-language.c — the language a practice publishes in
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Rounds writes for the public follows the practice's content
 * language, not the interface's: a front desk may work in English and
 * answer reviews in Spanish. gettext has no call that takes a language,
 * so the catalog of that language (the same rounds.mo the interface
 * uses, found where bindtextdomain() points) is read here into a table,
 * once per language. Formats with <inttypes.h> macros (the .mo file's
 * system-dependent strings) are not read: no public text uses them.
 */

#define G_LOG_DOMAIN "rounds-content-language"

#include "config.h"

#include <libintl.h>
#include <string.h>

#include "rounds-content-language.h"

#define MO_MAGIC 0x950412deU

static const struct
{
  const char *code;
  const char *name;   /* in the language itself: chosen by those who speak it */
} languages[] = {
  { "en", "English" },
  { "es", "Español" },
};

G_LOCK_DEFINE_STATIC (catalogs);
static GHashTable *catalogs;   /* code → GHashTable msgid → translation, or a missing value */

/**
 * rounds_content_languages:
 *
 * Returns: (transfer none): the codes a practice can publish in, the
 *   default first.
 */
const char * const *
rounds_content_languages (void)
{
  static const char *codes[G_N_ELEMENTS (languages) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
      codes[i] = languages[i].code;
  return codes;
}

gboolean
rounds_content_language_is_valid (const char *code)
{
  return rounds_content_language_get_name (code) != NULL;
}

/**
 * rounds_content_language_get_name:
 *
 * Returns: (nullable): the language's name in that language ("Español"),
 *   or %NULL for a code Rounds does not publish in.
 */
const char *
rounds_content_language_get_name (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].code, code))
      return languages[i].name;
  return NULL;
}

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swap)
{
  guint32 v;

  memcpy (&v, data + offset, sizeof v);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

/* A .mo file's plain messages: msgid (with its context, "ctx\004id")
 * → the first form of its translation. NULL when the file is missing or
 * not a catalog. */
static GHashTable *
load_catalog (const char *path)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *table;
  const guint8 *data;
  gsize size;
  guint32 magic, n, originals, translations;
  gboolean swap;

  file = g_mapped_file_new (path, FALSE, &error);
  if (file == NULL)
    {
      g_debug ("No catalog %s: %s", path, error->message);
      return NULL;
    }
  data = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < 20)
    return NULL;

  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && GUINT32_SWAP_LE_BE (magic) != MO_MAGIC)
    {
      g_warning ("%s is not a message catalog", path);
      return NULL;
    }
  swap = magic != MO_MAGIC;
  n = read_u32 (data, 8, swap);
  originals = read_u32 (data, 12, swap);
  translations = read_u32 (data, 16, swap);
  if (originals > size || translations > size ||
      (gsize) n > (size - originals) / 8 || (gsize) n > (size - translations) / 8)
    {
      g_warning ("%s is damaged", path);
      return NULL;
    }

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = read_u32 (data, originals + 8 * i, swap);
      guint32 ooff = read_u32 (data, originals + 8 * i + 4, swap);
      guint32 tlen = read_u32 (data, translations + 8 * i, swap);
      guint32 toff = read_u32 (data, translations + 8 * i + 4, swap);

      /* Each string is followed by a NUL the length does not count. */
      if (ooff > size || olen >= size - ooff || toff > size || tlen >= size - toff || olen == 0)
        continue;
      g_hash_table_insert (table,
                           g_strndup ((const char *) data + ooff, olen),
                           g_strndup ((const char *) data + toff, tlen));
    }
  return table;
}

/**
 * rounds_content_gettext:
 * @code: (nullable): a content language
 * @msgid: an English text marked for translation
 *
 * Returns: (transfer none): @msgid in @code's language, from the same
 *   catalog the interface uses; @msgid itself for English, for a language
 *   without a catalog, or for a message the catalog does not have.
 */
const char *
rounds_content_gettext (const char *code,
                        const char *msgid)
{
  GHashTable *catalog;
  const char *found;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (code == NULL || g_str_equal (code, ROUNDS_CONTENT_LANGUAGE_DEFAULT) ||
      !rounds_content_language_is_valid (code) || msgid[0] == '\0')
    return msgid;

  G_LOCK (catalogs);
  if (catalogs == NULL)
    catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_hash_table_unref);
  if (!g_hash_table_lookup_extended (catalogs, code, NULL, (gpointer *) &catalog))
    {
      const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
      g_autofree char *file = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);
      g_autofree char *path = g_build_filename (dir != NULL ? dir : LOCALEDIR, code,
                                                "LC_MESSAGES", file, NULL);

      catalog = load_catalog (path);
      /* A language without a catalog is remembered too: no second try. */
      g_hash_table_insert (catalogs, g_strdup (code),
                           catalog != NULL ? catalog
                                           : g_hash_table_new (g_str_hash, g_str_equal));
      catalog = g_hash_table_lookup (catalogs, code);
    }
  found = g_hash_table_lookup (catalog, msgid);
  G_UNLOCK (catalogs);

  return found != NULL && found[0] != '\0' ? found : msgid;
}
