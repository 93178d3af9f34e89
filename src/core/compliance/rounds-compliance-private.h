/* rounds-compliance-private.h
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals shared by the compliance scanner's files: the tokenizer, the
 * compiled rule packs, the per-scan state and the detectors.
 */

#pragma once

#include <string.h>

#include "rounds-compliance-profile.h"
#include "rounds-finding.h"
#include "rounds-scanner.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------- tokens */

typedef enum
{
  RTOK_WORD,   /* letters and digits, with inner apostrophes */
  RTOK_NUM,    /* digits only */
  RTOK_PUNCT,  /* any other single code point */
} RTokKind;

enum
{
  RTOK_SPACE_BEFORE = 1 << 0,  /* white space between this token and the previous one */
  RTOK_NL_BEFORE    = 1 << 1,  /* a line break in that white space */
  RTOK_PARA_BEFORE  = 1 << 2,  /* two or more line breaks */
  RTOK_CAP          = 1 << 3,  /* starts with an upper-case letter */
  RTOK_UPPER        = 1 << 4,  /* has letters, all upper case */
  RTOK_DIGIT        = 1 << 5,  /* has a digit */
  RTOK_ALPHA        = 1 << 6,  /* has a letter */
  RTOK_LOWER        = 1 << 7,  /* starts with a lower-case letter */
};

typedef struct
{
  guint32  b0, b1;     /* byte offsets, end exclusive */
  guint32  c0, c1;     /* code point offsets, end exclusive */
  guint32  key_off;    /* folded key in the key buffer, nul-terminated */
  guint16  key_len;
  guint16  base_len;   /* key length without a possessive 's or ' */
  guint16  flags;
  guint8   kind;
  guint8   n_chars;    /* code points, saturating at 255 */
  gunichar ch;         /* first code point */
  guint32  sent;       /* sentence index */
  guint64  hash;       /* _rounds_key_hash (key, key_len): computed once by the
                        * tokenizer, shared by the word index, the clinical
                        * words, the names and the model */
} RTok;

/* FNV-1a, 64 bits, of a key's @len bytes: the hash every table of keys
 * (RKeys) and the risk model's word features are built on. */
static inline guint64
_rounds_key_hash (const char *key,
                  gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) key[i]) * G_GUINT64_CONSTANT (1099511628211);
  return h;
}

/* The number of lines of @size bytes at @p (a last line without a
 * newline counts) */
static inline gsize
_rounds_count_lines (const char *p,
                     gsize       size)
{
  const char *end = p + size;
  gsize n = 0;

  for (const char *q = p; q < end && (q = memchr (q, '\n', end - q)) != NULL; q++)
    n++;
  return n + (size > 0 && p[size - 1] != '\n');
}

void _rounds_tokenize (const char *text,
                       gsize       len,
                       GArray     *toks,
                       GString    *keys);

/* Splits @str into folded token keys (for profile terms and lexicon
 * phrases). */
char **_rounds_tokenize_keys (const char *str);

/* ----------------------------------------------------------------- rules */

typedef enum
{
  LEX_HONORIFIC,
  LEX_DOCTOR_TITLE,
  LEX_PUBLIC_TITLE,
  LEX_STAFF_ROLE,
  LEX_STAFF_CREDENTIAL,
  LEX_MONTH,
  LEX_WEEKDAY,
  LEX_STREET_SUFFIX,
  LEX_STREET_PREFIX,
  LEX_DIRECTION,
  LEX_UNIT_WORD,
  LEX_US_STATE,
  LEX_ID_LABEL,
  LEX_ID_FILLER,
  LEX_FAX_WORD,
  LEX_BUSINESS_PHONE,
  LEX_CARE_NOUN,
  LEX_FAMILY,
  LEX_POSS2,
  LEX_POSS3,
  LEX_RC_PHRASE,
  LEX_RC_PROSPECTIVE,
  LEX_RC_EXCLUSION,
  LEX_PR_ANCHOR,
  LEX_PERSON_NOUN,
  LEX_VISIT_EVENT,
  LEX_CELEBRATION,
  LEX_DOB_CUE,
  LEX_AGE_BEFORE,
  LEX_AGE_AFTER,
  LEX_POPULATION_AGE,
  LEX_GUARANTEE,
  LEX_NEGATION,
  LEX_ADVICE_IMPERATIVE,
  LEX_ADVICE_OBJECT,
  LEX_ADVICE_PHRASE,
  LEX_DOSE,
  LEX_DOSE_FREQ,
  LEX_MODAL_GENERAL,
  LEX_MEDICATION,
  LEX_SPONSOR_SIGNAL,
  LEX_DISCLOSURE,
  LEX_DISCLOSURE_TAG,
  LEX_TESTIMONIAL_MARKER,
  LEX_FIRST_PERSON,
  LEX_PRAISE,
  LEX_GREETING,
  LEX_INITIALS_EXCLUDE,
  LEX_NAME_STOP,
  LEX_PLACE_NAME,
  LEX_PUBLIC_EMAIL_LOCAL,
  LEX_PERSONAL_URL_HOST,
  LEX_PERSONAL_URL_CONTEXT,
  LEX_HASHTAG_MARKER,
  LEX_SENTENCE_ABBREV,
  LEX_PUBLIC_PHONE,
  LEX_CLAUSE_LEAD,
  LEX_PATIENT_GROUP,
  LEX_HEALTH_PLAN_CUE,
  N_LEX
} RLex;

G_STATIC_ASSERT (N_LEX <= 64);

/* Word lists: single words a detector asks about ("is this token a story
 * verb?"). They live in rules.json under "lexicons" like the phrase
 * lexicons, and extra rule packs can add to them, but they are looked up
 * per token instead of being matched as phrases. */
