/* rounds-sample.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-sample"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rounds-compliance-profile.h"
#include "rounds-sample.h"
#include "rounds-scanner.h"
#include "rounds-store-people.h"
#include "rounds-store-publish.h"
#include "rounds-time.h"

/* The sample practice: an invented family practice with about forty posts
 * over this month and the next, in every status, on several networks, a
 * few of them with the privacy mistakes Rounds exists to catch, and a few
 * comments and reviews. Everything is fictional; phone numbers use the
 * reserved 555-01xx range. It is written into its own database file and
 * never mixes with a real practice. */

#define F ROUNDS_NETWORK_FACEBOOK
#define I ROUNDS_NETWORK_INSTAGRAM
#define L ROUNDS_NETWORK_LINKEDIN
#define G ROUNDS_NETWORK_GOOGLE
#define M ROUNDS_NETWORK_MASTODON
#define B ROUNDS_NETWORK_BLUESKY

typedef struct
{
  const char    *title;
  const char    *body;
  RoundsNetwork  networks;
} SamplePost;

static const SamplePost sample_posts[] = {
  { "Flu shots are here", "Flu shots are here! Walk-ins welcome Monday to Friday, 8 to 11 am. Bring your insurance card and wear a short-sleeved shirt. 💉", F | I | G },
  { "", "New patients welcome! Maple Grove Family Practice is accepting new patients of all ages. Call (608) 555-0110 or book at maplegrovefamily.example/book.", F | G },
  { "Meet Dr. Okafor", "Meet Dr. Nnamdi Okafor, our newest family physician. He loves trail running, sourdough and explaining lab results in plain English.", F | I | L },
  { "", "Congratulations to Margaret Olsen on finishing her cardiac rehab with us — so proud of you, Margaret!", F | I },
  { "Sun safety", "Heading out this weekend? SPF 30 or higher, reapply every two hours, and check moles for changes in size, shape or colour.", I | B },
  { "", "Hand-washing reminder: 20 seconds with soap beats hand sanitizer when hands are visibly dirty. 🧼", F | M },
  { "Holiday hours", "We are closed Thursday for Thanksgiving. For urgent needs call our after-hours line at (608) 555-0111.", F | G },
  { "", "Mr. Jenkins, your lab results are in — please call us back at 608-555-0187 when you can.", F },
  { "Blood pressure check", "Free blood pressure checks in our lobby every Wednesday in February. No appointment needed. ❤️", F | I | G },
  { "", "Our patient Ruth turned 94 today and still walks two miles every morning! Happy birthday, Ruth! 🎂", F | I },
  { "Team spotlight: Lena", "Team spotlight: Lena at the front desk has been greeting our patients for nine years. Say hi next time you are in!", I | L },
  { "", "Guaranteed painless vaccinations for kids — 100% tear-free or your next visit is on us!", F | I },
  { "Back to school", "Back-to-school physicals are filling up fast. Book early to beat the August rush.", F | G },
  { "", "Did you know? Adults need a tetanus booster every 10 years. Ask us at your next visit.", M | B },
  { "Diabetes education night", "Join our free diabetes education night on the 15th at 6 pm: healthy eating on a budget, with our dietitian.", F | L },
  { "", "\"Dr. Okafor caught my thyroid problem when nobody else would. I feel like myself again!\" — Denise K., patient since 2019", F | I },
  { "Telehealth", "Telehealth visits are available for follow-ups and medication checks. Ask the front desk if yours qualifies.", F | G | L },
  { "", "Allergy season is here. Keep windows closed on high-pollen days and shower after yard work.", I | B },
  { "Parking update", "The north lot is being repaved this week. Please use the street parking on Elm Avenue.", F | G },
  { "", "Thank you to everyone who came to our community health fair! We checked 120 blood pressures and handed out 300 water bottles.", F | I | L },
  { "Vitamin D", "Short winter days mean less vitamin D. Talk to us before you start a supplement.", F | M },
  { "", "We are hiring: a part-time medical assistant. Send your resume to jobs@maplegrovefamily.example.", L },
  { "Sleep tips", "Trouble sleeping? Keep a regular bedtime, skip screens for an hour before bed, and keep your bedroom cool.", I | B | M },
  { "", "Welcome to the world, baby Theo Martinez, born March 3 at 7 lb 2 oz! Mom and baby are doing great.", F | I },
  { "Heart month", "February is American Heart Month. Know your numbers: blood pressure, cholesterol and blood sugar.", F | I | G | L },
  { "", "Our new patient portal lets you message your care team and see lab results. Sign up at the front desk.", F | G },
  { "Kids' checkups", "Well-child visits are covered by most plans once a year. Ask us about the vaccine schedule.", F | I },
  { "", "Staff appreciation day: pizza for the whole team after a busy flu season. 🍕", I },
  { "Screening reminders", "Turning 45? It is time to talk about colorectal cancer screening. Options include a home test.", F | L },
  { "", "Shoutout to our pharmacist partners at Elm Street Pharmacy for helping with this year's vaccine clinic.", F | L },
  { "Walk with a Doc", "Walk with a Doc is back: Saturdays at 9 am from the Maple Grove library. Free, all ages, dogs welcome.", F | I | M | B },
  { "", "Please do not share personal health information in comments. Call us at (608) 555-0110 and we will help privately.", F | I | G },
  { "Water", "Hydration check: most adults need about eight cups of fluid a day, more when it is hot.", I | B },
  { "", "We are proud to support the Maple Grove food pantry drive. Drop off canned goods in our lobby all month.", F | G },
  { "Same-day sick visits", "Same-day sick visits are available every weekday. Call before 10 am for the best chance of a morning slot.", F | G },
  { "", "Sponsored by Brightsmile Vitamins: our favourite gummy vitamins for kids, now 20% off with code MAPLE.", I },
  { "Medication safety", "Bring all your medicines, vitamins and supplements to your yearly visit so we can check them together.", F | L },
  { "", "Flu clinic numbers: 412 shots given in October. Thank you for protecting your neighbours!", F | I | M },
  { "Snow closures", "On snow days we post any closures here by 7 am. Stay safe on the roads!", F | G },
  { "", "Happy New Year from all of us at Maple Grove! Here is to a healthy year ahead. 🎉", F | I | L | B },
};

