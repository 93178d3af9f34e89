#!/bin/sh
# bench-live.sh — the calendar benchmark with the practice on PostgreSQL
#
# Copyright 2026 The Rounds developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/bench-live.sh BUILDDIR [N_POSTS]
#
# Starts a throw-away PostgreSQL (build-aux/with-postgresql.sh), then runs
# bench-calendar under Xvfb with ROUNDS_BENCH_PG pointing at it: the month
# switch with N posts (10,000) on the server, and NOTIFY to redraw.
set -eu
build=${1:?usage: bench/bench-live.sh BUILDDIR [N_POSTS]}
# The PostgreSQL store is a module (docs/decisions.md, "Heavy libraries
# in modules"): the build's own unless one is given.
export ROUNDS_MODULE_DIR=${ROUNDS_MODULE_DIR:-$(cd "$build" && pwd)/src/core}
posts=${2:-10000}
here=$(dirname "$0")
exec "$here/../build-aux/with-postgresql.sh" sh -c '
  ROUNDS_BENCH_PG="$ROUNDS_TEST_PG dbname=rounds" GSK_RENDERER=cairo \
    xvfb-run -a "$0/bench/bench-calendar" "$1"' "$build" "$posts"
