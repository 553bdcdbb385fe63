// The app on a rural 3G link: 400 ms round trip, 400 kbit/s each way (50,000 bytes/s), and a
// phone-class CPU (4× slower), against nginx serving the precompressed build. Prints figures
// only; nothing here is a test.
//
//   node bench/slow-network.mjs [--dist dist] [--runs 3]
//
// First visit: a fresh profile, time from navigation start to the first list item on screen,
// and the bytes on the wire (encodedDataLength of every finished request: headers plus the
// compressed body). The service worker's own fetches (its precache) are counted apart: they
// are made by the worker, which the page's throttling does not cover, so the worker target is
// attached and throttled the same way. Repeat visit: a new tab in the same profile, under the
// worker's control. Each figure is the median of the runs.
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

// Records when the first list item is on screen, in the page's own clock (ms since navigation
// start), so polling from outside adds nothing to the figure.
const MARK_LIST = () => {
  const seen = () => {
    const item = document.querySelector('.bt-item');
    if (item && item.getClientRects().length && !window.__btListAt) {
      window.__btListAt = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); })
    .observe(document, { childList: true, subtree: true });
};

/** A throttled tab whose page and service-worker bytes are summed separately. */
async function throttledPage(context) {
  const page = await context.newPage();
  await page.addInitScript(MARK_LIST);
  const cdp = await context.newCDPSession(page);
  const bytes = { page: 0, worker: 0, pageRequests: 0, workerRequests: 0 };
  cdp.on('Network.loadingFinished', (e) => { bytes.page += e.encodedDataLength; bytes.pageRequests++; });
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

async function visit(context, url, { waitForWorker }) {
  const { page, bytes } = await throttledPage(context);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__btListAt, null, { timeout: 180_000, polling: 100 });
  const listAt = await page.evaluate(() => window.__btListAt);
  const listBytes = { ...bytes };
  if (waitForWorker) {
    // Until the worker has installed its precache and controls the page: the rest of the
    // first visit's cost, paid after the list is already usable.
    await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 180_000, polling: 200 });
  }
  // Late requests (icons, the manifest) settle.
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.close();
  return { listAt, listBytes, bytes: { ...bytes } };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

const server = await startServer({ subPath: 'portal/bantin', dist });
const browser = await launch();
const first = [];
const repeat = [];
try {
  for (let run = 0; run < RUNS; run++) {
    // A fresh browser context: empty HTTP cache, no worker, no storage.
    const context = await browser.newContext();
    first.push(await visit(context, server.url, { waitForWorker: true }));
    repeat.push(await visit(context, server.url, { waitForWorker: false }));
    await context.close();
    process.stderr.write(`run ${run + 1}/${RUNS} done\n`);
  }
} finally {
  await browser.close();
  await server.stop();
}

const row = (label, runs) => {
  const t = median(runs.map((r) => r.listAt));
  const pageAtList = median(runs.map((r) => r.listBytes.page));
  const page = median(runs.map((r) => r.bytes.page));
  const worker = median(runs.map((r) => r.bytes.worker));
  const reqs = median(runs.map((r) => r.bytes.pageRequests));
  const wreqs = median(runs.map((r) => r.bytes.workerRequests));
  return `${pad(label, 14)}${lpad(`${(t / 1000).toFixed(2)} s`, 12)}${lpad(kb(pageAtList), 14)}${lpad(`${kb(page)} (${reqs})`, 18)}${lpad(`${kb(worker)} (${wreqs})`, 18)}${lpad(kb(page + worker), 12)}`;
};
console.log(`\nSlow network: ${LINK.latency} ms RTT, ${LINK.downloadThroughput * 8 / 1000} kbit/s down/up, CPU ×${CPU_SLOWDOWN}; median of ${RUNS}; ${server.url.replace(/^http:\/\/[^/]+/, '')} from ${relative(root, dist) || dist}`);
console.log(`${pad('visit', 14)}${lpad('list shown', 12)}${lpad('page @list', 14)}${lpad('page (requests)', 18)}${lpad('worker (req.)', 18)}${lpad('total', 12)}`);
console.log(row('first', first));
console.log(row('repeat (SW)', repeat));
console.log('bytes = encodedDataLength (headers + compressed body); worker = the service worker\'s own fetches');
console.log('(its precache: mostly HTTP-cache hits for the hashed files the page has just loaded).');

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
