// WCAG 2.1 A and AA, checked by axe-core on every main view, in Vietnamese and English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { newPage } from './lib/browser.js';
import { useServerAndBrowser } from './lib/harness.js';

const catalog = JSON.parse(readFileSync(new URL('../../dist/data/catalog.json', import.meta.url)));
const env = useServerAndBrowser({ subPath: 'reader' });

async function violations(query, ready, prepare = async () => {}, viewport = undefined) {
  const context = await env.browser.newContext(viewport ? { viewport } : {});
  const page = await newPage(context);
  await page.goto(env.server.url + query);
  await page.locator(ready).first().waitFor();
  await prepare(page);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  await context.close();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

for (const lang of ['vi', 'en']) {
  const suffix = lang === 'en' ? '&lang=en' : '';
  test(`list and filters (${lang})`, async () => {
    assert.deepEqual(await violations(`?sort=newest${suffix}`, '.bt-item', async (page) => {
      await page.click('.bt-facet-congress summary');
      await page.click('.bt-year-picks button >> nth=1');
      await page.locator('.bt-month-picks button').first().waitFor();
    }), []);
  });
  test(`list and filters on a phone, the panel opened (${lang})`, async () => {
    assert.deepEqual(await violations(`?sort=newest${suffix}`, '.bt-item', async (page) => {
      await page.click('button.bt-filters-toggle');
      await page.locator('.bt-facet-locality').waitFor();
    }, { width: 390, height: 800 }), []);
  });
  test(`search results with highlights (${lang})`, async () => {
    assert.deepEqual(await violations(`?q=dai+hoi+xyzqwv${suffix}`, '.bt-item mark'), []);
  });
  test(`timeline (${lang})`, async () => {
    assert.deepEqual(await violations(`?v=timeline${suffix}`, '.bt-tl-link', async (page) => {
      await page.click('.bt-tl-link >> nth=1');
      await page.locator('.bt-tl-details a').first().waitFor();
    }), []);
  });
  test(`bookmarks (${lang})`, async () => {
    assert.deepEqual(await violations(`?v=bookmarks${suffix}`, '#bt-bm-heading', async (page) => {
      await page.click('.bt-nav a >> nth=0');
      await page.locator('.bt-item .bt-bookmark').first().click();
      await page.click('.bt-nav a >> nth=2');
      await page.locator('.bt-bm-item').first().waitFor();
    }), []);
  });
  test(`reading view (${lang})`, async () => {
    assert.deepEqual(await violations(`?a=${catalog.articles[0].id}${suffix}`, '.bt-body p'), []);
  });
}

// The pages rendered at build time, as a reader gets them before the app (or without it): the
// app's scripts are held back (axe itself needs scripting in the page).
for (const [name, path] of [
  ['the list', ''],
  ['an article', `bai-${catalog.articles[0].id}.html`],
  ['a locality\'s embedded list', `nhung-p${catalog.articles[0].province}.html`],
]) {
  test(`pre-rendered ${name}, before the app`, { timeout: 60_000 }, async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    await context.route(/\/(boot-[0-9a-f]+\.js|bantin-app-[0-9a-f]+(_bg\.wasm|\.js))$/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(env.server.url + path);
    await page.locator('.bt-app').waitFor();
    assert.equal(await page.locator('.bt-static-loading').count(), 1, 'the page as rendered at build time');
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    await context.close();
    assert.ok(result.passes.length > 10, 'axe ran on the page');
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`), []);
  });
}
