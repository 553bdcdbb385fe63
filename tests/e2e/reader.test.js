// The reader: list order, each filter with its counts, search with and without diacritics,
// the reading view, deep links, back/forward, reload, keyboard use and the English toggle.
// Expected values are computed from the bundled catalog, not written down by hand.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newPage } from './lib/browser.js';
import { useServerAndBrowser } from './lib/harness.js';

const dataDir = new URL('../../dist/data/', import.meta.url);
const catalog = JSON.parse(readFileSync(new URL('catalog.json', dataDir)));
const bodies = Object.fromEntries(catalog.articles.map((a) => [
  a.id, JSON.parse(readFileSync(new URL(`articles/${a.id}.json`, dataDir))).body,
]));

// The same folding the app promises: no tone or vowel marks, đ → d, lower case.
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
const articleDate = (a) => {
  if (a.published) return { date: a.published, basis: 'pub' };
  const dates = [...a.events.map((e) => e.date), ...a.congresses.map((c) => c.date).filter(Boolean)]
    .filter((d) => /^\d{4}/.test(d)).sort();
  return dates.length ? { date: dates[0], basis: 'event' } : null;
};
const byId = Object.fromEntries(catalog.articles.map((a) => [a.id, a]));
const provinceOf = (a) => a.province;

const env = useServerAndBrowser({ subPath: 'reader' });

async function open(query = '') {
  const context = await env.browser.newContext();
  const page = await newPage(context);
  await page.goto(env.server.url + query);
  await page.locator('#bt-results-heading, .bt-article').first().waitFor();
  return { context, page };
}

const shownIds = (page) => page.locator('.bt-item').evaluateAll((els) => els.map((e) => e.dataset.id));
const countOf = async (page, selector) => Number((await page.locator(selector).locator('xpath=..').locator('.bt-count').textContent()).trim());
const heading = (page) => page.locator('#bt-results-heading').textContent();

describe('list', () => {
  test('newest first, by publication date then event date, labelled', async () => {
    const { context, page } = await open();
    const expected = [...catalog.articles]
      .map((a) => ({ id: a.id, d: articleDate(a) }))
      .sort((x, y) => (x.d && y.d ? (x.d.date < y.d.date ? 1 : x.d.date > y.d.date ? -1 : x.id.localeCompare(y.id)) : x.d ? -1 : y.d ? 1 : x.id.localeCompare(y.id)))
      .map((x) => x.id);
    assert.deepEqual(await shownIds(page), expected);
    // Articles dated only by their events say so.
    for (const a of catalog.articles) {
      const item = page.locator(`.bt-item[data-id="${a.id}"]`);
      const meta = await item.locator('.bt-meta').textContent();
      const d = articleDate(a);
      if (d?.basis === 'event') assert.match(meta, /theo ngày sự kiện/);
      assert.equal((await item.locator('.bt-item-title').textContent()).trim(), a.title);
    }
    // Vietnamese dates with the weekday: 28/03/2020 was a Saturday.
    const damHa = catalog.articles.find((a) => a.published?.startsWith('2020-03-28'));
    assert.match(await page.locator(`.bt-item[data-id="${damHa.id}"] .bt-date`).textContent(), /Thứ Bảy, 28\/03\/2020/);
    assert.match(await heading(page), new RegExp(`^${catalog.articles.length} bài viết`));
    assert.deepEqual(page.problems, []);
    await context.close();
  });

  test('oldest-first and title sorting', async () => {
    const { context, page } = await open('?sort=title');
    const titles = await page.locator('.bt-item-title').allTextContents();
    const sorted = [...titles].sort((a, b) => fold(a).localeCompare(fold(b)) || a.localeCompare(b));
    assert.deepEqual(titles, sorted);
    await page.selectOption('.bt-sort select', 'oldest');
    await page.waitForURL(/sort=oldest/);
    const ids = await shownIds(page);
    const dated = ids.filter((id) => articleDate(byId[id]));
    const dates = dated.map((id) => articleDate(byId[id]).date);
    assert.deepEqual(dates, [...dates].sort());
    await context.close();
  });
});