static const RoundsPostStatus future_cycle[] = {
  ROUNDS_POST_STATUS_SCHEDULED,
  ROUNDS_POST_STATUS_DRAFT,
  ROUNDS_POST_STATUS_APPROVED,
  ROUNDS_POST_STATUS_SCHEDULED,
  ROUNDS_POST_STATUS_IN_REVIEW,
  ROUNDS_POST_STATUS_SCHEDULED,
};

static const struct {
  RoundsNetwork      network;
  RoundsCommentKind  kind;
  const char        *author;
  const char        *body;
  int                rating;
  int                hours_ago;
} sample_comments[] = {
  { ROUNDS_NETWORK_GOOGLE, ROUNDS_COMMENT_KIND_REVIEW, "Paula Brandt",
    "Waited 40 minutes past my appointment time and nobody told me why. The doctor was great once I got in.",
    3, 5 },
  { ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT, "Greg Whitfield",
    "Do you take walk-ins for flu shots on Saturdays?", 0, 20 },
  { ROUNDS_NETWORK_GOOGLE, ROUNDS_COMMENT_KIND_REVIEW, "Anita S.",
    "Front desk is always friendly and they got my refills sorted the same day.", 5, 30 },
  { ROUNDS_NETWORK_INSTAGRAM, ROUNDS_COMMENT_KIND_COMMENT, "runningmom_84",
    "Love this! Is Walk with a Doc okay for strollers?", 0, 50 },
  { ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT, "Howard Lee",
    "My test results from last week still are not in the portal, can someone check?", 0, 70 },
  /* Issue 14: every triage kind, and a review that tempts the reply that
   * costs practices their fines ("we're sorry your son's asthma…"). */
  { ROUNDS_NETWORK_GOOGLE, ROUNDS_COMMENT_KIND_REVIEW, "Marcus Lindqvist",
    "Dr. Marsh rushed through my son's asthma follow-up in five minutes and the front desk was "
    "rude when I asked about it. Never again.", 1, 3 },
  { ROUNDS_NETWORK_FACEBOOK, ROUNDS_COMMENT_KIND_COMMENT, "Dana Reyes",
    "I'm a reporter at the Gazette working on a story about wait times at local clinics. "
    "Can someone call me?", 0, 2 },
  { ROUNDS_NETWORK_INSTAGRAM, ROUNDS_COMMENT_KIND_COMMENT, "growfast.social",
    "Grow your followers fast!! Check my bio for 10k real followers in 24h", 0, 8 },
};

