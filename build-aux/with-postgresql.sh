#!/bin/sh
# with-postgresql.sh — runs a command beside a throw-away PostgreSQL server
#
# Copyright 2026 The Rounds developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/with-postgresql.sh COMMAND [ARG…]
#
# initdb into a new temporary folder, start the server on a free port of
# 127.0.0.1 with its socket in that folder, run COMMAND with
# ROUNDS_TEST_PG set to a libpq connection string (without dbname; the
# database "rounds" exists), then
# stop the server and remove the folder, whatever COMMAND did. initdb
# refuses to run as root, so as root (CI) the server runs as the
# "postgres" user that Debian's postgresql package creates.
#
# COMMAND's stdout is left alone (TAP); everything else goes to stderr.
# Without PostgreSQL the command is not run and a TAP "skip all" is
# printed, so a machine without the server still runs the suite.

set -u

bindir=${ROUNDS_PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "1..0 # SKIP PostgreSQL 15 is not installed ($bindir)"
  exit 0
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/rounds-pg.XXXXXX") || exit 1
chmod 0755 "$dir"

if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi

stop_server() {
  as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

if ! as_server "$bindir/initdb" -D "$dir/data" -A trust -U rounds -E UTF8 --locale=C \
       --no-sync >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  echo "with-postgresql: initdb failed" >&2
  exit 1
fi

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

started=no
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  # fsync off: the data is thrown away; nothing here measures durability.
  if as_server "$bindir/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" \
       -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
       start >/dev/null 2>&1; then
    started=yes
    break
  fi
done
if [ "$started" != yes ]; then
  cat "$dir/server.log" >&2
  echo "with-postgresql: the server did not start" >&2
  exit 1
fi

if ! "$bindir/createdb" -h "$dir" -p "$port" -U rounds rounds >>"$dir/server.log" 2>&1; then
  cat "$dir/server.log" >&2
  echo "with-postgresql: could not create the database" >&2
  exit 1
fi

# A test that needs the server to go away and come back (offline mode)
# runs "$ROUNDS_TEST_PG_CTL stop" (a fast shutdown, as when the office
# server is switched off) and "$ROUNDS_TEST_PG_CTL start" (the same port).
if [ "$(id -u)" = 0 ]; then
  runner="runuser -u postgres --"
else
  runner=""
fi
cat >"$dir/ctl" <<EOF
#!/bin/sh
case "\$1" in
  stop) exec $runner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 ;;
  start) exec $runner "$bindir/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" \\
           -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \\
           start >&2 ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
EOF
chmod 0755 "$dir/ctl"

ROUNDS_TEST_PG="host=$dir port=$port user=rounds"
ROUNDS_TEST_PG_DIR=$dir
ROUNDS_TEST_PG_CTL=$dir/ctl
export ROUNDS_TEST_PG ROUNDS_TEST_PG_DIR ROUNDS_TEST_PG_CTL

"$@"
status=$?
exit $status
