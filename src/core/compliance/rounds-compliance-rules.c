/* rounds-compliance-rules.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the rule pack (resources/compliance/rules.json) and the name lists
 * into the immutable tables the scanner reads. Lexicon names map to RLex
 * below; each lexicon phrase is split into token keys the same way as the
 * scanned text, with "<n>" standing for any number.
 */

#define G_LOG_DOMAIN "rounds-compliance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rounds-compliance-private.h"

/* The special key that matches any number token. */
#define NUM_KEY "\001"

static const char * const lex_names[N_LEX] = {
  [LEX_HONORIFIC] = "honorific",
  [LEX_DOCTOR_TITLE] = "doctor_title",
  [LEX_PUBLIC_TITLE] = "public_title",
  [LEX_STAFF_ROLE] = "staff_role",
  [LEX_STAFF_CREDENTIAL] = "staff_credential",
  [LEX_MONTH] = "month",
  [LEX_WEEKDAY] = "weekday",
  [LEX_STREET_SUFFIX] = "street_suffix",
  [LEX_STREET_PREFIX] = "street_prefix",
  [LEX_DIRECTION] = "direction",
  [LEX_UNIT_WORD] = "unit_word",
  [LEX_US_STATE] = "us_state",
  [LEX_ID_LABEL] = "id_label",
  [LEX_ID_FILLER] = "id_filler",
  [LEX_FAX_WORD] = "fax_word",
  [LEX_BUSINESS_PHONE] = "business_phone",
  [LEX_CARE_NOUN] = "care_noun",
  [LEX_FAMILY] = "family",
  [LEX_POSS2] = "poss2",
  [LEX_POSS3] = "poss3",
  [LEX_RC_PHRASE] = "rc_phrase",
  [LEX_RC_PROSPECTIVE] = "rc_prospective",
  [LEX_RC_EXCLUSION] = "rc_exclusion",
  [LEX_PR_ANCHOR] = "pr_anchor",
  [LEX_PERSON_NOUN] = "person_noun",
  [LEX_VISIT_EVENT] = "visit_event",
  [LEX_CELEBRATION] = "celebration",
  [LEX_DOB_CUE] = "dob_cue",
  [LEX_AGE_BEFORE] = "age_before",
  [LEX_AGE_AFTER] = "age_after",
  [LEX_POPULATION_AGE] = "population_age",
  [LEX_GUARANTEE] = "guarantee",
  [LEX_NEGATION] = "negation",
  [LEX_ADVICE_IMPERATIVE] = "advice_imperative",
  [LEX_ADVICE_OBJECT] = "advice_object",
  [LEX_ADVICE_PHRASE] = "advice_phrase",
  [LEX_DOSE] = "dose",
  [LEX_DOSE_FREQ] = "dose_freq",
  [LEX_MODAL_GENERAL] = "modal_general",
  [LEX_MEDICATION] = "medication",
  [LEX_SPONSOR_SIGNAL] = "sponsor_signal",
  [LEX_DISCLOSURE] = "disclosure",
  [LEX_DISCLOSURE_TAG] = "disclosure_tag",
  [LEX_TESTIMONIAL_MARKER] = "testimonial_marker",
  [LEX_FIRST_PERSON] = "first_person",
  [LEX_PRAISE] = "praise",
  [LEX_GREETING] = "greeting",
  [LEX_INITIALS_EXCLUDE] = "initials_exclude",
  [LEX_NAME_STOP] = "name_stop",
  [LEX_PLACE_NAME] = "place_name",
  [LEX_PUBLIC_EMAIL_LOCAL] = "public_email_local",
  [LEX_PERSONAL_URL_HOST] = "personal_url_host",
  [LEX_PERSONAL_URL_CONTEXT] = "personal_url_context",
  [LEX_HASHTAG_MARKER] = "hashtag_marker",
  [LEX_SENTENCE_ABBREV] = "sentence_abbrev",
  [LEX_PUBLIC_PHONE] = "public_phone",
  [LEX_CLAUSE_LEAD] = "clause_lead",
  [LEX_PATIENT_GROUP] = "patient_group",   /* "one of our moms": people counted as patients */
  [LEX_HEALTH_PLAN_CUE] = "health_plan_cue",  /* insurers and plan words: a code after them is a member number */
};

