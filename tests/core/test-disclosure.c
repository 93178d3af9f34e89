/* test-disclosure.c — sponsored-content disclosure checked with a
 * partnership as context (issue 19): positives and hard negatives in
 * English and Spanish, the warning for posts that look sponsored, and
 * the fix that puts the partnership's wording at the start.
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "rounds-disclosure.h"

/* Posts linked to a partnership with "Acme Floss" that disclose it
 * clearly near the start. */
static const char * const disclosed[] = {
  "#ad Our favourite floss for summer, from Acme Floss.",
  "Paid partnership with Acme Floss: our favourite floss for summer!",
  "Ad: we tried the new Acme Floss picks with our hygienists.",
  "Sponsored by Acme Floss. Why we floss every day.",
  "Our hygienists love these picks (#sponsored) — here is why.",
  "Publicidad. El hilo dental que usamos en la clínica.",
  "Patrocinado por Acme Floss: el hilo dental que recomendamos.",
  "#publicidad Nuestro hilo dental favorito para el verano.",
  "Colaboración pagada con Acme Floss. Así cuidamos tus encías.",
  "Contenido patrocinado: cómo usar el hilo dental.",
  /* The partnership's own wording, whatever its language. */
  "Werbung mit Acme Floss — our favourite floss.",
};

/* Linked posts that do not disclose, or disclose too late. */
static const char * const undisclosed[] = {
  "Our favourite floss for summer, from Acme Floss!",
  "Adelaide from our front desk picked the new Acme Floss flavour.",
  "Great tips for #ADHD kids at the dentist, with Acme Floss.",
  "We sponsored the Birchwood 5K run this weekend. Thanks, Acme Floss!",
  "Our favourite floss for summer. It really works, our hygienists agree and so do our "
  "patients after a few weeks of daily use. #teeth #smile #floss #ad",
  "No hacemos publicidad engañosa: este es el hilo que usamos.",
  "Nuestro hilo dental favorito para el verano, de Acme Floss.",
  "El programa fue patrocinado hace años; hoy hablamos del hilo dental.",
  "Our #advertising team is hiring.",
};

/* Posts with no partnership linked that look sponsored. */
static const char * const looks_sponsored[] = {
  "Get 20% off whitening strips: use code SMILE20 at checkout.",
  "Thanks to our friends at Acme Floss for the new samples!",
  "Shop the toothbrush we love: https://shop.example/brush?ref=birchwood",
  "Our favourite brush: amzn.to/3xYzAbC",
  "Ask at the desk for a promo code for your next cleaning.",
  "Usa el código SONRISA15 y ahorra en blanqueamiento.",
  "Gracias a nuestros amigos de Acme Floss por las muestras.",
  "Pide tu código de descuento en recepción.",
};

/* Hard negatives: nothing sponsored. */
static const char * const not_sponsored[] = {
  "Our dress code for the holiday party is festive sweaters.",
  "We follow a strict code of conduct to keep your data safe.",
  "Enter the zip code of your new address at the front desk.",
  "Thanks to our team for a great year!",
  "Ask us for a referral to a specialist.",
  "Read our guide: https://birchwood.example/floss?lang=en",
  "Gracias a nuestro equipo por un gran año.",
  "Consulta el código postal de la nueva clínica en la web.",
  "Our adhesive fillings last for years.",
};

static void
test_disclosed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (disclosed); i++)
    {
      g_autoptr(RoundsFinding) f = rounds_disclosure_check (disclosed[i], "Acme Floss",
                                                            i == G_N_ELEMENTS (disclosed) - 1
                                                              ? "Werbung mit Acme Floss"
                                                              : "Paid partnership with Acme Floss");

      if (f != NULL)
        g_error ("disclosed[%u] was not accepted", i);
    }
}

static void
test_undisclosed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (undisclosed); i++)
    {
      g_autoptr(RoundsFinding) f = rounds_disclosure_check (undisclosed[i], "Acme Floss",
                                                            "Paid partnership with Acme Floss");

      if (f == NULL)
        g_error ("undisclosed[%u] was accepted", i);
      g_assert_cmpint (rounds_finding_get_category (f), ==,
                       ROUNDS_FINDING_CATEGORY_MISSING_DISCLOSURE);
      g_assert_cmpint (rounds_finding_get_severity (f), ==, ROUNDS_FINDING_SEVERITY_BLOCK);
      g_assert_nonnull (strstr (rounds_finding_get_message (f), "Acme Floss"));
    }
}

static void
test_looks_sponsored (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (looks_sponsored); i++)
    {
      g_autoptr(RoundsFinding) f = rounds_disclosure_check_unlinked (looks_sponsored[i]);

      if (f == NULL)
        g_error ("looks_sponsored[%u] was not noticed", i);
      g_assert_cmpint (rounds_finding_get_severity (f), ==, ROUNDS_FINDING_SEVERITY_WARN);
      g_assert_cmpuint (rounds_finding_get_end (f), >, rounds_finding_get_start (f));
    }

  /* Disclosed already: no question asked. */
  g_assert_null (rounds_disclosure_check_unlinked ("#ad Use code SMILE20 for 20% off."));
}

static void
test_not_sponsored (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (not_sponsored); i++)
    {
      g_autoptr(RoundsFinding) f = rounds_disclosure_check_unlinked (not_sponsored[i]);

      if (f != NULL)
        g_error ("not_sponsored[%u] was taken for sponsored", i);
    }
}

static void
test_fix (void)
{
  const char *text = "Our favourite floss for summer! #teeth #ad";
  g_autofree char *fixed = rounds_disclosure_apply (text, "Paid partnership with Acme Floss");
  g_autofree char *again = rounds_disclosure_apply (fixed, "Paid partnership with Acme Floss");
  g_autoptr(RoundsFinding) before = rounds_disclosure_check (text, "Acme Floss",
                                                             "Paid partnership with Acme Floss");
  g_autoptr(RoundsFinding) after = rounds_disclosure_check (fixed, "Acme Floss",
                                                            "Paid partnership with Acme Floss");

  g_assert_nonnull (before);
  g_assert_null (after);
  g_assert_true (g_str_has_prefix (fixed, "Paid partnership with Acme Floss\n\n"));
  g_assert_nonnull (strstr (fixed, text));
  /* Applied twice, it is not doubled. */
  g_assert_cmpstr (again, ==, fixed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disclosure/disclosed", test_disclosed);
  g_test_add_func ("/disclosure/undisclosed", test_undisclosed);
  g_test_add_func ("/disclosure/looks-sponsored", test_looks_sponsored);
  g_test_add_func ("/disclosure/not-sponsored", test_not_sponsored);
  g_test_add_func ("/disclosure/fix", test_fix);

  return g_test_run ();
}
