/* rounds-posts-cell.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-posts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-posts-cell.h"
#include "rounds-store-publish.h"
#include "rounds-text-line.h"
#include "rounds-time.h"

/* A cell of the Posts list, bound to its post by the column's list item
 * factory: the title (which also says the whole row to a screen reader),
 * the status as a coloured pill, the time in practice time, or the
 * networks, or what the compliance check found in it (how many findings
 * block it, how many need a decision). It follows the post's changes,
 * and the check's answers, while bound.
 *
 * A cell is one widget that draws its text from one kept PangoLayout
 * (the Calendar's chips do the same): GTK 4.8's GtkColumnView keeps about
 * 200 rows of 5 cells whatever shows, and a GtkLabel in a bin cost two
 * widgets a cell, each styled and measured, and the label shaped its text
 * three or four times to measure it. Here the height comes from the
 * font's metrics; an ellipsized text (title, time, networks: columns of a
 * fixed width, or the title's, which takes what the others leave) asks
 * for no width of its own and is shaped once, for the width it gets, when
 * drawn; a pill's text is shaped once more to measure it. To a
 * screen reader the cell is the label it replaces: the label role, its
 * text (or, in the title column, the whole row) as its name, its tooltip
 * as its description.
 *
 * The status cell also says how publishing went (DESIGN.md §4, §9): a
 * link per network where the post is live, the network's own message
 * and a Retry button (post.retry) when it failed, and when the next try
 * is while it is being retried. It reads the post's publications from
 * the store; it never changes them itself. */

struct _RoundsPostsCell
{
  GtkWidget            parent_instance;

  RoundsPostsColumn    column;
  RoundsPost          *post;
  GTimeZone           *tz;
  RoundsClock         *clock;
  RoundsStore         *store;
  RoundsCalendarMarks *marks;
  gulong               notify_handler;
  gulong               marks_handler;
  /* what the marks said of the post when last shown (title, check) */
  gboolean             counts_known;
  int                  n_block;
  int                  n_warn;

  RoundsTextLine       line;           /* the text, drawn */
  gboolean             ellipsize;
  char                *status_class;   /* the CSS class of the status or check shown, or NULL */

  char                *tip;   /* the tooltip, or NULL (set_tip()) */
  /* the status column's, made when first needed, else NULL: then the
   * cell draws nothing itself, its child box holds the pill as a label */
  GtkWidget           *box;
  GtkLabel            *label;
  GtkBox              *links_box;
  GtkButton           *retry_button;
  GtkLabel            *detail_label;
};

G_DEFINE_FINAL_TYPE (RoundsPostsCell, rounds_posts_cell, GTK_TYPE_WIDGET)

/* ---- the text --------------------------------------------------------- */

/* The widget that shows the text and carries its CSS classes: the cell,
 * or the pill label of a status cell with publishing widgets. */
static GtkWidget *
text_widget (RoundsPostsCell *self)
{
  return self->box != NULL ? GTK_WIDGET (self->label) : GTK_WIDGET (self);
}

static void
set_text (RoundsPostsCell *self,
          const char      *text)
{
  if (self->box != NULL)
    {
      gtk_label_set_text (self->label, text);
      return;
    }
  if (!rounds_text_line_set_text (&self->line, text))
    return;
  /* The title column's name is its whole row (update_title()). */
  if (self->column != ROUNDS_POSTS_COLUMN_TITLE)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text, -1);
  /* Only the width depends on the text: a resize that keeps the size
   * costs the measuring below, without the shaping a label does. */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Swaps the CSS class that says a status or a check (one at a time). */
static void
set_status_class (RoundsPostsCell *self,
                  const char      *css)
{
  if (g_strcmp0 (self->status_class, css) == 0)
    return;
  if (self->status_class != NULL)
    gtk_widget_remove_css_class (text_widget (self), self->status_class);
  g_free (self->status_class);
  self->status_class = g_strdup (css);
  if (css != NULL)
    gtk_widget_add_css_class (text_widget (self), css);
}

/* A status cell with its publishing widgets trades width for height: its
 * failure message wraps to two lines in a narrow column. */
