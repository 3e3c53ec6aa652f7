#!/usr/bin/env bash
# Builds everything and runs every test: the check that core's layers only point down
# (scripts/check-layers.sh), Catch2 natively and under ASan+UBSan (ctest), the fuzz
# targets for 60 s (tests/fuzz/run.sh), then the Node tests (node's test runner; tests/consumers
# builds the packed package with each bundler and type-checks it with tsc). Ends with one
# line: "total: N passed, N failed". Every runner's exit status counts: a runner that exits
# non-zero with no failure counted adds one failure, so nothing ends green that its runner did not.
# Node tests that were cancelled (a timeout, a subtest left running), skipped or todo count as
# failed: a test that did not run to the end did not pass.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh || exit 1
bash scripts/build.sh || exit 1

passed=0
failed=0
logs=$(mktemp -d)

count_ctest() {  # adds the counts from a ctest log ($1) and honours ctest's exit status ($2)
  local line total bad
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$1" | tail -1)
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  bad=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  passed=$((passed + total - bad))
  failed=$((failed + bad))
  exit_without_failures "ctest" "$2" "$bad"
}

exit_without_failures() {  # a runner ($1) that exited non-zero ($2) yet counted no failure ($3)
  if [ "$2" -ne 0 ] && [ "$3" -eq 0 ]; then
    echo "$1 exited with status $2 but counted no failure: counted as one failure"
    failed=$((failed + 1))
  fi
}

echo "== layers of core/ (each folder includes only those below it)"
bash scripts/check-layers.sh 2>&1 | tee "$logs/layers.log"
layers_rc=${PIPESTATUS[0]}
line=$(grep -E "^layers: [0-9]+ passed, [0-9]+ failed$" "$logs/layers.log" | tail -1)
if [ -z "$line" ]; then failed=$((failed + 1)); else
  passed=$((passed + $(awk '{print $2}' <<<"$line")))
  failed=$((failed + $(awk '{print $4}' <<<"$line")))
  exit_without_failures "scripts/check-layers.sh" "$layers_rc" "$(awk '{print $4}' <<<"$line")"
fi

echo "== core tests (native)"
ctest --test-dir build --output-on-failure -j2 2>&1 | tee "$logs/native.log" | tail -3
count_ctest "$logs/native.log" "${PIPESTATUS[0]}"

if [ -d build-asan ] && [ "${PD_SKIP_ASAN:-0}" != 1 ]; then
  echo "== core tests (ASan+UBSan)"
  ctest --test-dir build-asan --output-on-failure -j2 2>&1 | tee "$logs/asan.log" | tail -3
  count_ctest "$logs/asan.log" "${PIPESTATUS[0]}"
fi

if [ -d build-fuzz ] && [ "${PD_SKIP_FUZZ:-0}" != 1 ]; then  # each fuzz target counts as one test
  echo "== fuzzers (60 s in total)"
  bash tests/fuzz/run.sh build-fuzz 60 2>&1 | tee "$logs/fuzz.log"
  fuzz_rc=${PIPESTATUS[0]}
  line=$(grep -E "^fuzz: [0-9]+ passed, [0-9]+ failed$" "$logs/fuzz.log" | tail -1)
  if [ -z "$line" ]; then failed=$((failed + 1)); else
    passed=$((passed + $(awk '{print $2}' <<<"$line")))
    failed=$((failed + $(awk '{print $4}' <<<"$line")))
    exit_without_failures "tests/fuzz/run.sh" "$fuzz_rc" "$(awk '{print $4}' <<<"$line")"
  fi
fi

echo "== Node tests"
node --test --test-reporter=tap $(ls -d tests/wasm/ tests/web/ tests/http/ tests/sync/ tests/browser/ tests/consumers/ 2>/dev/null) > "$logs/node.log" 2>&1
node_rc=$?
grep -E "^not ok|^# (tests|pass|fail|cancelled|skipped|todo) " "$logs/node.log" || true
node_count() { grep -E "^# $1 [0-9]+$" "$logs/node.log" | tail -1 | awk '{print $3}'; }
node_pass=$(node_count pass)
if [ -z "$node_pass" ]; then
  cat "$logs/node.log"
  failed=$((failed + 1))
else
  node_bad=0
  for kind in fail cancelled skipped todo; do  # all of them are tests that did not pass
    n=$(node_count "$kind")
    node_bad=$((node_bad + ${n:-0}))
  done
  passed=$((passed + node_pass))
  failed=$((failed + node_bad))
  exit_without_failures "node --test" "$node_rc" "$node_bad"
fi
if grep -qE "^ *ok .* # (SKIP|TODO)" "$logs/node.log"; then
  echo "skipped or todo Node tests (counted as failed):"
  grep -E "^ *ok .* # (SKIP|TODO)" "$logs/node.log"
fi
if grep -q "^not ok" "$logs/node.log"; then
  grep -A30 "^not ok" "$logs/node.log" | head -120
fi

echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
