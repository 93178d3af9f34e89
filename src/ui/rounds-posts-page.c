/* rounds-posts-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-posts-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rounds-calendar-marks.h"
#include "rounds-posts-cell.h"
#include "rounds-posts-page.h"
#include "rounds-posts-relay.h"

/* The Posts place: every stored post with its status, time (in practice
 * time), networks and what the compliance check found in it; filtered by
 * status (remembered), by "has problems" and by a search in its text, and
 * sorted as the user chose (remembered). Activating a row opens the
 * editor (post.open); Delete removes a post with an Undo toast
 * (post.delete), and the keyboard focus moves to the row that took its
 * place: both are the window's actions (rounds-window-actions.c).
 *
 * The list is the store's posts (through a relay that says which one post
 * changed) behind a GtkFilterListModel and a GtkSortListModel, so that a
 * change to one post re-filters and moves that post alone, and a search
 * that grows only looks again at what it showed. The check runs in a
 * thread (RoundsCalendarMarks, shared with the Calendar's marks). */

struct _RoundsPostsPage
{
  AdwBin              parent_instance;

  RoundsContext      *context;
  GTimeZone          *tz;
  GSettings          *settings;
  RoundsPostsRelay   *relay;
  RoundsCalendarMarks *marks;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;         /* owned: every order but by title */
  GtkSorter          *title_sorter;   /* owned: by title, with collation keys */
  GtkSingleSelection *selection;
  int                 status_filter;   /* -1: all */
  gboolean            problems_only;
  char               *needle;          /* the search, case-folded; NULL: none */
  RoundsPostSort      sort;

  GtkDropDown        *filter_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *problems_button;
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  AdwStatusPage      *no_match_page;
};

G_DEFINE_FINAL_TYPE (RoundsPostsPage, rounds_posts_page, ADW_TYPE_BIN)

static const char * const sort_ids[] = { "scheduled", "status", "updated", "title" };

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

static gboolean
matches_search (RoundsPostsPage *self,
                RoundsPost      *post)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (self->needle == NULL)
    return TRUE;

  title = fold (rounds_post_get_title (post));
  if (strstr (title, self->needle) != NULL)
    return TRUE;
  body = fold (rounds_post_get_body (post));
  return strstr (body, self->needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RoundsPostsPage *self = user_data;
  RoundsPost *post = ROUNDS_POST (item);

  if (self->status_filter >= 0 &&
      rounds_post_get_status (post) != (RoundsPostStatus)self->status_filter)
    return FALSE;

  if (self->problems_only)
    {
      int n_block, n_warn;

      /* Not checked yet: left out until the check says (then the
       * filter only gets less strict). */
      if (!rounds_calendar_marks_lookup_counts (self->marks, post, &n_block, &n_warn) ||
          n_block + n_warn == 0)
        return FALSE;
    }

  return matches_search (self, post);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  RoundsPostsPage *self = user_data;

  return rounds_post_compare (ROUNDS_POST ((gpointer)a), ROUNDS_POST ((gpointer)b), self->sort);
}