describe('paging', () => {
  // A catalog of 25 entries, five copies of each bundled article under ids of their own,
  // served in place of the bundled one: more than two pages of the list.
  const copies = 5;
  const bigCatalog = {
    ...catalog,
    articles: catalog.articles.flatMap((a) => Array.from({ length: copies }, (_, k) => ({ ...a, id: `${a.id}-p${k}`, title: `${a.title} (${k + 1})` }))),
  };
  const total = bigCatalog.articles.length;
  async function openBig() {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const page = await newPage(context);
    await page.route('**/data/catalog.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(bigCatalog) }));
    await page.goto(env.server.url);
    await page.locator('.bt-item').first().waitFor();
    return { context, page };
  }
  const more = (page) => page.locator('button.bt-more');

  test('the list draws a page at a time; "Xem thêm" adds the next, in the same order', async () => {
    const { context, page } = await openBig();
    assert.match(await heading(page), new RegExp(`^${total} bài viết`));
    const first = await shownIds(page);
    assert.equal(first.length, 10);
    assert.equal((await more(page).textContent()).trim(), `Xem thêm (10 / ${total})`);
    await more(page).click();
    await page.waitForFunction(() => document.querySelectorAll('.bt-item').length === 20);
    const second = await shownIds(page);
    assert.deepEqual(second.slice(0, 10), first);
    assert.equal((await more(page).textContent()).trim(), `Xem thêm (20 / ${total})`);
    await more(page).click();
    await page.waitForFunction((n) => document.querySelectorAll('.bt-item').length === n, total);
    const all = await shownIds(page);
    assert.deepEqual(all.slice(0, 20), second);
    assert.deepEqual([...all].sort(), bigCatalog.articles.map((a) => a.id).sort());
    assert.equal(await more(page).count(), 0);
    // A new selection starts from the top again: one page.
    await page.selectOption('.bt-sort select', 'oldest');
    await page.waitForFunction(() => document.querySelectorAll('.bt-item').length === 10);
    const oldest = (await shownIds(page)).map((id) => articleDate(byId[id.replace(/-p\d+$/, '')])?.date).filter(Boolean);
    assert.deepEqual(oldest, [...oldest].sort());
    assert.equal(oldest[0], bigCatalog.articles.map((a) => articleDate(a)?.date).filter(Boolean).sort()[0]);
    assert.equal((await more(page).textContent()).trim(), `Xem thêm (10 / ${total})`);
    assert.deepEqual(page.problems, []);
    await context.close();
  });

  test('j past the last entry drawn draws the next page and moves to it', async () => {
    const { context, page } = await openBig();
    const first = await shownIds(page);
    await page.locator('.bt-item-title').first().focus();
    const focusedId = () => page.evaluate(() => document.activeElement.closest('.bt-item')?.dataset.id);
    for (let i = 1; i < 10; i++) await page.keyboard.press('j');
    assert.equal(await focusedId(), first[9]);
    assert.equal(await page.locator('.bt-item').count(), 10);
    await page.keyboard.press('j');
    await page.waitForFunction(() => document.activeElement.closest('.bt-item')?.dataset.pos === '10');
    const after = await shownIds(page);
    assert.equal(after.length, 20);
    assert.deepEqual(after.slice(0, 10), first);
    assert.equal(await focusedId(), after[10]);
    await page.keyboard.press('k');
    assert.equal(await focusedId(), first[9]);
    assert.deepEqual(page.problems, []);
    await context.close();
  });
});

describe('locality filter', () => {
  test('OR within the facet, counts of other values unchanged, AND with tiers', async () => {
    const { context, page } = await open();
    const provinces = catalog.provinces.map((p) => p.code);
    const countFor = (code, articles) => articles.filter((a) => provinceOf(a) === code).length;
    for (const code of provinces) {
      assert.equal(await countOf(page, `.bt-facet-locality input[data-code="${code}"]`), countFor(code, catalog.articles));
    }
    const [first, second] = provinces;
    await page.check(`.bt-facet-locality input[data-code="${first}"]`);
    await page.waitForURL(new RegExp(`p=${first}`));
    let expected = catalog.articles.filter((a) => a.province === first).map((a) => a.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), expected);
    // Picking one province leaves the other provinces' counts as they were.
    for (const code of provinces) {
      assert.equal(await countOf(page, `.bt-facet-locality input[data-code="${code}"]`), countFor(code, catalog.articles));
    }
    await page.check(`.bt-facet-locality input[data-code="${second}"]`);
    expected = catalog.articles.filter((a) => [first, second].includes(a.province)).map((a) => a.id).sort();
    await page.waitForFunction((n) => document.querySelectorAll('.bt-item').length === n, expected.length);
    assert.deepEqual((await shownIds(page)).sort(), expected);
    // AND with the tier facet: subject congresses of the district tier only.
    await page.check('input[data-tier="district"]');
    const subjectTier = (a) => {
      const subj = a.congresses.filter((c) => c.role === 'subject');
      return (subj.length ? subj : a.congresses).map((c) => c.tier);
    };
    expected = catalog.articles.filter((a) => [first, second].includes(a.province) && subjectTier(a).includes('district')).map((a) => a.id).sort();
    await page.waitForURL(/tier=district/);
    assert.deepEqual((await shownIds(page)).sort(), expected);
    // Province counts now count district-tier articles only, for every province.
    for (const code of provinces) {
      const n = catalog.articles.filter((a) => a.province === code && subjectTier(a).includes('district')).length;
      assert.equal(await countOf(page, `.bt-facet-locality input[data-code="${code}"]`), n);
    }
    assert.match(await heading(page), new RegExp(`^${expected.length} bài viết`));
    await context.close();
  });

  test('district selection and typing to find a locality without diacritics', async () => {
    const { context, page } = await open();
    const province = catalog.provinces.find((p) => p.districts.length > 0 && fold(p.name) === 'ha tinh') ?? catalog.provinces.find((p) => p.districts.length > 0);
    await page.fill('#bt-locality-q', fold(province.name));
    const visible = await page.locator('.bt-locality-tree > li strong').allTextContents();
    assert.ok(visible.includes(province.name), `${province.name} is found by typing ${fold(province.name)}`);
    for (const p of catalog.provinces) {
      if (!fold(p.name).includes(fold(province.name)) && !p.districts.some((d) => fold(d.name).includes(fold(province.name)))) {
        assert.ok(!visible.includes(p.name), `${p.name} is hidden`);
      }
    }
    const district = province.districts[0];
    await page.check(`.bt-facet-locality input[data-code="${district.code}"]`);
    await page.waitForURL(new RegExp(`d=${district.code}`));
    const expected = catalog.articles.filter((a) => a.district === district.code).map((a) => a.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), expected);
    await page.fill('#bt-locality-q', 'khong co noi nay');
    assert.match(await page.locator('.bt-facet-locality').textContent(), /Không có địa phương nào khớp/);
    await context.close();
  });
});

