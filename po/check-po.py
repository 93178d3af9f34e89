#!/usr/bin/env python3
# check-po.py — the translations are complete, valid and up to date (the
# `po` test suite; see po/README.md).
#
#   check-po.py SOURCE_ROOT
#
# For every language in po/LINGUAS:
#   1. `msgfmt --check --statistics` passes (placeholders, plural forms,
#      header) and reports no fuzzy and no untranslated message;
#   2. the .po file has exactly the messages of the current sources: the
#      template is made again in a temporary folder with xgettext, from
#      po/POTFILES.in and with the keywords of meson's i18n 'glib' preset
#      (what `ninja -C build rounds-pot` runs), and every msgid missing from
#      the .po file is printed ("needs translating"), as is every msgid the
#      sources no longer have ("no longer used").
# And src/core/compliance/rounds-rules-strings.h is what
# resources/compliance/make-rules-strings.py makes from rules.json, so that
# the rule pack's texts are in the template.
#
# Prints TAP; exits non-zero when anything fails.
import os
import re
import shutil
import subprocess
import sys
import tempfile

# meson's i18n module, preset 'glib' (mesonbuild/modules/i18n.py), plus the
# arguments its gettext script adds (mesonbuild/scripts/gettext.py).
XGETTEXT_ARGS = [
    '--package-name=rounds', '-k_',
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def unquote(s):
    s = s.strip()[1:-1]
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', 'r': '\r'}.get(m.group(1), m.group(1)), s)


def read_po(path):
    """Returns {(msgctxt, msgid, msgid_plural): (fuzzy, [msgstr…])} of the
    live (not obsolete) messages, the header left out."""
    entries = {}
    cur, field, fuzzy = {}, None, False

    def flush():
        nonlocal cur, field, fuzzy
        if 'msgid' in cur and cur['msgid'] != '':
            key = (cur.get('msgctxt'), cur['msgid'], cur.get('msgid_plural'))
            entries[key] = (fuzzy, [v for k, v in sorted(cur.items()) if k.startswith('msgstr')])
        cur, field, fuzzy = {}, None, False

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                flush()
            elif line.startswith('#~'):
                continue
            elif line.startswith('#,'):
                fuzzy = fuzzy or 'fuzzy' in line
            elif line.startswith('#'):
                continue
            elif line.startswith('"'):
                cur[field] += unquote(line)
            else:
                m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
                if not m:
                    raise ValueError('%s: cannot read the line %r' % (path, line))
                field = m.group(1)
                cur[field] = unquote(m.group(2))
    flush()
    return entries


def describe(key):
    ctx, msgid, plural = key
    text = msgid.replace('\n', '\\n')
    if plural is not None:
        text += '” / “' + plural.replace('\n', '\\n')
    return ('[%s] ' % ctx if ctx else '') + '“' + text + '”'


def main():
    root = os.path.abspath(sys.argv[1])
    po_dir = os.path.join(root, 'po')
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        langs = [w for line in f for w in line.split('#')[0].split()]

    tests = []   # (ok, name, diagnostic lines)

    # The rule pack's texts reach xgettext through a generated header.
    gen = os.path.join(root, 'resources', 'compliance', 'make-rules-strings.py')
    header = os.path.join(root, 'src', 'core', 'compliance', 'rounds-rules-strings.h')
    wanted = subprocess.run([sys.executable, gen, '--print'], capture_output=True, text=True,
                            check=True).stdout
    with open(header, encoding='utf-8') as f:
        ok = f.read() == wanted
    tests.append((ok, 'rounds-rules-strings.h matches rules.json',
                  [] if ok else ['rules.json changed: run resources/compliance/make-rules-strings.py, '
                                 'then translate the new texts (see po/README.md)']))

    tmp = tempfile.mkdtemp(prefix='rounds-po-')
    try:
        pot = os.path.join(tmp, 'rounds.pot')
        run = subprocess.run(['xgettext', '-p', tmp, '-f', os.path.join(po_dir, 'POTFILES.in'),
                              '-D', root, '-o', 'rounds.pot'] + XGETTEXT_ARGS,
                             capture_output=True, text=True)
        if run.returncode != 0:
            tests.append((False, 'xgettext makes the template', run.stderr.splitlines()))
            template = None
        else:
            template = read_po(pot)

        for lang in langs:
            path = os.path.join(po_dir, lang + '.po')
            if not os.path.exists(path):
                tests.append((False, '%s.po exists' % lang, ['po/LINGUAS names %s but there is no po/%s.po' % (lang, lang)]))
                continue
            fmt = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, path],
                                 capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
            stats = fmt.stderr.strip()
            complete = (fmt.returncode == 0 and 'fuzzy' not in stats and 'untranslated' not in stats)
            tests.append((complete, '%s.po: msgfmt --check, no fuzzy or untranslated message (%s)'
                          % (lang, stats.splitlines()[-1] if stats else 'no statistics'),
                          [] if complete else stats.splitlines()))

            if template is None:
                continue
            po = read_po(path)
            untranslated = [k for k, (fuzzy, strs) in po.items() if fuzzy or any(s == '' for s in strs)]
            missing = [k for k in template if k not in po]
            unused = [k for k in po if k not in template]
            lines = []
            if missing:
                lines.append('%d English string(s) need translating in po/%s.po '
                             '(ninja -C build rounds-pot rounds-update-po, then translate):'
                             % (len(missing), lang))
                lines += ['  needs translating: ' + describe(k) for k in missing]
            if untranslated:
                lines.append('%d message(s) in po/%s.po are fuzzy or empty:' % (len(untranslated), lang))
                lines += ['  fuzzy or empty: ' + describe(k) for k in untranslated]
            if unused:
                lines.append('%d message(s) in po/%s.po are no longer in the sources '
                             '(ninja -C build rounds-update-po drops them):' % (len(unused), lang))
                lines += ['  no longer used: ' + describe(k) for k in unused]
            tests.append((not lines, '%s.po is up to date with the sources (%d messages)'
                          % (lang, len(template)), lines))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print('1..%d' % len(tests))
    failed = 0
    for i, (ok, name, diag) in enumerate(tests, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        for line in diag:
            print('# ' + line)
        if not ok:
            failed += 1
            for line in diag:
                print(line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
