/* rounds-publisher.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-publisher"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-connector-factory.h"
#include "rounds-connector-source.h"
#include "rounds-network-limits.h"
#include "rounds-practice-profile.h"
#include "rounds-publisher.h"
#include "rounds-scanner.h"
#include "rounds-store-consents.h"
#include "rounds-store-editor.h"

/* The publishing queue (DESIGN.md §4, §6, §9). Each tick:
 *
 * 1. A post whose time has come gets a publication per account of its
 *    networks (unless the editor chose accounts).
 * 2. A publication left "publishing" (by a crash, a lost answer, a
 *    timeout) is looked up on the network — never sent again blindly:
 *    found → published; not there → queued again; cannot tell → checked
 *    again later.
 * 3. A queued publication that is due is checked again as the editor
 *    checks it (the compliance scanner on the text as it is now, with
 *    today's rule packs: an unacknowledged blocking finding never goes
 *    out; the network's length limit; an image where the network needs
 *    one; alt text), then marked
 *    "publishing" in a committed transaction, and only then sent.
 *
 * One request at a time per account; accounts work side by side. All
 * network work is async on the main context; nothing here blocks on the
 * network, and the store's writes are single short transactions.
 *
 * Errors (rounds-connector.h): auth expired → the account waits for a
 * reconnection (the post says so, and is not sent meanwhile); rate
 * limited → queued again at the network's retry time; transient → kept
 * "publishing" and looked up after a backoff with jitter (the request may
 * have reached the network before the connection broke); rejected →
 * failed with the platform's words, no retry; malformed → outcome
 * unknown, looked up. Nothing logs text or tokens: ids only. */

struct _RoundsPublisher
{
  GObject                 parent_instance;

  RoundsStore            *store;
  RoundsScanner          *scanner;
  RoundsConnectorSource  *source;
  RoundsPublishTextFunc   text_func;
  gpointer                text_data;
  GDestroyNotify          text_destroy;
  double                (*jitter) (void);

  GHashTable             *connectors;   /* account id → RoundsConnector */
  GHashTable             *busy;         /* account id → Job (borrowed) */
  GHashTable             *checking;     /* account id → TRUE */
  GCancellable           *cancellable;
  guint                   timer_id;
  guint                   tick_id;      /* a tick after jobs finished */
  gboolean                started;
  gboolean                reconciled;   /* every row found "publishing" at start was taken */
  gboolean                with_timer;
};

G_DEFINE_FINAL_TYPE (RoundsPublisher, rounds_publisher, G_TYPE_OBJECT)

enum {
  PUBLICATION_FINISHED,
  IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RoundsPublisher   *self;
  RoundsAccount     *account;
  RoundsConnector   *connector;
  RoundsPublication *publication;
  RoundsOutgoing    *outgoing;
  gint64             account_id;
  gint64             publication_id;
  gboolean           reconcile;
} Job;

static void     job_finish            (Job *job);
static void     job_get_connector     (Job *job);
static void     schedule_timer        (RoundsPublisher *self);

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

/**
 * rounds_publish_backoff:
 * @attempts: tries so far (1 after the first)
 * @jitter: a random number in [0, 1)
 *
 * Returns: seconds to wait before the next try: exponential from one
 *   minute, capped at an hour, with the upper half jittered so that
 *   accounts that failed together do not retry together.
 */
gint64
rounds_publish_backoff (guint  attempts,
                        double jitter)
{
  gint64 wait = ROUNDS_PUBLISH_BACKOFF_BASE;

  for (guint i = 1; i < attempts && wait < ROUNDS_PUBLISH_BACKOFF_CAP; i++)
    wait *= 2;
  wait = MIN (wait, ROUNDS_PUBLISH_BACKOFF_CAP);

  jitter = CLAMP (jitter, 0.0, 1.0);
  return wait / 2 + (gint64)((wait / 2) * jitter);
}

static double
default_jitter (void)
{
  return g_random_double ();
}

static gint64
now_of (RoundsPublisher *self)
{
  return rounds_clock_get_now (rounds_store_get_clock (self->store));
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->account);
  g_clear_object (&job->connector);
  g_clear_object (&job->publication);
  g_clear_pointer (&job->outgoing, rounds_outgoing_free);
  g_clear_object (&job->self);
  g_free (job);
}

static void
warn_store (const char *what,
            gint64      id,
            GError     *error)
{
  if (error != NULL && !g_error_matches (error, ROUNDS_STORE_ERROR, ROUNDS_STORE_ERROR_NOT_FOUND))
    g_warning ("%s (publication %" G_GINT64_FORMAT "): %s", what, id, error->message);
}

static RoundsOutgoing *
build_outgoing (RoundsPublisher   *self,
                RoundsPost        *post,
                RoundsPublication *publication,
                GPtrArray        **out_media)
{
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GError) error = NULL;
  RoundsOutgoing *outgoing;

  g_autofree char *text = NULL;

  /* The text as it leaves Rounds (Insights' link tags), also for a lookup
   * after a crash, so that both find the same text. */
  if (self->text_func != NULL)
    text = self->text_func (post, rounds_publication_get_network (publication),
                            rounds_post_get_body (post), self->text_data);
  outgoing = rounds_outgoing_new (text != NULL ? text : rounds_post_get_body (post),
                                  rounds_publication_get_idempotency_key (publication));
  media = rounds_store_list_post_media (self->store, rounds_post_get_id (post), &error);
  for (guint i = 0; media != NULL && i < media->len; i++)
    {
      const RoundsPostMedia *m = g_ptr_array_index (media, i);
      g_autofree char *type = g_content_type_guess (m->path, NULL, 0, NULL);
      g_autofree char *mime = g_content_type_get_mime_type (type);

      g_ptr_array_add (outgoing->media, rounds_outgoing_media_new (m->path, mime, m->alt_text));
    }

  if (out_media != NULL)
    *out_media = g_steal_pointer (&media);

  return outgoing;
}

