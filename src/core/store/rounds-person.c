/* rounds-person.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-person.h"
#include "rounds-store-people.h"
#include "rounds-store-private.h"

/* One of the practice's people: a name, a role, whether they still work
 * here and whether a PIN is set (never the PIN or its hash). The store
 * keeps one object per person and updates it in place
 * (_rounds_person_update()), so rows bound to it follow renames. */

struct _RoundsPerson
{
  GObject           parent_instance;
  gint64            id;
  char             *name;
  char             *job_title;
  RoundsPersonRole  role;
  gboolean          active;
  gboolean          has_pin;
  char             *login;      /* the own database login on a server, or NULL */
};

G_DEFINE_FINAL_TYPE (RoundsPerson, rounds_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_JOB_TITLE,
  PROP_ACTIVE,
  PROP_HAS_PIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *id;
  const char *label;
} roles[] = {
  [ROUNDS_PERSON_ROLE_WRITER]   = { "writer",   N_("Writer") },
  [ROUNDS_PERSON_ROLE_APPROVER] = { "approver", N_("Approver") },
  [ROUNDS_PERSON_ROLE_MANAGER]  = { "manager",  N_("Manager") },
};

const char *
rounds_person_role_to_string (RoundsPersonRole role)
{
  g_return_val_if_fail (role <= ROUNDS_PERSON_ROLE_LAST, NULL);
  return roles[role].id;
}

