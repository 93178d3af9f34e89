#!/usr/bin/env python3
# train-risk-model.py — trains the scanner's risk-language model
# (src/core/compliance/rounds-risk-model.c) on the labelled practice sets
# and writes resources/compliance/risk-model.tsv.
#
#   train-risk-model.py BUILD [--out FILE] [--leave-out NAME]... [--threshold P]
#   train-risk-model.py BUILD --loso [--threshold P]
#
# BUILD is a build directory with tests/core/compliance-features (which
# prints each sentence's features, computed by the scanner itself with the
# model off) and src/rounds-check. A sentence is a positive example of a
# category when a gold span of that category overlaps it. One logistic
# regression per category, plain SGD with L2, fixed seed: the same sets
# give the same file.
#
# --loso scores each set with a model trained on all the other sets
# (rounds-check with ROUNDS_RISK_MODEL pointing at that model), so every
# figure is on a set the model has not seen; the rules were still written
# on the older sets, which the table says.
import json
import math
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
CATS = ['review_confirmation', 'patient_reference', 'testimonial', 'guarantee',
        'medical_advice', 'missing_disclosure']
SETS = ['own', 'family', 'peds', 'eye', 'harbor', 'derm', 'ridge', 'willow', 'cedar', 'sunny',
        'mesa', 'lakeview', 'pine', 'bayou', 'magnolia', 'valle', 'summit', 'northgate',
        'clearwater', 'stonebridge', 'harmony', 'nightowl', 'beacon', 'paraphrase']
EPOCHS = 25
RATE = 0.05
L2 = float(os.environ.get("RISK_L2", "1e-3"))
MIN_COUNT = 2


def paths(name):
    if name == 'own':
        return os.path.join(HERE, 'cases.jsonl'), os.path.join(HERE, 'profile.json')
    return os.path.join(HERE, 'cases-%s.jsonl' % name), os.path.join(HERE, 'profile-%s.json' % name)


def load_cases(name):
    corpus, _ = paths(name)
    return [json.loads(l) for l in open(corpus, encoding='utf-8') if l.strip()]


def examples(build, name):
    corpus, profile = paths(name)
    cases = load_cases(name)
    inp = ''.join(json.dumps({k: c[k] for k in ('id', 'text', 'kind', 'reviewer') if k in c}) + '\n'
                  for c in cases)
    env = dict(os.environ, ROUNDS_RISK_MODEL='none')
    p = subprocess.run([os.path.join(build, 'tests', 'core', 'compliance-features'), profile],
                       input=inp.encode(), capture_output=True, env=env, check=True)
    out = [json.loads(l) for l in p.stdout.decode().splitlines()]
    assert len(out) == len(cases), (name, len(out), len(cases))
    ex = []
    for c, o in zip(cases, out):
        for s in o['sents']:
            y = [int(any(g['category'] == cat and g['start'] < s['end'] and s['start'] < g['end']
                         for g in c['spans'])) for cat in CATS]
            ex.append((sorted(set(s['features'])), y))
    return ex


def train(data):
    count = defaultdict(int)
    for feats, _ in data:
        for f in feats:
            count[f] += 1
    keep = {f for f, n in count.items() if n >= MIN_COUNT}
    data = [([f for f in feats if f in keep], y) for feats, y in data]
    w = {f: [0.0] * len(CATS) for f in keep}
    bias = [0.0] * len(CATS)
    rnd = random.Random(15)
    order = list(range(len(data)))
    for epoch in range(EPOCHS):
        rnd.shuffle(order)
        rate = RATE / (1 + epoch * 0.2)
        for k in order:
            feats, y = data[k]
            for c in range(len(CATS)):
                z = bias[c] + sum(w[f][c] for f in feats)
                p = 1 / (1 + math.exp(-max(-30, min(30, z))))
                g = p - y[c]
                bias[c] -= rate * g
                for f in feats:
                    wf = w[f]
                    wf[c] -= rate * (g + L2 * wf[c])
    return w, bias


