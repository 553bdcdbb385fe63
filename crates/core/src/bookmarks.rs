//! Bookmarks ("Đã lưu") that survive reloads, several open tabs, damaged storage, new data
//! sets and moving to another browser. The app keeps the text [`serialize`] writes in
//! `localStorage` and does the browser work; everything that decides what a bookmark list
//! *is* lives here.
//!
//! Choices worth knowing:
//! - **Last writer wins, per article, with deletion records.** Every change is stamped
//!   (milliseconds since the epoch) and a removal leaves a record of when it happened, so
//!   [`merge`]-ing two tabs' lists can neither bring back a bookmark one of them deleted
//!   later nor drop one added later. At equal stamps a removal beats an add and two adds are
//!   ordered by content, so every copy converges on the same list whatever the order of
//!   merges. Local changes are stamped after the id's previous stamp even when the clock
//!   went backwards, so a click always takes effect in its own tab.
//! - **A copy of what was saved.** A bookmark keeps the title, locality and publication date
//!   of its article at saving time, so a bookmark whose article vanished from a newer data
//!   set is still shown (as unavailable) instead of disappearing.
//! - **Nothing is silently erased.** [`load`] reads damaged text record by record and hands
//!   back every fragment it could not read in [`LoadReport::set_aside`], for the app to keep
//!   under a separate key and mention to the reader.
//!
//! # Storage format, version 2
//!
//! ```json
//! {"format":"bantin-bookmarks","version":2,
//!  "items":[{"id":"003_267ec1fad5aef6e3","saved_at":1700000000000,"updated_at":1700000000000,
//!            "title":"Đầm Hà đảm bảo công tác tuyên truyền xuyên suốt",
//!            "note":"đọc lại","locality":"huyện Đầm Hà, Quảng Ninh","published":"2020-03-28T18:57"}],
//!  "removed":[{"id":"001_c1af55e664871b1c","removed_at":1700000100000}]}
//! ```
//!
//! Records are arrays rather than maps keyed by id so that a damaged or truncated text can
//! still be read up to the damage. An export file is the same format, pretty-printed, with
//! `exported_at` and `data_version` added and without deletion records.
//!
//! # Version 1
//!
//! The first release stored a bare JSON array of article ids, later of `{"id", "t"}` objects
//! (`t`: when it was saved, in milliseconds). Both are read and migrated; what they lack is
//! left empty (title) or zero (time) and can be filled with
//! [`BookmarkStore::fill_from_catalog`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::date::DateSpec;
use crate::model::{ArticleMeta, Catalog};
use crate::sort::sort_items;
use crate::state::{percent_decode, percent_encode};
use crate::text::{fold, html_escape};

/// The `format` field, telling a bookmarks text from any other JSON.
pub const FORMAT_NAME: &str = "bantin-bookmarks";

/// The version [`serialize`] writes. Older versions are migrated on [`load`].
pub const FORMAT_VERSION: u32 = 2;

/// Most ids a share link carries. 500 ids of the current form (~20 characters) make a
/// parameter of about 11 KB, which browsers and common servers still accept in a URL; a
/// longer list is better shared as an export file.
pub const SHARE_LIMIT: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bookmark {
    /// Article id.
    pub id: String,
    /// When it was saved, in milliseconds since the epoch (0 when unknown, from version 1).
    pub saved_at: i64,
    /// The reader's own note.
    pub note: Option<String>,
    /// The article's title when it was saved (empty when unknown).
    pub title: String,
    /// The locality label when it was saved, as [`Catalog::locality_label`] writes it:
    /// "huyện Đầm Hà, Quảng Ninh".
    pub locality: Option<String>,
    /// The publication date when it was saved, in [`DateSpec`]'s wire form.
    pub published: Option<String>,
}

impl Bookmark {
    /// A bookmark of `article` saved at `now`, with copies of what the list shows of it.
    pub fn from_article(article: &ArticleMeta, catalog: &Catalog, now: i64) -> Bookmark {
        Bookmark {
            id: article.id.clone(),
            saved_at: now,
            note: None,
            title: article.title.clone(),
            locality: catalog.locality_label(article),
            published: article.published.map(|d| d.to_string()),
        }
    }

    /// The saved publication date, when it still parses.
    pub fn published_date(&self) -> Option<DateSpec> {
        self.published
            .as_deref()
            .and_then(|s| DateSpec::parse(s).ok())
    }
}

/// A bookmark with the stamp of its last change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub bookmark: Bookmark,
    /// When it was last added or edited, in milliseconds since the epoch.
    pub updated_at: i64,
}

/// The reader's bookmarks. Each id is either in `items` (saved) or in `removed` (deleted,
/// with the time of deletion), never in both once normalised; every operation here keeps
/// it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkStore {
    /// Format version the store is in; [`FORMAT_VERSION`] after [`load`].
    pub version: u32,
    pub items: BTreeMap<String, Entry>,
    /// Deletion records: id → when it was removed. Kept indefinitely: they are a few dozen
    /// bytes each, and forgetting one would let an old copy in another tab resurrect the
    /// bookmark.
    pub removed: BTreeMap<String, i64>,
}

impl Default for BookmarkStore {
    fn default() -> Self {
        BookmarkStore {
            version: FORMAT_VERSION,
            items: BTreeMap::new(),
            removed: BTreeMap::new(),
        }
    }
}

/// The latest change of one id, comparable across copies: by stamp, a removal after an add
/// at the same stamp, and adds at the same stamp by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Change<'a>(i64, bool, Option<&'a Bookmark>);

impl<'a> Change<'a> {
    fn added(e: &'a Entry) -> Change<'a> {
        Change(e.updated_at, false, Some(&e.bookmark))
    }

    fn removed(at: i64) -> Change<'static> {
        Change(at, true, None)
    }
}

/// What a merge changed, for the reader ("3 bookmarks imported") and for deciding whether
/// to redraw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MergeOutcome {
    /// Ids saved now that were not before.
    pub added: usize,
    /// Ids saved before and now, with a newer version (a note, new copies).
    pub updated: usize,
    /// Ids saved before and deleted now.
    pub removed: usize,
}

impl MergeOutcome {
    pub fn is_unchanged(&self) -> bool {
        *self == MergeOutcome::default()
    }
}

impl BookmarkStore {
    pub fn new() -> BookmarkStore {
        BookmarkStore::default()
    }