static const char * const word_names[N_WORDS] = {
  [WORD_GREETING_GROUP] = "greeting_group",
  [WORD_NAME_KIN_BEFORE] = "name_kin_before",
  [WORD_NAME_STORY_NOUN] = "name_story_noun",
  [WORD_HASHTAG_MARKER] = "hashtag_name_word",
  [WORD_TESTIMONIAL_VERB] = "testimonial_verb",
  [WORD_TOLD_VERB] = "told_verb",
  [WORD_TOLD_AUDIENCE] = "told_audience",
  [WORD_STORY_PRONOUN] = "story_pronoun",
  [WORD_PATIENT_THING] = "patient_thing",
  [WORD_GENERIC_PATIENT] = "generic_patient",
  [WORD_PERSONAL_CONTEXT] = "personal_context",
  [WORD_MONEY_NOUN] = "money_noun",
  [WORD_ADVICE_DISMISS] = "advice_dismiss",
  [WORD_ADVICE_SUBJECT] = "advice_subject",
  [WORD_CLAIM_UNIVERSAL] = "claim_universal",
  [WORD_CLAIM_WHOLE] = "claim_whole",
  [WORD_CLAIM_FOR] = "claim_for",
  [WORD_NUMBER_WORD] = "number_word",
  [WORD_RC_CARE_WALK_STOP] = "rc_care_walk_stop",
  [WORD_RC_INSTRUCTION_LEAD] = "rc_instruction_lead",
  [WORD_RC_CONDITION] = "rc_condition",
  [WORD_RC_YOU] = "rc_you",
  [WORD_RC_FEELING] = "rc_feeling",
  [WORD_RC_OFFER] = "rc_offer",
  [WORD_RC_DETERMINER] = "rc_determiner",
  [WORD_PR_PATIENT] = "pr_patient",
  [WORD_PR_PATIENTS] = "pr_patients",
  [WORD_PR_ONE_OF_OUR] = "pr_one_of_our",
  [WORD_PR_ARRIVAL_VERB] = "pr_arrival_verb",
  [WORD_PR_SOMEONE] = "pr_someone",
  [WORD_PR_OUR] = "pr_our",
  [WORD_PR_REGULAR] = "pr_regular",
  [WORD_PR_PERSON_DET] = "pr_person_det",
  [WORD_PR_THIRD_PERSON] = "pr_third_person",
  [WORD_ADVICE_NOT_TREATMENT] = "advice_not_treatment",
  [WORD_ADVICE_YOU] = "advice_you",
  [WORD_ADVICE_MED_VERB] = "advice_med_verb",
  [WORD_ADVICE_DURATION_VERB] = "advice_duration_verb",
  [WORD_ADVICE_DURATION_HEDGE] = "advice_duration_hedge",
  [WORD_ADVICE_DURATION_UNIT] = "advice_duration_unit",
  [WORD_ADVICE_KEEP_VERB] = "advice_keep_verb",
  [WORD_ADVICE_PERSON] = "advice_person",
  [WORD_ADVICE_REMOVE] = "advice_remove",
  [WORD_ADVICE_DETERMINER] = "advice_determiner",
  [WORD_ADVICE_DONT] = "advice_dont",
  [WORD_ADVICE_STOP] = "advice_stop",
  [WORD_ADVICE_GIVE_VERB] = "advice_give_verb",
  [WORD_CLAIM_NEEDS_CARE] = "claim_needs_care",
  [WORD_CLAIM_PERMANENT] = "claim_permanent",
  [WORD_CLAIM_PERMANENT_OUTCOME] = "claim_permanent_outcome",
  [WORD_CLAIM_PERMANENT_BEFORE] = "claim_permanent_before",
  [WORD_CLAIM_EVER] = "claim_ever",
  [WORD_CLAIM_NO] = "claim_no",
  [WORD_CLAIM_NO_NOT] = "claim_no_not",
  [WORD_CLAIM_SINGLE] = "claim_single",
  [WORD_CLAIM_IDIOM_START] = "claim_idiom_start",
  [WORD_CLAIM_IDIOM_END] = "claim_idiom_end",
  [WORD_CLAIM_ELIMINATES] = "claim_eliminates",
  [WORD_CLAIM_ELIMINATES_OBJECT] = "claim_eliminates_object",
  [WORD_CLAIM_HEDGEABLE] = "claim_hedgeable",
  [WORD_CLAIM_HEDGE] = "claim_hedge",
  [WORD_CLAIM_BOARD] = "claim_board",
  [WORD_SPONSOR_CODE] = "sponsor_code",
  [WORD_SPONSOR_CODE_IS] = "sponsor_code_is",
  [WORD_TESTIMONIAL_BY_THE] = "testimonial_by_the",
  [WORD_TESTIMONIAL_BY_FAMILY] = "testimonial_by_family",
  [WORD_TESTIMONIAL_FROM] = "testimonial_from",
  [WORD_TESTIMONIAL_SAID] = "testimonial_said",
  [WORD_TOLD_PHRASE] = "told_phrase",
  [WORD_TESTIMONIAL_ONE_OF_OUR] = "testimonial_one_of_our",
  [WORD_TESTIMONIAL_SOMEONE] = "testimonial_someone",
  [WORD_TESTIMONIAL_NOT_PATIENT] = "testimonial_not_patient",
  [WORD_TESTIMONIAL_OUR_PATIENT] = "testimonial_our_patient",
  [WORD_TESTIMONIAL_ABOUT_US] = "testimonial_about_us",
  [WORD_TESTIMONIAL_ONE_OF_OURS] = "testimonial_one_of_ours",
  [WORD_TESTIMONIAL_THAT] = "testimonial_that",
  [WORD_TESTIMONIAL_NOT_NAME] = "testimonial_not_name",
  [WORD_TESTIMONIAL_PRACTICE] = "testimonial_practice",
  [WORD_NAME_CELEBRATION_LINK] = "name_celebration_link",
  [WORD_NAME_PLACE_BEFORE] = "name_place_before",
  [WORD_NAME_DOB_LABEL] = "name_dob_label",
  [WORD_NAME_FIELD_LABEL] = "name_field_label",
  [WORD_NAME_PATIENT_NOUN] = "name_patient_noun",
  [WORD_NAME_OUR] = "name_our",
  [WORD_NAME_PATIENT_BEFORE] = "name_patient_before",
  [WORD_HASHTAG_NAME_AFFIX] = "hashtag_name_affix",
  [WORD_NAME_ES_HONORIFIC] = "name_es_honorific",
  [WORD_NAME_ES_HONORIFIC_AMBIGUOUS] = "name_es_honorific_ambiguous",
  [WORD_NAME_ES_HONORIFIC_AFTER] = "name_es_honorific_after",
  [WORD_NAME_FAMILY_WORD] = "name_family_word",
  [WORD_NAME_FAMILY_ARTICLE] = "name_family_article",
  [WORD_NAME_CELEBRATION_A] = "name_celebration_a",
  [WORD_NAME_OF_FAMILY] = "name_of_family",
  [WORD_ADVICE_SPECIALIST_ENDING] = "advice_specialist_ending",
  [WORD_DATE_ORDINAL_SUFFIX] = "date_ordinal_suffix",
  [WORD_DATE_MONTH_LOWER_CASE] = "date_month_lower_case",
  [WORD_DATE_CLOCK] = "date_clock",
  [WORD_DATE_MONTH_BEFORE] = "date_month_before",
  [WORD_DATE_MONTH_AMBIGUOUS] = "date_month_ambiguous",
  [WORD_DATE_DAY_OF] = "date_day_of",
  [WORD_DATE_MONTH_OF] = "date_month_of",
  [WORD_DATE_WEEKDAY_BEFORE] = "date_weekday_before",
  [WORD_DATE_DAY_BEFORE] = "date_day_before",
  [WORD_DATE_DAY_ARTICLE] = "date_day_article",
  [WORD_ID_PROMO_CODE] = "id_promo_code",
  [WORD_ADDRESS_PO] = "address_po",
  [WORD_ID_LABEL_TAIL] = "id_label_tail",
  [WORD_ADDRESS_BOX] = "address_box",
  [WORD_AGE_BIRTHDAY] = "age_birthday",
  [WORD_AGE_BEFORE_NOT] = "age_before_not",
  [WORD_AGE_LABEL] = "age_label",
  [WORD_AGE_RANGE_AND] = "age_range_and",
  [WORD_AGE_BEFORE_CLAUSE] = "age_before_clause",
  [WORD_AGE_CLAUSE_AND] = "age_clause_and",
  [WORD_AGE_ORDINAL_SUFFIX] = "age_ordinal_suffix",
  [WORD_AGE_HAPPY] = "age_happy",
  [WORD_AGE_HAPPY_TO] = "age_happy_to",
  [WORD_AGE_DECADE_SUFFIX] = "age_decade_suffix",
  [WORD_AGE_DECADE_BEFORE] = "age_decade_before",
  [WORD_AGE_YEARS_SUFFIX] = "age_years_suffix",
  [WORD_AGE_BIRTHDAY_TO_THE] = "age_birthday_to_the",
  [WORD_AGE_POPULATION_BEFORE] = "age_population_before",
  [WORD_AGE_POPULATION_AFTER] = "age_population_after",
  [WORD_EMAIL_FREE_MAIL] = "email_free_mail",
  [WORD_URL_TLD] = "url_tld",
  [WORD_PHONE_PERSONAL] = "phone_personal",
  [WORD_PHONE_CUE_SHORT] = "phone_cue_short",
  [WORD_PHONE_CUE_LONG] = "phone_cue_long",
  [WORD_DISCLOSURE_LABEL] = "disclosure_label",
  [WORD_DISCLOSURE_HEADING] = "disclosure_heading",
  [WORD_NAMED_CARE_AGE] = "named_care_age",
  [WORD_REVIEWER_NOT_NAME] = "reviewer_not_name",
  [WORD_PHONE_TOLL_FREE_PREFIX] = "phone_toll_free_prefix",
  [WORD_CARE_WORD] = "care_word",
  [WORD_CARE_DRUG_ENDING] = "care_drug_ending",
  [WORD_CARE_EVENT] = "care_event",
  [WORD_CARE_RESULT] = "care_result",
  [WORD_CARE_FEELING] = "care_feeling",
  [WORD_CARE_YOU] = "care_you",
  [WORD_CARE_GENERAL] = "care_general",
  [WORD_CARE_GENERAL_LEAD] = "care_general_lead",
  [WORD_CARE_PROSPECTIVE] = "care_prospective",
  [WORD_ADVICE_VERB] = "advice_verb",
  [WORD_ADVICE_MODAL] = "advice_modal",
  [WORD_CLAIM_CERTAINTY] = "claim_certainty",
  [WORD_CLAIM_OUTCOME] = "claim_outcome",
  [WORD_CLAIM_DOUBT] = "claim_doubt",
  [WORD_CLAIM_FUTURE] = "claim_future",
  [WORD_CLAIM_NEVER] = "claim_never",
  [WORD_CLAIM_AGAIN] = "claim_again",
  [WORD_CLAIM_CLOSING] = "claim_closing",
  [WORD_ADVICE_NOT_OBJECT] = "advice_not_object",
  [WORD_CARE_NOT_EVENT] = "care_not_event",
  [WORD_CARE_PAST_ENDING] = "care_past_ending",
  [WORD_CARE_WE] = "care_we",
  [WORD_CARE_THIRD] = "care_third",
  [WORD_CARE_I] = "care_i",
  [WORD_ADVICE_PERMISSION] = "advice_permission",
  [WORD_STAFF_SHORT_FORM] = "staff_short_form",
  [WORD_CLAIM_NONE] = "claim_none",
  [WORD_CLAIM_WITHOUT] = "claim_without",
  [WORD_CARE_WHO] = "care_who",
  [WORD_CARE_RECALL_LEAD] = "care_recall_lead",
  [WORD_CARE_CREDIT] = "care_credit",
  [WORD_ADVICE_PRONOUN_OBJECT] = "advice_pronoun_object",
  [WORD_AGE_OF] = "age_of",
  [WORD_AGE_AT] = "age_at",
  [WORD_RC_ATTENDANCE] = "rc_attendance",
  [WORD_RC_WHEN] = "rc_when",
  [WORD_RC_SEE_YOU] = "rc_see_you",
  [WORD_CLAIM_DENIAL_VERB] = "claim_denial_verb",
  [WORD_RC_FUTURE_CARE] = "rc_future_care",
  [WORD_VOCATIVE_NOT_NAME] = "vocative_not_name",
  [WORD_VOCATIVE_NOT_NAME_ENDING] = "vocative_not_name_ending",
  [WORD_TESTIMONIAL_I] = "testimonial_i",
  [WORD_VOCATIVE_LIST_AND] = "vocative_list_and",
  [WORD_PR_BEFORE] = "pr_before",
  [WORD_PR_AFTER] = "pr_after",
  [WORD_PR_OF_PERSON] = "pr_of_person",
  [WORD_NAME_THANKS_FOR] = "name_thanks_for",
  [WORD_NAME_PRESENT_BEFORE] = "name_present_before",
  [WORD_PR_BIRTH] = "pr_birth",
  [WORD_PR_BIRTH_WEIGHT] = "pr_birth_weight",
  [WORD_PERSONAL_PAGE] = "personal_page",
  [WORD_HASHTAG_FAMILY] = "hashtag_family",
  [WORD_HASHTAG_PLACE_BEFORE] = "hashtag_place_before",
  [WORD_PR_RECENT_TIME] = "pr_recent_time",
  [WORD_CLAIM_TIMEFRAME] = "claim_timeframe",
  [WORD_CLAIM_SUBJECT] = "claim_subject",
  [WORD_DATE_ORDINAL_WORD] = "date_ordinal_word",
  [WORD_DATE_AT] = "date_at",
  [WORD_DATE_DAY_THEN] = "date_day_then",
  [WORD_NAME_FAMILY_BEFORE] = "name_family_before",
  [WORD_NAME_KIN_TITLE] = "name_kin_title",
  [WORD_CLAIM_CLAUSE_BEFORE] = "claim_clause_before",
  [WORD_CLAIM_OTHERS] = "claim_others",
  [WORD_PUBLIC_DISCLOSURE] = "public_disclosure",
  [WORD_CLAIM_PROMISE_VERB] = "claim_promise_verb",
  [WORD_CLAIM_LASTING] = "claim_lasting",
  [WORD_CLAIM_HARM] = "claim_harm",
  [WORD_TESTIMONIAL_ACCORDING] = "testimonial_according",
  [WORD_RC_NOT_CONFIRMING] = "rc_not_confirming",
  [WORD_AGE_TENS_WORD] = "age_tens_word",
  [WORD_AGE_UNIT_WORD] = "age_unit_word",
  [WORD_AGE_HUNDRED_WORD] = "age_hundred_word",
  [WORD_AGE_HUNDRED_BEFORE] = "age_hundred_before",
  [WORD_AGE_UNIT_ORDINAL] = "age_unit_ordinal",
  [WORD_AGE_HUNDRED_ORDINAL] = "age_hundred_ordinal",
  [WORD_NAME_VOCATIVE_NEXT] = "name_vocative_next",
  [WORD_NAME_NOT_STAFF] = "name_not_staff",
  [WORD_CLAIM_BOARD_FIELD] = "claim_board_field",
  [WORD_CLAIM_FULL] = "claim_full",
  [WORD_CLAIM_FULL_NOT] = "claim_full_not",
  [WORD_CLAIM_FULL_BEFORE_NOT] = "claim_full_before_not",
  [WORD_CLAIM_WILL_NOT] = "claim_will_not",
  [WORD_CLAIM_ILL] = "claim_ill",
  [WORD_CLAIM_ILL_HEDGE] = "claim_ill_hedge",
  [WORD_CLAIM_ABSOLUTE] = "claim_absolute",
  [WORD_CLAIM_RESULT] = "claim_result",
  [WORD_CLAIM_ZERO] = "claim_zero",
  [WORD_CLAIM_WHENEVER] = "claim_whenever",
  [WORD_CLAIM_WHENEVER_AFTER] = "claim_whenever_after",
  [WORD_PR_POPULATION_COUNT] = "pr_population_count",
  [WORD_CLAIM_QUESTION_LEAD] = "claim_question_lead",
  [WORD_HISTORY_YEAR_BEFORE] = "history_year_before",
  [WORD_AGE_AT_NEXT] = "age_at_next",
  [WORD_DATE_ON] = "date_on",
  [WORD_DATE_AGE_ON] = "date_age_on",
  [WORD_DATE_AGE_VERB] = "date_age_verb",
  [WORD_DATE_DAY_NOT_AFTER] = "date_day_not_after",
  [WORD_URL_PERSON_PARAM] = "url_person_param",
  [WORD_RC_BOOKING] = "rc_booking",
  [WORD_RC_OWN_DOCTOR] = "rc_own_doctor",
  [WORD_PR_TIMED_OWNER] = "pr_timed_owner",
  [WORD_PR_TIMED_VISIT] = "pr_timed_visit",
  [WORD_PR_CLOCK_SUFFIX] = "pr_clock_suffix",
  [WORD_PR_STAFF_BEFORE] = "pr_staff_before",
  [WORD_PR_MILESTONE] = "pr_milestone",
  [WORD_AGE_CLAUSE_NOT] = "age_clause_not",
  [WORD_PR_FRIEND] = "pr_friend",
  [WORD_PR_PERSON_WORD] = "pr_person_word",
  [WORD_PR_SOMEONE_ALONE] = "pr_someone_alone",
  [WORD_PR_LEFT_VERB] = "pr_left_verb",
  [WORD_PR_PERSON_POSSESSIVE] = "pr_person_possessive",
  [WORD_PR_SOMEONE_POSSESSIVE] = "pr_someone_possessive",
  [WORD_STORY_PAST] = "story_past",
  [WORD_STORY_PAST_ENDING] = "story_past_ending",
  [WORD_STORY_CHANGE] = "story_change",
  [WORD_STORY_TIME_UNIT] = "story_time_unit",
  [WORD_STORY_MILESTONE] = "story_milestone",
  [WORD_STORY_YOU] = "story_you",
  [WORD_STORY_FREE] = "story_free",
  [WORD_STORY_NUMBER] = "story_number",
  [WORD_STORY_GROUP] = "story_group",
  [WORD_NOTICE_TO] = "notice_to",
  [WORD_NOTICE_WHO] = "notice_who",
};

