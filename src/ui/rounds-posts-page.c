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
#include "rounds-posts-header.h"
#include "rounds-posts-row.h"
#include "rounds-posts-page.h"
#include "rounds-store-post-list.h"
#include "rounds-toast.h"
#include "rounds-warm-up.h"
#include "rounds-window.h"

/* The Posts place: every stored post with its status, time (in practice
 * time), networks and what the compliance check found in it; filtered by
 * status (remembered), by "has problems" and by a search in its text, and
 * sorted as the user chose (remembered). Activating a row opens the
 * editor (post.open); Delete removes a post with an Undo toast
 * (post.delete), and the keyboard focus moves to the row that took its
 * place: both are the window's actions (rounds-window-actions.c).
 *
 * The list is a RoundsPostList: the database filters and sorts, the
 * list keeps the ids in order and reads the posts the view shows, a page
 * at a time; a change to one post moves that post alone. A new order,
 * filter or search is asked on a worker thread: the page shows what it
 * showed until the answer comes, then the list replaces its rows (the
 * list's "replacing" and "replaced"), and a failed query is told in a
 * toast with the rows kept. The check runs in a thread
 * (RoundsCalendarMarks, shared with the Calendar's marks); "has
 * problems" asks it from inside the list's query. */

struct _RoundsPostsPage
{
  AdwBin              parent_instance;

  RoundsContext      *context;
  GTimeZone          *tz;
  GSettings          *settings;
  RoundsPostList     *list;
  GListModel         *view;            /* the list as the list view reads it */
  RoundsCalendarMarks *marks;
  GtkSingleSelection *selection;
  int                 status_filter;   /* -1: all */
  gboolean            problems_only;
  RoundsPostSort      sort;
  gboolean            to_top;          /* the next answer is shown from its first row */
  gboolean            answered;        /* the list has shown an answer for this practice */
  gint64              kept_id;         /* the post selected before an answer, or 0 */
  guint               focus_tick;      /* moving the focus to a row, or 0 */
  guint               focus_frames;    /* frames that tick has waited */
  GPtrArray          *spare_rows;      /* rows of list items GTK let go, for its next ones */
  guint               fill_rest;       /* binding the waiting rows out of view, or 0 */
  guint               prepare;         /* making the rows of an answer kept aside, or 0 */
  RoundsWarmUp       *warm_up;         /* drawing the hidden page once off screen, or NULL */

  GtkDropDown        *filter_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *problems_button;
  GtkStack           *content_stack;
  RoundsPostsHeader  *header;
  GtkScrolledWindow  *scroller;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  AdwStatusPage      *no_match_page;
};

G_DEFINE_FINAL_TYPE (RoundsPostsPage, rounds_posts_page, ADW_TYPE_BIN)

static const char * const sort_ids[] = { "scheduled", "status", "updated", "title" };

