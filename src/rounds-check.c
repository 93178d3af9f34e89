/* rounds-check.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The compliance checker on the command line (DESIGN.md §5):
 *
 *   rounds-check [--json] [--profile FILE] [--kind KIND] [--reviewer NAME] [FILE|-]
 *   rounds-check --jsonl [--profile FILE]
 *
 * Exit status: 0 no blocking finding, 1 some blocking finding, 2 usage or
 * input error (one line on stderr). Never prints the scanned text except
 * the flagged excerpts in the human-readable report.
 */

#define G_LOG_DOMAIN "rounds-check"
#define _GNU_SOURCE  /* sched_getaffinity, CPU_COUNT */

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <stdlib.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "rounds-scanner.h"
#include "rounds-utf8.h"

enum
{
  EXIT_CLEAN = 0,
  EXIT_BLOCKING = 1,
  EXIT_USAGE = 2,
};

static gboolean opt_json;
static gboolean opt_jsonl;
static char *opt_profile;
static char *opt_kind;
static char *opt_reviewer;
static char **opt_files;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print the findings as one JSON object", NULL },
  { "jsonl", 0, 0, G_OPTION_ARG_NONE, &opt_jsonl,
    "Read {\"id\", \"text\", \"kind\", \"reviewer\"} lines on standard input, write one "
    "{\"id\", \"findings\"} line per input line", NULL },
  { "profile", 'p', 0, G_OPTION_ARG_FILENAME, &opt_profile, "The practice profile (JSON)", "FILE" },
  { "kind", 'k', 0, G_OPTION_ARG_STRING, &opt_kind,
    "What the text is: post (default), review_reply or comment_reply", "KIND" },
  { "reviewer", 'r', 0, G_OPTION_ARG_STRING, &opt_reviewer,
    "For replies: the reviewer's display name", "NAME" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, "[FILE|-]" },
  { NULL }
};

static void G_GNUC_PRINTF (1, 2)
die_usage (const char *format,
           ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  /* one line, always */
  g_strdelimit (msg, "\r\n", ' ');
  fprintf (stderr, "rounds-check: %s\n", msg);
  exit (EXIT_USAGE);
}

/* The bytes that end a run of a JSON string's characters that need no
 * escaping: control characters (the nul too), '"' and '\\'. */
static const guchar json_stop[256] = {
  [0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

/* The length of the run of bytes at @p (before @end) that need no
 * escaping in a JSON string: eight bytes at a time, testing each for a
 * control character, '"' or '\\' with word arithmetic, then byte by byte
 * from the word that has one. */
static inline gsize
json_plain_run (const char *p,
                const char *end)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  const char *q = p;

#ifdef __SSE2__
  /* sixteen bytes at a time where the machine has SSE2 (every x86-64):
   * a text's run is a few hundred bytes, and the word loop below spent
   * about five instructions a byte on it */
  {
    const __m128i quote16 = _mm_set1_epi8 ('"');
    const __m128i slash16 = _mm_set1_epi8 ('\\');
    const __m128i ctl16 = _mm_set1_epi8 (0x1f);

    while (end - q >= 16)
      {
        __m128i x = _mm_loadu_si128 ((const __m128i *) q);
        /* '"', '\\', or a byte at most 0x1f (unsigned: min (x, 0x1f) == x) */
        __m128i stop = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (x, quote16), _mm_cmpeq_epi8 (x, slash16)),
                                     _mm_cmpeq_epi8 (_mm_min_epu8 (x, ctl16), x));
        int bits = _mm_movemask_epi8 (stop);

        if (bits != 0)
          return q + __builtin_ctz ((unsigned) bits) - p;
        q += 16;
      }
  }
#endif

  while (end - q >= 8)
    {
      guint64 x, quote, slash;

      memcpy (&x, q, 8);
      quote = x ^ (ones * '"');
      slash = x ^ (ones * '\\');
      /* some byte below 0x20, or a zero byte after the xor with '"' or
       * '\\' (the classic tests: exact for "is there one") */
      if ((((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash)) & highs)
        break;
      q += 8;
    }
  while (q < end && !json_stop[(guchar) *q])
    q++;
  return q - p;
}

/* g_string_append_len () for the per-line paths: a copy when the
 * string has room (GLib's call costs more than the copy for the short
 * pieces a line is written from), GLib's growth otherwise */
static inline void
out_append (GString    *out,
            const char *p,
            gsize       n)
{
  if (G_LIKELY (out->len + n < out->allocated_len))
    {
      memcpy (out->str + out->len, p, n);
      out->len += n;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, p, n);
}

#define out_append_lit(out, lit) out_append ((out), (lit), sizeof (lit) - 1)

static void
append_json_string (GString    *out,
                    const char *str)
{
  const guchar *p = (const guchar *) str;
  const guchar *end = p + strlen (str);

  g_string_append_c (out, '"');
  while (p < end)
    {
      gsize run = json_plain_run ((const char *) p, (const char *) end);

      /* copy runs that need no escaping in one go */
      if (run > 0)
        g_string_append_len (out, (const char *) p, run);
      p += run;
      if (p >= end)
        break;

      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default: g_string_append_printf (out, "\\u%04x", *p);
        }
      p++;
    }
  g_string_append_c (out, '"');
}

/* What follows a finding's offsets ("rule" to its closing brace), by
 * its rule, message and suggestion: the rule pack's and the scanner's
 * shared strings, so a few dozen tails in all, escaped again for every
 * finding before. The strings are GRefStrings (rounds-finding.h) and an
 * entry holds a reference to each of its three, so none of them can be
 * freed and another string allocated at its address while the entry
 * lives: the same three addresses (and the same category and severity)
 * are the same tail, with no compare of the texts. One cache per thread
 * (findings are written by the pool's threads). */