/* The word lists whose entries may be several words (read with
 * _rs_words_at()); every other list takes single words only. */
static const gboolean word_multi[N_WORDS] = {
  [WORD_RC_FEELING] = TRUE,
  [WORD_PR_ONE_OF_OUR] = TRUE,
  [WORD_ADVICE_REMOVE] = TRUE,
  [WORD_CLAIM_NEEDS_CARE] = TRUE,
  [WORD_TOLD_PHRASE] = TRUE,
  [WORD_TESTIMONIAL_ONE_OF_OUR] = TRUE,
  [WORD_TESTIMONIAL_OUR_PATIENT] = TRUE,
  [WORD_TESTIMONIAL_ONE_OF_OURS] = TRUE,
  [WORD_NAME_DOB_LABEL] = TRUE,
  [WORD_NAME_FIELD_LABEL] = TRUE,
  [WORD_NAME_OF_FAMILY] = TRUE,
  [WORD_NAME_PRESENT_BEFORE] = TRUE,
  [WORD_PR_RECENT_TIME] = TRUE,
  [WORD_CLAIM_TIMEFRAME] = TRUE,
  [WORD_CLAIM_SUBJECT] = TRUE,
  [WORD_TESTIMONIAL_ACCORDING] = TRUE,
  [WORD_RC_NOT_CONFIRMING] = TRUE,
  [WORD_CLAIM_CLAUSE_BEFORE] = TRUE,
  [WORD_CLAIM_OTHERS] = TRUE,
  [WORD_PUBLIC_DISCLOSURE] = TRUE,
  [WORD_NAME_NOT_STAFF] = TRUE,
  [WORD_ADDRESS_PO] = TRUE,
  [WORD_ID_LABEL_TAIL] = TRUE,
  [WORD_AGE_BIRTHDAY_TO_THE] = TRUE,
  [WORD_AGE_POPULATION_AFTER] = TRUE,
  [WORD_CARE_WORD] = TRUE,
  [WORD_CARE_EVENT] = TRUE,
  [WORD_CARE_RESULT] = TRUE,
  [WORD_CARE_FEELING] = TRUE,
  [WORD_CARE_PROSPECTIVE] = TRUE,
  [WORD_ADVICE_VERB] = TRUE,
  [WORD_ADVICE_MODAL] = TRUE,
  [WORD_CLAIM_CERTAINTY] = TRUE,
  [WORD_CLAIM_OUTCOME] = TRUE,
  [WORD_CLAIM_DOUBT] = TRUE,
  [WORD_ADVICE_NOT_OBJECT] = TRUE,
  [WORD_CARE_WE] = TRUE,
  [WORD_ADVICE_PERMISSION] = TRUE,
  [WORD_STAFF_SHORT_FORM] = TRUE,
  [WORD_CLAIM_NONE] = TRUE,
  [WORD_CARE_RECALL_LEAD] = TRUE,
  [WORD_CARE_CREDIT] = TRUE,
  [WORD_RC_ATTENDANCE] = TRUE,
  [WORD_RC_WHEN] = TRUE,
  [WORD_RC_SEE_YOU] = TRUE,
  [WORD_CLAIM_FULL] = TRUE,
  [WORD_RC_BOOKING] = TRUE,
  [WORD_RC_OWN_DOCTOR] = TRUE,
  [WORD_CLAIM_FULL_BEFORE_NOT] = TRUE,
  [WORD_CLAIM_WILL_NOT] = TRUE,
  [WORD_CLAIM_WHENEVER] = TRUE,
};

