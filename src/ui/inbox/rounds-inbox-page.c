/* rounds-inbox-page.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-comment-dialog.h"
#include "rounds-inbox-page.h"
#include "rounds-inbox-private.h"
#include "rounds-inbox-row.h"
#include "rounds-offline.h"
#include "rounds-plan-inbox.h"
#include "rounds-reply-dialog.h"
#include "rounds-secrets.h"
#include "rounds-store-comment-list.h"
#include "rounds-store-inbox.h"

/* The Inbox place: every comment and review, newest first, with its
 * triage chip and whether it is answered or overdue; filtered by
 * unanswered / needs attention, network and kind. The list is a
 * RoundsCommentList (issue 17): the database filters and sorts, the list
 * keeps ids and reads rows in pages as the GtkListView asks for them. Its
 * ids are first read on a worker when the Inbox is first shown; one
 * changed comment is one changed row. The counts and the switcher's
 * badge (property "unanswered") are SQL counts. Activating an item opens
 * its reply dialog. */

struct _RoundsInboxPage
{
  AdwBin              parent_instance;

  RoundsContext      *context;
  GTimeZone          *tz;
  JsonObject         *crisis;
  RoundsReplySender  *sender;
  RoundsCommentList  *list;
  GtkNoSelection     *selection;
  GtkSliceListModel  *slice;        /* the list as the view sees it: its first rows, then all */
  guint               grow_tick;
  gboolean            grown_once;   /* the first rows were laid out */
  GCancellable       *loading;
  gint64              overdue[ROUNDS_TRIAGE_LAST + 1];
  RoundsInboxShow     show;
  RoundsNetwork       network;     /* NONE: every network */
  char               *kind;        /* NULL: every kind */
  guint               unanswered;
  gulong              comments_handler;
  gulong              online_handler;
  gboolean            load_started; /* the list was asked for its ids */
  gboolean            at_top;       /* the list is scrolled to the newest */
  guint               scroll_idle;
  guint               count_idle;
  GCancellable       *counting;     /* a count on a worker under way */
  gboolean            count_again;  /* changes since it started */
  gboolean            counted;      /* total and unanswered are known */
  guint               total;

  GtkDropDown        *show_dropdown;
  GtkDropDown        *network_dropdown;
  GtkDropDown        *kind_dropdown;
  GtkLabel           *count_label;
  GtkStack           *content_stack;
  GtkListView        *list_view;
  GtkWidget          *add_button;
  GtkWidget          *refresh_button;
  GtkWidget          *empty_add_button;
  GtkWidget          *row_styles;   /* the rows' styles (rounds_inbox_row_new_styles()) */
};

