//! The main screen: search box, filters and the article list.

use bantin_core::display::{date_spec, machine_date, tier_label};
use bantin_core::filter::{display_date, primary_congresses, DateBasis, SortOrder};
use bantin_core::search::{search_ranked, Query, Ranking};
use bantin_core::state::{View, ViewState};
use bantin_core::timeline::congress_label;
use leptos::prelude::*;

use crate::app::{follow_within, use_ctx};
use crate::bookmarks::{plain_bookmark_button, sync_buttons, toggle_clicked};
use crate::data::LoadError;
use crate::dom::Root;
use crate::filters::FilterPanel;
use crate::highlight::Highlighted;
use crate::keys::install_list_keys;
use crate::offline::SaveOffline;
use crate::url::href;

/// How many entries the list renders at first and per "show more": keeps the DOM small
/// on cheap phones whatever the size of the data set. Ten fill two to three screens of a
/// phone; every keystroke and filter change rebuilds them all, so each entry more is paid
/// for on every interaction (at 10,000 articles, twenty cost about 1–1.6 ms more work per
/// keystroke than ten, by `bench/compare.mjs`).
pub const PAGE: usize = 10;

/// What the list shows for the current state.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Results {
    /// Indices into the catalog, in display order.
    pub ids: Vec<usize>,
    /// Query words that match nothing.
    pub unmatched: Vec<String>,
    /// A shard the query needs is still loading.
    pub pending: bool,
    /// Whether the order is by search relevance.
    pub by_relevance: bool,
    /// With a search: which articles (by catalog index) it finds, whatever the filters,
    /// so the facet counts can describe the search's results.
    pub search_mask: Option<Vec<bool>>,
}

/// How much of a search's ranking a view needs. Ranking every hit of a common word reads
/// thousands of documents position by position; a page needs a few dozen.
#[derive(Clone, Copy)]
pub enum Ranked {
    /// The first this many entries, exactly in order (the list's page).
    First(Signal<usize>),
    /// Enough to place this article (by catalog index) and its next neighbour exactly
    /// (the reading view's previous and next).
    Around(usize),
    /// No order: the view keeps its own (the timeline, the bookmarks).
    Unordered,
}

/// The results of the current state, ranked as far as `ranked` asks.
pub fn results_memo(ranked: Ranked) -> Memo<Results> {
    results_memo_within(None, ranked)
}