describe('on a phone', () => {
  test('the filters fold behind a button, so the list follows the search box', async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await newPage(context);
    await page.goto(env.server.url);
    await page.locator('.bt-item').first().waitFor();
    const toggle = page.locator('button.bt-filters-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('.bt-facet-locality').isVisible(), false, 'the panel starts folded');
    const firstTop = await page.locator('.bt-item').first().evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(firstTop < 800, `the first entry is on the first screen (top ${firstTop}px)`);
    // Opened, a province is picked; folded again, the button says how many values are chosen.
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const code = catalog.provinces[0].code;
    await page.check(`.bt-facet-locality input[data-code="${code}"]`);
    await page.waitForURL(new RegExp(`p=${code}`));
    await toggle.click();
    assert.equal(await page.locator('.bt-facet-locality').isVisible(), false);
    assert.match(await toggle.textContent(), /^Bộ lọc \(1\)/);
    const expected = catalog.articles.filter((a) => a.province === code).map((a) => a.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), expected);
    // A wide screen shows the panel beside the list, and no button.
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.equal(await toggle.isVisible(), false);
    assert.equal(await page.locator('.bt-facet-locality').isVisible(), true);
    await context.close();
  });
});

describe('date filter', () => {
  test('year quick pick by publication date hides undated articles and says how many', async () => {
    const { context, page } = await open();
    const years = [...new Set(catalog.articles.filter((a) => a.published).map((a) => a.published.slice(0, 4)))];
    const year = years[0];
    await page.click(`.bt-year-picks button:text-is("${year}")`);
    await page.waitForURL(new RegExp(`from=${year}`));
    const expected = catalog.articles.filter((a) => a.published?.startsWith(year)).map((a) => a.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), expected);
    const undated = catalog.articles.filter((a) => !a.published).length;
    if (undated > 0) {
      assert.match(await page.locator('.bt-facet-date').textContent(), new RegExp(`${undated} bài không rõ ngày`));
    }
    // A month pick within that year.
    const month = catalog.articles.find((a) => a.published?.startsWith(year)).published.slice(5, 7);
    await page.click(`.bt-month-picks button:text-is("${Number(month)}/${year}")`);
    await page.waitForURL(new RegExp(`from=${year}-${month}`));
    const inMonth = catalog.articles.filter((a) => a.published?.startsWith(`${year}-${month}`)).map((a) => a.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), inMonth);
    await context.close();
  });

  test('by event date, a partial or ranged date counts where its span overlaps', async () => {
    const { context, page } = await open('?by=event&from=2019&to=2019');
    const spans = (a) => [...a.events.map((e) => e.date), ...a.congresses.filter((c) => c.role === 'subject' || !a.congresses.some((x) => x.role === 'subject')).map((c) => c.date).filter(Boolean)];
    const overlaps2019 = (d) => {
      const [start, end = start] = d.split('/');
      return /^\d{4}/.test(start) && start.slice(0, 4) <= '2019' && end.slice(0, 4) >= '2019';
    };
    const expected = catalog.articles.filter((a) => spans(a).some(overlaps2019)).map((a) => a.id).sort();
    assert.ok(expected.length > 0, 'the data has a 2019 event');
    assert.deepEqual((await shownIds(page)).sort(), expected);
    await context.close();
  });
});

