// The app on a rural 3G link: 400 ms round trip, 400 kbit/s each way (50,000 bytes/s), and a
// phone-class CPU (4× slower), against nginx serving the precompressed build. Prints figures
// only; nothing here is a test.
//
//   node bench/slow-network.mjs [--dist dist] [--runs 3]
//
// First visit: a fresh profile, time from navigation start to the first list title painted
// and to the app working (search and filters usable), and the bytes on the wire (encodedDataLength of every finished request: headers plus the
// compressed body). The service worker's own fetches (its precache) are counted apart: they
// are made by the worker, which the page's throttling does not cover, so the worker target is
// attached and throttled the same way. Repeat visit: a new tab in the same profile, under the
// worker's control. Article: a fresh profile straight to an article's address, to its first
// paragraph painted. Each figure is the median of the runs.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, relative, sep } from 'node:path';
import { startServer } from '../tests/e2e/lib/server.js';
import { launch } from '../tests/e2e/lib/browser.js';

const root = resolve(new URL('..', import.meta.url).pathname);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dist = resolve(arg('dist', join(root, 'dist')));
const RUNS = Number(arg('runs', 3));
const LINK = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const CPU_SLOWDOWN = 4;

if (!existsSync(join(dist, 'sw.js'))) {
  console.error(`no finished build at ${dist} (sw.js missing): run scripts/build.sh first`);
  process.exit(1);
}

// Records, in the page's own clock (ms since navigation start), so that polling from outside
// adds nothing to the figures:
//   __btListAt  the first frame with a list title in it (a frame is not drawn while the page's
//               stylesheet is still loading, so this is when the title is painted);
//   __btParaAt  the same for an article's first paragraph;
//   __btLiveAt  when the app works: its list or article is there and no page rendered at
//               build time is waiting for it (its "loading search and filters" note is gone).
const MARK_LIST = () => {
  const frame = () => {
    const now = performance.now();
    if (!window.__btListAt && document.querySelector('.bt-item-title')) window.__btListAt = now;
    if (!window.__btParaAt && document.querySelector('.bt-body p')) window.__btParaAt = now;
    if (!window.__btLiveAt && document.querySelector('.bt-item, .bt-body p')
      && !document.querySelector('.bt-static-loading')) window.__btLiveAt = now;
    if (!(window.__btLiveAt && (window.__btListAt || window.__btParaAt))) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

/** A throttled tab whose page and service-worker bytes are summed separately. */
async function throttledPage(context) {
  const page = await context.newPage();
  await page.addInitScript(MARK_LIST);
  const cdp = await context.newCDPSession(page);
  const bytes = { page: 0, worker: 0, pageRequests: 0, workerRequests: 0, finished: [] };
  // The protocol's clock is monotonic seconds; each request's wallTime ties it to the epoch.
  let clock = null;
  cdp.on('Network.requestWillBeSent', (e) => { clock ??= { ts: e.timestamp, wall: e.wallTime }; });
  cdp.on('Network.loadingFinished', (e) => {
    bytes.page += e.encodedDataLength;
    bytes.pageRequests++;
    if (clock) bytes.finished.push({ at: (clock.wall + (e.timestamp - clock.ts)) * 1000, n: e.encodedDataLength });
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', LINK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // The worker is attached from the page session (not flattened: playwright-core's session
  // object cannot address child sessions) and held at start until it is throttled too.
  let seq = 0;
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo }) => {
    const send = (method, params = {}) => cdp.send('Target.sendMessageToTarget', {
      sessionId, message: JSON.stringify({ id: ++seq, method, params }),
    }).catch(() => {});
    if (targetInfo.type === 'service_worker') {
      await send('Network.enable');
      await send('Network.emulateNetworkConditions', LINK);
    }
    await send('Runtime.runIfWaitingForDebugger');
  });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    if (m.method === 'Network.loadingFinished') { bytes.worker += m.params.encodedDataLength; bytes.workerRequests++; }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return { page, bytes };
}

async function visit(context, url, { waitForWorker, mark = '__btListAt' }) {
  const { page, bytes } = await throttledPage(context);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction((m) => window[m] && window.__btLiveAt, mark, { timeout: 180_000, polling: 100 });
  const [shownAt, liveAt, origin] = await page.evaluate((m) => [window[m], window.__btLiveAt, performance.timeOrigin], mark);
  // The page's bytes that had arrived when the first title (or paragraph) was painted.
  const shownBytes = bytes.finished.filter((f) => f.at <= origin + shownAt).reduce((n, f) => n + f.n, 0);
  if (waitForWorker) {
    // Until the worker has installed its precache and controls the page: the rest of the
    // first visit's cost, paid after the list is already usable.
    await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 180_000, polling: 200 });
  }
  // Late requests (icons, the manifest) settle.
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.close();
  return { shownAt, liveAt, shownBytes, bytes: { ...bytes } };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

// An article's own address: its page rendered at build time where the build has them, else
// the app's older ?a= address.
const catalog = JSON.parse(readFileSync(join(dist, 'data', 'catalog.json'), 'utf8'));
const articleId = catalog.articles[0].id;
const articlePath = existsSync(join(dist, `bai-${articleId}.html`)) ? `bai-${articleId}.html` : `?a=${articleId}`;

