#!/usr/bin/env python3
# Proves build-aux/check-core-layers.py: on small trees it must refuse an
# upward include, a sideways include, a folder missing from the layer table
# and two headers with one basename, and accept a downward include. (The
# "layers" test runs the same checker on the real tree.) TAP output.

import os
import subprocess
import sys
import tempfile

CHECKER = sys.argv[1]


def make_tree(root, files):
    for rel, text in files.items():
        path = os.path.join(root, 'src', 'core', rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)


def run(files):
    with tempfile.TemporaryDirectory() as root:
        make_tree(root, files)
        proc = subprocess.run([sys.executable, CHECKER, root],
                              capture_output=True, text=True, check=False)
        return proc.returncode, proc.stdout


BASE = {
    'base/rounds-types.h': '#pragma once\n',
    'store/rounds-store.h': '#pragma once\n#include "rounds-types.h"\n',
    'schedule/rounds-exchange.h': '#pragma once\n#include "rounds-store.h"\n',
}

CASES = [
    ('a downward include passes', dict(BASE), 0, None),
    ('the store including a schedule header fails',
     dict(BASE, **{'store/rounds-store-calendar.c': '#include "config.h"\n'
                                                    '#include "rounds-exchange.h"\n'}),
     1, 'src/core/store/rounds-store-calendar.c:2: includes rounds-exchange.h from schedule/'),
    ('base including the store fails',
     dict(BASE, **{'base/rounds-time.c': '#include "rounds-store.h"\n'}),
     1, 'src/core/base/rounds-time.c:1: includes rounds-store.h from store/'),
    ('a sideways include between peers fails',
     dict(BASE, **{'connectors/rounds-connector.c': '#include "rounds-exchange.h"\n'}),
     1, 'connectors/ may include only base/, compliance/, store/'),
    ('an include through a relative path is still resolved',
     dict(BASE, **{'compliance/rounds-scanner.c': '#include "../store/rounds-store.h"\n'}),
     1, 'includes ../store/rounds-store.h from store/'),
    ('a folder missing from the layer table fails',
     dict(BASE, **{'people/rounds-person.c': '#include "rounds-types.h"\n'}),
     1, 'the folder people/ is not in the layer table'),
    ('two headers with one basename fail',
     dict(BASE, **{'plan/rounds-types.h': '#pragma once\n'}),
     1, 'another rounds-types.h is in'),
]

print(f'1..{len(CASES)}')
failed = 0
for n, (name, files, want_rc, want_text) in enumerate(CASES, 1):
    rc, out = run(files)
    ok = rc == want_rc and (want_text is None or want_text in out)
    if want_rc == 0:
        ok = ok and out == ''
    print(f'{"ok" if ok else "not ok"} {n} {name}')
    if not ok:
        failed += 1
        print(f'# exit {rc}, output:')
        for line in out.splitlines():
            print(f'#   {line}')
sys.exit(1 if failed else 0)
