/* rounds-pin.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <crypt.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rounds-pin.h"
#include "rounds-store.h"

/* Approvers' PINs, hashed with yescrypt from libxcrypt (the system's
 * password hashing: a fresh random salt per hash, deliberately slow and
 * memory-hard). Only the hash string ("$y$…") is stored; a PIN is never
 * kept, logged or compared in clear. Short PINs are weak against someone
 * who copies the file, which is why the store also slows down guessing
 * in the app (see rounds-store-people.c) and why the PIN protects
 * approval at the desk, not the data. docs/decisions.md, "People". */

/**
 * rounds_pin_check_form:
 *
 * Returns: whether @pin has the form of a PIN: 4 to 8 digits.
 */
gboolean
rounds_pin_check_form (const char  *pin,
                       GError     **error)
{
  gsize n = pin != NULL ? strlen (pin) : 0;

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (pin[i]))
      n = 0;

  if (n < ROUNDS_PIN_MIN_DIGITS || n > ROUNDS_PIN_MAX_DIGITS)
    {
      g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_INVALID,
                   _("A PIN is %d to %d digits"), ROUNDS_PIN_MIN_DIGITS, ROUNDS_PIN_MAX_DIGITS);
      return FALSE;
    }
  return TRUE;
}

/**
 * rounds_pin_hash:
 *
 * Returns: (transfer full): the yescrypt hash of @pin with a new random
 *   salt, or %NULL with an error.
 */
char *
rounds_pin_hash (const char  *pin,
                 GError     **error)
{
  g_autofree struct crypt_data *data = NULL;
  char *salt;
  char *hash = NULL;

  if (!rounds_pin_check_form (pin, error))
    return NULL;

  /* NULL random bytes: libxcrypt reads them from the system. */
  salt = crypt_gensalt_ra ("$y$", 0, NULL, 0);
  if (salt != NULL)
    {
      data = g_new0 (struct crypt_data, 1);
      if (crypt_r (pin, salt, data) != NULL && data->output[0] == '$')
        hash = g_strdup (data->output);
      explicit_bzero (data, sizeof *data);
      free (salt);
    }

  if (hash == NULL)
    g_set_error (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_FAILED,
                 _("The PIN could not be saved: this system cannot hash it"));
  return hash;
}

/**
 * rounds_pin_verify:
 *
 * Returns: whether @pin is the one @hash was made from. The hashes are
 *   compared in constant time.
 */
gboolean
rounds_pin_verify (const char *pin,
                   const char *hash)
{
  g_autofree struct crypt_data *data = NULL;
  gsize n;
  guchar diff = 0;

  if (pin == NULL || hash == NULL || hash[0] != '$')
    return FALSE;

  data = g_new0 (struct crypt_data, 1);
  if (crypt_r (pin, hash, data) == NULL || data->output[0] != '$')
    {
      explicit_bzero (data, sizeof *data);
      return FALSE;
    }

  n = strlen (hash);
  diff = strlen (data->output) != n;
  for (gsize i = 0; i < n && i < sizeof data->output; i++)
    diff |= (guchar)data->output[i] ^ (guchar)hash[i];
  explicit_bzero (data, sizeof *data);

  return diff == 0;
}
