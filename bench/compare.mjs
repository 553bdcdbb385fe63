// Two or more builds side by side, on the same machine at the same time: rounds alternate
// between the builds, so that the machine's drift (a 2-core machine varies ±20 % between
// runs) falls on all of them alike. Each round opens a fresh page of each build and
// measures 30 keystrokes in the search box and 30 clicks on a province's checkbox, after a
// warm-up pass of each. Prints figures only; nothing here is a test.
//
//   node bench/compare.mjs <dist> <dist> [...] [--rounds 3] [--view timeline]
//
// `--view timeline` measures the timeline view instead (`?v=timeline`): the same province
// clicks, and the floor; it has no search box to type in.
//
// A dist is one scripts/bench.sh made (the app with a benchmark corpus); for an older
// build, copy its app files over a copy of that dist (the data can be hard links).
// The first figure is bench/run.mjs's frame-based latency: the action, the app's queued
// tasks, style and layout, then the frame after it (requestAnimationFrame, then a zero
// timeout). "Work only" stops before that frame, so it is free of the wait for the next
// frame (0–16.7 ms), the noisiest part of the first figure. The floor is the first figure
// for an action that changes nothing: each action starts just after a frame, so no action
// measures below the ~16.7 ms to the next one.
import { resolve } from 'node:path';
import { startServer } from '../tests/e2e/lib/server.js';
import { launch } from '../tests/e2e/lib/browser.js';
import { installPageAction } from './lib/page-action.mjs';

const argv = process.argv.slice(2);
const roundsAt = argv.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 3;
const viewAt = argv.indexOf('--view');
const timeline = viewAt >= 0 && argv[viewAt + 1] === 'timeline';
const valueAt = new Set([roundsAt + 1, viewAt + 1].filter((i) => i > 0));
const dists = argv.filter((a, i) => !a.startsWith('--') && !valueAt.has(i)).map((d) => resolve(d));
const MODES = timeline ? ['filter', 'none'] : ['type', 'filter', 'none'];
if (dists.length < 2) {
  console.error('usage: node bench/compare.mjs <dist> <dist> [...] [--rounds 3] [--view timeline]');
  process.exit(2);
}
const ACTIONS = 30;

// In the page: a warm-up pass, then the measured one; per mode, the times of its actions.
async function measure([actions, modes]) {
  const afterFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const out = { type: [], filter: [], none: [], typeWork: [], filterWork: [], noneWork: [] };
  for (let pass = 0; pass < 2; pass++) {
    for (const mode of modes) {
      for (let i = 0; i < actions; i++) {
        for (let k = 0; k < 3; k++) await afterFrame();
        while (document.querySelector('p.bt-status[role=status]')) await afterFrame();
        const { t0, work } = await window.__benchAction(mode, i);
        await afterFrame();
        if (pass === 1) {
          out[mode].push(performance.now() - t0);
          out[`${mode}Work`].push(work);
        }
      }
    }
  }
  return out;
}

const results = new Map(dists.map((d) => [d, { type: [], filter: [], none: [], typeWork: [], filterWork: [], noneWork: [] }]));
const browser = await launch();
try {
  for (let round = 0; round < rounds; round++) {
    for (const dist of dists) {
      const server = await startServer({ dist, subPath: 'reader' });
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(timeline ? `${server.url}?v=timeline` : server.url);
        await page.waitForSelector(timeline ? '.bt-tl-link' : '.bt-list li', { timeout: 120000 });
        await page.waitForTimeout(800);
        await installPageAction(page);
        const r = await page.evaluate(measure, [ACTIONS, MODES]);
        for (const [kind, times] of Object.entries(r)) results.get(dist)[kind].push(...times);
      } finally {
        await context.close();
        await server.stop();
      }
    }
  }
} finally {
  await browser.close();
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[s.length >> 1].toFixed(1)} ms, p95 ${s[Math.floor(s.length * 0.95)].toFixed(1)} ms`;
};
console.log(`${rounds} rounds × ${ACTIONS} measured actions of each kind per build${timeline ? ', in the timeline view' : ''}`);
for (const [dist, r] of results) {
  console.log(dist);
  if (!timeline) console.log(`  keystroke:    ${stats(r.type)}; work only ${stats(r.typeWork)}`);
  console.log(`  filter click: ${stats(r.filter)}; work only ${stats(r.filterWork)}`);
  console.log(`  floor (an action that changes nothing): ${stats(r.none)}`);
}
