/* rounds-calendar-marks.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-calendar-marks"

#include "config.h"

#include "rounds-calendar-marks.h"

#include <json-glib/json-glib.h>

#include "rounds-store-checks.h"

/* The compliance marks on the Calendar's chips: how many problems the
 * scanner finds in each post shown. The check runs in a thread, cached by
 * the text itself, so the views never wait for it: a post not yet checked
 * reads -1 ("checking") and is queued, and ::changed says when more
 * answers are in (then apply them to the events again).
 *
 * The answers are kept in the store too (rounds-store-checks.c), under a
 * stamp of the scanner's rules and the practice profile: a check asks
 * the store first, and loads the scanner (~12 MB, ~200 ms of the worker)
 * only for texts with no answer kept under the stamp of now, so a start
 * shows the Posts list's Check column and the Calendar's marks without
 * it, and a change of rules or profile has every text checked again.
 *
 * The cache is keyed by the text, not by its SHA-256: every month step
 * looks up each post of the six weeks shown (3,800 at 100,000 posts), and
 * hashing them with SHA-256 was a quarter of the step. It holds the texts
 * of the posts seen, at most MAX_ANSWERS of them (then it starts again;
 * the posts on screen are checked again in the background). */

#define MAX_ANSWERS 20000
/* Answers written to the store per main-loop step: a first check of
 * every post (the "Has Problems" filter at 10,000 posts) must not stall
 * a frame with one long transaction. */
#define KEEP_STEP 200

struct _RoundsCalendarMarks
{
  GObject        parent_instance;

  RoundsContext *context;
  /* Written on the main thread only, under @lock; read there without it,
   * and under it from other threads (rounds_calendar_marks_text_has_problems()). */
  GMutex         lock;
  GHashTable    *problems;      /* text → GINT_TO_POINTER (pack (block, warn)) */
  GHashTable    *wanted;        /* texts other threads asked about (a set), under @lock */
  gboolean       wanted_queued; /* a call to queue them is on its way, under @lock */
  GHashTable    *pending;       /* texts waiting for the scanner (a set) */
  GCancellable  *cancellable;
  guint          scan_idle;
  gboolean       scanning;
  GPtrArray     *keeping;       /* Keep: answers on their way to the store */
  guint          keep_idle;
};

G_DEFINE_FINAL_TYPE (RoundsCalendarMarks, rounds_calendar_marks, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_scan (RoundsCalendarMarks *self);

/* An answer as one hash-table value: never 0 (that reads as "absent"). */
#define PACK(block, warn) GINT_TO_POINTER ((((block) & 0x7fff) << 16 | ((warn) & 0xffff)) + 1)
#define BLOCKS(value)     ((GPOINTER_TO_INT (value) - 1) >> 16)
#define WARNINGS(value)   ((GPOINTER_TO_INT (value) - 1) & 0xffff)

typedef struct
{
  RoundsComplianceProfile *profile;
  RoundsStore             *store;
  GPtrArray               *texts;
  /* What the scanner found, for the store (set on the worker) */
  char                    *found_stamp;
  GPtrArray               *found_texts;  /* borrowed from @texts */
  GArray                  *found_blocks;
  GArray                  *found_warnings;
} ScanJob;

static void
scan_job_free (ScanJob *job)
{
  g_clear_object (&job->profile);
  g_clear_object (&job->store);
  g_ptr_array_unref (job->texts);
  g_free (job->found_stamp);
  g_clear_pointer (&job->found_texts, g_ptr_array_unref);
  g_clear_pointer (&job->found_blocks, g_array_unref);
  g_clear_pointer (&job->found_warnings, g_array_unref);
  g_free (job);
}

/* The stamp an answer is kept under: the rules' and the profile's. */
static char *
check_stamp (const char *rules_stamp,
             const char *profile_json)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, profile_json, -1);

  return g_strdup_printf ("%s/%.16s", rules_stamp, sum);
}

static char *
profile_to_json (RoundsComplianceProfile *profile)
{
  g_autoptr(JsonNode) node = profile != NULL ? rounds_compliance_profile_to_json (profile) : NULL;

  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("");
}

