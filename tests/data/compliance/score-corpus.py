#!/usr/bin/env python3
# score-corpus.py — score rounds-check on a labelled corpus the way
# ../shared/compliance-corpus/README.md describes (overlap matching).
#
#   score-corpus.py BUILD/src/rounds-check CORPUS.jsonl PROFILE.json [-v]
#
# Prints overall and per-category recall/precision; with -v, every miss and
# false positive (ids and categories only, plus the span text for debugging
# on the public corpus).
import json
import subprocess
import sys
import time
from collections import defaultdict

def main():
    exe, corpus, profile = sys.argv[1:4]
    verbose = '-v' in sys.argv
    cases = [json.loads(l) for l in open(corpus, encoding='utf-8') if l.strip()]
    inp = ''.join(json.dumps({k: c[k] for k in ('id', 'text', 'kind', 'reviewer') if k in c}) + '\n'
                  for c in cases)
    t0 = time.time()
    p = subprocess.run([exe, '--jsonl', '--profile', profile], input=inp.encode(),
                       capture_output=True)
    elapsed = time.time() - t0
    out = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert len(out) == len(cases), (len(out), len(cases), p.stderr)
    any_block = False
    tp_any = tp_exact = n_gold = 0
    fp = 0
    n_find = 0
    cat_gold = defaultdict(int); cat_found = defaultdict(int); cat_exact = defaultdict(int)
    cat_find = defaultdict(int); cat_fp = defaultdict(int)
    clean_flagged = 0
    own_fp = 0
    for c, o in zip(cases, out):
        assert o['id'] == c['id']
        fs = o['findings']
        text = c['text']
        for f in fs:
            assert 0 <= f['start'] < f['end'] <= len(text), (c['id'], f)
            if f['severity'] == 'block':
                any_block = True
        gold = c['spans']
        if not gold and fs:
            clean_flagged += 1
        for g in gold:
            n_gold += 1
            cat_gold[g['category']] += 1
            ov = [f for f in fs if f['start'] < g['end'] and g['start'] < f['end']]
            if ov:
                tp_any += 1
                cat_found[g['category']] += 1
            if any(f['category'] == g['category'] for f in ov):
                tp_exact += 1
                cat_exact[g['category']] += 1
            elif verbose:
                print('MISS%s %s [%s] %r' % ('(cat)' if ov else '', c['id'], g['category'],
                                            text[g['start']:g['end']]))
        for f in fs:
            n_find += 1
            cat_find[f['category']] += 1
            if not any(f['start'] < g['end'] and g['start'] < f['end'] for g in gold):
                fp += 1
                cat_fp[f['category']] += 1
                if 'own_details' in c.get('tags', []) or 'staff' in c.get('tags', []):
                    own_fp += 1
                if verbose:
                    print('FP   %s [%s] %r' % (c['id'], f['category'], text[f['start']:f['end']]))
    rec = tp_any / max(n_gold, 1)
    rec_x = tp_exact / max(n_gold, 1)
    prec = (n_find - fp) / max(n_find, 1)
    print('cases %d  gold %d  findings %d  FP %d  clean texts flagged %d  FP on own/staff texts %d'
          % (len(cases), n_gold, n_find, fp, clean_flagged, own_fp))
    print('recall %.3f (category-exact %.3f)  precision %.3f  exit %d  %.0f ms'
          % (rec, rec_x, prec, p.returncode, elapsed * 1000))
    for cat in sorted(set(cat_gold) | set(cat_find)):
        g = cat_gold[cat]; nf = cat_find[cat]
        print('  %-20s gold %3d found %3d exact %3d | findings %3d fp %3d  R %.2f P %.2f'
              % (cat, g, cat_found[cat], cat_exact[cat], nf, cat_fp[cat],
                 cat_found[cat] / g if g else 1, (nf - cat_fp[cat]) / nf if nf else 1))
    if (p.returncode == 1) != any_block and p.returncode != 2:
        print('EXIT STATUS DISAGREES WITH BLOCK FINDINGS')

main()
