// Embedding in portals: a host page on one origin embeds the app from another, by iframe
// (resizes, preset filters, locked locality) and by script (mounts in a shadow root; styles
// do not leak either way; several instances; the host's own script keeps working), all under
// a strict Content-Security-Policy with no violation reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './lib/server.js';
import { launch, newPage } from './lib/browser.js';

const catalog = JSON.parse(readFileSync(new URL('../../dist/data/catalog.json', import.meta.url)));
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
// A province with a district and an article, and another province for the second instance.
const withDistrict = catalog.provinces.find((p) => p.districts.length > 0);
const other = catalog.provinces.find((p) => p.code !== withDistrict.code);
const inProvince = (code) => catalog.articles.filter((a) => a.province === code).map((a) => a.id).sort();

let app;
let host;
let hostDir;
let browser;

function hostPages(appUrl) {
  const appOrigin = new URL(appUrl).origin;
  const css = `
/* A portal's careless global styles: none of this may reach the reader. */
* { color: rgb(255, 0, 0) !important; font-family: serif !important; }
li { display: inline !important; }
.bt-item, .bt-app { border: 9px solid rgb(0, 255, 0) !important; background: rgb(0, 0, 255) !important; }
`;
  writeFileSync(join(hostDir, 'host.css'), css);
  writeFileSync(join(hostDir, 'host.js'), `
let clicks = 0;
document.getElementById('host-button').addEventListener('click', () => {
  clicks += 1;
  document.getElementById('host-count').textContent = String(clicks);
});
`);
  const base = (body) => `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title>
<link rel="stylesheet" href="host.css"></head><body>
<nav><ul><li><a href="#">Trang chủ</a></li><li><a href="#">Tin tức</a></li></ul></nav>
<p class="bt-item" id="host-own">Nội dung của cổng</p>
<button id="host-button" type="button">Đếm</button> <span id="host-count">0</span>
${body}
<script src="host.js"></script>
</body></html>`;
  writeFileSync(join(hostDir, 'iframe.html'), base(`
<iframe id="reader" data-bantin-embed title="Bản tin Đại hội" width="100%" height="150"
  src="${appUrl}?embed=1&p=${withDistrict.code}&lock=1"></iframe>
<script src="${appUrl}embed.js"></script>`));
  writeFileSync(join(hostDir, 'script.html'), base(`
<bantin-reader id="r1" province="${withDistrict.code}" lock></bantin-reader>
<bantin-reader id="r2" province="${other.code}" view="timeline"></bantin-reader>
<script type="module" src="${appUrl}bantin-reader.js"></script>`));
  writeFileSync(join(hostDir, 'index.html'), base(''));
  return appOrigin;
}

before(async () => {
  app = await startServer({
    subPath: 'bantin',
    extraHeaders: { 'Content-Security-Policy': STRICT },
  });
  hostDir = mkdtempSync(join(tmpdir(), 'bantin-host-'));
  // nginx's worker runs as nobody: the folder must be readable by others.
  chmodSync(hostDir, 0o755);
  const appOrigin = hostPages(app.url);
  host = await startServer({
    subPath: 'cong',
    dist: hostDir,
    extraHeaders: {
      'Content-Security-Policy': `default-src 'self'; script-src 'self' ${appOrigin} 'wasm-unsafe-eval'; style-src 'self' ${appOrigin}; img-src 'self' data: ${appOrigin}; connect-src 'self' ${appOrigin}; frame-src ${appOrigin}`,
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.stop();
  await host?.stop();
  rmSync(hostDir, { recursive: true, force: true });
});

/** A page that records every CSP violation in any frame, and console errors. */
async function watchedPage() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await newPage(context);
  page.violations = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) page.violations.push(msg.text());
  });
  return { context, page };
}
async function violations(page) {
  const all = [...page.violations];
  for (const frame of page.frames()) {
    all.push(...await frame.evaluate(() => window.__violations ?? []).catch(() => []));
  }
  return all;
}

