/* rounds-post-dialog-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rounds-post-dialog.h"
#include "rounds-post-editor.h"
#include "rounds-consent-dialog.h"
#include "rounds-store-consents.h"
#include "rounds-store-editor.h"

G_BEGIN_DECLS

struct _RoundsPostDialog
{
  AdwWindow            parent_instance;

  RoundsContext       *context;
  RoundsPost          *post;       /* the store's own, or NULL for a new post */
  RoundsPost          *loaded;     /* a copy of it as loaded into the form (its version) */
  gboolean             dirty;      /* changed since loaded or saved */
  gboolean             saving;     /* in rounds_post_dialog_save(): its own change */
  GTimeZone           *tz;
  GPtrArray           *network_checks;
  GPtrArray           *network_rows;
  GPtrArray           *network_counters;
  GPtrArray           *media;      /* RoundsPostMedia */
  GHashTable          *thumbnails; /* path → GdkTexture, or NULL while loading or unreadable */
  GCancellable        *cancellable;
  GPtrArray           *consents;            /* RoundsConsent on record */
  GPtrArray           *partnerships;        /* RoundsPartnership on record */
  GArray              *linked_consents;     /* gint64, what the switches link */
  GArray              *linked_partnerships; /* gint64 */
  GPtrArray           *link_rows;           /* the rows with those switches */
  char                *consent_signature;   /* the check's findings last shown */
  guint                rebuild_links_id;    /* the rows again, after a switch flipped */
  char                *autosave_slot;
  guint                autosave_timeout_id;
  guint                autosave_delay_ms;
  guint                refresh_timeout_id;
  gboolean             filling;
  GPtrArray           *account_checks;    /* GtkCheckButton, one per connected account */
  GArray              *account_ids;       /* gint64, the same order */
  gboolean             syncing_accounts;

  AdwWindowTitle      *window_title;
  GtkWidget           *assistant_button;
  GSettings           *settings;
  GtkRevealer         *restored_revealer;
  GtkLabel            *restored_label;
  GtkRevealer         *remote_revealer;
  GtkLabel            *remote_label;
  GtkWidget           *see_theirs_button;
  GtkWidget           *keep_copy_button;
  GtkRevealer         *offline_revealer;
  GtkWidget           *workflow_box;
  GtkScrolledWindow   *main_scroller;
  AdwEntryRow         *title_row;
  RoundsPostEditor    *editor;
  AdwPreferencesGroup *media_group;
  GtkListBox          *media_list;
  AdwPreferencesGroup *authorization_group;
  AdwActionRow        *auth_status_row;
  AdwPreferencesGroup *partnership_group;
  AdwPreferencesGroup *networks_group;
  AdwPreferencesGroup *accounts_group;
  GtkSwitch           *schedule_switch;
  GtkLabel            *schedule_error_label;
  AdwActionRow        *date_row;
  AdwActionRow        *time_row;
  GtkMenuButton       *date_button;
  GtkCalendar         *calendar;
  GtkSpinButton       *hour_spin;
  GtkSpinButton       *minute_spin;
  AdwPreferencesGroup *schedule_group;
  AdwActionRow        *status_row;
  GtkButton           *draft_button;
  GtkButton           *submit_button;
  GtkButton           *approve_button;
  GtkButton           *schedule_button;
  AdwPreferencesGroup *history_group;
  GtkListBox          *history_list;
  GtkLabel            *error_label;
  GtkButton           *delete_button;
  GtkDropDown         *preview_dropdown;
  GtkLabel            *preview_author;
  GtkLabel            *preview_label;
  GtkFlowBox          *preview_images;
  GtkWidget           *preview_card;
  GtkLabel            *preview_card_site;
  GtkLabel            *preview_note;
};

void         _rounds_post_dialog_show_error                   (RoundsPostDialog *self,
                                                               const char       *message);
/* rounds-post-dialog-live.c: other computers and the server going away */
void         _rounds_post_dialog_watch_store                  (RoundsPostDialog *self);
void         _rounds_post_dialog_saved                        (RoundsPostDialog *self);
void         _rounds_post_dialog_save_failed                  (RoundsPostDialog *self,
                                                               RoundsPost       *edited,
                                                               const GError     *error);
void         _rounds_post_dialog_on_see_theirs_clicked        (RoundsPostDialog *self);
void         _rounds_post_dialog_on_keep_copy_clicked         (RoundsPostDialog *self);
void         _rounds_post_dialog_fill_form                    (RoundsPostDialog *self,
                                                               RoundsPost       *from);
void         _rounds_post_dialog_update_workflow              (RoundsPostDialog *self);
void         _rounds_post_dialog_discard_autosave             (RoundsPostDialog *self);
RoundsStore *_rounds_post_dialog_get_store                    (RoundsPostDialog *self);
void         _rounds_post_dialog_schedule_autosave            (RoundsPostDialog *self);
GHashTable  *_rounds_post_dialog_new_thumbnail_cache          (void);
void         _rounds_post_dialog_rebuild_media_list           (RoundsPostDialog *self);
void         _rounds_post_dialog_update_networks              (RoundsPostDialog *self);
void         _rounds_post_dialog_update_media                 (RoundsPostDialog *self);
void         _rounds_post_dialog_on_add_image_clicked         (RoundsPostDialog *self);
gboolean     _rounds_post_dialog_attach_image                 (RoundsPostDialog *self,
                                                               const char       *path,
                                                               const char       *copy,
                                                               const GError     *error);
void         _rounds_post_dialog_on_record_authorization_clicked (RoundsPostDialog *self);
void         _rounds_post_dialog_on_extra_finding_activated   (RoundsPostDialog *self);
void         _rounds_post_dialog_build_accounts               (RoundsPostDialog *self);
void         _rounds_post_dialog_fill_accounts                (RoundsPostDialog *self);
void         _rounds_post_dialog_sync_accounts                (RoundsPostDialog *self);
RoundsPost  *_rounds_post_dialog_build_draft                   (RoundsPostDialog *self);
RoundsConsentUse _rounds_post_dialog_patient_uses           (RoundsPostDialog *self);
GPtrArray   *_rounds_post_dialog_consent_findings            (RoundsPostDialog *self,
                                                               GPtrArray        *text_findings);
void         _rounds_post_dialog_refresh_consent_findings    (RoundsPostDialog *self);
void         _rounds_post_dialog_rebuild_consent_rows        (RoundsPostDialog *self);
void         _rounds_post_dialog_load_consents               (RoundsPostDialog *self,
                                                               gboolean          with_links);
gboolean     _rounds_post_dialog_save_links                  (RoundsPostDialog *self,
                                                               gint64            post_id,
                                                               GError          **error);
RoundsConsentDialog *_rounds_post_dialog_open_consent_dialog (RoundsPostDialog *self);
gboolean     _rounds_post_dialog_save_accounts                (RoundsPostDialog *self,
                                                               gint64            post_id,
                                                               GError          **error);

/* rounds-assistant-editor.c: the writing assistant's menu (assistant.run,
 * a task name) and an image's "Suggest Alt Text" (assistant.alt-text, the
 * image's index). */
void _rounds_post_dialog_alt_text_action  (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter);
void _rounds_post_dialog_assistant_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter);

G_END_DECLS
