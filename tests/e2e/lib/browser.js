// Launches Debian's Chromium through playwright-core, with the flags this environment needs,
// and records console errors and page errors so every test can assert there were none.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export async function launchPersistent(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, ...options,
  });
}

/** The app has taken over the page rendered at build time, or has told the reader it cannot:
 * the static page's "loading" note is gone, or the start failed. True at once for any other
 * document. */
export const APP_SETTLED = () => !document.querySelector('.bt-static-loading')
  || document.documentElement.dataset.app === 'failed';

/**
 * A new page whose console errors and uncaught exceptions are collected in `page.problems`.
 * Its navigations (goto, reload, back and forward) return once the app has taken over the
 * page rendered at build time, as a reader would wait for it, so that no test acts on the
 * static page by accident; tests of the static page itself look before that or turn
 * scripting off.
 */
export async function newPage(context, { scripting = true } = {}) {
  const page = await context.newPage();
  page.problems = [];
  // With scripting off there is no app to wait for (and nothing in the page could be polled).
  for (const name of scripting ? ['goto', 'reload', 'goBack', 'goForward'] : []) {
    const navigate = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await navigate(...args);
      // The page may navigate again meanwhile (a service worker taking over reloads it): look
      // again in the new document. A page that never settles fails the test.
      for (let tries = 1; ; tries++) {
        try {
          await page.waitForFunction(APP_SETTLED, null, { timeout: 30_000 });
          break;
        } catch (e) {
          if (tries < 3 && /context was destroyed|navigat/i.test(e.message)) continue;
          throw e;
        }
      }
      return response;
    };
  }
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  return page;
}
