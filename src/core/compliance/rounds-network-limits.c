/* rounds-network-limits.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-network-limits"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rounds-network-limits.h"

/* Limits as the networks document them (2026):
 * Facebook 63,206 characters; Instagram 2,200 characters and at most 30
 * hashtags; LinkedIn 3,000; Google Business Profile 1,500; Mastodon 500
 * with every link counted as 23; Bluesky 300 graphemes; X 280 weighted
 * characters (twitter-text v3: most scripts 1, CJK and emoji 2, every
 * link 23). */

typedef struct
{
  RoundsNetwork network;
  guint         limit;
  guint         cut_chars;   /* where the feed shows "… more", 0: never */
  guint         cut_lines;
} NetworkInfo;

static const NetworkInfo network_info[] = {
  { ROUNDS_NETWORK_FACEBOOK,  63206, 480, 5 },
  { ROUNDS_NETWORK_INSTAGRAM,  2200, 125, 2 },
  { ROUNDS_NETWORK_LINKEDIN,   3000, 210, 3 },
  { ROUNDS_NETWORK_GOOGLE,     1500, 250, 4 },
  { ROUNDS_NETWORK_MASTODON,    500,   0, 0 },
  { ROUNDS_NETWORK_BLUESKY,     300,   0, 0 },
  { ROUNDS_NETWORK_X,           280,   0, 0 },
};

static const NetworkInfo *
lookup (RoundsNetwork network)
{
  for (guint i = 0; i < G_N_ELEMENTS (network_info); i++)
    if (network_info[i].network == network)
      return &network_info[i];
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Graphemes (a compact form of UAX #29 extended grapheme clusters)    */

static gboolean
is_extend (gunichar c)
{
  return g_unichar_ismark (c) ||
         c == 0x200C || c == 0x200D ||                 /* ZWNJ, ZWJ */
         (c >= 0xFE00 && c <= 0xFE0F) ||               /* variation selectors */
         (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x1F3FB && c <= 0x1F3FF) ||             /* skin tone modifiers */
         (c >= 0xE0020 && c <= 0xE007F);               /* tag characters (flags) */
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

static gboolean
is_pictographic (gunichar c)
{
  return (c >= 0x1F000 && c <= 0x1FAFF) ||
         (c >= 0x2600 && c <= 0x27BF) ||
         (c >= 0x2190 && c <= 0x21FF) ||
         (c >= 0x2B00 && c <= 0x2BFF) ||
         c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122 ||
         (c >= 0x2300 && c <= 0x23FF) ||
         g_unichar_type (c) == G_UNICODE_OTHER_SYMBOL;
}

typedef enum { H_NONE, H_L, H_V, H_T, H_LV, H_LVT } Hangul;

static Hangul
hangul_type (gunichar c)
{
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0xA960 && c <= 0xA97C))
    return H_L;
  if ((c >= 0x1160 && c <= 0x11A7) || (c >= 0xD7B0 && c <= 0xD7C6))
    return H_V;
  if ((c >= 0x11A8 && c <= 0x11FF) || (c >= 0xD7CB && c <= 0xD7FB))
    return H_T;
  if (c >= 0xAC00 && c <= 0xD7A3)
    return ((c - 0xAC00) % 28 == 0) ? H_LV : H_LVT;
  return H_NONE;
}

/* Whether there is no grapheme boundary between @prev and @c. @ri_run is
 * the number of regional indicators right before @c; @pict whether the
 * cluster so far holds a pictograph (for ZWJ sequences). */
static gboolean
joins (gunichar prev,
       gunichar c,
       guint    ri_run,
       gboolean pict)
{
  Hangul hp, hc;

  if (prev == '\r' && c == '\n')
    return TRUE;
  if (prev == '\r' || prev == '\n' || c == '\r' || c == '\n')
    return FALSE;
  if (is_extend (c))
    return TRUE;
  if (prev == 0x200D && pict && is_pictographic (c))
    return TRUE;
  if (is_regional_indicator (prev) && is_regional_indicator (c))
    return ri_run % 2 == 1;

  hp = hangul_type (prev);
  hc = hangul_type (c);
  if (hp == H_L && hc != H_NONE && hc != H_T)
    return TRUE;
  if ((hp == H_LV || hp == H_V) && (hc == H_V || hc == H_T))
    return TRUE;
  if ((hp == H_LVT || hp == H_T) && hc == H_T)
    return TRUE;

  return FALSE;
}

/* Walks @chars[0..n) by graphemes; returns the start of each. */
static GArray *
grapheme_starts (const gunichar *chars,
                 guint           n)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint ri_run = 0;
  gboolean pict = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (i == 0 || !joins (chars[i - 1], chars[i], ri_run, pict))
        {
          g_array_append_val (starts, i);
          pict = FALSE;
        }
      pict = pict || is_pictographic (chars[i]);
      ri_run = is_regional_indicator (chars[i]) ? ri_run + 1 : 0;
    }

  return starts;
}

