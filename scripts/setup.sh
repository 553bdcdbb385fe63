#!/usr/bin/env bash
# Installs, only where missing, every tool the build and the tests need.
# Everything comes from crates.io, npm or Debian: no step downloads a binary from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version resolved in Cargo.lock (checked below).
WASM_BINDGEN_VERSION=0.2.130

log() { printf '[setup] %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

lock_bindgen=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock 2>/dev/null || true)
if [ -n "$lock_bindgen" ] && [ "$lock_bindgen" != "$WASM_BINDGEN_VERSION" ]; then
  echo "Cargo.lock resolves wasm-bindgen $lock_bindgen but setup pins $WASM_BINDGEN_VERSION" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Its own lockfile pins a crate the registry no longer serves, so no --locked here.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

apt_missing=()
# Node.js runs the browser tests and the post-build steps; most machines have it already.
command -v node >/dev/null 2>&1 || apt_missing+=(nodejs npm)
for pkg in chromium chromium-driver nginx-light libnginx-mod-http-brotli-static brotli; do
  dpkg -s "$pkg" >/dev/null 2>&1 || apt_missing+=("$pkg")
done
if [ ${#apt_missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi

# npm packages: wasm-opt (binaryen 132; Debian's older one breaks the output), terser, playwright-core,
# axe-core. Reinstalled only when package-lock.json changed since the last install.
if [ -f package-lock.json ]; then
  stamp=node_modules/.lock-stamp
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    log "installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
fi

# Trunk builds offline; cargo needs the sources fetched beforehand.
cargo fetch --quiet
log "tools ready"
