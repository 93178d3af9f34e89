#!/usr/bin/env python3
# CPU time of two or more `rounds-check` binaries on the same JSON lines,
# run after run in turn (A, B, A, B, …) and pinned to one core, so that
# a change in the machine's load falls on both alike. Prints each
# binary's best (least) CPU time, user + system, over the runs.
#
#   bench/compliance-cpu-ab.py CORPUS.jsonl PROFILE.json RUNS EXE [EXE…]
#
# CORPUS is what rounds-check reads (bench-compliance-cli.sh builds the
# public corpus x330 with only the checker's fields); TASKSET (default
# "taskset -c 1") sets the pinning.
import os
import resource
import subprocess
import sys

corpus, profile, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
exes = sys.argv[4:]
taskset = os.environ.get('TASKSET', 'taskset -c 1').split()
size = os.path.getsize(corpus)
best = {e: None for e in exes}
for run in range(runs):
    for e in exes:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(corpus, 'rb') as i, open(os.devnull, 'wb') as o:
            subprocess.run(taskset + [e, '--jsonl', '--profile', profile], stdin=i, stdout=o)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best[e] = cpu if best[e] is None else min(best[e], cpu)
for e in exes:
    print('%s: %.3f CPU s = %.1f MB per CPU second (best of %d, in turn)'
          % (e, best[e], size / 1e6 / best[e], runs))