static void
update_state (RoundsPostsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  guint total = rounds_post_list_get_total (self->list);
  g_autofree char *count = NULL;

  if (rounds_post_list_get_busy (self->list))
    {
      /* A query runs: what shows stays (no "No Posts Yet" before the
       * first answer, no flash of "No Matching Posts" while typing). */
      if (!self->answered)
        gtk_stack_set_visible_child_name (self->content_stack, "list");
      return;
    }
  if (total == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else if (shown == 0 && !rounds_post_list_get_held (self->list))
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

/* The selection is kept by post id across a new filter or order: the
 * list's rows are new objects after a query, and GtkSingleSelection
 * would look for its selected object among every row added (reading
 * all of them from the database) before giving up. */
static gint64
unselect (RoundsPostsPage *self)
{
  RoundsPost *post = gtk_single_selection_get_selected_item (self->selection);
  gint64 id = post != NULL ? rounds_post_get_id (post) : 0;

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  return id;
}

static void
reselect (RoundsPostsPage *self,
          gint64           id)
{
  guint position = id != 0 ? rounds_post_list_find (self->list, id) : G_MAXUINT;

  if (position != G_MAXUINT)
    gtk_single_selection_set_selected (self->selection, position);
}

/* A new order, filter or search is read from its first row: GTK would
 * keep about the same distance from the top, which in a new order shows
 * rows with no relation to what was shown (and the list model says such
 * a change as "the rows left, new rows came": see
 * rounds-store-paged-list.c). The list goes to the top before the change,
 * while its rows are laid out (GTK 4.8's list cannot scroll to rows it
 * has not measured yet). */
static void
show_from_top (RoundsPostsPage *self)
{
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (vadj != NULL && gtk_adjustment_get_value (vadj) > gtk_adjustment_get_lower (vadj) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
}

/* The list follows the store only while the page is on screen: while it
 * is not, the list is held, so a practice opening and posts changing (a
 * calendar drop, an autosave) cost nothing here. Coming back, the posts
 * changed meanwhile are looked at again, one by one (or the list asks
 * the database again if the filters or the practice changed). */
static void
follow_store (RoundsPostsPage *self)
{
  gint64 kept = unselect (self);

  rounds_post_list_set_held (self->list, !gtk_widget_get_mapped (GTK_WIDGET (self)));
  reselect (self, kept);
  update_state (self);
}

static void
on_map_cb (RoundsPostsPage *self)
{
  if (rounds_warm_up_get_drawing () == GTK_WIDGET (self))
    return;
  g_clear_handle_id (&self->prepare, g_source_remove);
  follow_store (self);
}

static void
on_unmap_cb (RoundsPostsPage *self)
{
  if (rounds_warm_up_get_drawing () == GTK_WIDGET (self))
    return;
  g_ptr_array_set_size (self->spare_rows, 0);
  follow_store (self);
}

/* The rows of a practice read ahead while the page is hidden (the
 * window opened on another place) are made before the page is shown,
 * in idle time once the window has drawn its first frames: GTK 4.8 makes
 * and binds its ~200 list items when the list's rows come (~15 ms of the
 * main thread at 100,000 posts), which the first switch to Posts paid.
 * The list stays held: changes while hidden are noted as before. Then,
 * with GL, the page is drawn once off screen (rounds-warm-up.c), so that
 * its first frame finds its glyphs and shaders ready. */
#define PREPARE_MS 500

static gboolean
prepare_cb (gpointer data)
{
  RoundsPostsPage *self = data;

  self->prepare = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      rounds_post_list_take_read_ahead (self->list);
      if (self->warm_up == NULL)
        self->warm_up = rounds_warm_up_new (GTK_WIDGET (self));
    }
  return G_SOURCE_REMOVE;
}

static void
on_list_busy_cb (RoundsPostsPage *self)
{
  if (self->prepare == 0 && !gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      rounds_post_list_has_read_ahead (self->list))
    self->prepare = g_timeout_add_full (G_PRIORITY_LOW, PREPARE_MS, prepare_cb, self, NULL);
}

static void
on_marks_changed_cb (RoundsPostsPage *self)
{
  /* More posts have been checked: some may now show as having problems. */
  if (self->problems_only)
    rounds_post_list_refilter (self->list);
}

/* A query's answer is about to replace the rows: the selection is let go
 * (and taken again by id after), and a new order, filter or search goes
 * to the top while the old rows are laid out. */
static void
on_list_replacing_cb (RoundsPostsPage *self)
{
  gint64 kept = unselect (self);

  if (kept != 0)
    self->kept_id = kept;
  if (self->to_top)
    show_from_top (self);
  self->to_top = FALSE;
}

static void
on_list_replaced_cb (RoundsPostsPage *self)
{
  reselect (self, self->kept_id);
  self->kept_id = 0;
  self->answered = TRUE;
  update_state (self);
}

/* The page's toast: the list still shows what it showed, in the order
 * it showed it, and the "Sort by" menu goes back to that order. While
 * the page is not shown (a read ahead) it says nothing: the list asks
 * again when the page is shown, and a failure then is told. */
static void
on_list_read_failed_cb (RoundsPostsPage *self,
                        GError          *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RoundsPostSort sort = rounds_post_list_get_sort (self->list);
  AdwToast *toast;

  self->to_top = FALSE;
  if (sort != self->sort)
    {
      self->sort = sort;   /* first: the menu's handler sees no change to ask for */
      gtk_drop_down_set_selected (self->sort_dropdown, sort);
      g_settings_set_string (self->settings, "posts-sort", sort_ids[sort]);
    }
  if (!ROUNDS_IS_WINDOW (root) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  toast = rounds_toast_new_plain (error->message);
  adw_toast_set_timeout (toast, 6);
  rounds_window_add_toast (ROUNDS_WINDOW (root), toast);
}

/* ---- rows ------------------------------------------------------------- */

/* The list's factory makes a RoundsPostsRow per list item (one widget
 * that draws the five columns) and binds it to the item's post. */

/* GTK 4.8's list makes all its ~200 list items anew for a new order,
 * filter or search (their posts are new objects), and a row's publishing
 * widgets (a published post's links) were most of what a new row cost.
 * So a row that its list item lets go (GTK unparents it when the item
 * goes) is kept, and the next list item takes one of those rows, with its
 * widgets, as it is. At most as many as the list keeps; none kept while
 * the page is not shown. */
#define MAX_SPARE_ROWS 200
/* How long the list must stay still before the rows out of view whose
 * page came are bound */
#define FILL_REST_MS 50

static void
on_row_parent_cb (RoundsPostsPage *self,
                  GParamSpec      *pspec,
                  GtkWidget       *row)
{
  if (gtk_widget_get_parent (row) != NULL || self->spare_rows == NULL ||
      self->spare_rows->len >= MAX_SPARE_ROWS || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_ptr_array_add (self->spare_rows, g_object_ref (row));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RoundsPostsPage          *self)
{
  GtkWidget *row;

  if (self->spare_rows->len > 0)
    {
      row = g_ptr_array_steal_index_fast (self->spare_rows, self->spare_rows->len - 1);
      gtk_list_item_set_child (item, row);
      g_object_unref (row);
      return;
    }
  row = rounds_posts_row_new (GTK_WIDGET (self->header));
  g_signal_connect_object (row, "notify::parent", G_CALLBACK (on_row_parent_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
}

/* A row shows its post and the publications read with its page, or,
 * while its page is read on a worker (a far scroll), nothing at the
 * height of a row: bound again when the page comes (::rows-arrived). */
static gboolean
bind_row (RoundsPostsPage *self,
          RoundsPostsRow  *row,
          gint64           id)
{
  GPtrArray *publications = NULL;
  RoundsPost *post = rounds_post_list_peek (self->list, id, &publications);

  if (post == NULL)
    return FALSE;
  rounds_posts_row_bind (row, post, publications, self->tz,
                         self->context != NULL ? rounds_context_get_clock (self->context) : NULL,
                         self->marks);
  return TRUE;
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RoundsPostsPage          *self)
{
  RoundsPostsRow *row = ROUNDS_POSTS_ROW (gtk_list_item_get_child (item));
  gint64 id = rounds_post_get_id (gtk_list_item_get_item (item));
  g_autoptr(GObject) asked = NULL;

  if (bind_row (self, row, id))
    return;
  /* Not kept any more (or never read): asked for again, which reads it
   * here or on the worker. */
  asked = g_list_model_get_item (self->view, gtk_list_item_get_position (item));
  if (!bind_row (self, row, id))
    rounds_posts_row_bind_pending (row, id);
}

/* Binds the rows waiting for a post that has come: those in view (and a
 * screenful around it) only (@in_view), or all. Returns whether rows
 * out of view still wait. */
static gboolean
fill_waiting_rows (RoundsPostsPage *self,
                   gboolean         in_view)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);
  int height = gtk_widget_get_height (list);
  gboolean left = FALSE;

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      graphene_rect_t bounds;
      gint64 id;

      if (!ROUNDS_IS_POSTS_ROW (row) ||
          (id = rounds_posts_row_get_pending_id (ROUNDS_POSTS_ROW (row))) == 0)
        continue;
      /* In view, or a screenful from it: what the next frame may show */
      if (in_view && (!gtk_widget_compute_bounds (item, list, &bounds) ||
                      bounds.origin.y + bounds.size.height < -height ||
                      bounds.origin.y > 2 * height))
        {
          left = TRUE;
          continue;
        }
      bind_row (self, ROUNDS_POSTS_ROW (row), id);
    }
  return left;
}

static gboolean
fill_rest_cb (gpointer data)
{
  RoundsPostsPage *self = data;

  self->fill_rest = 0;
  fill_waiting_rows (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Rows whose page came: those in view at once; those out of view (GTK
 * 4.8 keeps ~200 rows, a screenful shows ~15) once the list has stopped
 * for a moment: in a fling the next frame binds them to other posts
 * anyway, and binding all ~200 twice a far frame cost what reading the
 * pages on the worker saved. Rows that scroll into view are bound then
 * (the list's scroll). */
static void
on_list_rows_arrived_cb (RoundsPostsPage *self)
{
  g_clear_handle_id (&self->fill_rest, g_source_remove);
  if (fill_waiting_rows (self, TRUE))
    self->fill_rest = g_timeout_add (FILL_REST_MS, fill_rest_cb, self);
}

/* A scroll while rows out of view still wait: those now near the view
 * are bound, and the rest wait for the list to stop again. */
static void
on_list_scrolled_cb (RoundsPostsPage *self)
{
  if (self->fill_rest != 0)
    on_list_rows_arrived_cb (self);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               RoundsPostsPage          *self)
{
  rounds_posts_row_unbind (ROUNDS_POSTS_ROW (gtk_list_item_get_child (item)));
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
  self->to_top = TRUE;
  rounds_post_list_set_status (self->list, status);
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
  self->to_top = TRUE;
  rounds_post_list_set_sort (self->list, self->sort);
  g_settings_set_string (self->settings, "posts-sort", sort_ids[selected]);
}

static void
on_problems_toggled_cb (RoundsPostsPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->problems_button);

  if (active == self->problems_only)
    return;

  self->problems_only = active;
  self->to_top = TRUE;
  /* "Has problems": a text the check found something in. One not checked
   * yet is left out (and queued) until the check says; then the list asks
   * again (on_marks_changed_cb). */
  rounds_post_list_set_check (self->list,
                              active ? rounds_calendar_marks_text_has_problems : NULL,
                              active ? G_OBJECT (self->marks) : NULL);
  update_state (self);
}

static void
on_search_changed_cb (RoundsPostsPage *self)
{
  self->to_top = TRUE;
  rounds_post_list_set_search (self->list,
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
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

/* The row (a child of the list view) that shows @post, if it has one. */
static GtkWidget *
row_of_post (GtkWidget  *list,
             RoundsPost *post)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);

      if (ROUNDS_IS_POSTS_ROW (child) && rounds_posts_row_get_post (ROUNDS_POSTS_ROW (child)) == post)
        return gtk_widget_get_child_visible (row) ? row : NULL;
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
  GtkWidget *list = GTK_WIDGET (self->list_view);
  Refocus *refocus;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  /* Into the list at once (not lost meanwhile), then onto the row. */
  gtk_widget_grab_focus (list);
  refocus = g_new0 (Refocus, 1);
  refocus->self = self;
  refocus_tick_cb (list, NULL, refocus);
  gtk_widget_add_tick_callback (list, refocus_tick_cb, refocus, g_free);
}

/* Whether @row (a child of @list) is wholly in view. */
static gboolean
row_in_view (GtkWidget *list,
             GtkWidget *row)
{
  graphene_rect_t bounds;

  return gtk_widget_get_child_visible (row) && gtk_widget_get_mapped (row) &&
         gtk_widget_compute_bounds (row, list, &bounds) && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list);
}

/* Whether the keyboard focus, just moved into the page by the switch to
 * it, should go to a row in view instead: it is in the empty search
 * entry, or on a row of the list out of view (the row the list had the
 * focus on before it was scrolled, since recycled for another post). */
static gboolean
focus_needs_a_row (RoundsPostsPage *self,
                   GtkWidget       *list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL)
    return FALSE;
  if (focus == GTK_WIDGET (self->search_entry) ||
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry)))
    /* A search under way keeps its entry. */
    return *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0';
  if (gtk_widget_is_ancestor (focus, list))
    {
      GtkWidget *row = focus;

      while (gtk_widget_get_parent (row) != list)
        row = gtk_widget_get_parent (row);
      return !row_in_view (list, row);
    }
  return FALSE;
}

/* The topmost row of @list wholly in view, if any. Not the list's own
 * grab_focus: GTK 4.8's list puts the focus on the row it tracks, which
 * once the list has been scrolled is a recycled row out of view. */
static GtkWidget *
top_row_in_view (GtkWidget *list)
{
  GtkWidget *top = NULL;
  float top_y = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_focusable (row) || !row_in_view (list, row) ||
          !gtk_widget_compute_bounds (row, list, &bounds))
        continue;
      if (top == NULL || bounds.origin.y < top_y)
        {
          top = row;
          top_y = bounds.origin.y;
        }
    }
  return top;
}

