/* rounds-newsletter-dialog.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rounds-context.h"
#include "rounds-newsletter.h"

G_BEGIN_DECLS

#define ROUNDS_TYPE_NEWSLETTER_DIALOG (rounds_newsletter_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RoundsNewsletterDialog, rounds_newsletter_dialog, ROUNDS,
                      NEWSLETTER_DIALOG, AdwWindow)

/* The monthly newsletter draft: a month's published posts (each can be
 * left out) and next month's observances, checked like a post. The
 * findings are listed, and while one must be fixed the draft cannot
 * leave; otherwise it opens in the mail program or is saved as .eml.
 * Opens on the month before @now's (practice time). */
RoundsNewsletterDialog *rounds_newsletter_dialog_new         (GtkWindow              *parent,
                                                              RoundsContext          *context);

/* For tests and the buttons. */
void                    rounds_newsletter_dialog_set_month   (RoundsNewsletterDialog *self,
                                                              int                     year,
                                                              int                     month);
RoundsNewsletter       *rounds_newsletter_dialog_get_draft   (RoundsNewsletterDialog *self);
/* Whether the draft may leave (no finding that must be fixed). */
gboolean                rounds_newsletter_dialog_can_export  (RoundsNewsletterDialog *self);
/* Puts a post in or leaves it out, as its check button does. */
void                    rounds_newsletter_dialog_set_included (RoundsNewsletterDialog *self,
                                                              gint64                  post_id,
                                                              gboolean                included);
gboolean                rounds_newsletter_dialog_save        (RoundsNewsletterDialog *self,
                                                              GFile                  *file,
                                                              GError                **error);

G_END_DECLS
