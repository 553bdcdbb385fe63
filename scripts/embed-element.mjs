// Writes dist/bantin-reader.js: the script a portal adds to its page to mount the reader in a
// <bantin-reader> element without an iframe. It needs this build's hashed file names, so it
// is generated from dist/index.html after Trunk.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const pick = (re, what) => {
  const m = html.match(re);
  if (!m) throw new Error(`embed-element: no ${what} in ${dist}/index.html`);
  return m[1];
};
const js = pick(/["'](?:\.\/)?(bantin-app-[0-9a-f]+\.js)["']/, 'app module');
const wasm = pick(/["'](?:\.\/)?(bantin-app-[0-9a-f]+_bg\.wasm)["']/, 'wasm file');
const css = pick(/href=["'](?:\.\/)?(app-[0-9a-f]+\.css)["']/, 'stylesheet');

const source = `// Bản tin Đại hội, embedded without an iframe:
//   <script type="module" src=".../bantin-reader.js"></script>
//   <bantin-reader province="22" district="200" view="timeline" lock></bantin-reader>
// Each element gets its own shadow root, so the portal's styles and the reader's never mix.
globalThis.__bantinScriptEmbed = true;
const base = new URL('./', import.meta.url).href;
const ready = import(new URL(${JSON.stringify(js)}, base).href).then(async (m) => {
  await m.default({ module_or_path: new URL(${JSON.stringify(wasm)}, base) });
  return m;
});
const ATTRS = { province: 'p', district: 'd', tier: 'tier', from: 'from', to: 'to', lang: 'lang' };
function initialQuery(el) {
  const q = new URLSearchParams(el.getAttribute('query') || '');
  for (const [attr, key] of Object.entries(ATTRS)) {
    if (el.hasAttribute(attr)) q.set(key, el.getAttribute(attr));
  }
  const view = el.getAttribute('view');
  if (view === 'timeline' || view === 'bookmarks') q.set('v', view);
  if (el.hasAttribute('lock')) q.set('lock', '1');
  q.set('embed', '1');
  return q.toString();
}
class BantinReader extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL(${JSON.stringify(css)}, base).href;
    const box = document.createElement('div');
    shadow.append(style, box);
    const query = initialQuery(this);
    ready.then((m) => m.mount_reader(box, query, base));
  }
}
if (!customElements.get('bantin-reader')) customElements.define('bantin-reader', BantinReader);
`;
writeFileSync(join(dist, 'bantin-reader.js'), source);
console.log(`[embed] bantin-reader.js → ${js}, ${wasm}, ${css}`);
