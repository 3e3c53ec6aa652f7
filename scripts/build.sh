#!/usr/bin/env bash
# Builds everything: the native engine and its tests (build/), the same under ASan+UBSan
# (build-asan/), the libFuzzer targets (build-fuzz/), and the wasm module (build-wasm/), copied
# into the npm package (web/dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"

# The sanitizer build uses clang: GCC 12's -Wmaybe-uninitialized misfires inside <regex> (pulled
# in by Catch2) once ASan instruments it, and warnings are errors.
if [ "${PD_SKIP_ASAN:-0}" != 1 ]; then
  CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPD_SANITIZE=ON >/dev/null
  cmake --build build-asan -j"$jobs"
fi

if [ "${PD_SKIP_FUZZ:-0}" != 1 ]; then  # libFuzzer targets (tests/fuzz/README.md)
  CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPD_FUZZ=ON >/dev/null
  cmake --build build-fuzz -j"$jobs" --target pd_fuzzers
fi

# emcc needs Debian's node modules (acorn) on NODE_PATH.
export NODE_PATH=/usr/share/nodejs
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-wasm -j"$jobs"
mkdir -p web/dist
cp build-wasm/wasm/pocketdynamo.js build-wasm/wasm/pocketdynamo.wasm web/dist/
# PartiQL's own module, loaded by the package on first use (web/src/partiql-module.js)
cp build-wasm/wasm/pocketdynamo-partiql.js build-wasm/wasm/pocketdynamo-partiql.wasm web/dist/
node scripts/write-protocol.mjs  # web/dist/protocol.js: the engine's operation and error tables
