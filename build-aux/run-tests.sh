#!/bin/bash
# Runs every test suite headless: a private D-Bus session and an Xvfb
# display, then prints one closing line "N passed, N failed, N skipped"
# counting test cases (TAP lines), or whole programs where a program has
# no cases. Exits non-zero when anything failed.
# Usage: run-tests.sh [BUILDDIR [MESON-TEST-ARGS…]], e.g.
#   run-tests.sh build-asan --suite core --suite ui
# The closing line is also written to BUILDDIR/meson-logs/run-tests.summary
# so that .ci/run can add up several runs.
set -u
builddir=${1:-build}
shift || true
here=$(cd "$(dirname "$0")" && pwd)

runtime=$(mktemp -d)
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR=$runtime

# The local Bluesky server (tests/bluesky/): installed into the build folder
# once per lock file (see that script for the shared cache). A failed install
# is not fatal here: the Bluesky tests then fail and say why.
"$here/bluesky-server.sh" "$builddir/bluesky-server" ||
  echo "The local Bluesky server could not be installed: its tests will fail." >&2

expected=$(meson test -C "$builddir" --list "$@" 2>/dev/null | grep -c ' / ')
# A log of our own: another `meson test` on the same build folder writes
# testlog.json, not this.
logbase=run-tests
rm -f "$builddir/meson-logs/$logbase.json" "$builddir/meson-logs/$logbase.summary"

# -noreset: the display keeps its state from the first test to the last.
# An X server resets itself (its keyboard too) when its last client
# leaves, which made a key left down by one test (ui-notifications' "w",
# see there) close the windows of some later tests and not others,
# depending on when every client happened to be gone: stop 31's CI
# failure. Without resets such a fault shows the same way every run.
dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24 -noreset' \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 --logbase "$logbase" "$@"
status=$?

summary=$(/usr/bin/python3 "$here/test-summary.py" "$builddir/meson-logs/$logbase.json" \
            "$expected" "$status")
summary_status=$?
echo
echo "$summary"
echo "$summary" > "$builddir/meson-logs/$logbase.summary"

if [ $status -ne 0 ] || [ $summary_status -ne 0 ]; then
  exit 1
fi
exit 0
