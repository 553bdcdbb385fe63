#!/usr/bin/env node
// Finishes a Trunk build in place:
//   1. moves every inline script of index.html to a content-hashed file, so the page runs under
//      a Content-Security-Policy without 'unsafe-inline' (and drops inline styles likewise);
//   2. minifies the wasm-bindgen glue module, and gives the page its new integrity;
//   3. writes the service worker sw.js from the files actually in the build (hashed names and
//      all), with a version that is a hash of their contents, its code minified;
//   4. writes .br (brotli q11) and .gz (gzip -9) beside every text-like file, for nginx's
//      brotli_static / gzip_static: readers are on slow links, and q11 is too slow to do per
//      request.
// Runs again safely on its own output (the e2e update test rebuilds a modified copy with it).
//
//   node scripts/postbuild.mjs [dist]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync, unlinkSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import zlib from 'node:zlib';
import { minify } from 'terser';

const dist = resolve(process.argv[2] ?? 'dist');
const log = (msg) => console.log(`[postbuild] ${msg}`);

const hash16 = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 16);
const sri = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    // Dot entries are tools' scratch space (Trunk's .stage), never part of the site.
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(relative(dist, p).split(sep).join('/'));
  }
  return out;
}

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`[postbuild] no index.html in ${dist}`);
  process.exit(1);
}

// No compressed copy outlives its source; stale ones are rewritten below.
for (const f of walk(dist)) {
  if (/\.(br|gz)$/.test(f) && !existsSync(join(dist, f.replace(/\.(br|gz)$/, '')))) unlinkSync(join(dist, f));
}

// ------------------------------------------------------------ 1. no inline script or style

// Every page: index.html and the articles' pages the build-time renderer made from it beside
// it (bai-<id>.html), which name the same files.
const pages = walk(dist).filter((f) => f.endsWith('.html'));

// Script types the browser executes; other types (JSON data blocks) are inert and allowed by CSP.
const EXECUTED = /^(|module|text\/javascript|application\/javascript|text\/ecmascript)$/i;
const attr = (attrs, name) => {
  const m = attrs.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
};

// Trunk's loader imports the glue and starts the wasm; if either fails (the connection drops
// mid-download, a proxy answers with an error page), the module just stops, with an uncaught
// error in the console. The page rendered at build time is still there to read; this loader
// also tells the reader, in place of its "loading" note, and offers to try again. It needs
// nothing of the wasm. The loader it replaces is recognised by its shape; any other is kept.
const TRUNK_LOADER = /^import init, \* as bindings from '(\.\/[^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '(\.\/[^']+\.wasm)' \}\);\s*window\.wasmBindings = bindings;\s*dispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);\s*$/;
function resilientBoot(code) {
  const m = code.match(TRUNK_LOADER);
  if (!m) return code;
  return `// Starts the app (written by scripts/postbuild.mjs from Trunk's loader).
try {
  const bindings = await import(${JSON.stringify(m[1])});
  const wasm = await bindings.default({ module_or_path: ${JSON.stringify(m[2])} });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (error) {
  const note = document.querySelector('.bt-static-loading');
  if (!note) throw error;
  note.className = 'bt-error bt-boot-failed';
  note.setAttribute('role', 'alert');
  note.textContent = 'Không tải được công cụ tìm kiếm và bộ lọc (kết nối bị gián đoạn?). Các bài viết trên trang này vẫn đọc được. ';
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.textContent = 'Thử lại';
  retry.addEventListener('click', () => location.reload());
  note.append(retry);
  console.warn('the app could not start:', error);
}
`;
}