/* What one check found, kept in the store a step at a time (keep_cb). */
typedef struct
{
  RoundsStore *store;
  char        *stamp;
  GPtrArray   *texts;
  GArray      *blocks;
  GArray      *warnings;
  guint        done;
} Keep;

static void
keep_free (Keep *keep)
{
  g_object_unref (keep->store);
  g_free (keep->stamp);
  g_ptr_array_unref (keep->texts);
  g_array_unref (keep->blocks);
  g_array_unref (keep->warnings);
  g_free (keep);
}

static gboolean
keep_cb (gpointer data)
{
  RoundsCalendarMarks *self = data;
  Keep *keep = g_ptr_array_index (self->keeping, 0);
  guint n = MIN (KEEP_STEP, keep->texts->len - keep->done);
  g_autoptr(GError) error = NULL;

  /* A failure costs a check at the next start, nothing else. */
  if (!rounds_store_save_checks (keep->store, keep->stamp,
                                 (const char * const *)keep->texts->pdata + keep->done, n,
                                 &g_array_index (keep->blocks, int, keep->done),
                                 &g_array_index (keep->warnings, int, keep->done), &error))
    g_debug ("Checks not kept: %s", error->message);
  keep->done += n;
  if (keep->done >= keep->texts->len)
    g_ptr_array_remove_index (self->keeping, 0);
  if (self->keeping->len > 0)
    return G_SOURCE_CONTINUE;
  self->keep_idle = 0;
  return G_SOURCE_REMOVE;
}

static void
scan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanJob *job = task_data;
  GHashTable *result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *profile_json = profile_to_json (job->profile);
  g_autofree char *rules_stamp = rounds_scanner_dup_rules_stamp ();
  g_autofree char *stamp = NULL;
  g_autofree int *kept_blocks = g_new (int, job->texts->len);
  g_autofree int *kept_warnings = g_new (int, job->texts->len);
  RoundsScanner *scanner = NULL;

  stamp = check_stamp (rules_stamp, profile_json);

  /* The answers kept under the stamp of now first: a failure to read
   * them only means checking again. */
  if (job->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!rounds_store_read_checks (job->store, stamp, (const char * const *)job->texts->pdata,
                                     job->texts->len, kept_blocks, kept_warnings, &error))
        g_debug ("Kept checks not read: %s", error->message);
    }
  else
    for (guint i = 0; i < job->texts->len; i++)
      kept_blocks[i] = kept_warnings[i] = -1;

  for (guint i = 0; i < job->texts->len; i++)
    {
      g_autoptr(GPtrArray) findings = NULL;
      int blocks = 0, warnings = 0;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (kept_blocks[i] >= 0)
        {
          g_hash_table_insert (result, g_strdup (g_ptr_array_index (job->texts, i)),
                               PACK (MIN (kept_blocks[i], 0x7fff), MIN (kept_warnings[i], 0xffff)));
          continue;
        }
      /* The shared scanner (the context's), loaded here the first time a
       * text has no answer kept: its rules take ~200 ms to read, not to
       * be spent on the main thread. */
      if (scanner == NULL)
        {
          scanner = rounds_scanner_get_default ();
          job->found_stamp = check_stamp (rounds_scanner_get_rules_stamp (scanner), profile_json);
          job->found_texts = g_ptr_array_new ();
          job->found_blocks = g_array_new (FALSE, FALSE, sizeof (int));
          job->found_warnings = g_array_new (FALSE, FALSE, sizeof (int));
        }
      findings = rounds_scanner_scan (scanner, g_ptr_array_index (job->texts, i), -1,
                                      ROUNDS_TEXT_KIND_POST, NULL, job->profile, NULL);
      for (guint f = 0; findings != NULL && f < findings->len; f++)
        switch (rounds_finding_get_severity (g_ptr_array_index (findings, f)))
          {
          case ROUNDS_FINDING_SEVERITY_BLOCK:
            blocks++;
            break;
          case ROUNDS_FINDING_SEVERITY_WARN:
            warnings++;
            break;
          default:
            break;
          }
      g_hash_table_insert (result, g_strdup (g_ptr_array_index (job->texts, i)),
                           PACK (MIN (blocks, 0x7fff), MIN (warnings, 0xffff)));
      if (findings == NULL)
        continue;  /* not valid UTF-8: shown as before, not kept */
      g_ptr_array_add (job->found_texts, g_ptr_array_index (job->texts, i));
      g_array_append_val (job->found_blocks, blocks);
      g_array_append_val (job->found_warnings, warnings);
    }

  g_task_return_pointer (task, result, (GDestroyNotify)g_hash_table_unref);
}

