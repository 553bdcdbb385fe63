// The installed app: a page without inline code (strict CSP), the manifest and icons, the
// service worker generated from the build (offline reading, updates only when the reader
// agrees), and nginx serving the precompressed files with the right headers.
// Works with or without the app's own worker registration (src/pwa.rs): when the page has no
// controller after load, the test registers sw.js itself, the way the app does.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  readFileSync, readdirSync, statSync, existsSync, mkdirSync, rmSync, cpSync, symlinkSync,
  writeFileSync, unlinkSync,
} from 'node:fs';
import { join, resolve, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import zlib from 'node:zlib';
import { startServer } from './lib/server.js';
import { launchPersistent, newPage } from './lib/browser.js';

const root = resolve(new URL('../..', import.meta.url).pathname);
// BANTIN_DIST: another finished build to check (by default the one scripts/build.sh made).
const dist = process.env.BANTIN_DIST ? resolve(process.env.BANTIN_DIST) : join(root, 'dist');
const tmpRoot = join(root, '.tmp', 'pwa-test');
const read = (f, d = dist) => readFileSync(join(d, f));
// Trunk writes its content hash without leading zeros (boot-… and the service worker's
// version are ours, always 16 digits).
const catalog = JSON.parse(read('data/catalog.json'));
const html = read('index.html').toString('utf8');

function walk(dir, base = dir) {
  return readdirSync(dir).filter((name) => !name.startsWith('.')).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p, base) : [relative(base, p).split(sep).join('/')];
  });
}
/** The version and the precache list that postbuild wrote into a build's sw.js. */
function swOf(d = dist) {
  const src = read('sw.js', d).toString('utf8');
  const m = src.match(/\}\)\(("[0-9a-f]{16}"), (\{[\s\S]*\})\);\s*$/);
  assert.ok(m, 'sw.js ends with the version and the file list');
  return { version: JSON.parse(m[1]), files: JSON.parse(m[2]) };
}
const sri = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;

let seq = 0;
function tmpDir(name) {
  const d = join(tmpRoot, `${process.pid}-${seq++}-${name}`);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
}
after(() => rmSync(tmpRoot, { recursive: true, force: true }));

