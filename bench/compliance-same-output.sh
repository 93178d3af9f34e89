#!/bin/sh
# Checks that a speed change leaves what `rounds-check --jsonl` finds
# byte for byte as it was.
#
#   bench/compliance-same-output.sh BUILD_DIR save  DIR   # before the change
#   bench/compliance-same-output.sh BUILD_DIR check DIR   # after: exit 1 on any difference
#
# Runs every corpus of tests/data/compliance (cases-NAME.jsonl with
# profile-NAME.json, cases.jsonl with profile.json) and the shared public
# corpus (if present), plus the public corpus repeated 20 times (the thread
# pool and the reader's buffering see many lines) and 20,000 random texts
# (bench/compliance-random-texts.py: shapes the corpora lack). DIR keeps
# one output per corpus. The shared corpus is looked for in
# $ROUNDS_SHARED_DIR (as the tests set it) or beside the repository (a
# worktree under /work/wt has none beside it). Under `taskset -c 0` it
# checks the one-CPU path (no threads).
set -eu
build=$1
mode=$2
dir=$3
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../tests/data/compliance
shared=${ROUNDS_SHARED_DIR:-$here/../../shared}/compliance-corpus
exe=$build/src/rounds-check
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_one ()  # NAME CORPUS PROFILE
{
  out=$tmp/$1.out
  "$exe" --jsonl --profile "$3" < "$2" > "$out" || true
  if [ "$mode" = save ]; then
    cp "$out" "$dir/$1.out"
  elif ! cmp -s "$out" "$dir/$1.out"; then
    echo "DIFFERENT: $1"
    diff "$dir/$1.out" "$out" | head -6
    failed=1
  fi
  n=$((n + 1))
}

failed=0
n=0
for corpus in "$data"/cases-*.jsonl; do
  name=$(basename "$corpus" .jsonl)
  name=${name#cases-}
  profile=$data/profile-$name.json
  [ -f "$profile" ] || profile=$data/profile.json
  run_one "$name" "$corpus" "$profile"
done
run_one own "$data/cases.jsonl" "$data/profile.json"
if [ -f "$shared/public.jsonl" ]; then
  run_one public "$shared/public.jsonl" "$shared/profile.json"
  i=0
  while [ $i -lt 20 ]; do cat "$shared/public.jsonl"; i=$((i + 1)); done > "$tmp/public20.jsonl"
  run_one public20 "$tmp/public20.jsonl" "$shared/profile.json"
fi
# random texts (bench/compliance-random-texts.py), with the own profile
python3 "$here/compliance-random-texts.py" 2 20000 > "$tmp/random.jsonl"
run_one random "$tmp/random.jsonl" "$data/profile.json"
if [ "$mode" = save ]; then
  echo "saved $n outputs in $dir"
elif [ $failed = 0 ]; then
  echo "same output on all $n corpora"
else
  exit 1
fi
