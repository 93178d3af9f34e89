#!/usr/bin/env python3
# check-eml.py FILE EXPECTED_SUBJECT — reads a newsletter draft saved as
# .eml the way a mail program would (Python's email package) and checks
# it: CRLF line ends, header lines within 78 characters, the subject
# decoded back to EXPECTED_SUBJECT, one multipart/alternative with a
# UTF-8 text/plain part then a UTF-8 text/html part, and the HTML saying
# the same words as the plain text. Prints what is wrong on stderr and
# exits 1; exits 0 when all holds.

import email
import email.policy
import html.parser
import re
import sys


class TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ('title', 'style', 'head'):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ('title', 'style', 'head'):
            self.skip -= 1

    def handle_data(self, data):
        if self.skip == 0:
            self.words.extend(data.split())


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def main():
    path, expected_subject = sys.argv[1], sys.argv[2]
    raw = open(path, 'rb').read()

    head = raw.split(b'\r\n\r\n', 1)[0]
    if b'\n' in raw.replace(b'\r\n', b''):
        fail('a line ends without CR')
    for line in head.split(b'\r\n'):
        if len(line) > 78:
            fail(f'header line longer than 78 characters: {line[:40]!r}…')

    msg = email.message_from_bytes(raw, policy=email.policy.default)
    if msg['Subject'] != expected_subject:
        fail(f'subject reads {msg["Subject"]!r}')
    if msg['MIME-Version'] != '1.0':
        fail('no MIME-Version: 1.0')
    if msg['Date'] is None or msg['Date'].datetime is None:
        fail('no Date the e-mail package can read')
    if msg.get_content_type() != 'multipart/alternative':
        fail(f'the message is {msg.get_content_type()}')
    parts = list(msg.iter_parts())
    if [p.get_content_type() for p in parts] != ['text/plain', 'text/html']:
        fail(f'parts are {[p.get_content_type() for p in parts]}')
    for p in parts:
        if p.get_content_charset() != 'utf-8':
            fail(f'{p.get_content_type()} is in {p.get_content_charset()}')
        if p.defects:
            fail(f'{p.get_content_type()} has defects {p.defects}')
    if msg.defects:
        fail(f'the message has defects {msg.defects}')

    text = parts[0].get_content()
    reader = TextOf()
    reader.feed(parts[1].get_content())
    # The list's dashes are the plain text's bullets, not words.
    text_words = [w for w in text.split() if w != '-']
    if reader.words != text_words:
        for i, (a, b) in enumerate(zip(reader.words, text_words)):
            if a != b:
                fail(f'the HTML and the text differ at word {i}: {a!r} / {b!r}')
        fail(f'the HTML has {len(reader.words)} words, the text {len(text_words)}')
    if re.search(r'<script', parts[1].get_content(), re.I):
        fail('the HTML holds a script element')
    return 0


if __name__ == '__main__':
    sys.exit(main())