G_DEFINE_FINAL_TYPE (RoundsInboxPage, rounds_inbox_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_UNANSWERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows the list view is first shown (grow_cb()): a tall screen's */
#define FIRST_ROWS 40
#define GROW_ROWS  64
/* Past GTK 4.8's ~200 rows, the rest at once */
#define MAX_GROWN  200

static const RoundsNetwork networks[] = {
  ROUNDS_NETWORK_NONE, ROUNDS_NETWORK_FACEBOOK, ROUNDS_NETWORK_INSTAGRAM,
  ROUNDS_NETWORK_LINKEDIN, ROUNDS_NETWORK_GOOGLE, ROUNDS_NETWORK_MASTODON,
  ROUNDS_NETWORK_BLUESKY, ROUNDS_NETWORK_X,
};

static const char * const kinds[] = {
  NULL, "question", "praise", "complaint", "health_details", "crisis", "spam", "other",
};

static gint64
now_of (RoundsInboxPage *self)
{
  return self->context ? rounds_clock_get_now (rounds_context_get_clock (self->context))
                       : g_get_real_time () / G_USEC_PER_SEC;
}

/* What the page shows from the counts it has: no query here. */
static void
update_state (RoundsInboxPage *self)
{
  guint shown = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *count = NULL;

  /* Not counted yet: the list (empty until read), never a flash of
   * "no comments yet" in a practice that has thousands. */
  if (self->counted && self->total == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else if (shown == 0 && self->list != NULL && rounds_comment_list_get_loaded (self->list))
    gtk_stack_set_visible_child_name (self->content_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "list");

  if (self->counted)
    /* TRANSLATORS: "3 of 12 items, 5 unanswered" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u item, %u unanswered",
                                          "%u of %u items, %u unanswered", self->total),
                             shown, self->total, self->unanswered);
  gtk_label_set_text (self->count_label, count != NULL ? count : "");
}

static void count_now (RoundsInboxPage *self);

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RoundsInboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint total = 0, unanswered = 0;
  gboolean ok;

  /* Another practice since, or gone */
  if (self->context == NULL || g_task_get_cancellable (G_TASK (result)) != self->counting)
    return;
  g_clear_object (&self->counting);
  ok = rounds_store_count_inbox_finish (rounds_context_get_store (self->context), result, &total,
                                        &unanswered, &error);

  if (!ok)
    g_debug ("Inbox: %s", error->message);
  else
    {
      gboolean changed = self->unanswered != unanswered;

      self->counted = TRUE;
      self->total = total;
      self->unanswered = unanswered;
      update_state (self);
      if (changed)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNANSWERED]);
    }
  /* Changes came in while counting: count them too. */
  if (self->count_again)
    count_now (self);
}

/* The counts are a pass over every item (tens of milliseconds with
 * 100,000 of them): on a worker, one at a time, the last once more if
 * changes came in meanwhile. */
static void
count_now (RoundsInboxPage *self)
{
  RoundsStore *store = self->context ? rounds_context_get_store (self->context) : NULL;

  self->count_again = FALSE;
  if (store == NULL)
    return;
  if (self->counting != NULL)
    {
      self->count_again = TRUE;
      return;
    }
  self->counting = g_cancellable_new ();
  rounds_store_count_inbox_async (store, self->counting, on_counted_cb, g_object_ref (self));
}

static gboolean
count_idle_cb (gpointer data)
{
  RoundsInboxPage *self = data;

  self->count_idle = 0;
  count_now (self);
  return G_SOURCE_REMOVE;
}

/* The changes of one main loop turn (a fetch that brings fifty comments
 * is fifty row changes) are counted once. */
static void
queue_count (RoundsInboxPage *self)
{
  if (self->count_idle == 0)
    self->count_idle = g_idle_add (count_idle_cb, self);
}

/* The crisis plan's time to answer each kind: "needs attention" shows
 * the unanswered items past it. Says whether it changed. */
static gboolean
read_overdue (RoundsInboxPage *self)
{
  gint64 seconds[ROUNDS_TRIAGE_LAST + 1];

  for (guint k = 0; k <= ROUNDS_TRIAGE_LAST; k++)
    seconds[k] = rounds_plan_response_seconds (self->crisis, rounds_triage_kind_to_string (k));
  if (memcmp (seconds, self->overdue, sizeof seconds) == 0)
    return FALSE;
  memcpy (self->overdue, seconds, sizeof seconds);
  return TRUE;
}

static GtkAdjustment *
vadjustment (RoundsInboxPage *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->list_view),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  return scroller ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)) : NULL;
}

/* GTK 4.8 has no gtk_list_view_scroll_to(): its list.scroll-to-item
 * action moves its anchor (setting the adjustment does not stay). */