/* The word lists whose entries are beginnings or endings of a word (one
 * word each, read with _rs_word_affixes()): "#welcomeolivia",
 * "neurologist". */
static const gboolean word_affix[N_WORDS] = {
  [WORD_HASHTAG_NAME_AFFIX] = TRUE,
  [WORD_ADVICE_SPECIALIST_ENDING] = TRUE,
  [WORD_DATE_ORDINAL_SUFFIX] = TRUE,
  [WORD_AGE_ORDINAL_SUFFIX] = TRUE,
  [WORD_AGE_DECADE_SUFFIX] = TRUE,
  [WORD_AGE_YEARS_SUFFIX] = TRUE,
  [WORD_PHONE_TOLL_FREE_PREFIX] = TRUE,
  [WORD_CARE_DRUG_ENDING] = TRUE,
  [WORD_CARE_PAST_ENDING] = TRUE,
  [WORD_VOCATIVE_NOT_NAME_ENDING] = TRUE,
  [WORD_PR_CLOCK_SUFFIX] = TRUE,
  [WORD_STORY_PAST_ENDING] = TRUE,
};

static const char * const rule_ids[N_RULES] = {
  [RULE_NAME] = "phi.name",
  [RULE_NAME_REVIEWER] = "phi.name.reviewer",
  [RULE_NAME_INITIALS] = "phi.name.initials",
  [RULE_NAME_HASHTAG] = "phi.name.hashtag",
  [RULE_NAME_BLOCK_TERM] = "phi.name.block_term",
  [RULE_DATE] = "phi.date",
  [RULE_DATE_BIRTH] = "phi.date.birth",
  [RULE_AGE] = "phi.age",
  [RULE_PHONE] = "phi.phone",
  [RULE_FAX] = "phi.fax",
  [RULE_EMAIL] = "phi.email",
  [RULE_SSN] = "phi.ssn",
  [RULE_MRN] = "phi.mrn",
  [RULE_HEALTH_PLAN] = "phi.health_plan",
  [RULE_ACCOUNT] = "phi.account",
  [RULE_LICENSE] = "phi.license",
  [RULE_VEHICLE] = "phi.vehicle",
  [RULE_DEVICE] = "phi.device",
  [RULE_URL] = "phi.url",
  [RULE_IP] = "phi.ip",
  [RULE_ADDRESS] = "phi.address",
  [RULE_ADDRESS_ZIP] = "phi.address.zip",
  [RULE_OTHER_ID] = "phi.other_id",
  [RULE_BLOCK_TERM] = "phi.block_term",
  [RULE_PATIENT_REFERENCE] = "risk.patient_reference",
  [RULE_REVIEW_CONFIRMATION] = "risk.review_confirmation",
  [RULE_TESTIMONIAL] = "risk.testimonial",
  [RULE_GUARANTEE] = "risk.guarantee",
  [RULE_GUARANTEE_SUPERLATIVE] = "risk.guarantee.superlative",
  [RULE_MEDICAL_ADVICE] = "risk.medical_advice",
  [RULE_MISSING_DISCLOSURE] = "risk.missing_disclosure",
};

static void
phrase_free (gpointer data)
{
  RPhrase *p = data;

  g_strfreev (p->keys);
  g_free (p->lens);
  g_free (p);
}

/* A lower-case ASCII word or number ("cure", "800") is its own key: no
 * need to run the tokenizer (most of the rule pack's words; it makes
 * loading the pack faster). */
static gboolean
is_plain_key (const char *text)
{
  const char *p = text;

  while (g_ascii_islower (*p) || g_ascii_isdigit (*p))
    p++;
  return *p == '\0' && p > text;
}

/* g_strsplit_set (@text, " \t", -1) (empty parts included) without its
 * list and delimiter table: the rule pack splits a few thousand entries
 * at every start. */
static char **
split_blanks (const char *text)
{
  guint n = 1, k = 0;
  char **parts;
  const char *start = text;

  for (const char *p = text; *p; p++)
    n += *p == ' ' || *p == '\t';
  parts = g_new (char *, n + 1);
  for (const char *p = text;; p++)
    if (*p == ' ' || *p == '\t' || *p == '\0')
      {
        parts[k++] = g_strndup (start, p - start);
        if (*p == '\0')
          break;
        start = p + 1;
      }
  parts[k] = NULL;
  return parts;
}

static void
add_phrase (RRules     *rules,
            RLex        lex,
            const char *text,
            int         value)
{
  g_auto(GStrv) parts = split_blanks (text);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GPtrArray *list;
  RPhrase *phrase;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;

      if (strcmp (parts[i], "<n>") == 0)
        g_ptr_array_add (keys, g_strdup (NUM_KEY));
      else if (is_plain_key (parts[i]))
        g_ptr_array_add (keys, g_strdup (parts[i]));
      else
        {
          g_auto(GStrv) sub = _rounds_tokenize_keys (parts[i]);

          for (guint k = 0; sub[k] != NULL; k++)
            g_ptr_array_add (keys, g_strdup (sub[k]));
        }
    }

  if (keys->len == 0 || keys->len > 255)
    {
      g_ptr_array_foreach (keys, (GFunc) g_free, NULL);
      return;
    }

  g_ptr_array_add (keys, NULL);

  phrase = g_new0 (RPhrase, 1);
  phrase->lex = lex;
  phrase->n = keys->len - 1;
  phrase->value = CLAMP (value, G_MININT16, G_MAXINT16);
  phrase->keys = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
  phrase->lens = g_new (guint16, phrase->n);
  for (guint k = 0; k < phrase->n; k++)
    phrase->lens[k] = strcmp (phrase->keys[k], NUM_KEY) == 0 ? G_MAXUINT16 : MIN (strlen (phrase->keys[k]), G_MAXUINT16 - 1);

  {
    guchar c = (guchar) phrase->keys[0][0];

    if (c < 128 && phrase->keys[0][1] == '\0')
      rules->ascii_first[c / 64] |= G_GUINT64_CONSTANT (1) << (c % 64);
  }

  list = g_hash_table_lookup (rules->phrases, phrase->keys[0]);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (phrase_free);
      g_hash_table_insert (rules->phrases, g_strdup (phrase->keys[0]), list);
    }
  g_ptr_array_add (list, phrase);
}