    /// Number of saved bookmarks.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.items.contains_key(id)
    }

    pub fn get(&self, id: &str) -> Option<&Bookmark> {
        self.items.get(id).map(|e| &e.bookmark)
    }

    /// Saved bookmarks, by id.
    pub fn bookmarks(&self) -> impl Iterator<Item = &Bookmark> {
        self.items.values().map(|e| &e.bookmark)
    }

    /// A stamp for a local change of `id` at `now` that is later than any earlier change of
    /// it, even if the clock went backwards.
    fn stamp(&self, id: &str, now: i64) -> i64 {
        let last = self
            .items
            .get(id)
            .map(|e| e.updated_at)
            .into_iter()
            .chain(self.removed.get(id).copied())
            .max();
        match last {
            Some(t) => now.max(t.saturating_add(1)),
            None => now,
        }
    }

    /// Saves (or replaces) a bookmark.
    pub fn add(&mut self, bookmark: Bookmark, now: i64) {
        let updated_at = self.stamp(&bookmark.id, now);
        self.removed.remove(&bookmark.id);
        self.items.insert(
            bookmark.id.clone(),
            Entry {
                bookmark,
                updated_at,
            },
        );
    }

    /// Deletes a saved bookmark, leaving a deletion record. False when it was not saved.
    pub fn remove(&mut self, id: &str, now: i64) -> bool {
        if !self.items.contains_key(id) {
            return false;
        }
        let at = self.stamp(id, now);
        self.items.remove(id);
        self.removed.insert(id.to_string(), at);
        true
    }

    /// The star button: saves `bookmark` when its article is not saved, deletes it when it
    /// is. Returns whether it is saved afterwards.
    pub fn toggle(&mut self, bookmark: Bookmark, now: i64) -> bool {
        if self.remove(&bookmark.id, now) {
            false
        } else {
            self.add(bookmark, now);
            true
        }
    }

    /// Sets or clears the note of a saved bookmark (an empty note clears it). False when
    /// the bookmark is not saved.
    pub fn set_note(&mut self, id: &str, note: Option<String>, now: i64) -> bool {
        let updated_at = self.stamp(id, now);
        let Some(entry) = self.items.get_mut(id) else {
            return false;
        };
        entry.bookmark.note = note.filter(|n| !n.trim().is_empty());
        entry.updated_at = updated_at;
        true
    }

    /// Fills copies that are unknown (an empty title, no locality or date, as after a
    /// version 1 migration) from the catalog, for articles it still has. Returns how many
    /// bookmarks changed.
    ///
    /// Not stamped as a change: it only adds what was missing, and two copies filled
    /// differently still converge, since equal stamps are ordered by content.
    pub fn fill_from_catalog(&mut self, catalog: &Catalog) -> usize {
        // Inserted one by one: `collect` into a map would bring in its own copy of the
        // standard sort.
        let mut articles: BTreeMap<&str, &ArticleMeta> = BTreeMap::new();
        for a in &catalog.articles {
            articles.insert(a.id.as_str(), a);
        }
        let mut changed = 0;
        for (id, entry) in &mut self.items {
            let Some(article) = articles.get(id.as_str()) else {
                continue;
            };
            let b = &mut entry.bookmark;
            let before = b.clone();
            if b.title.is_empty() {
                b.title = article.title.clone();
            }
            if b.locality.is_none() {
                b.locality = catalog.locality_label(article);
            }
            if b.published.is_none() {
                b.published = article.published.map(|d| d.to_string());
            }
            changed += usize::from(*b != before);
        }
        changed
    }

    /// The latest change of `id` this store knows.
    fn change(&self, id: &str) -> Option<Change<'_>> {
        let added = self.items.get(id).map(Change::added);
        let removed = self.removed.get(id).map(|&t| Change::removed(t));
        added.max(removed)
    }

    /// Keeps `incoming` for `id` when it is later than what the store has.
    fn offer(&mut self, id: &str, incoming: Result<&Entry, i64>, outcome: &mut MergeOutcome) {
        let candidate = match incoming {
            Ok(e) => Change::added(e),
            Err(t) => Change::removed(t),
        };
        if self.change(id).is_some_and(|current| current >= candidate) {
            return;
        }
        let was_saved = self.items.contains_key(id);
        match incoming {
            Ok(e) => {
                self.removed.remove(id);
                let mut e = e.clone();
                e.bookmark.id = id.to_string();
                self.items.insert(id.to_string(), e);
                if was_saved {
                    outcome.updated += 1;
                } else {
                    outcome.added += 1;
                }
            }
            Err(t) => {
                self.items.remove(id);
                self.removed.insert(id.to_string(), t);
                outcome.removed += usize::from(was_saved);
            }
        }
    }

    /// Restores the one-state-per-id invariant after direct edits of the fields.
    fn normalize(&mut self) {
        let both: Vec<String> = self
            .items
            .keys()
            .filter(|id| self.removed.contains_key(*id))
            .cloned()
            .collect();
        for id in both {
            if self.removed[&id] >= self.items[&id].updated_at {
                self.items.remove(&id);
            } else {
                self.removed.remove(&id);
            }
        }
        for (id, e) in &mut self.items {
            if e.bookmark.id != *id {
                e.bookmark.id = id.clone();
            }
        }
    }

    /// Takes every change of `other` that is later than this store's (see [`merge`]).
    pub fn merge_from(&mut self, other: &BookmarkStore) -> MergeOutcome {
        self.normalize();
        let mut outcome = MergeOutcome::default();
        for (id, e) in &other.items {
            self.offer(id, Ok(e), &mut outcome);
        }
        for (id, &t) in &other.removed {
            self.offer(id, Err(t), &mut outcome);
        }
        self.version = FORMAT_VERSION;
        outcome
    }

    /// Bookmarks in the given order.
    pub fn sorted(&self, order: BookmarkOrder) -> Vec<&Bookmark> {
        sorted(self.bookmarks(), order)
    }
}

/// Both stores' changes, keeping the later one for each id. Commutative, associative and
/// idempotent, so tabs may merge each other's lists in any order, any number of times, and
/// agree. Used when another tab writes (the `storage` event) and for imports.
pub fn merge(a: &BookmarkStore, b: &BookmarkStore) -> BookmarkStore {
    let mut out = a.clone();
    out.merge_from(b);
    out
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    saved_at: i64,
    updated_at: i64,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
}

#[derive(Serialize)]
struct RemovedOut<'a> {
    id: &'a str,
    removed_at: i64,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    exported_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_version: Option<&'a str>,
    items: Vec<ItemOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    removed: Vec<RemovedOut<'a>>,
}

fn file_out<'a>(store: &'a BookmarkStore, with_removed: bool) -> FileOut<'a> {
    FileOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        exported_at: None,
        data_version: None,
        items: store
            .items
            .iter()
            .map(|(id, e)| ItemOut {
                id,
                saved_at: e.bookmark.saved_at,
                updated_at: e.updated_at,
                title: &e.bookmark.title,
                note: e.bookmark.note.as_deref(),
                locality: e.bookmark.locality.as_deref(),
                published: e.bookmark.published.as_deref(),
            })
            .collect(),
        removed: if with_removed {
            store
                .removed
                .iter()
                .map(|(id, &removed_at)| RemovedOut { id, removed_at })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// The text to keep in storage: compact, current format, deletion records included.
pub fn serialize(store: &BookmarkStore) -> String {
    serde_json::to_string(&file_out(store, true)).expect("plain data always serializes")
}

/// What an export file records besides the bookmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportInfo<'a> {
    /// When the file was made, in milliseconds since the epoch.
    pub exported_at: i64,
    /// [`Catalog::version`] of the data set the reader had, to tell later which articles
    /// were still there.
    pub data_version: Option<&'a str>,
}

