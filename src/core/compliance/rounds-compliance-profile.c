/* rounds-compliance-profile.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-compliance-profile"

#include "config.h"

#include <string.h>

#include "rounds-compliance-private.h"

struct _RoundsComplianceProfile
{
  GObject    parent_instance;

  char      *practice_name;
  const char *language;      /* interned content language, or NULL */
  GPtrArray *phones;
  GPtrArray *emails;
  GPtrArray *addresses;
  GPtrArray *websites;
  GPtrArray *staff;
  guint      staff_serial;  /* unique to this profile's staff list (see
                             * _rounds_compliance_profile_get_staff_serial ()) */
  GPtrArray *allow;
  guint64    allow_first[4];  /* the first bytes of the allowed terms' first keys */
  guint64    allow_lens;      /* bit MIN (length, 63) of each one's first key */
  GPtrArray *block;

  /* derived, kept up to date by the adders */
  GPtrArray *phone_digits;   /* char*: the last ten digits */
  GPtrArray *email_keys;     /* char*: lower case */
  GPtrArray *domains;        /* char*: host names without www. */
  GPtrArray *address_keys;   /* char*: "number street" */
  char      *name_folded;    /* the practice name in lower case and ASCII, or NULL */
  GPtrArray *addresses_folded; /* char*: each address so */
  GPtrArray *zips;           /* char* */
  GPtrArray *staff_data;     /* RStaff* */
  GPtrArray *allow_terms;    /* RTerm* */
  GPtrArray *block_terms;    /* RTerm* */
};

G_DEFINE_FINAL_TYPE (RoundsComplianceProfile, rounds_compliance_profile, G_TYPE_OBJECT)

G_DEFINE_QUARK (rounds-compliance-error-quark, rounds_compliance_error)

static void
staff_free (gpointer data)
{
  RStaff *st = data;

  g_free (st->first);
  g_free (st->last);
  g_strfreev (st->all);
  g_free (st);
}

static void
term_free (gpointer data)
{
  RTerm *t = data;

  g_strfreev (t->keys);
  g_free (t);
}

static GPtrArray *
strv_array_new (void)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (a, NULL);
  return a;
}

static void
strv_array_add (GPtrArray  *a,
                const char *s)
{
  g_ptr_array_insert (a, a->len - 1, g_strdup (s));
}

