#!/usr/bin/env bash
# Runs every check: formatting, lints, the native unit/golden tests, then the end-to-end tests
# in headless Chromium against the release build served by nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

echo "[test] cargo fmt"
cargo fmt --all -- --check
echo "[test] cargo clippy (native and wasm)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p bantin-app --target wasm32-unknown-unknown --quiet -- -D warnings
cargo clippy -p bantin-app --no-default-features --features ssr --all-targets --quiet -- -D warnings
echo "[test] native tests"
cargo test --workspace --quiet
# The build-time renderer's own tests: the app's views rendered natively with `ssr`.
cargo test -p bantin-app --no-default-features --features ssr --quiet
# The release build runs with networking switched off where the machine allows it (root, or
# unprivileged user namespaces): proof that Trunk and cargo download nothing.
if unshare -n true 2>/dev/null; then
  echo "[test] release build with networking disabled (unshare -n)"
  unshare -n bash scripts/build.sh
else
  echo "[test] release build (cannot disable networking here)"
  bash scripts/build.sh
fi
echo "[test] end-to-end tests in Chromium"
node --test --test-concurrency=1 tests/e2e/