typedef enum
{
  WORD_GREETING_GROUP,     /* "Hi everyone": greets no one by name */
  WORD_NAME_KIN_BEFORE,    /* "baby Nora", "Grandpa Joe" */
  WORD_NAME_STORY_NOUN,    /* "Ava's journey" */
  WORD_HASHTAG_MARKER,     /* "#JessStrong": a word of a hashtag that names someone */
  WORD_TESTIMONIAL_VERB,   /* "Marcy says…" */
  WORD_TOLD_VERB,          /* "… told us …" */
  WORD_TOLD_AUDIENCE,
  WORD_STORY_PRONOUN,      /* "… she can finally garden" */
  WORD_PATIENT_THING,      /* "our patient portal": patient as a modifier */
  WORD_GENERIC_PATIENT,    /* "every new patient": no one in particular */
  WORD_PERSONAL_CONTEXT,   /* "at home", "him": a post about a person */
  WORD_MONEY_NOUN,         /* "your bill": money, not care */
  WORD_ADVICE_DISMISS,     /* "doesn't need to …", "don't bother with …": care waved away */
  WORD_ADVICE_SUBJECT,     /* "she", "he": the person a piece of advice is about */
  WORD_CLAIM_UNIVERSAL,    /* "every", "cada": an outcome promised to all */
  WORD_CLAIM_WHOLE,        /* "child", "time": what "every" promises it to */
  WORD_CLAIM_FOR,          /* "for", "to": "a plan for every child" is no promise */
  WORD_NUMBER_WORD,        /* "one teaspoon", "dos gotas": a dose written in words */
  WORD_RC_CARE_WALK_STOP,  /* "your son and …": ends the walk from a possessive to a care noun */
  WORD_RC_INSTRUCTION_LEAD, /* "Please bring your card to your visit": an instruction */
  WORD_RC_CONDITION,       /* "if your gums…": a condition, not a fact */
  WORD_RC_YOU,             /* "you", "your", "usted": the reader */
  WORD_RC_FEELING,         /* "sorry", "so glad": a feeling about the reader's care */
  WORD_RC_OFFER,           /* "happy to help": after a feeling word, an offer */
  WORD_RC_DETERMINER,      /* "glad the crown fits": the care noun's article */
  WORD_PR_PATIENT,         /* "our brave little patient" */
  WORD_PR_PATIENTS,        /* "one of our favorite patients" */
  WORD_PR_ONE_OF_OUR,      /* "one of our … patients" (read backwards from the noun) */
  WORD_PR_ARRIVAL_VERB,    /* "a fisherman came in": someone arrived */
  WORD_PR_SOMEONE,         /* "a fisherman", "one teenager": some one person */
  WORD_PR_OUR,             /* "our sweet patient", "this patient" */
  WORD_PR_REGULAR,         /* "our Tuesday regular, Ernesto" */
  WORD_PR_PERSON_DET,      /* "a teenager from Savoy", "the little guy": a person noun's article */
  WORD_PR_THIRD_PERSON,    /* "she still comes in": the patient just named */
  WORD_ADVICE_NOT_TREATMENT, /* "keep the appointment": not a treatment */
  WORD_ADVICE_YOU,         /* "you": advice to the reader */
  WORD_ADVICE_MED_VERB,    /* "take", "stop": advice only with a drug, dose or treatment after it */
  WORD_ADVICE_DURATION_VERB, /* "consults take about 30 minutes": can tell a duration */
  WORD_ADVICE_DURATION_HEDGE, /* "take about …": a duration follows */
  WORD_ADVICE_DURATION_UNIT, /* "take 30 minutes": a duration */
  WORD_ADVICE_KEEP_VERB,   /* "keep him home" */
  WORD_ADVICE_PERSON,      /* "keep him home", "give her …": the person cared for */
  WORD_ADVICE_REMOVE,      /* "take it out" */
  WORD_ADVICE_DETERMINER,  /* "keep the retainer in" */
  WORD_ADVICE_DONT,        /* "don't stop the sertraline" */
  WORD_ADVICE_STOP,        /* "don't stop" */
  WORD_ADVICE_GIVE_VERB,   /* "give him …", "dele …" */
  WORD_CLAIM_NEEDS_CARE,   /* "cure", "for good": a claim only beside a care word */
  WORD_CLAIM_PERMANENT,    /* "permanent results" */
  WORD_CLAIM_PERMANENT_OUTCOME, /* "permanent results", "permanent relief" */
  WORD_CLAIM_PERMANENT_BEFORE, /* "permanently cured": a care word is not needed */
  WORD_CLAIM_EVER,         /* "No more stuttering. Ever." */
  WORD_CLAIM_NO,           /* "no touch-ups, ever" */
  WORD_CLAIM_NO_NOT,       /* "no one ever", "nobody": not a claim */
  WORD_CLAIM_SINGLE,       /* "every single time" */
  WORD_CLAIM_IDIOM_START,  /* "for good measure": an idiom, not a claim */
  WORD_CLAIM_IDIOM_END,    /* "for good reason" */
  WORD_CLAIM_ELIMINATES,   /* "eliminates knee pain" (a claim only about pain) */
  WORD_CLAIM_ELIMINATES_OBJECT, /* "eliminates … pain" */
  WORD_CLAIM_HEDGEABLE,    /* "can reduce hair permanently": hedged by a modal before */
  WORD_CLAIM_HEDGE,        /* "helps … permanently": a hedge */
  WORD_CLAIM_BOARD,        /* "board certified by the American Board of …": names the board */
  WORD_SPONSOR_CODE,       /* "code SAVE20": counts only when a code follows */
  WORD_SPONSOR_CODE_IS,    /* "code is SAVE20" */
  WORD_TESTIMONIAL_BY_THE, /* "— the Nguyen family": an attribution's article */
  WORD_TESTIMONIAL_BY_FAMILY, /* "— the Nguyen family" */
  WORD_TESTIMONIAL_FROM,   /* "from Alicia R.:" before a quote */
  WORD_TESTIMONIAL_SAID,   /* "Devon said “…”" */
  WORD_TOLD_PHRASE,        /* "nos dijo": … told us */
  WORD_TESTIMONIAL_ONE_OF_OUR, /* "one of our moms told us" (a patient group follows) */
  WORD_TESTIMONIAL_SOMEONE, /* "A local mom of three shared…" */
  WORD_TESTIMONIAL_NOT_PATIENT, /* "a nurse says…": not a patient */
  WORD_TESTIMONIAL_OUR_PATIENT, /* "Our patient Gabe tells everyone…" */
  WORD_TESTIMONIAL_ABOUT_US, /* "Coach Daniels says our team…": about the practice */
  WORD_TESTIMONIAL_ONE_OF_OURS, /* "una de nuestras pacientes nos dijo" */
  WORD_TESTIMONIAL_THAT,   /* "says that …": the story reaches further */
  WORD_TESTIMONIAL_NOT_NAME, /* "one of…", "a mom…": the subject is no full name */
  WORD_TESTIMONIAL_PRACTICE, /* "… said our …", "after": a full name's story is about the practice */
  WORD_NAME_CELEBRATION_LINK, /* "proud of Jasmine", "congrats to Leo" */
  WORD_NAME_PLACE_BEFORE,  /* "in Jordan", "from Austin": a place name, not a person */
  WORD_NAME_DOB_LABEL,     /* "DOB", "date of birth": a name beside it is a patient's */
  WORD_NAME_FIELD_LABEL,   /* "**Pt:** R. Adeyemi", "**Policyholder:** L. Ortega": a form's name field */
  WORD_NAME_PATIENT_NOUN,  /* "our patient Joanne Ruiz" */
  WORD_NAME_OUR,           /* "our patient Joanne" */
  WORD_NAME_PATIENT_BEFORE, /* "patient Joanne Ruiz" */
  WORD_HASHTAG_NAME_AFFIX, /* "#welcomeolivia", "#jessstrong": joined to a first name in an all-lower-case hashtag */
  WORD_NAME_ES_HONORIFIC,  /* "doña Chayo" */
  WORD_NAME_ES_HONORIFIC_AMBIGUOUS, /* "don Ramiro" (also an English verb) */
  WORD_NAME_ES_HONORIFIC_AFTER, /* "con don Ramiro": where "don" is the honorific */
  WORD_NAME_FAMILY_WORD,   /* "the Garcia family", "Okafor household" */
  WORD_NAME_FAMILY_ARTICLE, /* "the Garcia family" */
  WORD_NAME_CELEBRATION_A, /* "congrats to a …" */
  WORD_NAME_OF_FAMILY,     /* "la familia de Rosa" (read backwards from the name) */
  WORD_ADVICE_SPECIALIST_ENDING, /* "neurologist": a specialist by the end of the word */
  WORD_DATE_ORDINAL_SUFFIX, /* "14th", "1ro": what may follow a day's digits (the whole rest of the word) */
  WORD_DATE_MONTH_LOWER_CASE, /* "4 de marzo": months written in lower case (English ones need a capital) */
  WORD_DATE_CLOCK,         /* "March 3 pm" is a time, not "March 3" */
  WORD_DATE_MONTH_BEFORE,  /* "in March", "since January": a month alone names a time */
  WORD_DATE_MONTH_AMBIGUOUS, /* "in May" (also a verb): a month alone that never counts */
  WORD_DATE_DAY_OF,        /* "4 de marzo", "3rd of June" */
  WORD_DATE_MONTH_OF,      /* "marzo de 2024" */
  WORD_DATE_WEEKDAY_BEFORE, /* "last Tuesday's extraction" */
  WORD_DATE_DAY_BEFORE,    /* "the 14th", "on the 3rd" */
  WORD_DATE_DAY_ARTICLE,   /* "the 14th": part of the date ("on" is not) */
  WORD_ID_PROMO_CODE,      /* "code SAVE20": a promo code is no identifier */
  WORD_ADDRESS_PO,         /* "P.O. Box 123" */
  WORD_ID_LABEL_TAIL,      /* "**ending in** 6620": the last digits of a number named before */
  WORD_ADDRESS_BOX,        /* "P.O. Box 123" */
  WORD_AGE_BIRTHDAY,       /* "93rd birthday" */
  WORD_AGE_BEFORE_NOT,     /* "a 92 …": an age_before phrase ending so is no age */
  WORD_AGE_LABEL,          /* "age 7": an age unless a range follows */
  WORD_AGE_RANGE_AND,      /* "ages 4 and 6" */
  WORD_AGE_BEFORE_CLAUSE,  /* "is 92,", "tiene 93": an age if the number ends the clause */
  WORD_AGE_CLAUSE_AND,     /* "is 92 and …": the clause ends */
  WORD_AGE_ORDINAL_SUFFIX, /* "93rd birthday" */
  WORD_AGE_HAPPY,          /* "Happy 93rd to …" */
  WORD_AGE_HAPPY_TO,       /* "Happy 93rd to …" */
  WORD_AGE_DECADE_SUFFIX,  /* "in her 90s" */
  WORD_AGE_DECADE_BEFORE,  /* "early 90s" */
  WORD_AGE_YEARS_SUFFIX,   /* "7yo", "7y" */
  WORD_AGE_BIRTHDAY_TO_THE, /* "100th birthday to the Science Center": an organisation may follow */
  WORD_AGE_POPULATION_BEFORE, /* "adults over 90": a population */
  WORD_AGE_POPULATION_AFTER, /* "90 and older" */
  WORD_EMAIL_FREE_MAIL,    /* "…@gmail.com": a person's mailbox, not an organisation's */
  WORD_URL_TLD,            /* "lakeview.dental": domain endings a bare web address may have */
  WORD_PHONE_PERSONAL,     /* "call you at …": a person's phone */
  WORD_PHONE_CUE_SHORT,    /* "call 555-0142": a seven-digit number is a phone only beside these */
  WORD_PHONE_CUE_LONG,     /* "text 2175550142": ten digits are a phone only beside these */
  WORD_DISCLOSURE_LABEL,   /* "Ad:", "AD |" opening a sentence */
  WORD_DISCLOSURE_HEADING, /* "Sponsored", capitalised, opening a sentence */
  WORD_NAMED_CARE_AGE,     /* "Isla, age 6, …" */
  WORD_REVIEWER_NOT_NAME,  /* "Dental Mom 2020": parts of a reviewer's name that name no one */
  WORD_PHONE_TOLL_FREE_PREFIX, /* "800-555-0199": toll-free area codes (businesses, public services) */
  /* issue 15: care in general words (rounds-detect-care.c) */
  WORD_CARE_WORD,
  WORD_CARE_DRUG_ENDING,
  WORD_CARE_EVENT,
  WORD_CARE_RESULT,
  WORD_CARE_FEELING,
  WORD_CARE_YOU,
  WORD_CARE_GENERAL,
  WORD_CARE_GENERAL_LEAD,
  WORD_CARE_PROSPECTIVE,
  WORD_ADVICE_VERB,
  WORD_ADVICE_MODAL,
  WORD_CLAIM_CERTAINTY,
  WORD_CLAIM_OUTCOME,
  WORD_CLAIM_DOUBT,
  WORD_CLAIM_FUTURE,
  WORD_CLAIM_NEVER,
  WORD_CLAIM_AGAIN,
  WORD_CLAIM_CLOSING,
  WORD_ADVICE_NOT_OBJECT,
  WORD_CARE_NOT_EVENT,
  WORD_CARE_PAST_ENDING,
  WORD_CARE_WE,
  WORD_CARE_THIRD,
  WORD_CARE_I,
  WORD_ADVICE_PERMISSION,
  WORD_STAFF_SHORT_FORM,
  WORD_CLAIM_NONE,
  WORD_CLAIM_WITHOUT,
  WORD_CARE_WHO,
  WORD_CARE_RECALL_LEAD,
  WORD_CARE_CREDIT,
  WORD_ADVICE_PRONOUN_OBJECT,
  WORD_AGE_OF,
  WORD_AGE_AT,
  WORD_RC_ATTENDANCE,      /* "group", "class", "waitlist", "seat": a place in a session */
  WORD_RC_WHEN,            /* "tonight", "next week": a time that is the reader's */
  WORD_RC_SEE_YOU,         /* "see you", "nos vemos" */
  WORD_CLAIM_DENIAL_VERB,  /* "No surgery **is** risk-free": the verb after a negated subject */
  WORD_RC_FUTURE_CARE,     /* "your **next** checkup": care still to come */
  WORD_VOCATIVE_NOT_NAME,  /* "Yes, …", "Sadly, …": opens a reply before a comma, names no one */
  WORD_VOCATIVE_NOT_NAME_ENDING, /* "-ly", "-mente": an adverb, not a name */
  WORD_TESTIMONIAL_I,      /* "I", "my", "yo": a post in the first person singular */
  WORD_VOCATIVE_LIST_AND,  /* "Hand, foot **and** mouth": a list, not someone addressed */
  WORD_PR_BEFORE,          /* "**Before** & after": a post that shows a person's change */
  WORD_PR_AFTER,
  WORD_PR_OF_PERSON,       /* "la piel **de** Camila", "photos **of** Mrs. Cole" */
  WORD_NAME_THANKS_FOR,    /* "thanks **for** the review Ray!": the thanks' object before a name */
  WORD_NAME_PRESENT_BEFORE, /* "**Here's** Liam …", "**Aquí está** Yesenia …": a person shown */
  WORD_PR_BIRTH,           /* "**Born** Sept. 14 …", "**Nació** el 3 de marzo": a birth told */
  WORD_PR_BIRTH_WEIGHT,    /* "7 **lbs** 2 oz", "3.4 **kg**": a newborn's weight */
  WORD_PR_RECENT_TIME,     /* "A client told us **this week** …": a day of the practice's */
  WORD_HASHTAG_FAMILY,     /* "#**Team**Rodriguez": joined to a family's surname */
  WORD_HASHTAG_PLACE_BEFORE, /* "#**San**Antonio": a saint's or a place's word before a first name */
  WORD_PERSONAL_PAGE,      /* "your recovery **blog**": someone's own page, before a link */
  WORD_CLAIM_TIMEFRAME,    /* "back pain gone **in 10 days**", "**desde el primer día**": an outcome's deadline */
  WORD_CLAIM_SUBJECT,      /* "drop 20 **pounds**", "zero **side effects**": what a promotional claim is about */
  WORD_DATE_ORDINAL_WORD,  /* "booked for the **fifth**": a day of the month in words */
  WORD_DATE_AT,            /* "the fifth **at** 2:30": a time after a day */
  WORD_NAME_FAMILY_BEFORE, /* "Gracias, **familia** Cantú": a family word before its surname */
  WORD_NAME_KIN_TITLE,     /* "**Grandma** Dot", "**Abuela** Chela": a family title before a name */
  WORD_PUBLIC_DISCLOSURE,   /* "talking **openly** about her diagnosis": a public figure's own telling */
  WORD_CLAIM_OTHERS,        /* "**anyone who** guarantees …": someone else's promise */
  WORD_CLAIM_PROMISE_VERB,  /* "anyone who **guarantees**" */
  WORD_CLAIM_LASTING,       /* "hearing loss **is** permanent": the verb of a lasting state */
  WORD_CLAIM_HARM,          /* "hearing **loss** is permanent": a harm, not an outcome */
  WORD_CLAIM_CLAUSE_BEFORE, /* "… **and** nobody can promise", "**there's** no pill that will": a clause that may deny a promise */
  WORD_DATE_DAY_THEN,      /* "on the 9th **and** …": a clause word after a day of the month */
  WORD_TESTIMONIAL_ACCORDING, /* "**According to** Kim, …": a person's words given */
  WORD_RC_NOT_CONFIRMING,  /* "can't give **medical advice**", "**in general**": a reply's sentence that confirms no care */
  WORD_AGE_TENS_WORD,      /* "**ninety**-six": an age over 89 in words */
  WORD_AGE_UNIT_WORD,      /* "ninety-**six**" */
  WORD_AGE_HUNDRED_WORD,   /* "a **hundred** years old" */
  WORD_AGE_HUNDRED_BEFORE, /* "**a** hundred", "**one** hundred" */
  WORD_AGE_UNIT_ORDINAL,   /* "ninety-**first**": an age as an ordinal in words */
  WORD_AGE_HUNDRED_ORDINAL, /* "her **hundredth**": an ordinal in words that is an age alone */
  WORD_NAME_VOCATIVE_NEXT, /* "Gene **your** results are in": a reply's first word said to the reader */
  WORD_NAME_NOT_STAFF,     /* "Thanks Leah (**not our** Leah!)": the name is not the staff member's */
  WORD_CLAIM_BOARD_FIELD,  /* "board certified **in** sports medicine": a credential naming its field */
  WORD_CLAIM_FULL,         /* "**100%** accurate": a whole measure said of an outcome */
  WORD_CLAIM_FULL_NOT,     /* "100% **of**", "100% **covered**": a share, not a promise */
  WORD_CLAIM_FULL_BEFORE_NOT, /* "**with** 100% oxygen", "**almost** 100%": not a claim of the service */
  WORD_CLAIM_WILL_NOT,     /* "you **won't** get sick": an outcome ruled out */
  WORD_CLAIM_ILL,          /* "won't get **sick**": falling ill */
  WORD_CLAIM_ILL_HEDGE,    /* "won't get **as** sick", "sick **from** the shot": a degree or a cause */
  WORD_CLAIM_QUESTION_LEAD, /* "**Will** my veins be gone forever?": a question, not a promise */
  WORD_HISTORY_YEAR_BEFORE, /* "**in** 1796", "**born** 1822": a year as a time of events */
  WORD_AGE_AT_NEXT,        /* "learned at 91 **that** …": a clause word closing an age after "at" */
  WORD_DATE_ON,            /* "**on** the 9th ran behind": a day after "on" */
  WORD_DATE_AGE_ON,        /* "you'll be 18 **on** Feb 9": an age reached on a date */
  WORD_DATE_AGE_VERB,      /* "you'll **be** 18 on Feb 9" */
  WORD_DATE_DAY_NOT_AFTER, /* "on the 3rd **floor**": what an ordinal counts, not a day */
  WORD_URL_PERSON_PARAM,   /* "?**patient**=ALICE.HOLT": a URL query naming a person or record */
  WORD_RC_BOOKING,         /* "le **agendamos una cita**", "get you **scheduled**": a visit offered */
  WORD_RC_OWN_DOCTOR,      /* "**your primary care doctor** is the best person to ask": care elsewhere */
  WORD_PR_TIMED_OWNER,     /* "**our** 10:30 consult", "**your** 2pm appointment": one patient's visit */
  WORD_PR_TIMED_VISIT,     /* "our 10:30 **consult**": a visit or patient at a clock time */
  WORD_PR_CLOCK_SUFFIX,    /* "2**pm**": the end of a clock time written in one word */
  WORD_PR_STAFF_BEFORE,    /* "our newest **team** member": the group a member belongs to is the practice */
  WORD_PR_MILESTONE,       /* "Tess finished her **last** infusion": a person's own milestone */
  WORD_AGE_CLAUSE_NOT,     /* "100 and **counting**": a number going on, not a person */
  WORD_PR_FRIEND,          /* "our **buddy** Tito": what a practice calls a patient it names */
  WORD_PR_PERSON_WORD,     /* "a **parent** left …", "**Patient** with Rx #…: your …": a person */
  WORD_PR_SOMEONE_ALONE,   /* "**Someone** left …": a person word without "a" */
  WORD_PR_LEFT_VERB,       /* "someone **left** their …": left or lost at the practice */
  WORD_PR_PERSON_POSSESSIVE, /* "a **patient's** pump (serial …)": some person's own thing */
  WORD_PR_SOMEONE_POSSESSIVE, /* "**someone's** pump": without "a" */
  WORD_STORY_PAST,         /* "she **came** in", "**trajo**": a past tense the endings miss */
  WORD_STORY_PAST_ENDING,  /* "walk**ed**", "lleg**aron**": a past tense by its ending */
  WORD_STORY_CHANGE,       /* "**finally** tried", "**ya** pesa": a change in someone's state */
  WORD_STORY_TIME_UNIT,    /* "in 14 **months**": a span of someone's time */
  WORD_STORY_MILESTONE,    /* "her **first** helmet": a milestone of someone's */
  WORD_STORY_YOU,          /* "proud of **you**", "de **ti**": one reader addressed (not "su") */
  WORD_STORY_FREE,         /* "a year **without** …", "6 months **clean**": a span free of something */
  WORD_STORY_NUMBER,       /* "**six** months", "**un** año": a number in words before a time unit */
  WORD_STORY_GROUP,        /* "our front **desk**: 12 months without …": a group of the practice's */
  WORD_NOTICE_TO,          /* "**To** the owner of the red pickup, …": a post opening to one reader */
  WORD_NOTICE_WHO,         /* "To **the** owner …", "To **whoever** drives …" */
  WORD_CLAIM_ABSOLUTE,     /* "recovery is **always** a breeze": an outcome for all, every time */
  WORD_CLAIM_RESULT,       /* "every **repair** invisible": what care ends in */
  WORD_CLAIM_ZERO,         /* "risk-free, **zero** relapse": none of something, promised */
  WORD_CLAIM_WHENEVER,     /* "**every time** you visit": a certainty word that says when */
  WORD_CLAIM_WHENEVER_AFTER, /* "every time **you** visit" */
  WORD_PR_POPULATION_COUNT, /* "several hundred **thousand** Pennsylvanians": people counted as a population */
  N_WORDS
} RWord;

