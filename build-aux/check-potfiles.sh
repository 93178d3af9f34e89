#!/bin/bash
# Fails when a source or UI file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -u
top=${1:-.}
cd "$top" || exit 2
status=0

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)

found=$(grep -rlE '\b(N?_|C_|NC_|g_dngettext|g_dgettext)\s*\(|translatable="yes"' \
          src resources --include='*.c' --include='*.ui' | sort)

for f in $found; do
  if ! grep -qxF "$f" <<<"$listed"; then
    echo "missing from po/POTFILES.in: $f"
    status=1
  fi
done

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in names a file that does not exist: $f"
    status=1
  fi
done

exit $status
