/* rounds-newsletter.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rounds-feed.h"
#include "rounds-scanner.h"

G_BEGIN_DECLS

/* The monthly newsletter draft (issue 22): the month's published posts
 * and the health observances of the month after it, as an HTML e-mail
 * and the same words as plain text, for the practice's own e-mail tool.
 *
 * The plain text is what the scanner checks (it holds every word of the
 * HTML), like a post; its findings are shown before the draft may leave.
 * The draft goes out as a mailto: address (subject and plain body) or an
 * .eml file (RFC 5322, MIME multipart/alternative, UTF-8). */

typedef struct
{
  const char *practice;   /* the practice's name */
  const char *website;    /* or NULL */
  const char *phone;      /* the practice's own, or NULL */
  const char *email;      /* the practice's own: the From of the .eml, or NULL */
  int         year;
  int         month;      /* 1–12 */
  GTimeZone  *tz;         /* the practice's */
} RoundsNewsletterInfo;

typedef struct
{
  gint64 post_id;
  guint  start;           /* code points into text, end exclusive */
  guint  end;
} RoundsNewsletterSpan;

typedef struct
{
  char   *subject;
  char   *html;
  char   *text;
  GArray *spans;          /* RoundsNewsletterSpan: where each post is in @text */
} RoundsNewsletter;

void              rounds_newsletter_free        (RoundsNewsletter           *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoundsNewsletter, rounds_newsletter_free)

/* The posts published in @year-@month (practice time), oldest first.
 * (transfer full): RoundsFeedEntry. */
GPtrArray        *rounds_newsletter_collect     (RoundsStore                *store,
                                                 int                         year,
                                                 int                         month,
                                                 GTimeZone                  *tz,
                                                 GError                    **error);
/* The observances that touch the month after @year-@month.
 * (transfer full): RoundsObservance. */
GPtrArray        *rounds_newsletter_upcoming    (int                         year,
                                                 int                         month);

/* Renders the draft from @posts (RoundsFeedEntry) and @observances
 * (RoundsObservance). */
RoundsNewsletter *rounds_newsletter_render      (const RoundsNewsletterInfo *info,
                                                 GPtrArray                  *posts,
                                                 GPtrArray                  *observances);

/* The scanner's findings on the draft's text, as for a post. */
GPtrArray        *rounds_newsletter_check       (RoundsNewsletter           *self,
                                                 RoundsScanner              *scanner,
                                                 RoundsComplianceProfile    *profile,
                                                 GError                    **error);
/* The post a finding of rounds_newsletter_check() falls in, or 0. */
gint64            rounds_newsletter_post_at     (RoundsNewsletter           *self,
                                                 guint                       offset);

/* "mailto:?subject=…&body=…" (RFC 6068), the body as plain text. */
char             *rounds_newsletter_to_mailto   (RoundsNewsletter           *self);
/* The draft as an e-mail message file: RFC 5322 headers (the subject
 * encoded per RFC 2047), MIME multipart/alternative with the plain text
 * then the HTML, both UTF-8 in base64, CRLF line ends. @from may be
 * NULL (no From header: the mail program fills it in); @date is UTC
 * seconds. */
GBytes           *rounds_newsletter_to_eml      (RoundsNewsletter           *self,
                                                 const char                 *from_name,
                                                 const char                 *from_address,
                                                 gint64                      date);

G_END_DECLS