gboolean
rounds_person_role_from_string (const char       *text,
                                RoundsPersonRole *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (text, roles[i].id) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * rounds_person_role_get_label:
 *
 * Returns: the role's name for people ("Approver"), translated.
 */
const char *
rounds_person_role_get_label (RoundsPersonRole role)
{
  g_return_val_if_fail (role <= ROUNDS_PERSON_ROLE_LAST, NULL);
  return _(roles[role].label);
}

static void
rounds_person_finalize (GObject *object)
{
  RoundsPerson *self = (RoundsPerson *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->job_title, g_free);
  g_clear_pointer (&self->login, g_free);

  G_OBJECT_CLASS (rounds_person_parent_class)->finalize (object);
}

static void
rounds_person_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RoundsPerson *self = ROUNDS_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:        g_value_set_int64 (value, self->id); break;
    case PROP_NAME:      g_value_set_string (value, self->name); break;
    case PROP_ROLE:      g_value_set_int (value, self->role); break;
    case PROP_JOB_TITLE: g_value_set_string (value, self->job_title); break;
    case PROP_ACTIVE:    g_value_set_boolean (value, self->active); break;
    case PROP_HAS_PIN:   g_value_set_boolean (value, self->has_pin); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_person_class_init (RoundsPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rounds_person_finalize;
  object_class->get_property = rounds_person_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_int ("role", NULL, NULL, 0, ROUNDS_PERSON_ROLE_LAST, 0,
                                            flags);
  properties[PROP_JOB_TITLE] = g_param_spec_string ("job-title", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);
  properties[PROP_HAS_PIN] = g_param_spec_boolean ("has-pin", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_person_init (RoundsPerson *self)
{
  self->active = TRUE;
}

RoundsPerson *
_rounds_person_new (gint64 id)
{
  RoundsPerson *self = g_object_new (ROUNDS_TYPE_PERSON, NULL);

  self->id = id;
  return self;
}

/* The store's one writer of a person's fields; notifies what changed. */
void
_rounds_person_update (RoundsPerson     *self,
                       const char       *name,
                       RoundsPersonRole  role,
                       const char       *job_title,
                       gboolean          active,
                       gboolean          has_pin)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (self->role != role)
    {
      self->role = role;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }
  if (g_strcmp0 (self->job_title, job_title) != 0)
    {
      g_free (self->job_title);
      self->job_title = g_strdup (job_title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_TITLE]);
    }
  if (self->active != !!active)
    {
      self->active = !!active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
  if (self->has_pin != !!has_pin)
    {
      self->has_pin = !!has_pin;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PIN]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gint64 rounds_person_get_id (RoundsPerson *self) { return self->id; }
/* A title before a name ("Dr.", "Mrs.", "Prof."): a short word that ends
 * in a full stop. */
static gboolean
is_title (const char *word)
{
  glong n = g_utf8_strlen (word, -1);

  return n >= 2 && n <= 5 && g_str_has_suffix (word, ".");
}

/**
 * rounds_person_name_shorten:
 * @name: a person's full name
 *
 * What a narrow place (the header's person menu) shows of a name: the
 * first name and the last name's initial ("Lena K."), leaving out a title
 * before the name ("Dr. Nnamdi Okafor" → "Nnamdi O."). A single name, or a
 * title with one name ("Dr. Okafor"), stays whole.
 *
 * Returns: (transfer full): the short form
 */
char *
rounds_person_name_shorten (const char *name)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  const char *last;
  gunichar initial;
  char buf[8] = { 0 };

  g_return_val_if_fail (name != NULL, NULL);

  words = g_strsplit_set (name, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);
  /* Titles before the first name. */
  while (kept->len > 2 && is_title (g_ptr_array_index (kept, 0)))
    g_ptr_array_remove_index (kept, 0);
  if (kept->len < 2 || (kept->len == 2 && is_title (g_ptr_array_index (kept, 0))))
    return g_strstrip (g_strdup (name));

  last = g_ptr_array_index (kept, kept->len - 1);
  initial = g_utf8_get_char_validated (last, -1);
  if (initial == (gunichar)-1 || initial == (gunichar)-2 || !g_unichar_isalpha (initial))
    return g_strdup_printf ("%s %s", (char *)g_ptr_array_index (kept, 0), last);
  g_unichar_to_utf8 (g_unichar_toupper (initial), buf);
  /* TRANSLATORS: a short name: first name and the last name's initial, "Lena K." */
  return g_strdup_printf (_("%s %s."), (char *)g_ptr_array_index (kept, 0), buf);
}

const char *rounds_person_get_name (RoundsPerson *self) { return self->name; }
RoundsPersonRole rounds_person_get_role (RoundsPerson *self) { return self->role; }
const char *rounds_person_get_job_title (RoundsPerson *self) { return self->job_title; }
gboolean rounds_person_get_active (RoundsPerson *self) { return self->active; }
gboolean rounds_person_get_has_pin (RoundsPerson *self) { return self->has_pin; }

/**
 * rounds_person_can_approve:
 *
 * Returns: whether @self may approve posts and replies and keep
 *   findings: an active approver or manager.
 */
gboolean
rounds_person_can_approve (RoundsPerson *self)
{
  g_return_val_if_fail (ROUNDS_IS_PERSON (self), FALSE);
  return self->active && self->role >= ROUNDS_PERSON_ROLE_APPROVER;
}

/**
 * rounds_person_can_manage:
 *
 * Returns: whether @self may add people, change roles and set PINs.
 */
gboolean
rounds_person_can_manage (RoundsPerson *self)
{
  g_return_val_if_fail (ROUNDS_IS_PERSON (self), FALSE);
  return self->active && self->role == ROUNDS_PERSON_ROLE_MANAGER;
}

/**
 * rounds_person_get_login:
 *
 * Returns: (nullable): the name of the person's own database login on
 *   a practice server (rounds_store_set_person_login()), or %NULL.
 */
const char *
rounds_person_get_login (RoundsPerson *self)
{
  g_return_val_if_fail (ROUNDS_IS_PERSON (self), NULL);
  return self->login;
}

void
_rounds_person_set_login (RoundsPerson *self,
                          const char   *login)
{
  g_return_if_fail (ROUNDS_IS_PERSON (self));
  if (login != NULL && login[0] == '\0')
    login = NULL;
  g_free (self->login);
  self->login = g_strdup (login);
}
