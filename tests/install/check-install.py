#!/usr/bin/env python3
# Installs the build into a throw-away DESTDIR and checks that what a
# desktop needs is there: the programs, the desktop entries, the
# metainfo, the icons, the settings schema, the D-Bus service, the man
# page, the help in every language of help/LINGUAS and the translations
# of po/LINGUAS, and Rounds' loadable modules (libpq, libical) in
# LIBDIR/rounds. Usage: check-install.py BUILDDIR SOURCEDIR PREFIX LIBDIR
import os
import subprocess
import sys
import tempfile

builddir, sourcedir, prefix, libdir = sys.argv[1:5]
app_id = 'io.github.roundsapp.Rounds'


def linguas(path):
    try:
        with open(path) as f:
            return [w for line in f if not line.startswith('#') for w in line.split()]
    except FileNotFoundError:
        return []


expected = [
    'bin/rounds',
    'bin/rounds-check',
    f'share/applications/{app_id}.desktop',
    f'share/metainfo/{app_id}.metainfo.xml',
    f'share/glib-2.0/schemas/{app_id}.gschema.xml',
    f'share/dbus-1/services/{app_id}.service',
    f'share/icons/hicolor/scalable/apps/{app_id}.svg',
    f'share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg',
    'share/man/man1/rounds-check.1',
    f'{libdir}/rounds/rounds-postgresql.so',
    f'{libdir}/rounds/rounds-icalendar.so',
]
help_pages = sorted(p for p in os.listdir(os.path.join(sourcedir, 'help', 'C'))
                    if p.endswith('.page'))
for lang in ['C'] + linguas(os.path.join(sourcedir, 'help', 'LINGUAS')):
    expected += [f'share/help/{lang}/rounds/{page}' for page in help_pages]
for lang in linguas(os.path.join(sourcedir, 'po', 'LINGUAS')):
    expected.append(f'share/locale/{lang}/LC_MESSAGES/rounds.mo')

with tempfile.TemporaryDirectory(prefix='rounds-install-') as destdir:
    run = subprocess.run(['meson', 'install', '-C', builddir, '--no-rebuild', '--quiet',
                          '--destdir', destdir],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if run.returncode != 0:
        print(run.stdout)
        print('meson install failed')
        sys.exit(1)
    root = os.path.join(destdir, prefix.lstrip('/'))
    missing = [p for p in expected if not os.path.isfile(os.path.join(root, p))]
    print(f'1..{len(expected)}')
    for n, p in enumerate(expected, 1):
        print(f'{"not ok" if p in missing else "ok"} {n} {p}')
    sys.exit(1 if missing else 0)
