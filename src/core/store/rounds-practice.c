/* rounds-practice.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-practice"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rounds-content-language.h"
#include "rounds-practice.h"
#include "rounds-time.h"

/* The practice profile: who the practice is. It names what belongs to the
 * practice itself (phones, addresses, websites, staff) so that the
 * compliance scanner never flags it, and it carries the practice's time
 * zone, in which every view shows time. */

struct _RoundsPractice
{
  GObject   parent_instance;
  char     *strings[5];   /* indexed by PROP_NAME … PROP_CONTENT_LANGUAGE - PROP_NAME */
  GStrv     lists[7];     /* indexed by PROP_PHONES … PROP_ALLOW - PROP_PHONES */
};

G_DEFINE_FINAL_TYPE (RoundsPractice, rounds_practice, G_TYPE_OBJECT)

G_DEFINE_QUARK (rounds-practice-error-quark, rounds_practice_error)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SPECIALTY,
  PROP_TIMEZONE,
  PROP_WEBSITE,
  PROP_CONTENT_LANGUAGE,
  PROP_PHONES,
  PROP_EMAILS,
  PROP_ADDRESSES,
  PROP_STAFF_NAMES,
  PROP_STAFF_ROLES,
  PROP_LANGUAGES,
  PROP_ALLOW,
  N_PROPS
};

#define IS_STRING_PROP(p) ((p) >= PROP_NAME && (p) < PROP_PHONES)
#define IS_LIST_PROP(p)   ((p) >= PROP_PHONES && (p) < N_PROPS)

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *id;
  const char *label;
} specialties[] = {
  { ROUNDS_SPECIALTY_FAMILY_MEDICINE,  N_("Family medicine") },
  { ROUNDS_SPECIALTY_DENTISTRY,        N_("Dentistry") },
  { ROUNDS_SPECIALTY_DERMATOLOGY,      N_("Dermatology") },
  { ROUNDS_SPECIALTY_PEDIATRICS,       N_("Pediatrics") },
  { ROUNDS_SPECIALTY_PHYSICAL_THERAPY, N_("Physical therapy") },
  { ROUNDS_SPECIALTY_OTHER,            N_("Other") },
};

static const char * const specialty_ids[] = {
  ROUNDS_SPECIALTY_FAMILY_MEDICINE,
  ROUNDS_SPECIALTY_DENTISTRY,
  ROUNDS_SPECIALTY_DERMATOLOGY,
  ROUNDS_SPECIALTY_PEDIATRICS,
  ROUNDS_SPECIALTY_PHYSICAL_THERAPY,
  ROUNDS_SPECIALTY_OTHER,
  NULL
};

static const char * const empty_list[] = { NULL };

