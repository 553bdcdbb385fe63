// Bookmarks survive: reloads, offline reloads, two tabs, export and import into a fresh
// profile, corrupt storage, blocked or full storage, and articles gone from a newer data set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPersistent, newPage } from './lib/browser.js';
import { useServerAndBrowser } from './lib/harness.js';

const catalog = JSON.parse(readFileSync(new URL('../../dist/data/catalog.json', import.meta.url)));
const [first, second, third] = catalog.articles.map((a) => a.id);
const KEY = 'bantin.bookmarks';

const env = useServerAndBrowser({ subPath: 'reader' });

async function openIn(context, query = '') {
  const page = await newPage(context);
  await page.goto(env.server.url + query);
  await page.locator('#bt-results-heading, #bt-bm-heading, .bt-article').first().waitFor();
  return page;
}
const button = (page, id) => page.locator(`.bt-item[data-id="${id}"] .bt-bookmark`);
const stored = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), KEY);
const storedIds = async (page) => ((await stored(page))?.items ?? []).map((i) => i.id).sort();

test('bookmark from the list and the reading view; it survives a reload', async () => {
  const context = await env.browser.newContext();
  const page = await openIn(context);
  await button(page, first).click();
  assert.equal(await button(page, first).getAttribute('aria-pressed'), 'true');
  await page.goto(`${env.server.url}?a=${second}`);
  await page.locator('.bt-article .bt-bookmark').click();
  assert.equal(await page.locator('.bt-article .bt-bookmark').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await storedIds(page), [first, second].sort());
  await page.reload();
  await page.locator('.bt-article .bt-bookmark[aria-pressed="true"]').waitFor();
  await page.goto(`${env.server.url}?v=bookmarks`);
  await page.locator('.bt-bm-item').first().waitFor();
  const listed = await page.locator('.bt-bm-item').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(listed, [first, second].sort());
  // Grouped by locality: each group heading is a locality label.
  const headings = await page.locator('.bt-bm-group h3').allTextContents();
  assert.ok(headings.length >= 1);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the b key toggles the focused entry, and un-bookmarking works', async () => {
  const context = await env.browser.newContext();
  const page = await openIn(context);
  await page.keyboard.press('j');
  const focused = await page.evaluate(() => document.activeElement.closest('.bt-item').dataset.id);
  await page.keyboard.press('b');
  assert.equal(await button(page, focused).getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('b');
  assert.equal(await button(page, focused).getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await storedIds(page), []);
  await context.close();
});

test('two tabs: changes in one appear in the other, and no write is lost', async () => {
  const context = await env.browser.newContext();
  const a = await openIn(context);
  const b = await openIn(context);
  await button(a, first).click();
  await b.locator(`.bt-item[data-id="${first}"] .bt-bookmark[aria-pressed="true"]`).waitFor();
  // Each tab adds one without reloading: both survive.
  await button(b, second).click();
  await button(a, third).click();
  await a.locator(`.bt-item[data-id="${second}"] .bt-bookmark[aria-pressed="true"]`).waitFor();
  await b.locator(`.bt-item[data-id="${third}"] .bt-bookmark[aria-pressed="true"]`).waitFor();
  assert.deepEqual(await storedIds(a), [first, second, third].sort());
  // A removal in one tab is not undone by the other's next write.
  await button(a, first).click();
  await b.locator(`.bt-item[data-id="${first}"] .bt-bookmark[aria-pressed="false"]`).waitFor();
  await button(b, second).click();
  assert.deepEqual(await storedIds(a), [third]);
  assert.equal(await button(a, first).getAttribute('aria-pressed'), 'false');
  await context.close();
});

test('export to JSON and to browser HTML, import the JSON into a fresh profile without duplicates', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await openIn(context);
  await button(page, first).click();
  await button(page, second).click();
  await page.goto(`${env.server.url}?v=bookmarks`);
  await page.locator('.bt-bm-item').first().waitFor();
  await page.locator(`.bt-bm-item[data-id="${first}"] .bt-note`).fill('Đọc lại trước hội nghị');
  await page.locator(`.bt-bm-item[data-id="${first}"] .bt-note`).press('Enter');
  await page.locator(`.bt-bm-item[data-id="${first}"] .bt-note`).blur();
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('.bt-export-json')]);
  const jsonPath = await json.path();
  const exported = JSON.parse(readFileSync(jsonPath, 'utf8'));
  assert.equal(exported.format, 'bantin-bookmarks');
  assert.deepEqual(exported.items.map((i) => i.id).sort(), [first, second].sort());
  assert.equal(exported.items.find((i) => i.id === first).note, 'Đọc lại trước hội nghị');
  const [html] = await Promise.all([page.waitForEvent('download'), page.click('.bt-export-html')]);
  const netscape = readFileSync(await html.path(), 'utf8');
  assert.match(netscape, /^<!DOCTYPE NETSCAPE-Bookmark-file-1>/);
  assert.equal((netscape.match(/<DT><A HREF="/g) ?? []).length, 2);
  assert.ok(netscape.includes(`bai-${first}.html`));

  const fresh = await env.browser.newContext();
  const other = await openIn(fresh, '?v=bookmarks');
  await button(await openIn(fresh), second).click();
  await other.reload();
  await other.locator('#bt-bm-heading').waitFor();
  await other.setInputFiles('.bt-import input[type=file]', jsonPath);
  await other.locator('.bt-bm-tools [role=status]', { hasText: 'Đã nhập' }).waitFor();
  assert.match(await other.locator('.bt-bm-tools [role=status]').textContent(), /mới: 1\./);
  assert.deepEqual(await storedIds(other), [first, second].sort());
  assert.equal((await stored(other)).items.find((i) => i.id === first).note, 'Đọc lại trước hội nghị');
  await fresh.close();
  await context.close();
});

test('corrupt stored data: what can be read is kept, the rest set aside and reported', async () => {
  const context = await env.browser.newContext();
  const good = { id: first, saved_at: 1, updated_at: 1, title: 'x' };
  const damaged = `{"format":"bantin-bookmarks","version":2,"items":[${JSON.stringify(good)},{"id":42,"saved_at":"soon"}],"removed":[]}`;
  await context.addInitScript(([k, v]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, v);
      sessionStorage.setItem('seeded', '1');
    }
  }, [KEY, damaged]);
  const page = await openIn(context, '?v=bookmarks');
  await page.locator('.bt-storage-problem').waitFor();
  assert.match(await page.locator('.bt-storage-problem').textContent(), /bị hỏng.*khôi phục được: 1.*cất riêng/s);
  assert.deepEqual(await storedIds(page), [first]);
  const setAside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bantin.bookmarks.set-aside.')).map((k) => localStorage.getItem(k)));
  assert.equal(setAside.length, 1);
  assert.ok(setAside[0].includes('"soon"'), 'the unreadable record is kept as it was');
  await context.close();
});