/* ------------------------------------------------------------------ */
/* Outcomes                                                             */

static void
record_published (Job                    *job,
                  const RoundsRemotePost *remote)
{
  g_autoptr(GError) error = NULL;

  g_debug ("Publication %" G_GINT64_FORMAT " is on the network", job->publication_id);
  if (!rounds_store_publication_published (job->self->store, job->publication_id,
                                           remote->remote_id, remote->url, &error))
    warn_store ("Could not record a publication", job->publication_id, error);
}

static void
account_auth_expired (Job          *job,
                      const GError *cause)
{
  RoundsPublisher *self = job->self;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove (self->connectors, &job->account_id);
  if (!rounds_store_set_account_auth_expired (self->store, job->account_id, cause->message,
                                              &error))
    warn_store ("Could not mark an account", job->account_id, error);
}

/* What an error on send or lookup means for the row. @sent: the request
 * may have reached the network. */
static void
record_error (Job          *job,
              const GError *cause,
              gboolean      sent)
{
  RoundsPublisher *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsPublication) now_pub = NULL;
  gint64 now = now_of (self);
  gint64 id = job->publication_id;
  guint attempts;
  gboolean ok = TRUE;

  now_pub = rounds_store_lookup_publication (self->store, id, NULL);
  attempts = now_pub ? rounds_publication_get_attempts (now_pub) : 1;

  if (cause->domain != ROUNDS_CONNECTOR_ERROR)
    {
      /* Not the network's answer (keyring, files): nothing was sent. */
      if (sent)
        ok = rounds_store_publication_unknown (self->store, id, ROUNDS_PUBLISH_ERROR_TRANSIENT,
                                               cause->message,
                                               now + rounds_publish_backoff (attempts,
                                                                             self->jitter ()),
                                               &error);
      else
        ok = rounds_store_publication_retry_at (self->store, id, ROUNDS_PUBLISH_ERROR_TRANSIENT,
                                                cause->message,
                                                now + rounds_publish_backoff (attempts,
                                                                              self->jitter ()),
                                                &error);
      goto out;
    }

  switch ((RoundsConnectorError)cause->code)
    {
    case ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED:
      /* Refused before anything was made. */
      if (sent && !job->reconcile)
        ok = rounds_store_publication_retry_at (self->store, id, ROUNDS_PUBLISH_ERROR_AUTH_EXPIRED,
                                                cause->message, 0, &error);
      else
        ok = rounds_store_publication_unknown (self->store, id, ROUNDS_PUBLISH_ERROR_AUTH_EXPIRED,
                                               cause->message, now + ROUNDS_TOKEN_CHECK_INTERVAL,
                                               &error);
      account_auth_expired (job, cause);
      break;

    case ROUNDS_CONNECTOR_ERROR_RATE_LIMITED:
      {
        gint64 at = rounds_connector_error_get_retry_at (cause);

        if (at <= now)
          at = now + ROUNDS_PUBLISH_RATE_WAIT;
        if (job->reconcile)
          ok = rounds_store_publication_unknown (self->store, id, ROUNDS_PUBLISH_ERROR_RATE_LIMITED,
                                                 cause->message, at, &error);
        else
          ok = rounds_store_publication_retry_at (self->store, id,
                                                  ROUNDS_PUBLISH_ERROR_RATE_LIMITED,
                                                  cause->message, at, &error);
      }
      break;

    case ROUNDS_CONNECTOR_ERROR_TRANSIENT:
    case ROUNDS_CONNECTOR_ERROR_MALFORMED:
      {
        RoundsPublishErrorKind kind = cause->code == ROUNDS_CONNECTOR_ERROR_TRANSIENT
                                        ? ROUNDS_PUBLISH_ERROR_TRANSIENT
                                        : ROUNDS_PUBLISH_ERROR_MALFORMED;
        gint64 wait = kind == ROUNDS_PUBLISH_ERROR_MALFORMED && !job->reconcile
                        ? ROUNDS_PUBLISH_RECONCILE_WAIT
                        : rounds_publish_backoff (attempts, self->jitter ());
        gint64 hint = rounds_connector_error_get_retry_at (cause);

        if (hint > now)
          wait = MAX (wait, hint - now);

        if (attempts >= ROUNDS_PUBLISH_MAX_ATTEMPTS && job->reconcile)
          {
            /* Still cannot tell after many tries: say so, and let the
             * user look on the network before pressing Retry. */
            g_autofree char *message =
              g_strdup_printf (_("Rounds could not find out whether this post reached %s "
                                 "(%s). Look on %s: if it is not there, press Retry."),
                               rounds_network_get_label (rounds_publication_get_network (job->publication)),
                               cause->message,
                               rounds_network_get_label (rounds_publication_get_network (job->publication)));
            ok = rounds_store_publication_failed (self->store, id,
                                                  ROUNDS_PUBLISH_ERROR_UNKNOWN_OUTCOME, message,
                                                  &error);
          }
        else
          /* The request may have arrived: look it up before any resend. */
          ok = rounds_store_publication_unknown (self->store, id, kind, cause->message, now + wait,
                                                 &error);
      }
      break;

    case ROUNDS_CONNECTOR_ERROR_REJECTED:
    case ROUNDS_CONNECTOR_ERROR_NOT_FOUND:
    case ROUNDS_CONNECTOR_ERROR_UNSUPPORTED:
    default:
      if (job->reconcile)
        {
          /* The lookup itself was refused: we still do not know. */
          g_autofree char *message =
            g_strdup_printf (_("Rounds could not check whether this post reached the network "
                               "(%s). Look there: if it is not there, press Retry."),
                             cause->message);
          ok = rounds_store_publication_failed (self->store, id,
                                                ROUNDS_PUBLISH_ERROR_UNKNOWN_OUTCOME, message,
                                                &error);
        }
      else
        ok = rounds_store_publication_failed (self->store, id, ROUNDS_PUBLISH_ERROR_REJECTED,
                                              cause->message, &error);
      break;
    }