test('standalone under the strict CSP: works, with no violation', async () => {
  const { context, page } = await watchedPage();
  const response = await page.goto(app.url);
  assert.equal(response.headers()['content-security-policy'], STRICT);
  await page.locator('.bt-item').first().waitFor();
  await page.goto(`${app.url}?v=timeline`);
  await page.locator('.bt-tl-link').first().waitFor();
  await page.goto(`${app.url}?a=${catalog.articles[0].id}`);
  await page.locator('.bt-body p').first().waitFor();
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('iframe from another origin: resizes, applies the preset, holds the locked locality', async () => {
  const { context, page } = await watchedPage();
  await page.goto(`${host.url}iframe.html`);
  const frame = page.frameLocator('#reader');
  await frame.locator('.bt-item').first().waitFor();
  await page.waitForFunction(() => Number(document.getElementById('reader').getAttribute('height')) > 300);
  const ids = await frame.locator('.bt-item').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(ids, inProvince(withDistrict.code));
  // Locked: no locality filter to change, and clearing the filters keeps it.
  assert.equal(await frame.locator('.bt-facet-locality').count(), 0);
  await frame.locator('input[data-tier="district"]').check();
  await frame.locator('.bt-filters > button').click();
  const frameUrl = () => page.frames().find((f) => f.url().startsWith(app.url)).url();
  await page.waitForFunction(() => true);
  assert.match(frameUrl(), new RegExp(`p=${withDistrict.code}`));
  assert.match(frameUrl(), /lock=1/);
  assert.deepEqual(await frame.locator('.bt-item').evaluateAll((els) => els.map((e) => e.dataset.id).sort()), inProvince(withDistrict.code));
  // A height message that does not come from the frame is ignored.
  const before = await page.getAttribute('#reader', 'height');
  await page.evaluate(() => window.postMessage({ type: 'bantin:height', height: 9999 }, '*'));
  await page.waitForTimeout(100);
  assert.equal(await page.getAttribute('#reader', 'height'), before);
  // The host page's own script still works.
  await page.click('#host-button');
  assert.equal(await page.textContent('#host-count'), '1');
  assert.deepEqual(await violations(page), []);
  await context.close();
});

test('script embed from another origin: mounts in shadow roots, styles isolated both ways', async () => {
  const { context, page } = await watchedPage();
  await page.goto(`${host.url}script.html`);
  const r1 = page.locator('#r1');
  await r1.locator('.bt-item').first().waitFor();
  await page.locator('#r2 .bt-tl-link').first().waitFor();
  // Each instance shows its own preset.
  assert.deepEqual(await r1.locator('.bt-item').evaluateAll((els) => els.map((e) => e.dataset.id).sort()), inProvince(withDistrict.code));
  assert.equal(await r1.locator('.bt-facet-locality').count(), 0, 'locked');
  // The host's styles do not reach in.
  const inside = await r1.locator('.bt-item-title').first().evaluate((el) => {
    const s = getComputedStyle(el);
    const item = getComputedStyle(el.closest('.bt-item'));
    return { color: s.color, font: s.fontFamily, border: item.borderTopWidth, bg: item.backgroundColor, li: item.display };
  });
  assert.notEqual(inside.color, 'rgb(255, 0, 0)');
  assert.doesNotMatch(inside.font, /^serif$/);
  assert.notEqual(inside.border, '9px');
  assert.notEqual(inside.bg, 'rgb(0, 0, 255)');
  assert.notEqual(inside.li, 'inline');
  // The reader's styles do not reach out: the host's own .bt-item keeps the host's look.
  const outside = await page.locator('#host-own').evaluate((el) => getComputedStyle(el).borderTopWidth);
  assert.equal(outside, '9px');
  assert.equal(await page.evaluate(() => document.querySelectorAll('link[rel=stylesheet]').length), 1, 'no stylesheet added to the host document');
  // Interaction inside one instance leaves the other and the host's address alone.
  const hostUrl = page.url();
  await r1.locator('.bt-item-title').first().click();
  await r1.locator('.bt-body p').first().waitFor();
  assert.equal(page.url(), hostUrl);
  assert.equal(await page.locator('#r2 .bt-tl-link').count() > 0, true);
  await page.click('#host-button');
  assert.equal(await page.textContent('#host-count'), '1');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the webmasters\' page builds both snippets with a live preview', async () => {
  const { context, page } = await watchedPage();
  await page.goto(`${app.url}?v=embed`);
  await page.locator('#bt-wm-province').waitFor();
  await page.selectOption('#bt-wm-province', withDistrict.code);
  const district = withDistrict.districts[0].code;
  await page.selectOption('#bt-wm-district', district);
  const snippet = await page.inputValue('#bt-wm-snippet');
  // A district with articles: its own page, rendered at build time.
  assert.ok(catalog.articles.some((a) => a.district === district));
  assert.match(snippet, new RegExp(`<iframe src="${app.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}nhung-d${district}\\.html"`));
  assert.match(snippet, /embed\.js/);
  const preview = page.frameLocator('.bt-wm-preview');
  await preview.locator('.bt-item').first().waitFor();
  assert.deepEqual(
    await preview.locator('.bt-item').evaluateAll((els) => els.map((e) => e.dataset.id).sort()),
    catalog.articles.filter((a) => a.district === district).map((a) => a.id).sort(),
  );
  await page.check('#bt-wm-style-script');
  await page.check('#bt-wm-view-timeline');
  const script = await page.inputValue('#bt-wm-snippet');
  assert.match(script, /<script type="module" src="[^"]+bantin-reader\.js"><\/script>/);
  assert.match(script, new RegExp(`<bantin-reader district="${district}" view="timeline" lock></bantin-reader>`));
  assert.match(await page.inputValue('#bt-wm-csp'), new RegExp(`script-src ${new URL(app.url).origin} 'wasm-unsafe-eval'`));
  assert.deepEqual(await violations(page), []);
  await context.close();
});