def write_model(path, w, bias, threshold):
    logit = math.log(threshold / (1 - threshold))
    with open(path, 'w', encoding='utf-8') as f:
        f.write('rounds-risk-model\t1\n')
        f.write('# Written by tests/data/compliance/train-risk-model.py; do not edit by hand.\n')
        for c, cat in enumerate(CATS):
            f.write('category\t%s\t%.4f\t%.4f\n' % (cat, bias[c], logit))
        for feat in sorted(w):
            ws = w[feat]
            if max(abs(x) for x in ws) < 0.02:
                continue
            f.write('%s\t%s\n' % (feat, ' '.join('%.3f' % x for x in ws)))


def score(exe, name, model):
    corpus, profile = paths(name)
    cases = load_cases(name)
    inp = ''.join(json.dumps({k: c[k] for k in ('id', 'text', 'kind', 'reviewer') if k in c}) + '\n'
                  for c in cases)
    env = dict(os.environ, ROUNDS_RISK_MODEL=model)
    p = subprocess.run([exe, '--jsonl', '--profile', profile], input=inp.encode(), capture_output=True,
                       env=env)
    out = [json.loads(l) for l in p.stdout.decode().splitlines()]
    s = defaultdict(int)
    for c, o in zip(cases, out):
        fs = o['findings']
        for g in c['spans']:
            ov = [f for f in fs if f['start'] < g['end'] and g['start'] < f['end']]
            s['gold'] += 1
            s['found'] += bool(ov)
            s['exact'] += any(f['category'] == g['category'] for f in ov)
            if g['category'] in CATS:
                s['risk_gold'] += 1
                s['risk_exact'] += any(f['category'] == g['category'] for f in ov)
        for f in fs:
            s['findings'] += 1
            s['fp'] += not any(f['start'] < g['end'] and g['start'] < f['end'] for g in c['spans'])
    return s


def main():
    args = sys.argv[1:]
    build = args.pop(0)
    out = os.path.join(ROOT, 'resources', 'compliance', 'risk-model.tsv')
    leave = []
    threshold = 0.5
    loso = False
    while args:
        a = args.pop(0)
        if a == '--out':
            out = args.pop(0)
        elif a == '--leave-out':
            leave.append(args.pop(0))
        elif a == '--threshold':
            threshold = float(args.pop(0))
        elif a == '--loso':
            loso = True
        else:
            sys.exit('unknown argument ' + a)

    per_set = {name: examples(build, name) for name in SETS}
    if not loso:
        data = [e for name in SETS if name not in leave for e in per_set[name]]
        w, bias = train(data)
        write_model(out, w, bias, threshold)
        print('%d sentences, %d features written to %s' % (len(data), len(w), out))
        return

    exe = os.path.join(build, 'src', 'rounds-check')
    tot = defaultdict(int)
    print('| set (left out) | gold | recall | category-exact | risk-language exact | precision | rules only: exact / precision |')
    print('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
    with tempfile.TemporaryDirectory() as tmp:
        for name in SETS:
            data = [e for other in SETS if other != name for e in per_set[other]]
            w, bias = train(data)
            model = os.path.join(tmp, 'model.tsv')
            write_model(model, w, bias, threshold)
            s = score(exe, name, model)
            r = score(exe, name, 'none')
            for k, v in s.items():
                tot[k] += v
            for k, v in r.items():
                tot['rules_' + k] += v
            print('| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f / %.3f |' % (
                name, s['gold'], s['found'] / s['gold'], s['exact'] / s['gold'],
                s['risk_exact'] / max(1, s['risk_gold']), (s['findings'] - s['fp']) / max(1, s['findings']),
                r['exact'] / r['gold'], (r['findings'] - r['fp']) / max(1, r['findings'])))
            sys.stdout.flush()
    print('| **all** | %d | %.3f | %.3f | %.3f | %.3f | %.3f / %.3f |' % (
        tot['gold'], tot['found'] / tot['gold'], tot['exact'] / tot['gold'],
        tot['risk_exact'] / tot['risk_gold'], (tot['findings'] - tot['fp']) / tot['findings'],
        tot['rules_exact'] / tot['rules_gold'], (tot['rules_findings'] - tot['rules_fp']) / tot['rules_findings']))


main()
