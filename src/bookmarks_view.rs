//! The bookmarks view (with the list's search and filters, grouped by locality, notes,
//! export, import and a share link) and the read-only view of a shared list.

use bantin_core::bookmarks::{
    group_by_locality, import_json, share_param, sorted, to_export_json, to_netscape_html,
    Bookmark, BookmarkOrder, ExportInfo, ImportError,
};
use bantin_core::display::date_spec;
use bantin_core::state::View;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::app::{follow, use_ctx};
use crate::bookmarks::{download, now, BookmarkButton, StorageNotice};
use crate::filters::FilterPanel;
use crate::list::{results_memo_within, Ranked, SearchBox};
use crate::url::href;

/// The app's folder, absolute: exported and shared links must work outside the app.
fn app_base_url() -> String {
    crate::dom::app_folder().unwrap_or_default()
}

#[component]
pub fn BookmarksView() -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.t();
    let data = ctx.data.clone();
    let bookmarks = ctx.bookmarks;
    let mask = {
        let data = data.clone();
        Memo::new(move |_| {
            bookmarks.store.with(|s| {
                data.catalog
                    .articles
                    .iter()
                    .map(|a| s.contains(&a.id))
                    .collect::<Vec<bool>>()
            })
        })
    };
    let results = results_memo_within(Some(mask), Ranked::Unordered);
    let order = RwSignal::new(BookmarkOrder::default());
    let message = RwSignal::new(None::<String>);

    let groups = {
        let data = data.clone();
        move || {
            let shown: std::collections::HashSet<String> = results.with(|r| {
                r.ids
                    .iter()
                    .map(|&i| data.catalog.articles[i].id.clone())
                    .collect()
            });
            bookmarks.store.with(|s| {
                let present: Vec<&Bookmark> =
                    s.bookmarks().filter(|b| shown.contains(&b.id)).collect();
                let missing: Vec<Bookmark> = s
                    .bookmarks()
                    .filter(|b| !data.by_id.contains_key(&b.id))
                    .cloned()
                    .collect();
                let total = s.len();
                let ordered = sorted(present, order.get());
                let groups = group_by_locality(ordered)
                    .into_iter()
                    .map(|g| {
                        let heading = g
                            .locality
                            .clone()
                            .unwrap_or_else(|| t.unknown_locality.into());
                        let items = g
                            .bookmarks
                            .into_iter()
                            .map(|b| view! { <BookmarkItem bookmark=b.clone() available=true /> })
                            .collect_view();
                        view! {
                            <section class="bt-bm-group">
                                <h3>{heading}</h3>
                                <ul class="bt-list">{items}</ul>
                            </section>
                        }
                    })
                    .collect_view();
                let unavailable = (!missing.is_empty()).then(|| {
                    let items = missing
                        .into_iter()
                        .map(|b| view! { <BookmarkItem bookmark=b available=false /> })
                        .collect_view();
                    view! {
                        <section class="bt-bm-group bt-bm-unavailable">
                            <h3>{t.bookmark_unavailable_group}</h3>
                            <p class="bt-hint">{t.bookmark_unavailable_note}</p>
                            <ul class="bt-list">{items}</ul>
                        </section>
                    }
                });
                let empty = (total == 0)
                    .then(|| view! { <p class="bt-status bt-empty">{t.bookmarks_empty}</p> });
                view! { {empty} {groups} {unavailable} }
            })
        }
    };

    let order_select = view! {
        <label class="bt-sort">
            {t.sort} " "
            <select on:change=move |ev| {
                if let Some(o) = BookmarkOrder::parse(&event_target_value(&ev)) {
                    order.set(o);
                }
            }>
                {BookmarkOrder::ALL
                    .into_iter()
                    .map(|o| {
                        let label = match o {
                            BookmarkOrder::SavedNewest => t.order_saved_newest,
                            BookmarkOrder::SavedOldest => t.order_saved_oldest,
                            BookmarkOrder::ArticleNewest => t.sort_newest,
                            BookmarkOrder::ArticleOldest => t.sort_oldest,
                        };
                        view! { <option value=o.as_str() selected=move || order.get() == o>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    };

    let export_json = {
        let data = data.clone();
        move |_| {
            let text = bookmarks
                .store
                .with_untracked(|s| to_export_json(s, &ExportInfo::new(&data.catalog, now())));
            download("bantin-dau-trang.json", "application/json", &text);
        }
    };
    let export_html = move |_| {
        let text = bookmarks
            .store
            .with_untracked(|s| to_netscape_html(s, &app_base_url()));
        download("bantin-dau-trang.html", "text/html", &text);
    };
    let import = {
        let data = data.clone();
        move |ev: leptos::ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let data = data.clone();
            spawn_local(async move {
                let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await else {
                    message.set(Some(t.import_unreadable.into()));
                    return;
                };
                let text = text.as_string().unwrap_or_default();
                let incoming = match import_json(&text) {
                    Ok(store) => store,
                    Err(ImportError::Damaged {
                        partial,
                        unreadable,
                    }) => {
                        let ask = format!("{} ({unreadable})", t.import_damaged_confirm);
                        let yes = crate::dom::window()
                            .and_then(|w| w.confirm_with_message(&ask).ok())
                            .unwrap_or(false);
                        if !yes {
                            return;
                        }
                        partial
                    }
                    Err(ImportError::NewerVersion { partial, .. }) => partial,
                    Err(ImportError::Empty) => {
                        message.set(Some(t.import_empty.into()));
                        return;
                    }
                    Err(ImportError::NotBookmarks) => {
                        message.set(Some(t.import_not_bookmarks.into()));
                        return;
                    }
                };
                let mut added = 0;
                bookmarks.change(|s, _| added = s.merge_from(&incoming).added);
                bookmarks.fill_from(&data.catalog);
                message.set(Some(format!("{} {added}.", t.import_done)));
            });
        }
    };
    let share_link = {
        let data = data.clone();
        move || {
            let ids: Vec<String> = results.with(|r| {
                r.ids
                    .iter()
                    .map(|&i| data.catalog.articles[i].id.clone())
                    .collect()
            });
            format!(
                "{}?s={}",
                app_base_url(),
                share_param(ids.iter().map(String::as_str))
            )
        }
    };
    let count = move || {
        let n = bookmarks.store.with(|s| s.len());
        format!("{} ({n})", t.nav_bookmarks)
    };
    view! {
        <div class="bt-layout">
            <aside>
                <SearchBox />
                <FilterPanel results=results />
            </aside>
            <section class="bt-bookmarks" aria-labelledby="bt-bm-heading">
                <StorageNotice />
                <div class="bt-toolbar">
                    <h2 id="bt-bm-heading">{count}</h2>
                    {order_select}
                </div>
                {groups}
                <div class="bt-bm-tools">
                    <h3>{t.bookmarks_tools}</h3>
                    <div class="bt-row">
                        <button type="button" class="bt-export-json" on:click=export_json>{t.export_json}</button>
                        <button type="button" class="bt-export-html" on:click=export_html>{t.export_html}</button>
                        <label class="bt-import">
                            {t.import_json}
                            <input type="file" accept=".json,application/json" on:change=import />
                        </label>
                    </div>
                    <label for="bt-share-link">{t.share_link}</label>
                    <input id="bt-share-link" type="text" readonly prop:value=share_link />
                    <p class="bt-hint" role="status">{move || message.get()}</p>
                </div>
            </section>
        </div>
    }
}

#[component]
fn BookmarkItem(bookmark: Bookmark, available: bool) -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.t();
    let lang = ctx.lang();
    let location = ctx.location;
    let bookmarks = ctx.bookmarks;
    let id = bookmark.id.clone();
    let saved = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(bookmark.saved_at as f64));
    let saved_text = if bookmark.saved_at > 0 {
        format!(
            "{} {:02}/{:02}/{}",
            t.bookmark_saved_on,
            saved.get_date(),
            saved.get_month() + 1,
            saved.get_full_year()
        )
    } else {
        String::new()
    };
    let title_text = if bookmark.title.is_empty() {
        bookmark.id.clone()
    } else {
        bookmark.title.clone()
    };
    let title = if available {
        let mut s = location.state.get_untracked();
        s.view = View::Article(bookmark.id.clone());
        let link = href(&s);
        view! { <a class="bt-item-title" href=link on:click=move |ev| follow(ev, location)>{title_text}</a> }.into_any()
    } else {
        view! { <span class="bt-item-title">{title_text}</span> " " <em>{t.bookmark_unavailable}</em> }.into_any()
    };
    let published = bookmark
        .published_date()
        .map(|d| view! { <span>{date_spec(&d, lang)}</span> });
    let note_id = format!("bt-note-{}", bookmark.id);
    let note_value = bookmark.note.clone().unwrap_or_default();
    let id_for_note = id.clone();
    let on_note = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let note = Some(v.trim().to_string()).filter(|s| !s.is_empty());
        let id = id_for_note.clone();
        bookmarks.change(|s, now| {
            s.set_note(&id, note, now);
        });
    };
    let id_for_remove = id.clone();
    let remove = move |_| {
        let id = id_for_remove.clone();
        bookmarks.change(|s, now| {
            s.remove(&id, now);
        });
    };
    view! {
        <li class="bt-item bt-bm-item" data-id=id.clone()>
            <h4 class="bt-item-heading">{title}</h4>
            <p class="bt-meta">
                {bookmark.locality.clone().map(|l| view! { <span>{l}</span> })}
                {published}
                <span>{saved_text}</span>
            </p>
            <div class="bt-row">
                <label for=note_id.clone()>{t.bookmark_note}</label>
                <input id=note_id type="text" class="bt-note" maxlength="500" prop:value=note_value on:change=on_note />
                {available.then(|| view! { <BookmarkButton id=id.clone() /> })}
                {(!available).then(|| view! { <button type="button" class="bt-remove" on:click=remove>{t.bookmark_remove}</button> })}
            </div>
        </li>
    }
}