static char *
digits_of (const char *s)
{
  GString *d = g_string_new (NULL);

  for (const char *p = s; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (d, *p);

  if (d->len == 11 && d->str[0] == '1')
    g_string_erase (d, 0, 1);
  if (d->len > 10)
    g_string_erase (d, 0, d->len - 10);

  return g_string_free (d, FALSE);
}

static char *
host_of (const char *url)
{
  g_autofree char *lower = g_ascii_strdown (url, -1);
  const char *p = lower;
  const char *end;

  g_strstrip (lower);
  if (g_str_has_prefix (p, "https://"))
    p += 8;
  else if (g_str_has_prefix (p, "http://"))
    p += 7;
  if (g_str_has_prefix (p, "www."))
    p += 4;

  end = p;
  while (*end && *end != '/' && *end != '?' && *end != '#' && *end != ':')
    end++;

  return g_strndup (p, end - p);
}

static void
add_domain (RoundsComplianceProfile *self,
            char                    *host)
{
  if (host == NULL || *host == '\0')
    {
      g_free (host);
      return;
    }

  for (guint i = 0; i < self->domains->len; i++)
    if (strcmp (g_ptr_array_index (self->domains, i), host) == 0)
      {
        g_free (host);
        return;
      }

  g_ptr_array_add (self->domains, host);
}

static gboolean
is_all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static const char * const staff_titles[] = {
  "dr", "dra", "doctor", "doctora", "mr", "mrs", "ms", "miss", "mx", "sr", "sra", "srta", "prof",
  "nurse", "don", "dona", NULL
};

/* @text in lower case and ASCII ("Raíz" → "raiz"), as the practice's
 * words are compared (_rs_key_in_profile_words ()): folded once here,
 * not for every word asked */
static char *
fold_words (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  return g_str_to_ascii (lower, "C");
}

static void
rounds_compliance_profile_finalize (GObject *object)
{
  RoundsComplianceProfile *self = (RoundsComplianceProfile *)object;

  g_clear_pointer (&self->practice_name, g_free);
  g_clear_pointer (&self->phones, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->websites, g_ptr_array_unref);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  g_clear_pointer (&self->allow, g_ptr_array_unref);
  g_clear_pointer (&self->block, g_ptr_array_unref);
  g_clear_pointer (&self->phone_digits, g_ptr_array_unref);
  g_clear_pointer (&self->email_keys, g_ptr_array_unref);
  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_pointer (&self->address_keys, g_ptr_array_unref);
  g_clear_pointer (&self->name_folded, g_free);
  g_clear_pointer (&self->addresses_folded, g_ptr_array_unref);
  g_clear_pointer (&self->zips, g_ptr_array_unref);
  g_clear_pointer (&self->staff_data, g_ptr_array_unref);
  g_clear_pointer (&self->allow_terms, g_ptr_array_unref);
  g_clear_pointer (&self->block_terms, g_ptr_array_unref);

  G_OBJECT_CLASS (rounds_compliance_profile_parent_class)->finalize (object);
}

static void
rounds_compliance_profile_class_init (RoundsComplianceProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rounds_compliance_profile_finalize;
}

/* a number no other profile's staff list has had */
static guint
next_staff_serial (void)
{
  static gint serials;

  return (guint) g_atomic_int_add (&serials, 1) + 1;
}

static void
rounds_compliance_profile_init (RoundsComplianceProfile *self)
{
  self->staff_serial = next_staff_serial ();
  self->phones = strv_array_new ();
  self->emails = strv_array_new ();
  self->addresses = strv_array_new ();
  self->websites = strv_array_new ();
  self->staff = strv_array_new ();
  self->allow = strv_array_new ();
  self->block = strv_array_new ();
  self->phone_digits = g_ptr_array_new_with_free_func (g_free);
  self->email_keys = g_ptr_array_new_with_free_func (g_free);
  self->domains = g_ptr_array_new_with_free_func (g_free);
  self->address_keys = g_ptr_array_new_with_free_func (g_free);
  self->addresses_folded = g_ptr_array_new_with_free_func (g_free);
  self->zips = g_ptr_array_new_with_free_func (g_free);
  self->staff_data = g_ptr_array_new_with_free_func (staff_free);
  self->allow_terms = g_ptr_array_new_with_free_func (term_free);
  self->block_terms = g_ptr_array_new_with_free_func (term_free);
}

RoundsComplianceProfile *
rounds_compliance_profile_new (void)
{
  return g_object_new (ROUNDS_TYPE_COMPLIANCE_PROFILE, NULL);
}

static gboolean
add_string_list (RoundsComplianceProfile  *self,
                 JsonObject               *root,
                 const char               *member,
                 void                    (*adder) (RoundsComplianceProfile *, const char *),
                 GError                  **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        goto bad;
      adder (self, json_node_get_string (e));
    }

  return TRUE;

bad:
  g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_PROFILE,
               "Profile member “%s” must be a list of strings", member);
  return FALSE;
}

static void
add_block_default (RoundsComplianceProfile *self,
                   const char              *term)
{
  rounds_compliance_profile_add_block_term (self, term, ROUNDS_FINDING_CATEGORY_OTHER_ID);
}

RoundsComplianceProfile *
rounds_compliance_profile_new_from_json (const char  *json,
                                         gssize       length,
                                         GError     **error)
{
  g_autoptr(RoundsComplianceProfile) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *name;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = strlen (json);

  if (!g_utf8_validate (json, length, NULL))
    {
      g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_PROFILE,
                   "The profile is not valid UTF-8");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_PROFILE,
                   "The profile is not valid JSON: %s", local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_PROFILE,
                   "The profile must be a JSON object");
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  self = rounds_compliance_profile_new ();

  name = json_object_get_member (root, "practice_name");
  if (name != NULL && !JSON_NODE_HOLDS_NULL (name))
    {
      if (!JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
        {
          g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_PROFILE,
                       "Profile member “practice_name” must be a string");
          return NULL;
        }
      rounds_compliance_profile_set_practice_name (self, json_node_get_string (name));
    }

  if (!add_string_list (self, root, "phones", rounds_compliance_profile_add_phone, error) ||
      !add_string_list (self, root, "emails", rounds_compliance_profile_add_email, error) ||
      !add_string_list (self, root, "addresses", rounds_compliance_profile_add_address, error) ||
      !add_string_list (self, root, "websites", rounds_compliance_profile_add_website, error) ||
      !add_string_list (self, root, "staff", rounds_compliance_profile_add_staff, error) ||
      !add_string_list (self, root, "allow", rounds_compliance_profile_add_allow, error) ||
      !add_string_list (self, root, "block", add_block_default, error))
    return NULL;

  return g_steal_pointer (&self);
}

