#!/bin/bash
# bench/start.sh — Rounds against GNOME Text Editor: time to the first
# visible window, CPU time and memory, interleaved under one Xvfb.
#
#   bench/start.sh [BUILD_DIR] [REPS] [COUNTS] [RENDERERS]
#     BUILD_DIR  default: build
#     REPS       repetitions of each case (default 5)
#     COUNTS     posts in the practice, e.g. "0 1000 10000 100000" (default)
#     RENDERERS  GSK renderers, e.g. "cairo gl" (default "cairo")
#
# Each repetition starts Rounds on every practice size and the Text
# Editor (with a new, empty profile) in turn, so that both see the same
# load. For each start it prints:
#   window_ms  from exec to the first visible (mapped) X window of the pid
#   win_cpu_ms its CPU time (user + system, all threads) at that moment
#   libs       shared libraries it had mapped then (/proc/PID/maps)
#   ready_ms   until the process has used no CPU for 300 ms (loaded, idle)
#   cpu_ms     user + system CPU time of the process at that point
#   rss_mb     its resident memory then; hwm_mb the peak (VmHWM)
# and for Rounds with a practice also the memory after Alt+2 (Calendar)
# and Alt+3 (Posts), each once idle again. The summary is the median.
#
# "0" is an empty data folder (the welcome page). The practices come
# from build/bench/rounds-generate and are generated once into
# $BENCH_DATA (default /tmp/rounds-bench-data); the first start of each
# takes its daily backup and is not counted.
#
# With START_PLACE=calendar (or another place), each start of Rounds
# opens its practice there (keyfile settings, last-place), so that Alt+3
# is the first switch to Posts: what a page drawn while hidden costs.
#
# With BEFORE=OTHER_BUILD_DIR (a build of an earlier commit), that
# build's Rounds is started too, in the same rounds ("before-…" lines),
# so that a change is measured against the same load.
#
# The memory budget (issue 17): with the cairo renderer every RSS figure
# of Rounds (at start, after Calendar, after Posts) and its peak (VmHWM,
# at start and at the end) is at most BUDGET_CAIRO_MB (default 120); with
# GL at most the Text Editor's RSS with GL in the same run. The last column of the summary says, for each
# case, "within" or by how many MB the largest figure is over.
#
# Needs: Xvfb, xdotool, dbus-run-session, gnome-text-editor (Debian;
# only for this benchmark, not in build-aux/packages.txt).
set -u
BUILD=${1:-build}
REPS=${2:-5}
COUNTS=${3:-"0 1000 10000 100000"}
RENDERERS=${4:-cairo}
DATA=${BENCH_DATA:-/tmp/rounds-bench-data}
TE=$(command -v gnome-text-editor || true)
BUILD=$(cd "$BUILD" && pwd)
BEFORE=${BEFORE:+$(cd "$BEFORE" && pwd)}
[ -n "$TE" ] || echo "gnome-text-editor is not installed: Rounds alone (apt-get install gnome-text-editor)" >&2

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${BENCH_IN_DBUS:-}" ]; then
  BENCH_IN_DBUS=1 exec dbus-run-session -- "$0" "$@" 2> >(grep -v dbus-daemon >&2)
fi

mkdir -p "$DATA"
for n in $COUNTS; do
  [ "$n" = 0 ] && continue
  if [ ! -f "$DATA/$n/rounds.db" ]; then
    mkdir -p "$DATA/$n"
    "$BUILD/bench/rounds-generate" "$DATA/$n" "$n" 5 >&2 || exit 1
  fi
done

. "$(dirname "$0")/bench-x.sh"

# run NAME CMD… : one start; prints one result line.
run() {
  local name=$1; shift
  local home t0 pid t1 t2 win
  home=$(mktemp -d)
  mkdir -p "$home/run"; chmod 700 "$home/run"
  local backend=memory
  if [ -n "${START_PLACE:-}" ]; then
    backend=keyfile
    mkdir -p "$home/config/glib-2.0/settings"
    printf "[io/github/roundsapp/Rounds]\nlast-place='%s'\n" "$START_PLACE" \
      > "$home/config/glib-2.0/settings/keyfile"
  fi
  t0=$(now_ms)
  XDG_CONFIG_HOME=$home/config XDG_STATE_HOME=$home/state XDG_CACHE_HOME=$home/cache \
  XDG_RUNTIME_DIR=$home/run XDG_DATA_HOME=${XDG_DATA_HOME_OVERRIDE:-$home/data} \
  GSETTINGS_BACKEND=$backend "$@" >/dev/null 2>&1 &
  pid=$!
  win=
  while [ -z "$win" ] && kill -0 $pid 2>/dev/null; do
    win=$(xdotool search --onlyvisible --pid $pid 2>/dev/null | head -1)
    [ -z "$win" ] && sleep 0.01
  done
  t1=$(now_ms)
  local win_cpu libs
  win_cpu=$(cpu_of $pid)
  libs=$(awk '$6 ~ /\.so/ { print $6 }' /proc/$pid/maps 2>/dev/null | sort -u | wc -l)
  idle $pid
  t2=$(now_ms)
  local line="$name window_ms=$((t1 - t0)) win_cpu_ms=$win_cpu libs=$libs ready_ms=$((t2 - t0)) cpu_ms=$(cpu_of $pid) rss_mb=$(( $(kb $pid VmRSS) / 1024 )) hwm_mb=$(( $(kb $pid VmHWM) / 1024 ))"
  if [ -n "${PLACES:-}" ]; then
    for key in 2 3; do
      xdotool key --window "$win" alt+$key; sleep 0.2; idle $pid
      line="$line alt$key""_rss_mb=$(( $(kb $pid VmRSS) / 1024 ))"
    done
    line="$line hwm_end_mb=$(( $(kb $pid VmHWM) / 1024 )) cpu_end_ms=$(cpu_of $pid)"
  fi
  kill $pid; wait $pid 2>/dev/null
  rm -rf "$home"
  echo "$line"
}