#define TAIL_SLOTS 256  /* a power of two, well above the tails in use */

typedef struct
{
  char                  *rule;      /* a reference, or NULL: empty slot */
  char                  *message;   /* references */
  char                  *suggestion;
  RoundsFindingCategory  category;
  RoundsFindingSeverity  severity;
  char                  *json;
  gsize                  json_len;
} Tail;

static void
tail_clear (Tail *e)
{
  g_clear_pointer (&e->rule, g_ref_string_release);
  g_clear_pointer (&e->message, g_ref_string_release);
  g_clear_pointer (&e->suggestion, g_ref_string_release);
  g_clear_pointer (&e->json, g_free);
}

static void
tail_cache_free (gpointer data)
{
  Tail *cache = data;

  for (guint k = 0; k < TAIL_SLOTS; k++)
    tail_clear (&cache[k]);
  g_free (cache);
}

static GPrivate tail_key = G_PRIVATE_INIT (tail_cache_free);

static void
append_tail (GString                  *out,
             const RoundsPlainFinding *f)
{
  const char *rule = f->rule;
  const char *message = f->message;
  const char *suggestion = f->suggestion;
  RoundsFindingCategory category = f->category;
  RoundsFindingSeverity severity = f->severity;
  guint64 h;
  Tail *cache, *e;
  gsize at;

  cache = g_private_get (&tail_key);
  if (cache == NULL)
    {
      cache = g_new0 (Tail, TAIL_SLOTS);
      g_private_set (&tail_key, cache);
    }
  h = ((guint64) (guintptr) rule * 3 + (guint64) (guintptr) message * 5 + (guint64) (guintptr) suggestion) *
      G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  e = &cache[(h >> 40) % TAIL_SLOTS];

  if (e->rule == rule && e->message == message && e->suggestion == suggestion &&
      e->category == category && e->severity == severity)
    {
      out_append (out, e->json, e->json_len);
      return;
    }

  at = out->len;
  g_string_append (out, ",\"rule\":");
  append_json_string (out, rule);
  g_string_append (out, ",\"category\":");
  append_json_string (out, rounds_finding_category_to_string (category));
  g_string_append (out, ",\"severity\":");
  append_json_string (out, rounds_finding_severity_to_string (severity));
  g_string_append (out, ",\"message\":");
  append_json_string (out, message);
  g_string_append (out, ",\"suggestion\":");
  append_json_string (out, suggestion);
  g_string_append_c (out, '}');

  tail_clear (e);
  e->rule = g_ref_string_acquire ((char *) rule);
  e->message = g_ref_string_acquire ((char *) message);
  e->suggestion = g_ref_string_acquire ((char *) suggestion);
  e->category = category;
  e->severity = severity;
  e->json_len = out->len - at;
  e->json = g_memdup2 (out->str + at, e->json_len);
}

/* Writes @v in decimal at @dst (printf is the slowest part of writing a
 * finding otherwise); returns the end */
static char *
put_uint (char  *dst,
          guint  v)
{
  char buf[12];
  char *q = buf + sizeof buf;
  gsize n;

  do
    *--q = '0' + v % 10;
  while ((v /= 10) != 0);
  n = buf + sizeof buf - q;
  memcpy (dst, q, n);
  return dst + n;
}

static void
append_findings (GString *out,
                 GArray  *findings)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < findings->len; i++)
    {
      const RoundsPlainFinding *f = &g_array_index (findings, RoundsPlainFinding, i);
      /* the fixed part and the numbers in one append */
      char head[64];
      char *h = head;

      if (i > 0)
        *h++ = ',';
      memcpy (h, "{\"start\":", 9);
      h = put_uint (h + 9, f->start);
      memcpy (h, ",\"end\":", 7);
      h = put_uint (h + 7, f->end);
      out_append (out, head, h - head);
      append_tail (out, f);
    }
  g_string_append_c (out, ']');
}

static void
write_out (GString *out)
{
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
}

/* ------------------------------------------------------------ --jsonl */

/* Input is read in blocks straight from fd 0. */
typedef struct
{
  char   *buf;
  gsize   len;
  gsize   pos;
  gsize   cap;
  gboolean eof;
  gboolean error;
} LineReader;

static gboolean
reader_fill (LineReader *r)
{
  gssize n;

  if (r->pos > 0)
    {
      memmove (r->buf, r->buf + r->pos, r->len - r->pos);
      r->len -= r->pos;
      r->pos = 0;
    }
  if (r->len == r->cap)
    {
      r->cap = r->cap ? r->cap * 2 : 1 << 16;
      r->buf = g_realloc (r->buf, r->cap);
    }

  do
    n = read (STDIN_FILENO, r->buf + r->len, r->cap - r->len);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    r->error = TRUE;
  if (n <= 0)
    {
      r->eof = TRUE;
      return FALSE;
    }
  r->len += n;
  return TRUE;
}

/* Returns the next line (without its newline, nul-terminated in place) or
 * NULL at the end. */
static char *
reader_next (LineReader *r,
             gsize      *out_len)
{
  for (;;)
    {
      char *start = r->buf + r->pos;
      char *nl = r->len > r->pos ? memchr (start, '\n', r->len - r->pos) : NULL;

      if (nl != NULL)
        {
          *nl = '\0';
          *out_len = nl - start;
          r->pos = (nl - r->buf) + 1;
          return start;
        }

      if (r->eof)
        {
          if (r->pos < r->len)
            {
              /* last line without a newline */
              if (r->len == r->cap)
                {
                  r->cap += 1;
                  r->buf = g_realloc (r->buf, r->cap);
                  start = r->buf + r->pos;
                }
              r->buf[r->len] = '\0';
              *out_len = r->len - r->pos;
              r->pos = r->len;
              return start;
            }
          return NULL;
        }

      reader_fill (r);
    }
}

