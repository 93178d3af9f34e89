#!/usr/bin/env python3
# Lints the Flatpak manifest's permissions and sources against what
# Rounds needs (docs/decisions.md, "Flatpak permissions"):
# - display: Wayland with the X11 fallback, never plain X11; IPC; DRI;
# - network: Rounds publishes and reads comments;
# - nothing else: no file system (files go through the file chooser
#   portal), no session-bus names (the keyring, notifications and
#   autostart go through the Secret, Notification and Background
#   portals), no devices beyond DRI;
# - the app's tests need no display in the build sandbox;
# - every downloaded source is pinned by a checksum.
# Prints TAP. Usage: check-flatpak-manifest.py MANIFEST
import json
import sys

manifest = json.load(open(sys.argv[1]))
allowed = {'--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri',
           '--share=network'}
checks = []


def check(ok, what):
    checks.append((ok, what))


args = manifest.get('finish-args', [])
for arg in args:
    check(arg in allowed, f'finish-arg {arg} is one Rounds needs')
check('--socket=x11' not in args, 'no plain X11 socket (fallback-x11 only)')
check(not any(a.startswith('--filesystem') for a in args), 'no file system access')
check(not any(a.startswith(('--talk-name', '--own-name', '--system-talk-name')) for a in args),
      'no session or system bus names: portals only')
runtime_version = str(manifest.get('runtime-version', ''))
check(runtime_version.isdigit() and int(runtime_version) >= 51,
      f'a current GNOME runtime (runtime-version {runtime_version})')


def modules(items):
    for m in items:
        if isinstance(m, dict):
            yield m
            yield from modules(m.get('modules', []))


for module in modules(manifest.get('modules', [])):
    name = module.get('name', '?')
    for source in module.get('sources', []):
        if isinstance(source, dict) and source.get('type') in ('archive', 'file'):
            check('sha256' in source or 'sha512' in source,
                  f'{name}: {source.get("url", source.get("path"))} pinned by a checksum')
        if isinstance(source, dict) and source.get('type') == 'git':
            check('commit' in source, f'{name}: git source pinned to a commit')
    if module.get('run-tests'):
        test_args = module.get('build-options', {}).get('test-args', [])
        check(not any('x11' in a or 'wayland' in a for a in test_args),
              f'{name}: tests need no display socket')
        commands = ' '.join(module.get('test-commands', []))
        check(module.get('test-rule') == '' and '--suite core' in commands,
              f'{name}: only the core suite runs in the build sandbox')

print(f'1..{len(checks)}')
failed = 0
for n, (ok, what) in enumerate(checks, 1):
    print(f'{"ok" if ok else "not ok"} {n} {what}')
    failed += not ok
sys.exit(1 if failed else 0)