# Warm-up: the caches, and each practice's first start takes its backup.
for n in $COUNTS; do
  [ "$n" = 0 ] && continue
  GSK_RENDERER=cairo run warmup env ROUNDS_DATA_DIR="$DATA/$n" "$BUILD/src/rounds" >/dev/null
done
if [ -n "$BEFORE" ]; then
  for n in $COUNTS; do
    [ "$n" = 0 ] && continue
    GSK_RENDERER=cairo run warmup env ROUNDS_DATA_DIR="$DATA/$n" "$BEFORE/src/rounds" >/dev/null
  done
fi
[ -n "$TE" ] && GSK_RENDERER=cairo run warmup "$TE" --standalone >/dev/null

RESULTS=$(mktemp)
echo "# $(date -u +%FT%TZ) $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for r in $(seq "$REPS"); do
  for renderer in $RENDERERS; do
    for n in $COUNTS; do
      for which in rounds ${BEFORE:+before}; do
        bin=$BUILD/src/rounds
        [ "$which" = before ] && bin=$BEFORE/src/rounds
        if [ "$n" = 0 ]; then
          empty=$(mktemp -d)
          GSK_RENDERER=$renderer run "$which-$renderer-empty" env ROUNDS_DATA_DIR="$empty" \
            "$bin" | tee -a "$RESULTS" >&2
          rm -rf "$empty"
        else
          GSK_RENDERER=$renderer PLACES=1 run "$which-$renderer-$n" env ROUNDS_DATA_DIR="$DATA/$n" \
            "$bin" | tee -a "$RESULTS" >&2
        fi
      done
      [ -n "$TE" ] && GSK_RENDERER=$renderer run "text-editor-$renderer" "$TE" --standalone |
        tee -a "$RESULTS" >&2
    done
  done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Medians per case and field, and the ratio to the Text Editor.
BUDGET_CAIRO_MB=${BUDGET_CAIRO_MB:-120} python3 - "$RESULTS" <<'PY'
import os, sys, statistics, collections
rows = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    name, *fields = line.split()
    for f in fields:
        k, v = f.split('=')
        rows[name][k].append(float(v))
keys = ['window_ms', 'win_cpu_ms', 'libs', 'ready_ms', 'cpu_ms', 'rss_mb', 'hwm_mb', 'alt2_rss_mb', 'alt3_rss_mb', 'hwm_end_mb']
budget_cairo = float(os.environ['BUDGET_CAIRO_MB'])
print('| case | n | ' + ' | '.join(keys) + ' | window ratio to Text Editor | memory budget |')
print('|---|---|' + '---|' * (len(keys) + 2))
for name in sorted(rows):
    r = rows[name]
    cells = [('%.0f' % statistics.median(r[k])) if r.get(k) else '' for k in keys]
    renderer = name.split('-')[2] if name.startswith('text-editor') else name.split('-')[1]
    te = rows.get('text-editor-' + renderer, {}).get('window_ms')
    ratio = '%.2f×' % (statistics.median(r['window_ms']) / statistics.median(te)) if te and not name.startswith('text') else ''
    # the budget: cairo a fixed figure, GL the Text Editor's RSS with GL
    budget = ''
    if not name.startswith('text'):
        limit = budget_cairo if renderer == 'cairo' else None
        te_rss = rows.get('text-editor-' + renderer, {}).get('rss_mb')
        if limit is None and te_rss:
            limit = statistics.median(te_rss)
        worst = max(statistics.median(r[k]) for k in ('rss_mb', 'hwm_mb', 'alt2_rss_mb', 'alt3_rss_mb', 'hwm_end_mb') if r.get(k))
        if limit is not None:
            budget = ('within %.0f MB' % limit if worst <= limit
                      else 'over %.0f MB by %.0f MB' % (limit, worst - limit))
    print('| %s | %d | %s | %s | %s |' % (name, len(r['window_ms']), ' | '.join(cells), ratio, budget))
PY
rm -f "$RESULTS"
