#!/usr/bin/env bash
# Benchmark (not a timed test): wall time of README command 1's synth and of the whole test
# suite, min and median of SYNTH_RUNS and TEST_RUNS runs (default 7 and 3), after one warm-up of
# each; then each package's time from the last test run. It prints the figures and writes them
# into README.md's Performance table (between the bench markers), so the README shows the last
# measurement rather than figures typed by hand. BENCH_README=0 leaves README.md alone.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
if [ "${BENCH_README:-1}" != 0 ] && { ! grep -qx '<!-- bench:start -->' README.md || ! grep -qx '<!-- bench:end -->' README.md; }; then
  die "README.md lacks the <!-- bench:start --> and <!-- bench:end --> lines the table goes between"
fi
synth_runs=${SYNTH_RUNS:-7}
test_runs=${TEST_RUNS:-3}
last=$(mktemp)
trap 'rm -f "$last"' EXIT

failed() { # name: show the end of the failed run's output, then stop
  tail -n 30 "$last" >&2
  die "$1 failed (its output's end is above)"
}

measure() { # name runs command... ; prints "min median"; keeps the last run's output in $last
  local name=$1 runs=$2; shift 2
  "$@" >"$last" 2>&1 || failed "$name"
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >"$last" 2>&1 || failed "$name"
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '
    { v[NR] = $1 }
    END { med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%.2f %.2f\n", v[1], med }'
}

machine="$(nproc) cores, node $(node --version), $(go version | cut -d' ' -f3)"
echo "$machine"
read -r synth_min synth_med < <(measure synth "$synth_runs" bash scripts/synth.sh)
echo "synth (make synth, cdk-nag on)   min ${synth_min} s   median ${synth_med} s   ($synth_runs runs)"
# A synth after a change: every run alternates a setting that changes the VoD template, so the
# VoD template is validated again each time (the live one is not).
flip=$(mktemp -u)
changed_synth() {
  if [ -e "$flip" ]; then rm -f "$flip"; bash scripts/synth.sh; else : >"$flip"; bash scripts/synth.sh -c vod:priceClass=All; fi
}
read -r changed_min changed_med < <(measure synth-changed "$synth_runs" changed_synth)
rm -f "$flip"
bash scripts/synth.sh >/dev/null 2>&1 || failed synth
echo "synth after a change (VoD)       min ${changed_min} s   median ${changed_med} s   ($synth_runs runs)"
# The check of the table this script writes is left out of the runs (it would fail on a table
# that is about to be rewritten); it takes milliseconds.
read -r test_min test_med < <(measure test "$test_runs" bash scripts/test.sh -skip TestReadmePerformanceIsMeasured)
echo "test suite (make test)           min ${test_min} s   median ${test_med} s   ($test_runs runs)"
# Each package's time in the last run ("ok  <package>  12.3s"), slowest first.
packages=$(awk '$1 == "ok" && $3 ~ /s$/ { sub(/^github.com\/streamcdk\/streamcdk/, ".", $2); sub(/s$/, "", $3); print $3, $2 }' "$last" | sort -rn)
echo "$packages" | awk '{ printf "  %-40s %6.1f s\n", $2, $1 }'

[ "${BENCH_README:-1}" = 0 ] && exit 0
over() { # median target: "" or ": over"
  awk -v m="$1" -v t="$2" 'BEGIN { if (m > t) print ": over" }'
}
table=$(mktemp)
trap 'rm -f "$last" "$table"' EXIT
{
  echo "| what ($(date -u +%F), $machine, \`make bench\`) | min | median | target |"
  echo "|---|---|---|---|"
  echo "| \`make synth\` again: both stacks, cdk-nag, the review summaries, the CDK's CloudFormation validation on (a template that passed unchanged is not validated again) (runs: $synth_runs) | ${synth_min} s | ${synth_med} s | <= 4 s$(over "$synth_med" 4) |"
  echo "| \`make test\`: gofmt, vet, every package (runs: $test_runs) | ${test_min} s | ${test_med} s | <= 60 s$(over "$test_med" 60) |"
  echo "| \`make synth\` after a change to the VoD stack (its template validated) (runs: $synth_runs) | ${changed_min} s | ${changed_med} s | |"
  echo "$packages" | awk '{ printf "| package `%s` (last run, packages side by side) | | %.1f s | |\n", $2, $1 }'
} >"$table"
awk -v table="$table" '
  /<!-- bench:end -->/ { while ((getline l < table) > 0) print l; skip = 0 }
  !skip { print }
  /<!-- bench:start -->/ { skip = 1 }' README.md >README.md.new && mv README.md.new README.md
echo "README.md: Performance table updated"