/// [`results_memo`] over the articles `scope` marks (the bookmarks view's own).
pub fn results_memo_within(scope: Option<Memo<Vec<bool>>>, ranked: Ranked) -> Memo<Results> {
    let ctx = use_ctx();
    let data = ctx.data.clone();
    let search_state = ctx.search;
    let state = ctx.location.state;
    // Whoever shows results fetches the search shards its query needs.
    Effect::new(move |_| {
        let q = Query::parse(&state.with(|s| s.query.clone()));
        search_state.ensure(&q);
    });
    // The filters' articles in order change with the filters and the sort only: a keystroke
    // in the search reuses them instead of filtering ten thousand articles again.
    let selection = Memo::new(move |_| state.with(|s| (s.filter.clone(), s.sort)));
    let filtered = {
        let data = data.clone();
        Memo::new(move |_| {
            selection.with(|(filter, sort)| data.facets.apply_sorted(&data.catalog, filter, *sort))
        })
    };
    Memo::new(move |_| {
        let (sort, text) = state.with(|s| (s.sort, s.query.clone()));
        let query = Query::parse(&text);
        let mut ids = filtered.get();
        let n = data.catalog.articles.len();
        // What the list may show: through the filters, and within the scope.
        let mut allowed = vec![false; n];
        for &i in &ids {
            allowed[i] = true;
        }
        // Marks outside the scope are cleared.
        let within_scope = |marks: &mut [bool]| {
            if let Some(scope) = scope {
                scope.with(|inside| {
                    for (i, m) in marks.iter_mut().enumerate() {
                        *m &= inside.get(i).copied().unwrap_or(false);
                    }
                });
            }
        };
        within_scope(&mut allowed);
        if scope.is_some() {
            ids.retain(|&i| allowed[i]);
        }
        let mut out = Results::default();
        if !query.is_empty() {
            search_state.version.track();
            let by_relevance = sort == SortOrder::default();
            let rank = |depth: usize| {
                let ranking = Ranking {
                    depth: if by_relevance { depth } else { 0 },
                    among: Some(&allowed),
                };
                search_state
                    .index
                    .with_value(|i| search_ranked(i, &query, ranking))
            };
            let outcome = match ranked {
                Ranked::First(count) => rank(count.get()),
                Ranked::Unordered => rank(0),
                Ranked::Around(article) => {
                    // Deeper until the article and the one after it are placed. Every hit is
                    // in the outcome, ranked or not: an article that is no hit stops at once.
                    let mut depth = 64;
                    loop {
                        let o = rank(depth);
                        let at = o
                            .hits
                            .iter()
                            .filter(|h| allowed.get(h.doc as usize).copied().unwrap_or(false))
                            .position(|h| h.doc as usize == article);
                        if depth >= o.hits.len() || at.is_none_or(|p| p + 1 < depth) {
                            break o;
                        }
                        depth = depth.saturating_mul(4);
                    }
                }
            };
            out.unmatched = outcome.unmatched;
            if !outcome.pending.is_empty() {
                out.pending = search_state.failed.with(Option::is_none);
                if out.pending {
                    ids.clear();
                    out.search_mask = Some(vec![false; n]);
                }
            } else {
                let mut found = vec![false; n];
                for h in &outcome.hits {
                    if let Some(m) = found.get_mut(h.doc as usize) {
                        *m = true;
                    }
                }
                if by_relevance {
                    // Best first: the hits in their own order, where the filters let them
                    // through. Linear, where sorting the list by rank was not.
                    ids = outcome
                        .hits
                        .iter()
                        .map(|h| h.doc as usize)
                        .filter(|&d| allowed.get(d).copied().unwrap_or(false))
                        .collect();
                    out.by_relevance = true;
                } else {
                    ids.retain(|&i| found[i]);
                }
                within_scope(&mut found);
                out.search_mask = Some(found);
            }
        } else if let Some(scope) = scope {
            out.search_mask = Some(scope.get());
        }
        out.ids = ids;
        out
    })
}

#[component]
pub fn ListView() -> impl IntoView {
    let ctx = use_ctx();
    let location = ctx.location;
    let state = location.state;
    let shown = RwSignal::new(PAGE);
    let results = results_memo(Ranked::First(shown.into()));

    // A new selection starts again from the top of the list.
    Effect::new(move |_| {
        state.with(|s| (s.filter.clone(), s.query.clone(), s.sort));
        if shown.get_untracked() != PAGE {
            shown.set(PAGE);
        }
    });
    install_list_keys(ctx.root, shown, results);

    view! {
        <div class="bt-layout">
            // Before the app has taken over (or with no script), the controls cannot work:
            // inert, so nothing typed or checked there is lost when it does.
            <aside inert=crate::app::STATIC>
                <SearchBox />
                <FilterPanel results=results />
            </aside>
            <section aria-labelledby="bt-results-heading">
                <ResultsView results=results shown=shown />
                <SaveOffline results=results />
            </section>
        </div>
    }
}

#[component]
pub fn SearchBox() -> impl IntoView {
    let ctx = use_ctx();
    let location = ctx.location;
    let state = location.state;
    let t = ctx.t();
    let text = RwSignal::new(state.with_untracked(|s| s.query.clone()));
    // Back/forward or a link changed the query: show it.
    Effect::new(move |_| {
        let q = state.with(|s| s.query.clone());
        if text.with_untracked(|t| nfc(t) != q) {
            text.set(q);
        }
    });
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        text.set(value.clone());
        location.update(true, |s| s.query = nfc(&value));
    };
    view! {
        <search class="bt-search" role="search">
            <label for="bt-q">{t.search_label}</label>
            <input
                id="bt-q"
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder=t.search_placeholder
                aria-describedby="bt-q-hint"
                prop:value=move || text.get()
                on:input=on_input
            />
            // The keys are for a keyboard: a phone's narrow screen leaves them out.
            <p id="bt-q-hint" class="bt-hint">
                {t.search_hint} " " <span class="bt-keys-hint">{t.search_keys_hint}</span>
            </p>
        </search>
    }
}