static RWord
word_list_for (const char *name)
{
  for (guint k = 0; k < N_WORDS; k++)
    if (strcmp (word_names[k], name) == 0)
      return k;
  return N_WORDS;
}

/* A word list entry, folded like the scanned text: one token ("y'all",
 * "family's"), or for a list read with _rs_words_at() several, where
 * "<any>" stands for any one token ("fecha <any> nacimiento"); NULL if
 * @text is not a word (or several where one is wanted). */
static char **
word_keys (const char *text,
           RWord       list)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  gboolean word = FALSE;

  /* most entries are one plain word, which is its own key */
  if (is_plain_key (text))
    {
      char **one = g_new0 (char *, 2);

      one[0] = g_strdup (text);
      return one;
    }

  parts = split_blanks (text);
  keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) sub = NULL;

      if (parts[i][0] == '\0')
        continue;
      if (strcmp (parts[i], "<any>") == 0)
        {
          g_ptr_array_add (keys, g_strdup (ANY_KEY));
          continue;
        }
      /* a plain word of a phrase is its own key, as above */
      if (is_plain_key (parts[i]))
        {
          g_ptr_array_add (keys, g_strdup (parts[i]));
          word = TRUE;
          continue;
        }
      sub = _rounds_tokenize_keys (parts[i]);
      for (guint k = 0; sub != NULL && sub[k] != NULL; k++)
        g_ptr_array_add (keys, g_strdup (sub[k]));
      word = word || (sub != NULL && sub[0] != NULL);
    }
  if (!word || (keys->len > 1 && !word_multi[list]))
    return NULL;
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
}

/* Checks a word list (a JSON array of single words, or of phrases for a
 * list that takes them) before anything is added. */
static gboolean
check_word_list (JsonNode    *node,
                 const char  *pack,
                 RWord        list,
                 GError     **error)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  const char *what = word_multi[list] ? "words or phrases" : "single words";

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_auto(GStrv) keys = NULL;

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
          (keys = word_keys (json_node_get_string (e), list)) == NULL)
        {
          g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
                       "Rule pack %s: word list “%s” must be a list of %s; entry %u is not",
                       pack, word_names[list], what, i + 1);
          return FALSE;
        }
    }
  if (array == NULL)
    {
      g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
                   "Rule pack %s: word list “%s” must be a list of %s", pack, word_names[list], what);
      return FALSE;
    }
  return TRUE;
}

const guint64 _rounds_no_words[RWORD_N64];

static RWordEntry *
word_entry (RRules     *rules,
            const char *key)
{
  RWordEntry *e = g_hash_table_lookup (rules->words, key);

  if (e == NULL)
    {
      e = g_new0 (RWordEntry, 1);
      g_hash_table_insert (rules->words, g_strdup (key), e);
    }
  return e;
}

static void
set_word_bit (RRules     *rules,
              const char *key,
              guint       bit)
{
  word_entry (rules, key)->bits[bit >> 6] |= G_GUINT64_CONSTANT (1) << (bit & 63);
}

/* The bucket of the token after phrase @ph's first in which it may match
 * (see RPhraseHeads), or RPHRASE_BUCKETS for every bucket: a phrase of
 * one token, or one whose second token is any number. */
static guint
head_bucket (const RPhrase *ph)
{
  if (ph->n == 1 || ph->lens[1] == G_MAXUINT16)
    return RPHRASE_BUCKETS;
  return _rounds_phrase_bucket (ph->lens[1], ph->keys[1][0]);
}

/* A word's RWordData for the scan (@bits and @list's phrases packed as
 * RPhraseHead), written to @out */
static void
pack_word (GByteArray    *out,
           const guint64 *bits,
           GPtrArray     *list)
{
  guint count[RPHRASE_BUCKETS + 1];  /* phrases by head_bucket () */
  guint n = list != NULL ? list->len : 0;
  gsize total = 0;
  RWordData *d;

  /* by bucket only for a word with many phrases (and so few that an
   * index fits in 16 bits) */
  memset (count, 0, sizeof count);
  if (n >= 3 && n <= G_MAXUINT16)
    {
      for (guint p = 0; p < n; p++)
        count[head_bucket (g_ptr_array_index (list, p))]++;
      for (guint b = 0; b < RPHRASE_BUCKETS; b++)
        total += count[b] + count[RPHRASE_BUCKETS];
    }
  if (total > G_MAXUINT16)
    total = 0;

  g_byte_array_set_size (out, sizeof (RWordData) + n * sizeof (RPhraseHead) +
                              (total > 0 ? (RPHRASE_BUCKETS + 1 + total) * sizeof (guint16) : 0));
  /* the tails after that (out->data may move while they are added) */
  for (guint p = 0; p < n; p++)
    {
      const RPhrase *ph = g_ptr_array_index (list, p);
      guint32 at = out->len;

      for (guint k = 1; k < ph->n; k++)
        {
          guint16 len = ph->lens[k];

          g_byte_array_append (out, (const guint8 *) &len, sizeof len);
          if (len != G_MAXUINT16)
            g_byte_array_append (out, (const guint8 *) ph->keys[k], len);
        }
      ((RWordData *) out->data)->heads[p].tail = at;
    }
  d = (RWordData *) out->data;
  memcpy (d->bits, bits != NULL ? bits : _rounds_no_words, sizeof d->bits);
  d->n_heads = n;
  d->ordered = total > 0;
  for (guint p = 0; p < n; p++)
    {
      const RPhrase *ph = g_ptr_array_index (list, p);
      RPhraseHead *h = &d->heads[p];
      guint32 tail = h->tail;

      memset (h, 0, sizeof *h);
      h->tail = tail;
      h->n = ph->n;
      h->lex = ph->lex;
      h->value = ph->value;
      h->len1 = ph->n > 1 ? ph->lens[1] : 0;
      h->c1 = ph->n > 1 ? ph->keys[1][0] : 0;
    }

  if (total > 0)
    {
      guint16 *bstart = (guint16 *) _rounds_word_data_bstart (d);
      guint16 *order = bstart + RPHRASE_BUCKETS + 1;
      guint pos[RPHRASE_BUCKETS];
      guint at = 0;

      for (guint b = 0; b < RPHRASE_BUCKETS; b++)
        {
          bstart[b] = pos[b] = at;
          at += count[b] + count[RPHRASE_BUCKETS];
        }
      bstart[RPHRASE_BUCKETS] = at;
      /* in the list's order within each bucket */
      for (guint p = 0; p < n; p++)
        {
          guint b = head_bucket (g_ptr_array_index (list, p));

          if (b < RPHRASE_BUCKETS)
            order[pos[b]++] = p;
          else
            for (guint k = 0; k < RPHRASE_BUCKETS; k++)
              order[pos[k]++] = p;
        }
    }
}

/* Every key that starts a phrase gets a word entry that points at its
 * phrases, so that the scanner looks each token up once for both. Called
 * after anything is added. */
