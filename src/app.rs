//! The root component: loads the catalog, holds the shared state, switches views.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use bantin_core::filter::FacetIndex;
use bantin_core::state::{View, ViewState};
use bantin_core::timeline::TimelineIndex;
use bantin_core::{ArticleBody, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::article::ArticleView;
use crate::bookmarks::Bookmarks;
use crate::bookmarks_view::{BookmarksView, SharedView};
use crate::data::{fetch_catalog, LoadError};
use crate::dom::Root;
use crate::embed::{report_height, Host};
use crate::i18n::{strings, Lang, Strings};
use crate::list::ListView;
use crate::pwa::{OfflineBadge, Pwa, UpdateBanner};
use crate::search::SearchState;
use crate::timeline::TimelineView;
use crate::url::{href, Location};
use crate::webmaster::WebmasterView;

/// The loaded data set with what is precomputed from it once.
pub struct AppData {
    pub catalog: Catalog,
    pub facets: FacetIndex,
    pub by_id: HashMap<String, usize>,
    /// Built the first time the timeline is shown, then shared by every filter change.
    timeline: OnceLock<TimelineIndex>,
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
            timeline: OnceLock::new(),
        }
    }

    pub fn timeline_index(&self) -> &TimelineIndex {
        self.timeline
            .get_or_init(|| TimelineIndex::new(&self.catalog))
    }
}

/// True in the build-time renderer: the markup it writes is read before (or without) any
/// script, so controls that need the app say so and cannot be used until it has arrived.
pub const STATIC: bool = cfg!(feature = "ssr");

/// What the app starts with instead of fetching it: the data set and, on an article's page,
/// that article's body. The build-time renderer has them from disk; in the browser, the page
/// that was rendered at build time stays on screen until they have arrived, and the app
/// takes over with them at once, with nothing in between.
#[derive(Clone)]
pub struct Preloaded {
    pub data: Arc<AppData>,
    pub body: Option<(String, ArticleBody)>,
}

/// Shared by every view through the context.
#[derive(Clone)]
pub struct Ctx {
    pub data: Arc<AppData>,
    pub location: Location,
    pub search: SearchState,
    pub bookmarks: Bookmarks,
    pub root: Root,
    /// An article's body that came with the start (see [`Preloaded`]), taken by the first
    /// reading view of that article.
    pub first_body: StoredValue<Option<(String, ArticleBody)>>,
}

impl Ctx {
    /// The interface language. Read untracked: a language change rebuilds the whole view
    /// tree (see [`App`]), so no text needs to be reactive on its own, which keeps the wasm
    /// small.
    pub fn lang(&self) -> Lang {
        self.location.state.with_untracked(|s| s.lang)
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
        LoadError::Version(n) => format!("{} {n}.", t.load_version),
    }
}

#[component]
pub fn App(
    host: Host,
    #[prop(optional)] initial: Option<String>,
    #[prop(optional)] preloaded: Option<Preloaded>,
) -> impl IntoView {
    let location = Location::install(initial);
    let root = Root::new(host == Host::Script);
    let lang = Memo::new(move |_| location.state.with(|s| s.lang));
    let bookmarks = Bookmarks::install();
    let (data, first_body) = match preloaded {
        Some(Preloaded { data, body }) => {
            bookmarks.fill_from(&data.catalog);
            (Some(Ok(data)), body)
        }
        None => (None, None),
    };
    let first_body = StoredValue::new(first_body);
    // Built once per catalog, outside the language-keyed tree below.
    let data: RwSignal<Option<Result<Arc<AppData>, LoadError>>> = RwSignal::new(data);
    // The catalog goes straight from the fetch into the data set: a resource would hand it
    // out by cloning, ten thousand articles' worth at a time.
    let load_catalog = move || {
        data.set(None);
        spawn_local(async move {
            let result = fetch_catalog().await;
            data.set(Some(result.map(|c| {
                bookmarks.fill_from(&c);
                Arc::new(AppData::new(c))
            })));
        });
    };
    if data.with_untracked(Option::is_none) {
        load_catalog();
    }
    let search = SearchState::new();
    // Embedded by script, the service worker would be the host's business, not ours.
    let pwa = Pwa::install(host != Host::Script);
    if host == Host::Iframe {
        Effect::new(move |_| {
            if let Some(el) = root.node.get() {
                report_height(&el);
            }
        });
    }

    // The whole tree is rebuilt when the language changes: rare, and it spares every piece
    // of text its own reactive closure.
    move || {
        let lang = lang.get();
        let t = strings(lang);
        let body = move || match data.get() {
            None => view! { <p class="bt-status" role="status">{t.loading}</p> }.into_any(),
            Some(Err(e)) => view! {
                <div class="bt-error" role="alert">
                    <p>{load_error_text(t, &e)}</p>
                    <button type="button" on:click=move |_| load_catalog()>{t.retry}</button>
                </div>
            }
            .into_any(),
            Some(Ok(data)) => {
                let ctx = Ctx {
                    data,
                    location,
                    search,
                    bookmarks,
                    root,
                    first_body,
                };
                view! { <Views ctx=ctx /> }.into_any()
            }
        };
        view! {
            <div class="bt-app" class:bt-embedded=host != Host::Standalone lang=lang.as_str() node_ref=root.node>
                <a class="bt-skip" href="#bt-main">{t.skip}</a>
                <Header location=location pwa=pwa />
                <UpdateBanner pwa=pwa t=t />
                {STATIC.then(|| view! {
                    <p class="bt-status bt-static-loading" role="status">{t.static_loading}</p>
                    <noscript><p class="bt-notice">{t.static_no_script}</p></noscript>
                })}
                <main id="bt-main" class="bt-main" tabindex="-1">{body}</main>
                {(host == Host::Standalone).then(|| {
                    let mut s = location.state.get_untracked();
                    s.view = View::Embed;
                    view! {
                        <footer class="bt-footer">
                            <a href=href(&s) on:click=move |ev| follow(ev, location)>{t.wm_link}</a>
                        </footer>
                    }
                })}
            </div>
        }
    }
}

