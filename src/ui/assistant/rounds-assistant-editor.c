/* rounds-assistant-editor.c — the writing assistant in the post editor.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-assistant-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-assistant-dialog.h"
#include "rounds-assistant-preferences.h"
#include "rounds-post-dialog-private.h"
#include "rounds-post-media-row.h"
#include "rounds-secrets.h"
#include "rounds-store.h"

/* The menu's tasks: what is sent (the post's text, or for a draft the
 * title, which holds the plan's idea) and what Use does with the answer
 * (replace the text, or add hashtags at its end). */
typedef struct
{
  const char       *name;
  RoundsAssistTask  task;
  const char       *network;
  guint             max_chars;
  gboolean          from_title;
  gboolean          append;
} Task;

static const Task tasks[] = {
  { "draft", ROUNDS_ASSIST_DRAFT_FROM_IDEA, NULL, 0, TRUE, FALSE },
  { "shorten-x", ROUNDS_ASSIST_SHORTEN, "X", 280, FALSE, FALSE },
  { "shorten-bluesky", ROUNDS_ASSIST_SHORTEN, "Bluesky", 300, FALSE, FALSE },
  { "friendlier", ROUNDS_ASSIST_FRIENDLIER, NULL, 0, FALSE, FALSE },
  { "professional", ROUNDS_ASSIST_MORE_PROFESSIONAL, NULL, 0, FALSE, FALSE },
  { "spanish", ROUNDS_ASSIST_TRANSLATE_SPANISH, NULL, 0, FALSE, FALSE },
  { "hashtags", ROUNDS_ASSIST_HASHTAGS, NULL, 0, FALSE, TRUE },
};

/* An image's description: the user's own words go, alt text comes back
 * for that image's description field. */
static const Task alt_text_task = { "alt-text", ROUNDS_ASSIST_ALT_TEXT, NULL, 0, FALSE, FALSE };

typedef struct
{
  RoundsPostDialog *dialog;
  const Task       *task;
  char             *text;
  guint             media_index;
  char             *media_path;   /* alt text: which image, checked on Use */
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->dialog);
  g_free (pending->text);
  g_free (pending->media_path);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static char *
buffer_text (RoundsPostDialog *self)
{
  GtkTextBuffer *buffer = rounds_post_editor_get_buffer (self->editor);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Use: one undoable change of the text, which the live check then
 * marks like anything typed. */
static void
use_alt_text (Pending    *pending,
              const char *text)
{
  RoundsPostDialog *self = pending->dialog;
  RoundsPostMedia *media;
  GtkWidget *child;

  /* The image may have been removed, or the images reordered, while
   * the assistant was writing: then the suggestion has no place. */
  if (pending->media_index >= self->media->len)
    return;
  media = g_ptr_array_index (self->media, pending->media_index);
  if (g_strcmp0 (media->path, pending->media_path) != 0)
    return;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->media_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ROUNDS_IS_POST_MEDIA_ROW (child) &&
        rounds_post_media_row_get_index (ROUNDS_POST_MEDIA_ROW (child)) == pending->media_index)
      rounds_post_media_row_set_alt_text (ROUNDS_POST_MEDIA_ROW (child), text);
}

static void
on_accepted_cb (RoundsAssistantDialog *assistant_dialog,
                const char            *text,
                Pending               *pending)
{
  GtkTextBuffer *buffer = rounds_post_editor_get_buffer (pending->dialog->editor);

  if (pending->task->task == ROUNDS_ASSIST_ALT_TEXT)
    {
      use_alt_text (pending, text);
      return;
    }

  gtk_text_buffer_begin_user_action (buffer);
  if (pending->task->append)
    {
      GtkTextIter end;
      g_autofree char *current = buffer_text (pending->dialog);
      g_autofree char *added = g_strconcat (current[0] != '\0' ? "\n\n" : "", text, NULL);

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, added, -1);
    }
  else
    {
      GtkTextIter start, end;

      /* Delete and insert, not set_text (which cannot be undone). */
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_insert (buffer, &start, text, -1);
    }
  gtk_text_buffer_end_user_action (buffer);
}

