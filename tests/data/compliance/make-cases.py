#!/usr/bin/env python3
# make-cases.py — writes cases.jsonl from the readable list below.
# Markup: [[category:text]] marks a gold span; spans may nest one level
# ([[review_confirmation:we saw [[date:May 4]] ]]). Run from this directory.
# The cases are written for a different practice than the shared corpus
# (a dermatology clinic, profile.json here) and with different wording.
import json, re

CASES = [
# ---- hard negatives: own details, staff, public figures, education
("post", "Now booking spring skin checks! Call +1 (608) 555-0110, text 608.555.0111 or visit lakesidederm.com/appointments. Find us at 2200 E. Washington Ave, Suite 4."),
("post", "Welcome Jenna Hoffman, PA-C, to our team! Jenna loves hiking and has been treating acne for ten years."),
("post", "Dr. Natarajan will be speaking at the Madison Public Library on Thursday, April 10 at 6pm about sunscreen myths."),
("post", "Happy birthday to our nurse Kayla! 🎂 Stop by the front desk and say hi."),
("post", "Serena Williams wears SPF on the court — and so should you. 🎾 Reapply every two hours outdoors."),
("post", "Melanoma is the deadliest skin cancer, but 99% of cases caught early are treatable. Check your skin monthly."),
("post", "Sun Smart Saturday is June 14! Free sunscreen samples at our booth at the Madison Marathon."),
("post", "We can't promise perfect skin, but we can promise honest advice."),
("post", "Adults over 90 need gentler cleansers — aging skin is thinner and drier."),
("post", "Closed Monday, May 26 for Memorial Day. For urgent issues call 608-555-0111."),
("post", "Retinol, tretinoin, adapalene… what's the difference? Our blog explains: https://lakesidederm.com/blog/retinoids"),
("post", "If you ever see a mole that changes shape, color or size, book a skin check. Early detection saves lives."),
("post", "#ad Thanks to DermaPure for sponsoring our Glow Club giveaway! Use code GLOW15 for 15% off."),
("post", "Mark your calendars: SkinCheck Day is Saturday, October 4, 2025. Free screenings, no appointment needed."),
("post", "For questions about your bill, email billing@lakesidederm.com or call our billing team."),
("post", "Luis at the front desk has worked here for 15 years! Thank you, Luis, for keeping us organized."),
("post", "Our team volunteered at the Second Harvest food drive this weekend. 💛 #community #adventure #adorable"),
("post", "Did you know? About 1 in 5 Americans will develop skin cancer by age 70 (American Academy of Dermatology)."),
("post", "Follow us on Instagram @lakesidederm for weekly skin tips!"),
("post", "Congratulations to Dr. Ortiz on being named a Fellow of the American Academy of Dermatology!"),
("review_reply", "Thank you for the wonderful review! We're so glad to hear it. 😊"),
("review_reply", "We appreciate your feedback and take every comment seriously. Please reach out to frontdesk@lakesidederm.com so we can learn more."),
("review_reply", "We're sorry to read this. Privacy rules keep us from discussing details here, but our office manager Luis would like to talk — please call 608-555-0111."),
("review_reply", "Thanks for the five stars! Our whole team appreciates it."),
("comment_reply", "Great question! Most insurance plans cover annual skin checks. Call us and we'll check your benefits."),
("comment_reply", "Yes, we see kids too! Our providers treat patients of all ages."),
("comment_reply", "We can't give medical advice on social media, but please call us at 608-555-0111 to book a visit."),
("comment_reply", "Happy to help! Our hours are Monday–Friday, 8am–5pm."),
("comment_reply", "Thanks for sharing this with your friends! 💙"),
("review_reply", "¡Gracias por su reseña! Nos alegra que haya tenido una buena experiencia."),
("post", "¡Atendemos en español! Llame al 608-555-0110 para hacer una cita."),
("post", "Protector solar todos los días, incluso cuando está nublado. ☁️ #DermTips"),
("comment_reply", "So sorry to hear that! Please give us a call so we can help."),
# ---- identifiers
("comment_reply", "[[name:Marcus]], we left a voicemail at [[phone:608-555-0177]] about your [[review_confirmation:biopsy results]]."),
("review_reply", "[[name:Mrs. Delacroix]], [[review_confirmation:your Mohs surgery on [[date:March 18]] went well]] and the stitches can come out next week."),
("comment_reply", "Hi [[name:Tanya]]! [[review_confirmation:We sent your prescription to the pharmacy this morning]]."),
("post", "[[patient_reference:A patient of ours came in last week with a melanoma on her scalp]] — check everywhere, even under your hair!"),
("post", "Happy [[age:102nd]] birthday to [[name:Mr. Okonkwo]], [[patient_reference:who has been a patient here since 1998]]! 🎉"),
("comment_reply", "[[review_confirmation:We emailed the after-care instructions to [[email:tj.beaumont77@yahoo.com]]]] — let us know if you need anything else!"),
("review_reply", "[[review_confirmation:We billed your insurance under policy number [[health_plan:UHC4471920]]]] and are waiting on them."),
("comment_reply", "[[review_confirmation:Your refund for [[account:account #88213-4]] was processed today]]."),
("comment_reply", "[[name:Ms. Abara]], please don't share your SSN here. We deleted the comment with [[ssn:318-44-9021]]."),
("post", "Someone left a pair of sunglasses in our waiting room — call us to claim them!"),
("comment_reply", "Your [[review_confirmation:lab order (reference [[other_id:LAB-77812]]) is ready]]."),
("review_reply", "[[review_confirmation:This patient was seen by our PA on [[date:6/12/2024]] and declined the recommended biopsy]]."),
("comment_reply", "[[name:Derrick]], [[review_confirmation:we mailed your statement to [[address:418 Oak Hill Rd, Verona, WI 53593]]]]."),
("post", "To the owner of the blue Honda with plate [[vehicle:WI 7ABC123]] — your lights are on!"),
("review_reply", "[[review_confirmation:According to our records, you were treated on [[date:January 9]]]]."),
("comment_reply", "[[review_confirmation:We'll text your results to [[phone:(608) 555-0164]]]]."),
("post", "[[patient_reference:Our patient [[name:Rosa Jimenez]] finished her last laser treatment today]]! 🥳"),
("post", "[[testimonial:“My acne is finally gone and I feel like myself again.” — [[name:Brianna K.]]]]"),
("post", "[[testimonial:In her own words: “I wish I had come in years ago. The team changed my life.”]]"),
("post", "Shout-out to [[name:T.J.]], [[patient_reference:our bravest patient this month]] 💪"),
("comment_reply", "[[name:Ana]], [[review_confirmation:your insurance card number [[health_plan:MBR 99812345]] was declined]] — please call us."),
("review_reply", "[[name:Mr. Whitfield]], [[review_confirmation:our notes show you cancelled twice]]."),
("post", "[[patient_reference:We treated a 94-year-old gentleman today]] — he's [[age:94]] and still gardens every day!"),
("comment_reply", "Sra. [[name:Hernández]], [[review_confirmation:le enviamos sus resultados por correo]]."),
("comment_reply", "[[name:Sr. Molina]], [[review_confirmation:su cita del [[date:jueves 12 de junio]] está confirmada]]."),
("post", "[[patient_reference:Una paciente de [[age:93]] años vino hoy para su revisión]] 💛"),
("comment_reply", "[[review_confirmation:Your device (serial [[device:DX-5521903]]) is back from repair]]."),
("post", "[[patient_reference:So proud of [[name:Jasmine]]! Her eczema cleared up after three months of treatment with us]]."),
("comment_reply", "[[name:Kevin]], [[review_confirmation:your MRN is [[mrn:00778812]]]] if the hospital asks."),
("post", "Please support [[patient_reference:our patient's]] recovery fund: [[url:gofundme.com/f/help-lena-heal]]"),
("review_reply", "Your review was posted from [[ip:98.213.44.7]], [[review_confirmation:which is the address on your patient file]]."),
("comment_reply", "We faxed the form to [[fax:608-555-0193]] — [[review_confirmation:your employer's HR fax]]."),
("post", "#[[name:PrayForEmily]] 💙 [[patient_reference:One of our youngest patients starts chemo this week]]."),
# ---- risk language
("post", "[[guarantee:Guaranteed]] clear skin in 30 days or your money back!"),
("post", "Our laser treatments are [[guarantee:completely painless]] and the results are [[guarantee:permanent]]."),
("post", "Voted [[guarantee:best dermatologist in Madison]]!"),
("post", "Botox that [[guarantee:lasts forever]]? Not quite — but our results speak for themselves."),
("post", "Tratamiento láser [[guarantee:sin dolor y con resultados garantizados]]."),
("comment_reply", "[[medical_advice:Stop using the retinol for a week and apply hydrocortisone twice a day]]."),
("comment_reply", "[[medical_advice:That sounds like contact dermatitis — take 25 mg of Benadryl at night]]."),
("review_reply", "[[medical_advice:You don't need to come in; just keep it covered and it will heal]]."),
("comment_reply", "[[medical_advice:Aplique la crema dos veces al día y no se rasque]]."),
("post", "[[missing_disclosure:So excited to try the new serum CeraGlow sent us! Use our code LAKESIDE20 at checkout.]]"),
("post", "[[missing_disclosure:We partnered with @madisonskinmama to show our favorite routine — check her stories and use code MAMA10!]]"),
("post", "[[missing_disclosure:Loving these free samples from SunShield! Link in bio to get yours.]]"),
("post", "[[missing_disclosure:Muchas gracias a BellaPiel por regalarnos estos productos. Usa el código BELLA15.]]"),
# ---- replies that invite the reviewer to talk over their care in public;
# "kind@reviewer" names the review's author, as in the .txt sets below
("review_reply@Howard Lee", "[[review_confirmation:Let's talk about your treatment here in the comments.]]"),
("review_reply@Gary L.", "[[review_confirmation:Tell us more here and we can sort it out.]]"),
("review_reply@Paula Brandt", "[[review_confirmation:Please reply here with your date of birth so we can look into it.]]"),
("review_reply@Marta R.", "[[review_confirmation:Cuéntenos aquí qué pasó y lo revisamos.]]"),
("review_reply@Paula Brandt", "Please do not share more details here; call our office and ask for the practice manager."),
("review_reply@Howard Lee", "We would be happy to discuss your concerns by phone. Please call the office."),
("review_reply@Paula Brandt", "[[review_confirmation:As your dentist, I can tell you the crown was needed.]]"),
("review_reply@Paula Brandt", "[[review_confirmation:We're sorry your root canal hurt.]]"),
]

