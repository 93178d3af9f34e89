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
exec dbus-run-session -- sh -c '
  printf "test-password" | gnome-keyring-daemon --daemonize --login >/dev/null 2>&1
  gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1
  exec "$@"' keyring-run "$@"
