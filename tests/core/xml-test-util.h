/* xml-test-util.h — a small XML tree read with GMarkup, for asserting
 * what a document holds (the Atom feed).
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

typedef struct _XNode XNode;
struct _XNode
{
  char       *name;
  GHashTable *attrs;
  GString    *text;
  GPtrArray  *children;
  XNode      *parent;
};

static void
xnode_free (XNode *node)
{
  g_free (node->name);
  g_hash_table_unref (node->attrs);
  g_string_free (node->text, TRUE);
  g_ptr_array_unref (node->children);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XNode, xnode_free)

static XNode *
xnode_new (const char *name,
           XNode      *parent)
{
  XNode *node = g_new0 (XNode, 1);

  node->name = g_strdup (name);
  node->attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  node->text = g_string_new (NULL);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)xnode_free);
  node->parent = parent;
  return node;
}

static void
x_start (GMarkupParseContext  *context,
         const char           *name,
         const char          **attr_names,
         const char          **attr_values,
         gpointer              user_data,
         GError              **error)
{
  XNode **current = user_data;
  XNode *node = xnode_new (name, *current);

  for (guint i = 0; attr_names[i] != NULL; i++)
    g_hash_table_insert (node->attrs, g_strdup (attr_names[i]), g_strdup (attr_values[i]));
  g_ptr_array_add ((*current)->children, node);
  *current = node;
}

static void
x_end (GMarkupParseContext  *context,
       const char           *name,
       gpointer              user_data,
       GError              **error)
{
  XNode **current = user_data;

  *current = (*current)->parent;
}

static void
x_text (GMarkupParseContext  *context,
        const char           *text,
        gsize                 len,
        gpointer              user_data,
        GError              **error)
{
  XNode **current = user_data;

  g_string_append_len ((*current)->text, text, len);
}

/* Parses @xml (skipping its XML declaration); the root's one child is
 * the document element. Fails the test on a parse error. */
static XNode *
xml_parse (const char *xml)
{
  static const GMarkupParser parser = { x_start, x_end, x_text, NULL, NULL };
  XNode *root = xnode_new ("", NULL);
  XNode *current = root;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *body = xml;

  if (g_str_has_prefix (body, "<?xml"))
    body = strstr (body, "?>") + 2;
  context = g_markup_parse_context_new (&parser, 0, &current, NULL);
  g_markup_parse_context_parse (context, body, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (root->children->len, ==, 1);
  return root;
}

static XNode *
xml_document (XNode *root)
{
  return root->children->pdata[0];
}

static guint
xml_count (XNode      *node,
           const char *name)
{
  guint n = 0;

  for (guint i = 0; i < node->children->len; i++)
    n += g_str_equal (((XNode *)node->children->pdata[i])->name, name);
  return n;
}

static XNode *
xml_child (XNode      *node,
           const char *name,
           guint       nth)
{
  for (guint i = 0; i < node->children->len; i++)
    if (g_str_equal (((XNode *)node->children->pdata[i])->name, name) && nth-- == 0)
      return node->children->pdata[i];
  return NULL;
}

static const char *
xml_text (XNode      *node,
          const char *name)
{
  XNode *child = xml_child (node, name, 0);

  return child != NULL ? child->text->str : NULL;
}