static gboolean
scroll_to_top_cb (gpointer data)
{
  RoundsInboxPage *self = data;

  self->scroll_idle = 0;
  if (self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  return G_SOURCE_REMOVE;
}

/* After the view has taken in the change (never inside items-changed). */
static void
scroll_to_top (RoundsInboxPage *self)
{
  if (self->scroll_idle == 0)
    self->scroll_idle = g_idle_add (scroll_to_top_cb, self);
}

/* The filters as SQL (RoundsCommentList). */
static void
refilter (RoundsInboxPage *self)
{
  RoundsInboxFilter filter = { 0 };
  RoundsTriageKind kind;

  if (self->list == NULL)
    return;
  if (self->show == ROUNDS_INBOX_SHOW_UNANSWERED)
    filter.flags |= ROUNDS_INBOX_FILTER_UNANSWERED;
  else if (self->show == ROUNDS_INBOX_SHOW_NEEDS_ATTENTION)
    filter.flags |= ROUNDS_INBOX_FILTER_NEEDS_ATTENTION;
  filter.networks = self->network;
  if (self->kind != NULL && rounds_triage_kind_from_string (self->kind, &kind))
    filter.kinds = ROUNDS_INBOX_KIND_BIT (kind);
  read_overdue (self);
  rounds_comment_list_set_overdue (self->list, self->overdue, now_of (self));
  rounds_comment_list_set_filter (self->list, &filter);
  /* Other items: from the newest again. */
  scroll_to_top (self);
  update_state (self);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RoundsInboxPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rounds_comment_list_load_finish (ROUNDS_COMMENT_LIST (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Inbox: %s", error->message);
  if (ROUNDS_COMMENT_LIST (source) == self->list)
    update_state (self);
}

/* The ids are read when the Inbox is first shown, on a worker. */
static void
ensure_loaded (RoundsInboxPage *self)
{
  if (self->list == NULL || self->load_started || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->load_started = TRUE;
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  rounds_comment_list_load_async (self->list, self->loading, on_loaded_cb, g_object_ref (self));
}

static void
on_comments_changed_cb (RoundsInboxPage *self)
{
  g_clear_pointer (&self->crisis, json_object_unref);
  self->crisis = _rounds_inbox_load_crisis (self->context);
  /* The rows changed one by one (the list follows ::comment-changed);
   * only a new crisis plan changes which are overdue. */
  if (read_overdue (self))
    rounds_comment_list_set_overdue (self->list, self->overdue, now_of (self));
  queue_count (self);
}

static void
on_map_cb (RoundsInboxPage *self)
{
  ensure_loaded (self);
}

/* GTK 4.8's list view makes a row for each of ~200 items from the top
 * at once (bench/README.md, switch14a): when the ids come, it is shown
 * the first FIRST_ROWS (more than a screenful), and GROW_ROWS more at
 * each frame after, until it has them all: the first frame with rows
 * makes those on screen, the next frames the rest. Positions are the
 * list's (the slice starts at 0). */
static void
stop_growing (RoundsInboxPage *self)
{
  if (self->grow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_tick);
  self->grow_tick = 0;
}

static gboolean
grow_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  RoundsInboxPage *self = data;
  guint size = gtk_slice_list_model_get_size (self->slice);
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  /* The first tick is of the frame that lays out the first rows */
  if (!self->grown_once)
    {
      self->grown_once = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (size >= n || size >= MAX_GROWN)
    {
      gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
      self->grow_tick = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->slice, size + GROW_ROWS);
  return G_SOURCE_CONTINUE;
}

static void
start_growing (RoundsInboxPage *self)
{
  if (self->grow_tick != 0 || gtk_slice_list_model_get_size (self->slice) == G_MAXUINT)
    return;
  self->grown_once = FALSE;
  self->grow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), grow_cb, self,
                                                  NULL);
}

/* A GtkListView keeps its first row in place when items come in above
 * it; a person reading the top of the Inbox should see the new one. */
static void
on_items_changed_cb (RoundsInboxPage *self,
                     guint            position,
                     guint            removed,
                     guint            added)
{
  GtkAdjustment *adj = vadjustment (self);

  if (position == 0 && added > removed && adj != NULL && self->at_top)
    scroll_to_top (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) >
      gtk_slice_list_model_get_size (self->slice))
    start_growing (self);
  update_state (self);
  queue_count (self);
}

static void
on_scrolled_cb (GtkAdjustment   *adj,
                RoundsInboxPage *self)
{
  self->at_top = gtk_adjustment_get_value (adj) < 1;
}

/* ---- rows ------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RoundsInboxPage *self = user_data;

  gtk_list_item_set_child (item, GTK_WIDGET (rounds_inbox_row_new (self->row_styles)));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  RoundsInboxPage *self = user_data;
  RoundsComment *comment = gtk_list_item_get_item (item);
  RoundsInboxFacts facts;
  gint64 now = now_of (self);

  _rounds_inbox_facts (self->context, self->crisis, comment, now, &facts);
  rounds_inbox_row_bind (ROUNDS_INBOX_ROW (gtk_list_item_get_child (item)), comment, &facts, now,
                         self->tz);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  rounds_inbox_row_bind (ROUNDS_INBOX_ROW (gtk_list_item_get_child (item)), NULL, NULL, 0, NULL);
}

/* ---- callbacks -------------------------------------------------------- */

static void
on_filters_changed_cb (RoundsInboxPage *self)
{
  guint show = gtk_drop_down_get_selected (self->show_dropdown);
  guint network = gtk_drop_down_get_selected (self->network_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  self->show = show == GTK_INVALID_LIST_POSITION ? ROUNDS_INBOX_SHOW_ALL : show;
  self->network = network < G_N_ELEMENTS (networks) ? networks[network] : ROUNDS_NETWORK_NONE;
  g_free (self->kind);
  self->kind = g_strdup (kind < G_N_ELEMENTS (kinds) ? kinds[kind] : NULL);
  refilter (self);
}

static void
on_show_all_clicked_cb (RoundsInboxPage *self)
{
  rounds_inbox_page_set_filters (self, ROUNDS_INBOX_SHOW_ALL, ROUNDS_NETWORK_NONE, NULL);
}

static void
on_row_activated_cb (RoundsInboxPage *self,
                     guint            position)
{
  g_autoptr(RoundsComment) comment = NULL;

  if (self->list == NULL)
    return;
  comment = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (comment != NULL)
    rounds_inbox_page_open_reply (self, rounds_comment_get_id (comment));
}

static void
on_add_clicked_cb (RoundsInboxPage *self)
{
  rounds_inbox_page_add_by_hand (self);
}

/* ---- GObject ---------------------------------------------------------- */

static void
rounds_inbox_page_dispose (GObject *object)
{
  RoundsInboxPage *self = ROUNDS_INBOX_PAGE (object);

  rounds_inbox_page_set_context (self, NULL);
  stop_growing (self);
  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  g_clear_handle_id (&self->count_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROUNDS_TYPE_INBOX_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->list);
  g_clear_object (&self->sender);

  G_OBJECT_CLASS (rounds_inbox_page_parent_class)->dispose (object);
}

static void
rounds_inbox_page_finalize (GObject *object)
{
  RoundsInboxPage *self = ROUNDS_INBOX_PAGE (object);

  g_free (self->kind);

  G_OBJECT_CLASS (rounds_inbox_page_parent_class)->finalize (object);
}

static void
rounds_inbox_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RoundsInboxPage *self = ROUNDS_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_UNANSWERED:
      g_value_set_uint (value, self->unanswered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_inbox_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RoundsInboxPage *self = ROUNDS_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      rounds_inbox_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_inbox_page_class_init (RoundsInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_inbox_page_dispose;
  object_class->finalize = rounds_inbox_page_finalize;
  object_class->get_property = rounds_inbox_page_get_property;
  object_class->set_property = rounds_inbox_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, ROUNDS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * RoundsInboxPage:unanswered:
   *
   * How many items wait for an answer (the switcher's badge).
   */
  properties[PROP_UNANSWERED] =
    g_param_spec_uint ("unanswered", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/roundsapp/Rounds/ui/rounds-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxPage, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxPage, network_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, RoundsInboxPage, empty_add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);

  g_type_ensure (ROUNDS_TYPE_INBOX_ROW);
}

static void
rounds_inbox_page_init (RoundsInboxPage *self)
{
  g_autoptr(GtkStringList) shows = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) nets = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Hidden, among the page's widgets: the stylesheet styles them. */
  self->row_styles = rounds_inbox_row_new_styles ();
  gtk_box_append (GTK_BOX (adw_bin_get_child (ADW_BIN (self))), self->row_styles);

  gtk_string_list_append (shows, _("All"));
  gtk_string_list_append (shows, _("Unanswered"));
  gtk_string_list_append (shows, _("Needs Attention"));
  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    gtk_string_list_append (nets, i == 0 ? _("All Networks") : rounds_network_get_label (networks[i]));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, i == 0 ? _("All Kinds") : _rounds_inbox_kind_label (kinds[i]));
  gtk_drop_down_set_model (self->show_dropdown, G_LIST_MODEL (shows));
  gtk_drop_down_set_model (self->network_dropdown, G_LIST_MODEL (nets));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_names));

  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
    gtk_list_view_set_factory (self->list_view, factory);
  }
  self->at_top = TRUE;
  g_signal_connect_object (vadjustment (self), "value-changed", G_CALLBACK (on_scrolled_cb), self,
                           0);
  self->slice = gtk_slice_list_model_new (NULL, 0, FIRST_ROWS);
  self->selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->slice)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  update_state (self);
}