impl<'a> ExportInfo<'a> {
    pub fn new(catalog: &'a Catalog, exported_at: i64) -> ExportInfo<'a> {
        ExportInfo {
            exported_at,
            data_version: Some(&catalog.version),
        }
    }
}

/// The export file: the storage format, pretty-printed for people, without deletion
/// records (a file handed to another browser should add bookmarks there, not delete any).
pub fn to_export_json(store: &BookmarkStore, info: &ExportInfo) -> String {
    let mut out = file_out(store, false);
    out.exported_at = Some(info.exported_at);
    out.data_version = info.data_version;
    serde_json::to_string_pretty(&out).expect("plain data always serializes")
}

/// The result of reading stored text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoadReport {
    pub store: BookmarkStore,
    /// Records (bookmarks and deletion records) read.
    pub recovered: usize,
    /// Fragments of the text that could not be read, exactly as they were. The whole text
    /// instead when nothing at all could be read, when the text was cut short (what
    /// followed the cut is unknown), or when it was written by a newer release (whose extra
    /// information this release would drop on its next write).
    pub set_aside: Vec<String>,
    /// The version the text was in, when it was migrated from an older one.
    pub migrated_from: Option<u32>,
}

impl LoadReport {
    /// True when the text was read completely.
    pub fn is_clean(&self) -> bool {
        self.set_aside.is_empty()
    }
}

/// A timestamp: an integer, or a finite float truncated (as another program might write).
fn timestamp(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))
}

fn non_empty_str(v: &Value) -> Option<String> {
    v.as_str().filter(|s| !s.is_empty()).map(str::to_string)
}

/// An optional text field: absent or `null` is `Some(None)`, a string `Some(Some(_))`, any
/// other type `None` (the record is unreadable).
fn optional_text(o: &serde_json::Map<String, Value>, key: &str) -> Option<Option<String>> {
    match o.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(s)) => Some(Some(s.clone())),
        Some(_) => None,
    }
}

fn read_item(v: &Value) -> Option<Entry> {
    let o = v.as_object()?;
    let id = non_empty_str(o.get("id")?)?;
    let saved_at = timestamp(o.get("saved_at")?)?;
    let updated_at = match o.get("updated_at") {
        None | Some(Value::Null) => saved_at,
        Some(t) => timestamp(t)?,
    };
    Some(Entry {
        bookmark: Bookmark {
            id,
            saved_at,
            note: optional_text(o, "note")?.filter(|n| !n.is_empty()),
            title: optional_text(o, "title")?.unwrap_or_default(),
            locality: optional_text(o, "locality")?,
            published: optional_text(o, "published")?,
        },
        updated_at,
    })
}

fn read_removed(v: &Value) -> Option<(String, i64)> {
    let o = v.as_object()?;
    Some((
        non_empty_str(o.get("id")?)?,
        timestamp(o.get("removed_at")?)?,
    ))
}

/// A version 1 record: an id, or `{"id": …, "t": saved_at}`.
fn read_v1_item(v: &Value) -> Option<Entry> {
    let (id, t) = match v {
        Value::String(s) if !s.is_empty() => (s.clone(), 0),
        Value::Object(o) => {
            let id = non_empty_str(o.get("id")?)?;
            let t = match o.get("t") {
                None | Some(Value::Null) => 0,
                Some(t) => timestamp(t)?,
            };
            (id, t)
        }
        _ => return None,
    };
    Some(Entry {
        bookmark: Bookmark {
            id,
            saved_at: t,
            note: None,
            title: String::new(),
            locality: None,
            published: None,
        },
        updated_at: t,
    })
}

/// A forgiving reader of JSON structure: it finds where values start and end without
/// parsing them, so that one damaged record does not make its neighbours unreadable.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn skip_ws(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// The next value's text: up to the first `,`, `]` or `}` outside strings and brackets,
    /// or to the end of the text when it is cut short.
    fn value(&mut self) -> &'a str {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let mut i = start;
        while i < bytes.len() {
            let b = bytes[i];
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth == 0 => break,
                    b'}' | b']' => depth -= 1,
                    b',' if depth == 0 => break,
                    _ => {}
                }
            }
            i += 1;
        }
        self.pos = i;
        self.text[start..i].trim_end()
    }

    /// A string token (a key), when one starts here and is complete.
    fn string(&mut self) -> Option<String> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let mut escaped = false;
        for (i, &b) in self.text.as_bytes().iter().enumerate().skip(self.pos + 1) {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => {
                    let s = serde_json::from_str(&self.text[self.pos..=i]).ok()?;
                    self.pos = i + 1;
                    return Some(s);
                }
                _ => {}
            }
        }
        None
    }

    /// The elements of the array whose `[` is at the current position, as text, and
    /// whether its `]` was found (false when the text is cut short). A stray closing brace
    /// inside is set aside.
    fn array(&mut self, bad: &mut Vec<String>) -> (Vec<&'a str>, bool) {
        debug_assert_eq!(self.peek(), Some(b'['));
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => return (items, false),
                Some(b']') => {
                    self.pos += 1;
                    return (items, true);
                }
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    bad.push("}".to_string());
                    self.pos += 1;
                }
                Some(_) => items.push(self.value()),
            }
        }
    }
}

/// What the top level of a stored text held.
#[derive(Default)]
struct TopLevel<'a> {
    format: Option<Value>,
    version: Option<Value>,
    items: Option<Vec<&'a str>>,
    removed: Option<Vec<&'a str>>,
    /// The object and its arrays were all closed: the text was not cut short.
    complete: bool,
}

/// Reads the members of the object whose `{` is at the current position. Members other than
/// the ones bookmarks use are skipped (a newer release may add some); text that is not a
/// member at all is set aside.
fn read_object<'a>(sc: &mut Scanner<'a>, bad: &mut Vec<String>) -> TopLevel<'a> {
    sc.pos += 1;
    let mut top = TopLevel::default();
    let mut arrays_closed = true;
    loop {
        sc.skip_ws();
        match sc.peek() {
            None => break,
            Some(b'}') => {
                sc.pos += 1;
                top.complete = arrays_closed;
                break;
            }
            Some(b',') => {
                sc.pos += 1;
                continue;
            }
            _ => {}
        }
        let start = sc.pos;
        let key = sc.string();
        sc.skip_ws();
        let Some(key) = key.filter(|_| sc.peek() == Some(b':')) else {
            sc.pos = start;
            let junk = sc.value();
            if junk.is_empty() {
                // A stray `]`.
                bad.push("]".to_string());
                sc.pos += 1;
            } else {
                bad.push(junk.to_string());
            }
            continue;
        };
        sc.pos += 1;
        sc.skip_ws();
        match key.as_str() {
            "items" | "removed" if sc.peek() == Some(b'[') => {
                let (elements, closed) = sc.array(bad);
                arrays_closed &= closed;
                let list = if key == "items" {
                    &mut top.items
                } else {
                    &mut top.removed
                };
                list.get_or_insert_with(Vec::new).extend(elements);
            }
            _ => {
                let raw = sc.value();
                let value = serde_json::from_str::<Value>(raw).ok();
                match key.as_str() {
                    "format" => top.format = value,
                    "version" => top.version = value,
                    "items" | "removed" if !raw.is_empty() => bad.push(raw.to_string()),
                    _ => {}
                }
            }
        }
    }
    top
}