/* In a word list entry of several words: any one token ("<any>"). */
#define ANY_KEY "\002"

/* A word's bits: the RWord lists that hold it (bit = the list), and the
 * lists with an entry of several words that starts with it (WBIT_FIRST +
 * the list) or ends with it (WBIT_LAST + the list). */
#define WBIT_FIRST N_WORDS
#define WBIT_LAST  (2 * N_WORDS)
#define RWORD_N64  ((3 * N_WORDS + 63) / 64)
G_STATIC_ASSERT (RWORD_N64 <= 32);

typedef enum
{
  RULE_NAME,
  RULE_NAME_REVIEWER,
  RULE_NAME_INITIALS,
  RULE_NAME_HASHTAG,
  RULE_NAME_BLOCK_TERM,
  RULE_DATE,
  RULE_DATE_BIRTH,
  RULE_AGE,
  RULE_PHONE,
  RULE_FAX,
  RULE_EMAIL,
  RULE_SSN,
  RULE_MRN,
  RULE_HEALTH_PLAN,
  RULE_ACCOUNT,
  RULE_LICENSE,
  RULE_VEHICLE,
  RULE_DEVICE,
  RULE_URL,
  RULE_IP,
  RULE_ADDRESS,
  RULE_ADDRESS_ZIP,
  RULE_OTHER_ID,
  RULE_BLOCK_TERM,
  RULE_PATIENT_REFERENCE,
  RULE_REVIEW_CONFIRMATION,
  RULE_TESTIMONIAL,
  RULE_GUARANTEE,
  RULE_GUARANTEE_SUPERLATIVE,
  RULE_MEDICAL_ADVICE,
  RULE_MISSING_DISCLOSURE,
  N_RULES
} RRuleId;

