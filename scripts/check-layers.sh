#!/usr/bin/env bash
# The core's layers only point down (docs/ARCHITECTURE.md): model at the bottom, then expr and
# store (which do not include each other), then storage, then api. Inside api the rooms point
# down too: wire, then legacy, then items, then the rooms built on items (reads, batch,
# transactions) and those built on wire alone (control, streams); engine.cpp, the front door,
# sits above them all. partiql stands in front of the engine and reaches it only through
# requests (api/response.h): it reads wire JSON and nothing else of the engine. Fails, naming the file and the include, when a folder includes one it may
# not. One check per folder; the last line is "layers: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

declare -A allowed=(
  [model]="model"
  [expr]="expr model"
  [store]="store model"
  [storage]="storage store model"
  [api]="api storage store expr model"
)
# Inside api, each room may include what api may (the folders below it), the operation
# declarations it implements (api/operations.h), and the rooms below it.
below_api="storage store expr model api/operations.h"
allowed+=(
  [api/wire]="api/wire $below_api"
  [api/legacy]="api/legacy api/wire $below_api"
  [api/items]="api/items api/legacy api/wire $below_api"
  [api/reads]="api/reads api/items api/legacy api/wire $below_api"
  [api/batch]="api/batch api/items api/wire $below_api"
  [api/transactions]="api/transactions api/items api/wire $below_api"
  [api/control]="api/control api/wire $below_api"
  [api/streams]="api/streams api/wire $below_api"
  [api/partiql]="api/partiql api/wire api/response.h model"
)
# The folder an include names: "api/<room>" inside api, else the top folder of core (a header
# of api's own top level is named whole).
target_of() {
  local path=$1
  if [[ $path == api/*/* ]]; then echo "api/$(cut -d/ -f2 <<<"$path")"
  elif [[ $path == api/* ]]; then echo "$path"; else echo "${path%%/*}"; fi
}
passed=0
failed=0
for folder in model expr store storage api api/wire api/legacy api/items api/reads api/batch \
  api/transactions api/control api/streams api/partiql; do
  depth=(-maxdepth 1)  # a room is checked on its own; the top folders include their rooms
  [[ $folder == api/* ]] || depth=()
  bad=$(find "core/$folder" "${depth[@]}" -type f \( -name '*.h' -o -name '*.cpp' \) -print0 |
    xargs -0 grep -HnoE '#include "(model|expr|store|storage|api)/[^"]+"' |
    while IFS=: read -r file line include; do
      target=$(target_of "$(sed -E 's/#include "([^"]+)"/\1/' <<<"$include")")
      # inside api, the top-level check is about the other core folders only
      [[ $folder == api && $target == api/* ]] && target=api
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
