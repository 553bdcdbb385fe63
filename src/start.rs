//! Starting in the browser. A page rendered at build time (the list, or an article's own
//! page) is already on screen and readable; it stays there, untouched, until the data set
//! (and the article's body) has arrived, and then the app is mounted with them and the
//! static markup removed in the same task, so no frame shows a loading state, an empty page
//! or the content twice. A page with nothing rendered (an older `index.html`) mounts at once.

use std::sync::Arc;

use bantin_core::state::{View, ViewState};
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::app::{load_error_text, App, AppData, Preloaded};
use crate::data::{fetch_body, fetch_catalog, LoadError};
use crate::dom::window;
use crate::embed::{is_script_embed, Host};
use crate::i18n::strings;

/// The class of the app's root element, which the pre-rendered page has too.
const ROOT_SELECTOR: &str = "body > .bt-app";

pub fn start() {
    console_error_panic_hook::set_once();
    if is_script_embed() {
        // Each <bantin-reader> element mounts its own instance (embed::mount_reader).
        return;
    }
    let address = crate::url::window_address();
    let state = crate::url::parse(&address);
    // An article opened by its older address (`?a=<id>`) gets its page's address, so that a
    // bookmark or a copied link from now on is the page that reads without the app.
    if matches!(state.view, View::Article(_))
        && !address.starts_with(bantin_core::state::ARTICLE_PAGE_PREFIX)
    {
        if let Some(history) = window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&state.to_address()),
            );
        }
    }
    let host = Host::of(&state);
    let prerendered = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(ROOT_SELECTOR).ok().flatten());
    match prerendered {
        None => leptos::mount::mount_to_body(move || view! { <App host=host /> }),
        Some(page) => take_over(page, state, host),
    }
}

/// Fetches what the app starts with while `page` stays on screen, then mounts the app and
/// removes `page` in the same task.
fn take_over(page: web_sys::Element, state: ViewState, host: Host) {
    // Not Leptos's spawner: it is set up by mounting, which comes last here.
    wasm_bindgen_futures::spawn_local(async move {
        let catalog = match fetch_catalog().await {
            Ok(c) => c,
            Err(e) => {
                // The page stays readable; the reader learns why nothing else works, and
                // can try again.
                tell_takeover_failed(page, state, host, &e);
                return;
            }
        };
        let body = match &state.view {
            // A failure is the reading view's to report, as on any other article.
            View::Article(id) => fetch_body(id).await.ok().map(|b| (id.clone(), b)),
            _ => None,
        };
        let preloaded = Preloaded {
            data: Arc::new(AppData::new(catalog)),
            body,
        };
        let focused = focused_selector();
        leptos::mount::mount_to_body(move || view! { <App host=host preloaded=preloaded /> });
        page.remove();
        set_app_state("live");
        if let Some(selector) = focused {
            refocus(&selector);
        }
    });
}

/// A note at the top of the pre-rendered page, in text (never markup), when the app could
/// not start, with a button that tries again.
fn tell_takeover_failed(page: web_sys::Element, state: ViewState, host: Host, error: &LoadError) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let t = strings(state.lang);
    let (Ok(note), Ok(text), Ok(retry)) = (
        document.create_element("div"),
        document.create_element("p"),
        document.create_element("button"),
    ) else {
        return;
    };
    note.set_class_name("bt-error bt-takeover-failed");
    let _ = note.set_attribute("role", "alert");
    text.set_text_content(Some(&format!(
        "{} {}",
        t.takeover_failed,
        load_error_text(t, error)
    )));
    let _ = retry.set_attribute("type", "button");
    retry.set_text_content(Some(t.retry));
    let _ = note.append_with_node_2(&text, &retry);
    let _ = page.prepend_with_node_1(&note);
    set_app_state("failed");
    let again = Closure::once_into_js(move || {
        note.remove();
        take_over(page, state, host);
    });
    let _ = retry.add_event_listener_with_callback("click", again.unchecked_ref());
}

/// `data-app` on the document: `live` once the app has taken over the static page, `failed`
/// while it could not, for whatever watches the page (its tests, a portal's frame).
fn set_app_state(state: &str) {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-app", state);
    }
}

/// The link the reader had focused in the pre-rendered page (a keyboard user who tabbed in
/// before the app arrived), as a selector that finds the same link in the live page.
fn focused_selector() -> Option<String> {
    let active = window()?.document()?.active_element()?;
    let link = active.dyn_ref::<web_sys::HtmlAnchorElement>()?;
    let href = link.get_attribute("href")?;
    let class = link.class_name();
    let class = class.split_whitespace().next()?;
    Some(format!(
        "{ROOT_SELECTOR} a.{class}[href=\"{}\"]",
        href.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

fn refocus(selector: &str) {
    let found = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = found {
        let _ = el.focus();
    }
}
