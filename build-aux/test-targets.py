#!/usr/bin/python3
# Prints the ninja targets that the tests of one suite run, so that a
# build folder can build just those (make test-asan-core builds only what
# the core suite needs under the sanitizers), with the other programs in
# their folders (helpers a test starts by name) and in any EXTRA-FOLDER.
# Usage: test-targets.py BUILDDIR SUITE [EXTRA-FOLDER…], folders relative
# to BUILDDIR.
import json
import os
import subprocess
import sys

builddir, suite = os.path.abspath(sys.argv[1]), sys.argv[2]
extra = {os.path.join(builddir, d) for d in sys.argv[3:]}


def introspect(what):
    out = subprocess.run(['meson', 'introspect', builddir, what], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


# Paths the suite's tests name: their programs, arguments and environment.
named = set()
for test in introspect('--tests'):
    if not any(s == suite or s.endswith(':' + suite) for s in test['suite']):
        continue
    words = list(test['cmd']) + [v for value in test.get('env', {}).values()
                                 for v in value.split(os.pathsep)]
    for word in words:
        path = os.path.normpath(word)
        if path.startswith(builddir + os.sep):
            named.add(path)

# The targets that make those files, files right in those folders (a
# schema folder) or beside those programs, not below them.
folders = {os.path.dirname(p) for p in named if os.path.isfile(p) or not os.path.exists(p)}
folders = (folders - {builddir}) | extra
targets = set()
for target in introspect('--targets'):
    for filename in target['filename']:
        filename = os.path.normpath(filename)
        if (filename in named or os.path.dirname(filename) in named or
                os.path.dirname(filename) in folders):
            targets.add(os.path.relpath(filename, builddir))

print(' '.join(sorted(targets)))
