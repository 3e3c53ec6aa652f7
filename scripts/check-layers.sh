#!/usr/bin/env bash
# The core's layers only point down (docs/ARCHITECTURE.md): model at the bottom, then expr and
# store (which do not include each other), then storage, then api. Fails, naming the file and the
# include, when a folder of core/ includes one it may not. One check per folder; the last line
# is "layers: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

declare -A allowed=(
  [model]="model"
  [expr]="expr model"
  [store]="store model"
  [storage]="storage store model"
  [api]="api storage store expr model"
)
passed=0
failed=0
for folder in model expr store storage api; do
  bad=$(grep -rnoE '#include "(model|expr|store|storage|api)/' "core/$folder" | while IFS=: read -r file line include; do
    target=$(sed -E 's/#include "([a-z]+)\//\1/' <<<"$include")
    [[ " ${allowed[$folder]} " == *" $target "* ]] || echo "  $file:$line includes $target/ (core/$folder may include: ${allowed[$folder]})"
  done)
  if [ -n "$bad" ]; then
    echo "core/$folder includes a folder above it:"
    echo "$bad"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