/// Parses each record text with `read`; the readable ones are returned, the others set
/// aside.
fn read_records<T>(
    texts: Vec<&str>,
    read: impl Fn(&Value) -> Option<T>,
    bad: &mut Vec<String>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(texts.len());
    for text in texts {
        match serde_json::from_str::<Value>(text)
            .ok()
            .as_ref()
            .and_then(&read)
        {
            Some(record) => out.push(record),
            None => bad.push(text.to_string()),
        }
    }
    out
}

/// Everything [`load`] learns, including the version of the text.
struct Loaded {
    report: LoadReport,
    /// The `version` the text states (1 for a version 1 list).
    version: Option<u64>,
    /// False when the text is not a bookmarks text at all.
    ours: bool,
}

fn load_inner(raw: &str) -> Loaded {
    let mut bad = Vec::new();
    let mut sc = Scanner { text: raw, pos: 0 };
    sc.skip_ws();
    let mut version = None;
    let mut ours = true;
    let mut complete = true;
    let mut items = Vec::new();
    let mut removed = Vec::new();
    match sc.peek() {
        None => {}
        Some(b'[') => {
            version = Some(1);
            let (texts, closed) = sc.array(&mut bad);
            complete = closed;
            items = read_records(texts, read_v1_item, &mut bad);
        }
        Some(b'{') => {
            let top = read_object(&mut sc, &mut bad);
            let format = top.format.as_ref().and_then(Value::as_str);
            ours = format == Some(FORMAT_NAME) || (top.format.is_none() && top.items.is_some());
            complete = top.complete;
            version = top.version.as_ref().and_then(Value::as_u64);
            items = read_records(top.items.unwrap_or_default(), read_item, &mut bad);
            removed = read_records(top.removed.unwrap_or_default(), read_removed, &mut bad);
        }
        Some(_) => ours = sc.value() == "null",
    }
    sc.skip_ws();
    if !sc.at_end() {
        bad.push(raw[sc.pos..].to_string());
    }
    if !ours {
        items.clear();
        removed.clear();
    }

    let mut store = BookmarkStore::new();
    let mut outcome = MergeOutcome::default();
    let recovered = items.len() + removed.len();
    for e in &items {
        store.offer(&e.bookmark.id, Ok(e), &mut outcome);
    }
    for (id, t) in removed {
        store.offer(&id, Err(t), &mut outcome);
    }
    let newer = version.is_some_and(|v| v > u64::from(FORMAT_VERSION));
    let whole = !ours || newer || !complete || (recovered == 0 && !bad.is_empty());
    Loaded {
        report: LoadReport {
            store,
            recovered,
            set_aside: if whole { vec![raw.to_string()] } else { bad },
            migrated_from: (version == Some(1) && ours).then_some(1),
        },
        version,
        ours,
    }
}

/// Reads stored text of any version, recovering every record that can be read (see
/// [`LoadReport`]). Never fails: empty text (nothing stored yet) or `null` is an empty
/// store, text that is not a bookmarks text at all is an empty store with the text set
/// aside.
pub fn load(raw: &str) -> LoadReport {
    load_inner(raw).report
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file holds no bookmarks at all (empty, or an empty list).
    Empty,
    /// Not a bookmarks file: not JSON, or JSON of another shape.
    NotBookmarks,
    /// Written by a newer release; `partial` holds what this release can read of it.
    NewerVersion {
        version: u64,
        partial: BookmarkStore,
    },
    /// Some records could not be read; `partial` holds the readable ones, for the app to
    /// import if the reader agrees.
    Damaged {
        partial: BookmarkStore,
        unreadable: usize,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "the file holds no bookmarks"),
            ImportError::NotBookmarks => write!(f, "not a bookmarks file"),
            ImportError::NewerVersion { version, .. } => {
                write!(f, "bookmarks file of a newer version ({version})")
            }
            ImportError::Damaged { unreadable, .. } => {
                write!(f, "{unreadable} unreadable parts in the bookmarks file")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads an export file (or a stored text of any version) for importing. The app then
/// [`BookmarkStore::merge_from`]s it: articles already saved are not duplicated (ids are
/// unique), newer edits win, and a bookmark deleted here after the file was made stays
/// deleted.
pub fn import_json(raw: &str) -> Result<BookmarkStore, ImportError> {
    let Loaded {
        report,
        version,
        ours,
    } = load_inner(raw);
    if !ours {
        return Err(ImportError::NotBookmarks);
    }
    if let Some(v) = version.filter(|&v| v > FORMAT_VERSION as u64) {
        return Err(ImportError::NewerVersion {
            version: v,
            partial: report.store,
        });
    }
    if report.recovered == 0 {
        return Err(if report.set_aside.is_empty() {
            ImportError::Empty
        } else {
            ImportError::NotBookmarks
        });
    }
    if !report.set_aside.is_empty() {
        return Err(ImportError::Damaged {
            unreadable: report.set_aside.len(),
            partial: report.store,
        });
    }
    Ok(report.store)
}

/// The link to an article's own page (`bai-<id>.html`, readable with no script) in the app's
/// folder: `base_url` is an address in that folder, whose query, if any, is kept.
pub fn article_url(base_url: &str, id: &str) -> String {
    let (address, query) = match base_url.split_once('?') {
        Some((address, query)) => (address, query),
        None => (base_url, ""),
    };
    let folder = &address[..address.rfind('/').map_or(0, |i| i + 1)];
    let page = crate::state::article_path(id);
    if query.is_empty() {
        format!("{folder}{page}")
    } else {
        format!("{folder}{page}?{query}")
    }
}

/// The Netscape bookmark file that every browser imports, with the bookmarks (newest first)
/// in one folder named after the app. Times are in seconds, as the format wants; a
/// bookmark without a known title is named by its id, and notes become descriptions.
pub fn to_netscape_html(store: &BookmarkStore, base_url: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n\
         <!-- This is an automatically generated file.\n     \
         It will be read and overwritten.\n     DO NOT EDIT! -->\n\
         <META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n\
         <TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n    \
         <DT><H3>Bản tin Đại hội</H3>\n    <DL><p>\n",
    );
    for entry in store.sorted(BookmarkOrder::SavedNewest) {
        let e = &store.items[&entry.id];
        out.push_str("        <DT><A HREF=\"");
        html_escape(&article_url(base_url, &entry.id), &mut out);
        out.push_str(&format!(
            "\" ADD_DATE=\"{}\" LAST_MODIFIED=\"{}\">",
            entry.saved_at.div_euclid(1000),
            e.updated_at.div_euclid(1000)
        ));
        let title = if entry.title.is_empty() {
            &entry.id
        } else {
            &entry.title
        };
        html_escape(title, &mut out);
        out.push_str("</A>\n");
        if let Some(note) = &entry.note {
            out.push_str("        <DD>");
            html_escape(note, &mut out);
            out.push('\n');
        }
    }
    out.push_str("    </DL><p>\n</DL><p>\n");
    out
}

/// The value of a share-link parameter carrying these ids: percent-encoded ids joined by
/// commas (commas inside ids are encoded), in the given order, without repeats or empty
/// ids, at most [`SHARE_LIMIT`] of them. URL-safe as it is.
pub fn share_param<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen = BTreeSet::new();
    ids.into_iter()
        .filter(|id| !id.is_empty() && seen.insert(*id))
        .take(SHARE_LIMIT)
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join(",")
}