RoundsComplianceProfile *
rounds_compliance_profile_new_from_file (const char  *path,
                                         GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_PROFILE,
                   "Cannot read the profile: %s", local_error->message);
      return NULL;
    }

  return rounds_compliance_profile_new_from_json (contents, length, error);
}

void
rounds_compliance_profile_set_practice_name (RoundsComplianceProfile *self,
                                             const char              *name)
{
  g_return_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self));

  if (g_strcmp0 (self->practice_name, name) == 0)
    return;

  g_free (self->practice_name);
  self->practice_name = g_strdup (name);
  g_free (self->name_folded);
  self->name_folded = name != NULL ? fold_words (name) : NULL;

  if (name != NULL && *name != '\0')
    {
      RTerm *t = g_new0 (RTerm, 1);
      t->keys = _rounds_tokenize_keys (name);
      g_ptr_array_add (self->allow_terms, t);
    }
}

const char *
rounds_compliance_profile_get_practice_name (RoundsComplianceProfile *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self), NULL);
  return self->practice_name;
}

void
rounds_compliance_profile_add_phone (RoundsComplianceProfile *self,
                                     const char              *phone)
{
  g_autofree char *digits = NULL;

  g_return_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self));
  g_return_if_fail (phone != NULL);

  strv_array_add (self->phones, phone);
  digits = digits_of (phone);
  if (strlen (digits) >= 7)
    g_ptr_array_add (self->phone_digits, g_steal_pointer (&digits));
}

void
rounds_compliance_profile_add_email (RoundsComplianceProfile *self,
                                     const char              *email)
{
  g_autofree char *lower = NULL;
  const char *at;

  g_return_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self));
  g_return_if_fail (email != NULL);

  strv_array_add (self->emails, email);
  lower = g_utf8_strdown (email, -1);
  g_strstrip (lower);
  at = strrchr (lower, '@');
  if (at != NULL)
    add_domain (self, g_strdup (at + 1));
  g_ptr_array_add (self->email_keys, g_steal_pointer (&lower));
}

void
rounds_compliance_profile_add_address (RoundsComplianceProfile *self,
                                       const char              *address)
{
  g_auto(GStrv) keys = NULL;
  const char *number = NULL;

  g_return_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self));
  g_return_if_fail (address != NULL);

  strv_array_add (self->addresses, address);
  g_ptr_array_add (self->addresses_folded, fold_words (address));
  keys = _rounds_tokenize_keys (address);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (is_all_digits (keys[i]))
        {
          if (number == NULL && strlen (keys[i]) <= 6)
            {
              number = keys[i];
              /* the street's first word, after an optional direction */
              for (guint k = i + 1; keys[k] != NULL; k++)
                {
                  const char *w = keys[k];

                  if (!g_ascii_isalpha (w[0]) && !(w[0] & 0x80) && !g_ascii_isalpha (w[strlen (w) - 1]))
                    continue;
                  if (strlen (w) <= 1 || g_str_equal (w, "north") || g_str_equal (w, "south") ||
                      g_str_equal (w, "east") || g_str_equal (w, "west") || g_str_equal (w, "ne") ||
                      g_str_equal (w, "nw") || g_str_equal (w, "se") || g_str_equal (w, "sw") ||
                      g_str_equal (w, "northeast") || g_str_equal (w, "northwest") ||
                      g_str_equal (w, "southeast") || g_str_equal (w, "southwest"))
                    continue;
                  /* "Third Street" and "3rd St" are the same street */
                  g_ptr_array_add (self->address_keys,
                                   g_strdup_printf ("%s %s", number, _rounds_street_word_norm (w)));
                  break;
                }
            }
          else if (strlen (keys[i]) == 5)
            g_ptr_array_add (self->zips, g_strdup (keys[i]));
        }
    }
}

