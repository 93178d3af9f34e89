/* fuzz-compliance.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the compliance scanner. The first input byte picks
 * the text kind and whether a reviewer name (up to the first newline)
 * precedes the text; the rest is the text. Besides crashes and sanitizer
 * reports, it checks the scanner's contract: valid UTF-8 scans, invalid
 * UTF-8 is refused, findings are sorted, non-empty and inside the text.
 */

#include "config.h"

#include <string.h>

#include "rounds-scanner.h"

static const char profile_json[] =
  "{\"practice_name\": \"Prairie Oak Family Dental\","
  " \"phones\": [\"(217) 555-0142\", \"(217) 555-0143\"],"
  " \"emails\": [\"hello@prairieoakdental.com\"],"
  " \"addresses\": [\"1408 W. Kirby Ave, Suite 200, Champaign, IL 61821\"],"
  " \"websites\": [\"https://www.prairieoakdental.com\"],"
  " \"staff\": [\"Dr. Anita Ramos\", \"Dr. Kevin Liu\", \"Marisol Vega, RDH\", \"Tom Becker\"],"
  " \"allow\": [\"Chompers\", \"Kids Dental Day\"]}";

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static RoundsScanner *scanner;
  static RoundsComplianceProfile *profile;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *reviewer = NULL;
  const char *text;
  gsize len;
  RoundsTextKind kind;
  gboolean valid;
  glong n_chars = 0;

  if (scanner == NULL)
    {
      scanner = rounds_scanner_get_default ();
      profile = rounds_compliance_profile_new_from_json (profile_json, -1, NULL);
      g_assert (profile != NULL);
    }

  if (size < 1)
    return 0;

  kind = data[0] % 3;
  text = (const char *) data + 1;
  len = size - 1;

  if ((data[0] & 0x80) && len > 0)
    {
      const char *nl = memchr (text, '\n', MIN (len, 64));

      if (nl != NULL)
        {
          reviewer = g_strndup (text, nl - text);
          len -= (nl - text) + 1;
          text = nl + 1;
        }
    }

  valid = g_utf8_validate_len (text, len, NULL);
  findings = rounds_scanner_scan (scanner, text, len, kind, reviewer,
                                  (data[0] & 0x40) ? NULL : profile, &error);

  if (!valid)
    {
      g_assert (findings == NULL);
      g_assert (error != NULL);
      return 0;
    }

  g_assert_no_error (error);
  g_assert (findings != NULL);
  n_chars = g_utf8_strlen (text, len);

  for (guint i = 0; i < findings->len; i++)
    {
      const RoundsFinding *f = g_ptr_array_index (findings, i);

      g_assert (rounds_finding_get_start (f) < rounds_finding_get_end (f));
      g_assert ((glong) rounds_finding_get_end (f) <= n_chars);
      g_assert (rounds_finding_category_to_string (rounds_finding_get_category (f)) != NULL);
      if (i > 0)
        g_assert (rounds_finding_get_start (g_ptr_array_index (findings, i - 1)) <= rounds_finding_get_start (f));
    }

  {
    g_autoptr(JsonNode) node = rounds_findings_to_json (findings);
    g_autofree char *json = json_to_string (node, FALSE);
    g_assert (json != NULL);
  }

  return 0;
}