describe('build output', () => {
  test('index.html has no inline script, inline style or handler attribute', () => {
    for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      assert.equal(body.trim(), '', `inline script: ${body.slice(0, 80)}`);
      assert.match(attrs, /\ssrc=/);
    }
    assert.doesNotMatch(html, /<style\b/i);
    assert.doesNotMatch(html, /\sstyle\s*=/i);
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i);
    // The boot module that replaced Trunk's inline one: hashed name, integrity, and it starts
    // the app from this build's own wasm-bindgen files.
    const m = html.match(/<script type="module" src="\.\/(boot-[0-9a-f]{16}\.js)" integrity="([^"]+)"><\/script>/);
    assert.ok(m, 'one external boot module');
    const boot = read(m[1]);
    assert.equal(sri(boot), m[2]);
    const js = readdirSync(dist).find((f) => /^bantin-app-[0-9a-f]{8,16}\.js$/.test(f));
    const wasm = readdirSync(dist).find((f) => /^bantin-app-[0-9a-f]{8,16}_bg\.wasm$/.test(f));
    assert.match(boot.toString(), new RegExp(`import\\("\\./${js}"\\)`));
    assert.match(boot.toString(), new RegExp(`"\\./${wasm}"`));
    // If either fails to arrive, the reader is told on the page rendered at build time.
    assert.match(boot.toString(), /catch \(error\)[\s\S]*bt-static-loading/);
    assert.match(html, /<link rel="manifest" href="manifest.webmanifest">/);
    assert.match(html, /<meta name="theme-color" content="#a3141c">/);
    assert.match(html, /<link rel="apple-touch-icon" href="icons\/apple-touch-icon.png">/);
  });

  test('the glue module and the worker are minified, and the page checks the glue as shipped', () => {
    const js = readdirSync(dist).find((f) => /^bantin-app-[0-9a-f]{8,16}\.js$/.test(f));
    const glue = read(js);
    const text = glue.toString();
    assert.ok(text.startsWith('/*! minified */'), 'minified once, marked');
    // wasm-bindgen's readable output has one statement per line; minified, a few long lines.
    assert.ok(text.split('\n').length < 20, `${text.split('\n').length} lines`);
    assert.match(text, /export\s*\{[^}]*\bas default\b/, 'the module still exports its init');
    const preload = html.match(new RegExp(`<link rel="modulepreload" href="\\./${js.replace('.', '\\.')}"[^>]*integrity="([^"]+)"`));
    assert.ok(preload, 'the module is preloaded with an integrity');
    assert.equal(preload[1], sri(glue));
    // The worker's code is minified; its version and file list stay readable (swOf reads them).
    const sw = read('sw.js').toString();
    assert.ok(sw.split('\n')[2].length > 2000, 'the worker function is on one line');
    assert.doesNotMatch(sw.split('\n')[2], /\/\/ /, 'no comments left in it');
  });

  test('the manifest is Vietnamese, relative, with any and maskable icons', () => {
    const m = JSON.parse(read('manifest.webmanifest'));
    assert.equal(m.name, 'Bản tin Đại hội');
    assert.equal(m.short_name, 'Đại hội');
    assert.equal(m.lang, 'vi');
    assert.ok(m.description.length > 20);
    assert.equal(m.display, 'standalone');
    assert.equal(m.theme_color, '#a3141c');
    assert.equal(m.background_color, '#ffffff');
    // Relative, so they resolve under whatever sub-path the portal serves the app from. No
    // id: one would be resolved against the origin, not the app's folder, so every copy on
    // a portal would be the same app; without it the id is the start URL, in the folder.
    for (const key of ['scope', 'start_url']) assert.match(m[key], /^\.(\/|$)/, key);
    assert.equal(m.id, undefined);
    const png = (f) => {
      const b = read(f);
      assert.equal(b.subarray(1, 4).toString(), 'PNG', f);
      return [b.readUInt32BE(16), b.readUInt32BE(20)];
    };
    for (const [size, purpose] of [[192, 'any'], [512, 'any'], [512, 'maskable']]) {
      const icon = m.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose && i.type === 'image/png');
      assert.ok(icon, `${size} ${purpose}`);
      assert.deepEqual(png(icon.src), [size, size]);
    }
    assert.ok(m.icons.some((i) => i.type === 'image/svg+xml' && existsSync(join(dist, i.src))));
    assert.deepEqual(png('icons/apple-touch-icon.png'), [180, 180]);
  });

  test('sw.js precaches exactly this build\'s shell, by its real names and contents', () => {
    const { version, files } = swOf();
    const names = Object.keys(files);
    // What the page loads (its links and scripts), not where its anchors lead.
    const referenced = [...html.matchAll(/<(?:link|script)\b[^>]*?(?:src|href)="(?:\.\/)?([^"?#]+)"/g)].map((x) => x[1]);
    assert.ok(referenced.some((f) => f.endsWith('.wasm')), 'the wasm the page preloads is among them');
    const manifest = JSON.parse(read('manifest.webmanifest'));
    for (const f of [...referenced, ...manifest.icons.map((i) => i.src), 'index.html', 'data/catalog.json']) {
      assert.ok(names.includes(f), `${f} precached`);
    }
    for (const f of names) {
      assert.doesNotMatch(f, /[?#]/, 'no cache-busting query');
      assert.equal(files[f], sri(read(f)), `${f}: integrity of the file in dist`);
    }
    assert.ok(!names.includes('sw.js'));
    assert.ok(!names.some((f) => f.startsWith('data/articles/') || f.startsWith('data/search/')));
    assert.match(version, /^[0-9a-f]{16}$/);
    // Bodies and shards are cached when fetched, not installed up front.
    assert.doesNotMatch(read('sw.js').toString(), /skipWaiting\(\)[^]*addEventListener\('message'/);
  });

  test('every text file over 256 bytes has .br and .gz copies of the same content', () => {
    const all = walk(dist);
    const text = all.filter((f) => /\.(html|js|css|wasm|json|svg|webmanifest)$/.test(f) && statSync(join(dist, f)).size > 256);
    assert.ok(text.length > 5);
    for (const f of text) {
      const raw = read(f);
      assert.ok(all.includes(`${f}.br`) && all.includes(`${f}.gz`), f);
      assert.ok(zlib.brotliDecompressSync(read(`${f}.br`)).equals(raw), `${f}.br`);
      assert.ok(zlib.gunzipSync(read(`${f}.gz`)).equals(raw), `${f}.gz`);
    }
    for (const f of all.filter((x) => /\.(br|gz)$/.test(x))) {
      assert.ok(all.includes(f.replace(/\.(br|gz)$/, '')), `${f} has its source`);
    }
  });
});

/** GET with raw bytes (no automatic decoding), so Content-Encoding can be checked. */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}
const decode = (r) => {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(r.body);
  if (enc === 'gzip') return zlib.gunzipSync(r.body);
  assert.equal(enc, undefined);
  return r.body;
};

describe('nginx', () => {
  let server;
  before(async () => { server = await startServer({ subPath: 'portal/bantin', dist, extraHeaders: { 'X-Probe': 'on' } }); });
  after(async () => { await server?.stop(); });

  const IMMUTABLE = 'public, max-age=31536000, immutable';
  const hashed = (re) => readdirSync(dist).find((f) => re.test(f));
  const cases = () => [
    ['index.html', 'text/html', 'no-cache'],
    ['sw.js', 'application/javascript', 'no-cache'],
    ['manifest.webmanifest', 'application/manifest+json', 'no-cache'],
    ['data/catalog.json', 'application/json', 'no-cache'],
    [`data/articles/${catalog.articles[0].id}.json`, 'application/json', 'no-cache'],
    [hashed(/^boot-[0-9a-f]{16}\.js$/), 'application/javascript', IMMUTABLE],
    [hashed(/^bantin-app-[0-9a-f]{8,16}\.js$/), 'application/javascript', IMMUTABLE],
    [hashed(/^bantin-app-[0-9a-f]{8,16}_bg\.wasm$/), 'application/wasm', IMMUTABLE],
    [hashed(/^app-[0-9a-f]{8,16}\.css$/), 'text/css', IMMUTABLE],
    ['icons/icon.svg', 'image/svg+xml', null],
    ['icons/icon-512.png', 'image/png', null],
  ];

  test('each kind of file: encoding, type, caching, and the decoded body is the file', async () => {
    for (const [file, type, cache] of cases()) {
      const raw = read(file);
      const compressible = !file.endsWith('.png') && raw.length > 256;
      for (const [accept, want] of [['br', 'br'], ['gzip', 'gzip'], ['gzip, deflate, br', 'br'], ['identity', undefined]]) {
        const r = await get(server.url + file, { 'Accept-Encoding': accept });
        const what = `${file} with Accept-Encoding: ${accept}`;
        assert.equal(r.status, 200, what);
        assert.equal(r.headers['content-encoding'], compressible ? want : undefined, what);
        assert.equal(r.headers['content-type'].split(';')[0], type, what);
        if (cache) assert.equal(r.headers['cache-control'], cache, what);
        else assert.ok(r.headers['cache-control'], what);
        assert.match(r.headers.vary ?? '', /Accept-Encoding/i, what);
        assert.equal(r.headers['x-probe'], 'on', `${what}: the extra headers reach every location`);
        assert.ok(decode(r).equals(raw), `${what}: decoded body`);
      }
    }
  });

  test('navigations get index.html; a missing asset or data file is a 404, not the page', async () => {
    const index = read('index.html');
    for (const path of ['', '?a=x&q=%C4%91%E1%BA%A3ng', 'index.html?sort=oldest', 'bai-viet']) {
      const r = await get(server.url + path, { 'Accept-Encoding': 'br' });
      assert.equal(r.status, 200, path);
      assert.equal(r.headers['cache-control'], 'no-cache', path);
      assert.ok(decode(r).equals(index), path);
    }
    for (const path of ['data/articles/no-such-article.json', 'data/search/zz.json', 'bantin-app-0000000000000000.js', 'icons/none.png']) {
      const r = await get(server.url + path);
      assert.equal(r.status, 404, path);
      assert.notEqual(r.headers['cache-control'], IMMUTABLE, `${path}: a 404 is not kept for a year`);
    }
    const r = await get(server.url.replace(/\/$/, ''));
    assert.equal(r.status, 301);
  });
});

// ------------------------------------------------------------------ in Chromium

/** Waits until the service worker controls the page, registering it the app's way if needed. */
async function controlled(page) {
  await page.evaluate(async () => {
    const sw = navigator.serviceWorker;
    if (sw.controller) return;
    const changed = new Promise((r) => sw.addEventListener('controllerchange', r, { once: true }));
    if (!(await sw.getRegistration())) await sw.register('sw.js', { scope: './' });
    await sw.ready;
    // The worker claims open pages when it activates.
    if (!sw.controller) await changed;
  });
}

const shellName = (url) => {
  const path = new URL(url).pathname.split('/').pop();
  return /^(index\.html|)$/.test(path) || /-[0-9a-f]{8,16}/.test(path) || /\.(webmanifest|css|wasm)$/.test(path);
};

async function openApp(context, url) {
  const page = await newPage(context);
  await page.goto(url);
  await page.locator('.bt-item').first().waitFor();
  await controlled(page);
  return page;
}

describe('installed app', () => {
  test('two copies on one portal, in two folders, are two apps to the browser', { timeout: 60_000 }, async () => {
    const ids = [];
    for (const subPath of ['reader', 'portal/bantin']) {
      const server = await startServer({ subPath, dist });
      const context = await launchPersistent(tmpDir(`id-${ids.length}`));
      try {
        const page = await newPage(context);
        await page.goto(server.url);
        const cdp = await context.newCDPSession(page);
        const { appId } = await cdp.send('Page.getAppId');
        assert.ok(appId, 'the browser reads an id from the manifest');
        assert.ok(appId.startsWith(server.url), `${appId} is under ${server.url}`);
        ids.push(appId);
      } finally {
        await context.close();
        await server.stop();
      }
    }
    assert.notEqual(new URL(ids[0]).pathname, new URL(ids[1]).pathname);
  });

  test('runs under a strict Content-Security-Policy (no inline script or style allowed)', { timeout: 120_000 }, async () => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
      + "manifest-src 'self'; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    const server = await startServer({ subPath: 'portal/bantin', dist, extraHeaders: { 'Content-Security-Policy': csp } });
    const context = await launchPersistent(tmpDir('csp'));
    try {
      const page = await newPage(context);
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(server.url);
      await page.locator('.bt-item').first().waitFor();
      await controlled(page);
      await page.reload();
      await page.locator('.bt-item').first().waitFor();
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
      assert.deepEqual(page.problems, []);
    } finally {
      await context.close();
      await server.stop();
    }
  });

  test('installable: no installability errors, and the manifest parses cleanly', { timeout: 120_000 }, async () => {
    const server = await startServer({ subPath: 'portal/bantin', dist });
    const context = await launchPersistent(tmpDir('install'));
    try {
      const page = await openApp(context, server.url);
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      assert.deepEqual(manifest.errors, []);
      assert.equal(manifest.url, `${server.url}manifest.webmanifest`);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert.deepEqual(installabilityErrors, []);
      assert.deepEqual(page.problems, []);
    } finally {
      await context.close();
      await server.stop();
    }
  });

  test('offline: the list, an article read before, and a plain message for an unread one', { timeout: 120_000 }, async () => {
    const server = await startServer({ subPath: 'reader', dist });
    const context = await launchPersistent(tmpDir('offline'));
    let stopped = false;
    try {
      const [read1, unread] = catalog.articles;
      const body1 = JSON.parse(read(`data/articles/${read1.id}.json`)).body;
      const page = await openApp(context, server.url);
      await page.goto(`${server.url}?a=${encodeURIComponent(read1.id)}`);
      await page.locator('.bt-body p').first().waitFor();
      assert.equal((await page.locator('.bt-body p').first().textContent()).trim(), body1[0].trim());

      // Offline for real: the browser says so, and the server is gone too.
      await context.setOffline(true);
      await server.stop();
      stopped = true;
      const failed = [];
      const fromNetwork = [];
      // Requests cut short by the test's own next navigation (ERR_ABORTED) are not failures.
      page.on('requestfailed', (r) => {
        if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.url()} ${r.failure()?.errorText}`);
      });
      page.on('response', (r) => { if (!r.fromServiceWorker()) fromNetwork.push(r.url()); });

      await page.goto(server.url);
      await page.locator('.bt-item').first().waitFor();
      assert.equal(await page.locator('.bt-item').count(), catalog.articles.length);
      assert.equal(await page.evaluate(() => navigator.onLine), false);

      await page.goto(`${server.url}?a=${encodeURIComponent(read1.id)}`);
      await page.locator('.bt-body p').first().waitFor();
      assert.deepEqual((await page.locator('.bt-body p').allTextContents()).map((t) => t.trim()), body1.map((t) => t.trim()));

      await page.reload();
      await page.goto(`${server.url}?a=${encodeURIComponent(unread.id)}`);
      const alert = page.locator('.bt-body [role=alert]');
      await alert.waitFor();
      assert.match(await alert.textContent(), /chưa được lưu/);

      assert.deepEqual(failed.filter((f) => shellName(f.split(' ')[0])), [], 'no shell file failed');
      assert.deepEqual(failed.filter((u) => !u.includes(`/data/articles/${unread.id}.json`)), []);
      assert.deepEqual(fromNetwork.filter(shellName), [], 'every shell file came from the worker');
      // The one failed fetch is the unread article; the browser may log it.
      assert.deepEqual(page.problems.filter((p) => !p.includes(unread.id) && !/Failed to load resource|FetchEvent/.test(p)), []);
    } finally {
      await context.close();
      if (!stopped) await server.stop();
    }
  });

  test('update: the new version waits, the page keeps its files, then takes over on request', { timeout: 180_000 }, async (t) => {
    // Build B: build A with a changed stylesheet (a new hashed name, as Trunk would give it)
    // and a new data set (another catalog version, the last article withdrawn), finished by
    // the same postbuild step, so sw.js lists B's files under a new version.
    const work = tmpDir('update');
    const buildB = join(work, 'B');
    cpSync(dist, buildB, { recursive: true });
    const cssA = readdirSync(buildB).find((f) => /^app-[0-9a-f]{8,16}\.css$/.test(f));
    const css = Buffer.concat([read(cssA, buildB), Buffer.from('\n:root{--bt-build:"B"}\n')]);
    const cssB = `app-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
    for (const f of readdirSync(buildB).filter((x) => x.startsWith(cssA))) unlinkSync(join(buildB, f));
    writeFileSync(join(buildB, cssB), css);
    const htmlA = read('index.html').toString();
    const oldLink = htmlA.match(new RegExp(`<link rel="stylesheet" href="\\./${cssA}"[^>]*>`))[0];
    writeFileSync(join(buildB, 'index.html'), htmlA.replace(oldLink, `<link rel="stylesheet" href="./${cssB}" integrity="${sri(css)}"/>`));
    const catalogB = JSON.parse(read('data/catalog.json', buildB));
    catalogB.version = 'feedfacecafe';
    const withdrawn = catalogB.articles.pop();
    writeFileSync(join(buildB, 'data', 'catalog.json'), JSON.stringify(catalogB));
    execFileSync(process.execPath, [join(root, 'scripts', 'postbuild.mjs'), buildB], { stdio: 'ignore' });
    const A = swOf(dist);
    const B = swOf(buildB);
    assert.notEqual(A.version, B.version);
    assert.ok(B.files[cssB] && !B.files[cssA]);

    // The server follows a symlink, so the deploy can be swapped under a running page.
    const live = join(work, 'live');
    symlinkSync(dist, live);
    const server = await startServer({ subPath: 'reader', dist: live });
    const context = await launchPersistent(tmpDir('update-profile'));
    try {
      const page = await openApp(context, server.url);
      const article = catalog.articles[0];
      await page.goto(`${server.url}?a=${encodeURIComponent(article.id)}`);
      await page.locator('.bt-body p').first().waitFor();
      // Also saved: the article B withdraws, and a search shard (B's catalog would not match it).
      const shard = readdirSync(join(dist, 'data', 'search')).find((f) => f.endsWith('.json'));
      await page.evaluate(async (urls) => { for (const u of urls) await (await fetch(u)).text(); },
        [`data/articles/${encodeURIComponent(withdrawn.id)}.json`, `data/search/${shard}`]);
      const runtimeKeys = () => page.evaluate(async () => {
        const name = (await caches.keys()).find((k) => k.startsWith('bantin-data '));
        return name ? (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname.replace(/^.*?\/data\//, 'data/')).sort() : [];
      });
      assert.deepEqual(await runtimeKeys(), [
        `data/articles/${article.id}.json`, `data/articles/${withdrawn.id}.json`, `data/search/${shard}`,
      ].sort());
      await page.goto(server.url);
      await page.locator('.bt-item').first().waitFor();
      await page.evaluate(() => localStorage.setItem('bt-pwa-test', 'kept across the update'));
      const storedBefore = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
      const cachesA = await page.evaluate(() => caches.keys());
      assert.equal(cachesA.filter((k) => k.startsWith('bantin-shell ')).length, 1);
      assert.ok(cachesA.some((k) => k.startsWith('bantin-shell ') && k.endsWith(A.version)));

      const pageRequests = [];
      page.on('request', (r) => pageRequests.push(r.url()));
      rmSync(live);
      symlinkSync(buildB, live);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      await page.waitForFunction(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return reg.waiting?.state === 'installed';
      });

      // B is installed and waiting; the open page still runs A, and asked for nothing of B.
      const shown = await page.evaluate(() => ({
        css: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href),
        marker: getComputedStyle(document.documentElement).getPropertyValue('--bt-build'),
        controller: !!navigator.serviceWorker.controller,
      }));
      assert.ok(shown.css.some((u) => u.endsWith(cssA)));
      assert.equal(shown.marker, '');
      assert.ok(shown.controller);
      assert.deepEqual(pageRequests.filter((u) => u.includes(cssB)), []);
      const mid = await page.evaluate(() => caches.keys());
      assert.ok(mid.some((k) => k.endsWith(A.version)) && mid.some((k) => k.endsWith(B.version)), 'both versions cached while B waits');
      // A reload while B waits is still A, whole: the waiting worker serves nothing yet.
      await page.reload();
      await page.locator('.bt-item').first().waitFor();
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bt-build')), '');
      assert.deepEqual(pageRequests.filter((u) => u.includes(cssB)), []);

      // The reader's go-ahead: the app's button when it shows one, else the same message.
      const button = page.locator('.bt-update button');
      const viaApp = (await button.count()) > 0;
      t.diagnostic(viaApp ? 'update applied with the app\'s reload button' : 'update applied by posting SKIP_WAITING');
      if (viaApp) await button.click();
      else await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting.postMessage({ type: 'SKIP_WAITING' }));
      // The app reloads itself on controllerchange; either way, wait for B to be active.
      for (;;) {
        const done = await page.evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          return !reg.waiting && reg.active?.state === 'activated';
        }).catch((e) => (/context|navigat|Target/i.test(e.message) ? false : Promise.reject(e)));
        if (done) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await page.goto(server.url);
      await page.locator('.bt-item').first().waitFor();
      const after = await page.evaluate(async () => ({
        css: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href),
        marker: getComputedStyle(document.documentElement).getPropertyValue('--bt-build').trim(),
        caches: await caches.keys(),
        stored: JSON.stringify(Object.entries(localStorage).sort()),
      }));
      assert.ok(after.css.some((u) => u.endsWith(cssB)), 'the page runs B');
      assert.equal(after.marker, '"B"');
      const shells = after.caches.filter((k) => k.startsWith('bantin-shell '));
      assert.equal(shells.length, 1, 'old precache removed');
      assert.ok(shells[0].endsWith(B.version));
      // Saved bodies are kept, except the withdrawn one; the old data set's shard is gone.
      assert.deepEqual(await runtimeKeys(), [`data/articles/${article.id}.json`]);
      assert.equal(await page.locator('.bt-item').count(), catalogB.articles.length);
      assert.equal(after.stored, storedBefore, 'localStorage untouched');

      // The article read under A still opens offline under B (from the older data set, so it
      // is refreshed in the background when online).
      await context.setOffline(true);
      await page.goto(`${server.url}?a=${encodeURIComponent(article.id)}`);
      await page.locator('.bt-body p').first().waitFor();
      await context.setOffline(false);
      assert.deepEqual(page.problems, []);
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
