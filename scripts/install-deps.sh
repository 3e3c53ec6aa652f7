#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test PocketDynamo. Idempotent: it
# installs only missing Debian packages and reruns `npm ci` only when the lockfile changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tools are looked for as commands (the machine's Node.js may come with its own npm, which
# Debian's npm package would conflict with); libraries and headers as Debian packages.
declare -A tool_packages=(
  [cmake]=cmake [make]=make [g++]=g++ [clang++]=clang [emcc]=emscripten [node]=nodejs
  [npm]=npm [chromium]=chromium [clang-format]=clang-format
)
library_packages=(libclang-rt-14-dev nlohmann-json3-dev catch2 libbenchmark-dev awscli)  # awscli: the tests run Debian's /usr/bin/aws
missing=()
for tool in "${!tool_packages[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${tool_packages[$tool]}")
done
for package in "${library_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm packages from the committed lockfiles, each reinstalled when it changes: the workspace's,
# and tests/consumers' (the bundlers and TypeScript that the packed package is tested with).
for dir in . tests/consumers; do
  stamp=$dir/node_modules/.package-lock.sha
  wanted=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$wanted" > "$stamp"
  fi
done
