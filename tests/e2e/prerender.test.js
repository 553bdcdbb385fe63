// Pages rendered at build time: the list and every article are readable with no script at
// all, or with the wasm blocked; the live app takes over the page it finds without showing
// its content twice, and its markup is the pre-rendered markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useServerAndBrowser } from './lib/harness.js';
import { newPage } from './lib/browser.js';

const catalog = JSON.parse(readFileSync(new URL('../../dist/data/catalog.json', import.meta.url)));
const env = useServerAndBrowser({ subPath: 'reader' });
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/** The newest article first, as the list shows it. */
const newest = [...catalog.articles].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));

async function readWithout(what, route) {
  const context = await env.browser.newContext({ javaScriptEnabled: what !== 'script' });
  if (route) await context.route(route, (r) => r.abort());
  const page = await newPage(context, { scripting: what !== 'script' });
  return { context, page };
}

const BLOCKED = { script: null, wasm: '**/*.wasm', 'glue module': '**/bantin-app-*.js' };
for (const what of ['script', 'wasm', 'glue module']) {
  test(`with the ${what} off, the list shows the titles and a title opens the article's text`, async () => {
    const { context, page } = await readWithout(what, BLOCKED[what]);
    await page.goto(env.server.url);
    const titles = await page.locator('.bt-item-title').allTextContents();
    assert.deepEqual(titles.sort(), catalog.articles.map((a) => a.title).sort());
    // The list carries no bodies.
    const html = await page.content();
    assert.ok(html.length < 40_000, `the list page is ${html.length} characters`);
    const first = page.locator('.bt-item-title').first();
    const title = await first.textContent();
    const article = catalog.articles.find((a) => a.title === title);
    await first.click();
    await page.waitForURL(`${env.server.url}bai-${article.id}.html`);
    assert.equal(await page.locator('#bt-article-title').textContent(), title);
    const paragraphs = await page.locator('.bt-body p').allTextContents();
    assert.ok(paragraphs.length >= 2, 'the text is there');
    // The way back to the list works too.
    await page.locator('.bt-back').click();
    await page.waitForURL(env.server.url);
    await page.locator('.bt-item-title').first().waitFor();
    if (what === 'script') {
      // The controls that need the app say so, and cannot be used.
      assert.match(await page.locator('noscript').first().evaluate((n) => n.textContent), /JavaScript/);
      assert.equal(await page.locator('aside').getAttribute('inert'), '');
      assert.equal(await page.locator('.bt-static-loading').isVisible(), false);
    } else {
      // The reader is told, and can try again; once the network is back, that works.
      const failed = page.locator('.bt-boot-failed[role=alert]');
      await failed.waitFor();
      assert.match(await failed.textContent(), /Không tải được/);
      await context.unroute(BLOCKED[what]);
      await failed.locator('button').click();
      await page.waitForFunction(() => document.querySelector('.bt-item')
        && !document.querySelector('.bt-static-loading, .bt-boot-failed'));
      await page.locator('#bt-q').fill('dai hoi');
      await page.waitForURL(/q=dai/);
    }
    await context.close();
  });
}

test('every article has its own page, under the sub-path, with its text and a way back', async () => {
  const { context, page } = await readWithout('script');
  for (const article of catalog.articles) {
    const response = await page.goto(`${env.server.url}bai-${article.id}.html`);
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('#bt-article-title').textContent(), article.title);
    assert.match(await page.title(), new RegExp(`^${article.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — `));
    const body = JSON.parse(readFileSync(new URL(`../../dist/data/articles/${article.id}.json`, import.meta.url)));
    assert.deepEqual(await page.locator('.bt-body p').allTextContents(), body.body);
    assert.equal(await page.locator('.bt-back').evaluate((a) => a.href), env.server.url);
  }
  const missing = await page.goto(`${env.server.url}bai-no-such-article.html`);
  assert.equal(missing.status(), 404);
  await context.close();
});

/** The app's markup in a canonical form (attributes sorted, comments left out), without what
 * differs by design: the static page's notes and the attributes that keep its controls from
 * being used before the app has arrived. */
const canonical = (root) => root.evaluate((el) => {
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    if (node.matches('noscript, .bt-static-loading')) return '';
    const attrs = [...node.attributes]
      .filter((a) => a.name !== 'inert' && a.name !== 'disabled')
      .map((a) => `${a.name}="${a.value}"`)
      .sort()
      .join(' ');
    const inner = [...node.childNodes].map(walk).join('');
    return `<${node.localName}${attrs ? ` ${attrs}` : ''}>${inner}</${node.localName}>`;
  };
  return walk(el);
});

