#!/usr/bin/env bash
# Benchmark (not a timed test): wall time of README command 1's synth and of the whole test
# suite, min and median of RUNS runs each (default 7 and 3), after one warm-up of each.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
synth_runs=${SYNTH_RUNS:-7}
test_runs=${TEST_RUNS:-3}

measure() { # name runs command...
  local name=$1 runs=$2; shift 2
  "$@" >/dev/null 2>&1 || die "$name failed; run it alone to see why"
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || die "$name failed; run it alone to see why"
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v runs="$runs" '
    { v[NR] = $1 }
    END { med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%-34s min %6.2f s   median %6.2f s   (%d runs)\n", name, v[1], med, runs }'
}

echo "node $(node --version), $(go version | cut -d' ' -f3), $(nproc) cores"
measure "synth (make synth, cdk-nag on)" "$synth_runs" bash scripts/synth.sh
measure "test suite (make test)" "$test_runs" bash scripts/test.sh