typedef struct
{
  RoundsScanner           *scanner;
  RoundsComplianceProfile *profile;
  const char              *id_json;   /* the id, serialised, or "null": id_owned,
                                       * a constant or (serial reader) a range
                                       * of the line */
  gsize                    id_len;
  char                    *id_owned;
  const char              *text;      /* text_owned or (serial reader) the
                                       * reader's reused text buffer */
  char                    *text_owned;
  gsize                    text_len;
  gboolean                 text_valid; /* read by the fast reader: valid UTF-8, no nul */
  char                    *reviewer;
  RoundsTextKind           kind;
  const char              *error;     /* static message for a bad line */
  GString                 *out;
  gboolean                 blocking;
  gboolean                 failed;
  gboolean                 done;      /* under the pipeline's mutex */
} Job;

/* What a job owns freed; the Job itself is the caller's */
static void
job_clear (Job *job)
{
  g_free (job->id_owned);
  g_free (job->text_owned);
  g_free (job->reviewer);
  if (job->out)
    g_string_free (job->out, TRUE);
}

static void
job_free (Job *job)
{
  job_clear (job);
  g_free (job);
}

/* The job's id: @owned (taken), or "null" */
static void
job_take_id (Job  *job,
             char *owned)
{
  g_free (job->id_owned);
  job->id_owned = owned;
  job->id_json = owned != NULL ? owned : "null";
  job->id_len = strlen (job->id_json);
}

/* Each thread's findings array, kept from line to line (a new array per
 * line, and its first slots, cost more than writing most lines' findings) */
static void
findings_free (gpointer data)
{
  _rounds_plain_findings_clear (data);
  g_array_unref (data);
}

static GPrivate findings_key = G_PRIVATE_INIT (findings_free);

static GArray *
thread_findings (void)
{
  GArray *findings = g_private_get (&findings_key);

  if (findings == NULL)
    {
      findings = g_array_new (FALSE, FALSE, sizeof (RoundsPlainFinding));
      g_private_set (&findings_key, findings);
    }
  return findings;
}

/* Appends the answer line to job->out (made here if NULL) */
static void
job_run (Job *job)
{
  if (job->out == NULL)
    job->out = g_string_sized_new (256);
  out_append_lit (job->out, "{\"id\":");
  out_append (job->out, job->id_json, job->id_len);

  if (job->error == NULL)
    {
      g_autoptr(GError) error = NULL;
      GArray *findings = thread_findings ();

      /* a text the fast reader took is valid UTF-8 without a nul: not
       * checked again; json-glib's (length -1) is */
      if (_rounds_scanner_scan_plain (job->scanner, job->text, job->text_valid ? (gssize) job->text_len : -1,
                                      job->text_valid, job->kind, job->reviewer, job->profile, findings,
                                      &error))
        {
          job->blocking = FALSE;
          for (guint i = 0; i < findings->len; i++)
            job->blocking |= g_array_index (findings, RoundsPlainFinding, i).severity ==
                             ROUNDS_FINDING_SEVERITY_BLOCK;
          out_append_lit (job->out, ",\"findings\":");
          append_findings (job->out, findings);
          out_append_lit (job->out, "}\n");
          /* the findings' suggestions released now, not at the next line */
          _rounds_plain_findings_clear (findings);
          return;
        }
      job->failed = TRUE;
      g_string_append (job->out, ",\"error\":");
      append_json_string (job->out, error->message);
      g_string_append (job->out, "}\n");
      return;
    }

  job->failed = TRUE;
  g_string_append (job->out, ",\"error\":");
  append_json_string (job->out, job->error);
  g_string_append (job->out, "}\n");
}

/* A fast path for the common input line: a flat JSON object. Anything it
 * does not understand (or any error) falls back to json-glib, which also
 * produces the error messages. */
typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static void
cur_ws (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n'))
    c->p++;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* Decodes a string at c->p (on the opening quote) into @out (may be NULL
 * to skip). */
static gboolean
cur_string (Cursor  *c,
            GString *out)
{
  if (c->p >= c->end || *c->p != '"')
    return FALSE;
  c->p++;

  while (c->p < c->end)
    {
      const char *run = c->p;

      c->p += json_plain_run (c->p, c->end);
      if (out && c->p > run)
        out_append (out, run, c->p - run);
      if (c->p >= c->end || (guchar) *c->p < 0x20)
        return FALSE;
      if (*c->p == '"')
        {
          c->p++;
          return TRUE;
        }

      /* escape */
      c->p++;
      if (c->p >= c->end)
        return FALSE;
      switch (*c->p)
        {
        case '"': case '\\': case '/':
          if (out) g_string_append_c (out, *c->p);
          c->p++;
          break;
        case 'b': if (out) g_string_append_c (out, '\b'); c->p++; break;
        case 'f': if (out) g_string_append_c (out, '\f'); c->p++; break;
        case 'n': if (out) g_string_append_c (out, '\n'); c->p++; break;
        case 'r': if (out) g_string_append_c (out, '\r'); c->p++; break;
        case 't': if (out) g_string_append_c (out, '\t'); c->p++; break;
        case 'u':
          {
            int u;

            if (c->end - c->p < 5 || (u = hex4 (c->p + 1)) < 0)
              return FALSE;
            c->p += 5;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                int lo;

                if (c->end - c->p < 6 || c->p[0] != '\\' || c->p[1] != 'u' || (lo = hex4 (c->p + 2)) < 0 ||
                    lo < 0xDC00 || lo > 0xDFFF)
                  return FALSE;
                c->p += 6;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
              }
            else if (u >= 0xDC00 && u <= 0xDFFF)
              return FALSE;
            if (u == 0)
              return FALSE;  /* let json-glib decide about embedded nul */
            if (out)
              g_string_append_unichar (out, u);
            break;
          }
        default:
          return FALSE;
        }
    }

  return FALSE;
}