/// The ids of a share-link parameter, read as forgivingly as the rest of the URL: empty
/// parts and repeats are dropped, and only the first [`SHARE_LIMIT`] are kept.
pub fn parse_share_param(s: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    s.split(',')
        .map(percent_decode)
        .filter(|id| !id.is_empty() && seen.insert(id.clone()))
        .take(SHARE_LIMIT)
        .collect()
}

/// Order of the bookmarks view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BookmarkOrder {
    /// Most recently saved first.
    #[default]
    SavedNewest,
    SavedOldest,
    /// By the article's publication date, latest first; undated last.
    ArticleNewest,
    /// By the article's publication date, earliest first; undated last.
    ArticleOldest,
}

impl BookmarkOrder {
    pub const ALL: [BookmarkOrder; 4] = [
        BookmarkOrder::SavedNewest,
        BookmarkOrder::SavedOldest,
        BookmarkOrder::ArticleNewest,
        BookmarkOrder::ArticleOldest,
    ];

    /// Stable name, for the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            BookmarkOrder::SavedNewest => "saved",
            BookmarkOrder::SavedOldest => "saved-oldest",
            BookmarkOrder::ArticleNewest => "date",
            BookmarkOrder::ArticleOldest => "date-oldest",
        }
    }

    pub fn parse(s: &str) -> Option<BookmarkOrder> {
        BookmarkOrder::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// `bookmarks` in the given order; ties (same time, same date) go by id so the order is
/// the same on every run.
pub fn sorted<'a>(
    bookmarks: impl IntoIterator<Item = &'a Bookmark>,
    order: BookmarkOrder,
) -> Vec<&'a Bookmark> {
    use std::cmp::Reverse;
    let mut v: Vec<&Bookmark> = bookmarks.into_iter().collect();
    let date = |b: &Bookmark| b.published_date().and_then(|d| d.sort_key());
    match order {
        BookmarkOrder::SavedNewest => sort_items(&mut v, &|a, b| {
            (Reverse(a.saved_at), &a.id).cmp(&(Reverse(b.saved_at), &b.id))
        }),
        BookmarkOrder::SavedOldest => sort_items(&mut v, &|a, b| {
            (a.saved_at, &a.id).cmp(&(b.saved_at, &b.id))
        }),
        BookmarkOrder::ArticleNewest => sort_items(&mut v, &|a, b| {
            (date(a).is_none(), Reverse(date(a)), &a.id).cmp(&(
                date(b).is_none(),
                Reverse(date(b)),
                &b.id,
            ))
        }),
        BookmarkOrder::ArticleOldest => sort_items(&mut v, &|a, b| {
            (date(a).is_none(), date(a), &a.id).cmp(&(date(b).is_none(), date(b), &b.id))
        }),
    }
    v
}

/// Bookmarks of one locality, for a heading in the bookmarks view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalityGroup<'a> {
    /// The saved locality label; `None` for articles without one ("Không rõ địa phương").
    pub locality: Option<String>,
    /// In the order they were given.
    pub bookmarks: Vec<&'a Bookmark>,
}

