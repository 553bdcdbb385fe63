// The timeline: the seed articles' events in order with their dates and tiers, undated
// congresses apart, filters, zoom, links per event, and keyboard use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newPage } from './lib/browser.js';
import { useServerAndBrowser } from './lib/harness.js';

const catalog = JSON.parse(readFileSync(new URL('../../dist/data/catalog.json', import.meta.url)));
const hasYear = (d) => typeof d === 'string' && /^\d{4}/.test(d);
const start = (d) => d.split('/')[0];

// What the data says should be on the axis: every event with a year, and every congress
// with a dated mention, once per congress.
const datedEvents = catalog.articles.flatMap((a) => a.events.filter((e) => hasYear(e.date)).map((e) => e.date));
const congressKey = (c) => `${c.tier}|${c.unit}|${c.ordinal ?? ''}`;
const congresses = new Map();
for (const a of catalog.articles) {
  for (const c of a.congresses) {
    const k = congressKey(c);
    const seen = congresses.get(k) ?? { tier: c.tier, dates: [] };
    if (c.date) seen.dates.push(c.date);
    congresses.set(k, seen);
  }
}
const datedCongresses = [...congresses.values()].filter((c) => c.dates.some(hasYear));
const undatedCongresses = [...congresses.values()].filter((c) => !c.dates.some(hasYear));

const env = useServerAndBrowser({ subPath: 'reader' });

async function open(query) {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await newPage(context);
  await page.goto(env.server.url + query);
  await page.locator('#bt-tl-heading').waitFor();
  return { context, page };
}

const firstOccurrences = (page) => page.locator('.bt-tl-buckets [data-first="true"]').evaluateAll((els) =>
  els.map((e) => ({ id: e.dataset.entry, date: e.dataset.date, tier: e.dataset.tier ?? null, congress: e.classList.contains('bt-tl-congress') })));

