#!/usr/bin/env python3
# score-sets.py — score rounds-check on several practice sets at once and
# print a Markdown table per set and a pooled per-category table, with the
# same overlap rules as score-corpus.py.
#
#   score-sets.py BUILD/src/rounds-check NAME... [--public SHARED_DIR]
#
# NAME is a set in this directory (cases-NAME.jsonl + profile-NAME.json);
# "own" is cases.jsonl + profile.json; --public adds the shared corpus.
import json
import os
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))

def paths(name):
    if name == 'own':
        return os.path.join(HERE, 'cases.jsonl'), os.path.join(HERE, 'profile.json')
    if name == 'public':
        return (os.path.join(SHARED, 'compliance-corpus', 'public.jsonl'),
                os.path.join(SHARED, 'compliance-corpus', 'profile.json'))
    return (os.path.join(HERE, 'cases-%s.jsonl' % name), os.path.join(HERE, 'profile-%s.json' % name))

def score(exe, name, pooled):
    corpus, profile = paths(name)
    cases = [json.loads(l) for l in open(corpus, encoding='utf-8') if l.strip()]
    inp = ''.join(json.dumps({k: c[k] for k in ('id', 'text', 'kind', 'reviewer') if k in c}) + '\n'
                  for c in cases)
    p = subprocess.run([exe, '--jsonl', '--profile', profile], input=inp.encode(), capture_output=True)
    out = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert len(out) == len(cases)
    s = defaultdict(int)
    for c, o in zip(cases, out):
        fs = o['findings']
        for g in c['spans']:
            ov = [f for f in fs if f['start'] < g['end'] and g['start'] < f['end']]
            exact = any(f['category'] == g['category'] for f in ov)
            for key in ('all', g['category']):
                pooled[key]['gold'] += 1
                pooled[key]['found'] += bool(ov)
                pooled[key]['exact'] += exact
            s['gold'] += 1; s['found'] += bool(ov); s['exact'] += exact
        for f in fs:
            fp = not any(f['start'] < g['end'] and g['start'] < f['end'] for g in c['spans'])
            for key in ('all', f['category']):
                pooled[key]['findings'] += 1
                pooled[key]['fp'] += fp
            s['findings'] += 1; s['fp'] += fp
    return len(cases), s

def ratio(a, b):
    return '%.3f' % (a / b) if b else '—'

SHARED = '../shared'
args = sys.argv[1:]
if '--public' in args:
    i = args.index('--public')
    SHARED = args[i + 1]
    del args[i:i + 2]
    args.append('public')
exe, names = args[0], args[1:]
pooled = defaultdict(lambda: defaultdict(int))
print('| set | texts | gold spans | recall | category-exact recall | precision |')
print('| --- | ---: | ---: | ---: | ---: | ---: |')
for name in names:
    n, s = score(exe, name, pooled)
    print('| %s | %d | %d | %s | %s | %s |' % (name, n, s['gold'], ratio(s['found'], s['gold']),
          ratio(s['exact'], s['gold']), ratio(s['findings'] - s['fp'], s['findings'])))
print()
print('| category (pooled) | gold | recall | category-exact recall | findings | precision |')
print('| --- | ---: | ---: | ---: | ---: | ---: |')
for cat in ['all'] + sorted(k for k in pooled if k != 'all'):
    d = pooled[cat]
    print('| %s | %d | %s | %s | %d | %s |' % (cat, d['gold'], ratio(d['found'], d['gold']),
          ratio(d['exact'], d['gold']), d['findings'], ratio(d['findings'] - d['fp'], d['findings'])))