/* Runs at the frames after the switch, once the page has its layout:
 * the rows' places are known only then. A few frames at most; stops
 * if the user put the focus anywhere else meanwhile. */
static gboolean
focus_top_row_tick_cb (GtkWidget     *list,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  RoundsPostsPage *self = ROUNDS_POSTS_PAGE (user_data);
  GtkWidget *row;

  if (focus_needs_a_row (self, list))
    {
      if (gtk_widget_get_width (list) > 0 && (row = top_row_in_view (list)) != NULL)
        gtk_widget_grab_focus (row);
      else if (++self->focus_frames < 10)
        return G_SOURCE_CONTINUE;
    }
  self->focus_tick = 0;
  return G_SOURCE_REMOVE;
}

/**
 * rounds_posts_page_focus_list_from_search:
 *
 * Called when the window has just switched to Posts: if the keyboard
 * focus landed in the (empty) search entry, only because the view
 * stack moves it to the first widget of the page it shows, it goes to
 * the topmost row in view instead (at the next frame, once the page
 * has its layout); so does a focus the list put back on a row that is
 * out of view since it was scrolled. An entry with the focus blinks its cursor, and GTK
 * 4.8 animates that blink at the frame rate for ten seconds; with the
 * GL renderer on X11 every one of those frames redraws the whole window
 * (with Mesa's software GL, ~60 ms of CPU each: bench/README.md, "GL:
 * where a practice's window goes over the Text Editor's"). Typing
 * still searches: the entry captures the page's keys
 * (rounds_posts_page_init()), and Ctrl+F goes to it.
 *
 * Returns: %TRUE if the focus is to move to the list
 */