typedef struct
{
  char                  *id;          /* GRefString */
  RoundsFindingCategory  category;
  RoundsFindingSeverity  severity;
  char                  *message;     /* GRefString */
  char                  *suggestion;  /* GRefString */
} RRule;

/* Findings share the rule pack's strings instead of copying them. */
RoundsFinding *_rounds_finding_new_shared (guint                  start,
                                           guint                  end,
                                           char                  *rule,
                                           RoundsFindingCategory  category,
                                           RoundsFindingSeverity  severity,
                                           char                  *message,
                                           char                  *suggestion);

typedef struct
{
  guint8    lex;
  guint8    n;
  gint16    value;
  char    **keys;
  guint16  *lens;           /* key lengths; G_MAXUINT16 for "any number" */
} RPhrase;

typedef struct _RModel RModel;
typedef struct _RNameModel RNameModel;

/* A table of folded keys (rounds-compliance-keys.c): a set, or a map to
 * pointers. */
typedef struct _RKeys RKeys;

RKeys   *_rounds_keys_new       (gboolean     with_values);
RKeys   *_rounds_keys_new_from_table (GBytes  *table,
                                      GError **error);
void     _rounds_keys_free      (RKeys       *keys);
guint    _rounds_keys_size      (const RKeys *keys);
void     _rounds_keys_reserve   (RKeys       *keys,
                                 gsize        n_keys,
                                 gsize        n_bytes);
