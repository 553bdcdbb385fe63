#!/usr/bin/env bash
# Builds the release bundle, then prints raw / gzip / brotli bytes of each shipped file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
node scripts/size-report.mjs dist
