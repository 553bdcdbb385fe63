//! Running inside a portal's page: in an iframe (`?embed=1`, height told to the host page by
//! `postMessage`), or mounted by `bantin-reader.js` into a custom element's shadow root.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::app::App;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// The app's own page.
    Standalone,
    /// The app's own page, framed by a portal.
    Iframe,
    /// Inside a portal's page, without a frame.
    Script,
}

impl Host {
    /// Where the app's own page runs: framed by a portal when its address says `embed=1`.
    pub fn of(state: &bantin_core::state::ViewState) -> Host {
        if state.embed {
            Host::Iframe
        } else {
            Host::Standalone
        }
    }
}

thread_local! {
    /// Where the app's files are, for fetches: empty (relative to the document) except when
    /// mounted in a portal's page, whose document is somewhere else entirely.
    static BASE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The URL of one of the app's own files (`data/catalog.json`).
pub fn asset_url(path: &str) -> String {
    BASE.with(|b| format!("{}{path}", b.borrow()))
}

/// Set by `bantin-reader.js` before the module starts: then `main` mounts nothing and each
/// `<bantin-reader>` element mounts its own instance.
pub fn is_script_embed() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"__bantinScriptEmbed".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

/// Mounts one reader into `container` (inside a shadow root). `query` is the initial view
/// state, as in the app's own address (`p=22&v=timeline`); `base` is the URL of the app's
/// folder, ending in `/`.
#[wasm_bindgen]
pub fn mount_reader(container: web_sys::HtmlElement, query: String, base: String) {
    BASE.with(|b| *b.borrow_mut() = base);
    leptos::mount::mount_to(
        container,
        move || view! { <App host=Host::Script initial=query /> },
    )
    .forget();
}

/// In an iframe, tells the host page how tall the content is whenever it changes, so the
/// frame can fit it. The host script checks the message's origin; the message carries
/// nothing but a number.
pub fn report_height(root: &web_sys::Element) {
    let Some(window) = crate::dom::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let target = root.clone();
    let send = Closure::<dyn Fn()>::new(move || {
        let height = target.get_bounding_client_rect().height().ceil();
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"bantin:height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
        let _ = parent.post_message(&msg, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(send.as_ref().unchecked_ref()) {
        observer.observe(root);
        // Lives as long as the page.
        std::mem::forget(observer);
    }
    send.forget();
}