void     _rounds_keys_insert    (RKeys       *keys,
                                 const char  *key,
                                 gsize        len,
                                 gpointer     value);
gboolean _rounds_keys_lookup    (const RKeys *keys,
                                 const char  *key,
                                 gsize        len,
                                 gpointer    *value);
/* The table's layout, in the header so that the lookups the scan makes
 * for every token (the word index, clinical words, names) are inlined. */
typedef struct
{
  guint32 hash;   /* 0: empty */
  guint32 off;    /* the key in the block, nul-terminated */
} RKeySlot;

struct _RKeys
{
  RKeySlot *slots;
  gpointer *values;   /* per slot, or NULL for a set */
  guint64  *filter;   /* a bit per hash bucket, 4 buckets a slot: a key
                       * whose bit is clear is not in the table, answered
                       * from a quarter of the slots' memory (most tokens
                       * are not clinical words, first names, …) */
  guint     filter_shift;  /* 32 - log2 (buckets) */
  guint32   mask;     /* number of slots - 1 */
  guint32   n;
  char     *block;
  gsize     block_len;
  gsize     block_cap;
  GBytes   *table;    /* a table the build wrote (_rounds_keys_new_from_table ()):
                       * the slots, filter and block are in it, read only; or NULL */
};

/* A slot's 32 bits of the key's _rounds_key_hash (), which the tokenizer
 * computes once per token. */
static inline guint32
_rounds_keys_hash32 (guint64 h)
{
  guint32 r = (guint32) (h ^ (h >> 32));

  return r != 0 ? r : 1;
}

static inline guint32
_rounds_keys_filter_bucket (const RKeys *keys,
                            guint32      hash)
{
  /* other bits of the hash than the slot's */
  return (hash * 0x9E3779B1u) >> keys->filter_shift;
}

static inline gboolean
_rounds_keys_filter_has (const RKeys *keys,
                         guint32      hash)
{
  guint32 b = _rounds_keys_filter_bucket (keys, hash);

  return (keys->filter[b / 64] >> (b % 64)) & 1;
}

static inline gboolean
_rounds_keys_key_equal (const RKeys    *keys,
                        const RKeySlot *slot,
                        const char     *key,
                        gsize           len)
{
  const char *k = keys->block + slot->off;

  /* strncmp (k, key, len) == 0 && k[len] == '\0', inline: the keys are
   * short, and the slot's hash already matched. A shorter key in the
   * block ends at a nul where @key has a byte (keys have no nul inside),
   * so the first test stops there as strncmp would, without a second
   * test per byte */
  for (gsize j = 0; j < len; j++)
    if (k[j] != key[j])
      return FALSE;
  return k[len] == '\0';
}

static inline guint32
_rounds_keys_find_slot (const RKeys *keys,
                        const char  *key,
                        gsize        len,
                        guint32      hash)
{
  guint32 i = hash & keys->mask;

  while (keys->slots[i].hash != 0 &&
         !(keys->slots[i].hash == hash && _rounds_keys_key_equal (keys, &keys->slots[i], key, len)))
    i = (i + 1) & keys->mask;
  return i;
}

/* The slot of @key (@len bytes, @hash64 its _rounds_key_hash ()), or
 * NULL if it is not in the table */
static inline const RKeySlot *
_rounds_keys_find_hashed (const RKeys *keys,
                          const char  *key,
                          gsize        len,
                          guint64      hash64)
{
  guint32 hash;
  guint32 i;

  if (keys == NULL)
    return NULL;
  hash = _rounds_keys_hash32 (hash64);
  if (!_rounds_keys_filter_has (keys, hash))
    return NULL;
  i = _rounds_keys_find_slot (keys, key, len, hash);
  return keys->slots[i].hash != 0 ? &keys->slots[i] : NULL;
}

/* The same with @hash = _rounds_key_hash (@key, @len) already known */
static inline gboolean
_rounds_keys_lookup_hashed (const RKeys *keys,
                            const char  *key,
                            gsize        len,
                            guint64      hash64,
                            gpointer    *value)
{
  const RKeySlot *slot = _rounds_keys_find_hashed (keys, key, len, hash64);

  if (slot == NULL)
    return FALSE;
  if (value != NULL)
    *value = keys->values != NULL ? keys->values[slot - keys->slots] : NULL;
  return TRUE;
}

/* Where a key's data (_rounds_keys_insert_data ()) starts in the block:
 * after the key at @off (@len bytes and its nul), 8-byte aligned */
static inline gsize
_rounds_keys_data_off (gsize off,
                       gsize len)
{
  return (off + len + 1 + 7) & ~(gsize) 7;
}

/* The data stored beside @key (@len bytes, @hash64 its
 * _rounds_key_hash ()) by _rounds_keys_insert_data (), or NULL if the key
 * is not in the table */