test('the seed articles\' events appear in date order with their dates and tiers', async () => {
  const { context, page } = await open('?v=timeline');
  const shown = await firstOccurrences(page);
  assert.equal(shown.filter((e) => !e.congress).length, datedEvents.length, 'every dated event once');
  assert.equal(shown.filter((e) => e.congress).length, datedCongresses.length, 'every dated congress once');
  assert.deepEqual(shown.filter((e) => !e.congress).map((e) => e.date).sort(), [...datedEvents].sort());
  const starts = shown.map((e) => start(e.date));
  const keyOf = (s) => s.padEnd(10, '-');
  for (let i = 1; i < starts.length; i++) {
    assert.ok(keyOf(starts[i - 1]) <= keyOf(starts[i]), `${starts[i - 1]} before ${starts[i]}`);
  }
  for (const c of datedCongresses) {
    const entry = shown.find((e) => e.congress && c.dates.includes(e.date));
    assert.ok(entry, `congress dated ${c.dates} is on the axis`);
    assert.equal(entry.tier, c.tier);
  }
  // A month-only date is drawn as a span, labelled as a whole period.
  const monthOnly = shown.find((e) => /^\d{4}-\d{2}$/.test(e.date));
  if (monthOnly) {
    assert.match(await page.locator(`[data-entry="${monthOnly.id}"][data-first="true"] .bt-tl-date`).textContent(), /cả khoảng thời gian/);
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('congresses with no known date are listed apart, never on the axis', async () => {
  const { context, page } = await open('?v=timeline');
  const undated = await page.locator('.bt-tl-undated .bt-tl-congress').evaluateAll((els) => els.map((e) => ({ tier: e.dataset.tier, date: e.dataset.date ?? null })));
  assert.equal(undated.length, undatedCongresses.length);
  assert.deepEqual(undated.map((e) => e.tier).sort(), undatedCongresses.map((c) => c.tier).sort());
  // None of them is drawn on the axis.
  const axisCongresses = await page.locator('.bt-tl-buckets .bt-tl-congress').count();
  assert.equal(axisCongresses >= datedCongresses.length, true);
  assert.match(await page.locator('.bt-tl-undated h3').textContent(), /Chưa rõ ngày/);
  await context.close();
});

test('the list\'s filters apply to the timeline', async () => {
  const province = catalog.articles.find((a) => a.events.some((e) => hasYear(e.date))).province;
  const inProvince = catalog.articles.filter((a) => a.province === province);
  const { context, page } = await open(`?v=timeline&p=${province}`);
  const shown = await firstOccurrences(page);
  const expected = inProvince.flatMap((a) => a.events.filter((e) => hasYear(e.date)).map((e) => e.date)).sort();
  assert.deepEqual(shown.filter((e) => !e.congress).map((e) => e.date).sort(), expected);
  // The tier filter too: a tier no article is about leaves nothing.
  await page.goto(`${env.server.url}?v=timeline&tier=commune`);
  await page.locator('#bt-tl-heading').waitFor();
  assert.equal(await page.locator('.bt-tl-buckets [data-entry]').count(), 0);
  await context.close();
});

test('a filter change starts the timeline again at its first page', async () => {
  // Five copies of each bundled article, under ids of their own: their happenings are
  // entries of their own, more than one page of the timeline.
  const big = {
    ...catalog,
    articles: catalog.articles.flatMap((a) => Array.from({ length: 5 }, (_, k) => ({ ...a, id: `${a.id}-p${k}` }))),
  };
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await newPage(context);
  await page.route('**/data/catalog.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(big) }));
  await page.goto(`${env.server.url}?v=timeline`);
  await page.locator('.bt-tl-link').first().waitFor();
  const drawn = () => page.locator('.bt-tl-buckets .bt-tl-entry').count();
  const more = page.locator('.bt-tl-buckets ~ button.bt-more');
  const firstPage = await drawn();
  const firstLabel = (await more.textContent()).trim();
  await more.click();
  await page.waitForFunction((n) => document.querySelectorAll('.bt-tl-buckets .bt-tl-entry').length > n, firstPage);
  assert.equal(await more.count(), 0, 'the second page draws the rest');
  // A province on, then off again: the same entries as at first, one page of them.
  const box = page.locator('.bt-facet-locality input[type=checkbox][data-code]').first();
  await box.check();
  await page.waitForFunction(() => new URLSearchParams(location.search).has('p'));
  await box.uncheck();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('p'));
  await page.waitForFunction((n) => document.querySelectorAll('.bt-tl-buckets .bt-tl-entry').length === n, firstPage);
  assert.equal((await more.textContent()).trim(), firstLabel);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('zoom by year, month and week', async () => {
  const { context, page } = await open('?v=timeline');
  assert.match(await page.locator('.bt-tl-bucket h3').first().textContent(), /^Tháng /);
  await page.click('button[data-zoom="week"]');
  await page.waitForURL(/z=week/);
  assert.match(await page.locator('.bt-tl-bucket h3').first().textContent(), /^Tuần \d+/);
  await page.click('button[data-zoom="year"]');
  await page.waitForURL(/z=year/);
  const years = await page.locator('.bt-tl-bucket h3').allTextContents();
  assert.ok(years.every((y) => /^Năm \d{4}$/.test(y)));
  await context.close();
});

test('arrow keys move between events, Enter opens one with its articles and its own link', async () => {
  const { context, page } = await open('?v=timeline');
  await page.locator('.bt-tl-link[data-index="0"]').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '1');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index), '1');
  const id = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`e=${id}`));
  await page.locator('.bt-tl-details a').first().waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), id, 'focus stays on the opened event');
  // The event's own link, opened fresh, shows the same event.
  const url = page.url();
  const other = await env.browser.newContext();
  const page2 = await newPage(other);
  await page2.goto(url);
  await page2.locator('.bt-tl-details a').first().waitFor();
  assert.equal(await page2.locator('.bt-tl-selected').getAttribute('data-entry'), id);
  // From an event to the article, and from the article back to its events.
  await page2.click('.bt-tl-details a');
  await page2.locator('.bt-body p').first().waitFor();
  await page2.click('.bt-to-timeline >> nth=0');
  await page2.waitForURL(/v=timeline/);
  await page2.locator('.bt-tl-selected').waitFor();
  await other.close();
  await context.close();
});

test('the "latest date in the data" anchor focuses an event', async () => {
  const { context, page } = await open('?v=timeline');
  await page.click('.bt-today');
  await page.waitForFunction(() => document.activeElement?.classList.contains('bt-tl-link'));
  await context.close();
});