/**
 * rounds_text_count_graphemes:
 *
 * Returns: the number of user-perceived characters (extended grapheme
 *   clusters) in @text: an emoji with a skin tone, a family joined with
 *   ZWJ, a flag or a letter with combining accents each count as one.
 */
guint
rounds_text_count_graphemes (const char *text,
                             gssize      length)
{
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) starts = NULL;
  glong n = 0;

  g_return_val_if_fail (text != NULL, 0);

  chars = g_utf8_to_ucs4_fast (text, length, &n);
  starts = grapheme_starts (chars, n);
  return starts->len;
}

/**
 * rounds_text_next_grapheme:
 * @offset: a code point offset in @text
 *
 * Returns: the code point offset of the grapheme boundary after @offset
 *   (the length of @text at most).
 */
guint
rounds_text_next_grapheme (const char *text,
                           guint       offset)
{
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) starts = NULL;
  glong n = 0;

  g_return_val_if_fail (text != NULL, 0);

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  starts = grapheme_starts (chars, n);
  for (guint i = 0; i < starts->len; i++)
    if (g_array_index (starts, guint, i) > offset)
      return g_array_index (starts, guint, i);
  return n;
}

/* ------------------------------------------------------------------ */
/* Links, mentions, hashtags                                           */

static const char * const tlds[] = {
  "com", "org", "net", "edu", "gov", "health", "care", "clinic", "dental", "doctor",
  "io", "co", "us", "uk", "ca", "au", "de", "fr", "nl", "eu", "info", "biz", "me",
  "social", "app", "ly", "be", "ch", "at", "nz", "ie", NULL,
};

static gboolean
is_word_start (const gunichar *chars,
               guint           i)
{
  gunichar p;

  if (i == 0)
    return TRUE;
  p = chars[i - 1];
  return g_unichar_isspace (p) || strchr ("([{\"'", (int)p) != NULL ||
         p == 0x201C || p == 0x2018 || p == 0x00AB;
}

static gboolean
is_trailing_punct (gunichar c)
{
  return (c < 128 && strchr (".,;:!?)]}\"'", (int)c) != NULL) ||
         c == 0x201D || c == 0x2019 || c == 0x00BB || c == 0x2026;
}

static gboolean
has_prefix_ci (const gunichar *chars,
               guint           n,
               guint           i,
               const char     *ascii)
{
  for (guint k = 0; ascii[k]; k++)
    if (i + k >= n || g_unichar_tolower (chars[i + k]) != (gunichar)ascii[k])
      return FALSE;
  return TRUE;
}

/* Whether chars[i..end) (a token without trailing punctuation) is a bare
 * domain with a known top-level domain, maybe with a path. */