static RoundsPractice *
sample_practice (void)
{
  RoundsPractice *practice = rounds_practice_new ();
  static const char *phones[] = { "(608) 555-0110", "(608) 555-0111", NULL };
  static const char *emails[] = { "hello@maplegrovefamily.example",
                                  "jobs@maplegrovefamily.example", NULL };
  static const char *addresses[] = { "220 Elm Avenue, Maple Grove, WI 53700", NULL };
  static const char *staff[] = { "Dr. Nnamdi Okafor", "Dr. Helen Marsh", "Lena Kowalski",
                                 "Sam Ortiz", NULL };
  static const char *roles[] = { "Family physician", "Family physician", "Front desk",
                                 "Practice manager", NULL };
  static const char *languages[] = { "en", "es", NULL };
  static const char *allow[] = { "Walk with a Doc", "Elm Street Pharmacy", NULL };

  rounds_practice_set_name (practice, ROUNDS_SAMPLE_PRACTICE_NAME);
  rounds_practice_set_specialty (practice, ROUNDS_SPECIALTY_FAMILY_MEDICINE);
  rounds_practice_set_timezone (practice, "America/Chicago");
  rounds_practice_set_website (practice, "https://maplegrovefamily.example");
  rounds_practice_set_phones (practice, phones);
  rounds_practice_set_emails (practice, emails);
  rounds_practice_set_addresses (practice, addresses);
  rounds_practice_set_staff (practice, staff, roles);
  rounds_practice_set_languages (practice, languages);
  rounds_practice_set_allow (practice, allow);

  return practice;
}

/* A writer at the desk, an approver and a manager with PINs. */
static gboolean
add_people (RoundsStore  *store,
            GError      **error)
{
  RoundsPerson *writer, *approver, *manager;

  writer = rounds_store_add_person (store, ROUNDS_SAMPLE_WRITER, ROUNDS_PERSON_ROLE_WRITER, error);
  approver = writer != NULL ? rounds_store_add_person (store, ROUNDS_SAMPLE_APPROVER,
                                                       ROUNDS_PERSON_ROLE_APPROVER, error) : NULL;
  manager = approver != NULL ? rounds_store_add_person (store, ROUNDS_SAMPLE_MANAGER,
                                                        ROUNDS_PERSON_ROLE_MANAGER, error) : NULL;

  return manager != NULL &&
         rounds_store_set_person_pin (store, rounds_person_get_id (approver),
                                      ROUNDS_SAMPLE_APPROVER_PIN, error) &&
         rounds_store_set_person_pin (store, rounds_person_get_id (manager),
                                      ROUNDS_SAMPLE_MANAGER_PIN, error) &&
         rounds_store_set_desk_person (store, rounds_person_get_id (writer), error);
}

/* Whether the scanner finds anything in @body that must be fixed before
 * approval, or that needs a person's decision (a "guaranteed painless"
 * promise): either way the app would not let it go out unseen. */