const server = await startServer({ subPath: 'portal/bantin', dist });
const browser = await launch();
const first = [];
const repeat = [];
const article = [];
try {
  for (let run = 0; run < RUNS; run++) {
    // A fresh browser context: empty HTTP cache, no worker, no storage.
    const context = await browser.newContext();
    first.push(await visit(context, server.url, { waitForWorker: true }));
    repeat.push(await visit(context, server.url, { waitForWorker: false }));
    await context.close();
    // A cold visit straight to an article, as from a portal's link.
    const cold = await browser.newContext();
    article.push(await visit(cold, server.url + articlePath, { waitForWorker: true, mark: '__btParaAt' }));
    await cold.close();
    process.stderr.write(`run ${run + 1}/${RUNS} done\n`);
  }
} finally {
  await browser.close();
  await server.stop();
}

const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const row = (label, runs) => {
  const shown = median(runs.map((r) => r.shownAt));
  const live = median(runs.map((r) => r.liveAt));
  const atShown = median(runs.map((r) => r.shownBytes));
  const page = median(runs.map((r) => r.bytes.page));
  const worker = median(runs.map((r) => r.bytes.worker));
  const reqs = median(runs.map((r) => r.bytes.pageRequests));
  const wreqs = median(runs.map((r) => r.bytes.workerRequests));
  return `${pad(label, 22)}${lpad(secs(shown), 10)}${lpad(secs(live), 10)}${lpad(kb(atShown), 13)}${lpad(`${kb(page)} (${reqs})`, 18)}${lpad(`${kb(worker)} (${wreqs})`, 18)}${lpad(kb(page + worker), 12)}`;
};
console.log(`\nSlow network: ${LINK.latency} ms RTT, ${LINK.downloadThroughput * 8 / 1000} kbit/s down/up, CPU ×${CPU_SLOWDOWN}; median of ${RUNS}; ${server.url.replace(/^http:\/\/[^/]+/, '')} from ${relative(root, dist) || dist}`);
console.log(`${pad('visit', 22)}${lpad('painted', 10)}${lpad('app works', 10)}${lpad('bytes @paint', 13)}${lpad('page (requests)', 18)}${lpad('worker (req.)', 18)}${lpad('total', 12)}`);
console.log(row('list, first visit', first));
console.log(row('list, repeat (SW)', repeat));
console.log(row(`article, first visit`, article));
console.log('painted = the first frame with a list title (the article: its first paragraph); app works = its');
console.log('search and filters can be used; bytes = encodedDataLength (headers + compressed body);');
console.log('bytes @paint = the page\'s bytes arrived by the painted frame; worker = the service worker\'s');
console.log(`own fetches (its precache). The article is ${articlePath}.`);

// What each file costs on the wire, as nginx serves it to a brotli-capable browser.
function walk(dir) {
  return readdirSync(dir).filter((name) => !name.startsWith('.')).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [relative(dist, p).split(sep).join('/')];
  });
}
const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
const precached = new Set(Object.keys(JSON.parse(sw.match(/\}\)\("[0-9a-f]{16}", (\{[\s\S]*\})\);\s*$/)[1])));
const files = walk(dist).filter((f) => !/\.(br|gz)$/.test(f));
const sized = files.map((f) => {
  const raw = statSync(join(dist, f)).size;
  const br = existsSync(join(dist, `${f}.br`)) ? statSync(join(dist, `${f}.br`)).size : raw;
  const gz = existsSync(join(dist, `${f}.gz`)) ? statSync(join(dist, `${f}.gz`)).size : raw;
  return { f, raw, br, gz, shell: precached.has(f) || f === 'sw.js' };
});
const shell = sized.filter((x) => x.shell).sort((a, b) => b.br - a.br);
const rest = sized.filter((x) => !x.shell);
console.log('\nFiles of the first visit (app shell, precached), as sent with Accept-Encoding: br');
console.log(`${pad('file', 44)}${lpad('raw', 12)}${lpad('gzip -9', 12)}${lpad('brotli 11', 12)}${lpad('share', 8)}`);
const total = shell.reduce((s, x) => s + x.br, 0);
for (const x of shell) {
  console.log(`${pad(x.f, 44)}${lpad(kb(x.raw), 12)}${lpad(kb(x.gz), 12)}${lpad(kb(x.br), 12)}${lpad(`${(100 * x.br / total).toFixed(1)}%`, 8)}`);
}
const sum = (xs, k) => xs.reduce((s, x) => s + x[k], 0);
console.log(`${pad('total (bodies only, no headers)', 44)}${lpad(kb(sum(shell, 'raw')), 12)}${lpad(kb(sum(shell, 'gz')), 12)}${lpad(kb(total), 12)}`);
const group = (re) => rest.filter((x) => re.test(x.f));
for (const [label, xs] of [['data/articles/* (on open)', group(/^data\/articles\//)], ['data/search/* (per query)', group(/^data\/search\//)]]) {
  if (!xs.length) continue;
  console.log(`${pad(`${label}: ${xs.length} files`, 44)}${lpad(kb(sum(xs, 'raw')), 12)}${lpad(kb(sum(xs, 'gz')), 12)}${lpad(kb(sum(xs, 'br')), 12)}   (largest ${kb(Math.max(...xs.map((x) => x.br)))})`);
}
// Precompression sanity: a .br copy nobody would pick (larger than gzip) means a bad level.
const odd = sized.filter((x) => x.br > x.gz);
if (odd.length) console.log(`note: brotli larger than gzip for ${odd.map((x) => x.f).join(', ')}`);