static void
link_phrases (RRules *rules)
{
  g_autoptr(GByteArray) packed = g_byte_array_new ();
  GHashTableIter iter;
  gpointer key, list;

  g_hash_table_iter_init (&iter, rules->phrases);
  while (g_hash_table_iter_next (&iter, &key, &list))
    {
      RWordEntry *e = word_entry (rules, key);

      e->phrases = list;
    }
  rules->num_phrases = g_hash_table_lookup (rules->phrases, NUM_KEY);
  g_clear_pointer (&rules->num_heads, g_free);
  if (rules->num_phrases != NULL && rules->num_phrases->len > 0)
    {
      pack_word (packed, NULL, rules->num_phrases);
      rules->num_heads = g_memdup2 (packed->data, packed->len);
    }

  for (guint l = 0; l < N_WORDS; l++)
    {
      GHashTableIter it;
      gpointer first, same;

      rules->word_seq_any[l] = rules->word_seq_index[l] != NULL ?
                               g_hash_table_lookup (rules->word_seq_index[l], ANY_KEY) : NULL;
      g_clear_pointer (&rules->word_seq_keys[l], _rounds_keys_free);
      if (rules->word_seq_index[l] == NULL)
        continue;
      rules->word_seq_keys[l] = _rounds_keys_new (FALSE);
      _rounds_keys_reserve (rules->word_seq_keys[l], g_hash_table_size (rules->word_seq_index[l]), 0);
      g_hash_table_iter_init (&it, rules->word_seq_index[l]);
      while (g_hash_table_iter_next (&it, &first, &same))
        {
          const GPtrArray *entries = same;
          RSeqGroup group = { entries, 0, entries->len, 0 };

          g_byte_array_set_size (packed, 0);
          g_byte_array_append (packed, (const guint8 *) &group, sizeof group);
          for (guint k = 0; k < entries->len; k++)
            {
              const char * const *keys = g_ptr_array_index (entries, k);
              guint32 count = g_strv_length ((char **) keys + 1);
              guint32 bytes = 0;

              if (strcmp (keys[1], ANY_KEY) == 0)
                group.next_mask = G_MAXUINT64;
              else
                group.next_mask |= G_GUINT64_CONSTANT (1) << RSEQ_NEXT_BIT (_rounds_key_hash (keys[1], strlen (keys[1])));
              for (guint j = 1; keys[j] != NULL; j++)
                bytes += strlen (keys[j]) + 1;
              g_byte_array_append (packed, (const guint8 *) &count, sizeof count);
              g_byte_array_append (packed, (const guint8 *) &bytes, sizeof bytes);
              for (guint j = 1; keys[j] != NULL; j++)
                g_byte_array_append (packed, (const guint8 *) keys[j], strlen (keys[j]) + 1);
            }
          memcpy (packed->data, &group, sizeof group);
          _rounds_keys_insert_data (rules->word_seq_keys[l], first, strlen (first), packed->data, packed->len);
        }
    }

  /* the ending lists by their entries' last byte (_rs_ends_with ()) */
  for (guint l = 0; l < N_WORDS; l++)
    {
      GPtrArray *affixes = rules->word_affixes[l];
      guint16 *ix;
      guint at = 0;

      g_clear_pointer (&rules->affix_by_last[l], g_free);
      if (affixes == NULL || affixes->len > G_MAXUINT16)
        continue;
      ix = g_new0 (guint16, 257 + affixes->len);
      for (guint c = 0; c < 256; c++)
        {
          ix[c] = at;
          for (guint e = 0; e < affixes->len; e++)
            {
              const char *a = g_ptr_array_index (affixes, e);
              gsize n = g_array_index (rules->word_affix_lens[l], guint, e);

              if (n > 0 && (guchar) a[n - 1] == c)
                ix[257 + at++] = e;
            }
        }
      ix[256] = at;
      rules->affix_by_last[l] = ix;
    }

  /* a list with an entry that starts with "<any>" may start at any token:
   * its WBIT_FIRST bit goes into every entry and the bits of a token in
   * no list, so that _rs_words_at () asks the token's bits alone */
  memset (&rules->no_entry, 0, sizeof rules->no_entry);
  for (guint l = 0; l < N_WORDS; l++)
    if (rules->seq_any_first[l])
      rules->no_entry.bits[(WBIT_FIRST + l) / 64] |= G_GUINT64_CONSTANT (1) << ((WBIT_FIRST + l) % 64);
  for (guint w = 0; w < RWORD_N64; w++)
    if (rules->no_entry.bits[w] != 0)
      rules->no_entry.nonzero |= 1u << w;
  rules->no_bits = rules->no_entry.nonzero != 0 ? rules->no_entry.bits : _rounds_no_words;

  /* the scan's index of the words, now that no entry will be added, each
   * word's data beside its key */
  g_clear_pointer (&rules->word_index, _rounds_keys_free);
  rules->word_index = _rounds_keys_new (FALSE);
  _rounds_keys_reserve (rules->word_index, g_hash_table_size (rules->words), 0);
  g_hash_table_iter_init (&iter, rules->words);
  while (g_hash_table_iter_next (&iter, &key, &list))
    {
      RWordEntry *e = list;

      e->nonzero = 0;
      for (guint w = 0; w < RWORD_N64; w++)
        {
          e->bits[w] |= rules->no_entry.bits[w];
          if (e->bits[w] != 0)
            e->nonzero |= 1u << w;
        }
      pack_word (packed, e->bits, e->phrases);
      _rounds_keys_insert_data (rules->word_index, key, strlen (key), packed->data, packed->len);
    }
  /* and the bits of each ASCII byte as a token of its own (punctuation),
   * which the scan would otherwise look up once per scan */
  for (guint c = 0; c < 128; c++)
    {
      char k = (char) c;
      const RWordData *d = _rounds_keys_lookup_data_hashed (rules->word_index, &k, 1,
                                                            _rounds_key_hash (&k, 1));

      rules->ascii_bits[c] = d != NULL ? d->bits : rules->no_bits;
    }
}

static void
load_word_list (RRules   *rules,
                RWord     list,
                JsonNode *node)
{
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_auto(GStrv) keys = word_keys (json_array_get_string_element (array, i), list);

      if (word_affix[list])
        {
          guint len = strlen (keys[0]);

          if (rules->word_affixes[list] == NULL)
            {
              rules->word_affixes[list] = g_ptr_array_new_with_free_func (g_free);
              rules->word_affix_lens[list] = g_array_new (FALSE, FALSE, sizeof (guint));
            }
          g_ptr_array_add (rules->word_affixes[list], g_strdup (keys[0]));
          g_array_append_val (rules->word_affix_lens[list], len);
          continue;
        }
      if (keys[1] != NULL)
        {
          guint n = g_strv_length (keys);

          /* the first and the last word say where to try the entry */
          if (strcmp (keys[0], ANY_KEY) == 0)
            rules->seq_any_first[list] = TRUE;
          else
            set_word_bit (rules, keys[0], WBIT_FIRST + list);
          if (strcmp (keys[n - 1], ANY_KEY) == 0)
            rules->seq_any_last[list] = TRUE;
          else
            set_word_bit (rules, keys[n - 1], WBIT_LAST + list);
          if (rules->word_seqs[list] == NULL)
            {
              rules->word_seqs[list] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
              rules->word_seq_index[list] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                                   (GDestroyNotify) g_ptr_array_unref);
            }
          {
            /* the entries that start with this word, so that a match tries
             * only those (a list may have hundreds) */
            GPtrArray *same = g_hash_table_lookup (rules->word_seq_index[list], keys[0]);

            if (same == NULL)
              {
                same = g_ptr_array_new ();
                g_hash_table_insert (rules->word_seq_index[list], keys[0], same);
              }
            g_ptr_array_add (same, keys);
          }
          g_ptr_array_add (rules->word_seqs[list], g_steal_pointer (&keys));
          continue;
        }
      set_word_bit (rules, keys[0], list);
    }
}

gboolean
_rounds_rules_has_word (const RRules *rules,
                        const char   *key,
                        RWord         list)
{
  const RWordEntry *e = g_hash_table_lookup (rules->words, key);

  return e != NULL && ((e->bits[list >> 6] >> (list & 63)) & 1);
}