describe('congress filter', () => {
  test('a specific congress', async () => {
    const { context, page } = await open();
    await page.click('.bt-facet-congress summary');
    const box = page.locator('.bt-facet-congress input[data-congress]').first();
    const key = await box.getAttribute('data-congress');
    await box.check();
    await page.waitForURL(/c=/);
    const [tier, unit, ordinal] = key.split('|');
    const expected = catalog.articles
      .filter((a) => {
        const subj = a.congresses.filter((c) => c.role === 'subject');
        return (subj.length ? subj : a.congresses).some((c) => c.tier === tier && c.unit === unit && (c.ordinal ?? '') === ordinal);
      })
      .map((a) => a.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), expected);
    await context.close();
  });
});

describe('search', () => {
  const docsWith = (pred) => catalog.articles.filter((a) => pred(`${a.title} ${bodies[a.id].join(' ')}`)).map((a) => a.id).sort();

  test('without diacritics finds the words with them, highlighted', async () => {
    const { context, page } = await open();
    await page.fill('#bt-q', 'dai hoi dang');
    await page.waitForURL(/q=dai/);
    await page.waitForFunction(() => !document.querySelector('.bt-status[role=status]'));
    const expected = docsWith((t) => ['dai', 'hoi', 'dang'].every((w) => fold(t).split(/[^a-z0-9]+/).includes(w)));
    assert.deepEqual((await shownIds(page)).sort(), expected);
    const marks = await page.locator('.bt-item mark').allTextContents();
    assert.ok(marks.length > 0);
    for (const m of marks) assert.ok(['dai', 'hoi', 'dang'].includes(fold(m)), `${m} is a match`);
    await context.close();
  });

  test('a phrase ranks first, exact diacritics first, and a word that finds nothing is named', async () => {
    const { context, page } = await open();
    await page.fill('#bt-q', 'Đầm Hà ');
    await page.waitForFunction(() => document.querySelectorAll('.bt-item').length > 0);
    const first = (await shownIds(page))[0];
    assert.ok(`${byId[first].title} ${bodies[first].join(' ')}`.includes('Đầm Hà'), 'the article with the exact phrase comes first');
    await page.fill('#bt-q', 'Đầm Hà xyzqwv ');
    await page.waitForSelector('.bt-unmatched');
    assert.match(await page.locator('.bt-unmatched').textContent(), /xyzqwv/);
    assert.ok((await shownIds(page)).length > 0, 'the other words still find their articles');
    await context.close();
  });

  test('the search is in the address and survives a reload', async () => {
    const { context, page } = await open();
    await page.fill('#bt-q', 'tuyen truyen');
    await page.waitForURL(/q=tuyen/);
    await page.waitForFunction(() => document.querySelectorAll('.bt-item').length > 0);
    const before = await shownIds(page);
    await page.reload();
    await page.locator('.bt-item').first().waitFor();
    assert.equal(await page.inputValue('#bt-q'), 'tuyen truyen');
    assert.deepEqual(await shownIds(page), before);
    await context.close();
  });
});