out:
  if (!ok)
    warn_store ("Could not record a publication's error", id, error);
}

/* Refused by Rounds before sending: the user has to change the post. */
static void
record_blocked (Job        *job,
                const char *message)
{
  g_autoptr(GError) error = NULL;

  g_debug ("Publication %" G_GINT64_FORMAT " held back by a check", job->publication_id);
  if (!rounds_store_publication_failed (job->self->store, job->publication_id,
                                        ROUNDS_PUBLISH_ERROR_BLOCKED, message, &error))
    warn_store ("Could not record a publication's error", job->publication_id, error);
}

/* ------------------------------------------------------------------ */
/* A job: reconcile or send one publication                             */

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(RoundsRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;

  remote = rounds_connector_lookup_finish (ROUNDS_CONNECTOR (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;  /* stopped: it stays publishing, looked up at the next start */
  else if (error != NULL)
    {
      g_autoptr(GError) store_error = NULL;

      if (!rounds_store_publication_count_check (job->self->store, job->publication_id,
                                                 &store_error))
        warn_store ("Could not count a check", job->publication_id, store_error);
      record_error (job, error, FALSE);
    }
  else if (remote != NULL)
    record_published (job, remote);
  else
    {
      g_autoptr(GError) store_error = NULL;

      g_debug ("Publication %" G_GINT64_FORMAT " is not on the network: queued again",
               job->publication_id);
      if (!rounds_store_publication_requeue (job->self->store, job->publication_id,
                                             &store_error))
        warn_store ("Could not queue a publication again", job->publication_id, store_error);
    }

  job_finish (job);
}

static void
on_publish_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(RoundsRemotePost) remote = NULL;
  g_autoptr(GError) error = NULL;

  remote = rounds_connector_publish_finish (ROUNDS_CONNECTOR (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;  /* stopped mid-request: it stays publishing, looked up at the next start */
  else if (error != NULL)
    record_error (job, error, TRUE);
  else if (remote == NULL || remote->remote_id == NULL)
    {
      g_autoptr(GError) malformed =
        g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_MALFORMED,
                             _("The network’s answer did not say where the post is"));
      record_error (job, malformed, TRUE);
    }
  else
    record_published (job, remote);

  job_finish (job);
}

/* The "publishing" mark is on the disk: the request may leave. */
static void
on_synced_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = user_data;
  RoundsPublisher *self = job->self;
  g_autoptr(GError) error = NULL;

  if (!rounds_store_sync_finish (ROUNDS_STORE (source), result, &error))
    {
      g_autoptr(GError) store_error = NULL;
      gint64 wait;

      /* Stopped: nothing was sent; the row is looked up at the next start. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          job_finish (job);
          return;
        }
      /* The disk refused: nothing was sent; back in the queue for later. */
      wait = rounds_publish_backoff (rounds_publication_get_attempts (job->publication) + 1,
                                     self->jitter ());

      if (!rounds_store_publication_retry_at (self->store, job->publication_id,
                                              ROUNDS_PUBLISH_ERROR_TRANSIENT, error->message,
                                              now_of (self) + wait, &store_error))
        warn_store ("Could not record a publication's error", job->publication_id, store_error);
      job_finish (job);
      return;
    }

  rounds_connector_publish_async (job->connector, job->outgoing, self->cancellable,
                                  on_publish_cb, job);
}

static void
job_run (Job *job)
{
  RoundsPublisher *self = job->self;
  g_autoptr(GError) error = NULL;

  if (job->reconcile)
    {
      gint64 sent_at = rounds_publication_get_sent_at (job->publication);

      if ((rounds_connector_get_capabilities (job->connector) & ROUNDS_CONNECTOR_CAN_LOOKUP) == 0)
        {
          g_autoptr(GError) unsupported =
            g_error_new_literal (ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_UNSUPPORTED,
                                 _("this network cannot be asked"));
          record_error (job, unsupported, FALSE);
          job_finish (job);
          return;
        }

      rounds_connector_lookup_async (job->connector, job->outgoing,
                                     sent_at > 0 ? sent_at - 10 * 60 : 0,
                                     self->cancellable, on_lookup_cb, job);
      return;
    }

  /* Committed before the request leaves: a crash from here on is
   * reconciled, never re-sent blindly. The commit does not wait for the
   * disk; the wait for it (against a power cut) is on a worker thread,
   * so the main loop never stalls on an fsync. */
  if (!rounds_store_begin_publication (self->store, job->publication_id, &error))
    {
      warn_store ("Could not start a publication", job->publication_id, error);
      job_finish (job);
      return;
    }

  rounds_store_sync_async (self->store, self->cancellable, on_synced_cb, job);
}

static void
on_connector_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;

  job->connector = rounds_connector_source_get_finish (ROUNDS_CONNECTOR_SOURCE (source), result,
                                                       &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job_finish (job);
      return;
    }

  if (error != NULL)
    {
      if (job->reconcile)
        {
          /* Nothing learned: try again later. */
          g_autoptr(GError) store_error = NULL;

          rounds_store_publication_unknown (job->self->store, job->publication_id,
                                            ROUNDS_PUBLISH_ERROR_TRANSIENT, error->message,
                                            now_of (job->self) + ROUNDS_PUBLISH_BACKOFF_CAP,
                                            &store_error);
          if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED))
            account_auth_expired (job, error);
        }
      else
        record_error (job, error, FALSE);
      job_finish (job);
      return;
    }

  g_hash_table_insert (job->self->connectors, id_key (job->account_id),
                       g_object_ref (job->connector));
  job_run (job);
}