static inline gconstpointer
_rounds_keys_lookup_data_hashed (const RKeys *keys,
                                 const char  *key,
                                 gsize        len,
                                 guint64      hash64)
{
  const RKeySlot *slot = _rounds_keys_find_hashed (keys, key, len, hash64);

  return slot != NULL ? keys->block + _rounds_keys_data_off (slot->off, len) : NULL;
}

/* Adds @key (@len bytes, not in the table yet) with a copy of @size bytes
 * of @data right after it in the block (a table made with
 * _rounds_keys_new (FALSE)) */
void     _rounds_keys_insert_data (RKeys         *keys,
                                   const char    *key,
                                   gsize          len,
                                   gconstpointer  data,
                                   gsize          size);

void     _rounds_keys_add_lines (RKeys       *keys,
                                 GBytes      *bytes,
                                 gpointer   (*line_value) (const char *rest,
                                                           gsize       len));
/* Each line that is not empty and does not start with '#', whole */
void     _rounds_keys_add_whole_lines (RKeys  *keys,
                                       GBytes *bytes);

/* A phrase as the scanner first meets it: what decides most non-matches
 * (the number of tokens, the second token's length and first byte) next
 * to the phrase, packed in an array per first word so that trying the
 * phrases of a word reads one run of memory instead of chasing a pointer
 * per phrase. */
typedef struct
{
  guint32        tail;      /* the phrase's tokens after the first, from the
                             * RWordData this head is in: for each, its length
                             * (a guint16, unaligned; G_MAXUINT16 for "any
                             * number") and that many bytes of its key */
  guint8         n;
  guint8         lex;
  gint16         value;
  guint16        len1;      /* phrase->lens[1], or 0 if n == 1 */
  char           c1;        /* first byte of phrase->keys[1], or 0 */
} RPhraseHead;

/* A word that starts many phrases ("we", "you", "our") also has them by
 * the second token's bucket (its length and first byte): the heads that
 * may match before a given next token, in their own order (the phrases of
 * one token and the single-token ones in every bucket), so that the
 * scanner tries a few instead of all. */
#define RPHRASE_BUCKETS 64

static inline guint
_rounds_phrase_bucket (guint len,
                       char  c)
{
  return (len * 31u + (guchar) c) & (RPHRASE_BUCKETS - 1);
}

/* What the rule pack knows about one token key as the scan reads it: its
 * word-list bits (first, so that a pointer to the data is a pointer to
 * the bits), the phrases that start with it (RPhraseHead), and, for a
 * word of many phrases (@ordered), then the buckets' starts (guint16
 * bstart[RPHRASE_BUCKETS + 1]) and the heads' indices by bucket (order[]:
 * bucket b is order[bstart[b] .. bstart[b + 1])), then the heads'
 * tails (the keys after the first). One run of memory, kept
 * in the word index's block right after the word's key
 * (_rounds_keys_insert_data ()): a token's lookup reads the slot, then
 * the key, its bits and its phrases in a row, instead of following
 * pointers to blocks allocated apart (the values array, the entry, its
 * heads, their order, and for a phrase of several tokens the phrase, its
 * lengths, its keys and each key). */
typedef struct
{
  guint64     bits[RWORD_N64];
  guint32     n_heads;
  guint32     ordered;
  RPhraseHead heads[];
} RWordData;

static inline const guint16 *
_rounds_word_data_bstart (const RWordData *d)
{
  return (const guint16 *) &d->heads[d->n_heads];
}

/* What the rule pack knows about one token key while it is built: its
 * word-list bits and the phrases that start with it (RRules.words); the
 * scan reads the same as RWordData. */
typedef struct
{
  guint64       bits[RWORD_N64];
  guint32       nonzero;    /* bit w: bits[w] != 0 */
  GPtrArray    *phrases;    /* borrowed from RRules.phrases, or NULL */
} RWordEntry;

extern const guint64 _rounds_no_words[RWORD_N64];

/* The entries of a word list that start with the same word, as the scan
 * looks them up by that word: kept beside that word's key in
 * RRules.word_seq_keys (_rounds_keys_insert_data ()), the entries' other
 * keys packed after this header, so that trying them reads one run of
 * memory instead of the entries' array, each entry's key array and each
 * key. Each entry: its number of keys after the first and the bytes
 * they take (two guint32, unaligned), then the keys, each with
 * its nul ("<any>" is ANY_KEY). */
typedef struct
{
  const GPtrArray *entries;   /* borrowed from RRules.word_seq_index */
  guint64          next_mask; /* bit RSEQ_NEXT_BIT () of each entry's second key's
                               * _rounds_key_hash (): a token after the first word
                               * whose bit is clear starts none of them; all bits if
                               * some entry's second word is "<any>" */
  guint32          n;         /* entries */
  guint32          pad;
} RSeqGroup;

#define RSEQ_NEXT_BIT(hash) ((guint) ((hash) >> 58))

typedef struct
{
  GHashTable *phrases;      /* first key → GPtrArray of RPhrase */
  GHashTable *words;        /* folded word → RWordEntry: its word lists and phrases */
  RKeys      *word_index;   /* the same, for the scan, each key's RWordData beside it
                             * (rebuilt after each load or pack) */
  GPtrArray  *num_phrases;  /* the phrases that start with any number, or NULL */
  RWordData  *num_heads;    /* the same, packed (no bits), or NULL */
  GPtrArray  *word_seqs[N_WORDS]; /* entries of several words (GStrv of keys), or NULL */
  GHashTable *word_seq_index[N_WORDS]; /* first key → GPtrArray of those entries (borrowed); "<any>" first: under ANY_KEY */
  GPtrArray  *word_affixes[N_WORDS]; /* a beginning or ending list's entries, or NULL */
  GArray     *word_affix_lens[N_WORDS]; /* their lengths (guint), in the same order */
  guint16    *affix_by_last[N_WORDS]; /* an ending list's entries by their last byte:
                             * 257 starts, then the entries' indices; entries of
                             * byte c are [start[c], start[c + 1]) (or NULL) */
  gboolean    seq_any_first[N_WORDS]; /* an entry of several words starts with "<any>" */
  GPtrArray  *word_seq_any[N_WORDS]; /* those entries: word_seq_index's under ANY_KEY (borrowed), or NULL */
  RKeys      *word_seq_keys[N_WORDS]; /* word_seq_index for the scan: first key → its
                                        * RSeqGroup and packed entries beside it, looked
                                        * up by the token's hash */
  gboolean    seq_any_last[N_WORDS];  /* … ends with "<any>" */
  RKeys      *clinical;     /* folded clinical words (clinical-terms.txt), or NULL */
  RModel     *model;        /* the risk-language model, or NULL */
  GBytes     *common_words; /* everyday English and Spanish words (common-words.txt): their
                             * keys' _rounds_key_hash () in a table of open addressing, as the
                             * build wrote it (common-words.table); or NULL */
  const guint64 *common_slots;  /* its slots (in common_words) */
  guint64     common_mask;      /* their number - 1 */
  RNameModel *name_model;   /* the learned name tagger, or NULL */
  RKeys      *first_names;  /* key → 1 (name) or 2 (also a common word); ask
                             * _rounds_rules_first_name () */
  RKeys      *surnames;     /* keys */
  guint64     ascii_first[2]; /* ASCII punctuation that starts some phrase */
  const guint64 *ascii_bits[128]; /* the word bits of each one-byte ASCII key (its
                             * entry's, or no_bits), with word_index */
  RWordEntry  no_entry;     /* the bits of a token in no list: WBIT_FIRST + each list
                             * with an entry that starts with "<any>" (such a list
                             * may start at any token), also set in every entry */
  const guint64 *no_bits;   /* no_entry.bits, or _rounds_no_words if all are 0 */
  RRule       rules[N_RULES];
  char       *reply_suggestion;
  char       *reply_suggestion_no_phone;
  guint       serial;       /* different for every RRules loaded, and after each
                             * extra pack (a scan's cache of suggestions or staff
                             * short forms built from this one is valid while the
                             * serial is the same) */
} RRules;