/* A scalar that is not a string: number, true, false, null. */
static gboolean
cur_scalar (Cursor      *c,
            const char **start,
            gsize       *len)
{
  const char *s = c->p;

  if (c->p < c->end && (*c->p == '-' || g_ascii_isdigit (*c->p)))
    {
      c->p++;
      while (c->p < c->end && (g_ascii_isdigit (*c->p) || *c->p == '.' || *c->p == 'e' || *c->p == 'E' ||
                               *c->p == '+' || *c->p == '-'))
        c->p++;
    }
  else if (c->end - c->p >= 4 && (memcmp (c->p, "true", 4) == 0 || memcmp (c->p, "null", 4) == 0))
    c->p += 4;
  else if (c->end - c->p >= 5 && memcmp (c->p, "false", 5) == 0)
    c->p += 5;
  else
    return FALSE;

  *start = s;
  *len = c->p - s;
  return TRUE;
}

/* Skips any value, nested ones included (for members we do not read). */
static gboolean
cur_skip (Cursor *c,
          guint   depth)
{
  const char *s;
  gsize len;

  cur_ws (c);
  if (c->p >= c->end || depth > 64)
    return FALSE;
  if (*c->p == '"')
    return cur_string (c, NULL);
  if (*c->p == '[' || *c->p == '{')
    {
      char close = *c->p == '[' ? ']' : '}';
      gboolean object = *c->p == '{';

      c->p++;
      cur_ws (c);
      if (c->p < c->end && *c->p == close)
        {
          c->p++;
          return TRUE;
        }
      for (;;)
        {
          if (object)
            {
              cur_ws (c);
              if (!cur_string (c, NULL))
                return FALSE;
              cur_ws (c);
              if (c->p >= c->end || *c->p != ':')
                return FALSE;
              c->p++;
            }
          if (!cur_skip (c, depth + 1))
            return FALSE;
          cur_ws (c);
          if (c->p < c->end && *c->p == ',')
            {
              c->p++;
              continue;
            }
          if (c->p < c->end && *c->p == close)
            {
              c->p++;
              return TRUE;
            }
          return FALSE;
        }
    }
  return cur_scalar (c, &s, &len);
}

/* A member name at c->p (on the opening quote) without escapes, as a range
 * of the line (no copy); FALSE (c->p unchanged) if it has one, for
 * cur_string () to decode. */
static gboolean
cur_plain_key (Cursor      *c,
               const char **key,
               gsize       *len)
{
  const char *p = c->p + 1;

  if (c->p >= c->end || *c->p != '"')
    return FALSE;
  p += json_plain_run (p, c->end);
  if (p >= c->end || *p != '"')
    return FALSE;
  *key = c->p + 1;
  *len = p - (c->p + 1);
  c->p = p + 1;
  return TRUE;
}

static inline gboolean
key_is (const char *key,
        gsize       len,
        const char *name)
{
  return len == strlen (name) && memcmp (key, name, len) == 0;
}

/* A string without escapes of fewer than @size bytes at the cursor,
 * copied to @buf with a nul (what cur_string () would decode); else
 * FALSE, the cursor where it was. */
static gboolean
plain_short_string (Cursor *c,
                    char   *buf,
                    gsize   size)
{
  const char *at = c->p;
  const char *s;
  gsize len;

  if (!cur_plain_key (c, &s, &len))
    return FALSE;
  if (len >= size)
    {
      c->p = at;
      return FALSE;
    }
  memcpy (buf, s, len);
  buf[len] = '\0';
  return TRUE;
}

/* Fills @job (zeroed) from the line, or returns FALSE for json-glib.
 * With @text_buf (the serial reader's, reused from line to line), the
 * job's text is decoded there and its id points into @line: both are
 * borrowed until the next line is read. Without, the job owns copies. */
