#!/usr/bin/env bash
# Builds the bundled data set from data/raw with the ingest tool, then the release app into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

echo "[build] ingesting data/raw"
rm -rf generated/data
cargo run --quiet --release -p bantin-ingest -- build \
  --raw data/raw --gazetteer data/vn-admin-2020.json --overrides data/overrides.toml --out generated/data

echo "[build] building the app (offline, release)"
trunk build --release --offline
echo "[build] rendering the list and the articles' pages"
cargo run --quiet --offline --no-default-features --features ssr --bin prerender -- generated/data dist
node scripts/embed-element.mjs dist
node scripts/postbuild.mjs dist