/// A list someone shared: read-only, with a way to save it into one's own bookmarks.
#[component]
pub fn SharedView(ids: Vec<String>) -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.t();
    let data = ctx.data.clone();
    let location = ctx.location;
    let bookmarks = ctx.bookmarks;
    let items = ids
        .iter()
        .map(|id| match data.by_id.get(id) {
            Some(&i) => {
                let a = &data.catalog.articles[i];
                let mut s = location.state.get_untracked();
                s.view = View::Article(a.id.clone());
                let link = href(&s);
                let locality = data.catalog.locality_label(a).unwrap_or_default();
                view! {
                    <li class="bt-item" data-id=a.id.clone()>
                        <h3 class="bt-item-heading"><a class="bt-item-title" href=link on:click=move |ev| follow(ev, location)>{a.title.clone()}</a></h3>
                        <p class="bt-meta"><span>{locality}</span></p>
                    </li>
                }
                .into_any()
            }
            None => view! {
                <li class="bt-item" data-id=id.clone()><span class="bt-item-title">{id.clone()}</span> " " <em>{t.bookmark_unavailable}</em></li>
            }
            .into_any(),
        })
        .collect_view();
    let save_all = {
        let data = data.clone();
        let ids = ids.clone();
        move |_| {
            let catalog = &data.catalog;
            let new: Vec<Bookmark> = ids
                .iter()
                .filter_map(|id| data.by_id.get(id).map(|&i| &catalog.articles[i]))
                .map(|a| Bookmark::from_article(a, catalog, now()))
                .collect();
            bookmarks.change(|s, now| {
                for b in new {
                    if !s.contains(&b.id) {
                        s.add(b, now);
                    }
                }
            });
        }
    };
    view! {
        <section class="bt-shared" aria-labelledby="bt-shared-heading">
            <h2 id="bt-shared-heading">{format!("{} ({})", t.shared_heading, ids.len())}</h2>
            <p class="bt-hint">{t.shared_note}</p>
            <ol class="bt-list">{items}</ol>
            <button type="button" class="bt-save-shared" on:click=save_all>{t.shared_save_all}</button>
        </section>
    }
}