static gboolean
parse_line_fast (Job                     *job,
                 RoundsScanner           *scanner,
                 RoundsComplianceProfile *profile,
                 const char              *line,
                 gsize                    len,
                 GString                 *text_buf)
{
  Cursor c = { line, line + len };
  g_autoptr(GString) key = NULL;  /* only for a name with escapes */
  GString *text = NULL;             /* text_buf or owned_text */
  g_autoptr(GString) owned_text = NULL;
  g_autoptr(GString) kind = NULL;
  g_autoptr(GString) reviewer = NULL;
  g_autofree char *id_json = NULL;  /* an id with escapes, escaped again */
  const char *id_raw = NULL;        /* or one without, as it came */
  gsize id_raw_len = 0;
  /* a kind without escapes, copied here instead of into a GString (any
   * valid kind is shorter) */
  char kind_buf[16];
  gboolean kind_in_buf = FALSE;

  cur_ws (&c);
  if (c.p >= c.end || *c.p != '{')
    return FALSE;
  c.p++;
  cur_ws (&c);
  if (c.p < c.end && *c.p == '}')
    return FALSE;

  for (;;)
    {
      GString **target = NULL;
      const char *k;
      gsize klen;

      cur_ws (&c);
      /* the member's name read in place; one with escapes decoded
       * (a nul in it makes it none of ours, as strcmp () saw it) */
      if (!cur_plain_key (&c, &k, &klen))
        {
          if (key == NULL)
            key = g_string_new (NULL);
          g_string_truncate (key, 0);
          if (!cur_string (&c, key))
            return FALSE;
          k = key->str;
          klen = strlen (key->str);
        }
      cur_ws (&c);
      if (c.p >= c.end || *c.p != ':')
        return FALSE;
      c.p++;
      cur_ws (&c);
      if (c.p >= c.end)
        return FALSE;

      if (key_is (k, klen, "text"))
        {
          if (*c.p != '"')
            return FALSE;  /* wrong type (or null): json-glib explains */
          /* the text's buffer sized once: it is at most the rest of the line */
          if (text == NULL && text_buf != NULL)
            {
              if (text_buf->allocated_len <= (gsize) (c.end - c.p))
                g_string_set_size (text_buf, c.end - c.p);
              text = text_buf;
            }
          else if (text == NULL)
            text = owned_text = g_string_sized_new (c.end - c.p);
          g_string_truncate (text, 0);
          if (!cur_string (&c, text))
            return FALSE;
          goto member_done;
        }
      if (key_is (k, klen, "kind"))
        target = &kind;
      else if (key_is (k, klen, "reviewer"))
        target = &reviewer;

      if (key_is (k, klen, "id"))
        {
          g_clear_pointer (&id_json, g_free);
          id_raw = NULL;
          if (*c.p == '"')
            {
              const char *raw = c.p;
              g_autoptr(GString) v = NULL;
              GString *esc;

              /* an id without escapes is written back as it came (the
               * reader took no control character, '"' or '\\' in it,
               * the only bytes the writer escapes) */
              if (!cur_string (&c, NULL))
                return FALSE;
              if (memchr (raw, '\\', c.p - raw) == NULL)
                {
                  id_raw = raw;
                  id_raw_len = c.p - raw;
                  goto member_done;
                }
              c.p = raw;
              v = g_string_new (NULL);
              esc = g_string_new (NULL);

              if (!cur_string (&c, v))
                {
                  g_string_free (esc, TRUE);
                  return FALSE;
                }
              append_json_string (esc, v->str);
              if (strlen (v->str) != v->len)
                {
                  g_string_free (esc, TRUE);
                  return FALSE;
                }
              id_json = g_string_free (esc, FALSE);
            }
          else if (!cur_scalar (&c, &id_raw, &id_raw_len))
            return FALSE;  /* object or array ids: json-glib */
        }
      else if (target == &kind && plain_short_string (&c, kind_buf, sizeof kind_buf))
        {
          if (kind != NULL)
            g_string_free (g_steal_pointer (&kind), TRUE);
          kind_in_buf = TRUE;
        }
      else if (target != NULL)
        {
          if (*c.p != '"')
            return FALSE;  /* wrong type (or null): json-glib explains */
          if (target == &kind)
            kind_in_buf = FALSE;
          if (*target != NULL)
            g_string_free (*target, TRUE);
          *target = g_string_sized_new (16);
          if (!cur_string (&c, *target))
            return FALSE;
        }
      else if (!cur_skip (&c, 0))
        return FALSE;

    member_done:
      cur_ws (&c);
      if (c.p < c.end && *c.p == ',')
        {
          c.p++;
          continue;
        }
      if (c.p < c.end && *c.p == '}')
        {
          c.p++;
          break;
        }
      return FALSE;
    }

  cur_ws (&c);
  if (c.p != c.end || text == NULL || strlen (text->str) != text->len)
    return FALSE;

  job->scanner = scanner;
  job->profile = profile;
  if (id_raw != NULL && text_buf != NULL)
    {
      job->id_json = id_raw;
      job->id_len = id_raw_len;
    }
  else
    job_take_id (job, id_raw != NULL ? g_strndup (id_raw, id_raw_len) : g_steal_pointer (&id_json));
  if ((kind_in_buf || kind != NULL) && !rounds_text_kind_from_string (kind_in_buf ? kind_buf : kind->str, &job->kind))
    job->error = "\"kind\" must be post, review_reply or comment_reply";
  if (reviewer != NULL)
    job->reviewer = g_string_free (g_steal_pointer (&reviewer), FALSE);
  /* the line was valid UTF-8, and the reader's escapes make only
   * valid code points other than nul */
  job->text_len = text->len;
  job->text_valid = TRUE;
  if (text == owned_text)
    job->text = job->text_owned = g_string_free (g_steal_pointer (&owned_text), FALSE);
  else
    job->text = text->str;

  return TRUE;
}

/* How deep a line may nest arrays and objects. Input lines are flat
 * objects; anything much deeper is hostile, and json-glib recurses once per
 * level, so a line of a million '[' would exhaust the stack. */
#define MAX_NESTING 64

/* Looks at a line the fast reader did not take, before json-glib sees it:
 * returns a static message if the line nests deeper than MAX_NESTING or
 * has a \u0000 escape anywhere, NULL otherwise. A NUL would end the text
 * for every C string function after json-glib, so whatever followed it
 * would go unchecked: the line is refused instead. */
static const char *
line_refusal (const char *line,
              gsize       len)
{
  const char *end = line + len;
  gboolean in_string = FALSE;
  guint depth = 0;

  for (const char *p = line; p < end; p++)
    {
      if (in_string)
        {
          if (*p == '"')
            in_string = FALSE;
          else if (*p == '\\' && p + 1 < end)
            {
              p++;
              if (*p == 'u' && end - p > 4 && memcmp (p + 1, "0000", 4) == 0)
                return "the line contains a NUL character (\\u0000); remove it and check the text again";
            }
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > MAX_NESTING)
            return "the line nests arrays or objects too deeply";
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }
  return NULL;
}

