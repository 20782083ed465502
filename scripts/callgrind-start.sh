#!/bin/bash
# Counts the instructions of one start of node (a one-shot siptool run, or `-e 0`) under
# callgrind, the same build to about 0.01% (docs/startup.md): the smallest of RUNS runs, with
# `--random-seed=1` (the only V8 flag that keeps siptool's code caches valid) and without V8's
# random hash-seed prime search (detail::sprp, up to 4M instructions that vary between runs).
# Runs without NODE_EXTRA_CA_CERTS, as the start-up benchmarks do.
#   scripts/callgrind-start.sh 3 -e 0
#   scripts/callgrind-start.sh 3 bin/siptool.cjs number normalize --country US 2293160013
# Needs valgrind (callgrind_annotate) and setarch.
set -euo pipefail
runs=$1
shift
best=
for _ in $(seq "$runs"); do
  out=$(mktemp)
  env -u NODE_EXTRA_CA_CERTS setarch -R valgrind --tool=callgrind --callgrind-out-file="$out" "$(command -v node)" --random-seed=1 "$@" >/dev/null 2>&1 || true
  n=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/{gsub(",","",$1);t=$1} /detail::sprp/{gsub(",","",$1);s+=$1} END{print t-s}')
  rm -f "$out"
  if [ -z "$best" ] || [ "$n" -lt "$best" ]; then best=$n; fi
done
echo "$((best / 1000))K instructions: node --random-seed=1 $*"