static GtkSizeRequestMode
rounds_posts_cell_get_request_mode (GtkWidget *widget)
{
  RoundsPostsCell *self = ROUNDS_POSTS_CELL (widget);

  if (self->box != NULL)
    return gtk_widget_get_request_mode (self->box);
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
rounds_posts_cell_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  RoundsPostsCell *self = ROUNDS_POSTS_CELL (widget);

  if (self->box != NULL)
    {
      gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                          minimum_baseline, natural_baseline);
      return;
    }

  rounds_text_line_get_layout (&self->line, widget);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = self->line.line_height;
      *minimum_baseline = *natural_baseline = self->line.ascent;
      return;
    }

  /* An ellipsized cell takes the width its column gives: the columns
   * that ellipsize have a fixed width, or take the room the others leave
   * (the title). Its text is shaped once, for that width, when drawn. */
  if (self->ellipsize)
    *minimum = *natural = self->line.ellipsis_width;
  else
    *minimum = *natural = rounds_text_line_get_width (&self->line, widget);
}

static void
rounds_posts_cell_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  RoundsPostsCell *self = ROUNDS_POSTS_CELL (widget);

  if (self->box != NULL)
    gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static void
rounds_posts_cell_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  RoundsPostsCell *self = ROUNDS_POSTS_CELL (widget);

  if (self->box != NULL)
    gtk_widget_snapshot_child (widget, self->box, snapshot);
  else
    /* At the start of the line: the left, or the right from right to left */
    rounds_text_line_snapshot (&self->line, widget, snapshot, self->ellipsize, 0.0f);
}

/* ---- what the cell says ----------------------------------------------- */

/* The marks' counts for the bound post, noted as the ones shown. */
static gboolean
lookup_counts (RoundsPostsCell *self,
               int             *n_block,
               int             *n_warn)
{
  *n_block = *n_warn = 0;
  self->counts_known = self->marks != NULL &&
                       rounds_calendar_marks_lookup_counts (self->marks, self->post, n_block,
                                                            n_warn);
  self->n_block = *n_block;
  self->n_warn = *n_warn;
  return self->counts_known;
}

static void
update_title (RoundsPostsCell *self)
{
  RoundsPost *post = self->post;
  g_autofree char *title = rounds_post_dup_display_title (post);
  g_autofree char *networks = rounds_networks_get_label (rounds_post_get_networks (post));
  g_autofree char *when = NULL;
  g_autofree char *description = NULL;
  g_autofree char *checks = NULL;
  int n_block, n_warn;

  if (lookup_counts (self, &n_block, &n_warn))
    checks = rounds_posts_cell_describe_checks (n_block, n_warn);
  else
    checks = g_strdup (_("not checked yet"));

  if (rounds_post_get_scheduled_at (post) > 0 && self->tz != NULL)
    when = rounds_time_format (self->tz, rounds_post_get_scheduled_at (post), "%A %-d %B %H:%M");
  else
    when = g_strdup (_("not scheduled"));

  /* TRANSLATORS: read by screen readers for a row of the posts list:
   * title, time, networks, status, what the check found */
  description = g_strdup_printf (_("%s, %s, %s, %s, %s"), title, when, networks,
                                 rounds_post_status_get_label (rounds_post_get_status (post)),
                                 checks);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  set_text (self, title);

  /* The row a screen reader lands on says the same. GTK 4.8 has no
   * public row widget for a GtkColumnView (GtkColumnViewRow is 4.12):
   * the row is the ancestor with the row role, and this cell (the
   * title's) names it whenever it is bound to a post. */
  for (GtkWidget *w = gtk_widget_get_parent (GTK_WIDGET (self)); w != NULL;
       w = gtk_widget_get_parent (w))
    if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w)) == GTK_ACCESSIBLE_ROLE_ROW)
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        description, -1);
        break;
      }
    else if (GTK_IS_COLUMN_VIEW (w))
      break;
}

/* The text's tooltip. It is given when GTK asks for it ("query-tooltip"),
 * not set as the tooltip text: in GTK 4.8 setting a visible widget's
 * tooltip text asks the X server where the pointer is (a round trip, to
 * show or hide a tooltip that may be up), and a screenful of the list
 * binds about a thousand cells (bench/README.md). A screen reader hears
 * it as the text's description, as it did from the tooltip. */
static void
set_tip (RoundsPostsCell *self,
         const char      *text)
{
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->tip, text) == 0)
    return;
  g_free (self->tip);
  self->tip = g_strdup (text);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (text_widget (self)),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (text_widget (self)),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static gboolean
