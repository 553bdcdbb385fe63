// Where an interaction's main-thread time goes in the browser's own rendering: a Chromium
// trace of 45 keystrokes in the search box, or 45 clicks on a province's checkbox, summed
// per trace event and divided by the actions. Prints figures only; nothing here is a test.
//
//   node bench/render-trace.mjs --dist .tmp/bench/dist-10000 [--mode type|filter]
//                               [--css "<extra CSS, to compare a rule switched off>"]
//
// The dist is one scripts/bench.sh made (the app with a benchmark corpus). "work" is the
// same figure as bench/run.mjs's "work only": the action, the app's queued tasks, and the
// style and layout of the new DOM. The rendering rows are the trace's own event names.
import { resolve } from 'node:path';
import { startServer } from '../tests/e2e/lib/server.js';
import { launch } from '../tests/e2e/lib/browser.js';
import { installPageAction } from './lib/page-action.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const dist = resolve(args.dist ?? '.tmp/bench/dist-10000');
const mode = args.mode ?? 'type';
const ACTIONS = 45;
// The browser's rendering on the main thread, then the raster (other threads) and script.
const RENDERING = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit'];
const OTHERS = ['RasterTask', 'FunctionCall', 'EventDispatch'];

const server = await startServer({ dist, subPath: 'reader' });
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('.bt-list li', { timeout: 120000 });
  if (args.css) await page.addStyleTag({ content: args.css });
  await installPageAction(page);
  await page.waitForTimeout(1500);
  // One action, then its work measured, then two frames for it to settle.
  const actions = async ([mode, n]) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const work = [];
    for (let i = 0; i < n; i++) {
      work.push((await window.__benchAction(mode, i)).work);
      await frame();
      await frame();
    }
    work.sort((a, b) => a - b);
    return { median: work[work.length >> 1], p95: work[Math.floor(work.length * 0.95)] };
  };
  await page.evaluate(actions, [mode, ACTIONS]); // warm-up: shards fetched, code compiled
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const work = await page.evaluate(actions, [mode, ACTIONS]);
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const total = new Map();
  for (const e of events) if (e.ph === 'X' && e.dur) total.set(e.name, (total.get(e.name) ?? 0) + e.dur);
  const per = (name) => (total.get(name) ?? 0) / 1000 / ACTIONS;
  const rendering = RENDERING.reduce((sum, name) => sum + per(name), 0);
  console.log(`${mode === 'type' ? 'keystroke' : 'filter click'} ×${ACTIONS}, ${dist}${args.css ? `, extra CSS: ${args.css}` : ''}`);
  console.log(`work (ms): median ${work.median.toFixed(1)}, p95 ${work.p95.toFixed(1)}`);
  console.log(`main-thread rendering per action: ${rendering.toFixed(2)} ms`);
  for (const name of [...RENDERING, ...OTHERS]) console.log(`  ${name.padEnd(18)} ${per(name).toFixed(2).padStart(7)} ms`);
} finally {
  await browser.close();
  await server.stop();
}