static gboolean
is_bare_domain (const gunichar *chars,
                guint           i,
                guint           end)
{
  guint host_end = i;
  guint last_dot = 0;
  gboolean has_dot = FALSE;
  GString *tld;
  gboolean known = FALSE;

  while (host_end < end && chars[host_end] != '/')
    {
      gunichar c = chars[host_end];

      if (c == '.')
        {
          has_dot = TRUE;
          last_dot = host_end;
        }
      else if (!(c < 128 && (g_ascii_isalnum (c) || c == '-')))
        return FALSE;
      host_end++;
    }

  if (!has_dot || last_dot == i || last_dot + 1 >= host_end)
    return FALSE;

  tld = g_string_new (NULL);
  for (guint k = last_dot + 1; k < host_end; k++)
    g_string_append_c (tld, g_ascii_tolower ((char)chars[k]));
  for (guint k = 0; tlds[k] && !known; k++)
    known = g_str_equal (tld->str, tlds[k]);
  g_string_free (tld, TRUE);

  return known;
}

/**
 * rounds_text_find_segments:
 *
 * Finds links (with a scheme, www. or a bare domain), @mentions (also
 * @user@server) and #hashtags.
 *
 * Returns: (transfer full) (element-type RoundsTextSegment): by start.
 */
GArray *
rounds_text_find_segments (const char *text)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (RoundsTextSegment));
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  guint i = 0;

  g_return_val_if_fail (text != NULL, segments);

  chars = g_utf8_to_ucs4_fast (text, -1, &n);

  while (i < (guint)n)
    {
      guint end = i;
      RoundsTextSegment seg;

      if (!is_word_start (chars, i) || g_unichar_isspace (chars[i]))
        {
          i++;
          continue;
        }

      if (chars[i] == '#')
        {
          gboolean letter = FALSE;

          end = i + 1;
          while (end < (guint)n && (g_unichar_isalnum (chars[end]) || chars[end] == '_' ||
                                    g_unichar_ismark (chars[end])))
            {
              letter = letter || !g_unichar_isdigit (chars[end]);
              end++;
            }
          if (letter)
            {
              seg = (RoundsTextSegment) { ROUNDS_TEXT_SEGMENT_HASHTAG, i, end };
              g_array_append_val (segments, seg);
              i = end;
              continue;
            }
        }
      else if (chars[i] == '@')
        {
          guint ats = 0;

          end = i + 1;
          while (end < (guint)n &&
                 (chars[end] < 128 && (g_ascii_isalnum (chars[end]) || chars[end] == '_' ||
                                       chars[end] == '.' || chars[end] == '-' ||
                                       (chars[end] == '@' && ats++ == 0))))
            end++;
          while (end > i + 1 && (chars[end - 1] == '.' || chars[end - 1] == '@' ||
                                 chars[end - 1] == '-'))
            end--;
          if (end > i + 1)
            {
              seg = (RoundsTextSegment) { ROUNDS_TEXT_SEGMENT_MENTION, i, end };
              g_array_append_val (segments, seg);
              i = end;
              continue;
            }
        }
      else
        {
          gboolean has_at = FALSE;

          end = i;
          while (end < (guint)n && !g_unichar_isspace (chars[end]))
            {
              has_at = has_at || chars[end] == '@';
              end++;
            }
          while (end > i && is_trailing_punct (chars[end - 1]))
            end--;

          if (end > i &&
              (has_prefix_ci (chars, end, i, "https://") ||
               has_prefix_ci (chars, end, i, "http://") ||
               (has_prefix_ci (chars, end, i, "www.") && end > i + 4) ||
               (!has_at && is_bare_domain (chars, i, end))))
            {
              seg = (RoundsTextSegment) { ROUNDS_TEXT_SEGMENT_LINK, i, end };
              g_array_append_val (segments, seg);
              i = end;
              continue;
            }
        }

      /* Not a segment: skip the rest of the word. */
      while (i < (guint)n && !g_unichar_isspace (chars[i]))
        i++;
    }

  return segments;
}

/* ------------------------------------------------------------------ */
/* Counting                                                            */

guint
rounds_network_get_limit (RoundsNetwork network)
{
  const NetworkInfo *info = lookup (network);

  g_return_val_if_fail (info != NULL, 0);
  return info->limit;
}

/**
 * rounds_network_get_unit_label:
 *
 * Returns: what the counter counts, for @n of them ("characters").
 */
const char *
rounds_network_get_unit_label (RoundsNetwork network,
                               guint         n)
{
  return ngettext ("character", "characters", n);
}

