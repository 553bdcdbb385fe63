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
