/* compliance-features.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests/data/compliance/train-risk-model.py: reads corpus lines
 * ({"id", "text", "kind", "reviewer"}) on standard input and prints, per
 * line, {"id": …, "sents": [{"start", "end", "features": […]}]} with the
 * risk model's features of each sentence, computed by the scanner itself
 * with the model turned off; with --names, {"id": …, "toks": […]}: the
 * learned name tagger's candidate words with their features instead.
 * Not installed, not a test.
 *
 *   compliance-features [--names] PROFILE.json < CORPUS.jsonl
 */

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "rounds-compliance-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
  RoundsScanner *scanner = rounds_scanner_get_default ();
  char *line = NULL;
  gsize len;
  gboolean names = argc == 3 && g_str_equal (argv[1], "--names");

  if (argc != 2 && !names)
    {
      fprintf (stderr, "usage: compliance-features [--names] PROFILE.json < CORPUS.jsonl\n");
      return 2;
    }
  profile = rounds_compliance_profile_new_from_file (argv[argc - 1], &error);
  if (profile == NULL)
    {
      fprintf (stderr, "compliance-features: %s\n", error->message);
      return 2;
    }

  while (g_io_channel_read_line (in, &line, &len, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *owned = line;
      g_autofree char *dump = NULL;
      g_autofree char *id = NULL;
      JsonObject *obj;
      RoundsTextKind kind = ROUNDS_TEXT_KIND_POST;

      if (!json_parser_load_from_data (parser, owned, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      obj = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (obj, "kind"))
        rounds_text_kind_from_string (json_object_get_string_member (obj, "kind"), &kind);
      dump = _rounds_scanner_dump_features (scanner, json_object_get_string_member (obj, "text"), kind,
                                            json_object_get_string_member_with_default (obj, "reviewer", NULL),
                                            profile, names);
      id = json_to_string (json_object_get_member (obj, "id"), FALSE);
      printf ("{\"id\":%s,\"%s\":%s}\n", id, names ? "toks" : "sents", dump);
    }
  return 0;
}