test('an older stored format is migrated, and the old text kept', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(([k, v]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, v);
      sessionStorage.setItem('seeded', '1');
    }
  }, [KEY, JSON.stringify([first, second])]);
  const page = await openIn(context, '?v=bookmarks');
  await page.locator('.bt-bm-item').first().waitFor();
  const s = await stored(page);
  assert.equal(s.version, 2);
  assert.deepEqual(s.items.map((i) => i.id).sort(), [first, second].sort());
  assert.ok(s.items.every((i) => i.title.length > 0), 'titles filled from the data set');
  assert.equal(await page.evaluate((k) => localStorage.getItem(`${k}.backup-v1`), KEY), JSON.stringify([first, second]));
  await context.close();
});

test('storage that refuses writes: a clear message, and bookmarks keep working in memory', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  const page = await openIn(context);
  await button(page, first).click();
  assert.equal(await button(page, first).getAttribute('aria-pressed'), 'true');
  await page.goto(`${env.server.url}?v=bookmarks`).catch(() => {});
  await page.locator('#bt-bm-heading').waitFor();
  await context.close();

  const blocked = await env.browser.newContext();
  await blocked.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  const p2 = await openIn(blocked);
  await button(p2, first).click();
  assert.equal(await button(p2, first).getAttribute('aria-pressed'), 'true');
  await p2.click('.bt-nav a >> nth=2');
  await p2.locator('.bt-storage-problem').waitFor();
  assert.match(await p2.locator('.bt-storage-problem').textContent(), /chặn bộ nhớ/);
  await p2.locator(`.bt-bm-item[data-id="${first}"]`).waitFor();
  await blocked.close();
});