static gboolean
id_round_trips (const char *id_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_parser_load_from_data (parser, id_json, -1, NULL);
}

/* Fills @job (zeroed) from the line; @text_buf as for parse_line_fast () */
static void
parse_line (Job                     *job,
            JsonParser              *parser,
            RoundsScanner           *scanner,
            RoundsComplianceProfile *profile,
            const char              *line,
            gsize                    len,
            GString                 *text_buf)
{
  JsonNode *root;
  JsonObject *obj;
  JsonNode *id;
  JsonNode *node;

  if (rounds_utf8_validate_len (line, len) && parse_line_fast (job, scanner, profile, line, len, text_buf))
    return;

  job->scanner = scanner;
  job->profile = profile;

  if (!g_utf8_validate_len (line, len, NULL))
    {
      job_take_id (job, NULL);
      job->error = "the line is not valid UTF-8";
      return;
    }

  if ((job->error = line_refusal (line, len)) != NULL)
    {
      job_take_id (job, NULL);
      return;
    }

  if (!json_parser_load_from_data (parser, line, len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      job_take_id (job, NULL);
      job->error = "the line is not a JSON object";
      return;
    }

  obj = json_node_get_object (root);
  id = json_object_get_member (obj, "id");
  if (id == NULL)
    job_take_id (job, NULL);
  else if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
    {
      GString *tmp = g_string_new (NULL);
      append_json_string (tmp, json_node_get_string (id));
      job_take_id (job, g_string_free (tmp, FALSE));
    }
  else
    job_take_id (job, json_to_string (id, FALSE));

  /* The id is echoed back, so it must survive the round trip: json-glib
   * turns a lone surrogate escape (\ud800) into bytes that are not UTF-8
   * and a number too large for a double into "inf.0". */
  if (!g_utf8_validate (job->id_json, -1, NULL) || !id_round_trips (job->id_json))
    {
      job_take_id (job, NULL);
      job->error = "\"id\" cannot be written back as JSON (a lone surrogate escape or a number out of range?)";
      return;
    }

  node = json_object_get_member (obj, "text");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      job->error = "\"text\" is missing or not a string";
      return;
    }
  job->text = job->text_owned = g_strdup (json_node_get_string (node));

  node = json_object_get_member (obj, "kind");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
       !rounds_text_kind_from_string (json_node_get_string (node), &job->kind)))
    {
      job->error = "\"kind\" must be post, review_reply or comment_reply";
      return;
    }

  node = json_object_get_member (obj, "reviewer");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          job->error = "\"reviewer\" must be a string";
          return;
        }
      job->reviewer = g_strdup (json_node_get_string (node));
    }

  return;
}

/* The pipeline: the main thread reads and parses lines and hands them to a
 * thread pool; a writer thread prints the answers in input order and
 * flushes whenever the next answer is not ready yet, so an interactive
 * caller gets each answer at once and a bulk run is not slowed by a flush
 * per line. */
#define MAX_IN_FLIGHT 1024

#define GROUP_MAX 32

typedef struct
{
  GMutex     mutex;
  GCond      writer_cond;  /* the head job is done, or the end */
  GCond      space_cond;   /* fewer than MAX_IN_FLIGHT jobs */
  GQueue     order;        /* Job*, in input order */
  guint      in_flight;
  gboolean   eof;
  gboolean   any_blocking;
  gboolean   any_error;
} Pipeline;

/* Lines that were already waiting travel to the pool together. */
typedef struct
{
  guint  n;
  Job   *jobs[GROUP_MAX];
} Group;

static void
pool_func (gpointer data,
           gpointer user_data)
{
  Group *group = data;
  Pipeline *p = user_data;
  gboolean wake = FALSE;

  for (guint i = 0; i < group->n; i++)
    job_run (group->jobs[i]);

  g_mutex_lock (&p->mutex);
  for (guint i = 0; i < group->n; i++)
    {
      group->jobs[i]->done = TRUE;
      if (g_queue_peek_head (&p->order) == group->jobs[i])
        wake = TRUE;
    }
  if (wake)
    g_cond_signal (&p->writer_cond);
  g_mutex_unlock (&p->mutex);

  g_free (group);
}

static gpointer
writer_func (gpointer data)
{
  Pipeline *p = data;
  g_autoptr(GString) out = g_string_sized_new (1 << 16);

  g_mutex_lock (&p->mutex);
  for (;;)
    {
      Job *head = g_queue_peek_head (&p->order);

      if (head != NULL && head->done)
        {
          g_queue_pop_head (&p->order);
          if (p->in_flight-- == MAX_IN_FLIGHT)
            g_cond_signal (&p->space_cond);
          p->any_blocking |= head->blocking;
          p->any_error |= head->failed;
          g_mutex_unlock (&p->mutex);

          g_string_append_len (out, head->out->str, head->out->len);
          job_free (head);
          if (out->len > (1 << 16))
            {
              fwrite (out->str, 1, out->len, stdout);
              g_string_truncate (out, 0);
            }

          g_mutex_lock (&p->mutex);
          continue;
        }

      /* nothing ready: everything written so far goes out now */
      if (out->len > 0)
        {
          g_mutex_unlock (&p->mutex);
          write_out (out);
          g_string_truncate (out, 0);
          g_mutex_lock (&p->mutex);
          continue;
        }

      if (head == NULL && p->eof)
        break;

      g_cond_wait (&p->writer_cond, &p->mutex);
    }
  g_mutex_unlock (&p->mutex);

  fflush (stdout);
  return NULL;
}