/* ---- public ----------------------------------------------------------- */

RoundsContext *
rounds_inbox_page_get_context (RoundsInboxPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_PAGE (self), NULL);
  return self->context;
}

/* Offline (practice server), what adds or fetches comments is off (a
 * fetch writes what it finds into the practice); the list stays readable
 * and replies open read-only. */
static void
update_add_buttons (RoundsInboxPage *self)
{
  RoundsStore *store = self->context != NULL ? rounds_context_get_store (self->context) : NULL;

  rounds_offline_apply (self->add_button, store, TRUE,
                        _("Add a comment or review from a network Rounds is not connected to"));
  rounds_offline_apply (self->empty_add_button, store, TRUE, NULL);
  rounds_offline_apply (self->refresh_button, store, TRUE, _("Look for New Comments"));
}

void
rounds_inbox_page_set_context (RoundsInboxPage *self,
                               RoundsContext   *context)
{
  g_return_if_fail (ROUNDS_IS_INBOX_PAGE (self));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      g_clear_signal_handler (&self->comments_handler, rounds_context_get_store (self->context));
      g_clear_signal_handler (&self->online_handler, rounds_context_get_store (self->context));
    }
  g_set_object (&self->context, context);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->crisis, json_object_unref);
  g_clear_object (&self->sender);

  if (context != NULL)
    {
      g_autoptr(RoundsSecrets) secrets = rounds_secrets_new ();
      RoundsStore *store = rounds_context_get_store (context);

      self->tz = rounds_context_dup_time_zone (context);
      self->crisis = _rounds_inbox_load_crisis (context);
      self->sender = rounds_reply_sender_new (store, secrets);
      self->comments_handler = g_signal_connect_object (store, "comments-changed",
                                                        G_CALLBACK (on_comments_changed_cb), self,
                                                        G_CONNECT_SWAPPED);
      self->online_handler = g_signal_connect_object (store, "notify::online",
                                                      G_CALLBACK (update_add_buttons), self,
                                                      G_CONNECT_SWAPPED);
    }

  /* Offline (practice server), what adds or fetches comments is off;
   * the list stays readable and replies open read-only. */
  update_add_buttons (self);

  /* Counted again, on a worker */
  g_cancellable_cancel (self->counting);
  g_clear_object (&self->counting);
  g_clear_handle_id (&self->count_idle, g_source_remove);
  self->count_again = FALSE;
  self->counted = FALSE;
  self->total = 0;
  if (context == NULL && self->unanswered != 0)
    {
      self->unanswered = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNANSWERED]);
    }

  /* A new list, empty until the Inbox is shown (then read on a worker). */
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  self->load_started = FALSE;
  if (context != NULL)
    {
      self->list = rounds_comment_list_new (rounds_context_get_store (context));
      g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      memset (self->overdue, 0xff, sizeof self->overdue);   /* read again */
      refilter (self);
    }
  /* The view sees the first rows until the ids come (grow_cb()) */
  if (self->slice != NULL)
    {
      stop_growing (self);
      gtk_slice_list_model_set_size (self->slice, FIRST_ROWS);
      gtk_slice_list_model_set_model (self->slice, self->list ? G_LIST_MODEL (self->list) : NULL);
    }
  update_state (self);
  count_now (self);
  ensure_loaded (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

guint
rounds_inbox_page_get_unanswered (RoundsInboxPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_PAGE (self), 0);
  return self->unanswered;
}