static guint
x_weight (const gunichar *chars,
          guint           start,
          guint           end)
{
  guint weight = 0;
  gboolean emoji = FALSE;

  for (guint k = start; k < end; k++)
    emoji = emoji || (chars[k] >= 0x1F000 && chars[k] <= 0x1FAFF) ||
            chars[k] == 0xFE0F || is_regional_indicator (chars[k]);
  if (emoji)
    return 2;

  for (guint k = start; k < end; k++)
    {
      gunichar c = chars[k];

      if (c <= 0x10FF || (c >= 0x2000 && c <= 0x200D) || (c >= 0x2010 && c <= 0x201F) ||
          (c >= 0x2032 && c <= 0x2037))
        weight += 1;
      else
        weight += 2;
    }

  return weight;
}

/**
 * rounds_network_measure:
 *
 * Counts @text the way @network does and fills @count.
 */
void
rounds_network_measure (RoundsNetwork       network,
                        const char         *text,
                        RoundsNetworkCount *count)
{
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GArray) starts = NULL;
  glong n = 0;
  guint total = 0;
  guint seg = 0;

  g_return_if_fail (text != NULL);
  g_return_if_fail (count != NULL);
  g_return_if_fail (lookup (network) != NULL);

  memset (count, 0, sizeof *count);
  count->network = network;
  count->limit = rounds_network_get_limit (network);
  if (network == ROUNDS_NETWORK_INSTAGRAM)
    count->hashtag_limit = ROUNDS_INSTAGRAM_MAX_HASHTAGS;

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  segments = rounds_text_find_segments (text);

  for (guint k = 0; k < segments->len; k++)
    if (g_array_index (segments, RoundsTextSegment, k).kind == ROUNDS_TEXT_SEGMENT_HASHTAG)
      count->hashtags++;

  switch ((int)network)
    {
    case ROUNDS_NETWORK_BLUESKY:
      starts = grapheme_starts (chars, n);
      count->count = starts->len;
      return;

    case ROUNDS_NETWORK_X:
    case ROUNDS_NETWORK_MASTODON:
      starts = grapheme_starts (chars, n);
      for (guint g = 0; g < starts->len; g++)
        {
          guint start = g_array_index (starts, guint, g);
          guint end = g + 1 < starts->len ? g_array_index (starts, guint, g + 1) : (guint)n;
          const RoundsTextSegment *link = NULL;

          while (seg < segments->len &&
                 (g_array_index (segments, RoundsTextSegment, seg).end <= start ||
                  g_array_index (segments, RoundsTextSegment, seg).kind != ROUNDS_TEXT_SEGMENT_LINK))
            seg++;
          if (seg < segments->len && g_array_index (segments, RoundsTextSegment, seg).start <= start)
            link = &g_array_index (segments, RoundsTextSegment, seg);

          if (link != NULL)
            {
              total += ROUNDS_NETWORK_LINK_WEIGHT;
              /* Skip the rest of the link. */
              while (g + 1 < starts->len && g_array_index (starts, guint, g + 1) < link->end)
                g++;
              seg++;
            }
          else if (network == ROUNDS_NETWORK_X)
            total += x_weight (chars, start, end);
          else
            total += end - start;
        }
      count->count = total;
      return;

    default:
      count->count = n;
      return;
    }
}

gboolean
rounds_network_count_is_over (const RoundsNetworkCount *count)
{
  g_return_val_if_fail (count != NULL, FALSE);

  return count->count > count->limit ||
         (count->hashtag_limit > 0 && count->hashtags > count->hashtag_limit);
}

/**
 * rounds_network_count_dup_problem:
 *
 * Returns: (nullable): what keeps the post from going out on this network,
 *   "12 characters too long for X", or %NULL when it fits.
 */
