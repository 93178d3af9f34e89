#!/bin/sh
# Runs a test program on a private D-Bus session with its own unlocked
# GNOME Keyring (TESTING.md, "Secrets in tests"): a fresh login keyring
# in a temporary XDG_DATA_HOME, so that libsecret stores and looks up
# for real without touching the user's keyring.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The test's standard output is its TAP stream: only the test writes
# there (fd 3 inside). The bus and the services it starts (the
# accessibility registry says it is running) write to standard error.
exec dbus-run-session -- sh -c '
  printf "test-password" | gnome-keyring-daemon --daemonize --login >/dev/null 2>&1
  gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1
  exec "$@" 1>&3 3>&-' keyring-run "$@" 3>&1 1>&2
