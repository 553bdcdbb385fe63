//! The root component: loads the catalog, holds the shared state, switches views.

use std::collections::HashMap;
use std::sync::Arc;

use bantin_core::filter::FacetIndex;
use bantin_core::state::{View, ViewState};
use bantin_core::Catalog;
use leptos::prelude::*;

use crate::article::ArticleView;
use crate::data::{fetch_json, LoadError};
use crate::i18n::{strings, Lang, Strings};
use crate::list::ListView;
use crate::search::SearchState;
use crate::url::{href, Location};

/// The loaded data set with what is precomputed from it once.
pub struct AppData {
    pub catalog: Catalog,
    pub facets: FacetIndex,
    pub by_id: HashMap<String, usize>,
}

impl AppData {
    pub fn new(catalog: Catalog) -> AppData {
        let facets = FacetIndex::new(&catalog);
        let by_id = catalog
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        AppData {
            catalog,
            facets,
            by_id,
        }
    }
}

/// Shared by every view through the context.
#[derive(Clone)]
pub struct Ctx {
    pub data: Arc<AppData>,
    pub location: Location,
    pub search: SearchState,
}

impl Ctx {
    pub fn lang(&self) -> Lang {
        self.location.state.with(|s| s.lang)
    }

    pub fn t(&self) -> &'static Strings {
        strings(self.lang())
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

pub fn load_error_text(t: &Strings, e: &LoadError) -> String {
    match e {
        LoadError::Network => t.load_network.to_string(),
        LoadError::Status(code) => format!("{} (HTTP {code}).", t.load_status),
        LoadError::Corrupt(_) => t.load_corrupt.to_string(),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let location = Location::install();
    let lang = Memo::new(move |_| location.state.with(|s| s.lang));
    let t = move || strings(lang.get());
    let catalog = LocalResource::new(|| fetch_json::<Catalog>("data/catalog.json"));

    view! {
        <div class="bt-app" lang=move || lang.get().as_str()>
            <a class="bt-skip" href="#bt-main">{move || t().skip}</a>
            <Header location=location />
            <main id="bt-main" class="bt-main" tabindex="-1">
                {move || match catalog.get() {
                    None => view! { <p class="bt-status" role="status">{t().loading}</p> }.into_any(),
                    Some(Err(e)) => {
                        view! {
                            <div class="bt-error" role="alert">
                                <p>{load_error_text(t(), &e)}</p>
                                <button type="button" on:click=move |_| catalog.refetch()>{t().retry}</button>
                            </div>
                        }
                            .into_any()
                    }
                    Some(Ok(c)) => {
                        let data = Arc::new(AppData::new(c));
                        let ctx = Ctx {
                            data,
                            location,
                            search: SearchState::new(),
                        };
                        view! { <Views ctx=ctx /> }.into_any()
                    }
                }}
            </main>
        </div>
    }
}

#[component]
fn Views(ctx: Ctx) -> impl IntoView {
    provide_context(ctx.clone());
    let location = ctx.location;
    let view_kind = Memo::new(move |_| location.state.with(|s| s.view.clone()));
    move || match view_kind.get() {
        View::Article(id) => view! { <ArticleView id=id /> }.into_any(),
        View::List => view! { <ListView /> }.into_any(),
        View::Timeline | View::Bookmarks => {
            let t = ctx.t();
            view! { <p class="bt-status">{t.coming_soon}</p> }.into_any()
        }
    }
}

#[component]
fn Header(location: Location) -> impl IntoView {
    let state = location.state;
    let t = move || strings(state.with(|s| s.lang));
    let nav_link = move |target: View, label: fn(&Strings) -> &'static str| {
        let target_for_href = target.clone();
        let href = move || {
            let mut s: ViewState = state.get();
            s.view = target_for_href.clone();
            href(&s)
        };
        let current = move || {
            let v = state.with(|s| s.view.clone());
            let same = match (&v, &target) {
                (View::Article(_), View::List) => true,
                (a, b) => a == b,
            };
            same.then_some("page")
        };
        view! {
            <a href=href aria-current=current on:click=move |ev| follow(ev, location)>
                {move || label(t())}
            </a>
        }
    };
    let toggle_lang = move |_| {
        location.update(false, |s| {
            s.lang = match s.lang {
                Lang::Vi => Lang::En,
                Lang::En => Lang::Vi,
            }
        })
    };
    view! {
        <header class="bt-header">
            <h1>{move || t().app_name}</h1>
            <nav class="bt-nav" aria-label=move || t().nav_label>
                {nav_link(View::List, |t| t.nav_list)}
                {nav_link(View::Timeline, |t| t.nav_timeline)}
                {nav_link(View::Bookmarks, |t| t.nav_bookmarks)}
            </nav>
            <button type="button" on:click=toggle_lang aria-label=move || t().switch_lang_label>
                {move || t().switch_lang}
            </button>
        </header>
    }
}

/// Click handler for in-app links: moves through the history API instead of reloading,
/// unless the reader asked for a new tab or window.
pub fn follow(ev: leptos::ev::MouseEvent, location: Location) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    let Some(a) = ev
        .current_target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
    else {
        return;
    };
    let Some(target) = a.get_attribute("href") else {
        return;
    };
    ev.prevent_default();
    let state = crate::url::parse(target.trim_start_matches('?'));
    location.go(&state, false);
    scroll_to_top();
}

pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
