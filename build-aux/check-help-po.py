#!/usr/bin/env python3
# Each translation of the help (help/LL/LL.po) is complete and current:
# msgfmt --check passes with nothing untranslated or fuzzy, and its
# messages are exactly those itstool extracts from help/C/*.page today
# (a changed or new paragraph in English fails here, naming it).
# Prints TAP. Usage: check-help-po.py HELPDIR
import glob
import os
import re
import subprocess
import sys
import tempfile

helpdir = sys.argv[1]
pages = sorted(glob.glob(os.path.join(helpdir, 'C', '*.page')))
langs = open(os.path.join(helpdir, 'LINGUAS')).read().split()


def msgids(po):
    ids = set()
    for block in open(po, encoding='utf-8').read().split('\n\n'):
        if '\n#~' in '\n' + block:
            continue
        m = re.search(r'^(?:msgctxt "(.*)"\n)?msgid ((?:".*"\n?)+)', block, re.M)
        if m:
            text = ''.join(re.findall(r'"(.*)"', m.group(2)))
            if text:
                ids.add((m.group(1), text))
    return ids


with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'help.pot')
    subprocess.run(['itstool', '-o', pot] + pages, check=True)
    current = msgids(pot)

results = []
for lang in langs:
    po = os.path.join(helpdir, lang, lang + '.po')
    run = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                         stderr=subprocess.PIPE, text=True)
    stats = run.stderr.strip()
    ok = run.returncode == 0 and 'untranslated' not in stats and 'fuzzy' not in stats
    results.append((ok, f'{lang}: complete and valid ({stats})'))
    have = msgids(po)
    missing = current - have
    stale = have - current
    for ctx, text in sorted(missing)[:5]:
        print(f'# {lang}: not translated yet: {text[:70]}')
    results.append((not missing and not stale,
                    f'{lang}: current with help/C ({len(missing)} new, {len(stale)} stale; '
                    f'ninja help-rounds-update-po, then translate)'))

print(f'1..{len(results)}')
for n, (ok, what) in enumerate(results, 1):
    print(f'{"ok" if ok else "not ok"} {n} {what}')
sys.exit(0 if all(ok for ok, _ in results) else 1)
