# bench-x.sh — sourced by the benchmarks that start Rounds (start.sh,
# inbox.sh): one private Xvfb for the whole run, and readings of a
# process from /proc. Needs BUILD set (the build folder).

# One X server for every run, stopped when the script exits.
for d in $(seq 90 120); do [ -e /tmp/.X11-unix/X$d ] || { DISP=:$d; break; }; done
Xvfb "$DISP" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null' EXIT
for i in $(seq 100); do xdpyinfo -display "$DISP" >/dev/null 2>&1 && break; sleep 0.05; done
export DISPLAY=$DISP GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
export GSETTINGS_SCHEMA_DIR="$BUILD/data"

ticks=$(getconf CLK_TCK)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# CPU time in ms of a stat file: /proc/PID/stat (the process) or
# /proc/PID/task/TID/stat (one thread).
cpu_of_stat() { awk -v t="$ticks" '{ print int(($14 + $15) * 1000 / t) }' "$1" 2>/dev/null || echo 0; }
cpu_of() { cpu_of_stat /proc/$1/stat; }
# kb PID FIELD: a /proc/PID/status field in kB (VmRSS, VmHWM).
kb() { awk -v k="$2" '$1 == k":" { v = $2 } END { print v + 0 }' /proc/$1/status 2>/dev/null || echo 0; }
# Waits until pid $1 used no CPU for 300 ms (or 60 s passed).
idle() {
  local last cur same=0 end=$(( $(now_ms) + 60000 ))
  last=$(cpu_of $1)
  while [ $(now_ms) -lt $end ]; do
    sleep 0.1
    kill -0 $1 2>/dev/null || return
    cur=$(cpu_of $1)
    if [ "$cur" = "$last" ]; then same=$((same + 1)); [ $same -ge 3 ] && return; else same=0; fi
    last=$cur
  done
}