static char *
practice_voice (RoundsPostDialog *self)
{
  RoundsPractice *practice = rounds_store_get_practice (rounds_context_get_store (self->context));
  const char *name = practice != NULL ? rounds_practice_get_name (practice) : NULL;
  const char *specialty = practice != NULL ? rounds_practice_get_specialty (practice) : NULL;

  if (name == NULL || name[0] == '\0')
    return NULL;
  if (specialty == NULL || specialty[0] == '\0')
    return g_strdup (name);
  return g_strdup_printf ("%s (%s)", name, specialty);
}

static void
key_looked_up_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  RoundsPostDialog *self = pending->dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = rounds_secrets_lookup_finish (ROUNDS_SECRETS (source), result, &error);
  g_autofree char *url = g_settings_get_string (self->settings, "assistant-url");
  g_autofree char *model = g_settings_get_string (self->settings, "assistant-model");
  g_autofree char *practice = practice_voice (self);
  g_autoptr(RoundsComplianceProfile) profile = rounds_context_dup_compliance_profile (self->context);
  g_autoptr(RoundsAssistant) assistant = NULL;
  RoundsAssistantDialog *assistant_dialog;
  RoundsAssistRequest request = { 0 };

  if (error != NULL)
    g_debug ("No key for the writing assistant: %s", error->message);
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  assistant = rounds_assistant_new (url, model, key, rounds_context_get_scanner (self->context),
                                    profile);
  request.task = pending->task->task;
  request.text = pending->text;
  request.practice = practice;
  request.network = pending->task->network;
  request.max_chars = pending->task->max_chars;

  assistant_dialog = rounds_assistant_dialog_new (GTK_WINDOW (self), assistant, &request,
                                                  pending->task->task == ROUNDS_ASSIST_ALT_TEXT
                                                    ? _("_Use as Description")
                                                  : pending->task->append ? _("_Add to Post")
                                                                          : _("_Use Suggestion"));
  g_signal_connect_data (assistant_dialog, "accepted", G_CALLBACK (on_accepted_cb),
                         g_steal_pointer (&pending), (GClosureNotify)pending_free, 0);
  gtk_window_present (GTK_WINDOW (assistant_dialog));
}

void
_rounds_post_dialog_assistant_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  RoundsPostDialog *self = ROUNDS_POST_DIALOG (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(RoundsSecrets) secrets = NULL;
  const Task *task = NULL;
  Pending *pending;

  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    if (g_str_equal (tasks[i].name, name))
      task = &tasks[i];
  g_return_if_fail (task != NULL);

  pending = g_new0 (Pending, 1);
  pending->dialog = g_object_ref (self);
  pending->task = task;
  pending->text = task->from_title
                    ? g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))))
                    : buffer_text (self);

  if (pending->text[0] == '\0')
    {
      _rounds_post_dialog_show_error (self,
                                      task->from_title
                                        ? _("Give the post a title with its idea first: the "
                                            "assistant drafts from the title.")
                                        : _("Write something first: the assistant works on "
                                            "the post's text."));
      pending_free (pending);
      return;
    }

  secrets = rounds_secrets_new ();
  rounds_secrets_lookup_async (secrets, ROUNDS_ASSISTANT_SECRET_ID, NULL, key_looked_up_cb,
                               pending);
}

/* An image's "Suggest Alt Text from My Description": what the user typed
 * in its description field is the description sent (checked first like
 * everything else); the answer can replace that field on Use. */
void
_rounds_post_dialog_alt_text_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  RoundsPostDialog *self = ROUNDS_POST_DIALOG (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(RoundsSecrets) secrets = NULL;
  RoundsPostMedia *media;
  Pending *pending;

  if (index >= self->media->len)
    return;
  media = g_ptr_array_index (self->media, index);

  pending = g_new0 (Pending, 1);
  pending->dialog = g_object_ref (self);
  pending->task = &alt_text_task;
  pending->text = g_strstrip (g_strdup (media->alt_text != NULL ? media->alt_text : ""));
  pending->media_index = index;
  pending->media_path = g_strdup (media->path);

  if (pending->text[0] == '\0')
    {
      _rounds_post_dialog_show_error (self,
                                      _("Describe the image in a few words first: the assistant "
                                        "writes alt text from your description."));
      pending_free (pending);
      return;
    }

  secrets = rounds_secrets_new ();
  rounds_secrets_lookup_async (secrets, ROUNDS_ASSISTANT_SECRET_ID, NULL, key_looked_up_cb,
                               pending);
}
