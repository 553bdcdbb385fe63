#!/usr/bin/env bash
# Scale benchmark: `bash scripts/bench.sh [N=10000]`.
#
# 1. generates N synthetic raw pages from data/raw (crates/benchgen) into .tmp/bench/raw-N,
# 2. runs the real ingest tool on them: the app data set (.tmp/bench/data-N) and the export
#    (.tmp/bench/records-N.json),
# 3. makes .tmp/bench/dist-N: a copy of dist/ with its data/ replaced by the generated one,
# 4. writes the same records as static pages (.tmp/bench/pagefind-site-N) and indexes them
#    with Pagefind,
# 5. measures both in headless Chromium (bench/run.mjs) and prints a table; the figures are
#    also written to .tmp/bench/results-N.json (results-N-cpuK.json for a slowed run).
#
# Environment: SEED (default 1); BENCH_REUSE=1 keeps an existing corpus, data set and index
# of the same N and seed instead of regenerating them; BENCH_ONLY=oursTimeline,… runs only
# those phases of bench/run.mjs; BENCH_CPU_SLOWDOWN=K slows the page's CPU K times for the
# interaction phases (typing, filter clicks, the timeline), as a slower phone would be.
# Benchmark data never goes into dist/ or generated/: everything is under .tmp/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

N="${1:-10000}"
SEED="${SEED:-1}"
B=.tmp/bench
RAW="$B/raw-$N"
DATA="$B/data-$N"
RECORDS="$B/records-$N.json"
DIST="$B/dist-$N"
SITE="$B/pagefind-site-$N"
STAMP="$B/stamp-$N"
mkdir -p "$B"
elapsed() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }

if [ ! -f dist/index.html ]; then
  echo "[bench] no dist/: building the app first"
  bash scripts/build.sh
fi

echo "[bench] building benchgen and ingest (release)"
cargo build --quiet --release -p benchgen -p bantin-ingest

want="n=$N seed=$SEED raw=$(cat data/raw/*.txt | sha256sum | cut -c1-16) tools=$(cat target/release/benchgen target/release/ingest | sha256sum | cut -c1-16)"
if [ "${BENCH_REUSE:-0}" = 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] \
   && [ -f "$DATA/catalog.json" ] && [ -f "$RECORDS" ]; then
  echo "[bench] reusing the corpus and data set of $STAMP"
else
  rm -f "$STAMP"
  echo "[bench] generating $N pages (seed $SEED)"
  target/release/benchgen raw --n "$N" --seed "$SEED" --raw data/raw \
    --gazetteer data/vn-admin-2020.json --out "$RAW"

  # Pages that are not articles are named on lines of their own ("rejected <file>: <why>")
  # and the rest is still written; a non-zero status means nothing could be built.
  ingest() {
    local rc=0
    "$@" 2>"$B/ingest-$N.log" || rc=$?
    if [ "$rc" -ne 0 ]; then cat "$B/ingest-$N.log" >&2; exit "$rc"; fi
    local rejected
    rejected=$(grep -c '^rejected ' "$B/ingest-$N.log" || true)
    if [ "$rejected" -gt 0 ]; then echo "[bench]   $rejected page(s) rejected (see $B/ingest-$N.log)"; fi
  }
  echo "[bench] ingest build → $DATA"
  t0=$(date +%s.%N)
  rm -rf "$DATA"
  ingest target/release/ingest build --raw "$RAW" --gazetteer data/vn-admin-2020.json \
    --overrides data/overrides.toml --out "$DATA"
  echo "[bench]   took $(elapsed "$t0") s"
  echo "[bench] ingest export → $RECORDS"
  ingest target/release/ingest --export "$RECORDS" --gazetteer data/vn-admin-2020.json \
    --overrides data/overrides.toml "$RAW"
  rm -rf "$SITE"
  echo "$want" >"$STAMP"
fi

echo "[bench] dist copy → $DIST (app from dist/, data from $DATA)"
# The data part (and its compressed copies) is kept while the corpus is the same one.
if [ ! -f "$DIST/.data-stamp" ] || [ "$(cat "$DIST/.data-stamp")" != "$want" ]; then
  rm -rf "$DIST"
  mkdir -p "$DIST"
  cp -r "$DATA" "$DIST/data"
  echo "$want" >"$DIST/.data-stamp"
fi
find "$DIST" -mindepth 1 -maxdepth 1 ! -name data ! -name .data-stamp -exec rm -rf {} +
for f in dist/*; do
  [ "$(basename "$f")" = data ] || cp -r "$f" "$DIST/"
done
# As scripts/build.sh does for dist/: the service worker's precache list and the .br/.gz
# copies nginx serves (brotli_static), now for this data set.
echo "[bench] postbuild on $DIST (precompressed copies, sw.js)"
t0=$(date +%s.%N)
node scripts/postbuild.mjs "$DIST" >"$B/postbuild-$N.log"
echo "[bench]   took $(elapsed "$t0") s"

PF_NOTE=""
if [ ! -f "$SITE/pagefind/pagefind.js" ]; then
  echo "[bench] Pagefind site → $SITE"
  target/release/benchgen pagefind-site --records "$RECORDS" --out "$SITE"
  if ! command -v pagefind >/dev/null; then
    PF_NOTE="pagefind is not installed (npm install in the repository root installs pagefind@1.6.0)"
  else
    echo "[bench] pagefind $(pagefind --version 2>/dev/null | awk '{print $2}') indexing"
    t0=$(date +%s.%N)
    if ! timeout 1200 pagefind --site "$SITE" >"$B/pagefind-$N.log" 2>&1; then
      PF_NOTE="indexing failed or timed out (see $B/pagefind-$N.log)"
      tail -5 "$B/pagefind-$N.log" >&2 || true
    else
      echo "[bench]   took $(elapsed "$t0") s"
    fi
  fi
else
  echo "[bench] reusing the Pagefind index in $SITE/pagefind"
fi

echo "[bench] measuring (Chromium, nginx on 127.0.0.1)"
# A slowed run's figures go to a file of their own, beside the full-speed ones.
OUT="$B/results-$N${BENCH_CPU_SLOWDOWN:+-cpu$BENCH_CPU_SLOWDOWN}.json"
args=(--n "$N" --dist "$DIST" --site "$SITE" --out "$OUT")
[ -n "$PF_NOTE" ] && args+=(--pagefind-note "$PF_NOTE")
[ -n "${BENCH_ONLY:-}" ] && args+=(--only "$BENCH_ONLY")
[ -n "${BENCH_CPU_SLOWDOWN:-}" ] && args+=(--cpu-slowdown "$BENCH_CPU_SLOWDOWN")
node bench/run.mjs "${args[@]}"
