#!/bin/bash
# bench/inbox.sh — memory and main-thread CPU of the Inbox (issue 17).
#
#   bench/inbox.sh [BUILD] [REPS] ["10000 100000"]
#
# For each size N it uses the practice $BENCH_DATA/inbox-N (made once by
# `ROUNDS_BENCH_COMMENTS=N rounds-generate DIR 1000 5`: 1,000 posts and
# their ~150 comments, plus N Inbox items), starts Rounds (cairo renderer)
# on the Calendar under one Xvfb, waits until it used no CPU for 300 ms,
# and prints: RSS then, the main thread's CPU time spent from Alt+4 (the
# Inbox, first shown) until idle again, the process's CPU over the same
# time (the worker's read included), and RSS after. REPS runs per size,
# medians. With BEFORE=OTHER_BUILD_DIR the same runs for that build,
# interleaved.
set -u
BUILD=$(cd "${1:-build}" && pwd)
REPS=${2:-3}
COUNTS=${3:-"10000 100000"}
DATA=${BENCH_DATA:-/tmp/rounds-bench-data}
BEFORE=${BEFORE:+$(cd "$BEFORE" && pwd)}

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${BENCH_IN_DBUS:-}" ]; then
  BENCH_IN_DBUS=1 exec dbus-run-session -- "$0" "$@" 2> >(grep -v dbus-daemon >&2)
fi

for n in $COUNTS; do
  if [ ! -f "$DATA/inbox-$n/rounds.db" ]; then
    mkdir -p "$DATA/inbox-$n"
    ROUNDS_BENCH_COMMENTS=$n "$BUILD/bench/rounds-generate" "$DATA/inbox-$n" 1000 5 >&2 || exit 1
  fi
done

. "$(dirname "$0")/bench-x.sh"
export GSK_RENDERER=cairo

# run NAME BIN DATA_DIR: one start, then the Inbox; one result line.
run() {
  local name=$1 bin=$2 dir=$3 home pid win main0 proc0
  home=$(mktemp -d); mkdir -p "$home/run"; chmod 700 "$home/run"
  # The last place is the Calendar, so that the Inbox is first shown by Alt+4.
  mkdir -p "$home/config"
  XDG_CONFIG_HOME=$home/config XDG_STATE_HOME=$home/state XDG_CACHE_HOME=$home/cache \
  XDG_RUNTIME_DIR=$home/run XDG_DATA_HOME=$home/data ROUNDS_DATA_DIR=$dir \
    "$bin" >/dev/null 2>&1 &
  pid=$!
  win=
  while [ -z "$win" ] && kill -0 $pid 2>/dev/null; do
    win=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1)
    [ -z "$win" ] && sleep 0.01
  done
  idle $pid
  xdotool key --window "$win" alt+2; sleep 0.2; idle $pid
  local rss0=$(( $(kb $pid VmRSS) / 1024 ))
  main0=$(cpu_of_stat /proc/$pid/task/$pid/stat); proc0=$(cpu_of $pid)
  xdotool key --window "$win" alt+4; sleep 0.2; idle $pid
  echo "$name start_rss_mb=$rss0 inbox_main_cpu_ms=$(( $(cpu_of_stat /proc/$pid/task/$pid/stat) - main0 )) inbox_cpu_ms=$(( $(cpu_of $pid) - proc0 )) inbox_rss_mb=$(( $(kb $pid VmRSS) / 1024 ))"
  kill $pid; wait $pid 2>/dev/null
  rm -rf "$home"
}

# Warm-up (caches; the first start of a practice takes its backup).
for n in $COUNTS; do run warmup "$BUILD/src/rounds" "$DATA/inbox-$n" >/dev/null; done

results=$(mktemp)
for rep in $(seq "$REPS"); do
  for n in $COUNTS; do
    for which in after ${BEFORE:+before}; do
      bin=$BUILD/src/rounds
      [ "$which" = before ] && bin=$BEFORE/src/rounds
      run "$which-$n" "$bin" "$DATA/inbox-$n" | tee -a "$results" >&2
    done
  done
done

python3 - "$results" <<'EOF'
import sys, statistics, collections
rows = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    name, *kv = line.split()
    for item in kv:
        k, v = item.split('=')
        rows[name][k].append(float(v))
keys = ['start_rss_mb', 'inbox_main_cpu_ms', 'inbox_cpu_ms', 'inbox_rss_mb']
print('| case | ' + ' | '.join(keys) + ' |')
print('|---|' + '---|' * len(keys))
for name in sorted(rows):
    print('| %s | ' % name + ' | '.join('%.0f' % statistics.median(rows[name][k]) for k in keys) + ' |')
EOF
rm -f "$results"