gboolean
rounds_posts_page_focus_list_from_search (RoundsPostsPage *self)
{
  GtkWidget *list;

  g_return_val_if_fail (ROUNDS_IS_POSTS_PAGE (self), FALSE);

  list = GTK_WIDGET (self->list_view);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return FALSE;
  /* Out of view or not, the rows' places are known after the layout:
   * the tick decides. Only the entry is known at once. */
  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (list, self->focus_tick);
  self->focus_frames = 0;
  self->focus_tick = gtk_widget_add_tick_callback (list, focus_top_row_tick_cb, self, NULL);
  return TRUE;
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
  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
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
  g_clear_handle_id (&self->fill_rest, g_source_remove);
  g_clear_handle_id (&self->prepare, g_source_remove);
  g_clear_pointer (&self->warm_up, rounds_warm_up_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->view);
  g_clear_object (&self->list);
  g_clear_object (&self->marks);
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, header);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RoundsPostsPage, list_view);
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
  /* Delete is the list's (rounds_posts_page_init()): a binding here
   * would never see it, the search entry's key capture on the page runs
   * before the class's shortcuts. */
}

static gboolean
on_list_key_pressed_cb (RoundsPostsPage *self,
                        guint            keyval,
                        guint            keycode,
                        GdkModifierType  state)
{
  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return GDK_EVENT_PROPAGATE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "posts.delete-selected", NULL)
           ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static void
