/* rounds-posts-relay.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-posts-page"

#include "config.h"

#include "rounds-posts-relay.h"

/* The store's posts, as a list model that also says when one post has
 * changed. The store changes its own post objects in place and announces
 * it with ::post-changed only, so a filter or sorter above its list would
 * have to look at every post again after each change. The relay turns
 * ::post-changed into items-changed (position, 1, 1) for that one post:
 * a GtkFilterListModel checks that post alone and a GtkSortListModel
 * moves it alone, and the rest of the list stays as it is. */

struct _RoundsPostsRelay
{
  GObject      parent_instance;

  RoundsStore *store;
  GListModel  *posts;     /* the store's, borrowed while the store is ours */
  gulong       items_handler;
  gulong       changed_handler;

  /* Held while nobody looks (Posts not on screen): a post changed in
   * place is only noted, and a new store waits, so that nothing above
   * filters or sorts for a list no one sees. Additions and removals
   * still pass at once: what is above must always agree on the count. */
  gboolean     held;
  GHashTable  *changed;        /* RoundsPost* changed while held (refs) */
  RoundsStore *pending_store;  /* set while held, applied on release */
  gboolean     store_pending;
};

static void rounds_posts_relay_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RoundsPostsRelay, rounds_posts_relay, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rounds_posts_relay_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return ROUNDS_TYPE_POST;
}

static guint
get_n_items (GListModel *model)
{
  RoundsPostsRelay *self = ROUNDS_POSTS_RELAY (model);

  return self->posts != NULL ? g_list_model_get_n_items (self->posts) : 0;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RoundsPostsRelay *self = ROUNDS_POSTS_RELAY (model);

  return self->posts != NULL ? g_list_model_get_item (self->posts, position) : NULL;
}

static void
rounds_posts_relay_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* The store keeps its list in id order: search by id, and fall back to
 * looking at each post should that ever not hold. */
static gboolean
find (RoundsPostsRelay *self,
      RoundsPost       *post,
      guint            *position)
{
  guint n = g_list_model_get_n_items (self->posts);
  gint64 id = rounds_post_get_id (post);
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(RoundsPost) item = g_list_model_get_item (self->posts, mid);
      gint64 mid_id = rounds_post_get_id (item);

      if (item == post)
        {
          *position = mid;
          return TRUE;
        }
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RoundsPost) item = g_list_model_get_item (self->posts, i);

      if (item == post)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
on_items_changed_cb (RoundsPostsRelay *self,
                     guint             position,
                     guint             removed,
                     guint             added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
on_post_changed_cb (RoundsPostsRelay *self,
                    RoundsPost       *post)
{
  if (self->held)
    {
      if (!g_hash_table_contains (self->changed, post))
        g_hash_table_add (self->changed, g_object_ref (post));
      return;
    }
  rounds_posts_relay_touch (self, post);
}

static void
rounds_posts_relay_dispose (GObject *object)
{
  RoundsPostsRelay *self = ROUNDS_POSTS_RELAY (object);

  self->held = FALSE;
  self->store_pending = FALSE;
  g_clear_object (&self->pending_store);
  g_hash_table_remove_all (self->changed);
  rounds_posts_relay_set_store (self, NULL);

  G_OBJECT_CLASS (rounds_posts_relay_parent_class)->dispose (object);
}

static void
rounds_posts_relay_finalize (GObject *object)
{
  RoundsPostsRelay *self = ROUNDS_POSTS_RELAY (object);

  g_clear_pointer (&self->changed, g_hash_table_unref);

  G_OBJECT_CLASS (rounds_posts_relay_parent_class)->finalize (object);
}

static void
rounds_posts_relay_class_init (RoundsPostsRelayClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rounds_posts_relay_dispose;
  G_OBJECT_CLASS (klass)->finalize = rounds_posts_relay_finalize;
}

static void
rounds_posts_relay_init (RoundsPostsRelay *self)
{
  self->changed = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
}

RoundsPostsRelay *
rounds_posts_relay_new (void)
{
  return g_object_new (ROUNDS_TYPE_POSTS_RELAY, NULL);
}

/**
 * rounds_posts_relay_set_store:
 * @store: (nullable): whose posts to show
 */
void
rounds_posts_relay_set_store (RoundsPostsRelay *self,
                              RoundsStore      *store)
{
  guint before, after;

  g_return_if_fail (ROUNDS_IS_POSTS_RELAY (self));

  if (self->held)
    {
      /* The old store's posts leave now; the new ones come on release. */
      g_set_object (&self->pending_store, store);
      self->store_pending = TRUE;
      g_hash_table_remove_all (self->changed);
      store = NULL;
    }
  else
    {
      self->store_pending = FALSE;
      g_clear_object (&self->pending_store);
    }

  if (self->store == store)
    return;

  before = get_n_items (G_LIST_MODEL (self));
  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->items_handler, self->posts);
      g_clear_signal_handler (&self->changed_handler, self->store);
      self->posts = NULL;
    }
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->posts = rounds_store_get_posts (store);
      self->items_handler = g_signal_connect_object (self->posts, "items-changed",
                                                     G_CALLBACK (on_items_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
      self->changed_handler = g_signal_connect_object (store, "post-changed",
                                                       G_CALLBACK (on_post_changed_cb), self,
                                                       G_CONNECT_SWAPPED);
    }
  after = get_n_items (G_LIST_MODEL (self));
  if (before > 0 || after > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before, after);
}

/**
 * rounds_posts_relay_touch:
 *
 * Says that @post (one of the store's own) has changed, so that what
 * filters or sorts the list looks at it again.
 */
void
rounds_posts_relay_touch (RoundsPostsRelay *self,
                          RoundsPost       *post)
{
  guint position;

  g_return_if_fail (ROUNDS_IS_POSTS_RELAY (self));
  g_return_if_fail (ROUNDS_IS_POST (post));

  if (self->posts != NULL && find (self, post, &position))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/**
 * rounds_posts_relay_set_held:
 *
 * While held, posts changed in place and a new store are kept back;
 * on release the store is applied and each post changed meanwhile is
 * announced once, so that above the relay only those are looked at
 * again.
 */
void
rounds_posts_relay_set_held (RoundsPostsRelay *self,
                             gboolean          held)
{
  GHashTableIter iter;
  gpointer post;

  g_return_if_fail (ROUNDS_IS_POSTS_RELAY (self));

  if (self->held == held)
    return;
  self->held = held;
  if (held)
    return;

  if (self->store_pending)
    {
      g_autoptr(RoundsStore) store = g_steal_pointer (&self->pending_store);

      rounds_posts_relay_set_store (self, store);
    }

  g_hash_table_iter_init (&iter, self->changed);
  while (g_hash_table_iter_next (&iter, &post, NULL))
    rounds_posts_relay_touch (self, post);
  g_hash_table_remove_all (self->changed);
}

gboolean
rounds_posts_relay_get_held (RoundsPostsRelay *self)
{
  g_return_val_if_fail (ROUNDS_IS_POSTS_RELAY (self), FALSE);
  return self->held;
}