test('a full storage is reported in the bookmarks view', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  const page = await openIn(context, '?v=bookmarks');
  await page.click('.bt-nav a >> nth=0');
  await button(page, first).click();
  await page.click('.bt-nav a >> nth=2');
  await page.locator('.bt-storage-problem').waitFor();
  assert.match(await page.locator('.bt-storage-problem').textContent(), /Không ghi được/);
  await page.locator(`.bt-bm-item[data-id="${first}"]`).waitFor();
  await context.close();
});

test('a bookmark whose article left the data set is kept and shown as unavailable', async () => {
  const context = await env.browser.newContext();
  const gone = { id: 'bai-da-go', saved_at: 1_600_000_000_000, updated_at: 1_600_000_000_000, title: 'Bài đã gỡ khỏi cổng', locality: 'huyện Đầm Hà, Quảng Ninh' };
  const present = { id: first, saved_at: 1_600_000_000_000, updated_at: 1_600_000_000_000, title: 'x' };
  await context.addInitScript(([k, v]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, v);
      sessionStorage.setItem('seeded', '1');
    }
  }, [KEY, JSON.stringify({ format: 'bantin-bookmarks', version: 2, items: [gone, present], removed: [] })]);
  const page = await openIn(context, '?v=bookmarks');
  await page.locator('.bt-bm-unavailable .bt-bm-item').waitFor();
  assert.match(await page.locator('.bt-bm-unavailable').textContent(), /Bài đã gỡ khỏi cổng/);
  await page.locator(`.bt-bm-item[data-id="${first}"]`).waitFor();
  await page.reload();
  await page.locator('.bt-bm-unavailable .bt-bm-item').waitFor();
  assert.deepEqual(await storedIds(page), ['bai-da-go', first].sort());
  await context.close();
});

test('a share link opens a read-only list that can be saved', async () => {
  const context = await env.browser.newContext();
  const page = await openIn(context);
  await button(page, first).click();
  await button(page, third).click();
  await page.goto(`${env.server.url}?v=bookmarks`);
  await page.locator('.bt-bm-item').first().waitFor();
  const link = await page.inputValue('#bt-share-link');
  assert.ok(link.startsWith(env.server.url), link);
  const fresh = await env.browser.newContext();
  const other = await newPage(fresh);
  await other.goto(link);
  await other.locator('.bt-shared .bt-item').first().waitFor();
  const ids = await other.locator('.bt-shared .bt-item').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(ids, [first, third].sort());
  assert.equal(await other.locator('.bt-shared .bt-bookmark').count(), 0, 'read-only');
  await other.click('.bt-save-shared');
  assert.deepEqual(await storedIds(other), [first, third].sort());
  await fresh.close();
  await context.close();
});

test('bookmarks survive an offline reload of the installed app', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bantin-bm-'));
  const context = await launchPersistent(dir);
  try {
    const page = await newPage(context);
    await page.goto(env.server.url);
    await page.locator('.bt-item').first().waitFor();
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return reg.active?.state;
    });
    await button(page, first).click();
    await page.reload();
    await page.locator('.bt-item').first().waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await page.locator(`.bt-item[data-id="${first}"] .bt-bookmark[aria-pressed="true"]`).waitFor();
    await page.click('.bt-nav a >> nth=2');
    await page.locator(`.bt-bm-item[data-id="${first}"]`).waitFor();
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