/* Street names written as words or numbers: "Third" → "3rd". */
const char *
_rounds_street_word_norm (const char *w)
{
  static const char * const words[][2] = {
    { "first", "1st" }, { "second", "2nd" }, { "third", "3rd" }, { "fourth", "4th" }, { "fifth", "5th" },
    { "sixth", "6th" }, { "seventh", "7th" }, { "eighth", "8th" }, { "ninth", "9th" }, { "tenth", "10th" },
    { "eleventh", "11th" }, { "twelfth", "12th" },
  };

  for (guint n = 0; n < G_N_ELEMENTS (words); n++)
    if (g_str_equal (w, words[n][0]))
      return words[n][1];
  return w;
}

void
rounds_compliance_profile_add_website (RoundsComplianceProfile *self,
                                       const char              *website)
{
  g_return_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self));
  g_return_if_fail (website != NULL);

  strv_array_add (self->websites, website);
  add_domain (self, host_of (website));
}

void
rounds_compliance_profile_add_staff (RoundsComplianceProfile *self,
                                     const char              *staff)
{
  g_auto(GStrv) keys = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  RStaff *st;

  g_return_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self));
  g_return_if_fail (staff != NULL);

  strv_array_add (self->staff, staff);
  keys = _rounds_tokenize_keys (staff);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *k = keys[i];

      if (g_str_equal (k, ",") || g_str_equal (k, "(") || g_str_equal (k, "-"))
        break;  /* credentials or a role follow */
      if (!g_unichar_isalpha (g_utf8_get_char (k)))
        continue;
      if (g_strv_contains (staff_titles, k))
        continue;
      if (g_utf8_strlen (k, -1) <= 1)
        continue;
      g_ptr_array_add (names, (gpointer) k);
    }

  if (names->len == 0)
    return;

  st = g_new0 (RStaff, 1);
  st->first = g_strdup (g_ptr_array_index (names, 0));
  if (names->len > 1)
    st->last = g_strdup (g_ptr_array_index (names, names->len - 1));
  g_ptr_array_add (names, NULL);
  st->all = g_strdupv ((char **) names->pdata);
  g_ptr_array_add (self->staff_data, st);
  self->staff_serial = next_staff_serial ();
}

void
rounds_compliance_profile_add_allow (RoundsComplianceProfile *self,
                                     const char              *term)
{
  RTerm *t;

  g_return_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self));
  g_return_if_fail (term != NULL);

  strv_array_add (self->allow, term);
  t = g_new0 (RTerm, 1);
  t->keys = _rounds_tokenize_keys (term);
  if (t->keys[0] == NULL)
    {
      term_free (t);
      return;
    }
  g_ptr_array_add (self->allow_terms, t);
  self->allow_first[(guchar) t->keys[0][0] >> 6] |= G_GUINT64_CONSTANT (1) << ((guchar) t->keys[0][0] & 63);
  self->allow_lens |= G_GUINT64_CONSTANT (1) << MIN (strlen (t->keys[0]), 63);
}

void
rounds_compliance_profile_add_block_term (RoundsComplianceProfile *self,
                                          const char              *term,
                                          RoundsFindingCategory    category)
{
  RTerm *t;

  g_return_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self));
  g_return_if_fail (term != NULL);
  g_return_if_fail ((guint) category <= ROUNDS_FINDING_CATEGORY_LAST);

  strv_array_add (self->block, term);
  t = g_new0 (RTerm, 1);
  t->keys = _rounds_tokenize_keys (term);
  t->category = category;
  if (t->keys[0] == NULL)
    {
      term_free (t);
      return;
    }
  g_ptr_array_add (self->block_terms, t);
}

const char * const *
rounds_compliance_profile_get_phones (RoundsComplianceProfile *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self), NULL);
  return (const char * const *) self->phones->pdata;
}

