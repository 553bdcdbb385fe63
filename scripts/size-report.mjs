// Prints raw, gzip (-9) and brotli (-q 11) bytes of every file in dist/ (precompressed .br/.gz
// copies are skipped: they are the same bytes again), then the totals and what a first visit
// downloads (everything but the article bodies and search shards, which are fetched on use).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!/\.(br|gz)$/.test(name)) files.push(path);
  }
})(dist);

const rows = files.map((path) => {
  const raw = readFileSync(path);
  return {
    file: relative(dist, path),
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }).length,
  };
});
const lazy = (f) => /^data\/(articles|search)\//.test(f);
const pad = (s, n) => String(s).padStart(n);
const line = (r) => `${r.file.padEnd(48)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}`;
console.log(`${'file'.padEnd(48)} ${pad('raw', 9)} ${pad('gzip', 9)} ${pad('brotli', 9)}`);
for (const r of rows) console.log(line(r));
const sum = (list, file) => list.reduce((a, r) => ({ file, raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
console.log('-'.repeat(78));
console.log(line(sum(rows, 'total')));
console.log(line(sum(rows.filter((r) => !lazy(r.file)), 'first visit (all but bodies and search shards)')));
console.log(line(sum(rows.filter((r) => lazy(r.file)), 'fetched on use (bodies, search shards)')));
