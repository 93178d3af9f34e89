# fnv1a.py — the scanner's key hash for the build's table scripts
# (make-common-words-table.py, make-keys-table.py): FNV-1a, 64 bits, over
# a word's bytes, what _rounds_key_hash () gives in C.
FNV_START = 14695981039346656037
FNV_PRIME = 1099511628211
MASK64 = (1 << 64) - 1


def fnv1a64(data):
    h = FNV_START
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & MASK64
    return h
