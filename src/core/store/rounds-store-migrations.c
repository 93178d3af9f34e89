/* rounds-store-migrations.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-store-private.h"

/* Migrations: migrations[N] takes a database from version N to N + 1.
 * Never edit a step that has shipped; add one, and add a fixture for the
 * old version under tests/data/store/ (the store test requires it). */
static const char * const migrations[ROUNDS_STORE_SCHEMA_VERSION] = {
  /* 0 → 1: the foundation */
  "CREATE TABLE practice ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  specialty TEXT NOT NULL DEFAULT '',"
  "  timezone TEXT NOT NULL DEFAULT '',"
  "  website TEXT NOT NULL DEFAULT '',"
  "  phones TEXT NOT NULL DEFAULT '[]',"
  "  emails TEXT NOT NULL DEFAULT '[]',"
  "  addresses TEXT NOT NULL DEFAULT '[]',"
  "  staff TEXT NOT NULL DEFAULT '[]',"
  "  languages TEXT NOT NULL DEFAULT '[]',"
  "  allow TEXT NOT NULL DEFAULT '[]',"
  "  updated_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE posts ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','in_review','approved',"
  "    'scheduled','due','publishing','published','failed','cancelled')),"
  "  scheduled_at INTEGER,"
  "  networks TEXT NOT NULL DEFAULT '',"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX posts_scheduled_at ON posts (scheduled_at);"
  "CREATE TABLE comments ("
  "  id INTEGER PRIMARY KEY,"
  "  network TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('comment','review')),"
  "  author TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  received_at INTEGER NOT NULL,"
  "  post_id INTEGER REFERENCES posts (id) ON DELETE SET NULL,"
  "  rating INTEGER NOT NULL DEFAULT 0,"
  "  is_read INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX comments_received_at ON comments (received_at);"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  entity_type TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL,"
  "  from_state TEXT,"
  "  to_state TEXT,"
  "  reason TEXT,"
  "  text_sha256 TEXT"
  ");"
  "CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "INSERT INTO practice (id) VALUES (1);",

  /* 1 → 2: what the editor, the plan, the calendar and reminders keep.
   * Each feature reads and writes its tables in its own
   * rounds-store-FEATURE.c through rounds-store-private.h. */
  "ALTER TABLE posts ADD COLUMN recurrence TEXT;"          /* JSON rule, NULL: one-off */
  "ALTER TABLE posts ADD COLUMN series_id INTEGER;"        /* occurrence split from a series */
  "ALTER TABLE posts ADD COLUMN authorization TEXT;"       /* JSON: who signed, date, scope */
  "CREATE TABLE post_media ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  path TEXT NOT NULL,"
  "  alt_text TEXT NOT NULL DEFAULT '',"
  "  shows_patient INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX post_media_post ON post_media (post_id, position);"
  "CREATE TABLE finding_acks ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  rule TEXT NOT NULL,"
  "  span_sha256 TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL"
  ");"
  "CREATE INDEX finding_acks_post ON finding_acks (post_id);"
  "CREATE TABLE autosave ("
  "  slot TEXT PRIMARY KEY,"
  "  post_id INTEGER,"
  "  data TEXT NOT NULL,"
  "  saved_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE plan_sections ("
  "  section TEXT PRIMARY KEY,"
  "  data TEXT NOT NULL DEFAULT '{}',"
  "  completed_at INTEGER,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE plan_tasks ("
  "  id TEXT PRIMARY KEY,"
  "  done INTEGER NOT NULL DEFAULT 0,"
  "  done_at INTEGER"
  ");"
  "CREATE TABLE reminders ("
  "  key TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  due_at INTEGER NOT NULL,"
  "  delivered_at INTEGER,"
  "  snoozed_until INTEGER,"
  "  data TEXT"
  ");"
  "CREATE TABLE kv ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ");",
  /* 2 → 3: wave two (accounts and publications, inbox, insights, consents,
   * people, …). Still open while version 3 is unreleased: each feature
   * appends its own block below, headed by a comment naming it. See
   * docs/decisions.md, "One schema version per release". */
  "CREATE TABLE schema_notes ("
  "  version INTEGER PRIMARY KEY,"
  "  applied_at INTEGER NOT NULL DEFAULT (strftime('%s','now'))"
  ");"
  "INSERT INTO schema_notes (version) VALUES (3);"
  /* Publishing (issue 12): connected accounts (never their tokens: those
   * live in the Secret Service under secret_id), one publication per post
   * × account with its own state, and cursors per account and kind for
   * polling. Read and written in rounds-store-publish.c. */
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  secret_id TEXT NOT NULL UNIQUE,"
  "  network TEXT NOT NULL,"
  "  base_url TEXT NOT NULL DEFAULT '',"
  "  handle TEXT NOT NULL DEFAULT '',"
  "  display_name TEXT NOT NULL DEFAULT '',"
  "  remote_id TEXT NOT NULL DEFAULT '',"
  "  state TEXT NOT NULL DEFAULT 'connected' CHECK (state IN ('connected','auth_expired')),"
  "  last_error TEXT,"
  "  token_expires_at INTEGER,"
  "  checked_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE publications ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL,"
  "  network TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','publishing','published',"
  "    'failed','cancelled')),"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  remote_id TEXT,"
  "  url TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_try_at INTEGER,"
  "  last_error TEXT,"
  "  error_kind TEXT,"
  "  sent_at INTEGER,"
  "  published_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (post_id, account_id)"
  ");"
  "CREATE INDEX publications_state ON publications (state, next_try_at);"
  "CREATE INDEX publications_account ON publications (account_id);"
  "CREATE TABLE account_cursors ("
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  cursor TEXT,"
  "  updated_at INTEGER NOT NULL,"
  "  PRIMARY KEY (account_id, kind)"
  ");"
  /* Tamper-evident audit log (issue 11, data-safety): each entry carries
   * chain_sha256, the SHA-256 of the previous entry's chain_sha256 and
   * its own fields (see rounds-store-audit.c). Entries already there are
   * chained by _rounds_store_chain_audit() right after this step's SQL,
   * in the same transaction, which then puts the no-update trigger back. */
  "ALTER TABLE audit_log ADD COLUMN chain_sha256 TEXT;"
  "DROP TRIGGER audit_log_no_update;"
  /* Insights (issue 18): dated metric snapshots, the posts they measure,
   * costs (time and money), results and web-analytics imports. A
   * snapshot is one reading of one metric on one practice day; the first
   * reading of a day stays (never overwritten), a missing day stays
   * missing. account is the accounts table's id as text, or "manual"/
   * "csv" for numbers entered or imported by hand. */
  "CREATE TABLE insights_posts ("
  "  id INTEGER PRIMARY KEY,"
  "  network TEXT NOT NULL,"
  "  account TEXT NOT NULL DEFAULT '',"
  "  remote_id TEXT NOT NULL,"
  "  post_id INTEGER,"
  "  published_at INTEGER NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  pillar TEXT NOT NULL DEFAULT '',"
  "  format TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (network, remote_id)"
  ");"
  "CREATE TABLE metric_snapshots ("
  "  network TEXT NOT NULL,"
  "  account TEXT NOT NULL DEFAULT '',"
  "  remote_id TEXT NOT NULL DEFAULT '',"
  "  day TEXT NOT NULL,"
  "  metric TEXT NOT NULL,"
  "  value INTEGER NOT NULL CHECK (value >= 0),"
  "  source TEXT NOT NULL,"
  "  taken_at INTEGER NOT NULL,"
  "  PRIMARY KEY (network, account, remote_id, day, metric)"
  ") WITHOUT ROWID;"
  "CREATE INDEX metric_snapshots_day ON metric_snapshots (day);"
  "CREATE TRIGGER metric_snapshots_keep BEFORE UPDATE ON metric_snapshots"
  " BEGIN SELECT RAISE (ABORT, 'metric snapshots are never overwritten'); END;"
  "CREATE TABLE post_metrics_latest ("
  "  network TEXT NOT NULL,"
  "  remote_id TEXT NOT NULL,"
  "  metric TEXT NOT NULL,"
  "  day TEXT NOT NULL,"
  "  value INTEGER NOT NULL,"
  "  PRIMARY KEY (network, remote_id, metric)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER metric_snapshots_latest AFTER INSERT ON metric_snapshots"
  " WHEN NEW.remote_id != ''"
  " BEGIN"
  "  INSERT INTO post_metrics_latest (network, remote_id, metric, day, value)"
  "   VALUES (NEW.network, NEW.remote_id, NEW.metric, NEW.day, NEW.value)"
  "   ON CONFLICT (network, remote_id, metric) DO UPDATE"
  "   SET day = excluded.day, value = excluded.value"
  "   WHERE excluded.day >= post_metrics_latest.day;"
  " END;"
  "CREATE TABLE time_log ("
  "  id INTEGER PRIMARY KEY,"
  "  day TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  person TEXT NOT NULL DEFAULT '',"
  "  minutes INTEGER NOT NULL CHECK (minutes > 0),"
  "  activity TEXT NOT NULL,"
  "  network TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX time_log_day ON time_log (day);"
  "CREATE TABLE spending ("
  "  id INTEGER PRIMARY KEY,"
  "  month TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  cents INTEGER NOT NULL CHECK (cents >= 0),"
  "  network TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE results ("
  "  week TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('inquiries', 'bookings')),"
  "  network TEXT NOT NULL DEFAULT '',"
  "  count INTEGER NOT NULL CHECK (count >= 0),"
  "  source TEXT NOT NULL,"
  "  PRIMARY KEY (week, kind, network)"
  ") WITHOUT ROWID;"
  "CREATE TABLE web_analytics ("
  "  day TEXT NOT NULL,"
  "  source TEXT NOT NULL,"
  "  medium TEXT NOT NULL DEFAULT '',"
  "  campaign TEXT NOT NULL DEFAULT '',"
  "  sessions INTEGER NOT NULL CHECK (sessions >= 0),"
  "  conversions INTEGER NOT NULL CHECK (conversions >= 0),"
  "  PRIMARY KEY (day, source, medium, campaign)"
  ") WITHOUT ROWID;"
  /* Consents and partnerships (issue 19): signed patient authorizations
   * (the patient's name stays in this table: the audit log names an
   * authorization by id), paid partnerships, and the posts linked to
   * each. Read and written in rounds-store-consents.c. uses, places,
   * elements and gave are bit sets (rounds-consent.h). */
  "CREATE TABLE authorizations ("
  "  id INTEGER PRIMARY KEY,"
  "  patient TEXT NOT NULL,"
  "  uses INTEGER NOT NULL DEFAULT 0,"
  "  networks TEXT NOT NULL DEFAULT '',"
  "  places INTEGER NOT NULL DEFAULT 0,"
  "  purpose TEXT NOT NULL DEFAULT '',"
  "  signed_on TEXT NOT NULL,"
  "  expires_on TEXT NOT NULL DEFAULT '',"
  "  expiry_event TEXT NOT NULL DEFAULT '',"
  "  collected_by TEXT NOT NULL DEFAULT '',"
  "  form_path TEXT NOT NULL DEFAULT '',"
  "  elements INTEGER NOT NULL DEFAULT 0,"
  "  event_at INTEGER,"
  "  revoked_at INTEGER,"
  "  revoked_how TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE partnerships ("
  "  id INTEGER PRIMARY KEY,"
  "  partner TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('influencer','vendor','clinic','other')),"
  "  gave INTEGER NOT NULL DEFAULT 0,"
  "  gave_note TEXT NOT NULL DEFAULT '',"
  "  starts_on TEXT NOT NULL DEFAULT '',"
  "  ends_on TEXT NOT NULL DEFAULT '',"
  "  networks TEXT NOT NULL DEFAULT '',"
  "  disclosure TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE post_authorizations ("
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  authorization_id INTEGER NOT NULL REFERENCES authorizations (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (post_id, authorization_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX post_authorizations_authorization ON post_authorizations (authorization_id);"
  /* The one-off authorization a post kept before the registry (version 2:
   * posts.authorization, JSON {signed_by, signed_on, scope}) becomes an
   * authorization of its own, linked to that post: for a photo, on the
   * post's networks, with no element of the checklist ticked, so that it
   * shows as incomplete until the desk records the signed form again.
   * The table is new in this step, so the ids follow the posts' order. */
  "INSERT INTO authorizations (patient, uses, networks, purpose, signed_on, collected_by,"
  "                            elements, created_at)"
  "  SELECT COALESCE (json_extract (authorization, '$.signed_by'), ''), 1, networks,"
  "         COALESCE (json_extract (authorization, '$.scope'), ''),"
  "         COALESCE (json_extract (authorization, '$.signed_on'), ''), '', 0,"
  "         CAST (strftime ('%s', 'now') AS INTEGER)"
  "  FROM posts WHERE json_valid (authorization) ORDER BY id;"
  "INSERT INTO post_authorizations (post_id, authorization_id)"
  "  SELECT id, ROW_NUMBER () OVER (ORDER BY id)"
  "  FROM posts WHERE json_valid (authorization);"
  "CREATE TABLE post_partnerships ("
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (post_id, partnership_id)"
  ") WITHOUT ROWID;"
  /* Taking down what was published on an authorization that ended: one
   * row per publication deleted through its account's connector, or per
   * post and network to delete by hand (publication_id NULL; pending
   * until someone says it is done, the reminders name its link). */
  "CREATE TABLE takedowns ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  publication_id INTEGER REFERENCES publications (id) ON DELETE CASCADE,"
  "  network TEXT NOT NULL,"
  "  url TEXT NOT NULL DEFAULT '',"
  "  authorization_id INTEGER REFERENCES authorizations (id) ON DELETE SET NULL,"
  "  how TEXT NOT NULL CHECK (how IN ('deleted','by_hand')),"
  "  requested_at INTEGER NOT NULL,"
  "  done_at INTEGER"
  ");"
  "CREATE UNIQUE INDEX takedowns_publication ON takedowns (publication_id)"
  "  WHERE publication_id IS NOT NULL;"
  "CREATE UNIQUE INDEX takedowns_by_hand ON takedowns (post_id, network)"
  "  WHERE publication_id IS NULL;"
  /* Content language (issue 21): what the practice publishes in (reply
   * templates, the words of an automatic fix), apart from the language of
   * the interface. An ISO 639-1 code, see rounds-content-language.c. */
  "ALTER TABLE practice ADD COLUMN content_language TEXT NOT NULL DEFAULT 'en';"
  /* Optimistic concurrency (issue 20): each save of a post's text, time
   * and networks adds one; a save read at an older version is refused
   * (rounds-store-posts.c), so two PCs never overwrite each other. */
  "ALTER TABLE posts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  /* Inbox (issue 14): comments, mentions and reviews fetched per account
   * (deduplicated on account + the network's id), or pasted in by hand;
   * the triage kind (NULL until rounds-store-comments.c has classified
   * the row, so rows from before this block get one at open), where the
   * item stands, when it was answered (Insights' response times) and
   * when it was deleted on the network (kept, marked).
   * Poll cursors live in account_cursors (kind "inbox"). Read and written
   * in rounds-store-comments.c and rounds-store-inbox.c. */
  "ALTER TABLE comments ADD COLUMN account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL;"
  "ALTER TABLE comments ADD COLUMN remote_id TEXT;"
  "ALTER TABLE comments ADD COLUMN parent_remote_id TEXT;"
  "ALTER TABLE comments ADD COLUMN author_handle TEXT;"
  "ALTER TABLE comments ADD COLUMN url TEXT;"
  "ALTER TABLE comments ADD COLUMN triage TEXT CHECK (triage IN ('other','question','praise',"
  "  'complaint','health_details','crisis','spam'));"
  "ALTER TABLE comments ADD COLUMN state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new','read',"
  "  'answered','answered-by-hand'));"
  "ALTER TABLE comments ADD COLUMN answered_at INTEGER;"
  "ALTER TABLE comments ADD COLUMN deleted_at INTEGER;"
  "ALTER TABLE comments ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE comments ADD COLUMN fetched_at INTEGER;"
  "UPDATE comments SET state = 'read' WHERE is_read != 0;"
  "CREATE UNIQUE INDEX comments_remote ON comments (account_id, remote_id)"
  "  WHERE remote_id IS NOT NULL;"
  "CREATE INDEX comments_state ON comments (state);"
  /* Inbox replies (issue 14): one reply per comment with its life cycle
   * (draft → awaiting_approval → approved → sent | answered_by_hand),
   * who wrote and who approved it, and the findings kept with a reason
   * for replies (finding_acks needs a post). Read and written in
   * rounds-store-replies.c. */
  "CREATE TABLE replies ("
  "  id INTEGER PRIMARY KEY,"
  "  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,"
  "  body TEXT NOT NULL DEFAULT '',"
  "  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','awaiting_approval',"
  "    'approved','sent','answered_by_hand')),"
  "  written_by TEXT NOT NULL DEFAULT '',"
  "  approved_by TEXT,"
  "  text_sha256 TEXT NOT NULL,"
  "  remote_id TEXT,"
  "  url TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  sent_at INTEGER"
  ");"
  "CREATE INDEX replies_comment ON replies (comment_id);"
  "CREATE TABLE reply_finding_acks ("
  "  id INTEGER PRIMARY KEY,"
  "  reply_id INTEGER NOT NULL REFERENCES replies (id) ON DELETE CASCADE,"
  "  rule TEXT NOT NULL,"
  "  span_sha256 TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  at INTEGER NOT NULL"
  ");"
  "CREATE INDEX reply_finding_acks_reply ON reply_finding_acks (reply_id);"
  /* Posts read when asked for (issue 17): nothing reads the whole table,
   * so the services' questions need indexes of their own: the failed
   * posts of the last days (reminders), the published ones (the feed),
   * "any post ever scheduled" (reminders), and the next scheduled post
   * (the publishing queue's timer). */
  "CREATE INDEX posts_status_updated ON posts (status, updated_at);"
  "CREATE INDEX posts_status_scheduled ON posts (status, scheduled_at);"
  /* Check answers kept (issue 17): how many blocking and to-decide
   * findings the scanner found in a post's text (its SHA-256) under one
   * stamp (the rules' and the practice profile's, see
   * rounds-store-checks.c), so that the Posts list and the Calendar show
   * them at start without loading the scanner. Another stamp is another
   * answer: rows of stamps no longer used are pruned after 30 days. */
  "CREATE TABLE post_checks ("
  "  text_sha256 TEXT NOT NULL,"
  "  stamp TEXT NOT NULL,"
  "  blocks INTEGER NOT NULL CHECK (blocks >= 0),"
  "  warnings INTEGER NOT NULL CHECK (warnings >= 0),"
  "  checked_at INTEGER NOT NULL,"
  "  PRIMARY KEY (text_sha256, stamp)"
  ");",
};

/* 2 → 3: people first (issue 20: audit entries point at a person), then
 * the chain over every entry, person included. */
static gboolean
migrate_2_to_3 (RoundsDb  *db,
                GError   **error)
{
  return _rounds_store_migrate_people (db, error) && _rounds_store_chain_audit (db, error);
}

/* Work a step needs beyond its SQL, run after it in its transaction. */
static gboolean (* const migration_hooks[ROUNDS_STORE_SCHEMA_VERSION]) (RoundsDb  *db,
                                                                        GError   **error) = {
  NULL,
  NULL,
  migrate_2_to_3,
};

/* ------------------------------------------------------------------ */
/* The same steps on a PostgreSQL server                                */

/* What the steps above say in SQLite's words only. rounds-db.c
 * translates the rest (INTEGER PRIMARY KEY, WITHOUT ROWID, strftime);
 * a statement that starts with one of these is replaced by its server
 * twin, or left out when the twin is NULL: it converts rows an older
 * version left, and a server's schema is always made new (a practice
 * moves there at the current version, with its rows). */
#define PG_REFUSE(name, event, table, message) \
  "CREATE TRIGGER " name " BEFORE " event " ON " table \
  " FOR EACH ROW EXECUTE FUNCTION rounds_refuse ('" message "')"

static const struct
{
  const char *starts;
  const char *postgresql;
} pg_twins[] = {
  { "CREATE TRIGGER audit_log_no_update",
    /* SQLite's RAISE (ABORT, …) is a constraint error: so is this one. */
    "CREATE OR REPLACE FUNCTION rounds_refuse () RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';"
    " END $$;"
    PG_REFUSE ("audit_log_no_update", "UPDATE", "audit_log", "the audit log is append-only") },
  { "CREATE TRIGGER audit_log_no_delete",
    PG_REFUSE ("audit_log_no_delete", "DELETE", "audit_log", "the audit log is append-only") },
  { "DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_update ON audit_log" },
  { "CREATE TRIGGER metric_snapshots_keep",
    PG_REFUSE ("metric_snapshots_keep", "UPDATE", "metric_snapshots",
               "metric snapshots are never overwritten") },
  { "CREATE TRIGGER metric_snapshots_latest",
    "CREATE FUNCTION metric_snapshots_latest () RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    "  IF NEW.remote_id != '' THEN"
    "   INSERT INTO post_metrics_latest (network, remote_id, metric, day, value)"
    "    VALUES (NEW.network, NEW.remote_id, NEW.metric, NEW.day, NEW.value)"
    "    ON CONFLICT (network, remote_id, metric) DO UPDATE"
    "    SET day = excluded.day, value = excluded.value"
    "    WHERE excluded.day >= post_metrics_latest.day;"
    "  END IF;"
    "  RETURN NULL;"
    " END $$;"
    "CREATE TRIGGER metric_snapshots_latest AFTER INSERT ON metric_snapshots"
    " FOR EACH ROW EXECUTE FUNCTION metric_snapshots_latest ()" },
  /* version 2's one-off authorizations (posts.authorization JSON) */
  { "INSERT INTO authorizations (patient, uses, networks, purpose, signed_on", NULL },
  { "INSERT INTO post_authorizations (post_id, authorization_id)  SELECT", NULL },
};

/* One table's trigger for rounds_notify_change () */
#define ROUNDS_NOTIFY_TRIGGER(table, key) \
  ";CREATE TRIGGER " table "_notify AFTER INSERT OR UPDATE OR DELETE ON " table \
  " FOR EACH ROW EXECUTE FUNCTION rounds_notify_change ('" key "')"


/* Rights enforced by the server (issue 20): a person who signs in with
 * their own login (rounds-store-people.c, "Database logins") is a member
 * of one group role, rounds_writer < rounds_approver < rounds_manager.
 * These triggers refuse what the group does not allow, whatever the
 * client sends: approving a post or a reply (or moving an unapproved
 * post into the schedule), changing the text of an approved post
 * without sending it back to review, keeping a finding, an audit entry
 * that says so, an audit entry naming someone else than the login's
 * person, and changing people. The owner of the tables (the practice's
 * own login, and a superuser) may do everything, so a practice that
 * shares one login works as before. A writer cannot drop or disable a
 * trigger: only the tables' owner can. search_path is fixed at creation,
 * so a session cannot slip its own rounds_may() in front. */
#define PG_RIGHTS_SQL \
  "CREATE FUNCTION rounds_may (need TEXT, rel regclass) RETURNS boolean" \
  " LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$" \
  "  SELECT pg_has_role (current_user, (SELECT relowner FROM pg_class WHERE oid = rel), 'MEMBER')" \
  "   OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'rounds_' || need" \
  "              AND pg_has_role (current_user, r.oid, 'MEMBER'))" \
  " $$;" \
  "CREATE FUNCTION rounds_deny (what TEXT) RETURNS void LANGUAGE plpgsql AS $$" \
  " BEGIN RAISE EXCEPTION '%', what USING ERRCODE = 'insufficient_privilege'; END $$;" \
  "CREATE FUNCTION rounds_check_post () RETURNS trigger" \
  " LANGUAGE plpgsql SET search_path FROM CURRENT AS $$" \
  " BEGIN" \
  "  IF NEW.status IN ('approved', 'scheduled', 'due', 'publishing', 'published')" \
  "     AND (TG_OP = 'INSERT' OR OLD.status IN ('draft', 'in_review', 'cancelled'))" \
  "     AND NOT rounds_may ('approver', TG_RELID) THEN" \
  "   PERFORM rounds_deny ('only an approver or a manager can approve a post');" \
  "  END IF;" \
  "  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status" \
  "     AND NEW.status IN ('approved', 'scheduled', 'due')" \
  "     AND (NEW.body IS DISTINCT FROM OLD.body OR NEW.title IS DISTINCT FROM OLD.title)" \
  "     AND NOT rounds_may ('approver', TG_RELID) THEN" \
  "   PERFORM rounds_deny ('only an approver or a manager can change an approved post');" \
  "  END IF;" \
  "  RETURN NEW;" \
  " END $$;" \
  "CREATE TRIGGER posts_rights BEFORE INSERT OR UPDATE ON posts" \
  " FOR EACH ROW EXECUTE FUNCTION rounds_check_post ();" \
  "CREATE FUNCTION rounds_check_reply () RETURNS trigger" \
  " LANGUAGE plpgsql SET search_path FROM CURRENT AS $$" \
  " BEGIN" \
  "  IF NEW.state = 'approved' AND (TG_OP = 'INSERT' OR OLD.state != 'approved')" \
  "     AND NOT rounds_may ('approver', TG_RELID) THEN" \
  "   PERFORM rounds_deny ('only an approver or a manager can approve a reply');" \
  "  END IF;" \
  "  RETURN NEW;" \
  " END $$;" \
  "CREATE TRIGGER replies_rights BEFORE INSERT OR UPDATE ON replies" \
  " FOR EACH ROW EXECUTE FUNCTION rounds_check_reply ();" \
  "CREATE FUNCTION rounds_check_keep () RETURNS trigger" \
  " LANGUAGE plpgsql SET search_path FROM CURRENT AS $$" \
  " BEGIN" \
  "  IF NOT rounds_may ('approver', TG_RELID) THEN" \
  "   PERFORM rounds_deny ('only an approver or a manager can keep a finding');" \
  "  END IF;" \
  "  RETURN NEW;" \
  " END $$;" \
  "CREATE TRIGGER finding_acks_rights BEFORE INSERT OR UPDATE ON finding_acks" \
  " FOR EACH ROW EXECUTE FUNCTION rounds_check_keep ();" \
  "CREATE TRIGGER reply_finding_acks_rights BEFORE INSERT OR UPDATE ON reply_finding_acks" \
  " FOR EACH ROW EXECUTE FUNCTION rounds_check_keep ();" \
  "CREATE FUNCTION rounds_check_audit () RETURNS trigger" \
  " LANGUAGE plpgsql SET search_path FROM CURRENT AS $$" \
  " DECLARE me BIGINT;" \
  " BEGIN" \
  "  IF pg_has_role (current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')" \
  "     AND NOT EXISTS (SELECT 1 FROM people WHERE login = current_user) THEN" \
  "   RETURN NEW;" \
  "  END IF;" \
  "  SELECT id INTO me FROM people WHERE login = current_user AND active != 0;" \
  "  IF me IS NOT NULL AND NEW.person_id IS DISTINCT FROM me THEN" \
  "   PERFORM rounds_deny ('an audit entry names the person signed in');" \
  "  END IF;" \
  "  IF (NEW.to_state = 'approved' OR NEW.action IN ('acknowledged', 'override'))" \
  "     AND NOT rounds_may ('approver', TG_RELID) THEN" \
  "   PERFORM rounds_deny ('only an approver or a manager can approve');" \
  "  END IF;" \
  "  IF NEW.entity_type = 'person' AND NOT rounds_may ('manager', TG_RELID) THEN" \
  "   PERFORM rounds_deny ('only a manager can change people');" \
  "  END IF;" \
  "  RETURN NEW;" \
  " END $$;" \
  "CREATE TRIGGER audit_log_rights BEFORE INSERT ON audit_log" \
  " FOR EACH ROW EXECUTE FUNCTION rounds_check_audit ();" \
  "CREATE FUNCTION rounds_check_person () RETURNS trigger" \
  " LANGUAGE plpgsql SET search_path FROM CURRENT AS $$" \
  " BEGIN" \
  "  IF rounds_may ('manager', TG_RELID) THEN" \
  "   RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;" \
  "  END IF;" \
  "  IF TG_OP = 'UPDATE' AND NEW.name = OLD.name AND NEW.role = OLD.role" \
  "     AND NEW.active = OLD.active AND NEW.pin_hash IS NOT DISTINCT FROM OLD.pin_hash" \
  "     AND NEW.login IS NOT DISTINCT FROM OLD.login AND NEW.job_title = OLD.job_title THEN" \
  "   RETURN NEW;" \
  "  END IF;" \
  "  PERFORM rounds_deny ('only a manager can change people');" \
  "  RETURN NULL;" \
  " END $$;" \
  "CREATE TRIGGER people_rights BEFORE INSERT OR UPDATE OR DELETE ON people" \
  " FOR EACH ROW EXECUTE FUNCTION rounds_check_person ()"

/* What a step adds on a server only, after its own statements and hooks. */
static const char * const pg_after_step[ROUNDS_STORE_SCHEMA_VERSION] = {
  NULL,
  NULL,
  /* Live updates (issue 20): every change of a row the views show is
   * told to the other PCs on channel rounds_changes as "SCHEMA TABLE
   * KEY" (rounds-store-live.c listens). KEY is the column named by the
   * trigger's argument: the row's id, or the post's id for what belongs
   * to a post (its publications and consent links), or the plan
   * section's name. Run after the step's hooks (people is made there). */
  "CREATE FUNCTION rounds_notify_change () RETURNS trigger LANGUAGE plpgsql AS $$"
  " DECLARE row_json jsonb;"
  " BEGIN"
  "  IF TG_OP = 'DELETE' THEN row_json := to_jsonb (OLD); ELSE row_json := to_jsonb (NEW); END IF;"
  "  PERFORM pg_notify ('rounds_changes', current_schema () || ' ' || TG_TABLE_NAME || ' ' ||"
  "                     (row_json ->> TG_ARGV[0]));"
  "  RETURN NULL;"
  " END $$;"
  ROUNDS_NOTIFY_TRIGGER ("posts", "id")
  ROUNDS_NOTIFY_TRIGGER ("comments", "id")
  ROUNDS_NOTIFY_TRIGGER ("replies", "comment_id")
  ROUNDS_NOTIFY_TRIGGER ("people", "id")
  ROUNDS_NOTIFY_TRIGGER ("practice", "id")
  ROUNDS_NOTIFY_TRIGGER ("plan_sections", "section")
  ROUNDS_NOTIFY_TRIGGER ("plan_tasks", "id")
  ROUNDS_NOTIFY_TRIGGER ("publications", "post_id")
  ROUNDS_NOTIFY_TRIGGER ("authorizations", "id")
  ROUNDS_NOTIFY_TRIGGER ("partnerships", "id")
  ROUNDS_NOTIFY_TRIGGER ("post_authorizations", "post_id")
  ROUNDS_NOTIFY_TRIGGER ("post_partnerships", "post_id")
  ";" PG_RIGHTS_SQL ";"
  /* A post's images themselves, for every PC (rounds-store-media.c):
   * named as the file (SHA256.EXT), with the SHA-256 of the bytes. */
  "CREATE TABLE media_files ("
  "  name TEXT PRIMARY KEY,"
  "  sha256 TEXT NOT NULL,"
  "  bytes BYTEA NOT NULL"
  ")",
};

static gboolean
pg_twin (const char  *statement,
         const char **twin)
{
  for (guint i = 0; i < G_N_ELEMENTS (pg_twins); i++)
    {
      if (g_str_has_prefix (statement, pg_twins[i].starts))
        {
          *twin = pg_twins[i].postgresql;
          return TRUE;
        }
    }
  return FALSE;
}

int
_rounds_store_exec_schema (RoundsDb    *db,
                           const char  *sql,
                           char       **errmsg)
{
  g_autoptr(GPtrArray) statements = NULL;

  if (rounds_db_is_sqlite (db))
    return rounds_db_exec (db, sql, NULL, NULL, errmsg);

  statements = rounds_db_split_statements (sql);
  for (guint i = 0; i < statements->len; i++)
    {
      const char *statement = g_ptr_array_index (statements, i);
      const char *twin = NULL;
      int rc;

      if (pg_twin (statement, &twin))
        {
          if (twin == NULL)
            continue;
          statement = twin;
        }
      rc = rounds_db_exec (db, statement, NULL, NULL, errmsg);
      if (rc != ROUNDS_DB_OK)
        return rc;
    }
  return ROUNDS_DB_OK;
}

/* ------------------------------------------------------------------ */
/* The schema's version                                                 */

gboolean
_rounds_store_read_user_version (sqlite3  *db,
                                 int      *version,
                                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _rounds_store_sqlite_error (db, rc, error, _("The data file cannot be read"));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* On a server the version is a one-row table, schema_version: 0 (and no
 * table) for an empty database. */
gboolean
_rounds_store_read_schema_version (RoundsDb  *db,
                                   int       *version,
                                   GError   **error)
{
  static const char * const queries[] = {
    "SELECT to_regclass ('schema_version') IS NOT NULL",
    "SELECT version FROM schema_version",
  };

  if (rounds_db_is_sqlite (db))
    return _rounds_store_read_user_version (rounds_db_get_sqlite (db), version, error);

  *version = 0;
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      RoundsDbStmt *stmt = NULL;
      gint64 value = 0;
      int rc = rounds_db_prepare_v2 (db, queries[i], -1, &stmt, NULL);

      if (rc == ROUNDS_DB_OK)
        rc = rounds_db_step (stmt);
      if (rc == ROUNDS_DB_ROW)
        value = rounds_db_column_int64 (stmt, 0);
      rounds_db_finalize (stmt);
      if (rc != ROUNDS_DB_ROW && rc != ROUNDS_DB_DONE)
        return _rounds_store_db_error (db, rc, error, _("The practice's data cannot be read"));
      if (i == 0 && value == 0)
        return TRUE;
      if (i == 1)
        *version = (int)value;
    }
  return TRUE;
}

static char *
set_version_sql (RoundsDb *db,
                 int       version)
{
  if (rounds_db_is_sqlite (db))
    return g_strdup_printf ("PRAGMA user_version = %d", version);
  return g_strdup_printf ("UPDATE schema_version SET version = %d", version);
}

/* ------------------------------------------------------------------ */
/* Migrating                                                            */

gboolean
_rounds_store_migrate (RoundsStore  *self,
                       int           from,
                       GError      **error)
{
  RoundsDb *db = self->db;

  for (int v = from; v < ROUNDS_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = set_version_sql (db, v + 1);
      g_autoptr(GError) hook_error = NULL;
      char *errmsg = NULL;
      int current = v;
      int rc;

      /* Each step in its own write transaction, and the version read
       * again inside it: two copies of Rounds starting on a new file (or
       * two PCs on a new server database) at once take turns, and the
       * second finds the work done instead of failing with "table
       * practice already exists". */
      rc = rounds_db_exec (db, "BEGIN IMMEDIATE", NULL, NULL, &errmsg);
      if (rc == ROUNDS_DB_OK && !rounds_db_is_sqlite (db))
        rc = rounds_db_exec (db, "CREATE TABLE IF NOT EXISTS schema_version"
                                 " (version INTEGER NOT NULL);"
                                 "INSERT INTO schema_version (version)"
                                 " SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)",
                             NULL, NULL, &errmsg);
      if (rc == ROUNDS_DB_OK && !_rounds_store_read_schema_version (db, &current, &hook_error))
        rc = ROUNDS_DB_ERROR;
      if (rc == ROUNDS_DB_OK && current > v)
        {
          rounds_db_exec (db, "COMMIT", NULL, NULL, NULL);
          g_debug ("Schema %d → %d was done by another connection", v, current);
          v = current - 1;
          continue;
        }
      if (rc == ROUNDS_DB_OK)
        rc = _rounds_store_exec_schema (db, migrations[v], &errmsg);
      if (rc == ROUNDS_DB_OK && migration_hooks[v] != NULL &&
          !migration_hooks[v] (db, &hook_error))
        rc = ROUNDS_DB_ERROR;
      /* After the hook: the rights triggers (PG_RIGHTS_SQL) need the
       * people table the 2 → 3 hook makes. */
      if (rc == ROUNDS_DB_OK && !rounds_db_is_sqlite (db) && pg_after_step[v] != NULL)
        rc = rounds_db_exec (db, pg_after_step[v], NULL, NULL, &errmsg);
      if (rc == ROUNDS_DB_OK)
        rc = rounds_db_exec (db, set_version, NULL, NULL, &errmsg);
      if (rc == ROUNDS_DB_OK)
        rc = rounds_db_exec (db, "COMMIT", NULL, NULL, &errmsg);

      if (rc != ROUNDS_DB_OK)
        {
          g_autofree char *what = g_strdup_printf (_("Could not update the data file to "
                                                     "version %d"), v + 1);
          int code = rounds_db_extended_errcode (db);

          if (!rounds_db_get_autocommit (db))
            rounds_db_exec (db, "ROLLBACK", NULL, NULL, NULL);
          if (hook_error != NULL)
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&hook_error), "%s: ", what);
              rounds_db_free (errmsg);
              return FALSE;
            }
          /* Busy, full or read-only is told apart from a real failure. */
          g_debug ("%s: %s", what, errmsg != NULL ? errmsg : "");
          if (rounds_db_is_sqlite (db))
            _rounds_store_sqlite_error (NULL, code != ROUNDS_DB_OK ? code : rc, error, what);
          else
            g_set_error (error, ROUNDS_STORE_ERROR,
                         rc == ROUNDS_DB_BUSY ? ROUNDS_STORE_ERROR_BUSY : ROUNDS_STORE_ERROR_FAILED,
                         "%s: %s", what, errmsg != NULL ? errmsg : "");
          rounds_db_free (errmsg);
          return FALSE;
        }
      g_debug ("Migrated schema %d → %d", v, v + 1);
    }

  return TRUE;
}
