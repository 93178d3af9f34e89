/* rounds-post-dialog-media.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-post-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-post-dialog-private.h"
#include "rounds-store-consents.h"
#include "rounds-post-media-row.h"

/* The post window's images (copies kept beside the database, thumbnails
 * decoded in a thread, alt text, "shows a patient") and the patient
 * authorization that such an image needs. */

/* ------------------------------------------------------------------ */
/* Thumbnails: decoded once per image, in a thread                     */

static void update_images (RoundsPostDialog *self);

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

GHashTable *
_rounds_post_dialog_new_thumbnail_cache (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_nullable);
}

static void
load_thumbnail_thread (GTask        *task,
                       gpointer      source,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file_at_scale (task_data, 320, 320, TRUE, &error);

  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
load_thumbnail_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  RoundsPostDialog *self;
  const char *path;

  pixbuf = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  self = ROUNDS_POST_DIALOG (object);
  path = g_task_get_task_data (G_TASK (result));
  if (pixbuf == NULL)
    {
      g_debug ("No thumbnail for an image: %s", error->message);
      return;  /* stays NULL: an icon stands in */
    }
  g_hash_table_replace (self->thumbnails, g_strdup (path), gdk_texture_new_for_pixbuf (pixbuf));
  update_images (self);
}

static GdkPaintable *
thumbnail_for (RoundsPostDialog *self,
               const char       *path)
{
  g_autoptr(GTask) task = NULL;

  if (g_hash_table_contains (self->thumbnails, path))
    return g_hash_table_lookup (self->thumbnails, path);

  g_hash_table_insert (self->thumbnails, g_strdup (path), NULL);
  task = g_task_new (self, self->cancellable, load_thumbnail_cb, NULL);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_thumbnail_thread);
  return NULL;
}

static GtkWidget *
make_picture (RoundsPostDialog *self,
              RoundsPostMedia  *m,
              int               width,
              int               height)
{
  GdkPaintable *texture = thumbnail_for (self, m->path);
  GtkWidget *picture;

  if (texture != NULL)
    picture = gtk_picture_new_for_paintable (texture);
  else
    {
      /* Loading, or not an image GTK can show here (a WebP without its
       * loader): a placeholder keeps the row's shape. */
      g_autoptr(GIcon) icon = g_themed_icon_new ("image-x-generic-symbolic");
      picture = gtk_image_new_from_gicon (icon);
      gtk_image_set_pixel_size (GTK_IMAGE (picture), 32);
      gtk_widget_add_css_class (picture, "dim-label");
    }

  if (GTK_IS_PICTURE (picture))
    {
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), m->alt_text);
    }
  gtk_widget_set_size_request (picture, width, height);
  return picture;
}

static void
update_preview_images (RoundsPostDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_images))) != NULL)
    gtk_flow_box_remove (self->preview_images, child);
  for (guint i = 0; i < self->media->len; i++)
    gtk_flow_box_append (self->preview_images,
                         make_picture (self, g_ptr_array_index (self->media, i), 160, 110));
  gtk_widget_set_visible (GTK_WIDGET (self->preview_images), self->media->len > 0);
}

/* ------------------------------------------------------------------ */
/* Images and authorization                                            */


static void
on_media_alt_changed_cb (RoundsPostMediaRow *row,
                         RoundsPostDialog   *self)
{
  update_preview_images (self);
  _rounds_post_dialog_schedule_autosave (self);
}

static void
on_media_patient_changed_cb (RoundsPostMediaRow *row,
                             RoundsPostDialog   *self)
{
  _rounds_post_dialog_update_media (self);
}

static void
on_media_remove_requested_cb (RoundsPostMediaRow *row,
                              RoundsPostDialog   *self)
{
  guint index = rounds_post_media_row_get_index (row);

  if (index >= self->media->len)
    return;
  g_ptr_array_remove_index (self->media, index);
  _rounds_post_dialog_rebuild_media_list (self);
}

