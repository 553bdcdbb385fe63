// One benchmark action, run inside the page: the i-th keystroke of typing "dai hoi dang bo"
// in the search box (mode 'type'), nothing at all (mode 'none': the floor, measured the
// same way), or a click on the first province's checkbox (any other mode), then the app's
// queued tasks and the style and layout of the new DOM.
// Resolves to { t0, work }: when the action started (performance.now()) and how long that
// work took. Self-contained, because it is sent to the page as source.
export function pageAction(mode, i) {
  const query = 'dai hoi dang bo';
  const t0 = performance.now();
  if (mode === 'type') {
    const input = document.getElementById('bt-q');
    input.value = query.slice(0, (i % query.length) + 1);
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  } else if (mode !== 'none') {
    document.querySelector('.bt-facet-locality input[type=checkbox][data-code]').click();
  }
  return new Promise((r) => setTimeout(r, 0)).then(() => {
    void document.body.offsetHeight;
    return { t0, work: performance.now() - t0 };
  });
}

// Defines `window.__benchAction` (pageAction) in `page`.
export const installPageAction = (page) => page.evaluate(`window.__benchAction = ${pageAction.toString()}`);