/* On one CPU (a process pinned to one core, a one-core machine) the pool
 * and the writer thread only add hand-overs: lines are scanned and
 * answered on the main thread, in order, and the answers go out whenever
 * no further line is waiting (as the writer does). */
static int
run_jsonl_serial (RoundsScanner           *scanner,
                  RoundsComplianceProfile *profile)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) out = g_string_sized_new (1 << 16);
  g_autoptr(GString) text_buf = g_string_sized_new (1 << 12);
  LineReader reader = { 0 };
  gboolean any_blocking = FALSE, any_error = FALSE;
  char *line;
  gsize len;

  while ((line = reader_next (&reader, &len)) != NULL)
    {
      Job job = { 0 };

      while (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (len == 0)
        continue;

      /* the text decoded into one buffer for all lines, the id read in
       * place: both are used before the next line is read */
      parse_line (&job, parser, scanner, profile, line, len, text_buf);
      /* the answer written straight into the output buffer */
      job.out = out;
      job_run (&job);
      job.out = NULL;
      any_blocking |= job.blocking;
      any_error |= job.failed;
      job_clear (&job);

      if (reader.len <= reader.pos || memchr (reader.buf + reader.pos, '\n', reader.len - reader.pos) == NULL)
        {
          write_out (out);
          g_string_truncate (out, 0);
        }
      else if (out->len > (1 << 16))
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  write_out (out);
  g_free (reader.buf);

  if (reader.error)
    die_usage ("cannot read standard input");

  if (any_error)
    return EXIT_USAGE;
  return any_blocking ? EXIT_BLOCKING : EXIT_CLEAN;
}

/* The CPUs this process may run on (GLib 2.74's g_get_num_processors()
 * counts the machine's, also under taskset or a container's CPU set). */
static guint
usable_cpus (void)
{
#ifdef __linux__
  cpu_set_t set;

  if (sched_getaffinity (0, sizeof set, &set) == 0)
    return CPU_COUNT (&set);
#endif
  return g_get_num_processors ();
}

static int
run_jsonl (RoundsScanner           *scanner,
           RoundsComplianceProfile *profile)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  LineReader reader = { 0 };
  GThreadPool *pool;
  GThread *writer;
  Pipeline p = { 0 };
  guint n_threads = CLAMP (usable_cpus (), 1, 8);
  char *line;
  gsize len;

  if (n_threads == 1)
    return run_jsonl_serial (scanner, profile);

  g_mutex_init (&p.mutex);
  g_cond_init (&p.writer_cond);
  g_cond_init (&p.space_cond);
  g_queue_init (&p.order);

  pool = g_thread_pool_new (pool_func, &p, n_threads, FALSE, NULL);
  writer = g_thread_new ("rounds-check-writer", writer_func, &p);

  for (;;)
    {
      Group *group = g_new (Group, 1);

      group->n = 0;
      /* one line, plus the lines already in the buffer */
      while (group->n < GROUP_MAX &&
             (group->n == 0 || memchr (reader.buf + reader.pos, '\n', reader.len - reader.pos) != NULL) &&
             (line = reader_next (&reader, &len)) != NULL)
        {
          while (len > 0 && line[len - 1] == '\r')
            line[--len] = '\0';
          if (len == 0)
            continue;
          group->jobs[group->n] = g_new0 (Job, 1);
          parse_line (group->jobs[group->n++], parser, scanner, profile, line, len, NULL);
        }

      if (group->n == 0)
        {
          g_free (group);
          break;
        }

      g_mutex_lock (&p.mutex);
      while (p.in_flight >= MAX_IN_FLIGHT)
        g_cond_wait (&p.space_cond, &p.mutex);
      for (guint i = 0; i < group->n; i++)
        g_queue_push_tail (&p.order, group->jobs[i]);
      p.in_flight += group->n;
      g_mutex_unlock (&p.mutex);

      g_thread_pool_push (pool, group, NULL);
    }

  g_mutex_lock (&p.mutex);
  p.eof = TRUE;
  g_cond_signal (&p.writer_cond);
  g_mutex_unlock (&p.mutex);

  g_thread_pool_free (pool, FALSE, TRUE);
  g_thread_join (writer);

  g_mutex_clear (&p.mutex);
  g_cond_clear (&p.writer_cond);
  g_cond_clear (&p.space_cond);
  g_free (reader.buf);

  if (reader.error)
    die_usage ("cannot read standard input");

  if (p.any_error)
    return EXIT_USAGE;
  return p.any_blocking ? EXIT_BLOCKING : EXIT_CLEAN;
}

/* ------------------------------------------------------- one text */

static void
print_report (const char *text,
              GPtrArray  *findings)
{
  glong n_chars = g_utf8_strlen (text, -1);

  if (findings->len == 0)
    {
      printf ("No problems found.\n");
      return;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      const RoundsFinding *f = g_ptr_array_index (findings, i);
      guint start = rounds_finding_get_start (f);
      guint end = MIN ((glong) rounds_finding_get_end (f), n_chars);
      const char *a = g_utf8_offset_to_pointer (text, start);
      const char *b = g_utf8_offset_to_pointer (text, end);
      g_autofree char *excerpt = g_strndup (a, b - a);

      g_strdelimit (excerpt, "\r\n\t", ' ');
      printf ("%u-%u %s %s (%s): “%s”\n  %s\n  → %s\n",
              start, end,
              rounds_finding_severity_to_string (rounds_finding_get_severity (f)),
              rounds_finding_category_to_string (rounds_finding_get_category (f)),
              rounds_finding_get_rule (f), excerpt,
              rounds_finding_get_message (f),
              rounds_finding_get_suggestion (f));
    }
}