describe('reading view', () => {
  test('opens the clean article with its metadata, keeps the filter on the way back', async () => {
    const province = catalog.provinces[0].code;
    const { context, page } = await open(`?p=${province}`);
    const id = (await shownIds(page))[0];
    await page.click(`.bt-item[data-id="${id}"] .bt-item-title`);
    await page.waitForURL(new RegExp(`bai-${id}\\.html`));
    await page.locator('.bt-body p').first().waitFor();
    const a = byId[id];
    assert.equal((await page.locator('#bt-article-title').textContent()).trim(), a.title);
    const paragraphs = await page.locator('.bt-body p').allTextContents();
    assert.deepEqual(paragraphs, bodies[id]);
    for (const furniture of ['Thống kê', 'Online:', 'Mã xác thực', 'Bình chọn', 'In trang']) {
      assert.ok(!paragraphs.join('\n').includes(furniture), `no ${furniture}`);
    }
    if (a.author) assert.equal((await page.locator('.bt-author').textContent()).trim(), a.author);
    assert.deepEqual(page.problems, []);
    await page.click('.bt-back');
    await page.waitForURL((u) => !u.search.includes('a='));
    assert.match(page.url(), new RegExp(`p=${province}`));
    await page.locator('.bt-item').first().waitFor();
    await context.close();
  });

  test('previous and next follow the current list', async () => {
    const { context, page } = await open();
    const ids = await shownIds(page);
    await page.click(`.bt-item[data-id="${ids[0]}"] .bt-item-title`);
    await page.locator('.bt-body p').first().waitFor();
    assert.equal(await page.locator('.bt-pager a[rel=prev]').count(), 0);
    await page.click('.bt-pager a[rel=next]');
    await page.waitForURL(new RegExp(`bai-${ids[1]}\\.html`));
    assert.equal((await page.locator('#bt-article-title').textContent()).trim(), byId[ids[1]].title);
    await page.click('.bt-pager a[rel=prev]');
    await page.waitForURL(new RegExp(`bai-${ids[0]}\\.html`));
    await context.close();
  });

  test('a deep link opens the article directly; back and forward move between views', async () => {
    const id = catalog.articles[3].id;
    const { context, page } = await open(`?a=${id}`);
    await page.locator('.bt-body p').first().waitFor();
    assert.equal((await page.locator('#bt-article-title').textContent()).trim(), byId[id].title);
    await page.reload();
    await page.locator('.bt-body p').first().waitFor();
    assert.equal((await page.locator('#bt-article-title').textContent()).trim(), byId[id].title);
    await page.click('.bt-back');
    await page.locator('.bt-item').first().waitFor();
    await page.check(`.bt-facet-locality input[data-code="${catalog.provinces[0].code}"]`);
    await page.waitForURL(/p=/);
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('p='));
    await page.waitForFunction((n) => document.querySelectorAll('.bt-item').length === n, catalog.articles.length);
    await page.goBack();
    await page.waitForURL(new RegExp(`bai-${id}\\.html`));
    await page.locator('#bt-article-title').waitFor();
    await page.goForward();
    await page.locator('.bt-item').first().waitFor();
    await context.close();
  });

  test('an unknown article id says so', async () => {
    const { context, page } = await open('?a=no-such-article');
    assert.match(await page.locator('.bt-article [role=alert]').textContent(), /Không tìm thấy bài viết/);
    await context.close();
  });
});