/**
 * rounds_inbox_page_set_filters:
 * @network: %ROUNDS_NETWORK_NONE for every network
 * @kind: (nullable): a triage kind, %NULL for every kind
 */
void
rounds_inbox_page_set_filters (RoundsInboxPage *self,
                               RoundsInboxShow  show,
                               RoundsNetwork    network,
                               const char      *kind)
{
  g_return_if_fail (ROUNDS_IS_INBOX_PAGE (self));

  gtk_drop_down_set_selected (self->show_dropdown, show);
  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    if (networks[i] == network)
      gtk_drop_down_set_selected (self->network_dropdown, i);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  for (guint i = 1; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i], kind))
      gtk_drop_down_set_selected (self->kind_dropdown, i);
  on_filters_changed_cb (self);
}

/**
 * rounds_inbox_page_get_shown:
 *
 * Returns: (transfer none): the items the list shows, in order.
 */
GListModel *
rounds_inbox_page_get_shown (RoundsInboxPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_PAGE (self), NULL);
  return G_LIST_MODEL (self->list);
}

/**
 * rounds_inbox_page_get_reply_sender:
 *
 * Returns: (transfer none) (nullable): what sends replies through the
 *   networks (tests give it a connector factory).
 */
RoundsReplySender *
rounds_inbox_page_get_reply_sender (RoundsInboxPage *self)
{
  g_return_val_if_fail (ROUNDS_IS_INBOX_PAGE (self), NULL);
  return self->sender;
}

