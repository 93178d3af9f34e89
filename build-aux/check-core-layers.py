#!/usr/bin/env python3
# Checks the one-way layers of src/core (docs/architecture.md): a file may
# include headers from its own folder and from the folders below it, never
# from a folder above or beside it. Headers are included by basename, so
# each #include "x.h" is resolved to the core folder that holds x.h.
#
#   check-core-layers.py [SOURCE_ROOT]
#
# Prints every upward include and exits 1 if there is one; exits 0 and
# prints nothing when the layers hold. Run by meson at configure time and
# as the "layers" test.

import os
import re
import sys

# Folder → the folders it may include from (besides itself). "." is the
# core's root, the composition root (RoundsContext) that sees everything.
# A new folder must be added here, and to the diagram in
# docs/architecture.md.
LAYERS = {
    'base':       [],
    'compliance': ['base'],
    'store':      ['base', 'compliance'],
    'schedule':   ['base', 'compliance', 'store'],
    'exchange':   ['base', 'compliance', 'store', 'schedule'],
    'connectors': ['base', 'compliance', 'store'],
    'insights':   ['base', 'compliance', 'store', 'schedule', 'connectors', 'plan'],
    'plan':       ['base', 'compliance', 'store', 'schedule'],
    'reminders':  ['base', 'compliance', 'store', 'schedule', 'plan'],
    'assistant':  ['base', 'compliance', 'store'],
    'inbox':      ['base', 'compliance', 'store', 'connectors'],
    'publish':    ['base', 'compliance', 'store', 'connectors'],
    '.':          ['base', 'compliance', 'store', 'schedule', 'exchange', 'connectors',
                   'insights', 'plan', 'reminders', 'assistant', 'inbox', 'publish'],
}

# Known exceptions, each to be removed: file → headers it may include
# although its layer may not. Keep this short and say why. None today.
EXCEPTIONS = {
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
SOURCE_SUFFIXES = ('.c', '.h')


def folder_of(core, path):
    rel = os.path.relpath(os.path.dirname(path), core)
    return rel.split(os.sep)[0]


def collect(core):
    """Returns ({basename: folder} for every core header, [source paths], problems)."""
    headers = {}
    sources = []
    problems = []
    for dirpath, dirnames, filenames in os.walk(core):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(SOURCE_SUFFIXES):
                continue
            path = os.path.join(dirpath, name)
            folder = folder_of(core, path)
            sources.append(path)
            if name.endswith('.h'):
                if name in headers and headers[name] != folder:
                    problems.append(f'{os.path.relpath(path, core)}: another {name} is in '
                                    f'{headers[name]}/; headers are included by basename, '
                                    'so their names must be unique in src/core')
                headers[name] = folder
    return headers, sources, problems


def check(root):
    core = os.path.join(root, 'src', 'core')
    headers, sources, problems = collect(core)

    for path in sources:
        rel = os.path.join('src', 'core', os.path.relpath(path, core))
        folder = folder_of(core, path)
        if folder not in LAYERS:
            problems.append(f'{rel}: the folder {folder}/ is not in the layer table '
                            '(build-aux/check-core-layers.py, docs/architecture.md)')
            continue
        allowed = set(LAYERS[folder]) | {folder}
        with open(path, encoding='utf-8', errors='replace') as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if m is None:
                    continue
                base = os.path.basename(m.group(1))
                target = headers.get(base)
                if target is None or target in allowed:
                    continue
                if base in EXCEPTIONS.get(os.path.relpath(path, core), ()):
                    continue
                below = ', '.join(f'{d}/' for d in LAYERS[folder]) or 'nothing'
                problems.append(f'{rel}:{lineno}: includes {m.group(1)} from {target}/, '
                                f'but {folder}/ may include only {below}')
    return problems


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f'{len(problems)} include(s) break the core layers; see docs/architecture.md')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