static void
set_string_prop (RoundsPractice *self,
                 guint           prop,
                 const char     *value)
{
  char **field = &self->strings[prop - PROP_NAME];

  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_list_prop (RoundsPractice     *self,
               guint               prop,
               const char * const *value)
{
  GStrv *field = &self->lists[prop - PROP_PHONES];
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) cleaned = NULL;

  /* Keep the lists tidy: trimmed, no empty entries — except staff roles,
   * which run parallel to staff names and may be blank. */
  for (guint i = 0; value != NULL && value[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (value[i]));

      if (item[0] == '\0' && prop != PROP_STAFF_ROLES)
        continue;
      g_strv_builder_add (builder, item);
    }
  cleaned = g_strv_builder_end (builder);

  if (*field != NULL && g_strv_equal ((const char * const *)*field,
                                      (const char * const *)cleaned))
    return;

  g_strfreev (*field);
  *field = g_steal_pointer (&cleaned);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
rounds_practice_finalize (GObject *object)
{
  RoundsPractice *self = (RoundsPractice *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    g_clear_pointer (&self->strings[i], g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->lists); i++)
    g_clear_pointer (&self->lists[i], g_strfreev);

  G_OBJECT_CLASS (rounds_practice_parent_class)->finalize (object);
}

static void
rounds_practice_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RoundsPractice *self = ROUNDS_PRACTICE (object);

  if (IS_STRING_PROP (prop_id))
    g_value_set_string (value, self->strings[prop_id - PROP_NAME]);
  else if (IS_LIST_PROP (prop_id))
    g_value_set_boxed (value, self->lists[prop_id - PROP_PHONES]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
rounds_practice_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RoundsPractice *self = ROUNDS_PRACTICE (object);

  if (IS_STRING_PROP (prop_id))
    set_string_prop (self, prop_id, g_value_get_string (value));
  else if (IS_LIST_PROP (prop_id))
    set_list_prop (self, prop_id, g_value_get_boxed (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
rounds_practice_class_init (RoundsPracticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *string_names[] = { "name", "specialty", "timezone", "website",
                                        "content-language" };
  static const char *list_names[] = { "phones", "emails", "addresses", "staff-names",
                                      "staff-roles", "languages", "allow" };

  object_class->finalize = rounds_practice_finalize;
  object_class->get_property = rounds_practice_get_property;
  object_class->set_property = rounds_practice_set_property;

  for (guint i = 0; i < G_N_ELEMENTS (string_names); i++)
    properties[PROP_NAME + i] =
      g_param_spec_string (string_names[i], NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  for (guint i = 0; i < G_N_ELEMENTS (list_names); i++)
    properties[PROP_PHONES + i] =
      g_param_spec_boxed (list_names[i], NULL, NULL, G_TYPE_STRV,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rounds_practice_init (RoundsPractice *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->strings); i++)
    self->strings[i] = g_strdup ("");
  g_free (self->strings[PROP_CONTENT_LANGUAGE - PROP_NAME]);
  self->strings[PROP_CONTENT_LANGUAGE - PROP_NAME] = g_strdup (ROUNDS_CONTENT_LANGUAGE_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (self->lists); i++)
    self->lists[i] = g_new0 (char *, 1);
}

const char * const *
rounds_practice_specialties (void)
{
  return specialty_ids;
}

const char *
rounds_practice_specialty_label (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (specialties); i++)
    if (g_strcmp0 (id, specialties[i].id) == 0)
      return g_dgettext (GETTEXT_PACKAGE, specialties[i].label);

  return g_dgettext (GETTEXT_PACKAGE, N_("Other"));
}

RoundsPractice *
rounds_practice_new (void)
{
  return g_object_new (ROUNDS_TYPE_PRACTICE, NULL);
}

RoundsPractice *
rounds_practice_copy (RoundsPractice *self)
{
  RoundsPractice *copy = rounds_practice_new ();

  rounds_practice_assign (copy, self);
  return copy;
}

void
rounds_practice_assign (RoundsPractice *self,
                        RoundsPractice *other)
{
  g_return_if_fail (ROUNDS_IS_PRACTICE (self));
  g_return_if_fail (ROUNDS_IS_PRACTICE (other));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint p = PROP_NAME; p < PROP_PHONES; p++)
    set_string_prop (self, p, other->strings[p - PROP_NAME]);
  for (guint p = PROP_PHONES; p < N_PROPS; p++)
    set_list_prop (self, p, (const char * const *)other->lists[p - PROP_PHONES]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rounds_practice_is_set_up:
 *
 * Returns: %TRUE once the practice has at least a name.
 */
gboolean
rounds_practice_is_set_up (RoundsPractice *self)
{
  g_return_val_if_fail (ROUNDS_IS_PRACTICE (self), FALSE);

  return self->strings[PROP_NAME - PROP_NAME][0] != '\0';
}

#define STRING_ACCESSORS(name, PROP)                                    \
  const char *                                                          \
  rounds_practice_get_##name (RoundsPractice *self)                     \
  {                                                                     \
    g_return_val_if_fail (ROUNDS_IS_PRACTICE (self), NULL);             \
    return self->strings[PROP - PROP_NAME];                             \
  }                                                                     \
  void                                                                  \
  rounds_practice_set_##name (RoundsPractice *self,                     \
                              const char     *value)                    \
  {                                                                     \
    g_return_if_fail (ROUNDS_IS_PRACTICE (self));                       \
    set_string_prop (self, PROP, value);                                \
  }

#define LIST_GETTER(name, PROP)                                         \
  const char * const *                                                  \
  rounds_practice_get_##name (RoundsPractice *self)                     \
  {                                                                     \
    g_return_val_if_fail (ROUNDS_IS_PRACTICE (self), empty_list);       \
    return (const char * const *)self->lists[PROP - PROP_PHONES];       \
  }

#define LIST_ACCESSORS(name, PROP)                                      \
  LIST_GETTER (name, PROP)                                              \
  void                                                                  \
  rounds_practice_set_##name (RoundsPractice     *self,                 \
                              const char * const *value)                \
  {                                                                     \
    g_return_if_fail (ROUNDS_IS_PRACTICE (self));                       \
    set_list_prop (self, PROP, value);                                  \
  }

STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (specialty, PROP_SPECIALTY)
STRING_ACCESSORS (timezone, PROP_TIMEZONE)
STRING_ACCESSORS (website, PROP_WEBSITE)
STRING_ACCESSORS (content_language, PROP_CONTENT_LANGUAGE)
LIST_ACCESSORS (phones, PROP_PHONES)
LIST_ACCESSORS (emails, PROP_EMAILS)
LIST_ACCESSORS (addresses, PROP_ADDRESSES)
LIST_ACCESSORS (languages, PROP_LANGUAGES)
LIST_ACCESSORS (allow, PROP_ALLOW)
LIST_GETTER (staff_names, PROP_STAFF_NAMES)
LIST_GETTER (staff_roles, PROP_STAFF_ROLES)

/**
 * rounds_practice_set_staff:
 * @names: staff names
 * @roles: (nullable): their roles, parallel to @names
 *
 * Sets the staff list. Names left empty are dropped with their role.
 */
void
rounds_practice_set_staff (RoundsPractice     *self,
                           const char * const *names,
                           const char * const *roles)
{
  g_autoptr(GStrvBuilder) nb = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) rb = g_strv_builder_new ();
  g_auto(GStrv) n = NULL;
  g_auto(GStrv) r = NULL;
  gboolean roles_done = roles == NULL;

  g_return_if_fail (ROUNDS_IS_PRACTICE (self));

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *role = NULL;
      g_autofree char *name = g_strstrip (g_strdup (names[i]));

      if (!roles_done)
        {
          role = roles[i];
          roles_done = role == NULL;
        }
      if (name[0] == '\0')
        continue;
      g_strv_builder_add (nb, name);
      g_strv_builder_add (rb, role ? role : "");
    }

  n = g_strv_builder_end (nb);
  r = g_strv_builder_end (rb);

  g_object_freeze_notify (G_OBJECT (self));
  set_list_prop (self, PROP_STAFF_NAMES, (const char * const *)n);
  set_list_prop (self, PROP_STAFF_ROLES, (const char * const *)r);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * rounds_practice_dup_time_zone:
 *
 * Returns: (transfer full): the practice's time zone; the system's when
 *   none is set.
 */
GTimeZone *
rounds_practice_dup_time_zone (RoundsPractice *self)
{
  const char *id;
  g_autofree char *system = NULL;

  g_return_val_if_fail (ROUNDS_IS_PRACTICE (self), NULL);

  id = rounds_practice_get_timezone (self);
  if (id[0] == '\0')
    id = system = rounds_time_system_zone_id ();

  return rounds_time_zone_new (id);
}

static void
add_list (JsonBuilder        *builder,
          const char         *member,
          const char * const *list)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    json_builder_add_string_value (builder, list[i]);
  json_builder_end_array (builder);
}

/**
 * rounds_practice_to_profile_json:
 *
 * Returns: (transfer full): the practice as the compliance scanner's
 *   profile JSON (see shared/compliance-corpus/README.md).
 */
JsonNode *
rounds_practice_to_profile_json (RoundsPractice *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *website;

  g_return_val_if_fail (ROUNDS_IS_PRACTICE (self), NULL);

  website = rounds_practice_get_website (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "practice_name");
  json_builder_add_string_value (builder, rounds_practice_get_name (self));
  add_list (builder, "phones", rounds_practice_get_phones (self));
  add_list (builder, "emails", rounds_practice_get_emails (self));
  add_list (builder, "addresses", rounds_practice_get_addresses (self));
  json_builder_set_member_name (builder, "websites");
  json_builder_begin_array (builder);
  if (website[0] != '\0')
    json_builder_add_string_value (builder, website);
  json_builder_end_array (builder);
  add_list (builder, "staff", rounds_practice_get_staff_names (self));
  add_list (builder, "allow", rounds_practice_get_allow (self));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static guint
count_digits (const char *s)
{
  guint n = 0;

  for (; *s != '\0'; s++)
    if (g_ascii_isdigit (*s))
      n++;

  return n;
}

static void
problem_free (RoundsPracticeProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             const char *message)
{
  RoundsPracticeProblem *problem = g_new0 (RoundsPracticeProblem, 1);

  problem->field = field;
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

/**
 * rounds_practice_find_problems:
 *
 * Checks what the set-up form and the wizard need before saving: a name,
 * a known time zone, phone numbers with enough digits, e-mail addresses
 * with an @, and a website that looks like one.
 *
 * Returns: (transfer container) (element-type RoundsPracticeProblem):
 *   every problem, one per field, in the form's order, each saying in
 *   words for the person at the desk what to fix; empty when the profile
 *   can be saved.
 */
GPtrArray *
rounds_practice_find_problems (RoundsPractice *self)
{
  GPtrArray *problems;
  const char * const *phones;
  const char * const *emails;
  const char *website;
  const char *tz;

  g_return_val_if_fail (ROUNDS_IS_PRACTICE (self), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  {
    g_autofree char *name = g_strstrip (g_strdup (rounds_practice_get_name (self)));

    if (name[0] == '\0')
      add_problem (problems, "name", _("Enter the practice’s name."));
  }

  tz = rounds_practice_get_timezone (self);
  if (tz[0] != '\0' && !rounds_time_zone_is_valid (tz))
    add_problem (problems, "timezone", _("Choose a time zone from the list."));

  if (!rounds_content_language_is_valid (rounds_practice_get_content_language (self)))
    add_problem (problems, "content-language",
                 _("Choose the language of posts and replies from the list."));

  website = rounds_practice_get_website (self);
  if (website[0] != '\0')
    {
      g_autofree char *with_scheme = strstr (website, "://") ? g_strdup (website)
                                                             : g_strconcat ("https://", website,
                                                                            NULL);
      g_autoptr(GUri) uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL ||
          strchr (g_uri_get_host (uri), '.') == NULL ||
          (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
           g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
        add_problem (problems, "website",
                     _("A website looks like www.example.com or https://example.com."));
    }

  phones = rounds_practice_get_phones (self);
  for (guint i = 0; phones[i] != NULL; i++)
    {
      guint digits = count_digits (phones[i]);

      if (digits < 7 || digits > 15)
        {
          add_problem (problems, "phones", _("A phone number needs between 7 and 15 digits."));
          break;
        }
    }

  emails = rounds_practice_get_emails (self);
  for (guint i = 0; emails[i] != NULL; i++)
    {
      const char *at = strchr (emails[i], '@');

      if (at == NULL || at == emails[i] || strchr (at, '.') == NULL || strchr (emails[i], ' '))
        {
          add_problem (problems, "emails", _("An e-mail address looks like name@example.com."));
          break;
        }
    }

  return problems;
}

/**
 * rounds_practice_validate:
 * @field: (out) (optional): the property that is wrong
 *
 * The first of rounds_practice_find_problems(), if any.
 *
 * Returns: %TRUE when the profile can be saved; else @error says, in
 *   words for the person at the desk, what to fix.
 */
gboolean
rounds_practice_validate (RoundsPractice  *self,
                          const char     **field,
                          GError         **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  RoundsPracticeProblem *first;

  g_return_val_if_fail (ROUNDS_IS_PRACTICE (self), FALSE);

  problems = rounds_practice_find_problems (self);
  if (problems->len == 0)
    return TRUE;
  first = g_ptr_array_index (problems, 0);
  if (field != NULL)
    *field = first->field;
  g_set_error_literal (error, ROUNDS_PRACTICE_ERROR, ROUNDS_PRACTICE_ERROR_INVALID,
                       first->message);
  return FALSE;
}