static void
job_get_connector (Job *job)
{
  RoundsPublisher *self = job->self;
  RoundsConnector *connector = g_hash_table_lookup (self->connectors, &job->account_id);

  if (connector != NULL)
    {
      job->connector = g_object_ref (connector);
      job_run (job);
      return;
    }

  rounds_connector_source_get_async (self->source, job->account, self->cancellable,
                                     on_connector_cb, job);
}

static void on_scanned_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

static void scan_async (RoundsPublisher         *self,
                        const char              *text,
                        RoundsComplianceProfile *profile,
                        Job                     *job);

/* A scan waiting for the default scanner to load (see scan_async()). */
typedef struct
{
  Job                     *job;
  char                    *text;
  RoundsComplianceProfile *profile;
} ScanWait;

static void
on_default_scanner_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ScanWait *wait = user_data;
  Job *job = wait->job;
  g_autoptr(RoundsScanner) scanner = rounds_scanner_get_default_finish (result, NULL);

  if (scanner == NULL)
    job_finish (job);  /* cancelled: the publisher stops */
  else
    {
      if (job->self->scanner == NULL)
        job->self->scanner = g_object_ref (scanner);
      scan_async (job->self, wait->text, wait->profile, job);
    }
  g_free (wait->text);
  g_clear_object (&wait->profile);
  g_free (wait);
}

/* Off the main loop: the scanner's own worker. A publisher made without
 * a scanner loads the default one at its first check, on a worker too
 * (the rule packs, about 200 ms and 12 MB, not at start). */
static void
scan_async (RoundsPublisher         *self,
            const char              *text,
            RoundsComplianceProfile *profile,
            Job                     *job)
{
  if (self->scanner == NULL)
    {
      ScanWait *wait = g_new0 (ScanWait, 1);

      wait->job = job;
      wait->text = g_strdup (text);
      wait->profile = profile != NULL ? g_object_ref (profile) : NULL;
      rounds_scanner_get_default_async (self->cancellable, on_default_scanner_cb, wait);
      return;
    }
  rounds_scanner_scan_async (self->scanner, text, ROUNDS_TEXT_KIND_POST, NULL, profile,
                             self->cancellable, on_scanned_cb, job);
}

static void
on_scanned_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Job *job = user_data;
  RoundsPublisher *self = job->self;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) acks = NULL;
  g_autoptr(GError) error = NULL;
  guint n_block = 0;

  findings = rounds_scanner_scan_finish (ROUNDS_SCANNER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job_finish (job);
      return;
    }
  if (findings == NULL)
    {
      record_blocked (job, _("The text could not be checked for patient information"));
      job_finish (job);
      return;
    }

  acks = rounds_store_list_finding_acks (self->store,
                                         rounds_publication_get_post_id (job->publication),
                                         NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      const RoundsFinding *finding = g_ptr_array_index (findings, i);

      if (rounds_finding_get_severity (finding) == ROUNDS_FINDING_SEVERITY_BLOCK &&
          rounds_finding_acks_lookup (acks, finding, job->outgoing->text) == NULL)
        n_block++;
    }

  if (n_block == 0)
    {
      /* The consent registry, on the post as it is now: an authorization
       * may have expired or been revoked since approval. */
      g_autoptr(GPtrArray) consent = NULL;
      g_autofree char *problem = NULL;

      consent = rounds_store_check_post_consent (self->store,
                                                 rounds_publication_get_post_id (job->publication),
                                                 job->outgoing->text, findings, NULL);
      problem = consent != NULL ? rounds_consent_findings_dup_problem (consent)
                                : g_strdup (_("the patient authorizations could not be read"));
      if (problem != NULL)
        {
          /* TRANSLATORS: %s says why, such as "The linked authorization
           * does not cover this post: it was revoked." */
          g_autofree char *message = g_strdup_printf (_("Not sent: %s"), problem);

          record_blocked (job, message);
          job_finish (job);
          return;
        }
    }

  if (n_block > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Not sent: the check found %u problem that must be fixed "
                                      "first (the rules may have changed since it was approved)",
                                      "Not sent: the check found %u problems that must be fixed "
                                      "first (the rules may have changed since it was approved)",
                                      n_block), n_block);
      record_blocked (job, message);
      job_finish (job);
      return;
    }

  job_get_connector (job);
}