rounds_posts_page_init (RoundsPostsPage *self)
{
  g_autoptr(GtkStringList) filters = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sorts = gtk_string_list_new (NULL);
  g_autofree char *filter = NULL;
  g_autofree char *sort = NULL;

  g_type_ensure (ROUNDS_TYPE_POSTS_HEADER);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Typing anywhere on the page searches, wherever the focus is in it. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  /* The search entry takes every key that is not for moving about,
   * Delete too: in the list, Delete deletes the selected post first. */
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  }

  self->settings = g_settings_new (BASE_ID);
  self->status_filter = -1;
  self->spare_rows = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_string_list_append (filters, _("All posts"));
  for (guint s = 0; s <= ROUNDS_POST_STATUS_LAST; s++)
    gtk_string_list_append (filters, rounds_post_status_get_label (s));
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (filters));

  gtk_string_list_append (sorts, _("Scheduled time"));
  gtk_string_list_append (sorts, _("Status"));
  gtk_string_list_append (sorts, _("Last changed"));
  gtk_string_list_append (sorts, _("Title"));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));

  self->marks = rounds_calendar_marks_new ();
  g_signal_connect_object (self->marks, "changed", G_CALLBACK (on_marks_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->list = rounds_post_list_new (NULL);
  rounds_post_list_set_held (self->list, TRUE);   /* not on screen yet */
  rounds_post_list_set_on_worker (self->list, TRUE);
  g_signal_connect_object (self->list, "replacing", G_CALLBACK (on_list_replacing_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "replaced", G_CALLBACK (on_list_replaced_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "read-failed", G_CALLBACK (on_list_read_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::busy", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::busy", G_CALLBACK (on_list_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap_cb), NULL);
  g_signal_connect_object (self->list, "rows-arrived", G_CALLBACK (on_list_rows_arrived_cb),
                           self, G_CONNECT_SWAPPED);
  self->view = rounds_post_list_new_view (self->list);
  self->selection = gtk_single_selection_new (g_object_ref (self->view));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
    gtk_list_view_set_factory (self->list_view, factory);
    g_object_unref (factory);
  }
  /* The titles move with the rows when the list scrolls sideways. */
  rounds_posts_header_set_hadjustment (self->header,
                                       gtk_scrolled_window_get_hadjustment (self->scroller));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (on_list_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::total", G_CALLBACK (on_items_changed_cb),
                           self, G_CONNECT_SWAPPED);

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
  self->answered = FALSE;

  if (self->marks != NULL)
    rounds_calendar_marks_set_context (self->marks, context);
  if (context != NULL)
    self->tz = rounds_context_dup_time_zone (context);
  if (self->list != NULL)
    rounds_post_list_set_store (self->list,
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
  return G_LIST_MODEL (self->list);
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

/**
 * rounds_posts_page_get_list_view:
 *
 * Returns: (transfer none): the list of posts (its items are
 *   #RoundsPostsRow widgets)
 */
GtkWidget *
rounds_posts_page_get_list_view (RoundsPostsPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_PAGE (self), NULL);
  return GTK_WIDGET (self->list_view);
}

/**
 * rounds_posts_page_get_warm_up:
 *
 * Returns: (transfer none) (nullable): the page's drawing off screen
 *   while hidden (made once its rows are), or %NULL
 */
RoundsWarmUp *
rounds_posts_page_get_warm_up (RoundsPostsPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_PAGE (self), NULL);
  return self->warm_up;
}