static void
on_scan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RoundsCalendarMarks *self = user_data;
  g_autoptr(GHashTable) found = g_task_propagate_pointer (G_TASK (result), NULL);
  ScanJob *job = g_task_get_task_data (G_TASK (result));
  GHashTableIter iter;
  gpointer key, value;

  if (found == NULL)
    return;  /* cancelled: the marks are gone or the practice changed */

  /* What the scanner found is kept for the next start (and the other
   * views), in steps at low priority. */
  if (job->store != NULL && job->found_texts != NULL && job->found_texts->len > 0)
    {
      Keep *keep = g_new0 (Keep, 1);

      keep->store = g_object_ref (job->store);
      keep->stamp = g_steal_pointer (&job->found_stamp);
      keep->texts = g_ptr_array_new_full (job->found_texts->len, g_free);
      for (guint i = 0; i < job->found_texts->len; i++)
        g_ptr_array_add (keep->texts, g_strdup (g_ptr_array_index (job->found_texts, i)));
      keep->blocks = g_steal_pointer (&job->found_blocks);
      keep->warnings = g_steal_pointer (&job->found_warnings);
      g_ptr_array_add (self->keeping, keep);
      if (self->keep_idle == 0)
        self->keep_idle = g_idle_add_full (G_PRIORITY_LOW, keep_cb, self, NULL);
    }

  self->scanning = FALSE;
  g_mutex_lock (&self->lock);
  if (g_hash_table_size (self->problems) + g_hash_table_size (found) > MAX_ANSWERS)
    g_hash_table_remove_all (self->problems);
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->problems, g_strdup (key), value);
  g_mutex_unlock (&self->lock);

  g_signal_emit (self, signals[CHANGED], 0);

  if (g_hash_table_size (self->pending) > 0)
    schedule_scan (self);
}

static gboolean
scan_idle_cb (gpointer data)
{
  RoundsCalendarMarks *self = data;

  self->scan_idle = 0;
  schedule_scan (self);
  return G_SOURCE_REMOVE;
}

/* Texts queued during one refresh go to the scanner together, once the
 * refresh is done: one answer, one pass over the events. */
static void
queue_scan (RoundsCalendarMarks *self)
{
  if (self->scan_idle == 0 && !self->scanning)
    self->scan_idle = g_idle_add (scan_idle_cb, self);
}

static void
schedule_scan (RoundsCalendarMarks *self)
{
  g_autoptr(GTask) task = NULL;
  ScanJob *job;
  GHashTableIter iter;
  gpointer key;

  if (self->scanning || self->context == NULL || g_hash_table_size (self->pending) == 0)
    return;

  job = g_new0 (ScanJob, 1);
  job->profile = rounds_context_dup_compliance_profile (self->context);
  if (rounds_context_get_store (self->context) != NULL)
    job->store = g_object_ref (rounds_context_get_store (self->context));
  job->texts = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (job->texts, key);
      g_hash_table_iter_steal (&iter);
    }

  self->scanning = TRUE;
  /* The task holds no reference: the cancellable stops it with us, and
   * its callback then sees no result. */
  task = g_task_new (NULL, self->cancellable, on_scan_done_cb, self);
  g_task_set_task_data (task, job, (GDestroyNotify)scan_job_free);
  g_task_run_in_thread (task, scan_thread);
}

static void
forget (RoundsCalendarMarks *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->scan_idle, g_source_remove);
  g_clear_handle_id (&self->keep_idle, g_source_remove);
  g_ptr_array_set_size (self->keeping, 0);
  self->scanning = FALSE;
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->problems);
  g_hash_table_remove_all (self->wanted);
  g_mutex_unlock (&self->lock);
  g_hash_table_remove_all (self->pending);
  g_clear_object (&self->context);
}