def parse(text):
    spans = []
    out = ''
    stack = []
    i = 0
    while i < len(text):
        if text.startswith('[[', i):
            j = text.index(':', i)
            stack.append((text[i+2:j], len(out)))
            i = j + 1
        elif text.startswith(']]', i) and stack:
            cat, start = stack.pop()
            spans.append({'start': start, 'end': len(out), 'category': cat})
            i += 2
        else:
            out += text[i]
            i += 1
    assert not stack, text
    return out, sorted(spans, key=lambda s: (s['start'], s['end']))

with open('cases.jsonl', 'w', encoding='utf-8') as f:
    for n, (kind, marked) in enumerate(CASES):
        kind, _, reviewer = kind.partition('@')
        text, spans = parse(marked)
        case = {'id': 'own-%03d' % (n + 1), 'kind': kind, 'text': text, 'spans': spans}
        if reviewer:
            case['reviewer'] = reviewer
        f.write(json.dumps(case, ensure_ascii=False) + '\n')
print(len(CASES), 'cases')

# More practices, each in the plain "kind|marked text" format, one case per
# line: cases-family.txt (family medicine, profile-family.json) and
# cases-peds.txt (pediatric dentistry, profile-peds.json), cases-eye.txt
# (optometry, profile-eye.json), cases-harbor.txt (dental, profile-harbor.json,
# paraphrasing the public corpus's traps in new words). All were written
# as blind checks before the scanner was tuned on them.
# cases-ridge.txt (physical therapy, profile-ridge.json) and cases-willow.txt
# (OB-GYN, profile-willow.json) were also written blind. A kind written as
# "review_reply@Display Name" carries the reviewer's display name.
# cases-cedar.txt (chiropractic, profile-cedar.json) was written after the
# scanner was tuned on ridge and willow, as a held-out check of those fixes;
# cases-sunny.txt (pediatrics, profile-sunny.json) after the cedar fixes,
# cases-mesa.txt (family medicine, profile-mesa.json) after the sunny fixes,
# cases-lakeview.txt (orthodontics, profile-lakeview.json) after the mesa fixes,
# cases-pine.txt (general dentistry, profile-pine.json) after the lakeview fixes,
# cases-bayou.txt (allergy clinic, profile-bayou.json) after the pine fixes,
# cases-magnolia.txt (med spa, mostly hard negatives, profile-magnolia.json)
# after the bayou fixes, cases-valle.txt (bilingual dental, profile-valle.json)
# after the magnolia fixes, cases-summit.txt (sports medicine, mostly hard
# negatives, profile-summit.json) after the valle fixes. cases-northgate.txt
# (urgent care, profile-northgate.json) and cases-clearwater.txt (counseling
# and psychiatry, profile-clearwater.json) were written blind after the summit
# fixes. A kind written as "post#tag1,tag2" carries informational tags
# (own_details, staff, ...).
# cases-stonebridge.txt (podiatry), cases-harmony.txt (audiology),
# cases-nightowl.txt (sleep clinic) and cases-beacon.txt (oncology outreach),
# 60+ texts each, and cases-paraphrase.txt (the shared public corpus's risky
# cases and traps reworded, profile-paraphrase.json = the public profile) were
# written blind for issue 15 before any detector change; their first-contact
# scores are in docs/compliance-measurements.md.
# cases-kestrel.txt (pediatric physical, occupational and speech therapy,
# profile-kestrel.json), about 200 texts, was written blind after the word
# lists moved to data and before any further detector change; its
# first-contact score is the figure of record in
# docs/compliance-measurements.md.
# cases-juniper.txt (gastroenterology and nutrition, profile-juniper.json),
# 121 texts, was written blind after kestrel's tuning and scored before any
# detector change; docs/compliance-measurements.md has its first contact.
for name in ('family', 'peds', 'eye', 'harbor', 'ridge', 'willow', 'cedar', 'sunny', 'mesa', 'lakeview', 'pine', 'bayou', 'magnolia', 'valle', 'summit', 'northgate', 'clearwater',
             'stonebridge', 'harmony', 'nightowl', 'beacon', 'paraphrase', 'kestrel', 'juniper', 'dev-general', 'dev-general2', 'dev-general3', 'dev-general4',
             'orchard', 'costa'):
    with open('cases-%s.txt' % name, encoding='utf-8') as src, \
         open('cases-%s.jsonl' % name, 'w', encoding='utf-8') as f:
        for n, line in enumerate(l for l in src if l.strip()):
            kind, marked = line.rstrip('\n').split('|', 1)
            kind, _, reviewer = kind.partition('@')
            kind, _, tags = kind.partition('#')
            text, spans = parse(marked)
            case = {'id': '%s-%03d' % (name, n + 1), 'kind': kind, 'text': text, 'spans': spans}
            if reviewer:
                case['reviewer'] = reviewer
            if tags:
                case['tags'] = tags.split(',')
            f.write(json.dumps(case, ensure_ascii=False) + '\n')
