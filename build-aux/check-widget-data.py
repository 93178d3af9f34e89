#!/usr/bin/env python3
# Widgets carry no data hung on them (docs/architecture.md, "Rows and
# data"): a row is a class bound to a model object, a callback finds its
# item from the row or gets it as closure data. Lists every
# g_object_set_data / g_object_get_data call in src/ui and exits 1 if
# there is one.
#
#   check-widget-data.py [SOURCE_ROOT]

import os
import re
import sys

CALL = re.compile(r'\bg_object_(?:set|get|steal)_data(?:_full)?\s*\(')


def check(root):
    problems = []
    ui = os.path.join(root, 'src', 'ui')
    for dirpath, dirnames, filenames in os.walk(ui):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                for lineno, line in enumerate(f, 1):
                    if CALL.search(line):
                        problems.append(f'{os.path.relpath(path, root)}:{lineno}: data hung on '
                                        'a widget; use a row class, a struct field or closure '
                                        'data (docs/architecture.md)')
    return problems


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    problems = check(root)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
