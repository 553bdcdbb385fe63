// The walking skeleton: served from a sub-path by nginx, the app starts in Vietnamese and
// lists every article title of the bundled data set, with no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useServerAndBrowser } from './lib/harness.js';
import { newPage } from './lib/browser.js';

const catalog = JSON.parse(readFileSync(new URL('../../dist/data/catalog.json', import.meta.url)));
const env = useServerAndBrowser({ subPath: 'portal/bantin' });

test('starts in Vietnamese under a sub-path and lists the bundled titles', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  const response = await page.goto(env.server.url);
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  const items = page.locator('.bt-item-title');
  await items.first().waitFor();
  const shown = await items.allTextContents();
  const expected = catalog.articles.map((a) => a.title);
  assert.equal(shown.length, expected.length);
  assert.deepEqual([...shown].sort(), [...expected].sort());
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('wasm is served with its own type and the data file from the sub-path', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  const seen = [];
  page.on('response', (r) => seen.push({ url: r.url(), type: r.headers()['content-type'] }));
  await page.goto(env.server.url);
  // The app has taken over the page rendered at build time: it has fetched its data.
  await page.locator('.bt-static-loading').waitFor({ state: 'detached' });
  await page.locator('.bt-item-title').first().waitFor();
  const wasm = seen.find((r) => r.url.endsWith('.wasm'));
  assert.ok(wasm, 'a wasm file was loaded');
  assert.match(wasm.type, /^application\/wasm/);
  assert.ok(seen.some((r) => r.url.startsWith(env.server.url) && r.url.includes('/data/catalog.json')));
  assert.deepEqual(page.problems, []);
  await context.close();
});