test('each locality with articles has its embedded list, with its titles only, readable with no script', async () => {
  const { context, page } = await readWithout('script');
  const localities = [
    ...new Set(catalog.articles.map((a) => a.province).filter(Boolean).map((c) => `p${c}`)),
    ...new Set(catalog.articles.map((a) => a.district).filter(Boolean).map((c) => `d${c}`)),
  ];
  assert.ok(localities.length >= 4);
  for (const locality of localities) {
    const response = await page.goto(`${env.server.url}nhung-${locality}.html`);
    assert.equal(response.status(), 200, locality);
    const code = locality.slice(1);
    const expected = catalog.articles
      .filter((a) => (locality[0] === 'p' ? a.province : a.district) === code)
      .map((a) => a.title);
    assert.deepEqual((await page.locator('.bt-item-title').allTextContents()).sort(), expected.sort(), locality);
    // The compact chrome of a portal's frame, with no footer.
    assert.equal(await page.locator('.bt-app.bt-embedded').count(), 1);
    assert.equal(await page.locator('.bt-footer').count(), 0);
  }
  await context.close();
});

for (const [name, path, ready] of [
  ['the list', '', '.bt-item-title'],
  ['an article', () => `bai-${newest[0].id}.html`, '.bt-body p'],
  ['a locality\'s embedded list', () => `nhung-p${newest[0].province}.html`, '.bt-item-title'],
]) {
  test(`the live app takes over ${name} with the same markup, once, with no CSP violation`, async () => {
    const address = env.server.url + (typeof path === 'function' ? path() : path);
    const staticContext = await env.browser.newContext({ javaScriptEnabled: false });
    const staticPage = await staticContext.newPage();
    await staticPage.goto(address);
    const before = await canonical(staticPage.locator('.bt-app'));
    await staticContext.close();

    const context = await env.browser.newContext();
    const page = await newPage(context);
    const violations = [];
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
    });
    page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text()); });
    await page.goto(address);
    // Taken over: the static notes are gone and the controls can be used.
    await page.locator('.bt-static-loading').waitFor({ state: 'detached' });
    await page.locator(ready).first().waitFor();
    assert.equal(await page.locator('.bt-app').count(), 1, 'one app, not two');
    const after = await canonical(page.locator('.bt-app'));
    assert.equal(after, before);
    assert.deepEqual(violations, []);
    assert.deepEqual(page.problems, []);
    await context.close();
  });
}

test('the live app on an article page moves through the app, and back and reload keep the place', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  const [first, second] = newest;
  await page.goto(`${env.server.url}bai-${first.id}.html`);
  await page.locator('.bt-static-loading').waitFor({ state: 'detached' });
  // Within the app: no page load, and the address is the next article's own page.
  await page.evaluate(() => { window.__samePage = true; });
  await page.locator('.bt-pager a[rel="next"]').click();
  await page.waitForURL(`${env.server.url}bai-${second.id}.html`);
  assert.equal(await page.locator('#bt-article-title').textContent(), second.title);
  assert.equal(await page.evaluate(() => window.__samePage), true);
  // Data still loads from the app's folder, not from a/.
  await page.locator('.bt-body p').first().waitFor();
  await page.goBack();
  await page.waitForURL(`${env.server.url}bai-${first.id}.html`);
  assert.equal(await page.locator('#bt-article-title').textContent(), first.title);
  await page.locator('.bt-back').click();
  await page.waitForURL(env.server.url);
  await page.locator('#bt-q').fill('dai hoi');
  await page.waitForURL(/\?q=dai%20hoi/);
  await page.reload();
  await page.locator('.bt-static-loading').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#bt-q').inputValue(), 'dai hoi');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the old ?a= address of an article still opens it', async () => {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(`${env.server.url}?a=${newest[1].id}&q=dai%20hoi`);
  await page.locator('.bt-static-loading').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#bt-article-title').textContent(), newest[1].title);
  // The address becomes the article's own page, the rest of the state kept.
  assert.equal(page.url(), `${env.server.url}bai-${newest[1].id}.html?q=dai%20hoi`);
  await page.locator('.bt-body p').first().waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('on a 360×640 phone, the header is one row and the first title, or the text, is on the first screen', async () => {
  for (const javaScriptEnabled of [false, true]) {
    const context = await env.browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled });
    const page = await context.newPage();
    for (const [path, first] of [['', '.bt-item-title'], [`bai-${newest[0].id}.html`, '.bt-body p']]) {
      await page.goto(env.server.url + path);
      if (javaScriptEnabled) await page.locator('.bt-static-loading').waitFor({ state: 'detached' });
      const header = await page.locator('.bt-header').boundingBox();
      assert.ok(header.height < 60, `${path || 'list'}: the header is ${header.height}px tall`);
      const box = await page.locator(first).first().boundingBox();
      assert.ok(box.y + 20 < 640, `${path || 'list'}: ${first} starts at ${box.y}px`);
      // Nothing sticks out sideways.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
    }
    await context.close();
  }
});