const char * const *
rounds_compliance_profile_get_emails (RoundsComplianceProfile *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self), NULL);
  return (const char * const *) self->emails->pdata;
}

const char * const *
rounds_compliance_profile_get_addresses (RoundsComplianceProfile *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self), NULL);
  return (const char * const *) self->addresses->pdata;
}

const char * const *
rounds_compliance_profile_get_websites (RoundsComplianceProfile *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self), NULL);
  return (const char * const *) self->websites->pdata;
}

const char * const *
rounds_compliance_profile_get_staff (RoundsComplianceProfile *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self), NULL);
  return (const char * const *) self->staff->pdata;
}

const char * const *
rounds_compliance_profile_get_allow (RoundsComplianceProfile *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self), NULL);
  return (const char * const *) self->allow->pdata;
}

static void
add_array_member (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *a)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < a->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (a, i));
  json_builder_end_array (builder);
}

JsonNode *
rounds_compliance_profile_to_json (RoundsComplianceProfile *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "practice_name");
  json_builder_add_string_value (builder, self->practice_name ? self->practice_name : "");
  add_array_member (builder, "phones", self->phones);
  add_array_member (builder, "emails", self->emails);
  add_array_member (builder, "addresses", self->addresses);
  add_array_member (builder, "websites", self->websites);
  add_array_member (builder, "staff", self->staff);
  add_array_member (builder, "allow", self->allow);
  add_array_member (builder, "block", self->block);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

GPtrArray *
_rounds_compliance_profile_get_phone_digits (RoundsComplianceProfile *self)
{
  return self->phone_digits;
}

GPtrArray *
_rounds_compliance_profile_get_email_keys (RoundsComplianceProfile *self)
{
  return self->email_keys;
}

GPtrArray *
_rounds_compliance_profile_get_domains (RoundsComplianceProfile *self)
{
  return self->domains;
}

GPtrArray *
_rounds_compliance_profile_get_address_keys (RoundsComplianceProfile *self)
{
  return self->address_keys;
}

const char *
_rounds_compliance_profile_get_name_folded (RoundsComplianceProfile *self)
{
  return self->name_folded;
}

GPtrArray *
_rounds_compliance_profile_get_addresses_folded (RoundsComplianceProfile *self)
{
  return self->addresses_folded;
}

GPtrArray *
_rounds_compliance_profile_get_zips (RoundsComplianceProfile *self)
{
  return self->zips;
}

GPtrArray *
_rounds_compliance_profile_get_staff_data (RoundsComplianceProfile *self)
{
  return self->staff_data;
}

guint
_rounds_compliance_profile_get_staff_serial (RoundsComplianceProfile *self)
{
  return self->staff_serial;
}

GPtrArray *
_rounds_compliance_profile_get_allow_terms (RoundsComplianceProfile *self)
{
  return self->allow_terms;
}

const guint64 *
_rounds_compliance_profile_get_allow_first (RoundsComplianceProfile *self,
                                            guint64                 *lens)
{
  *lens = self->allow_lens;
  return self->allow_first;
}

GPtrArray *
_rounds_compliance_profile_get_block_terms (RoundsComplianceProfile *self)
{
  return self->block_terms;
}

const char *
_rounds_compliance_profile_get_contact_phone (RoundsComplianceProfile *self)
{
  if (self == NULL || self->phones->len < 2)
    return NULL;
  return g_ptr_array_index (self->phones, 0);
}

/**
 * rounds_compliance_profile_set_language:
 * @language: (nullable): the practice's content language ("es"), see
 *   rounds-content-language.h
 *
 * The language the practice publishes in: the words an automatic fix
 * puts into a text (rounds_finding_dup_replacement()) are in it.
 */
void
rounds_compliance_profile_set_language (RoundsComplianceProfile *self,
                                        const char              *language)
{
  g_return_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self));
  self->language = language != NULL ? g_intern_string (language) : NULL;
}

const char *
rounds_compliance_profile_get_language (RoundsComplianceProfile *self)
{
  g_return_val_if_fail (ROUNDS_IS_COMPLIANCE_PROFILE (self), NULL);
  return self->language;
}
