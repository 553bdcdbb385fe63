// The usual set-up of a test file: one nginx serving the build and one Chromium, for all of
// the file's tests, stopped after them.
import { before, after } from 'node:test';
import { startServer } from './server.js';
import { launch } from './browser.js';

/** Returns an object whose `server` and `browser` are set before the first test runs. */
export function useServerAndBrowser(options = { subPath: 'reader' }) {
  const env = {};
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