char *
rounds_network_count_dup_problem (const RoundsNetworkCount *count)
{
  const char *label;

  g_return_val_if_fail (count != NULL, NULL);

  label = rounds_network_get_label (count->network);

  if (count->count > count->limit)
    {
      guint over = count->count - count->limit;

      /* TRANSLATORS: "12 characters too long for X" */
      return g_strdup_printf (ngettext ("%u character too long for %s",
                                        "%u characters too long for %s", over),
                              over, label);
    }

  if (count->hashtag_limit > 0 && count->hashtags > count->hashtag_limit)
    {
      guint over = count->hashtags - count->hashtag_limit;

      /* TRANSLATORS: "3 hashtags too many for Instagram" */
      return g_strdup_printf (ngettext ("%u hashtag too many for %s",
                                        "%u hashtags too many for %s", over),
                              over, label);
    }

  return NULL;
}

/**
 * rounds_networks_dup_problems:
 *
 * Returns: (nullable): one line per network of @networks that @text does
 *   not fit, or %NULL when it fits them all.
 */
char *
rounds_networks_dup_problems (RoundsNetwork  networks,
                              const char    *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; i < ROUNDS_N_NETWORKS; i++)
    {
      RoundsNetwork network = rounds_network_from_index (i);
      RoundsNetworkCount count;
      g_autofree char *problem = NULL;

      if ((networks & network) == 0)
        continue;
      rounds_network_measure (network, text, &count);
      problem = rounds_network_count_dup_problem (&count);
      if (problem != NULL)
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, problem);
        }
    }

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/**
 * rounds_network_get_preview_cut:
 *
 * Where the network's feed cuts @text and shows "… more": after a number
 * of characters or lines, whichever comes first, moved back to the end
 * of a word when one is near.
 *
 * Returns: the code point offset of the cut, or -1 when the whole text
 *   shows.
 */
int
rounds_network_get_preview_cut (RoundsNetwork  network,
                                const char    *text)
{
  const NetworkInfo *info = lookup (network);
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  guint cut = G_MAXUINT;
  guint lines = 1;

  g_return_val_if_fail (info != NULL, -1);
  g_return_val_if_fail (text != NULL, -1);

  if (info->cut_chars == 0)
    return -1;

  chars = g_utf8_to_ucs4_fast (text, -1, &n);

  for (guint i = 0; i < (guint)n; i++)
    if (chars[i] == '\n' && ++lines > info->cut_lines)
      {
        cut = i;
        break;
      }

  if ((guint)n > info->cut_chars && info->cut_chars < cut)
    {
      guint c = info->cut_chars;
      guint floor = c > 20 ? c - 20 : 0;

      while (c > floor && !g_unichar_isspace (chars[c]))
        c--;
      cut = (c > floor) ? c : info->cut_chars;
      /* Do not leave trailing spaces before the "… more". */
      while (cut > 0 && chars[cut - 1] == ' ')
        cut--;
    }

  if (cut == G_MAXUINT || cut >= (guint)n)
    return -1;

  return cut;
}

/* ------------------------------------------------------------------ */
/* Previews                                                            */

/* The first code point from which @text no longer fits @network: the
 * shortest prefix whose count is over the limit, less one. */
