#!/usr/bin/env python3
# make-common-words-table.py — run by the build: writes the everyday
# words of common-words.txt as the table the scanner reads as it is
# (rounds-compliance-rules.c, _rounds_rules_set_common_words ()), so that
# no start hashes 145,000 words:
#
#   guint64 magic "RCOMMON1" (0x52434f4d4d4f4e31), in the machine's order
#   guint64 number of slots (a power of two)
#   guint64 slots[]: each word's FNV-1a 64-bit hash of its bytes (what
#                    _rounds_key_hash () gives), open addressing from
#                    hash & (slots - 1), the next slot on a collision;
#                    0 an empty slot
#
# One word a line; empty lines and lines starting with '#' are skipped.
#
#   make-common-words-table.py common-words.txt common-words.table
import struct
import sys

from fnv1a import fnv1a64

MAGIC = 0x52434F4D4D4F4E31


with open(sys.argv[1], 'rb') as f:
    lines = f.read().split(b'\n')
if lines and lines[-1] == b'':
    lines.pop()
words = [l for l in lines if l and not l.startswith(b'#')]
# as many slots as the scanner's text loader made: a power of two, at
# least 16 and a third more than the file's lines
n_slots = 16
while n_slots < len(lines) + len(lines) // 3:
    n_slots *= 2
slots = [0] * n_slots
for w in words:
    h = fnv1a64(w)
    if h == 0:
        continue
    i = h & (n_slots - 1)
    while slots[i] != 0 and slots[i] != h:
        i = (i + 1) & (n_slots - 1)
    slots[i] = h
with open(sys.argv[2], 'wb') as o:
    o.write(struct.pack('=QQ', MAGIC, n_slots))
    o.write(struct.pack('=%dQ' % n_slots, *slots))