/* The editor's checks again, on the post as it is now. */
static void
job_check (Job *job)
{
  RoundsPublisher *self = job->self;
  gint64 post_id = rounds_publication_get_post_id (job->publication);
  g_autoptr(RoundsPost) post = rounds_store_dup_post (self->store, post_id);
  RoundsNetwork network = rounds_account_get_network (job->account);
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  g_autofree char *problem = NULL;
  RoundsNetworkCount count;

  if (post == NULL)
    {
      job_finish (job);
      return;
    }

  job->outgoing = build_outgoing (self, post, job->publication, &media);

  rounds_network_measure (network, job->outgoing->text, &count);
  if (rounds_network_count_is_over (&count))
    problem = rounds_network_count_dup_problem (&count);
  if (problem == NULL)
    problem = rounds_networks_dup_media_problem (network, media ? media->len : 0);
  if (problem == NULL)
    problem = rounds_post_media_dup_problem (media);
  /* An image that shows a patient is checked against the consent
   * registry with the text, once it is scanned (on_scanned_cb). */
  if (problem != NULL)
    {
      record_blocked (job, problem);
      job_finish (job);
      return;
    }

  profile = rounds_practice_profile_new (self->store);
  scan_async (self, job->outgoing->text, profile, job);
}

static void
start_job (RoundsPublisher   *self,
           RoundsPublication *publication,
           gboolean           reconcile)
{
  gint64 account_id = rounds_publication_get_account_id (publication);
  RoundsAccount *account = rounds_store_lookup_account (self->store, account_id);
  g_autoptr(GError) error = NULL;
  Job *job;

  /* Another PC's publisher may have it (a practice server): leave it. */
  if (!rounds_store_claim_publication (self->store, rounds_publication_get_id (publication),
                                       reconcile ? ROUNDS_PUBLICATION_PUBLISHING
                                                 : ROUNDS_PUBLICATION_QUEUED))
    return;

  if (account == NULL)
    {
      rounds_store_release_publication (self->store, rounds_publication_get_id (publication));
      if (!rounds_store_publication_failed (self->store, rounds_publication_get_id (publication),
                                            reconcile ? ROUNDS_PUBLISH_ERROR_UNKNOWN_OUTCOME
                                                      : ROUNDS_PUBLISH_ERROR_REJECTED,
                                            _("The account was removed from Rounds"), &error))
        warn_store ("Could not record a publication's error",
                    rounds_publication_get_id (publication), error);
      return;
    }

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->account = g_object_ref (account);
  job->account_id = account_id;
  job->publication = g_object_ref (publication);
  job->publication_id = rounds_publication_get_id (publication);
  job->reconcile = reconcile;
  g_hash_table_insert (self->busy, id_key (account_id), job);

  if (!reconcile && rounds_account_get_state (account) == ROUNDS_ACCOUNT_STATE_AUTH_EXPIRED)
    {
      g_autofree char *label = rounds_account_dup_label (account);
      g_autofree char *message = g_strdup_printf (_("Reconnect %s to publish this post"), label);

      if (!rounds_store_publication_retry_at (self->store, job->publication_id,
                                              ROUNDS_PUBLISH_ERROR_AUTH_EXPIRED, message, 0,
                                              &error))
        warn_store ("Could not record a publication's error", job->publication_id, error);
      job_finish (job);
      return;
    }

  if (reconcile)
    {
      g_autoptr(RoundsPost) post = rounds_store_dup_post (self->store,
                                                          rounds_publication_get_post_id (publication));

      if (post == NULL)
        {
          job_finish (job);
          return;
        }
      job->outgoing = build_outgoing (self, post, publication, NULL);
      job_get_connector (job);
    }
  else
    job_check (job);
}

/* After a burst of finished jobs: start what is due, and say when
 * nothing is in flight any more. */
static gboolean
on_finished_tick_cb (gpointer user_data)
{
  RoundsPublisher *self = user_data;

  self->tick_id = 0;
  if (self->started)
    rounds_publisher_tick (self);
  if (g_hash_table_size (self->busy) == 0 && self->tick_id == 0)
    g_signal_emit (self, signals[IDLE], 0);
  return G_SOURCE_REMOVE;
}

static void
job_finish (Job *job)
{
  RoundsPublisher *self = job->self;
  gint64 id = job->publication_id;

  if (g_hash_table_lookup (self->busy, &job->account_id) == job)
    g_hash_table_remove (self->busy, &job->account_id);
  /* The outcome is committed: another PC may take it from here. */
  if (self->store != NULL)
    rounds_store_release_publication (self->store, id);

  g_object_ref (self);
  job_free (job);

  g_signal_emit (self, signals[PUBLICATION_FINISHED], 0, id);

  /* More may be waiting on this account, or come due meanwhile: one
   * tick reads the queue once for every job that finished in this
   * main-loop iteration, rather than once per job. */
  if (self->started)
    {
      if (self->tick_id == 0)
        self->tick_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_finished_tick_cb,
                                         g_object_ref (self), g_object_unref);
    }
  else if (g_hash_table_size (self->busy) == 0)
    g_signal_emit (self, signals[IDLE], 0);
  g_object_unref (self);
}

