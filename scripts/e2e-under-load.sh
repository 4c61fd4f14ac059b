#!/usr/bin/env bash
# Hunts races in the end-to-end suite: runs the e2e project RUNS times (default 5) while
# stress-ng keeps both cores busy, with the page's CPU slowed through the DevTools protocol
# (DESK_HARNESS_CPU_THROTTLE, default 2). Stops at the first red run and keeps its log.
# Usage: npm run test:e2e:load [-- RUNS]      (stress-ng: apt-get install -y stress-ng)
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export DESK_HARNESS_CPU_THROTTLE=${DESK_HARNESS_CPU_THROTTLE:-2}
if ! command -v stress-ng >/dev/null; then
  echo "e2e-under-load: stress-ng is missing (apt-get install -y stress-ng)" >&2
  exit 2
fi
stress-ng --cpu 2 --timeout 4h --quiet &
stress=$!
trap 'kill "$stress" 2>/dev/null; wait "$stress" 2>/dev/null' EXIT
passed=0
for run in $(seq 1 "$runs"); do
  log=$(mktemp --suffix ".e2e-load-$run.log")
  started=$(date +%s)
  if npx vitest run --project e2e >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $run: passed in $(($(date +%s) - started)) s"
    rm -f "$log"
  else
    echo "run $run: FAILED after $(($(date +%s) - started)) s; log kept at $log"
    grep -E 'FAIL|AssertionError|Error:' "$log" | head -20
    break
  fi
done
echo "e2e under load: $passed of $runs runs passed (stress-ng --cpu 2, page CPU throttle ${DESK_HARNESS_CPU_THROTTLE}x)"
[ "$passed" -eq "$runs" ]
