//! Bookmarks on the page side: persistence in localStorage, other tabs' changes, storage
//! that is full, blocked or damaged, and the buttons and views. The format, migration and
//! merging are `bantin_core::bookmarks`, tested natively.
//!
//! localStorage rather than IndexedDB: the store is small (a few hundred bytes a bookmark),
//! its API is synchronous, so every change is read-merged-written in one step with no
//! interleaving within a tab, and the `storage` event tells the other tabs at once.

use bantin_core::bookmarks::{load, serialize, Bookmark, BookmarkStore, LoadReport};
use bantin_core::Catalog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::Strings;

pub const STORAGE_KEY: &str = "bantin.bookmarks";
/// Parts of a damaged stored text that could not be read are kept under this prefix (with
/// the time), never erased, and the reader is told.
pub const SET_ASIDE_PREFIX: &str = "bantin.bookmarks.set-aside.";

#[derive(Clone, Debug, PartialEq)]
pub enum StorageProblem {
    /// localStorage cannot be used at all (blocked by settings or policy).
    Unavailable,
    /// A write failed (storage full, or blocked mid-session): changes live in memory only.
    WriteFailed,
    /// The stored bookmarks were damaged: `recovered` kept, `set_aside` parts kept apart.
    Recovered { recovered: usize, set_aside: usize },
}

#[derive(Clone, Copy)]
pub struct Bookmarks {
    pub store: RwSignal<BookmarkStore>,
    pub problem: RwSignal<Option<StorageProblem>>,
    asked_persist: StoredValue<bool>,
}

fn storage() -> Option<web_sys::Storage> {
    crate::dom::window()?.local_storage().ok().flatten()
}

pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

impl Bookmarks {
    pub fn install() -> Bookmarks {
        let b = Bookmarks {
            store: RwSignal::new(BookmarkStore::new()),
            problem: RwSignal::new(None),
            asked_persist: StoredValue::new(false),
        };
        // The build-time renderer has no browser: no storage, and nothing wrong with that.
        if crate::dom::window().is_none() {
            return b;
        }
        match storage() {
            None => b.problem.set(Some(StorageProblem::Unavailable)),
            Some(s) => {
                let raw = s.get_item(STORAGE_KEY).ok().flatten().unwrap_or_default();
                let report = load(&raw);
                b.adopt_loaded(&s, &raw, report);
            }
        }
        let store = b.store;
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() != Some(STORAGE_KEY) {
                return;
            }
            let incoming = load(&ev.new_value().unwrap_or_default());
            store.update(|mine| {
                mine.merge_from(&incoming.store);
            });
        });
        on_cleanup(move || handle.remove());
        b
    }

    fn adopt_loaded(&self, s: &web_sys::Storage, raw: &str, report: LoadReport) {
        if !report.set_aside.is_empty() {
            let stamp = now();
            for (n, part) in report.set_aside.iter().enumerate() {
                let _ = s.set_item(&format!("{SET_ASIDE_PREFIX}{stamp}.{n}"), part);
            }
            self.problem.set(Some(StorageProblem::Recovered {
                recovered: report.store.len(),
                set_aside: report.set_aside.len(),
            }));
        }
        if let Some(version) = report.migrated_from {
            // Keep the text as the older release wrote it until the new form is written.
            let _ = s.set_item(&format!("{STORAGE_KEY}.backup-v{version}"), raw);
        }
        let rewrite = report.migrated_from.is_some() || !report.set_aside.is_empty();
        self.store.set(report.store);
        if rewrite {
            self.write();
        }
    }

    /// Copies titles and localities from the data set into bookmarks that lack them
    /// (migrated ones).
    pub fn fill_from(&self, catalog: &Catalog) {
        let mut changed = false;
        self.store
            .update(|s| changed = s.fill_from_catalog(catalog) > 0);
        if changed {
            self.write();
        }
    }

    /// Applies `f` to the bookmarks. Reads what other tabs wrote first and merges it, so no
    /// tab's change is lost, then writes the result back.
    pub fn change(&self, f: impl FnOnce(&mut BookmarkStore, i64)) {
        if let Some(raw) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
            let theirs = load(&raw);
            self.store.update(|mine| {
                mine.merge_from(&theirs.store);
            });
        }
        self.store.update(|s| f(s, now()));
        self.write();
        self.ask_persistence();
    }

    fn write(&self) {
        let text = self.store.with_untracked(serialize);
        let ok = storage()
            .map(|s| s.set_item(STORAGE_KEY, &text).is_ok())
            .unwrap_or(false);
        if ok {
            if self.problem.get_untracked() == Some(StorageProblem::WriteFailed) {
                self.problem.set(None);
            }
        } else if self.problem.get_untracked() != Some(StorageProblem::Unavailable) {
            self.problem.set(Some(StorageProblem::WriteFailed));
        }
    }

    /// Asks the browser, once, not to evict the app's storage under pressure.
    fn ask_persistence(&self) {
        if self.asked_persist.get_value() {
            return;
        }
        self.asked_persist.set_value(true);
        if let Some(storage) = crate::dom::window().map(|w| w.navigator().storage()) {
            let _ = storage.persist();
        }
    }

    pub fn toggle(&self, catalog: &Catalog, id: &str) {
        let Some(article) = catalog.articles.iter().find(|a| a.id == id) else {
            // An article gone from the data set can still be removed.
            self.change(|s, now| {
                s.remove(id, now);
            });
            return;
        };
        let bookmark = Bookmark::from_article(article, catalog, now());
        self.change(|s, now| {
            s.toggle(bookmark, now);
        });
    }

    pub fn contains(&self, id: &str) -> bool {
        self.store.with(|s| s.contains(id))
    }
}