describe('keyboard and language', () => {
  test('/ searches, j and k move, Enter opens, Esc goes back', async () => {
    const { context, page } = await open();
    const ids = await shownIds(page);
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'bt-q');
    // Esc leaves the search box for the first result.
    await page.keyboard.press('Escape');
    const focusedId = () => page.evaluate(() => document.activeElement.closest('.bt-item')?.dataset.id);
    assert.equal(await focusedId(), ids[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await focusedId(), ids[1]);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`bai-${ids[1]}\\.html`));
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => !u.search.includes('a='));
    await page.locator('.bt-item').first().waitFor();
    await context.close();
  });

  test('the English toggle switches the interface and is kept in the address', async () => {
    const { context, page } = await open();
    await page.click('.bt-header button');
    await page.waitForURL(/lang=en/);
    assert.equal(await page.getAttribute('.bt-app', 'lang'), 'en');
    assert.match(await heading(page), /articles/);
    await page.reload();
    await page.locator('#bt-results-heading').waitFor();
    assert.match(await heading(page), /articles/);
    await page.click('.bt-header button');
    await page.waitForURL((u) => !u.search.includes('lang='));
    assert.match(await heading(page), /bài viết/);
    await context.close();
  });
});

describe('errors', () => {
  test('filter codes the data set does not know are dropped from the list and the address', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context);
    const known = catalog.provinces[0].code;
    const inKnown = catalog.articles.filter((a) => a.province === known).length;
    for (const [query, kept, expected] of [
      ['?p=99&d=999&c=bogus', '', catalog.articles.length],
      [`?p=${known},99&embed=1&lock=1`, `?p=${known}&embed=1&lock=1`, inKnown],
    ]) {
      await page.goto(env.server.url + query);
      await page.waitForURL((u) => u.search === kept);
      assert.match(await heading(page), new RegExp(`^${expected} `));
      assert.ok(expected > 0);
    }
    assert.deepEqual(page.problems, []);
    await context.close();
  });

  test('a catalog of a format version the app cannot read says so, and the page stays readable', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context);
    await page.route('**/data/catalog.json', async (route) => {
      const response = await route.fetch();
      const body = { ...(await response.json()), schema: 99 };
      await route.fulfill({ response, body: JSON.stringify(body) });
    });
    await page.goto(env.server.url);
    const alert = page.locator('[role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /phiên bản.*Phiên bản của tệp: 99\./s);
    assert.equal(await page.locator('.bt-item-title').count(), catalog.articles.length);
    await context.close();
  });

  for (const [name, shard, said] of [
    ['of another format version', (body) => JSON.stringify({ ...JSON.parse(body), v: 99 }), /phiên bản.*Phiên bản của tệp: 99\./s],
    ['damaged (a proxy\'s error page)', () => '<html><body>502 Bad Gateway</body></html>', /bị hỏng/],
  ]) {
    test(`a search shard ${name} is reported as such, never as "not found" or "offline"`, async () => {
      const context = await env.browser.newContext({ serviceWorkers: 'block' });
      const page = await newPage(context);
      await page.route('**/data/search/*.json', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: shard(await response.text()) });
      });
      await page.goto(`${env.server.url}?q=dai+hoi`);
      const notice = page.locator('.bt-notice[role=status]').first();
      await notice.waitFor();
      assert.match(await notice.textContent(), said);
      assert.doesNotMatch(await notice.textContent(), /không có mạng/);
      assert.equal(await page.locator('.bt-unmatched').count(), 0, 'no word is said to be missing');
      await context.close();
    });
  }

  test('an article whose text is gone from the server (404) is reported as gone, not damaged', async () => {
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const page = await newPage(context);
    const id = catalog.articles[2].id;
    await page.route(`**/data/articles/${id}.json`, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await page.goto(`${env.server.url}?a=${id}`);
    const alert = page.locator('.bt-article [role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /không còn nội dung bài này/);
    await context.close();
  });

  test('a corrupt catalog is reported in Vietnamese, and retry recovers', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context);
    let broken = true;
    await page.route('**/data/catalog.json', (route) => (broken ? route.fulfill({ status: 200, body: '{"schema":1,"arti' }) : route.continue()));
    await page.goto(env.server.url);
    await page.locator('[role=alert]').waitFor();
    assert.match(await page.locator('[role=alert]').textContent(), /Tệp dữ liệu bị hỏng/);
    // The page rendered at build time stays readable meanwhile.
    assert.ok(await page.locator('.bt-item-title').count() > 0);
    broken = false;
    await page.click('[role=alert] button');
    await page.locator('.bt-static-loading').waitFor({ state: 'detached' });
    await page.locator('[role=alert]').waitFor({ state: 'detached' });
    await page.locator('#bt-q').fill('dai hoi');
    await page.waitForURL(/q=dai/);
    await context.close();
  });

  test('a catalog that is not UTF-8 is reported as damaged, not shown garbled', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context);
    const body = Buffer.from(readFileSync(new URL('catalog.json', dataDir)));
    // One title's first byte replaced by 0xFF, which no UTF-8 text contains.
    const at = body.indexOf('"title":"') + '"title":"'.length;
    assert.equal(body[at - 1], 0x22, 'the byte before is the opening quote of a title');
    body[at] = 0xff;
    await page.route('**/data/catalog.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(env.server.url);
    await page.locator('[role=alert]').waitFor();
    assert.match(await page.locator('[role=alert]').textContent(), /Tệp dữ liệu bị hỏng/);
    // What stays on screen is the page rendered at build time, never the damaged titles.
    const titles = await page.locator('.bt-item-title').allTextContents();
    assert.deepEqual(titles.sort(), catalog.articles.map((a) => a.title).sort());
    assert.ok(titles.every((t) => !t.includes('\uFFFD')));
    await context.close();
  });

  test('offline at first load says so plainly', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context);
    await page.route('**/data/catalog.json', (route) => route.abort('internetdisconnected'));
    await page.goto(env.server.url);
    await page.locator('[role=alert]').waitFor();
    assert.match(await page.locator('[role=alert]').textContent(), /không có kết nối mạng/);
    await context.close();
  });

  test('an article body that cannot be fetched says so', async () => {
    const context = await env.browser.newContext();
    const page = await newPage(context);
    await page.route('**/data/articles/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${env.server.url}?a=${catalog.articles[0].id}`);
    await page.locator('.bt-body [role=alert]').waitFor();
    assert.match(await page.locator('.bt-body [role=alert]').textContent(), /chưa được lưu để đọc khi không có mạng/);
    await context.close();
  });
});