static int
scheduled_sort_func (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return rounds_post_compare (ROUNDS_POST ((gpointer)a), ROUNDS_POST ((gpointer)b),
                              ROUNDS_POST_SORT_SCHEDULED);
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
  else if (shown == 0 && gtk_filter_list_model_get_pending (self->filter_model) == 0 &&
           !rounds_posts_relay_get_held (self->relay))
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

/* The filter and the sort run only while the page is on screen: while
 * it is not, the relay is held, so a practice opening and posts changing
 * (a calendar drop, an autosave) cost nothing here. Coming back, the
 * posts changed meanwhile are looked at again, one by one; the first
 * time, a long list is filtered and sorted in steps, so that the switch
 * to Posts never holds the window for long. */
#define POSTS_IN_STEPS 2000

static void
follow_store (RoundsPostsPage *self)
{
  gboolean shown = gtk_widget_get_mapped (GTK_WIDGET (self));
  gboolean long_list = self->context != NULL &&
                       g_list_model_get_n_items (rounds_store_get_posts (
                         rounds_context_get_store (self->context))) > POSTS_IN_STEPS;

  if (shown)
    {
      gtk_filter_list_model_set_incremental (self->filter_model, long_list);
      gtk_sort_list_model_set_incremental (self->sort_model, long_list);
    }
  rounds_posts_relay_set_held (self->relay, !shown);
  update_state (self);
}

static void
on_map_cb (RoundsPostsPage *self)
{
  follow_store (self);
}

static void
on_unmap_cb (RoundsPostsPage *self)
{
  follow_store (self);
}

static void
on_marks_changed_cb (RoundsPostsPage *self)
{
  /* More posts have been checked: some may now show as having problems.
   * None that showed can stop showing (an edited post is looked at again
   * through the relay), so only what is hidden is looked at again. */
  if (self->problems_only)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
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
                          self->context != NULL ? rounds_context_get_clock (self->context) : NULL,
                          self->marks);
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
  /* Sorting again in steps costs several times the CPU of one sort
   * (GTK 4.8): only the first fill of a long list goes in steps. */
  gtk_sort_list_model_set_incremental (self->sort_model, FALSE);
  /* By title, each post's collation key is made once (GtkStringSorter):
   * comparing titles by collating them each time took 2.5 s for 100,000
   * posts. Ties go by scheduled time, as rounds_post_compare() does. */
  if (self->sort == ROUNDS_POST_SORT_TITLE)
    gtk_sort_list_model_set_sorter (self->sort_model, self->title_sorter);
  else if (gtk_sort_list_model_get_sorter (self->sort_model) != GTK_SORTER (self->sorter))
    gtk_sort_list_model_set_sorter (self->sort_model, GTK_SORTER (self->sorter));
  else
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_settings_set_string (self->settings, "posts-sort", sort_ids[selected]);
}

static void
on_problems_toggled_cb (RoundsPostsPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->problems_button);

  if (active == self->problems_only)
    return;

  self->problems_only = active;
  gtk_filter_changed (GTK_FILTER (self->filter),
                      active ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  update_state (self);
}

static void
on_search_changed_cb (RoundsPostsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *needle = *stripped != '\0' ? fold (stripped) : NULL;
  GtkFilterChange change;

  if (g_strcmp0 (needle, self->needle) == 0)
    return;

  /* Typing on only narrows what was shown; deleting only widens it. */
  if (self->needle == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (needle == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (needle, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->needle, needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_state (self);
}

static void
on_search_stop_cb (RoundsPostsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_show_all_clicked_cb (RoundsPostsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed_cb (self);
  gtk_toggle_button_set_active (self->problems_button, FALSE);
  rounds_posts_page_set_filter (self, "all");
}

static void
new_post_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  gtk_widget_activate_action (widget, "win.new-post", NULL);
}

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_LIST_VIEW (child) ? child : find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row (a child of the list view) that shows @post, if it has one. */
static GtkWidget *
row_of_post (GtkWidget  *list,
             RoundsPost *post)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
           cell = gtk_widget_get_next_sibling (cell))
        {
          GtkWidget *child = gtk_widget_get_first_child (cell);

          if (ROUNDS_IS_POSTS_CELL (child) &&
              rounds_posts_cell_get_post (ROUNDS_POSTS_CELL (child)) == post)
            return gtk_widget_get_child_visible (row) ? row : NULL;
        }
    }
  return NULL;
}

typedef struct
{
  RoundsPostsPage *self;
  guint            frames;
} Refocus;

/* GTK 4.8's list keeps its keyboard focus on a tracked item, which the
 * delete took away: grabbing the list's focus then lands on its first
 * widget, some other (often off-screen, recycled) row. So the focus goes
 * onto the selected post's own row, which makes the list track it again;
 * that row exists only after the list's next layout when it was scrolled
 * to: try at each frame, a few at most. */