RRules *_rounds_rules_load (GBytes  *rules_json,
                            GBytes  *first_names,
                            GBytes  *surnames,
                            GError **error);
void    _rounds_rules_free (RRules  *rules);
gboolean _rounds_rules_set_clinical (RRules  *rules,
                                     GBytes  *table,
                                     GError **error);
gboolean _rounds_rules_add_pack (RRules     *rules,
                                 const char *name,
                                 GBytes     *json,
                                 GError    **error);
const char *_rounds_lex_name (RLex lex);
gboolean    _rounds_rules_has_word (const RRules *rules,
                                    const char   *key,
                                    RWord         list);
/* @key's @len bytes: 0 not a first name, 1 a name, 2 a name that is also
 * a common word ("Hope") */
int         _rounds_rules_first_name (const RRules *rules,
                                      const char   *key,
                                      gsize         len);
gboolean    _rounds_rules_is_surname (const RRules *rules,
                                      const char   *key,
                                      gsize         len);
gboolean    _rounds_rules_is_clinical (const RRules *rules,
                                       const char   *key,
                                       gsize         len);
/* The word data of a token's key (@len bytes, its hash known), inline:
 * the scanner asks it for every token */
static inline const RWordData *
_rounds_rules_word_data_inline (const RRules *rules,
                                const char   *key,
                                gsize         len,
                                guint64       hash)
{
  return _rounds_keys_lookup_data_hashed (rules->word_index, key, len, hash);
}

/* The entries of several words (GStrv of keys) of word list @list that
 * start with @key (@len bytes), in the list's order, or NULL */
GPtrArray  *_rounds_rules_word_seqs_from (const RRules *rules,
                                          RWord         list,
                                          const char   *key,
                                          gsize         len);

/* The same lookups with the key's _rounds_key_hash () already known */
int         _rounds_rules_first_name_hashed (const RRules *rules,
                                             const char   *key,
                                             gsize         len,
                                             guint64       hash);
gboolean    _rounds_rules_is_surname_hashed (const RRules *rules,
                                             const char   *key,
                                             gsize         len,
                                             guint64       hash);
gboolean    _rounds_rules_is_clinical_hashed (const RRules *rules,
                                              const char   *key,
                                              gsize         len,
                                              guint64       hash);

RModel *_rounds_model_load (GBytes  *data,
                            GError **error);
void    _rounds_model_free (RModel  *model);
guint64     _rounds_model_table_slots (const char  *p,
                                       gsize        size,
                                       const char  *what,
                                       GError     **error);
void        _rounds_json_append_escaped (GString    *out,
                                         const char *str,
                                         gsize       len);
gboolean    _rounds_model_next_line (const char **p,
                                     const char  *end,
                                     guint       *line_no,
                                     const char **line,
                                     const char **line_end);
RNameModel *_rounds_name_model_load (GBytes     *data,
                                     GError    **error);
void        _rounds_name_model_free (RNameModel *model);
gboolean    _rounds_rules_set_common_words (RRules  *rules,
                                            GBytes  *table,
                                            GError **error);
gboolean    _rounds_rules_is_common_word (const RRules *rules,
                                          guint64       hash);

/* ------------------------------------------------------- profile internals */

typedef struct
{
  char  *first;   /* folded keys, may be NULL */
  char  *last;
  char **all;     /* every name key */
} RStaff;

typedef struct
{
  char                  **keys;
  RoundsFindingCategory   category;
} RTerm;

GPtrArray *_rounds_compliance_profile_get_phone_digits (RoundsComplianceProfile *self);
GPtrArray *_rounds_compliance_profile_get_email_keys   (RoundsComplianceProfile *self);
GPtrArray *_rounds_compliance_profile_get_domains      (RoundsComplianceProfile *self);
GPtrArray *_rounds_compliance_profile_get_address_keys (RoundsComplianceProfile *self);
/* the practice name (or NULL) and each address in lower case and ASCII */
const char *_rounds_compliance_profile_get_name_folded (RoundsComplianceProfile *self);
GPtrArray *_rounds_compliance_profile_get_addresses_folded (RoundsComplianceProfile *self);
GPtrArray *_rounds_compliance_profile_get_zips         (RoundsComplianceProfile *self);
GPtrArray *_rounds_compliance_profile_get_staff_data   (RoundsComplianceProfile *self);
/* Different for every staff list any profile has had (a new profile, a
 * staff member added): what a cache of the staff's data is kept by */
guint      _rounds_compliance_profile_get_staff_serial (RoundsComplianceProfile *self);
GPtrArray *_rounds_compliance_profile_get_allow_terms  (RoundsComplianceProfile *self);
/* What the allowed terms' first keys may be: a bit per first byte (256
 * bits), and in @lens a bit per length (MIN (length, 63)) */
const guint64 *_rounds_compliance_profile_get_allow_first (RoundsComplianceProfile *self,
                                                           guint64                 *lens);
GPtrArray *_rounds_compliance_profile_get_block_terms  (RoundsComplianceProfile *self);
const char *_rounds_compliance_profile_get_contact_phone (RoundsComplianceProfile *self);

/* ------------------------------------------------------------ scan state */

enum
{
  TF_EXEMPT   = 1 << 0,  /* the practice's own detail or an allowed term */
  TF_STAFF    = 1 << 1,  /* a staff member's name */
  TF_USED     = 1 << 2,  /* part of an identifier already found */
  TF_NAME     = 1 << 3,  /* part of a name finding */
  TF_PUBLIC   = 1 << 4,  /* part of a public figure's name or title */
  TF_DATE     = 1 << 5,  /* part of a date expression */
  TF_QUOTE    = 1 << 6,  /* inside a quotation */
  TF_HANDLE   = 1 << 7,  /* part of an @handle, hashtag, URL or e-mail */
};

enum
{
  SF_RC          = 1 << 0,  /* review confirmation found in this sentence */
  SF_PR          = 1 << 1,  /* patient reference found */
  SF_TESTIMONIAL = 1 << 2,
  SF_PATIENT_CTX = 1 << 3,  /* the sentence talks about a patient */
  SF_CARE_CTX    = 1 << 4,  /* a person's care is mentioned (for dates) */
  SF_HAS_ID      = 1 << 5,  /* an identifier was found */
  SF_HAS_NAME    = 1 << 6,
  SF_DOB         = 1 << 7,
  SF_ADVICE      = 1 << 8,
  SF_PUBLIC      = 1 << 9,  /* a public figure is named (set by the name tagger) */
  SF_PERSON      = 1 << 10, /* names one person: a name, he or she, a kin word
                             * (_rounds_model_prepare ()) */
};

typedef struct
{
  guint   first, last;  /* token indices, inclusive */
  guint   start;        /* first token that is not decoration (emoji, dash, opening quote) */
  guint64 mask;         /* lexicons with a match starting in the sentence */
  guint   flags;
  guint32 story;        /* the risk model's story features of the sentence alone
                         * (_rounds_model_prepare ()) */
} RSent;