/* ------------------------------------------------------------------ */
/* The daily token check                                                */

typedef struct
{
  RoundsPublisher *self;
  gint64           account_id;
} Check;

static void
check_done (Check *check)
{
  g_hash_table_remove (check->self->checking, &check->account_id);
  g_object_unref (check->self);
  g_free (check);
}

static void
on_verified_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Check *check = user_data;
  RoundsPublisher *self = check->self;
  g_autoptr(RoundsAccountInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;

  info = rounds_connector_verify_finish (ROUNDS_CONNECTOR (source), result, &error);
  if (info != NULL)
    rounds_store_set_account_checked (self->store, check->account_id, info->token_expires_at,
                                      &store_error);
  else if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED))
    {
      g_hash_table_remove (self->connectors, &check->account_id);
      rounds_store_set_account_auth_expired (self->store, check->account_id, error->message,
                                             &store_error);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Account %" G_GINT64_FORMAT " could not be checked: %s", check->account_id,
             error->message);

  if (store_error != NULL)
    warn_store ("Could not record an account check", check->account_id, store_error);
  check_done (check);
}

static void
on_check_connector_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Check *check = user_data;
  RoundsPublisher *self = check->self;
  RoundsAccount *account = rounds_store_lookup_account (self->store, check->account_id);
  g_autoptr(RoundsConnector) connector = NULL;
  g_autoptr(GError) error = NULL;

  connector = rounds_connector_source_get_finish (ROUNDS_CONNECTOR_SOURCE (source), result, &error);
  if (account == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      check_done (check);
      return;
    }
  if (g_error_matches (error, ROUNDS_CONNECTOR_ERROR, ROUNDS_CONNECTOR_ERROR_AUTH_EXPIRED))
    {
      /* The sign-in is missing from the keyring. */
      g_autoptr(GError) store_error = NULL;

      rounds_store_set_account_auth_expired (self->store, check->account_id, error->message,
                                             &store_error);
      check_done (check);
      return;
    }
  if (connector == NULL)
    {
      g_debug ("Account %" G_GINT64_FORMAT " could not be checked: %s", check->account_id,
               error->message);
      check_done (check);
      return;
    }

  g_hash_table_insert (self->connectors, id_key (check->account_id), g_object_ref (connector));
  rounds_connector_verify_async (connector, self->cancellable, on_verified_cb, check);
}

/**
 * rounds_publisher_check_accounts:
 * @force: check every account now, not only those unchecked for a day
 *
 * The daily token health check: each connected account's sign-in is
 * verified with the network. One that stopped working is marked so (and
 * the reminders announce it with a Reconnect action); the token's expiry
 * is refreshed, so that one expiring within a week is announced too.
 */
void
rounds_publisher_check_accounts (RoundsPublisher *self,
                                 gboolean         force)
{
  GListModel *accounts;
  gint64 now;

  g_return_if_fail (ROUNDS_IS_PUBLISHER (self));

  now = now_of (self);
  accounts = rounds_store_get_accounts (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RoundsAccount) account = g_list_model_get_item (accounts, i);
      gint64 id = rounds_account_get_id (account);
      gint64 checked = rounds_account_get_checked_at (account);
      Check *check;

      if (rounds_account_get_state (account) != ROUNDS_ACCOUNT_STATE_CONNECTED ||
          g_hash_table_contains (self->checking, &id) ||
          (!force && checked <= now && now - checked < ROUNDS_TOKEN_CHECK_INTERVAL))
        continue;

      check = g_new0 (Check, 1);
      check->self = g_object_ref (self);
      check->account_id = id;
      g_hash_table_insert (self->checking, id_key (id), GINT_TO_POINTER (TRUE));
      rounds_connector_source_get_async (self->source, account, self->cancellable,
                                         on_check_connector_cb, check);
    }
}

/* ------------------------------------------------------------------ */
/* Ticks                                                                */