static gboolean
load_lexicon (RRules      *rules,
              RLex         lex,
              JsonNode    *node,
              GError     **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);

          if (s == NULL)
            goto bad;
          add_phrase (rules, lex, s, 0);
        }
      return TRUE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *v = json_object_get_member (object, l->data);
          int value = 0;

          if (!JSON_NODE_HOLDS_VALUE (v))
            goto bad;

          if (json_node_get_value_type (v) == G_TYPE_STRING)
            {
              RoundsFindingCategory category;

              if (!rounds_finding_category_from_string (json_node_get_string (v), &category))
                goto bad;
              value = category;
            }
          else
            value = (int) json_node_get_int (v);

          add_phrase (rules, lex, l->data, value);
        }
      return TRUE;
    }

bad:
  g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
               "Lexicon “%s” is malformed", lex_names[lex]);
  return FALSE;
}

/* A name list's value: 2 for a name that is also a common word (a '*'
 * after the tab), else 1. */
static gpointer
name_value (const char *rest,
            gsize       len)
{
  return GINT_TO_POINTER (memchr (rest, '*', len) != NULL ? 2 : 1);
}

static void
load_name_list (RKeys  *table,
                GBytes *bytes)
{
  _rounds_keys_add_lines (table, bytes, name_value);
}

void
_rounds_rules_free (RRules *rules)
{
  if (rules == NULL)
    return;

  g_clear_pointer (&rules->phrases, g_hash_table_unref);
  g_clear_pointer (&rules->words, g_hash_table_unref);
  g_clear_pointer (&rules->num_heads, g_free);
  for (guint i = 0; i < N_WORDS; i++)
    {
      g_clear_pointer (&rules->word_seq_keys[i], _rounds_keys_free);
      g_clear_pointer (&rules->word_seq_index[i], g_hash_table_unref);
      g_clear_pointer (&rules->word_seqs[i], g_ptr_array_unref);
      g_clear_pointer (&rules->word_affixes[i], g_ptr_array_unref);
      g_clear_pointer (&rules->word_affix_lens[i], g_array_unref);
      g_clear_pointer (&rules->affix_by_last[i], g_free);
    }
  g_clear_pointer (&rules->word_index, _rounds_keys_free);
  g_clear_pointer (&rules->first_names, _rounds_keys_free);
  g_clear_pointer (&rules->surnames, _rounds_keys_free);
  g_clear_pointer (&rules->clinical, _rounds_keys_free);
  g_clear_pointer (&rules->model, _rounds_model_free);
  g_clear_pointer (&rules->common_words, g_bytes_unref);
  g_clear_pointer (&rules->name_model, _rounds_name_model_free);
  for (guint i = 0; i < N_RULES; i++)
    {
      g_clear_pointer (&rules->rules[i].id, g_ref_string_release);
      g_clear_pointer (&rules->rules[i].message, g_ref_string_release);
      g_clear_pointer (&rules->rules[i].suggestion, g_ref_string_release);
    }
  g_free (rules->reply_suggestion);
  g_free (rules->reply_suggestion_no_phone);
  g_free (rules);
}

/* A rule's message or suggestion, in the UI language: the pack's English
 * texts are msgids (src/core/compliance/rounds-rules-strings.h, generated
 * by resources/compliance/make-rules-strings.py, is what xgettext reads). */
static const char *
rule_text (JsonObject *rule,
           const char *member)
{
  const char *text = json_object_get_string_member_with_default (rule, member, "");

  return text[0] != '\0' ? g_dgettext (GETTEXT_PACKAGE, text) : "";
}

/* a number no RRules has had */
static guint
next_serial (void)
{
  static gint serials;

  return (guint) g_atomic_int_add (&serials, 1) + 1;
}

RRules *
_rounds_rules_load (GBytes  *rules_json,
                    GBytes  *first_names,
                    GBytes  *surnames,
                    GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  RRules *rules;
  JsonObject *root;
  JsonArray *rule_array;
  JsonObject *lexicons;
  gsize size;
  const char *data;

  data = g_bytes_get_data (rules_json, &size);
  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto bad;

  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "rules") || !json_object_has_member (root, "lexicons"))
    goto bad;

  rules = g_new0 (RRules, 1);
  rules->serial = next_serial ();
  rules->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  rules->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rules->first_names = _rounds_keys_new (TRUE);
  rules->surnames = _rounds_keys_new (FALSE);

  rule_array = json_object_get_array_member (root, "rules");
  for (guint i = 0; rule_array != NULL && i < json_array_get_length (rule_array); i++)
    {
      JsonObject *r = json_array_get_object_element (rule_array, i);
      const char *id;
      guint which = N_RULES;
      RoundsFindingCategory category;
      RoundsFindingSeverity severity;

      if (r == NULL)
        continue;

      id = json_object_get_string_member_with_default (r, "id", "");
      for (guint k = 0; k < N_RULES; k++)
        if (strcmp (rule_ids[k], id) == 0)
          which = k;

      if (which == N_RULES)
        {
          g_debug ("Ignoring unknown rule id %s", id);
          continue;
        }

      if (!rounds_finding_category_from_string (json_object_get_string_member_with_default (r, "category", ""), &category) ||
          !rounds_finding_severity_from_string (json_object_get_string_member_with_default (r, "severity", ""), &severity))
        {
          g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
                       "Rule “%s” has a bad category or severity", id);
          _rounds_rules_free (rules);
          return NULL;
        }

      g_clear_pointer (&rules->rules[which].id, g_ref_string_release);
      g_clear_pointer (&rules->rules[which].message, g_ref_string_release);
      g_clear_pointer (&rules->rules[which].suggestion, g_ref_string_release);
      rules->rules[which].id = g_ref_string_new (id);
      rules->rules[which].category = category;
      rules->rules[which].severity = severity;
      rules->rules[which].message = g_ref_string_new (rule_text (r, "message"));
      rules->rules[which].suggestion = g_ref_string_new (rule_text (r, "suggestion"));
    }

  for (guint k = 0; k < N_RULES; k++)
    {
      if (rules->rules[k].id == NULL)
        {
          g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
                       "Rule “%s” is missing from the rule pack", rule_ids[k]);
          _rounds_rules_free (rules);
          return NULL;
        }
    }

  rules->reply_suggestion = g_strdup (rule_text (root, "reply_suggestion"));
  rules->reply_suggestion_no_phone = g_strdup (rule_text (root, "reply_suggestion_no_phone"));

  lexicons = json_object_get_object_member (root, "lexicons");
  if (lexicons == NULL)
    {
      _rounds_rules_free (rules);
      goto bad;
    }

  for (guint k = 0; k < N_LEX; k++)
    {
      JsonNode *node = json_object_get_member (lexicons, lex_names[k]);

      if (node == NULL)
        continue;

      if (!load_lexicon (rules, k, node, error))
        {
          _rounds_rules_free (rules);
          return NULL;
        }
    }

  for (guint k = 0; k < N_WORDS; k++)
    {
      JsonNode *node = json_object_get_member (lexicons, word_names[k]);

      if (node == NULL)
        continue;
      if (!check_word_list (node, "rules.json", k, error))
        {
          _rounds_rules_free (rules);
          return NULL;
        }
      load_word_list (rules, k, node);
    }

  load_name_list (rules->first_names, first_names);
  load_name_list (rules->surnames, surnames);

  link_phrases (rules);

  return rules;

bad:
  g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
               "The rule pack is malformed");
  return NULL;
}

const char *
_rounds_lex_name (RLex lex)
{
  g_return_val_if_fail (lex < N_LEX, NULL);
  return lex_names[lex];
}

/* The clinical vocabulary: one folded word a line, '#' comments; the
 * build writes it as the key table the scanner reads in place
 * (make-keys-table.py: building it from the text at every start cost
 * 13.8 M instructions) */
gboolean
_rounds_rules_set_clinical (RRules  *rules,
                            GBytes  *table,
                            GError **error)
{
  g_clear_pointer (&rules->clinical, _rounds_keys_free);
  if (table == NULL || g_bytes_get_data (table, NULL) == NULL)
    return TRUE;
  rules->clinical = _rounds_keys_new_from_table (table, error);
  return rules->clinical != NULL;
}

