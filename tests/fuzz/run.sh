#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time, one after the other (see README.md).
#   bash tests/fuzz/run.sh [build-dir] [total-seconds]     (defaults: build-fuzz 60)
# The committed corpus (tests/fuzz/corpus/<target>/) is only read: new inputs go to a temporary
# directory given as the first corpus argument, removed afterwards. A crashing input is kept as
# <build-dir>/fuzz-artifacts/<target>/crash-<sha1> and its path printed. Ends with one line:
# "fuzz: N passed, N failed" (one test per target; a target passes when it exits 0).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build-fuzz}"
total="${2:-60}"
targets=(condition key_condition update projection engine storage sequence)
per=$((total / ${#targets[@]}))
[ "$per" -ge 1 ] || per=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
for target in "${targets[@]}"; do
  bin="$build/tests/fuzz/fuzz_$target"
  artifacts="$build/fuzz-artifacts/$target"
  mkdir -p "$work/$target" "$artifacts"
  log="$work/$target.log"
  dict=()
  [ -f "$here/$target.dict" ] && dict=(-dict="$here/$target.dict")
  # Each fuzz_sequence input reaches tens of thousands of features: libFuzzer's entropic
  # schedule, which updates a count per feature on every run, then doubles its time per run.
  extra=()
  [ "$target" = sequence ] && extra=(-entropic=0)
  if [ ! -x "$bin" ]; then
    echo "fuzz_$target: FAILED (no binary at $bin)"
    failed=$((failed + 1))
    continue
  fi
  "$bin" -max_total_time="$per" -timeout=5 -rss_limit_mb=2048 -max_len=4096 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" "${extra[@]}" \
    "$work/$target" "$here/corpus/$target" >"$log" 2>&1
  rc=$?
  runs=$(grep -E "^stat::number_of_executed_units:" "$log" | awk '{print $2}')
  if [ "$rc" -eq 0 ]; then
    echo "fuzz_$target: passed, ${runs:-?} executions in ${per}s"
    passed=$((passed + 1))
  else
    echo "fuzz_$target: FAILED (exit $rc) after ${runs:-?} executions"
    grep -E "ERROR: |runtime error: |fuzz invariant violated|^SUMMARY: " "$log" | head -5
    grep -E "^    #[0-9]+ " "$log" | grep -vE "fuzzer::|__sanitizer|libc|raise|abort|_start|pthread_kill" |
      head -12
    input=$(grep -oE "(Test unit|test unit) written to [^ ]+" "$log" | tail -1 | awk '{print $NF}')
    echo "fuzz_$target: crashing input: ${input:-<none written; full log below>}"
    [ -z "$input" ] && tail -40 "$log"
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