static gboolean
on_timer_cb (gpointer user_data)
{
  RoundsPublisher *self = user_data;

  self->timer_id = 0;
  rounds_publisher_tick (self);
  rounds_publisher_check_accounts (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_timer (RoundsPublisher *self)
{
  gint64 next, now, wait;

  if (!self->with_timer || !self->started)
    return;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  next = rounds_publisher_get_next_wakeup (self);
  now = now_of (self);
  /* At least once a minute: the clock may jump, the computer may sleep. */
  wait = next == 0 ? 60 : CLAMP (next - now, 1, 60);
  self->timer_id = g_timeout_add_seconds (wait, on_timer_cb, self);
}

/* An account reconnected, removed or marked: its next use reads its
 * tokens from the keyring again. */
static void
on_accounts_changed_cb (GListModel      *accounts,
                        guint            position,
                        guint            removed,
                        guint            added,
                        RoundsPublisher *self)
{
  g_hash_table_remove_all (self->connectors);
  schedule_timer (self);
}

static void
on_store_post_changed_cb (RoundsStore     *store,
                          RoundsPost      *post,
                          RoundsPublisher *self)
{
  /* A post scheduled (or moved) now may be due sooner than planned. */
  if (rounds_post_get_status (post) == ROUNDS_POST_STATUS_SCHEDULED)
    schedule_timer (self);
  /* Retry pressed: its publications are due now. While requests are in
   * flight each one's end ticks anyway; when idle, wake in a second
   * (without reading the queue on every change). */
  else if (rounds_post_get_status (post) == ROUNDS_POST_STATUS_PUBLISHING && self->with_timer &&
           self->started && g_hash_table_size (self->busy) == 0)
    {
      g_clear_handle_id (&self->timer_id, g_source_remove);
      self->timer_id = g_timeout_add_seconds (1, on_timer_cb, self);
    }
}

/**
 * rounds_publisher_tick:
 *
 * Starts what is due now: reconciliations first, then sends. Returns at
 * once; the work goes on asynchronously.
 */
void
rounds_publisher_tick (RoundsPublisher *self)
{
  g_autoptr(GPtrArray) post_ids = NULL;
  g_autoptr(GPtrArray) publishing = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now;

  g_return_if_fail (ROUNDS_IS_PUBLISHER (self));

  if (!self->started)
    return;

  /* The practice server cannot be reached: nothing can be read or
   * claimed, so nothing goes out from this PC until it is back (the
   * window's banner says so); the store's reconnection ticks again. */
  if (!rounds_store_get_online (self->store))
    {
      g_debug ("Offline: not publishing until the practice server is back");
      schedule_timer (self);
      return;
    }

  now = now_of (self);

  post_ids = rounds_store_list_scheduled_post_ids (self->store, now, &error);
  for (guint i = 0; post_ids != NULL && i < post_ids->len; i++)
    {
      gint64 post_id = *(gint64 *)g_ptr_array_index (post_ids, i);
      g_autoptr(GError) local_error = NULL;

      rounds_store_ensure_publications (self->store, post_id, &local_error);
      if (local_error != NULL)
        g_warning ("Could not queue post %" G_GINT64_FORMAT ": %s", post_id,
                   local_error->message);
    }
  g_clear_error (&error);

  publishing = rounds_store_list_publishing (self->store, &error);
  for (guint i = 0; publishing != NULL && i < publishing->len; i++)
    {
      RoundsPublication *p = g_ptr_array_index (publishing, i);
      gint64 account_id = rounds_publication_get_account_id (p);
      gint64 at = rounds_publication_get_next_try_at (p);
      Job *busy = g_hash_table_lookup (self->busy, &account_id);

      if (busy != NULL)
        continue;
      /* At start every such row; later those whose check time has come
       * (or whose time a clock set back put out of reach). */
      /* On a server a row with no check time that no publisher works on
       * (start_job() cannot claim the others) was left by a PC that
       * died mid-way: it is looked up now. */
      if (self->reconciled && ((at == 0 && !rounds_store_is_on_server (self->store)) ||
                               (at > now && at <= now + ROUNDS_PUBLISH_MAX_WAIT)))
        continue;
      start_job (self, p, TRUE);
    }
  self->reconciled = TRUE;
  g_clear_error (&error);

  due = rounds_store_list_due_publications (self->store, now, &error);
  if (due == NULL)
    g_warning ("Could not read the publishing queue: %s", error->message);
  for (guint i = 0; due != NULL && i < due->len; i++)
    {
      RoundsPublication *p = g_ptr_array_index (due, i);
      gint64 account_id = rounds_publication_get_account_id (p);

      if (self->started && !g_hash_table_contains (self->busy, &account_id))
        start_job (self, p, FALSE);
    }

  schedule_timer (self);
}

/* Back online: what fell due meanwhile goes out now, not at the next
 * minute. */
static void
on_store_online_cb (RoundsStore     *store,
                    GParamSpec      *pspec,
                    RoundsPublisher *self)
{
  if (!rounds_store_get_online (store) || !self->started || !self->with_timer)
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add_seconds (1, on_timer_cb, self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
rounds_publisher_dispose (GObject *object)
{
  RoundsPublisher *self = (RoundsPublisher *)object;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (rounds_store_get_accounts (self->store), self);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->connectors, g_hash_table_unref);
  g_clear_object (&self->source);
  g_clear_object (&self->scanner);
  g_clear_object (&self->store);
  if (self->text_destroy != NULL)
    g_clear_pointer (&self->text_data, self->text_destroy);

  G_OBJECT_CLASS (rounds_publisher_parent_class)->dispose (object);
}

static void
rounds_publisher_finalize (GObject *object)
{
  RoundsPublisher *self = (RoundsPublisher *)object;

  g_clear_pointer (&self->busy, g_hash_table_unref);
  g_clear_pointer (&self->checking, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rounds_publisher_parent_class)->finalize (object);
}

static void
rounds_publisher_class_init (RoundsPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_publisher_dispose;
  object_class->finalize = rounds_publisher_finalize;

  /**
   * RoundsPublisher::publication-finished:
   * @id: the publication's id
   *
   * One try (or lookup) has ended, whatever its outcome; the store has
   * the result.
   */
  signals[PUBLICATION_FINISHED] =
    g_signal_new ("publication-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * RoundsPublisher::idle:
   *
   * Nothing is in flight any more.
   */
  signals[IDLE] =
    g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rounds_publisher_init (RoundsPublisher *self)
{
  self->connectors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->busy = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->checking = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->jitter = default_jitter;
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

/**
 * rounds_publisher_new:
 * @store: the practice's store
 * @scanner: (nullable): the compliance scanner every post is checked
 *   with again; %NULL for the default one, loaded on a worker when the
 *   first post is checked
 * @secrets: where the accounts' tokens are
 *
 * Returns: (transfer full): a publisher for @store. It does nothing
 *   until rounds_publisher_start().
 */
RoundsPublisher *
rounds_publisher_new (RoundsStore   *store,
                      RoundsScanner *scanner,
                      RoundsSecrets *secrets)
{
  RoundsPublisher *self;

  g_return_val_if_fail (ROUNDS_IS_STORE (store), NULL);
  g_return_val_if_fail (scanner == NULL || ROUNDS_IS_SCANNER (scanner), NULL);
  g_return_val_if_fail (ROUNDS_IS_SECRETS (secrets), NULL);

  self = g_object_new (ROUNDS_TYPE_PUBLISHER, NULL);
  self->store = g_object_ref (store);
  self->scanner = scanner != NULL ? g_object_ref (scanner) : NULL;
  self->source = rounds_connector_source_new (secrets);
  g_signal_connect (self->store, "post-changed", G_CALLBACK (on_store_post_changed_cb), self);
  g_signal_connect (self->store, "notify::online", G_CALLBACK (on_store_online_cb), self);
  g_signal_connect (rounds_store_get_accounts (self->store), "items-changed",
                    G_CALLBACK (on_accounts_changed_cb), self);

  return self;
}

void
rounds_publisher_set_connector_factory (RoundsPublisher        *self,
                                        RoundsConnectorFactory  factory,
                                        gpointer                user_data,
                                        GDestroyNotify          destroy)
{
  g_return_if_fail (ROUNDS_IS_PUBLISHER (self));

  rounds_connector_source_set_factory (self->source, factory, user_data, destroy);
  g_hash_table_remove_all (self->connectors);
}

/**
 * rounds_publisher_set_text_func:
 * @func: (nullable): rewrites a post's text for one network before it is
 *   checked, counted and sent; returns NULL to keep it as it is
 *
 * Set by the application to add Insights' UTM tags to the practice's own
 * links (connectors/ cannot include insights/, which sits above it).
 */
void
rounds_publisher_set_text_func (RoundsPublisher       *self,
                                RoundsPublishTextFunc  func,
                                gpointer               user_data,
                                GDestroyNotify         destroy)
{
  g_return_if_fail (ROUNDS_IS_PUBLISHER (self));

  if (self->text_destroy != NULL)
    g_clear_pointer (&self->text_data, self->text_destroy);
  self->text_func = func;
  self->text_data = user_data;
  self->text_destroy = destroy;
}

/* For tests: a fixed jitter makes backoff times exact. */
void
rounds_publisher_set_jitter_func (RoundsPublisher  *self,
                                  double          (*jitter) (void))
{
  g_return_if_fail (ROUNDS_IS_PUBLISHER (self));

  self->jitter = jitter ? jitter : default_jitter;
}

/**
 * rounds_publisher_start:
 * @with_timer: wake up by itself when the next publication falls due
 *   (the application); tests call rounds_publisher_tick() instead
 *
 * Reconciles what an earlier run left "publishing", then sends what is
 * due.
 */
void
rounds_publisher_start (RoundsPublisher *self,
                        gboolean         with_timer)
{
  g_return_if_fail (ROUNDS_IS_PUBLISHER (self));

  if (self->started)
    return;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  self->started = TRUE;
  self->reconciled = FALSE;
  self->with_timer = with_timer;
  rounds_publisher_tick (self);
  if (with_timer)
    rounds_publisher_check_accounts (self, FALSE);
}

/**
 * rounds_publisher_stop:
 *
 * Cancels what is in flight. A request already sent stays "publishing"
 * and is looked up at the next start.
 */
void
rounds_publisher_stop (RoundsPublisher *self)
{
  g_return_if_fail (ROUNDS_IS_PUBLISHER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
}

gboolean
rounds_publisher_is_busy (RoundsPublisher *self)
{
  g_return_val_if_fail (ROUNDS_IS_PUBLISHER (self), FALSE);

  return g_hash_table_size (self->busy) > 0 || self->tick_id != 0;
}

/**
 * rounds_publisher_get_next_wakeup:
 *
 * Returns: when something next falls due (0: nothing waits).
 */
gint64
rounds_publisher_get_next_wakeup (RoundsPublisher *self)
{
  g_return_val_if_fail (ROUNDS_IS_PUBLISHER (self), 0);

  return rounds_store_get_next_publication_time (self->store);
}

/**
 * rounds_publisher_forget_connector:
 *
 * After a reconnection or removal: the next use reads the account's
 * tokens from the keyring again.
 */
void
rounds_publisher_forget_connector (RoundsPublisher *self,
                                   gint64           account_id)
{
  g_return_if_fail (ROUNDS_IS_PUBLISHER (self));

  g_hash_table_remove (self->connectors, &account_id);
}