on_query_tooltip_cb (RoundsPostsCell *self,
                     int              x,
                     int              y,
                     gboolean         keyboard,
                     GtkTooltip      *tooltip)
{
  if (self->tip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->tip);
  return TRUE;
}

/* Sets @widget's tooltip text; returns whether it changed. GTK 4.8 asks
 * the X server where the pointer is when a visible widget's tooltip
 * text is set (a round trip, for a tooltip that may be up), not when a
 * hidden one's is: the widget is hidden meanwhile. */
static gboolean
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  gboolean visible = gtk_widget_get_visible (widget);

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return FALSE;
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, visible);
  return TRUE;
}

/* Only links the network gave that a browser can open safely. */
static gboolean
is_web_url (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

/* The status cell's publishing widgets (links, Retry, the network's
 * message) are made the first time a post bound to it needs them, and
 * kept hidden for the posts that do not: the list keeps about 200 rows
 * of cells (GTK 4.8's list views keep up to 200 rows whatever shows),
 * and a cell that is one label costs a fifth of one built with them
 * (bench/README.md, "Where the memory goes"). */
static void
ensure_publishing_widgets (RoundsPostsCell *self)
{
  GtkWidget *hbox;

  if (self->box != NULL)
    return;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (self->box, GTK_ALIGN_CENTER);
  hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->box), hbox);

  /* The pill becomes a label of the box: the cell's text, classes and
   * what it says to a screen reader move to it. */
  self->label = GTK_LABEL (gtk_label_new (self->line.text));
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_valign (GTK_WIDGET (self->label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "status-pill");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "status-pill");
  if (self->status_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), self->status_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->label), self->status_class);
    }
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (self->tip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->tip, -1);
  gtk_box_append (GTK_BOX (hbox), GTK_WIDGET (self->label));
  rounds_text_line_set_text (&self->line, NULL);

  self->links_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2));
  gtk_widget_set_visible (GTK_WIDGET (self->links_box), FALSE);
  gtk_box_append (GTK_BOX (hbox), GTK_WIDGET (self->links_box));

  self->retry_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Retry")));
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->retry_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->retry_button), "flat");
  gtk_box_append (GTK_BOX (hbox), GTK_WIDGET (self->retry_button));

  self->detail_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);
  gtk_label_set_xalign (self->detail_label, 0);
  gtk_label_set_wrap (self->detail_label, TRUE);
  gtk_label_set_wrap_mode (self->detail_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->detail_label, 2);
  gtk_label_set_ellipsize (self->detail_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->detail_label, 24);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "dim-label");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->detail_label));

  /* The box fills the cell; the pill keeps its own width. */
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_FILL);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
update_publishing (RoundsPostsCell *self)
{
  RoundsPost *post = self->post;
  RoundsPostStatus status = rounds_post_get_status (post);
  const char *message = rounds_post_get_last_error (post);
  g_autoptr(GPtrArray) pubs = NULL;
  g_autofree char *title = NULL;
  g_autofree char *retry_name = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *child;
  gint64 next_try = 0;
  guint n_links = 0;

  if (self->store != NULL &&
      (status == ROUNDS_POST_STATUS_PUBLISHING || status == ROUNDS_POST_STATUS_PUBLISHED ||
       status == ROUNDS_POST_STATUS_FAILED || status == ROUNDS_POST_STATUS_DUE))
    pubs = rounds_store_list_publications (self->store, rounds_post_get_id (post), NULL);

  for (guint i = 0; pubs != NULL && i < pubs->len; i++)
    {
      RoundsPublication *p = g_ptr_array_index (pubs, i);
      RoundsPublicationState state = rounds_publication_get_state (p);
      gint64 at = rounds_publication_get_next_try_at (p);

      if (state == ROUNDS_PUBLICATION_PUBLISHED && is_web_url (rounds_publication_get_url (p)))
        n_links++;
      else if ((state == ROUNDS_PUBLICATION_QUEUED || state == ROUNDS_PUBLICATION_PUBLISHING) &&
               at > 0 && (next_try == 0 || at < next_try))
        next_try = at;
    }

  if (status == ROUNDS_POST_STATUS_FAILED)
    detail = g_strdup (message != NULL && *message != '\0'
                         ? message : _("The network gave no reason"));
  else if (status == ROUNDS_POST_STATUS_PUBLISHING && next_try > 0 && self->tz != NULL &&
           self->clock != NULL)
    {
      g_autofree char *when = rounds_time_format_short (self->tz, next_try,
                                                        rounds_clock_get_now (self->clock));

      if (message != NULL && *message != '\0')
        /* TRANSLATORS: "Next try Today 14:05: Too many requests" */
        detail = g_strdup_printf (_("Next try %s: %s"), when, message);
      else
        /* TRANSLATORS: "Next try Today 14:05" */
        detail = g_strdup_printf (_("Next try %s"), when);
    }
  else if (status == ROUNDS_POST_STATUS_PUBLISHING && message != NULL && *message != '\0')
    detail = g_strdup (message);

  /* Nothing to show beyond the pill: no widgets made for it. */
  if (self->links_box == NULL && n_links == 0 && detail == NULL &&
      status != ROUNDS_POST_STATUS_FAILED)
    return;
  ensure_publishing_widgets (self);

  /* The links of the last post bound are used again, so that a row
   * bound anew (every row of a screenful, at each step of a fast
   * scroll) makes no widget. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->links_box));
  for (guint i = 0; pubs != NULL && i < pubs->len; i++)
    {
      RoundsPublication *p = g_ptr_array_index (pubs, i);
      const char *url = rounds_publication_get_url (p);

      if (rounds_publication_get_state (p) == ROUNDS_PUBLICATION_PUBLISHED && is_web_url (url))
        {
          const char *network = rounds_network_get_label (rounds_publication_get_network (p));
          GtkWidget *link = child;
          g_autofree char *name = NULL;

          if (link == NULL)
            {
              link = gtk_link_button_new_with_label (url, network);
              gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
              gtk_box_append (self->links_box, link);
            }
          else
            child = gtk_widget_get_next_sibling (child);
          if (g_strcmp0 (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), url) != 0)
            gtk_link_button_set_uri (GTK_LINK_BUTTON (link), url);
          if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (link)), network) != 0)
            gtk_button_set_label (GTK_BUTTON (link), network);
          /* TRANSLATORS: a link's accessible name and tooltip: "Open the post on Mastodon" */
          name = g_strdup_printf (_("Open the post on %s"), network);
          if (set_tooltip (link, name))
            gtk_accessible_update_property (GTK_ACCESSIBLE (link), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            name, -1);
          gtk_widget_set_visible (link, TRUE);
        }
    }
  for (; child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_visible (child, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->links_box), n_links > 0);

  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), status == ROUNDS_POST_STATUS_FAILED);
  title = rounds_post_dup_display_title (post);
  /* TRANSLATORS: the Retry button's accessible name: "Retry publishing Flu shots" */
  retry_name = g_strdup_printf (_("Retry publishing %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->retry_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, retry_name, -1);
  /* The target first: the action takes the post's id. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->retry_button),
                                          g_variant_new_int64 (rounds_post_get_id (post)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry_button), "post.retry");

  gtk_label_set_text (self->detail_label, detail ? detail : "");
  set_tooltip (GTK_WIDGET (self->detail_label), detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
}

static void
update_status (RoundsPostsCell *self)
{
  static const char * const classes[] = { "status-draft", "status-in-review", "status-approved",
                                          "status-scheduled", "status-due", "status-publishing",
                                          "status-published", "status-failed",
                                          "status-cancelled" };
  RoundsPostStatus status = rounds_post_get_status (self->post);

  set_status_class (self, classes[status]);
  set_text (self, rounds_post_status_get_label (status));
  set_tip (self, rounds_post_get_last_error (self->post));
  update_publishing (self);
}

static void
update_time (RoundsPostsCell *self)
{
  gint64 when = rounds_post_get_scheduled_at (self->post);

  if (when == 0 || self->tz == NULL || self->clock == NULL)
    {
      set_text (self, _("Not scheduled"));
      gtk_widget_add_css_class (text_widget (self), "dim-label");
    }
  else
    {
      g_autofree char *text = rounds_time_format_short (self->tz, when,
                                                        rounds_clock_get_now (self->clock));

      set_text (self, text);
      gtk_widget_remove_css_class (text_widget (self), "dim-label");
    }
}

static void
update_networks (RoundsPostsCell *self)
{
  g_autofree char *text = rounds_networks_get_label (rounds_post_get_networks (self->post));

  set_text (self, text);
  set_tip (self, text);
}

static void
update_checks (RoundsPostsCell *self)
{
  const char *css = NULL;
  g_autofree char *text = NULL;
  int n_block = 0, n_warn = 0;

  if (!lookup_counts (self, &n_block, &n_warn))
    {
      set_status_class (self, NULL);
      set_text (self, _("Checking…"));
      gtk_widget_add_css_class (text_widget (self), "dim-label");
      set_tip (self, NULL);
      return;
    }

  gtk_widget_remove_css_class (text_widget (self), "dim-label");
  if (n_block > 0 && n_warn > 0)
    /* TRANSLATORS: the Posts list's check column: "2 to fix, 1 to decide" */
    text = g_strdup_printf (_("%d to fix, %d to decide"), n_block, n_warn);
  else if (n_block > 0)
    /* TRANSLATORS: the Posts list's check column: findings that block the post */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d to fix", "%d to fix", n_block),
                            n_block);
  else if (n_warn > 0)
    /* TRANSLATORS: the Posts list's check column: findings that need a decision */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d to decide", "%d to decide",
                                         n_warn), n_warn);
  else
    text = g_strdup (_("No problems"));
  css = n_block > 0 ? "checks-block" : n_warn > 0 ? "checks-warn" : "checks-clear";
  set_status_class (self, css);
  set_text (self, text);
  g_clear_pointer (&text, g_free);
  text = rounds_posts_cell_describe_checks (n_block, n_warn);
  set_tip (self, text);
}