/// NFC, so that text typed with combining marks matches the index's precomposed letters.
fn nfc(s: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize("NFC"))
}

#[component]
fn ResultsView(results: Memo<Results>, shown: RwSignal<usize>) -> impl IntoView {
    let ctx = use_ctx();
    let total = ctx.data.catalog.articles.len();
    let location = ctx.location;
    let state = location.state;
    let search_state = ctx.search;
    let t = ctx.t();
    let count_line = {
        move || {
            let n = results.with(|r| r.ids.len());
            format!("{n} {} {} {total}", t.results_one, t.results_of)
        }
    };
    let notices = {
        move || {
            let mut out: Vec<AnyView> = Vec::new();
            let r = results.get();
            if r.pending {
                out.push(
                    view! { <p class="bt-status" role="status">{t.search_loading}</p> }.into_any(),
                );
            }
            if let Some(e) = search_state
                .failed
                .get()
                .filter(|_| !state.with(|s| s.query.is_empty()))
            {
                // Said as it is: no network, a damaged file, or one of another version.
                let text = match e {
                    LoadError::Network => t.search_offline.to_string(),
                    LoadError::Version(n) => format!("{} {n}.", t.search_version),
                    LoadError::Status(_) | LoadError::Corrupt(_) => t.search_damaged.to_string(),
                };
                out.push(view! { <p class="bt-notice" role="status">{text}</p> }.into_any());
            }
            if !r.unmatched.is_empty() {
                let words = r
                    .unmatched
                    .iter()
                    .map(|w| format!("«{w}»"))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(
                    view! {
                        <p class="bt-notice bt-unmatched" role="status">
                            {t.unmatched_one} " " <strong>{words}</strong> ". "
                            {(!r.ids.is_empty()).then_some(t.unmatched_note)}
                        </p>
                    }
                    .into_any(),
                );
            }
            out
        }
    };
    let items = {
        move || {
            let r = results.get();
            let limit = shown.get().min(r.ids.len());
            if r.ids.is_empty() && !r.pending {
                return view! {
                    <div class="bt-status bt-empty">
                        <p>{t.empty}</p>
                        <p class="bt-hint">{t.empty_hint}</p>
                    </div>
                }
                .into_any();
            }
            let ctx = use_ctx();
            let query = Query::parse(&state.with(|s| s.query.clone()));
            // Each entry's link: this state with the article open.
            let mut target: ViewState = state.get_untracked();
            let bookmarks = ctx.bookmarks.store;
            let sorted_by_date = !r.by_relevance
                && matches!(
                    state.with(|s| s.sort),
                    SortOrder::Newest | SortOrder::Oldest
                );
            let mut undated_seen = false;
            let mut rows: Vec<AnyView> = Vec::with_capacity(limit + 1);
            for (pos, &i) in r.ids[..limit].iter().enumerate() {
                let article = &ctx.data.catalog.articles[i];
                if sorted_by_date && !undated_seen && display_date(article).is_none() {
                    undated_seen = true;
                    rows.push(
                        view! { <li class="bt-undated-head" role="presentation"><h3>{t.undated_group}</h3></li> }
                            .into_any(),
                    );
                }
                target.view = View::Article(article.id.clone());
                let saved = bookmarks.with_untracked(|b| b.contains(&article.id));
                rows.push(
                    view! {
                        <ListItem index=i position=pos query=query.clone() link=href(&target) saved=saved />
                    }
                    .into_any(),
                );
            }
            let more = (limit < r.ids.len()).then(|| {
                let left = r.ids.len() - limit;
                view! {
                    <button type="button" class="bt-more" on:click=move |_| shown.update(|s| *s += PAGE) disabled=crate::app::STATIC>
                        {format!("{} ({} {} {})", t.show_more, limit, "/", limit + left)}
                    </button>
                }
            });
            let data = ctx.data.clone();
            let bookmarks = ctx.bookmarks;
            view! {
                // One listener for every entry's link and bookmark button: entries are
                // rebuilt on each change.
                <ol
                    class="bt-list"
                    on:click=move |ev| {
                        toggle_clicked(&ev, bookmarks, &data.catalog);
                        follow_within(ev, "a.bt-item-title", location);
                    }
                >
                    {rows}
                </ol>
                {more}
            }
            .into_any()
        }
    };
    // The entries' bookmark buttons follow the store (a save from the reading view, another
    // tab, an import) without a reactive node each.
    let root = ctx.root;
    let bookmarks = ctx.bookmarks;
    Effect::watch(
        move || bookmarks.store.track(),
        move |_, _, _| sync_buttons(root, ".bt-list button[data-bookmark]", bookmarks, t),
        false,
    );
    view! {
        <div class="bt-toolbar">
            <h2 id="bt-results-heading" class="bt-results-count" aria-live="polite">{count_line}</h2>
            <SortSelect />
        </div>
        {notices}
        {items}
    }
}

