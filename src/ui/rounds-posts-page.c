/* rounds-posts-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-posts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-posts-cell.h"
#include "rounds-posts-page.h"

/* The Posts place: every stored post with its status, time (in practice
 * time) and networks; filtered by status and sorted as the user chose
 * (both remembered). Activating a row opens the editor (post.open);
 * Delete removes a post with an Undo toast (post.delete): both are the
 * window's actions (rounds-window-actions.c). The list is the store's own
 * GListModel behind a filter and a sorter, refreshed from the store's
 * signals. */

struct _RoundsPostsPage
{
  AdwBin              parent_instance;

  RoundsContext      *context;
  GTimeZone          *tz;
  GSettings          *settings;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkSingleSelection *selection;
  int                 status_filter;   /* -1: all */
  RoundsPostSort      sort;
  gulong              post_changed_handler;

  GtkDropDown        *filter_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  AdwStatusPage      *no_match_page;
};

G_DEFINE_FINAL_TYPE (RoundsPostsPage, rounds_posts_page, ADW_TYPE_BIN)

static const char * const sort_ids[] = { "scheduled", "status", "updated", "title" };

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RoundsPostsPage *self = user_data;

  return self->status_filter < 0 ||
         rounds_post_get_status (ROUNDS_POST (item)) == (RoundsPostStatus)self->status_filter;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  RoundsPostsPage *self = user_data;

  return rounds_post_compare (ROUNDS_POST ((gpointer)a), ROUNDS_POST ((gpointer)b), self->sort);
}

static void
update_state (RoundsPostsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  guint total = self->context
                  ? g_list_model_get_n_items (rounds_store_get_posts (
                                                rounds_context_get_store (self->context)))
                  : 0;
  g_autofree char *count = NULL;

  if (total == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "list");

  if (shown == total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", total), total);
  else
    /* TRANSLATORS: "3 of 41 posts" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u post", "%u of %u posts",
                                          total), shown, total);
  gtk_label_set_text (self->count_label, count);
}

static void
on_items_changed_cb (RoundsPostsPage *self)
{
  update_state (self);
}

static void
on_post_changed_cb (RoundsPostsPage *self)
{
  /* A status or time change may move a post in or out of the filter, or
   * along the sort order. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* ---- cells ------------------------------------------------------------ */

/* Each column's factory makes RoundsPostsCell widgets for its column
 * (the setup handler's data) and binds them to the row's post. */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  column)
{
  gtk_list_item_set_child (item, rounds_posts_cell_new (GPOINTER_TO_UINT (column)));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RoundsPostsPage          *self)
{
  rounds_posts_cell_bind (ROUNDS_POSTS_CELL (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item),
                          self->context != NULL ? rounds_context_get_store (self->context) : NULL,
                          self->tz,
                          self->context != NULL ? rounds_context_get_clock (self->context) : NULL);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                RoundsPostsPage          *self)
{
  rounds_posts_cell_unbind (ROUNDS_POSTS_CELL (gtk_list_item_get_child (item)));
}

static void
add_column (RoundsPostsPage   *self,
            const char        *title,
            RoundsPostsColumn  kind,
            gboolean           expand,
            int                fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (self->column_view, column);
}

/* ---- actions ---------------------------------------------------------- */

static void
activate_post_action (RoundsPostsPage *self,
                      const char      *action,
                      RoundsPost      *post)
{
  if (post != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "x", rounds_post_get_id (post));
}

static void
on_row_activate_cb (RoundsPostsPage *self,
                    guint            position)
{
  g_autoptr(RoundsPost) post = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  activate_post_action (self, "post.open", post);
}

static void
on_filter_selected_cb (RoundsPostsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);
  int status = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int)selected - 1;

  if (status == self->status_filter)
    return;

  self->status_filter = status;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  g_settings_set_string (self->settings, "posts-filter",
                         status < 0 ? "all" : rounds_post_status_to_string (status));
  update_state (self);
}

static void
on_sort_selected_cb (RoundsPostsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (selected >= G_N_ELEMENTS (sort_ids) || (RoundsPostSort)selected == self->sort)
    return;

  self->sort = selected;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_settings_set_string (self->settings, "posts-sort", sort_ids[selected]);
}

static void
on_show_all_clicked_cb (RoundsPostsPage *self)
{
  rounds_posts_page_set_filter (self, "all");
}

static void
new_post_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  gtk_widget_activate_action (widget, "win.new-post", NULL);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RoundsPostsPage *self = ROUNDS_POSTS_PAGE (widget);
  activate_post_action (self, "post.delete",
                        gtk_single_selection_get_selected_item (self->selection));
}