static gboolean
needs_review (RoundsScanner           *scanner,
                      RoundsComplianceProfile *profile,
                      const char              *body)
{
  g_autoptr(GPtrArray) findings = NULL;

  if (scanner == NULL)
    return FALSE;
  findings = rounds_scanner_scan (scanner, body, -1, ROUNDS_TEXT_KIND_POST, NULL, profile, NULL);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (rounds_finding_get_severity (g_ptr_array_index (findings, i)) !=
        ROUNDS_FINDING_SEVERITY_INFO)
      return TRUE;
  return FALSE;
}

/**
 * rounds_sample_populate:
 * @store: an empty store
 *
 * Fills @store with the sample practice, dated around the store clock's
 * "now": posts run from the first day of this month (practice time) to
 * the end of the next. Past posts are published (two failed); future ones
 * are scheduled, approved, in review or drafts. A post with something
 * the scanner blocks (a patient's phone number, a guarantee) is where the
 * app would put it: in review, ahead, waiting for its problems to be
 * fixed; never scheduled or published.
 */
gboolean
rounds_sample_populate (RoundsStore  *store,
                        GError      **error)
{
  g_autoptr(RoundsPractice) practice = sample_practice ();
  g_autoptr(GTimeZone) tz = rounds_practice_dup_time_zone (practice);
  gint64 now = rounds_clock_get_now (rounds_store_get_clock (store));
  g_autoptr(GDateTime) local_now = rounds_time_to_local (tz, now);
  g_autoptr(GDateTime) month_start = NULL;
  g_autoptr(GDateTime) end = NULL;
  static const int hours[] = { 9, 12, 17, 10, 8, 14, 19 };
  guint n_posts = G_N_ELEMENTS (sample_posts);
  guint n_failed = 0;
  guint future_index = 0;
  int span_days;
  gint64 first_post_id = 0;

  g_autoptr(RoundsComplianceProfile) profile = NULL;
  RoundsScanner *scanner = rounds_scanner_get_default ();

  g_return_val_if_fail (ROUNDS_IS_STORE (store), FALSE);

  if (!rounds_store_save_practice (store, practice, error) || !add_people (store, error))
    return FALSE;

  {
    g_autoptr(JsonNode) node = rounds_practice_to_profile_json (practice);
    g_autofree char *json = json_to_string (node, FALSE);

    profile = rounds_compliance_profile_new_from_json (json, -1, NULL);
  }

  month_start = g_date_time_new (tz, g_date_time_get_year (local_now),
                                 g_date_time_get_month (local_now), 1, 0, 0, 0);
  end = g_date_time_add_months (month_start, 2);
  span_days = (int)(g_date_time_difference (end, month_start) / G_TIME_SPAN_DAY);

  for (guint i = 0; i < n_posts; i++)
    {
      g_autoptr(RoundsPost) post = rounds_post_new ();
      g_autoptr(GDateTime) day = g_date_time_add_days (month_start, (int)(i * span_days / n_posts));
      gint64 when = rounds_time_from_local (tz, g_date_time_get_year (day),
                                            g_date_time_get_month (day),
                                            g_date_time_get_day_of_month (day),
                                            hours[i % G_N_ELEMENTS (hours)],
                                            (i % 2) * 30);
      RoundsPostStatus status;
      RoundsPost *saved;

      rounds_post_set_title (post, sample_posts[i].title);
      rounds_post_set_body (post, sample_posts[i].body);
      rounds_post_set_networks (post, sample_posts[i].networks);

      if (needs_review (scanner, profile, sample_posts[i].body))
        {
          /* Waiting in review, a few days ahead, findings unresolved. */
          status = ROUNDS_POST_STATUS_IN_REVIEW;
          if (when <= now)
            when = now + (2 + i % 5) * 86400;
        }
      else if (when <= now)
        {
          /* Two failures, spread out, so the failed state is always seen. */
          if (n_failed < 2 && i % 5 == 3)
            {
              status = ROUNDS_POST_STATUS_FAILED;
              _rounds_post_set_last_error (post, "The network refused the request: "
                                                 "the access token has expired.");
              n_failed++;
            }
          else
            status = ROUNDS_POST_STATUS_PUBLISHED;
        }
      else
        {
          status = future_cycle[future_index++ % G_N_ELEMENTS (future_cycle)];
        }

      if (status != ROUNDS_POST_STATUS_DRAFT || i % 4 != 1)
        rounds_post_set_scheduled_at (post, when);

      saved = rounds_store_import_post (store, post, status, "Sample practice", error);
      if (saved == NULL)
        return FALSE;
      if (first_post_id == 0)
        first_post_id = rounds_post_get_id (saved);
    }

  /* Early in a month few posts are in the past: make sure every status
   * is there all the same. */
  if (n_failed == 0)
    {
      g_autoptr(RoundsPost) post = rounds_post_new ();

      rounds_post_set_title (post, "Flu clinic recap");
      rounds_post_set_body (post, "Thank you to everyone who came to yesterday's flu clinic!");
      rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK);
      rounds_post_set_scheduled_at (post, now - 3600);
      _rounds_post_set_last_error (post, "The network did not answer in time.");
      if (rounds_store_import_post (store, post, ROUNDS_POST_STATUS_FAILED, "Sample practice",
                                    error) == NULL)
        return FALSE;
    }

  {
    g_autoptr(RoundsPost) post = rounds_post_new ();

    rounds_post_set_title (post, "Thank you, volunteers");
    rounds_post_set_body (post, "A big thank-you to the volunteers who helped at last month's "
                                "health fair. We could not do it without you!");
    rounds_post_set_networks (post, ROUNDS_NETWORK_FACEBOOK | ROUNDS_NETWORK_LINKEDIN);
    rounds_post_set_scheduled_at (post, now - 2 * 86400);
    if (rounds_store_import_post (store, post, ROUNDS_POST_STATUS_PUBLISHED, "Sample practice",
                                  error) == NULL)
      return FALSE;
  }

  /* Publishing (issue 12): two accounts, one whose sign-in stopped
   * working, so that Preferences → Accounts shows both states. The
   * sample is never published from and holds no tokens. */
  {
    RoundsAccount *account;

    account = rounds_store_add_account (store, ROUNDS_NETWORK_MASTODON,
                                        "https://med-mastodon.example",
                                        "@willowcreek@med-mastodon.example",
                                        ROUNDS_SAMPLE_PRACTICE_NAME, "1", now + 45 * 86400, error);
    if (account == NULL)
      return FALSE;
    account = rounds_store_add_account (store, ROUNDS_NETWORK_BLUESKY, "https://bsky.social",
                                        "willowcreek.example", ROUNDS_SAMPLE_PRACTICE_NAME,
                                        "did:plc:sample", 0, error);
    if (account == NULL ||
        !rounds_store_set_account_auth_expired (store, rounds_account_get_id (account),
                                                "The app password was revoked.", error))
      return FALSE;
  }

  for (guint i = 0; i < G_N_ELEMENTS (sample_comments); i++)
    {
      if (rounds_store_add_comment (store, sample_comments[i].network, sample_comments[i].kind,
                                    sample_comments[i].author, sample_comments[i].body,
                                    now - sample_comments[i].hours_ago * 3600,
                                    sample_comments[i].kind == ROUNDS_COMMENT_KIND_COMMENT
                                      ? first_post_id : 0,
                                    sample_comments[i].rating, error) == 0)
        return FALSE;
    }

  /* Insights: six months of history, and the plan it is measured against. */
  if (!_rounds_sample_add_insights (store, tz, error))
    return FALSE;

  return TRUE;
}