static void
rounds_calendar_marks_dispose (GObject *object)
{
  RoundsCalendarMarks *self = ROUNDS_CALENDAR_MARKS (object);

  forget (self);

  G_OBJECT_CLASS (rounds_calendar_marks_parent_class)->dispose (object);
}

static void
rounds_calendar_marks_finalize (GObject *object)
{
  RoundsCalendarMarks *self = ROUNDS_CALENDAR_MARKS (object);

  g_hash_table_unref (self->problems);
  g_hash_table_unref (self->wanted);
  g_hash_table_unref (self->pending);
  g_ptr_array_unref (self->keeping);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (rounds_calendar_marks_parent_class)->finalize (object);
}

static void
rounds_calendar_marks_class_init (RoundsCalendarMarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rounds_calendar_marks_dispose;
  object_class->finalize = rounds_calendar_marks_finalize;

  /**
   * RoundsCalendarMarks::changed:
   *
   * More posts have been checked: apply the marks again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rounds_calendar_marks_init (RoundsCalendarMarks *self)
{
  g_mutex_init (&self->lock);
  self->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keeping = g_ptr_array_new_with_free_func ((GDestroyNotify)keep_free);
}

RoundsCalendarMarks *
rounds_calendar_marks_new (void)
{
  return g_object_new (ROUNDS_TYPE_CALENDAR_MARKS, NULL);
}

/**
 * rounds_calendar_marks_set_context:
 * @context: (nullable): the practice whose scanner and profile check
 *
 * Forgets every answer and stops a check under way.
 */
void
rounds_calendar_marks_set_context (RoundsCalendarMarks *self,
                                   RoundsContext       *context)
{
  g_return_if_fail (ROUNDS_IS_CALENDAR_MARKS (self));

  forget (self);
  if (context == NULL)
    return;
  self->context = g_object_ref (context);
  self->cancellable = g_cancellable_new ();
}

/**
 * rounds_calendar_marks_dup_stamp:
 *
 * Returns: (transfer full) (nullable): the stamp (the rules' and the
 *   practice profile's) that answers kept in the store must have to be
 *   used now, and that new answers get; %NULL with no practice
 */
char *
rounds_calendar_marks_dup_stamp (RoundsCalendarMarks *self)
{
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  g_autofree char *rules_stamp = NULL;
  g_autofree char *profile_json = NULL;

  g_return_val_if_fail (ROUNDS_IS_CALENDAR_MARKS (self), NULL);

  if (self->context == NULL)
    return NULL;
  profile = rounds_context_dup_compliance_profile (self->context);
  profile_json = profile_to_json (profile);
  rules_stamp = rounds_scanner_dup_rules_stamp ();
  return check_stamp (rules_stamp, profile_json);
}

/**
 * rounds_calendar_marks_lookup_counts:
 * @n_block: (out) (optional): how many findings must be fixed
 * @n_warn: (out) (optional): how many need a human decision
 *
 * Returns: %TRUE if @post's text has been checked; %FALSE while it is
 *   (it is queued if it was not), with both counts 0.
 */
gboolean
rounds_calendar_marks_lookup_counts (RoundsCalendarMarks *self,
                                     RoundsPost          *post,
                                     int                 *n_block,
                                     int                 *n_warn)
{
  g_return_val_if_fail (ROUNDS_IS_POST (post), FALSE);

  return rounds_calendar_marks_lookup_text_counts (self, rounds_post_get_body (post),
                                                   n_block, n_warn);
}

/**
 * rounds_calendar_marks_lookup_text_counts:
 * @body: a post's text
 *
 * As rounds_calendar_marks_lookup_counts(), for a post's text alone.
 */
gboolean
rounds_calendar_marks_lookup_text_counts (RoundsCalendarMarks *self,
                                          const char          *body,
                                          int                 *n_block,
                                          int                 *n_warn)
{
  gpointer value;

  if (n_block != NULL)
    *n_block = 0;
  if (n_warn != NULL)
    *n_warn = 0;

  g_return_val_if_fail (ROUNDS_IS_CALENDAR_MARKS (self), FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  if (g_hash_table_lookup_extended (self->problems, body, NULL, &value))
    {
      if (n_block != NULL)
        *n_block = BLOCKS (value);
      if (n_warn != NULL)
        *n_warn = WARNINGS (value);
      return TRUE;
    }

  if (self->context != NULL && !g_hash_table_contains (self->pending, body))
    {
      g_hash_table_add (self->pending, g_strdup (body));
      queue_scan (self);
    }
  return FALSE;
}

/* On the main thread: the texts other threads asked about go to the
 * scanner, as a lookup here would have sent them. */
static gboolean
queue_wanted_cb (gpointer data)
{
  RoundsCalendarMarks *self = data;
  GHashTableIter iter;
  gpointer key;

  g_mutex_lock (&self->lock);
  self->wanted_queued = FALSE;
  g_hash_table_iter_init (&iter, self->wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_hash_table_iter_steal (&iter);
      if (self->context != NULL && !g_hash_table_contains (self->problems, key))
        g_hash_table_add (self->pending, key);
      else
        g_free (key);
    }
  g_mutex_unlock (&self->lock);
  if (g_hash_table_size (self->pending) > 0)
    queue_scan (self);
  return G_SOURCE_REMOVE;
}

/**
 * rounds_calendar_marks_text_has_problems:
 * @body: a post's text
 * @marks: a #RoundsCalendarMarks
 *
 * A #RoundsPostListCheck, safe to call from any thread (the Posts list
 * calls it from its queries on a worker): whether the check found
 * problems (blocking or to decide) in @body. A text not checked yet says
 * %FALSE and goes to the scanner (from the main thread), and ::changed
 * comes when its answer is in.
 */
gboolean
rounds_calendar_marks_text_has_problems (const char *body,
                                         GObject    *marks)
{
  RoundsCalendarMarks *self = ROUNDS_CALENDAR_MARKS (marks);
  gpointer value = NULL;
  gboolean found, queue = FALSE;

  g_mutex_lock (&self->lock);
  found = g_hash_table_lookup_extended (self->problems, body, NULL, &value);
  if (!found && !g_hash_table_contains (self->wanted, body))
    {
      g_hash_table_add (self->wanted, g_strdup (body));
      queue = !self->wanted_queued;
      self->wanted_queued = TRUE;
    }
  g_mutex_unlock (&self->lock);

  if (queue)
    {
      /* An idle source on the main context, never g_main_context_invoke():
       * called on a worker, that runs the callback right here whenever
       * the main thread does not hold its context at that moment. */
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, queue_wanted_cb, g_object_ref (self), g_object_unref);
      g_source_attach (source, g_main_context_default ());
      g_source_unref (source);
    }
  return found && BLOCKS (value) + WARNINGS (value) > 0;
}

/**
 * rounds_calendar_marks_lookup:
 *
 * Returns: the number of problems (blocking or to decide) in @post's
 *   text, or -1 while it is being checked (it is queued if it was not).
 */
int
rounds_calendar_marks_lookup (RoundsCalendarMarks *self,
                              RoundsPost          *post)
{
  int blocks, warnings;

  if (!rounds_calendar_marks_lookup_counts (self, post, &blocks, &warnings))
    return -1;
  return blocks + warnings;
}

/**
 * rounds_calendar_marks_apply:
 * @events: #RoundsCalendarEvent items
 *
 * Marks each event (chips and rows follow their event) with what the
 * check has found so far.
 */
void
rounds_calendar_marks_apply (RoundsCalendarMarks *self,
                             GListModel          *events)
{
  guint n;

  g_return_if_fail (ROUNDS_IS_CALENDAR_MARKS (self));
  g_return_if_fail (G_IS_LIST_MODEL (events));

  /* An answer once known does not change for the same text (a changed
   * post is a new event): only events still being checked are looked up. */
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsCalendarEvent) event = g_list_model_get_item (events, i);

      if (rounds_calendar_event_get_problems (event) >= 0)
        continue;
      rounds_calendar_event_set_problems (event,
                                          rounds_calendar_marks_lookup (
                                            self, rounds_calendar_event_get_post (event)));
    }
}
