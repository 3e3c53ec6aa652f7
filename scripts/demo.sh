#!/usr/bin/env bash
# Builds everything and serves the playground on 127.0.0.1 (prints its URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
PD_SKIP_ASAN=1 PD_SKIP_FUZZ=1 bash scripts/build.sh
exec node scripts/serve.mjs "${PORT:-8080}"
