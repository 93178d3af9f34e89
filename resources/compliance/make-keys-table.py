#!/usr/bin/env python3
# make-keys-table.py — run by the build: writes a word list of one key a
# line (clinical-terms.txt) as the scanner's key table (RKeys,
# rounds-compliance-keys.c) as _rounds_keys_add_whole_lines () would
# build it from the text, so that the scanner reads it as it is
# (_rounds_keys_new_from_table ()) instead of hashing every line at start:
#
#   guint64 magic "RKEYS001" (0x524B455953303031), in the machine's order
#   guint32 number of slots (a power of two), guint32 number of keys
#   guint32 the filter's shift, guint32 its number of 64-bit words
#   guint64 the block's length
#   guint64 filter[]
#   { guint32 hash, guint32 off } slots[]
#   the block: the file's bytes, each key's newline made a nul, and a nul
#
# Empty lines and lines starting with '#' are skipped; a repeated key keeps
# its first place.
#
#   make-keys-table.py clinical-terms.txt clinical-terms.table
import struct
import sys

from fnv1a import fnv1a64

M32 = (1 << 32) - 1
MAGIC = 0x524B455953303031


def hash32(key):
    h = fnv1a64(key)
    r = (h ^ (h >> 32)) & M32
    return r if r != 0 else 1


with open(sys.argv[1], 'rb') as f:
    text = f.read()
block = bytearray(text + b'\0')

# _rounds_keys_new () and _rounds_keys_reserve (): 64 slots, doubled while
# the file's lines would fill more than half
n_lines = text.count(b'\n') + (1 if text and not text.endswith(b'\n') else 0)
n_slots = 64
while n_lines * 2 > n_slots and n_slots < (1 << 31):
    n_slots *= 2
mask = n_slots - 1
log2_slots = n_slots.bit_length() - 1
filter_shift = 32 - (log2_slots + 2)
n_filter = max(n_slots * 4 // 64, 1)
filt = [0] * n_filter
slot_hash = [0] * n_slots
slot_off = [0] * n_slots
n = 0


def key_at(off):
    return bytes(block[off:block.index(0, off)])


p = 0
end = len(text)
while p < end:
    nl = text.find(b'\n', p)
    line_end = nl if nl >= 0 else end
    if line_end > p and text[p] != ord('#'):
        key = text[p:line_end]
        block[line_end] = 0
        h = hash32(key)
        i = h & mask
        while slot_hash[i] != 0 and not (slot_hash[i] == h and key_at(slot_off[i]) == key):
            i = (i + 1) & mask
        if slot_hash[i] == 0:
            slot_hash[i] = h
            slot_off[i] = p
            b = ((h * 0x9E3779B1) & M32) >> filter_shift
            filt[b // 64] |= 1 << (b % 64)
            n += 1
            # (the scanner grows a table more than half full: never here)
            assert n * 2 <= n_slots
    p = line_end + 1

with open(sys.argv[2], 'wb') as o:
    o.write(struct.pack('=QIIIIQ', MAGIC, n_slots, n, filter_shift, n_filter, len(block)))
    o.write(struct.pack('=%dQ' % n_filter, *filt))
    o.write(struct.pack('=%dI' % (2 * n_slots), *[v for i in range(n_slots) for v in (slot_hash[i], slot_off[i])]))
    o.write(bytes(block))