static void
update (RoundsPostsCell *self)
{
  if (self->post == NULL)
    return;

  switch (self->column)
    {
    case ROUNDS_POSTS_COLUMN_TITLE:
      update_title (self);
      break;
    case ROUNDS_POSTS_COLUMN_STATUS:
      update_status (self);
      break;
    case ROUNDS_POSTS_COLUMN_TIME:
      update_time (self);
      break;
    case ROUNDS_POSTS_COLUMN_NETWORKS:
      update_networks (self);
      break;
    case ROUNDS_POSTS_COLUMN_CHECKS:
      update_checks (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The check's answers changed (some posts', a batch at a time): only a
 * cell whose post's counts changed shows anything new. */
static void
on_marks_changed_cb (RoundsPostsCell *self)
{
  int n_block = 0, n_warn = 0;
  gboolean known;

  if (self->post == NULL)
    return;
  known = rounds_calendar_marks_lookup_counts (self->marks, self->post, &n_block, &n_warn);
  if (known == self->counts_known && n_block == self->n_block && n_warn == self->n_warn)
    return;
  update (self);
}

static void
rounds_posts_cell_dispose (GObject *object)
{
  RoundsPostsCell *self = ROUNDS_POSTS_CELL (object);

  rounds_posts_cell_unbind (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (rounds_posts_cell_parent_class)->dispose (object);
}

static void
rounds_posts_cell_finalize (GObject *object)
{
  RoundsPostsCell *self = ROUNDS_POSTS_CELL (object);

  rounds_text_line_clear (&self->line);
  g_free (self->status_class);
  g_free (self->tip);

  G_OBJECT_CLASS (rounds_posts_cell_parent_class)->finalize (object);
}

static void
rounds_posts_cell_class_init (RoundsPostsCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_posts_cell_dispose;
  object_class->finalize = rounds_posts_cell_finalize;
  widget_class->get_request_mode = rounds_posts_cell_get_request_mode;
  widget_class->measure = rounds_posts_cell_measure;
  widget_class->size_allocate = rounds_posts_cell_size_allocate;
  widget_class->snapshot = rounds_posts_cell_snapshot;
  /* Styled, and said to a screen reader, as the label it replaces. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
rounds_posts_cell_init (RoundsPostsCell *self)
{
  /* One widget; the status column adds its publishing widgets when a
   * post needs them (ensure_publishing_widgets()). */
  rounds_text_line_init (&self->line);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

GtkWidget *
rounds_posts_cell_new (RoundsPostsColumn column)
{
  RoundsPostsCell *self = g_object_new (ROUNDS_TYPE_POSTS_CELL, NULL);

  self->column = column;
  if (column == ROUNDS_POSTS_COLUMN_TITLE)
    /* The row's name is set once the cell is in its row. */
    g_signal_connect (self, "notify::parent", G_CALLBACK (update), NULL);
  if (column == ROUNDS_POSTS_COLUMN_STATUS || column == ROUNDS_POSTS_COLUMN_CHECKS)
    {
      gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
      gtk_widget_add_css_class (GTK_WIDGET (self),
                                column == ROUNDS_POSTS_COLUMN_STATUS ? "status-pill"
                                                                     : "checks-pill");
    }
  else
    {
      self->ellipsize = TRUE;
      gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
      gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
    }
  return GTK_WIDGET (self);
}

/**
 * rounds_posts_cell_bind:
 * @store: (nullable): the post's store, for its publications
 * @tz: (nullable): the practice's time zone
 * @clock: (nullable): what "now" is, for relative times
 * @marks: (nullable): the compliance check's answers
 */
void
rounds_posts_cell_bind (RoundsPostsCell     *self,
                        RoundsPost          *post,
                        RoundsStore         *store,
                        GTimeZone           *tz,
                        RoundsClock         *clock,
                        RoundsCalendarMarks *marks)
{
  g_return_if_fail (ROUNDS_IS_POSTS_CELL (self));
  g_return_if_fail (ROUNDS_IS_POST (post));

  rounds_posts_cell_unbind (self);
  self->post = g_object_ref (post);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : NULL;
  g_set_object (&self->clock, clock);
  g_set_object (&self->store, store);
  /* Plain handlers, not g_signal_connect_object(): the cell holds the
   * post and the marks while bound and disconnects at unbind (and at
   * dispose), and a screenful of rows bound anew connects a thousand
   * handlers: no watch of the cell is needed. */
  self->notify_handler = g_signal_connect_swapped (post, "notify", G_CALLBACK (update), self);
  if (marks != NULL &&
      (self->column == ROUNDS_POSTS_COLUMN_TITLE || self->column == ROUNDS_POSTS_COLUMN_CHECKS))
    {
      self->marks = g_object_ref (marks);
      self->marks_handler = g_signal_connect_swapped (marks, "changed",
                                                      G_CALLBACK (on_marks_changed_cb), self);
    }
  update (self);
}

void
rounds_posts_cell_unbind (RoundsPostsCell *self)
{
  g_return_if_fail (ROUNDS_IS_POSTS_CELL (self));

  if (self->post != NULL)
    g_clear_signal_handler (&self->notify_handler, self->post);
  if (self->marks != NULL)
    g_clear_signal_handler (&self->marks_handler, self->marks);
  g_clear_object (&self->marks);
  g_clear_object (&self->post);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);
}

/**
 * rounds_posts_cell_describe_checks:
 *
 * Returns: what the check found, as a screen reader says it in a row:
 *   "2 problems to fix, 1 to decide", "no problems found".
 */
char *
rounds_posts_cell_describe_checks (int n_block,
                                   int n_warn)
{
  if (n_block > 0 && n_warn > 0)
    /* TRANSLATORS: "2 problems to fix, 1 to decide" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d problem to fix, %d to decide",
                                         "%d problems to fix, %d to decide", n_block),
                            n_block, n_warn);
  if (n_block > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d problem to fix",
                                         "%d problems to fix", n_block), n_block);
  if (n_warn > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d problem to decide",
                                         "%d problems to decide", n_warn), n_warn);
  return g_strdup (_("no problems found"));
}

/**
 * rounds_posts_cell_get_post:
 *
 * Returns: (transfer none) (nullable): the post the cell shows, if bound
 */
RoundsPost *
rounds_posts_cell_get_post (RoundsPostsCell *self)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_CELL (self), NULL);
  return self->post;
}

/**
 * rounds_posts_cell_get_text:
 *
 * Returns: (transfer none): the text the cell shows (its title, status,
 *   time, networks or what the check found)
 */
const char *
rounds_posts_cell_get_text (RoundsPostsCell *self)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_CELL (self), NULL);
  if (self->box != NULL)
    return gtk_label_get_text (self->label);
  return self->line.text != NULL ? self->line.text : "";
}