/// What a bookmark button shows, saved or not: `aria-pressed`, its title, the star and
/// the label.
fn button_texts(saved: bool, t: &'static Strings) -> [&'static str; 4] {
    if saved {
        ["true", t.bookmark_remove, "★", t.bookmark_saved]
    } else {
        ["false", t.bookmark_add, "☆", t.bookmark_save]
    }
}

/// The star button that saves or unsaves one article.
#[component]
pub fn BookmarkButton(id: String) -> impl IntoView {
    let ctx = crate::app::use_ctx();
    let t = ctx.t();
    let bookmarks = ctx.bookmarks;
    let data = ctx.data.clone();
    let id_for_state = id.clone();
    let texts = Memo::new(move |_| button_texts(bookmarks.contains(&id_for_state), t));
    view! {
        <button
            type="button"
            class="bt-bookmark"
            data-bookmark=id.clone()
            aria-pressed=move || texts.get()[0]
            title=move || texts.get()[1]
            on:click=move |_| bookmarks.toggle(&data.catalog, &id)
            disabled=crate::app::STATIC
        >
            <span aria-hidden="true">{move || texts.get()[2]}</span>
            " "
            <span>{move || texts.get()[3]}</span>
        </button>
    }
}

/// A bookmark button with no reactivity of its own, for list entries, which are rebuilt
/// on every change of the list: the list handles its clicks ([`toggle_clicked`]) and keeps
/// the buttons' state with one watch for all of them ([`sync_buttons`]).
pub fn plain_bookmark_button(id: String, saved: bool, t: &'static Strings) -> impl IntoView {
    let [pressed, title, star, label] = button_texts(saved, t);
    view! {
        <button type="button" class="bt-bookmark" data-bookmark=id aria-pressed=pressed title=title disabled=crate::app::STATIC>
            <span aria-hidden="true">{star}</span>
            " "
            <span>{label}</span>
        </button>
    }
}

/// For a click inside a list: toggles the bookmark whose button it was on, if any.
pub fn toggle_clicked(ev: &web_sys::MouseEvent, bookmarks: Bookmarks, catalog: &Catalog) {
    let button = crate::dom::event_closest(ev, "button[data-bookmark]");
    if let Some(id) = button.and_then(|b| b.get_attribute("data-bookmark")) {
        bookmarks.toggle(catalog, &id);
    }
}

/// Brings the [`plain_bookmark_button`]s matching `selector` under `root` to the store.
pub fn sync_buttons(
    root: crate::dom::Root,
    selector: &str,
    bookmarks: Bookmarks,
    t: &'static Strings,
) {
    for button in root.query_all(selector) {
        let Some(id) = button.get_attribute("data-bookmark") else {
            continue;
        };
        let [pressed, title, star, label] =
            button_texts(bookmarks.store.with_untracked(|s| s.contains(&id)), t);
        let _ = button.set_attribute("aria-pressed", pressed);
        let _ = button.set_attribute("title", title);
        let spans = button.children();
        if let (Some(s), Some(l)) = (spans.item(0), spans.item(1)) {
            s.set_text_content(Some(star));
            l.set_text_content(Some(label));
        }
    }
}

/// The plain-language notice for a storage problem.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let ctx = crate::app::use_ctx();
    let t = ctx.t();
    let problem = ctx.bookmarks.problem;
    move || {
        problem.get().map(|p| {
            let text = match p {
                StorageProblem::Unavailable => t.storage_unavailable.to_string(),
                StorageProblem::WriteFailed => t.storage_write_failed.to_string(),
                StorageProblem::Recovered {
                    recovered,
                    set_aside,
                } => format!(
                    "{} {recovered}. {} {set_aside}.",
                    t.storage_recovered, t.storage_set_aside
                ),
            };
            view! { <p class="bt-notice bt-storage-problem" role="alert">{text}</p> }
        })
    }
}

/// Offers `contents` as a file download.
pub fn download(filename: &str, mime: &str, contents: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Some(doc) = crate::dom::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(filename);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