static void
edit_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RoundsPostsPage *self = ROUNDS_POSTS_PAGE (widget);
  activate_post_action (self, "post.open",
                        gtk_single_selection_get_selected_item (self->selection));
}

/* ---- GObject ---------------------------------------------------------- */

static void
rounds_posts_page_dispose (GObject *object)
{
  RoundsPostsPage *self = (RoundsPostsPage *)object;

  rounds_posts_page_set_context (self, NULL);
  g_clear_object (&self->settings);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (rounds_posts_page_parent_class)->dispose (object);
}

static void
rounds_posts_page_class_init (RoundsPostsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_posts_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-posts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, no_match_page);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_all_clicked_cb);

  gtk_widget_class_install_action (widget_class, "posts.new", NULL, new_post_action);
  gtk_widget_class_install_action (widget_class, "posts.delete-selected", NULL,
                                   delete_selected_action);
  gtk_widget_class_install_action (widget_class, "posts.edit-selected", NULL,
                                   edit_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "posts.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "posts.delete-selected", NULL);
}

static void
rounds_posts_page_init (RoundsPostsPage *self)
{
  g_autoptr(GtkStringList) filters = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sorts = gtk_string_list_new (NULL);
  g_autofree char *filter = NULL;
  g_autofree char *sort = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_ID);
  self->status_filter = -1;

  gtk_string_list_append (filters, _("All posts"));
  for (guint s = 0; s <= ROUNDS_POST_STATUS_LAST; s++)
    gtk_string_list_append (filters, rounds_post_status_get_label (s));
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (filters));

  gtk_string_list_append (sorts, _("Scheduled time"));
  gtk_string_list_append (sorts, _("Status"));
  gtk_string_list_append (sorts, _("Last changed"));
  gtk_string_list_append (sorts, _("Title"));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model),
                                              GTK_SORTER (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (on_items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  add_column (self, _("Post"), ROUNDS_POSTS_COLUMN_TITLE, TRUE, -1);
  add_column (self, _("Status"), ROUNDS_POSTS_COLUMN_STATUS, FALSE, 190);
  add_column (self, _("Scheduled"), ROUNDS_POSTS_COLUMN_TIME, FALSE, 170);
  add_column (self, _("Networks"), ROUNDS_POSTS_COLUMN_NETWORKS, FALSE, 200);

  filter = g_settings_get_string (self->settings, "posts-filter");
  sort = g_settings_get_string (self->settings, "posts-sort");
  rounds_posts_page_set_filter (self, filter);
  rounds_posts_page_set_sort (self, sort);

  update_state (self);
}

/* ---- public ----------------------------------------------------------- */

void
rounds_posts_page_set_context (RoundsPostsPage *self,
                               RoundsContext   *context)
{
  g_return_if_fail (ROUNDS_IS_POSTS_PAGE (self));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_clear_signal_handler (&self->post_changed_handler,
                            rounds_context_get_store (self->context));
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_set_object (&self->context, context);

  if (context != NULL)
    {
      RoundsStore *store = rounds_context_get_store (context);

      self->tz = rounds_context_dup_time_zone (context);
      self->post_changed_handler =
        g_signal_connect_object (store, "post-changed", G_CALLBACK (on_post_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      gtk_filter_list_model_set_model (self->filter_model, rounds_store_get_posts (store));
    }
  else
    gtk_filter_list_model_set_model (self->filter_model, NULL);

  update_state (self);
}

/**
 * rounds_posts_page_get_model:
 *
 * Returns: (transfer none): the posts as shown, filtered and sorted.
 */
GListModel *
rounds_posts_page_get_model (RoundsPostsPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

/**
 * rounds_posts_page_set_filter:
 * @status: a status id ("draft", …) or "all"
 */
void
rounds_posts_page_set_filter (RoundsPostsPage *self,
                              const char      *status)
{
  RoundsPostStatus s;

  g_return_if_fail (ROUNDS_IS_POSTS_PAGE (self));

  if (rounds_post_status_from_string (status, &s))
    gtk_drop_down_set_selected (self->filter_dropdown, s + 1);
  else
    gtk_drop_down_set_selected (self->filter_dropdown, 0);
}

void
rounds_posts_page_set_sort (RoundsPostsPage *self,
                            const char      *sort)
{
  g_return_if_fail (ROUNDS_IS_POSTS_PAGE (self));

  gtk_drop_down_set_selected (self->sort_dropdown, rounds_post_sort_from_string (sort));
}
