#!/usr/bin/env bash
# The slow-network benchmark (bench/slow-network.mjs): first and repeat visit on emulated rural
# 3G against nginx with the precompressed build, and what each file costs in bytes.
# Builds first only when there is no finished build; pass --dist DIR to measure another one.
#
#   bash scripts/bench-network.sh [--runs 3] [--dist DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
if [[ " $* " != *" --dist "* ]] && [ ! -f dist/sw.js ]; then
  bash scripts/build.sh
fi
exec node bench/slow-network.mjs "$@"