/**
 * rounds_inbox_page_open_reply:
 *
 * Returns: (transfer none) (nullable): the reply dialog shown.
 */
GtkWindow *
rounds_inbox_page_open_reply (RoundsInboxPage *self,
                              gint64           comment_id)
{
  g_autoptr(RoundsComment) comment = NULL;
  RoundsReplyDialog *dialog;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ROUNDS_IS_INBOX_PAGE (self), NULL);

  if (self->context != NULL)
    comment = rounds_store_dup_comment (rounds_context_get_store (self->context), comment_id);
  if (comment != NULL)
    {
      /* Opened is read: it no longer counts as new for notifications.
       * Not while the practice server cannot be reached: it stays new
       * until it is opened again (the reply dialog says it is read-only). */
      if (rounds_store_get_online (rounds_context_get_store (self->context)) &&
          !rounds_store_inbox_mark_read (rounds_context_get_store (self->context), comment_id,
                                         &error))
        g_warning ("Could not mark comment %" G_GINT64_FORMAT " as read: %s", comment_id,
                   error->message);
      dialog = rounds_reply_dialog_new (self->context, comment, self->sender);
      gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
      gtk_window_present (GTK_WINDOW (dialog));
      return GTK_WINDOW (dialog);
    }
  return NULL;
}

/**
 * rounds_inbox_page_add_by_hand:
 *
 * Returns: (transfer none) (nullable): the "Add Comment by Hand" dialog.
 */
GtkWindow *
rounds_inbox_page_add_by_hand (RoundsInboxPage *self)
{
  RoundsCommentDialog *dialog;

  g_return_val_if_fail (ROUNDS_IS_INBOX_PAGE (self), NULL);

  if (self->context == NULL)
    return NULL;
  dialog = rounds_comment_dialog_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
