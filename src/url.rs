//! The view state lives in the query string of the app's own address (`?q=…&p=…&a=<id>`), so
//! a link reproduces the view, back and forward work, and one build runs from any sub-path.
//! The history API is used directly: the app has a single page, and a router's global link
//! interception would also capture the links of a portal page the app is embedded in.

use bantin_core::state::{View, ViewState};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Query keys this module adds to those of [`ViewState`]: the open article and the view.
const ARTICLE_KEY: &str = "a";
const VIEW_KEY: &str = "v";

fn window_search() -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search.trim_start_matches('?').to_string()
}

pub fn parse(search: &str) -> ViewState {
    let mut state = ViewState::from_query_string(search);
    let mut article = None;
    let mut view = None;
    for pair in search.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            ARTICLE_KEY if !v.is_empty() => article = Some(decode(v)),
            VIEW_KEY => view = Some(v.to_string()),
            _ => {}
        }
    }
    state.view = match (article, view.as_deref()) {
        (Some(id), _) => View::Article(id),
        (None, Some("timeline")) => View::Timeline,
        (None, Some("bookmarks")) => View::Bookmarks,
        _ => View::List,
    };
    state
}

/// `?…` for `state`, or `?` alone for the default view (an empty href would not navigate).
pub fn href(state: &ViewState) -> String {
    let mut qs = state.to_query_string();
    let extra = match &state.view {
        View::List => None,
        View::Article(id) => Some(format!("{ARTICLE_KEY}={}", encode(id))),
        View::Timeline => Some(format!("{VIEW_KEY}=timeline")),
        View::Bookmarks => Some(format!("{VIEW_KEY}=bookmarks")),
    };
    if let Some(extra) = extra {
        if !qs.is_empty() {
            qs.push('&');
        }
        qs.push_str(&extra);
    }
    format!("?{qs}")
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(&s.replace('+', " "))
        .map(String::from)
        .unwrap_or_else(|_| s.to_string())
}

/// The address's query string as a signal, kept in step with back/forward.
#[derive(Clone, Copy)]
pub struct Location {
    search: RwSignal<String>,
    pub state: Memo<ViewState>,
}

impl Location {
    pub fn install() -> Location {
        let search = RwSignal::new(window_search());
        let state = Memo::new(move |_| search.with(|s| parse(s)));
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            search.set(window_search());
        });
        on_cleanup(move || handle.remove());
        Location { search, state }
    }

    /// Moves to `state`. `replace` rewrites the current history entry instead of adding
    /// one (used while typing, so that back does not step through every keystroke).
    pub fn go(&self, state: &ViewState, replace: bool) {
        let target = href(state);
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
            return;
        };
        // A bare "?" keeps the path and drops the query; the browser resolves it.
        let url = if target == "?" {
            web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_else(|| "?".into())
        } else {
            target
        };
        let result = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        };
        if result.is_ok() {
            self.search.set(window_search());
        }
    }

    /// Changes the state with `f` and moves there.
    pub fn update(&self, replace: bool, f: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        f(&mut next);
        self.go(&next, replace);
    }
}