typedef struct
{
  guint   t0, t1;       /* inclusive */
  gint16  value;
  guint8  lex;
} RMatch;

typedef struct
{
  guint   t0, t1;       /* inclusive */
  guint8  rule;
} RCand;

typedef struct
{
  guint   t0, t1;
  guint8  birth;        /* preceded by a birth cue */
  guint8  weak;         /* a month alone, an ordinal day alone */
} RDate;

/* What the people detector derives from a profile's staff and the rule
 * pack (the staff's short forms, "Lupe" for Guadalupe, and the first
 * bytes a staff name may start with), kept per thread with the scan's
 * scratch memory while both are the same */
typedef struct
{
  guint       profile_serial;  /* _rounds_compliance_profile_get_staff_serial (); 0: empty */
  guint       rules_serial;    /* RRules.serial */
  guint64     first_bytes[4];
  GPtrArray  *short_forms;     /* per staff member: the word list's entries of
                                * several words that start with the first name
                                * (borrowed from the rule pack), or NULL */
} RStaffForms;

/* The name tagger's feature prefixes (rounds-name-tagger.c): each one's
 * hash, and the weight of a feature that is the prefix alone, kept by the
 * prefix's address per thread with the scan's scratch memory while the
 * rule pack is the same */
typedef struct
{
  const char  *prefix;      /* NULL: empty */
  guint32      prefix_len;
  guint32      w_known;     /* 0: not looked up, 1: not in the model, 2: w */
  guint64      h;           /* FNV-1a state after the prefix */
  float        w;
} RNamePrefix;

#define R_NAME_PREFIXES 256

typedef struct
{
  guint              rules_serial;  /* RRules.serial; 0: empty */
  const RNameModel  *model;
  RNamePrefix        prefixes[R_NAME_PREFIXES];
} RNameMemo;

typedef struct
{
  const RRules             *rules;
  RoundsComplianceProfile  *profile;
  RoundsTextKind            kind;
  const char               *text;
  gsize                     len;
  GArray                   *toks;      /* RTok */
  GString                  *keys;
  guint                     n;         /* number of tokens */
  const RTok               *tv;        /* toks->data, keys->str: read by every */
  const char               *kv;        /* helper, one load fewer than through the arrays */
  GArray                   *sents;     /* RSent */
  GArray                   *matches;   /* RMatch, by t0 */
  guint                    *mstart;    /* n + 1 entries */
  guint64                  *tmask;     /* n entries */
  guint8                   *tflags;    /* n entries */
  const guint64           **wbits;     /* n entries: the token's word lists, looked up once
                                        * for every token before the detectors run */
  guint8                   *fnames;    /* n entries, looked up once: bits 0-1 _rs_first_name () + 1
                                        * (0: not yet), bit 2 clinical known, bit 3 clinical,
                                        * bits 4-5 everyday word known, is (rounds-name-tagger.c),
                                        * bit 6 care word known, bit 7 care word (rounds-detect-care.c) */
  const guint64            *swords;    /* RWORD_N64 per sentence: the union of its tokens'
                                        * word bits, to skip a sentence that holds no word a
                                        * detector needs (_rs_sent_may_start ()) */
  GArray                   *swords_buf;  /* holds swords */
  guint64                   twords[RWORD_N64];  /* the union over the whole text */
  guint64                   tlex;      /* the lexicons with a match in the text */
  guint                     ttokflags; /* the union of the tokens' RTOK_* flags (RTOK_DIGIT
                                        * also for any RTOK_NUM token) */
  guint64                   tpunct[2]; /* the ASCII punctuation tokens in the text, a bit per
                                        * character (_rs_text_has_ch ()) */
  GArray                   *cands;     /* RCand */
  GArray                   *dates;     /* RDate */
  char                    **reviewer;  /* folded keys of the reviewer's name parts */
  RStaffForms              *staff_forms; /* the people detector's, kept per thread */
  RNameMemo                *name_memo;   /* the name tagger's, kept per thread */
  gboolean                  disable_model;  /* rules only (to dump training features) */
  guint                     n_person_sents; /* sentences with SF_PERSON */
} RScan;


/* rounds-compliance-profile.c: "Street" → "st" */
const char *_rounds_street_word_norm (const char *w);

/* The detectors (rounds-detect-*.c), in the order the scanner runs them.
 * Each reads the scan state, marks tokens and sentences, and adds
 * candidates through the toolkit (rounds-detect-toolkit.h); none calls
 * another. Later ones read the flags that earlier ones set. */
void _rounds_detect_contacts    (RScan *s);  /* e-mail, URL, IP, phone, fax, SSN */
void _rounds_detect_identifiers (RScan *s);  /* labelled numbers, VIN, address, age */
void _rounds_detect_dates       (RScan *s);  /* date expressions (decided later) */
void _rounds_detect_claims      (RScan *s);  /* guarantees, missing disclosure */
void _rounds_detect_outcome_claims (RScan *s);  /* "100% accurate", "won't get sick": after care's guarantees */
void _rounds_detect_quoted_testimonials (RScan *s);
void _rounds_detect_patient_reference   (RScan *s);
void _rounds_detect_review_confirmation (RScan *s);
void _rounds_detect_advice      (RScan *s);
void _rounds_detect_care        (RScan *s);  /* care in general words: confirmation, advice, guarantees */
void _rounds_detect_people      (RScan *s);  /* staff, doctors, public figures: never patients */
void _rounds_detect_unquoted_testimonials (RScan *s);  /* needs the people marked */
void _rounds_detect_names       (RScan *s);
void _rounds_detect_named_patients (RScan *s);  /* patient references around names */
void _rounds_detect_model       (RScan *s);  /* risk language the rules missed */
void _rounds_model_prepare      (RScan *s);  /* marks the sentences naming one person */
void _rounds_detect_learned_names (RScan *s); /* names the rules missed (rounds-name-tagger.c) */
void _rounds_detect_named_care  (RScan *s);  /* a third person named in a reply; names in care sentences */
void _rounds_detect_care_credit (RScan *s);  /* a post's patient story that credits the practice: a testimonial too */
void _rounds_decide_dates       (RScan *s);
void _rounds_drop_history       (RScan *s);  /* no patient's care, date or age in a sentence of a year before 1900 */

/* Calls @func with each model feature of sentence @sent (see
 * rounds-risk-model.c); the trainer reads the same features. */
typedef void (*RFeatureFunc) (const char *prefix,  /* the feature is prefix + a [+ " " + b] */
                              const char *a,
                              guint64     ha,      /* a's hash (for scoring) */
                              const char *b,       /* may be NULL */
                              guint64     hb,
                              gpointer    user_data);
void _rounds_model_features     (const RScan  *s,
                                 guint         sent,
                                 RFeatureFunc  func,
                                 gpointer      user_data);

/* Appends the learned name tagger's candidates with their features,
 * {"start", "end", "features"} each, comma-separated (for the trainer). */
void _rounds_name_features_dump (RScan   *s,
                                 GString *out);

/* Scans like rounds_scanner_scan() without the model and returns, per
 * sentence, {"start", "end", "features"} as a JSON array (for the trainer);
 * with @names, the name tagger's candidates instead. */
char *_rounds_scanner_dump_features (RoundsScanner           *self,
                                     const char              *text,
                                     RoundsTextKind           kind,
                                     const char              *reviewer,
                                     RoundsComplianceProfile *profile,
                                     gboolean                 names);

void _rounds_finding_set_language (RoundsFinding *self,
                                  const char    *language);

G_END_DECLS