static int
run_single (RoundsScanner           *scanner,
            RoundsComplianceProfile *profile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  RoundsTextKind kind = ROUNDS_TEXT_KIND_POST;
  const char *path = opt_files ? opt_files[0] : "-";

  if (opt_files != NULL && opt_files[0] != NULL && opt_files[1] != NULL)
    die_usage ("give one file (or - for standard input); see --help");

  if (opt_kind != NULL && !rounds_text_kind_from_string (opt_kind, &kind))
    die_usage ("unknown --kind “%s”: use post, review_reply or comment_reply", opt_kind);

  if (path == NULL || g_str_equal (path, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (mem, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error) < 0)
        die_usage ("cannot read standard input: %s", error->message);
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (mem));
      contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (mem));
      if (contents == NULL)
        contents = g_strdup ("");
    }
  else if (!g_file_get_contents (path, &contents, &length, &error))
    die_usage ("%s", error->message);

  if (memchr (contents, '\0', length) != NULL || !g_utf8_validate_len (contents, length, NULL))
    die_usage ("the input is not valid UTF-8 text");

  /* g_memory_output_stream data is not nul-terminated */
  {
    char *copy = g_strndup (contents, length);
    g_free (contents);
    contents = copy;
  }

  if (opt_json)
    {
      g_autoptr(GString) out = g_string_new ("{\"findings\":");
      g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (RoundsPlainFinding));
      gboolean blocking = FALSE;

      /* validated above */
      if (!_rounds_scanner_scan_plain (scanner, contents, length, TRUE, kind, opt_reviewer, profile, plain,
                                       &error))
        die_usage ("%s", error->message);
      append_findings (out, plain);
      g_string_append (out, "}\n");
      write_out (out);
      for (guint i = 0; i < plain->len; i++)
        blocking |= g_array_index (plain, RoundsPlainFinding, i).severity == ROUNDS_FINDING_SEVERITY_BLOCK;
      _rounds_plain_findings_clear (plain);
      fflush (stdout);
      return blocking ? EXIT_BLOCKING : EXIT_CLEAN;
    }

  findings = rounds_scanner_scan (scanner, contents, length, kind, opt_reviewer, profile, &error);
  if (findings == NULL)
    die_usage ("%s", error->message);
  print_report (contents, findings);

  fflush (stdout);
  return rounds_findings_have_blocking (findings) ? EXIT_BLOCKING : EXIT_CLEAN;
}

/* Whether to free the scanner before exiting: its tables (the rule pack's
 * words and phrases, the vocabulary, the names, the model) are thousands
 * of blocks, and freeing them one by one cost as many instructions as
 * scanning 20 kB of text, for memory the exit returns at once. They are
 * freed under AddressSanitizer, so that the leak checks of `make
 * test-asan` still see everything else, and when ROUNDS_CHECK_FREE_AT_EXIT
 * is set (for valgrind's leak check). */
static gboolean
free_at_exit (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return TRUE;
#endif
#endif
  return g_getenv ("ROUNDS_CHECK_FREE_AT_EXIT") != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoundsComplianceProfile) profile = NULL;
  g_autoptr(RoundsScanner) scanner = NULL;
  int status;

  context = g_option_context_new ("[FILE|-] — check a social media text for patient information and risky claims");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Checks one text (a file, or standard input with - or no FILE) and reports findings:\n"
    "patient names, dates, phone numbers and other identifiers, review replies that\n"
    "confirm someone is a patient, testimonials, guarantees, medical advice and\n"
    "undisclosed sponsorships. The practice's own details (--profile) are never flagged.\n"
    "\n"
    "Examples:\n"
    "  rounds-check --profile practice.json post.txt\n"
    "  echo 'Hi Derek, glad the extraction went well!' | rounds-check --kind review_reply --json -\n"
    "  rounds-check --jsonl --profile practice.json < texts.jsonl > findings.jsonl\n"
    "\n"
    "--jsonl input lines: {\"id\": …, \"text\": \"…\", \"kind\": \"post\", \"reviewer\": \"…\"}\n"
    "--jsonl output lines, one per input line, in order: {\"id\": …, \"findings\": […]}\n"
    "  or {\"id\": …, \"error\": \"…\"} for a bad line (the run goes on).\n"
    "\n"
    "Exit status: 0 no blocking finding, 1 at least one blocking finding,\n"
    "2 usage or input error (bad UTF-8, bad JSON, unreadable profile; in --jsonl mode,\n"
    "also when any line was bad).\n"
    "See docs/rounds-check.md for the finding format.");

  if (!g_option_context_parse (context, &argc, &argv, &error))
    die_usage ("%s (see --help)", error->message);

  if (opt_jsonl && (opt_json || (opt_files != NULL && opt_files[0] != NULL)))
    die_usage ("--jsonl reads standard input and cannot be combined with --json or a FILE");

  if (opt_profile != NULL)
    {
      profile = rounds_compliance_profile_new_from_file (opt_profile, &error);
      if (profile == NULL)
        die_usage ("bad profile %s: %s", opt_profile, error->message);
    }

  scanner = rounds_scanner_new (&error);
  if (scanner == NULL)
    die_usage ("cannot load the compliance rules: %s", error->message);

  if (opt_jsonl)
    status = run_jsonl (scanner, profile);
  else
    status = run_single (scanner, profile);

  if (!free_at_exit ())
    (void) g_steal_pointer (&scanner);  /* the exit returns its memory */
  return status;
}