/// Groups bookmarks by their saved locality label, groups in accent-insensitive alphabetical
/// order and the group without a locality last; within a group the given order is kept
/// (pass [`sorted`] output). Grouping by the saved label rather than a code keeps bookmarks
/// of vanished articles in place.
pub fn group_by_locality<'a>(
    bookmarks: impl IntoIterator<Item = &'a Bookmark>,
) -> Vec<LocalityGroup<'a>> {
    let mut groups: BTreeMap<(bool, String, Option<String>), Vec<&'a Bookmark>> = BTreeMap::new();
    for b in bookmarks {
        let key = (
            b.locality.is_none(),
            b.locality.as_deref().map(fold).unwrap_or_default(),
            b.locality.clone(),
        );
        groups.entry(key).or_default().push(b);
    }
    groups
        .into_iter()
        .map(|((_, _, locality), bookmarks)| LocalityGroup {
            locality,
            bookmarks,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bm(id: &str, saved_at: i64) -> Bookmark {
        Bookmark {
            id: id.into(),
            saved_at,
            note: None,
            title: format!("Bài {id}"),
            locality: None,
            published: None,
        }
    }

    fn ids(store: &BookmarkStore) -> Vec<&str> {
        store.items.keys().map(String::as_str).collect()
    }

    fn sample_store() -> BookmarkStore {
        let mut s = BookmarkStore::new();
        s.add(
            Bookmark {
                note: Some("đọc lại \"kỹ\"".into()),
                locality: Some("huyện Đầm Hà, Quảng Ninh".into()),
                published: Some("2020-03-28T18:57".into()),
                title: "Đầm Hà đảm bảo công tác tuyên truyền xuyên suốt".into(),
                ..bm("003_267ec1fad5aef6e3", 1_000)
            },
            1_000,
        );
        s.add(bm("004_ee655f1bf30cb98e", 2_000), 2_000);
        s.add(bm("001_c1af55e664871b1c", 3_000), 3_000);
        s.remove("001_c1af55e664871b1c", 4_000);
        s
    }

    #[test]
    fn storage_format_round_trips() {
        let s = sample_store();
        let text = serialize(&s);
        assert!(text.starts_with(r#"{"format":"bantin-bookmarks","version":2,"items":[{"#));
        assert!(text.contains(r#""removed":[{"id":"001_c1af55e664871b1c","removed_at":4000}]"#));
        let r = load(&text);
        assert!(r.is_clean());
        assert_eq!(r.store, s);
        assert_eq!(r.recovered, 3);
        assert_eq!(r.migrated_from, None);
        assert_eq!(serialize(&r.store), text);
    }

    #[test]
    fn nothing_stored_is_an_empty_store() {
        for raw in ["", "  \n", "null"] {
            let r = load(raw);
            assert!(r.is_clean(), "{raw:?}");
            assert!(r.store.is_empty());
            assert_eq!(r.recovered, 0);
        }
        let r = load(r#"{"format":"bantin-bookmarks","version":2,"items":[]}"#);
        assert!(r.is_clean() && r.store.is_empty());
    }

    #[test]
    fn version_1_lists_are_migrated() {
        let r = load(r#"["003_a", {"id":"004_b","t":1585000000000}, "003_a", {"id":"005_c"}]"#);
        assert!(r.is_clean(), "{:?}", r.set_aside);
        assert_eq!(r.migrated_from, Some(1));
        assert_eq!(ids(&r.store), ["003_a", "004_b", "005_c"]);
        assert_eq!(r.store.get("004_b").unwrap().saved_at, 1_585_000_000_000);
        assert_eq!(r.store.get("003_a").unwrap().saved_at, 0);
        assert_eq!(r.store.get("003_a").unwrap().title, "");
        // Written back in the current format.
        let again = load(&serialize(&r.store));
        assert_eq!(again.migrated_from, None);
        assert_eq!(again.store, r.store);

        // One bad record among good ones.
        let r = load(r#"["a", 42, {"id":""}, {"id":"b","t":"x"}, "c"]"#);
        assert_eq!(ids(&r.store), ["a", "c"]);
        assert_eq!(r.set_aside, ["42", r#"{"id":""}"#, r#"{"id":"b","t":"x"}"#]);
    }

    #[test]
    fn copies_are_filled_from_the_catalog() {
        use crate::model::{District, Province};
        let article = ArticleMeta {
            published: Some(DateSpec::parse("2020-03-28T18:57").unwrap()),
            province: Some("22".into()),
            district: Some("200".into()),
            ..crate::fixtures::article("003_a", "Đầm Hà đảm bảo công tác tuyên truyền")
        };
        let catalog = Catalog {
            schema: 1,
            version: "v9".into(),
            provinces: vec![Province {
                code: "22".into(),
                name: "Quảng Ninh".into(),
                districts: vec![District {
                    code: "200".into(),
                    name: "Đầm Hà".into(),
                    kind: "huyện".into(),
                }],
            }],
            articles: vec![article.clone()],
        };
        let mut s = load(r#"["003_a", "gone"]"#).store;
        assert_eq!(s.fill_from_catalog(&catalog), 1);
        assert_eq!(s.fill_from_catalog(&catalog), 0);
        let b = s.get("003_a").unwrap();
        assert_eq!(b, &Bookmark::from_article(&article, &catalog, 0));
        assert_eq!(b.locality.as_deref(), Some("huyện Đầm Hà, Quảng Ninh"));
        assert_eq!(s.get("gone").unwrap().title, "");

        let json = to_export_json(&s, &ExportInfo::new(&catalog, 5_000));
        assert!(json.contains("\"data_version\": \"v9\""), "{json}");
        assert!(json.contains("\"exported_at\": 5000"));
    }

    #[test]
    fn truncated_text_keeps_every_complete_record() {
        let mut s = sample_store();
        s.add(bm("005_x", 5_000), 5_000);
        let text = serialize(&s);
        // Cut inside the last bookmark: the complete ones are read, and the whole text is
        // set aside since what followed the cut is unknown.
        let cut = text.find(r#"{"id":"005_x""#).unwrap() + 12;
        let r = load(&text[..cut]);
        assert_eq!(
            ids(&r.store),
            ["003_267ec1fad5aef6e3", "004_ee655f1bf30cb98e"]
        );
        assert_eq!(
            r.store.items["003_267ec1fad5aef6e3"],
            s.items["003_267ec1fad5aef6e3"]
        );
        assert_eq!(r.set_aside, [&text[..cut]]);
        assert_eq!(r.recovered, 2);
        // Cut between records, or inside the deletion records: the same.
        let cut = text.find(r#",{"id":"005_x""#).unwrap();
        let r = load(&text[..cut]);
        assert_eq!(r.recovered, 2);
        assert_eq!(r.set_aside, [&text[..cut]]);
        let cut = text.find("removed_at").unwrap();
        let r = load(&text[..cut]);
        assert_eq!(r.store.items, s.items);
        assert!(r.store.removed.is_empty());
        assert_eq!(r.set_aside, [&text[..cut]]);
    }

    #[test]
    fn a_bad_record_does_not_spoil_its_neighbours() {
        let raw = r#"{"format":"bantin-bookmarks","version":2,"items":[
            {"id":"a","saved_at":1,"title":"A"},
            {"id":"b","saved_at":"yesterday","title":"B"},
            {"id":"c","saved_at":3,"title":["C"]},
            {"id":"d","saved_at":4,"title":"D",},
            {"id":"e","saved_at":5.0,"title":"E","note":"ghi chú"},
            {"id":"f" "saved_at":6},
            {"id":"g","saved_at":7}
        ],"removed":[{"id":"z","removed_at":9},{"id":"y"}]}"#;
        let r = load(raw);
        assert_eq!(ids(&r.store), ["a", "e", "g"]);
        assert_eq!(r.store.get("e").unwrap().note.as_deref(), Some("ghi chú"));
        assert_eq!(r.store.removed.get("z"), Some(&9));
        assert_eq!(r.recovered, 4);
        assert_eq!(
            r.set_aside,
            [
                r#"{"id":"b","saved_at":"yesterday","title":"B"}"#,
                r#"{"id":"c","saved_at":3,"title":["C"]}"#,
                r#"{"id":"d","saved_at":4,"title":"D",}"#,
                r#"{"id":"f" "saved_at":6}"#,
                r#"{"id":"y"}"#,
            ]
        );
    }

    #[test]
    fn unreadable_text_is_set_aside_whole() {
        for raw in [
            "garbage",
            "{not json",
            "42",
            "\"003_a\"",
            "true",
            r#"{"some":"other app"}"#,
            r#"{"format":"something-else","items":[{"id":"a","saved_at":1}]}"#,
            r#"{"format":"bantin-bookmarks","version":2,"items":[nonsense, 12]}"#,
            r#"{"format":"bantin-bookmarks","version":2,"items":{"a":1}}"#,
            "\u{0}\u{ffff}[",
        ] {
            let r = load(raw);
            assert!(r.store.is_empty(), "{raw}");
            assert_eq!(r.set_aside, [raw], "{raw}");
        }
        // Trailing junk after a good text is set aside by itself.
        let good = serialize(&sample_store());
        let r = load(&format!("{good} junk"));
        assert_eq!(r.store, sample_store());
        assert_eq!(r.set_aside, ["junk"]);
    }

    #[test]
    fn newer_versions_are_read_and_kept_whole() {
        let raw = r#"{"format":"bantin-bookmarks","version":7,"items":[{"id":"a","saved_at":1,"colour":"red"}],"folders":[]}"#;
        let r = load(raw);
        assert_eq!(ids(&r.store), ["a"]);
        assert_eq!(r.set_aside, [raw]);
        assert!(matches!(
            import_json(raw),
            Err(ImportError::NewerVersion { version: 7, partial }) if partial.len() == 1
        ));
    }

    #[test]
    fn a_later_removal_is_not_undone_by_an_earlier_add() {
        // Tab B added at 10; tab A, which had it since 5, removed it at 20.
        let mut a = BookmarkStore::new();
        a.add(bm("x", 5), 5);
        let mut b = a.clone();
        b.set_note("x", Some("ghi chú".into()), 10);
        a.remove("x", 20);
        for merged in [merge(&a, &b), merge(&b, &a)] {
            assert!(!merged.contains("x"));
            assert_eq!(merged.removed.get("x"), Some(&20));
        }
        // Re-adding later wins over the removal, in both directions.
        let mut c = merge(&a, &b);
        c.add(bm("x", 30), 30);
        for merged in [merge(&a, &c), merge(&c, &a), merge(&merge(&a, &b), &c)] {
            assert!(merged.contains("x"));
            assert!(merged.removed.is_empty());
        }
        // Adds in other tabs are never lost.
        let mut d = BookmarkStore::new();
        d.add(bm("y", 40), 40);
        assert_eq!(ids(&merge(&c, &d)), ["x", "y"]);
        // A removal and an add with the same stamp: the removal wins everywhere.
        let mut e = BookmarkStore::new();
        e.add(bm("y", 40), 40);
        e.removed.insert("y".into(), 40);
        e.items.clear();
        assert!(!merge(&d, &e).contains("y"));
        assert!(!merge(&e, &d).contains("y"));
    }

    #[test]
    fn local_changes_win_even_when_the_clock_goes_back() {
        let mut s = BookmarkStore::new();
        s.add(bm("x", 100), 100);
        assert!(s.remove("x", 50));
        assert_eq!(s.removed["x"], 101);
        assert!(s.toggle(bm("x", 40), 40));
        assert_eq!(s.items["x"].updated_at, 102);
        assert!(!s.toggle(bm("x", 40), 40));
        assert!(!s.remove("x", 200), "already removed");
        assert!(!s.set_note("x", Some("n".into()), 300));
        s.add(bm("x", 400), 400);
        assert!(s.set_note("x", Some("  ".into()), 500));
        assert_eq!(s.get("x").unwrap().note, None);
    }

    #[test]
    fn merge_reports_what_changed() {
        let a = sample_store();
        let mut b = BookmarkStore::new();
        b.add(bm("new", 10), 10);
        b.add(bm("004_ee655f1bf30cb98e", 10), 9_000);
        b.add(bm("003_267ec1fad5aef6e3", 0), 0);
        b.remove("003_267ec1fad5aef6e3", 9_000);
        let mut m = a.clone();
        let outcome = m.merge_from(&b);
        assert_eq!(
            outcome,
            MergeOutcome {
                added: 1,
                updated: 1,
                removed: 1
            }
        );
        assert!(m.merge_from(&b).is_unchanged());
    }

    #[test]
    fn import_adds_without_duplicates() {
        let mut mine = sample_store();
        let mut theirs = BookmarkStore::new();
        theirs.add(bm("003_267ec1fad5aef6e3", 500), 500);
        theirs.add(bm("009_new", 600), 600);
        theirs.add(bm("001_c1af55e664871b1c", 3_000), 3_000);
        let file = to_export_json(
            &theirs,
            &ExportInfo {
                exported_at: 700,
                data_version: None,
            },
        );
        assert!(file.contains('\n'), "pretty");
        assert!(!file.contains("removed"));
        let imported = import_json(&file).unwrap();
        assert_eq!(imported.items, theirs.items);
        let before = mine.items["003_267ec1fad5aef6e3"].clone();
        let outcome = mine.merge_from(&imported);
        assert_eq!(outcome.added, 1);
        assert_eq!(mine.len(), 3);
        // The newer local copy (with its note) is kept; the one deleted here later stays
        // deleted.
        assert_eq!(mine.items["003_267ec1fad5aef6e3"], before);
        assert!(!mine.contains("001_c1af55e664871b1c"));
        // Importing twice changes nothing.
        assert!(mine.merge_from(&imported).is_unchanged());

        assert_eq!(import_json(""), Err(ImportError::Empty));
        assert_eq!(import_json("[]"), Err(ImportError::Empty));
        assert_eq!(import_json("<html>"), Err(ImportError::NotBookmarks));
        assert_eq!(import_json(r#"{"a":1}"#), Err(ImportError::NotBookmarks));
        assert_eq!(import_json(r#"[1, 2]"#), Err(ImportError::NotBookmarks));
        assert!(matches!(
            import_json(r#"["a", 2]"#),
            Err(ImportError::Damaged { partial, unreadable: 1 }) if partial.contains("a")
        ));
        assert_eq!(import_json(r#"["a"]"#).unwrap().len(), 1);
    }

    #[test]
    fn netscape_file_is_well_formed_and_escaped() {
        let mut s = BookmarkStore::new();
        s.add(
            Bookmark {
                title: "Tom & Jerry <b>\"quoted\" 'single'</b>".into(),
                note: Some("dòng 1\ndòng 2 & <3".into()),
                ..bm("a&b c", 1_585_000_000_999)
            },
            1_585_000_000_999,
        );
        s.add(
            Bookmark {
                title: String::new(),
                ..bm("002_x", 1_000)
            },
            1_000,
        );
        let html = to_netscape_html(&s, "https://example.vn/bantin/");
        assert!(html.starts_with("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n"));
        assert!(html
            .contains("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">"));
        assert!(html.contains("<TITLE>Bookmarks</TITLE>"));
        assert!(html.contains("<H1>Bookmarks</H1>"));
        assert!(html.contains("<DT><H3>Bản tin Đại hội</H3>"));
        assert!(html.contains(
            "<DT><A HREF=\"https://example.vn/bantin/bai-a%26b%20c.html\" ADD_DATE=\"1585000000\" \
             LAST_MODIFIED=\"1585000000\">Tom &amp; Jerry &lt;b&gt;&quot;quoted&quot; \
             &#39;single&#39;&lt;/b&gt;</A>\n"
        ));
        assert!(html.contains("<DD>dòng 1 dòng 2 &amp; &lt;3\n"));
        assert!(html.contains(">002_x</A>"), "untitled is named by its id");
        // Newest first.
        assert!(html.find("a%26b").unwrap() < html.find("002_x").unwrap());
        assert_eq!(html.matches("<DL><p>").count(), 2);
        assert_eq!(html.matches("</DL><p>").count(), 2);
        assert_eq!(html.matches("<DT><A ").count(), 2);
        assert_eq!(
            article_url("https://x.vn/?lang=en", "003_a"),
            "https://x.vn/bai-003_a.html?lang=en"
        );
        assert_eq!(
            article_url("https://x.vn/reader/index.html", "a b"),
            "https://x.vn/reader/bai-a%20b.html"
        );
    }

    #[test]
    fn share_param_round_trips_deduplicated_and_capped() {
        let list = ["003_a", "b,c", "003_a", "", "đ ê/?&"];
        let p = share_param(list);
        assert_eq!(p, "003_a,b%2Cc,%C4%91%20%C3%AA%2F%3F%26");
        assert_eq!(parse_share_param(&p), ["003_a", "b,c", "đ ê/?&"]);
        assert_eq!(parse_share_param(",,a,,a,b,"), ["a", "b"]);
        assert_eq!(parse_share_param(""), Vec::<String>::new());
        let many: Vec<String> = (0..SHARE_LIMIT + 50)
            .map(|i| format!("{i:03}_id"))
            .collect();
        let p = share_param(many.iter().map(String::as_str));
        let back = parse_share_param(&p);
        assert_eq!(back.len(), SHARE_LIMIT);
        assert_eq!(back[..], many[..SHARE_LIMIT]);
        assert_eq!(parse_share_param(&format!("{p},extra")).len(), SHARE_LIMIT);
    }

    #[test]
    fn sorting_and_grouping_for_the_view() {
        let mut s = BookmarkStore::new();
        let with = |id: &str, saved, locality: Option<&str>, published: Option<&str>| Bookmark {
            locality: locality.map(Into::into),
            published: published.map(Into::into),
            ..bm(id, saved)
        };
        s.add(with("a", 3, Some("Hải Dương"), Some("2020-06-15T08:01")), 3);
        s.add(
            with("b", 1, Some("huyện Đầm Hà, Quảng Ninh"), Some("2020-03")),
            1,
        );
        s.add(with("c", 2, None, None), 2);
        s.add(with("d", 2, Some("Hải Dương"), Some("--02-06")), 2);
        s.add(with("e", 4, Some("Hà Nội"), Some("2020-03-26")), 4);
        let order = |o| -> Vec<&str> { s.sorted(o).iter().map(|b| b.id.as_str()).collect() };
        assert_eq!(order(BookmarkOrder::SavedNewest), ["e", "a", "c", "d", "b"]);
        assert_eq!(order(BookmarkOrder::SavedOldest), ["b", "c", "d", "a", "e"]);
        assert_eq!(
            order(BookmarkOrder::ArticleNewest),
            ["a", "e", "b", "c", "d"]
        );
        assert_eq!(
            order(BookmarkOrder::ArticleOldest),
            ["b", "e", "a", "c", "d"]
        );
        for o in BookmarkOrder::ALL {
            assert_eq!(BookmarkOrder::parse(o.as_str()), Some(o));
        }

        let groups = group_by_locality(s.sorted(BookmarkOrder::SavedNewest));
        let shape: Vec<(Option<&str>, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                (
                    g.locality.as_deref(),
                    g.bookmarks.iter().map(|b| b.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (Some("Hà Nội"), vec!["e"]),
                (Some("Hải Dương"), vec!["a", "d"]),
                (Some("huyện Đầm Hà, Quảng Ninh"), vec!["b"]),
                (None, vec!["c"]),
            ]
        );
    }

    fn arb_store() -> impl Strategy<Value = BookmarkStore> {
        // Few ids, few stamps and few notes, so that ties and collisions are common.
        let state = prop_oneof![
            (0..4i64, 0..3i64, proptest::option::of("[a-cđ\"\\\\]{0,3}"))
                .prop_map(|(t, saved, note)| Ok((t, saved, note))),
            (0..4i64).prop_map(Err),
        ];
        proptest::collection::btree_map("[a-e]", state, 0..5).prop_map(|m| {
            let mut s = BookmarkStore::new();
            for (id, st) in m {
                match st {
                    Ok((t, saved, note)) => {
                        let bookmark = Bookmark {
                            note: note.filter(|n| !n.is_empty()),
                            ..bm(&id, saved)
                        };
                        s.items.insert(
                            id,
                            Entry {
                                bookmark,
                                updated_at: t,
                            },
                        );
                    }
                    Err(t) => {
                        s.removed.insert(id, t);
                    }
                }
            }
            s
        })
    }

    proptest! {
        #[test]
        fn merge_is_commutative(a in arb_store(), b in arb_store()) {
            prop_assert_eq!(merge(&a, &b), merge(&b, &a));
        }

        #[test]
        fn merge_is_associative(a in arb_store(), b in arb_store(), c in arb_store()) {
            prop_assert_eq!(merge(&merge(&a, &b), &c), merge(&a, &merge(&b, &c)));
        }

        #[test]
        fn merge_is_idempotent(a in arb_store(), b in arb_store()) {
            prop_assert_eq!(merge(&a, &a), a.clone());
            let ab = merge(&a, &b);
            prop_assert_eq!(merge(&ab, &b), ab.clone());
            prop_assert_eq!(merge(&ab, &a), ab);
        }

        #[test]
        fn storage_round_trips(a in arb_store()) {
            let r = load(&serialize(&a));
            prop_assert!(r.is_clean());
            prop_assert_eq!(r.store, a);
        }

        #[test]
        fn every_prefix_loads_a_subset(a in arb_store(), cut in 0.0..1.0f64) {
            let text = serialize(&a);
            let mut at = (text.len() as f64 * cut) as usize;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let r = load(&text[..at]);
            for (id, e) in &r.store.items {
                prop_assert_eq!(Some(e), a.items.get(id));
            }
            for (id, t) in &r.store.removed {
                prop_assert_eq!(Some(t), a.removed.get(id));
            }
            // Any cut short text is kept whole.
            if at > 0 && at < text.len() {
                prop_assert_eq!(r.set_aside, vec![text[..at].to_string()]);
            }
        }

        #[test]
        fn load_never_panics(raw in "\\PC{0,80}") {
            let _ = load(&raw);
            let _ = import_json(&raw);
        }

        #[test]
        fn share_param_round_trips(list in proptest::collection::vec("\\PC{0,8}", 0..20)) {
            let p = share_param(list.iter().map(String::as_str));
            prop_assert!(p.is_ascii());
            let mut expected: Vec<String> = Vec::new();
            for id in list.into_iter().filter(|id| !id.is_empty()) {
                if !expected.contains(&id) {
                    expected.push(id);
                }
            }
            prop_assert_eq!(parse_share_param(&p), expected);
        }
    }
}