static int
find_over_from (RoundsNetwork  network,
                const char    *text,
                guint          n_chars)
{
  guint lo = 0, hi = n_chars;

  /* Invariant: the prefix of lo code points fits, that of hi does not. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autofree char *prefix = g_strndup (text, g_utf8_offset_to_pointer (text, mid) - text);
      RoundsNetworkCount count;

      rounds_network_measure (network, prefix, &count);
      if (count.count > count.limit)
        hi = mid;
      else
        lo = mid;
    }

  return (int)lo;
}

/**
 * rounds_network_build_preview:
 *
 * Describes how @network shows @text: where its feed folds the post
 * behind "… more", the part over its length limit (the network refuses
 * the whole post), the link it turns into a card (Facebook, LinkedIn,
 * X and Mastodon make a card of a link; Bluesky links the text but
 * shows a card only for an embed, which Rounds does not send), and
 * whether links in the text can be clicked at all (not in Instagram
 * captions or in Google Business Profile updates).
 */
void
rounds_network_build_preview (RoundsNetwork         network,
                              const char           *text,
                              RoundsNetworkPreview *preview)
{
  RoundsNetworkCount count;
  g_autoptr(GArray) segments = NULL;
  glong n;

  g_return_if_fail (text != NULL);
  g_return_if_fail (preview != NULL);
  g_return_if_fail (lookup (network) != NULL);

  preview->fold = rounds_network_get_preview_cut (network, text);
  preview->over_from = -1;
  preview->over_by = 0;
  preview->card_start = preview->card_end = -1;
  preview->links_clickable = network != ROUNDS_NETWORK_INSTAGRAM &&
                             network != ROUNDS_NETWORK_GOOGLE;

  n = g_utf8_strlen (text, -1);
  rounds_network_measure (network, text, &count);
  if (count.count > count.limit)
    {
      preview->over_by = count.count - count.limit;
      preview->over_from = find_over_from (network, text, (guint)n);
      /* A fold after the limit is never seen: the post is refused. */
      if (preview->fold > preview->over_from)
        preview->fold = -1;
    }

  if (network == ROUNDS_NETWORK_FACEBOOK || network == ROUNDS_NETWORK_LINKEDIN ||
      network == ROUNDS_NETWORK_X || network == ROUNDS_NETWORK_MASTODON)
    {
      segments = rounds_text_find_segments (text);
      for (guint i = 0; i < segments->len; i++)
        {
          RoundsTextSegment *seg = &g_array_index (segments, RoundsTextSegment, i);

          if (seg->kind != ROUNDS_TEXT_SEGMENT_LINK)
            continue;
          preview->card_start = (int)seg->start;
          preview->card_end = (int)seg->end;
          /* X makes its card of the last link, the others of the first. */
          if (network != ROUNDS_NETWORK_X)
            break;
        }
    }
}

/**
 * rounds_network_preview_dup_note:
 *
 * Returns: (transfer full): the sentence under the preview that says
 *   what the network will do with the post, worst first.
 */
char *
rounds_network_preview_dup_note (RoundsNetwork               network,
                                 const char                 *text,
                                 const RoundsNetworkPreview *preview)
{
  const char *name = rounds_network_get_label (network);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *links = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (preview != NULL, NULL);

  if (text[0] == '\0')
    return g_strdup (_("The preview follows what you type."));

  if (preview->over_from >= 0)
    g_string_append_printf (note,
                            /* TRANSLATORS: "X refuses this post: it is 75 characters over its
                             * limit of 280. Everything after the red mark does not fit." */
                            ngettext ("%s refuses this post: it is %u character over its limit "
                                      "of %u. Everything from the red mark on does not fit.",
                                      "%s refuses this post: it is %u characters over its limit "
                                      "of %u. Everything from the red mark on does not fit.",
                                      preview->over_by),
                            name, preview->over_by, rounds_network_get_limit (network));
  else if (preview->fold >= 0)
    /* TRANSLATORS: %s is a network, "Instagram" */
    g_string_append_printf (note, _("%s cuts the post here in the feed; readers choose “more” "
                                    "for the rest."), name);
  else
    g_string_append_printf (note, _("%s shows the whole post."), name);

  if (!preview->links_clickable)
    {
      g_autoptr(GArray) segments = rounds_text_find_segments (text);
      gboolean any_link = FALSE;

      for (guint i = 0; i < segments->len && !any_link; i++)
        any_link = g_array_index (segments, RoundsTextSegment, i).kind == ROUNDS_TEXT_SEGMENT_LINK;
      if (any_link)
        {
          g_string_append_c (note, ' ');
          if (network == ROUNDS_NETWORK_INSTAGRAM)
            g_string_append (note, _("Links in Instagram captions cannot be clicked: point to "
                                     "the link in your profile instead."));
          else
            g_string_append_printf (note, _("Links in the text cannot be clicked on %s: add the "
                                            "link as the post’s button there."), name);
        }
    }
  else if (preview->card_start >= 0)
    {
      g_string_append_c (note, ' ');
      g_string_append_printf (note, _("%s shows the link as a card with the page’s title and "
                                      "picture."), name);
    }

  return g_string_free (g_steal_pointer (&note), FALSE);
}
