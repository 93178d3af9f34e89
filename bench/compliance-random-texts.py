#!/usr/bin/env python3
# Random texts for bench/compliance-same-output.sh: words, numbers,
# punctuation, contact and identifier shapes, names and combining marks
# thrown together (synthetic, no real person), so that a speed change is
# also compared on shapes the corpora lack. Deterministic for a seed.
#
#   bench/compliance-random-texts.py SEED COUNT > texts.jsonl
import json, random, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
vocab = ["\u0301", "\u0301\u0302", "²", "Ⅻ", "٣٤", "@", "#", ":", ".", ",", "-", "/", "(", ")", "'", "\u2019s",
 "12", "217", "555", "0142", "2024", "1951", "61801", "90", "101", "4417", "xxx-xx-4417", "10/17", "02.14.1951",
 "March", "marzo", "May", "may", "Tuesday", "Tuesday's", "last", "the", "14th", "in", "on", "since",
 "Street", "St", "Road", "Lane", "Oak", "Maple", "North", "Savoy", "IL", "Urbana", "P.O.", "Box", "Apt", "4B",
 "jane", "example", "com", "info@clinic.org", "http://x.com/a", "www.site.com", "fe80::1", "192.168.0.1",
 "(217) 555-0142", "217-555-0142", "member", "ID", "Aetna", "W2841", "77390", "MRN", "chart", "PTE-55871",
 "Dr.", "Smith", "Maria", "Tom", "Becker", "Lupe", "nurse", "hygienist", "you", "your", "we", "our", "son",
 "Ad", "Sponsored", "#ad", "paid", "partnership", "cure", "guaranteed", "100%", "for", "good", "amoxicillin",
 "strep", "test", "results", "mammogram", "called", "prescribed", "I", "my", "was", "born", "DOB", "age", "92",
 "Happy", "93rd", "birthday", "!", "?", "\n", "\n\n", "“", "”", "\"", "Prairie", "Oak", "Family", "Dental",
 "Thank", "visit", "appointment", "license", "RT482915", "H12345678", "VIN", "1HGCM82633A004352", "fax", "phone"]
kinds = ["post", "review_reply", "comment_reply"]
for n in range(int(sys.argv[2]) if len(sys.argv) > 2 else 5000):
    k = random.randint(1, 40)
    words = [random.choice(vocab) for _ in range(k)]
    text = ""
    for w in words:
        text += ("" if random.random() < 0.2 else " ") + w
    d = {"id": n, "text": text, "kind": random.choice(kinds)}
    if random.random() < 0.3:
        d["reviewer"] = random.choice(["Tom Becker", "Maria S.", "The Okafor Family", "Dental Mom 2020"])
    print(json.dumps(d, ensure_ascii=random.random() < 0.5))
