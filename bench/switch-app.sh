#!/bin/bash
# bench/switch-app.sh — the first switch to each place in the app itself:
# the main thread's CPU (10 ms ticks) from Alt+N until the process is
# idle (no CPU for 300 ms), the app opened on Posts with a practice.
#
#   bench/switch-app.sh [BUILD_DIR] [RENDERER] [KEYS] [N_POSTS]
#     KEYS  the Alt+N pressed in turn (default "1 2 4 5 1 2 4 5": Plan,
#           Calendar, Inbox, Insights, then each again)
#
# The practice is $BENCH_DATA/N_POSTS (default /tmp/rounds-bench-data,
# made by build/bench/rounds-generate as start.sh does). PERF=1 records
# each switch with `perf record --call-graph dwarf` on the main thread
# into switch-perf-N.data. Prints one line: alt1=… alt2=… (ms), then
# the RSS and its peak (VmHWM) at the end, in MB.
set -u
BUILD=$(cd "${1:-build}" && pwd); R=${2:-cairo}; KEYS=${3:-"1 2 4 5 1 2 4 5"}; N=${4:-10000}
DATA=${BENCH_DATA:-/tmp/rounds-bench-data}/$N
if [ ! -f "$DATA/rounds.db" ]; then
  mkdir -p "$DATA" && "$BUILD/bench/rounds-generate" "$DATA" "$N" 5 >&2 || exit 1
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${BENCH_IN_DBUS:-}" ]; then
  BENCH_IN_DBUS=1 exec dbus-run-session -- "$0" "$@" 2> >(grep -v dbus-daemon >&2)
fi
. "$(dirname "$0")/bench-x.sh"
home=$(mktemp -d); mkdir -p "$home/run" "$home/config/glib-2.0/settings"; chmod 700 "$home/run"
printf "[io/github/roundsapp/Rounds]\nlast-place='posts'\n" > "$home/config/glib-2.0/settings/keyfile"
XDG_CONFIG_HOME=$home/config XDG_STATE_HOME=$home/state XDG_CACHE_HOME=$home/cache \
XDG_RUNTIME_DIR=$home/run XDG_DATA_HOME=$home/data GSETTINGS_BACKEND=keyfile \
GSK_RENDERER=$R ROUNDS_DATA_DIR=$DATA "$BUILD/src/rounds" >/dev/null 2>&1 &
pid=$!
win=
while [ -z "$win" ] && kill -0 $pid 2>/dev/null; do
  win=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1); sleep 0.05
done
idle $pid; sleep 0.5; idle $pid
out=""
for k in $KEYS; do
  c0=$(cpu_of_stat /proc/$pid/task/$pid/stat)
  if [ "${PERF:-0}" = 1 ]; then
    perf record -F 1000 --call-graph dwarf,16384 -t $pid -o switch-perf-$k.data >/dev/null 2>&1 &
    pp=$!; sleep 0.3
  fi
  xdotool key --window "$win" alt+$k; sleep 0.2; idle $pid
  if [ "${PERF:-0}" = 1 ]; then kill -INT $pp; wait $pp; fi
  out="$out alt$k=$(( $(cpu_of_stat /proc/$pid/task/$pid/stat) - c0 ))"
done
out="$out rss_mb=$(( $(kb $pid VmRSS) / 1024 )) hwm_mb=$(( $(kb $pid VmHWM) / 1024 ))"
kill $pid; wait $pid 2>/dev/null; rm -rf "$home"
echo "$R$out"