#[component]
fn SortSelect() -> impl IntoView {
    let ctx = use_ctx();
    let location = ctx.location;
    let state = location.state;
    let options = [
        (SortOrder::Newest, "newest"),
        (SortOrder::Oldest, "oldest"),
        (SortOrder::TitleAz, "title"),
        (SortOrder::Locality, "locality"),
    ];
    let t = ctx.t();
    let label = move |o: SortOrder| {
        let searching = !state.with(|s| s.query.is_empty());
        match o {
            SortOrder::Newest if searching => t.sort_relevance,
            SortOrder::Newest => t.sort_newest,
            SortOrder::Oldest => t.sort_oldest,
            SortOrder::TitleAz => t.sort_title,
            SortOrder::Locality => t.sort_locality,
        }
    };
    let on_change = move |ev| {
        let v = event_target_value(&ev);
        if let Some(o) = options.iter().find(|(_, k)| *k == v).map(|(o, _)| *o) {
            location.update(false, |s| s.sort = o);
        }
    };
    view! {
        <label class="bt-sort">
            {t.sort} " "
            <select on:change=on_change disabled=crate::app::STATIC>
                {options
                    .into_iter()
                    .map(|(o, k)| {
                        view! {
                            <option value=k selected=move || state.with(|s| s.sort == o)>
                                {move || label(o)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// One entry of the list. `link` opens it; `saved`: whether it is bookmarked.
#[component]
fn ListItem(
    index: usize,
    position: usize,
    query: Query,
    link: String,
    saved: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang();
    let t = ctx.t();
    let article = &ctx.data.catalog.articles[index];
    let locality = ctx
        .data
        .catalog
        .locality_label(article)
        .unwrap_or_else(|| t.unknown_locality.to_string());
    let date = match display_date(article) {
        Some((d, basis)) => {
            let text = date_spec(&d, lang);
            let note = (basis == DateBasis::Event).then(|| format!(" ({})", t.by_event_date));
            view! { <time datetime=machine_date(&d)>{text}</time>{note} }.into_any()
        }
        None => view! { <span class="bt-undated">{t.undated_group}</span> }.into_any(),
    };
    let congress = primary_congresses(article).next().map(|c| {
        let label = congress_label(c);
        view! {
            <span>
                <span class=format!("bt-tag bt-tier-{}", c.tier.as_str())>{tier_label(c.tier, lang)}</span>
                " " {label}
            </span>
        }
    });
    view! {
        <li class="bt-item" data-pos=position data-id=article.id.clone()>
            <h3 class="bt-item-heading">
                <a class="bt-item-title" href=link>
                    <Highlighted text=article.title.clone() query=query.clone() />
                </a>
            </h3>
            <p class="bt-meta">
                <span class="bt-locality">{locality}</span>
                <span class="bt-date">{date}</span>
                {congress}
            </p>
            <p class="bt-excerpt"><Highlighted text=article.excerpt.clone() query=query /></p>
            {plain_bookmark_button(article.id.clone(), saved, t)}
        </li>
    }
}

/// Moves keyboard focus to the link of the `pos`-th entry, if it is rendered.
pub fn focus_item(root: Root, pos: usize) -> bool {
    root.focus(&format!(".bt-item[data-pos=\"{pos}\"] .bt-item-title"))
}