function withoutInline(page, html) {
  html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (whole, attrs, body) => {
    if (attr(attrs, 'src') !== null || body.trim() === '') return whole;
    const type = (attr(attrs, 'type') ?? '').trim();
    if (type.toLowerCase() === 'importmap') {
      throw new Error('an inline import map cannot be moved to a file; CSP needs a hash for it');
    }
    if (!EXECUTED.test(type)) return whole;
    // Relative imports and fetches resolve the same from a file in the app's folder.
    const code = Buffer.from(resilientBoot(body.replace(/^\s*\n/, '')), 'utf8');
    const name = `boot-${hash16(code)}.js`;
    writeFileSync(join(dist, name), code);
    if (page === 'index.html') log(`inline script → ${name}`);
    const kept = attrs.replace(/\s(integrity|nonce)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
    return `<script${kept} src="./${name}" integrity="${sri(code)}"></script>`;
  });

  // Inline <style> blocks go to a hashed stylesheet; style="" attributes are dropped (the app's
  // styles live in style/app.css, so one here is a mistake to fix there).
  html = html.replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (whole, body) => {
    if (body.trim() === '') return '';
    const css = Buffer.from(body, 'utf8');
    const name = `inline-${hash16(css)}.css`;
    writeFileSync(join(dist, name), css);
    log(`${page}: inline style → ${name}`);
    return `<link rel="stylesheet" href="./${name}" integrity="${sri(css)}">`;
  });
  html = html.replace(/(<[a-z][^>]*?)\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, (whole, tag) => {
    log(`${page}: dropped an inline style attribute in ${tag}…>`);
    return tag;
  });
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) {
    throw new Error(`${page} has an inline event handler attribute (on…=), which CSP blocks`);
  }
  return html;
}

// ------------------------------------------------------------ 2. minified glue module

// wasm-bindgen writes its glue for reading: minified, it is a quarter smaller on the wire
// (brotli), on every first visit and every update. The marker keeps a second run from
// minifying it again. Property names are never mangled: the wasm imports its functions by
// name from the object the glue builds.
const MINIFIED = '/*! minified */';
// Terser's defaults never mangle property names.
const TERSER = { compress: { passes: 2 }, mangle: true };
const glue = [];
for (const f of readdirSync(dist).filter((x) => /^bantin-app-[0-9a-f]+\.js$/.test(x))) {
  const path = join(dist, f);
  const code = readFileSync(path, 'utf8');
  if (!code.startsWith(MINIFIED)) {
    const out = await minify(code, { ...TERSER, module: true, format: { preamble: MINIFIED } });
    writeFileSync(path, out.code);
    log(`${f}: minified, ${code.length} → ${Buffer.byteLength(out.code)} bytes`);
  }
  glue.push([f, readFileSync(path)]);
}

