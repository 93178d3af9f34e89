#!/usr/bin/env python3
# test-icons.py
#
# Copyright 2026 The Rounds developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every themed icon the app names must exist both in Debian 12's Adwaita
# icon theme (read from the installed theme) and in the GNOME runtime's
# (tests/data/icons/adwaita-runtime-symbolic.txt), unless the app ships it
# in its own resources. A name missing from either shows a broken-image
# icon there. Prints TAP: one line per icon name.

import os
import re
import sys

root = sys.argv[1]
theme = sys.argv[2] if len(sys.argv) > 2 else '/usr/share/icons/Adwaita'

pattern = re.compile(r'[">]([a-z0-9][a-z0-9-]*-symbolic)["<]')
used = {}
for top in ('src', 'resources'):
    for folder, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if not name.endswith(('.c', '.ui', '.xml')):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding='utf-8') as f:
                for match in pattern.finditer(f.read()):
                    used.setdefault(match.group(1), os.path.relpath(path, root))

shipped = set()
for folder, _, files in os.walk(os.path.join(root, 'data', 'icons')):
    for name in files:
        shipped.add(os.path.splitext(name)[0])

installed = set()
for folder, _, files in os.walk(theme):
    for name in files:
        installed.add(name.rsplit('.', 1)[0])
if not installed:
    print('Bail out! no icon theme at %s' % theme)
    sys.exit(1)

runtime_list = os.path.join(root, 'tests', 'data', 'icons', 'adwaita-runtime-symbolic.txt')
with open(runtime_list, encoding='utf-8') as f:
    runtime = {line.strip() for line in f if line.strip() and not line.startswith('#')}

print('1..%d' % len(used))
failed = 0
for i, (icon, where) in enumerate(sorted(used.items()), 1):
    missing = []
    if icon not in shipped:
        if icon not in installed:
            missing.append('Debian 12 Adwaita')
        if icon not in runtime:
            missing.append('GNOME runtime Adwaita')
    if missing:
        failed += 1
        print('not ok %d %s (in %s) is missing from %s' % (i, icon, where, ', '.join(missing)))
    else:
        print('ok %d %s' % (i, icon))
sys.exit(1 if failed else 0)