static gboolean
refocus_tick_cb (GtkWidget     *list,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  Refocus *refocus = user_data;
  RoundsPost *post = gtk_single_selection_get_selected_item (refocus->self->selection);
  GtkWidget *row = post != NULL ? row_of_post (list, post) : NULL;
  GtkRoot *root = gtk_widget_get_root (list);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* The user moved on (another widget, another place): leave it. */
  if (post == NULL || (focus != NULL && !gtk_widget_is_ancestor (focus, list)))
    return G_SOURCE_REMOVE;
  if (row != NULL && gtk_widget_get_mapped (row))
    {
      gtk_widget_grab_focus (row);
      return G_SOURCE_REMOVE;
    }
  return ++refocus->frames < 30 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
focus_row (RoundsPostsPage *self,
           guint            position)
{
  GtkWidget *list = find_list_view (GTK_WIDGET (self->column_view));
  Refocus *refocus;

  gtk_single_selection_set_selected (self->selection, position);
  if (list == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
      return;
    }
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  /* Into the list at once (not lost meanwhile), then onto the row. */
  gtk_widget_grab_focus (list);
  refocus = g_new0 (Refocus, 1);
  refocus->self = self;
  refocus_tick_cb (list, NULL, refocus);
  gtk_widget_add_tick_callback (list, refocus_tick_cb, refocus, g_free);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  RoundsPostsPage *self = ROUNDS_POSTS_PAGE (widget);
  guint position = gtk_single_selection_get_selected (self->selection);
  guint n;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  activate_post_action (self, "post.delete",
                        gtk_single_selection_get_selected_item (self->selection));

  /* The focus was on the deleted row: put it on the row that took its
   * place (or the new last one), not nowhere; with no row left, on what
   * the page shows instead (New Post, Show All Posts). */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  if (n > 0)
    {
      focus_row (self, MIN (position, n - 1));
      return;
    }
  update_state (self);
  if (!gtk_widget_child_focus (gtk_stack_get_visible_child (self->content_stack),
                               GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (ROUNDS_POSTS_PAGE (widget)->search_entry));
}

static void
rounds_posts_page_dispose (GObject *object)
{
  RoundsPostsPage *self = (RoundsPostsPage *)object;

  rounds_posts_page_set_context (self, NULL);
  g_clear_object (&self->settings);
  g_clear_object (&self->selection);
  g_clear_object (&self->relay);
  g_clear_object (&self->marks);
  g_clear_object (&self->sorter);
  g_clear_object (&self->title_sorter);
  g_clear_pointer (&self->needle, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, problems_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, no_match_page);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_problems_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);

  gtk_widget_class_install_action (widget_class, "posts.new", NULL, new_post_action);
  gtk_widget_class_install_action (widget_class, "posts.delete-selected", NULL,
                                   delete_selected_action);
  gtk_widget_class_install_action (widget_class, "posts.edit-selected", NULL,
                                   edit_selected_action);
  gtk_widget_class_install_action (widget_class, "posts.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "posts.search", NULL);
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

  self->relay = rounds_posts_relay_new ();
  self->marks = rounds_calendar_marks_new ();
  g_signal_connect_object (self->marks, "changed", G_CALLBACK (on_marks_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  {
    GtkStringSorter *by_title = gtk_string_sorter_new (
      gtk_property_expression_new (ROUNDS_TYPE_POST, NULL, "display-title"));
    GtkMultiSorter *title = gtk_multi_sorter_new ();

    gtk_string_sorter_set_ignore_case (by_title, TRUE);
    gtk_multi_sorter_append (title, GTK_SORTER (by_title));
    gtk_multi_sorter_append (title, GTK_SORTER (gtk_custom_sorter_new (scheduled_sort_func, NULL,
                                                                       NULL)));
    self->title_sorter = GTK_SORTER (title);
  }
  rounds_posts_relay_set_held (self->relay, TRUE);   /* not on screen yet */
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->relay)),
                                                  GTK_FILTER (self->filter));
  g_signal_connect_object (self->filter_model, "notify::pending", G_CALLBACK (on_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap_cb), NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model),
                                              GTK_SORTER (g_object_ref (self->sorter)));
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
  /* TRANSLATORS: the Posts list's column with what the compliance check found */
  add_column (self, _("Check"), ROUNDS_POSTS_COLUMN_CHECKS, FALSE, 170);

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

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_set_object (&self->context, context);

  if (self->marks != NULL)
    rounds_calendar_marks_set_context (self->marks, context);
  if (context != NULL)
    self->tz = rounds_context_dup_time_zone (context);
  if (self->relay != NULL)
    rounds_posts_relay_set_store (self->relay,
                                  context != NULL ? rounds_context_get_store (context) : NULL);

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