/* The everyday words (common-words.txt): one folded word a line, "#" a
 * comment. Kept as their keys' 64-bit hashes only, in an open-addressing
 * table of a power of two slots at most three quarters full (2 MB for
 * 145,000 words; a key table of them took about 7 MB); a text's word and a
 * listed one sharing a hash is a chance of about 1 in 10^14 a lookup.
 * The build writes the table (make-common-words-table.py, read here as
 * it is in the resource): hashing the words at every start cost about
 * 23 M instructions and 4-9 ms. */
#define COMMON_WORDS_MAGIC G_GUINT64_CONSTANT (0x52434F4D4D4F4E31)  /* "RCOMMON1" */

gboolean
_rounds_rules_set_common_words (RRules  *rules,
                                GBytes  *table,
                                GError **error)
{
  gsize size = 0;
  const guint64 *head;
  guint64 n_slots;

  g_clear_pointer (&rules->common_words, g_bytes_unref);
  rules->common_slots = NULL;
  rules->common_mask = 0;
  if (table == NULL)
    return TRUE;
  head = g_bytes_get_data (table, &size);
  /* (the resource's data is 8-byte aligned; a copy if it ever is not) */
  if (((guintptr) head & 7) != 0)
    {
      rules->common_words = g_bytes_new (head, size);
      head = g_bytes_get_data (rules->common_words, NULL);
    }
  else
    rules->common_words = g_bytes_ref (table);
  if (size < 2 * sizeof (guint64) || head[0] != COMMON_WORDS_MAGIC)
    goto bad;
  n_slots = head[1];
  if (n_slots == 0 || (n_slots & (n_slots - 1)) != 0 || (size - 2 * sizeof (guint64)) / sizeof (guint64) != n_slots ||
      size % sizeof (guint64) != 0)
    goto bad;
  rules->common_slots = head + 2;
  rules->common_mask = n_slots - 1;
  return TRUE;

bad:
  g_clear_pointer (&rules->common_words, g_bytes_unref);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The everyday words' table is malformed");
  return FALSE;
}

/* Whether the key whose _rounds_key_hash () is @hash is an everyday word */
gboolean
_rounds_rules_is_common_word (const RRules *rules,
                              guint64       hash)
{
  const guint64 *slots = rules->common_slots;
  guint64 mask = rules->common_mask;

  if (slots == NULL || hash == 0)
    return FALSE;
  for (guint64 i = hash & mask; slots[i] != 0; i = (i + 1) & mask)
    if (slots[i] == hash)
      return TRUE;
  return FALSE;
}

int
_rounds_rules_first_name (const RRules *rules,
                          const char   *key,
                          gsize         len)
{
  gpointer value = NULL;

  return _rounds_keys_lookup (rules->first_names, key, len, &value) ? GPOINTER_TO_INT (value) : 0;
}

gboolean
_rounds_rules_is_surname (const RRules *rules,
                          const char   *key,
                          gsize         len)
{
  return _rounds_keys_lookup (rules->surnames, key, len, NULL);
}

gboolean
_rounds_rules_is_clinical (const RRules *rules,
                           const char   *key,
                           gsize         len)
{
  return _rounds_keys_lookup (rules->clinical, key, len, NULL);
}

GPtrArray *
_rounds_rules_word_seqs_from (const RRules *rules,
                              RWord         list,
                              const char   *key,
                              gsize         len)
{
  const RSeqGroup *group = rules->word_seq_keys[list] != NULL ?
                           _rounds_keys_lookup_data_hashed (rules->word_seq_keys[list], key, len,
                                                            _rounds_key_hash (key, len)) : NULL;

  return group != NULL ? (GPtrArray *) group->entries : NULL;
}

int
_rounds_rules_first_name_hashed (const RRules *rules,
                                 const char   *key,
                                 gsize         len,
                                 guint64       hash)
{
  gpointer value = NULL;

  return _rounds_keys_lookup_hashed (rules->first_names, key, len, hash, &value) ? GPOINTER_TO_INT (value) : 0;
}

gboolean
_rounds_rules_is_surname_hashed (const RRules *rules,
                                 const char   *key,
                                 gsize         len,
                                 guint64       hash)
{
  return _rounds_keys_lookup_hashed (rules->surnames, key, len, hash, NULL);
}

gboolean
_rounds_rules_is_clinical_hashed (const RRules *rules,
                                  const char   *key,
                                  gsize         len,
                                  guint64       hash)
{
  return _rounds_keys_lookup_hashed (rules->clinical, key, len, hash, NULL);
}

/* An extra rule pack: {"version": 1, "lexicons": {NAME: [phrase, …] or
 * {phrase: value, …}}}, adding phrases to the built-in lexicons (or words
 * to the built-in word lists, NAME being a word list's name). The whole
 * pack is checked before anything is added, so a bad pack changes nothing.
 * @name is the file name, for the error message. */
gboolean
_rounds_rules_add_pack (RRules     *rules,
                        const char *name,
                        GBytes     *json,
                        GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *root;
  JsonNode *lexicons;
  gsize size;
  const char *data = g_bytes_get_data (json, &size);

  if (!json_parser_load_from_data (parser, data, size, &local))
    {
      g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
                   "Rule pack %s is not valid JSON: %s", name, local->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      json_object_get_int_member_with_default ((root = json_node_get_object (json_parser_get_root (parser))),
                                               "version", 0) != 1 ||
      (lexicons = json_object_get_member (root, "lexicons")) == NULL || !JSON_NODE_HOLDS_OBJECT (lexicons))
    {
      g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
                   "Rule pack %s must be an object with \"version\": 1 and a \"lexicons\" object", name);
      return FALSE;
    }

  members = json_object_get_members (json_node_get_object (lexicons));

  /* check everything first */
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (json_node_get_object (lexicons), l->data);
      guint lex = N_LEX;
      gboolean ok = TRUE;

      for (guint k = 0; k < N_LEX; k++)
        if (strcmp (lex_names[k], l->data) == 0)
          lex = k;
      if (lex == N_LEX && word_list_for (l->data) != N_WORDS)
        {
          if (!check_word_list (node, name, word_list_for (l->data), error))
            return FALSE;
          continue;
        }
      if (lex == N_LEX)
        {
          g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
                       "Rule pack %s: there is no lexicon “%s” (see resources/compliance/README.md)",
                       name, (const char *) l->data);
          return FALSE;
        }
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array) && ok; i++)
            {
              JsonNode *e = json_array_get_element (array, i);

              ok = JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
                   *json_node_get_string (e) != '\0';
            }
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);
          g_autoptr(GList) phrases = json_object_get_members (object);

          for (GList *p = phrases; p != NULL && ok; p = p->next)
            {
              JsonNode *v = json_object_get_member (object, p->data);
              RoundsFindingCategory category;

              ok = JSON_NODE_HOLDS_VALUE (v) &&
                   (json_node_get_value_type (v) == G_TYPE_INT64 ||
                    (json_node_get_value_type (v) == G_TYPE_STRING &&
                     rounds_finding_category_from_string (json_node_get_string (v), &category)));
            }
        }
      else
        ok = FALSE;

      if (!ok)
        {
          g_set_error (error, ROUNDS_COMPLIANCE_ERROR, ROUNDS_COMPLIANCE_ERROR_INVALID_RULES,
                       "Rule pack %s: lexicon “%s” must be a list of phrases or an object of phrase → "
                       "number or category, like the built-in one", name, (const char *) l->data);
          return FALSE;
        }
    }

  for (GList *l = members; l != NULL; l = l->next)
    if (word_list_for (l->data) != N_WORDS)
      load_word_list (rules, word_list_for (l->data),
                      json_object_get_member (json_node_get_object (lexicons), l->data));

  for (GList *l = members; l != NULL; l = l->next)
    for (guint k = 0; k < N_LEX; k++)
      if (strcmp (lex_names[k], l->data) == 0 &&
          !load_lexicon (rules, k, json_object_get_member (json_node_get_object (lexicons), l->data), error))
        return FALSE;

  link_phrases (rules);
  /* what a scan kept from the pack before (suggestions, the staff's
   * short forms) is rebuilt */
  rules->serial = next_serial ();

  return TRUE;
}