#[component]
fn Views(ctx: Ctx) -> impl IntoView {
    provide_context(ctx.clone());
    let location = ctx.location;
    location.forget_unknown(&ctx.data.catalog);
    let view_kind = Memo::new(move |_| location.state.with(|s| s.view.clone()));
    move || match view_kind.get() {
        View::Article(id) => view! { <ArticleView id=id /> }.into_any(),
        View::List => view! { <ListView /> }.into_any(),
        View::Timeline => view! { <TimelineView /> }.into_any(),
        View::Bookmarks => view! { <BookmarksView /> }.into_any(),
        View::Shared(ids) => view! { <SharedView ids=ids /> }.into_any(),
        View::Embed => view! { <WebmasterView /> }.into_any(),
    }
}

#[component]
fn Header(location: Location, pwa: Pwa) -> impl IntoView {
    let state = location.state;
    let t = strings(state.with_untracked(|s| s.lang));
    let nav_link = move |target: View, label: &'static str| {
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
                {label}
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
            <h1>{t.app_name}</h1>
            <nav class="bt-nav" aria-label=t.nav_label>
                {nav_link(View::List, t.nav_list)}
                {nav_link(View::Timeline, t.nav_timeline)}
                {nav_link(View::Bookmarks, t.nav_bookmarks)}
            </nav>
            <OfflineBadge pwa=pwa t=t />
            // Named by what it shows ("English", or "EN" on a phone), so the visible text is
            // the name (WCAG 2.5.3); what it does is its description.
            <button
                type="button"
                class="bt-lang"
                on:click=toggle_lang
                title=t.switch_lang_label
                disabled=STATIC
            >
                <span class="bt-wide">{t.switch_lang}</span>
                <span class="bt-narrow">{t.switch_lang_short}</span>
            </button>
        </header>
    }
}

/// Click handler for in-app links: moves through the history API instead of reloading,
/// unless the reader asked for a new tab or window.
pub fn follow(ev: leptos::ev::MouseEvent, location: Location) {
    let anchor = ev
        .current_target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
    if let Some(a) = anchor {
        follow_anchor(ev, &a, location);
    }
}

/// [`follow`] for one listener on a container of many links (a long list): the link is the
/// closest `selector` the click was in, if any.
pub fn follow_within(ev: leptos::ev::MouseEvent, selector: &str, location: Location) {
    if let Some(a) = crate::dom::event_closest(&ev, selector) {
        follow_anchor(ev, &a, location);
    }
}

fn follow_anchor(ev: leptos::ev::MouseEvent, a: &web_sys::Element, location: Location) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    let Some(target) = a.get_attribute("href") else {
        return;
    };
    ev.prevent_default();
    let state = crate::url::parse(&target);
    location.go(&state, false);
    scroll_to_top();
}

pub fn scroll_to_top() {
    if let Some(w) = crate::dom::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