void
_rounds_post_dialog_rebuild_media_list (RoundsPostDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->media_list))) != NULL)
    gtk_list_box_remove (self->media_list, child);

  for (guint i = 0; i < self->media->len; i++)
    {
      RoundsPostMedia *m = g_ptr_array_index (self->media, i);
      GtkWidget *row = rounds_post_media_row_new (i, m, make_picture (self, m, 96, 72));

      g_signal_connect_object (row, "changed::alt", G_CALLBACK (on_media_alt_changed_cb), self, 0);
      g_signal_connect_object (row, "changed::patient", G_CALLBACK (on_media_patient_changed_cb),
                               self, 0);
      g_signal_connect_object (row, "remove-requested", G_CALLBACK (on_media_remove_requested_cb),
                               self, 0);
      g_settings_bind (self->settings, "assistant-enabled", row, "assistant", G_SETTINGS_BIND_GET);
      gtk_list_box_append (self->media_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->media_list), self->media->len > 0);
  _rounds_post_dialog_update_media (self);
  _rounds_post_dialog_update_networks (self);
}

void
_rounds_post_dialog_update_media (RoundsPostDialog *self)
{
  RoundsConsentUse needs = _rounds_post_dialog_patient_uses (self);

  _rounds_post_dialog_refresh_consent_findings (self);
  gtk_widget_set_visible (GTK_WIDGET (self->authorization_group),
                          needs != ROUNDS_CONSENT_USE_NONE || self->linked_consents->len > 0);

  update_preview_images (self);
  _rounds_post_dialog_schedule_autosave (self);
}

/* A thumbnail arrived: show it in the list and the preview. */
static void
update_images (RoundsPostDialog *self)
{
  gboolean filling = self->filling;

  self->filling = TRUE;   /* no autosave: nothing the user changed */
  _rounds_post_dialog_rebuild_media_list (self);
  self->filling = filling;
}

/* The chosen images are copied one after the other in a worker thread
 * (up to 50 MB each: too much for the main loop), and attached in the
 * order they were chosen. */
typedef struct
{
  RoundsPostDialog *self;
  GPtrArray        *paths;
  guint             next;
} ImageImport;

static void
image_import_free (ImageImport *import)
{
  g_object_unref (import->self);
  g_ptr_array_unref (import->paths);
  g_free (import);
}

static void import_next_image (ImageImport *import);

static void
on_image_imported_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ImageImport *import = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = rounds_store_import_media_finish (ROUNDS_STORE (source), result, &error);

  /* Cancelled, or the window was closed meanwhile (the import holds it
   * alive until now, so it is not disposed yet, only hidden). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || import->self->media == NULL ||
      !gtk_widget_get_visible (GTK_WIDGET (import->self)))
    {
      image_import_free (import);
      return;
    }

  _rounds_post_dialog_attach_image (import->self, g_ptr_array_index (import->paths, import->next - 1),
                                    copy, error);
  import_next_image (import);
}

static void
import_next_image (ImageImport *import)
{
  if (import->next >= import->paths->len || import->self->context == NULL)
    {
      image_import_free (import);
      return;
    }

  rounds_store_import_media_async (_rounds_post_dialog_get_store (import->self),
                                   g_ptr_array_index (import->paths, import->next++),
                                   import->self->cancellable, on_image_imported_cb, import);
}

static void
on_file_chooser_response_cb (GtkNativeDialog  *native,
                             int               response,
                             RoundsPostDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      ImageImport *import = g_new0 (ImageImport, 1);

      import->self = g_object_ref (self);
      import->paths = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (import->paths, path);
        }
      import_next_image (import);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
_rounds_post_dialog_on_add_image_clicked (RoundsPostDialog *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Add Image"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_filter_set_name (filter, _("Images (PNG, JPEG, WebP)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
_rounds_post_dialog_on_record_authorization_clicked (RoundsPostDialog *self)
{
  _rounds_post_dialog_open_consent_dialog (self);
}

void
_rounds_post_dialog_on_extra_finding_activated (RoundsPostDialog *self)
{
  GtkWidget *target = gtk_widget_get_visible (GTK_WIDGET (self->authorization_group))
                        ? GTK_WIDGET (self->auth_status_row)
                        : GTK_WIDGET (self->media_list);

  gtk_widget_grab_focus (target);
}