// Every tag that loads the glue (the module preload) checks it against its integrity.
function withGlueIntegrity(html) {
  for (const [f, buf] of glue) {
    html = html.replace(new RegExp(`<[a-z]+\\b[^>]*["'](?:\\./)?${f.replace('.', '\\.')}["'][^>]*>`, 'gi'), (tag) =>
      tag.replace(/\sintegrity="[^"]*"/, () => ` integrity="${sri(buf)}"`));
  }
  return html;
}

for (const page of pages) {
  const before = readFileSync(join(dist, page), 'utf8');
  const after = withGlueIntegrity(withoutInline(page, before));
  if (after !== before) writeFileSync(join(dist, page), after);
}
log(`${pages.length} pages: no inline script or style, glue integrity checked`);
const html = readFileSync(join(dist, 'index.html'), 'utf8');

// ------------------------------------------------------------ 3. service worker

// The app shell: every file at the top of dist (index.html, boot, app js, wasm, css, manifest),
// the icons, and the catalog. Bodies and search shards are cached when first fetched instead.
// Boot files no longer referenced (left by an earlier run on a modified copy) are skipped.
const files = walk(dist).filter((f) => {
  if (f === 'sw.js' || /\.(br|gz)$/.test(f)) return false;
  if (f.startsWith('boot-') && !html.includes(`./${f}"`)) return false;
  // The articles' and localities' pages are one per article or locality: kept by the worker
  // when visited instead.
  if (/^(bai|nhung)-[^/]+\.html$/.test(f)) return false;
  return !f.includes('/') || f.startsWith('icons/') || f === 'data/catalog.json';
});
const precache = {};
const digest = createHash('sha256');
for (const f of files) {
  const buf = readFileSync(join(dist, f));
  precache[f] = sri(buf);
  digest.update(`${f}\0${precache[f]}\0`);
}
// The worker's own code is part of the version, so a change to it alone never reuses (and
// overwrites) the cache that the running version serves from.
digest.update(serviceWorker.toString());
const version = digest.digest('hex').slice(0, 16);
// The worker's function, minified; the call below stays readable, so the version and the
// file list can be read off sw.js. Minified as the value of an assignment, which keeps it
// whole, then taken out of it.
const ASSIGNED = 'globalThis.worker=';
const assigned = (await minify(`${ASSIGNED}${serviceWorker.toString()}`, TERSER)).code;
if (!assigned.startsWith(ASSIGNED) || !assigned.endsWith(';')) {
  throw new Error('postbuild: the minified worker is not the assignment it was given');
}
const workerCode = assigned.slice(ASSIGNED.length, -1);
const sw = `// Generated by scripts/postbuild.mjs from the files of one build; edit it there.
'use strict';
(${workerCode})(${JSON.stringify(version)}, ${JSON.stringify(precache, null, 1)});
`;
writeFileSync(join(dist, 'sw.js'), sw);
log(`sw.js: version ${version}, ${files.length} files precached`);

// ------------------------------------------------------------ 4. precompressed copies

const TEXT = /\.(html|js|mjs|css|wasm|json|svg|webmanifest|txt|xml)$/;
const MIN_BYTES = 256; // below this the headers cost more than compression saves
let count = 0;
for (const f of walk(dist)) {
  if (!TEXT.test(f)) continue;
  const path = join(dist, f);
  // Copies newer than their file are already right (the benchmark reuses its 10,000
  // compressed article files this way); a build writes every file anew.
  const fresh = (c) => existsSync(c) && statSync(c).mtimeMs >= statSync(path).mtimeMs;
  if (fresh(`${path}.br`) && fresh(`${path}.gz`)) continue;
  const buf = readFileSync(path);
  if (buf.length < MIN_BYTES) continue;
  const br = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
  writeFileSync(join(dist, `${f}.br`), br);
  writeFileSync(join(dist, `${f}.gz`), zlib.gzipSync(buf, { level: 9 }));
  count++;
}
log(`compressed ${count} files (.br, .gz)`);

// ------------------------------------------------------------ the worker

// Serialised into sw.js with this build's version and files; it runs in the browser's worker,
// so it may use only its two arguments and the worker's globals.
function serviceWorker(VERSION, PRECACHE_FILES) {
  // sw.js sits at the top of the build, so this is the app's folder under whatever sub-path.
  const BASE = new URL('./', self.location.href).href;
  const BASE_PATH = new URL(BASE).pathname;
  // Cache storage is shared by the whole origin, and one portal may host several copies of
  // the app: the folder in the names keeps them apart, and activation removes only this
  // copy's old versions.
  const PRECACHE_PREFIX = `bantin-shell ${BASE} `;
  const PRECACHE = PRECACHE_PREFIX + VERSION;
  // Article bodies and search shards, kept across versions: an article saved for offline
  // reading must survive an app update. Ids are stable, so the URL is the key.
  const RUNTIME = `bantin-data ${BASE}`;
  // Which data set (catalog "version") a stored body or shard came from.
  const DATA_TAG = 'x-bantin-data-version';
  // Trunk writes its hash without leading zeros: up to 16 hex digits.
  const HASHED = /-[0-9a-f]{8,16}[^/]*$/;
  const abs = (path) => new URL(path, BASE).href;
  // The articles' and localities' pages (bai-<id>.html, nhung-<p|d><code>.html): one per
  // article or locality, too many to precache.
  const ARTICLE_PAGE = /^(bai|nhung)-[^/]+\.html$/;

  self.addEventListener('install', (event) => {
    // No skipWaiting: the new version waits until the reader chooses to reload, so an open
    // page never mixes files of two versions.
    event.waitUntil(caches.open(PRECACHE).then((cache) => Promise.all(
      Object.entries(PRECACHE_FILES).map(async ([path, integrity]) => {
        // Hashed names never change content, so the HTTP cache's copy (usually the one the
        // page has just loaded) is right and costs no bytes; the other files are revalidated.
        // The integrity check fails the install (the browser retries later) rather than
        // store a file from another deploy.
        const request = new Request(abs(path), { cache: HASHED.test(path) ? 'default' : 'no-cache', integrity });
        const response = await fetch(request);
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        await cache.put(abs(path), response);
      }),
    )));
  });

  self.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil((async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PRECACHE_PREFIX) && name !== PRECACHE) await caches.delete(name);
      }
      await pruneData();
      await self.clients.claim();
    })());
  });

  let catalogInfo = null;
  // This version's catalog: the ids that exist and the data set's version.
  function catalog() {
    catalogInfo ??= caches.open(PRECACHE)
      .then((cache) => cache.match(abs('data/catalog.json')))
      .then((r) => (r ? r.json() : null))
      .then((c) => (c ? { version: String(c.version), ids: new Set(c.articles.map((a) => a.id)) } : null))
      .catch(() => null);
    return catalogInfo;
  }

  // After an update: bodies of articles that are gone, and shards of an older data set (their
  // postings point into the old catalog), are deleted. Other bodies stay readable offline.
  async function pruneData() {
    const info = await catalog();
    if (!info) return;
    const cache = await caches.open(RUNTIME);
    for (const request of await cache.keys()) {
      const path = request.url.slice(BASE.length);
      const article = path.match(/^data\/articles\/([^/?]+)\.json$/);
      const response = article ? null : await cache.match(request);
      const stale = article
        ? !info.ids.has(decodeURIComponent(article[1]))
        : !response || response.headers.get(DATA_TAG) !== info.version;
      if (stale) await cache.delete(request);
    }
  }

  async function fromShell(path, request) {
    const hit = await caches.open(PRECACHE).then((cache) => cache.match(abs(path)));
    // A miss only before this version finished installing, or if the browser evicted it.
    return hit || fetch(request);
  }

  async function fromData(event, isArticle) {
    const { request } = event;
    const cache = await caches.open(RUNTIME);
    const info = await catalog();
    const version = info ? info.version : '';
    const hit = await cache.match(request, { ignoreVary: true });
    if (hit && hit.headers.get(DATA_TAG) === version) return hit;
    const network = fetch(request).then(async (response) => {
      if (response.ok && response.type === 'basic') {
        // Stored before it is handed over, so an article that was shown is saved for sure.
        const headers = new Headers(response.headers);
        headers.set(DATA_TAG, version);
        const body = await response.clone().arrayBuffer();
        await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers }));
      }
      return response;
    });
    // A body saved under an older data set: shown at once (the reader may well be offline)
    // and refreshed for next time. An older shard is never used: it indexes another catalog.
    if (hit && isArticle) {
      event.waitUntil(network.catch(() => {}));
      return hit;
    }
    return network;
  }

  // An article's or a locality's page, rendered by the build: kept with this version (it names this version's
  // files) once visited. Offline and never visited, the shell opens it instead: index.html,
  // in the same folder, whose app reads the article from the address.
  async function articlePage(path, request) {
    const cache = await caches.open(PRECACHE);
    const hit = await cache.match(abs(path));
    if (hit) return hit;
    try {
      const response = await fetch(request);
      if (response.ok && response.type === 'basic') await cache.put(abs(path), response.clone());
      return response;
    } catch (offline) {
      const shell = await cache.match(abs('index.html'));
      if (!shell) throw offline;
      return shell;
    }
  }

  self.addEventListener('fetch', (event) => {
    const { request } = event;
    if (request.method !== 'GET' || !request.url.startsWith(BASE)) return;
    const url = new URL(request.url);
    const path = url.pathname.slice(BASE_PATH.length);
    if (request.mode === 'navigate' && ARTICLE_PAGE.test(path)) {
      event.respondWith(articlePage(path, request));
      return;
    }
    // Every other address of the app is index.html with a query string. Served from this version's
    // cache, never the network first: on a 400 ms link a network-first page waits a round trip
    // or a timeout on every start, and a fresh index.html could name files this worker does
    // not have. New versions arrive through the worker update instead.
    if (request.mode === 'navigate' && (path === '' || path === 'index.html' || !/\.[^/]*$/.test(path))) {
      event.respondWith(fromShell('index.html', request));
    } else if (url.search === '' && Object.prototype.hasOwnProperty.call(PRECACHE_FILES, path)) {
      event.respondWith(fromShell(path, request));
    } else if (path.startsWith('data/articles/') || path.startsWith('data/search/')) {
      event.respondWith(fromData(event, path.startsWith('data/articles/')));
    }
  });
}
