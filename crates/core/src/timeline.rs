//! The congress timeline: every congress and every dated happening the (filtered) articles
//! report, in chronological order, grouped by tier and cut into periods for drawing.
//!
//! Choices worth knowing:
//! - **One entry per congress.** Many articles name the same congress; entries are keyed by
//!   [`Congress::key`] and link to every article that names it. When articles state
//!   different dates for it, the most precise date is kept (see [`Entry::conflicts`] for
//!   the rest); a less precise date that contains the chosen one (`2020-05` around
//!   `2020-05-29`) is agreement, not a conflict.
//! - **One entry per happening.** Article events are not merged: two articles reporting
//!   "a meeting" on the same day may or may not mean the same meeting.
//! - **Partial dates are spans.** A month covers the month, a year the year, a range its
//!   days; nothing is drawn at an invented day. Entries without a known year go to
//!   [`Timeline::undated`], never onto the axis.
//! - **Order.** Dated entries sort by the first day of their span, then by its last day (so
//!   at the same start the shorter, more certain span comes first: 01/05 before "tháng 5"),
//!   then by [`Precision`], time of day, tier (national first, happenings without a tier
//!   last), accent-folded label and id. The order is total, so it is the same on every run.
//! - **Indices.** [`Timeline::entry`], [`Timeline::next`], [`Timeline::lanes`] and
//!   [`Timeline::buckets`] share one index space: the dated entries `0..dated.len()`
//!   followed by the undated ones.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::date::{civil_from_days, day_number, DateSpec, PartialDate};
use crate::display::MONTHS_EN;
use crate::model::{ArticleMeta, Catalog, Congress, Role, Tier};
use crate::sort::{sort_items, sort_u32, sort_usize};
use crate::text::fold;

/// Ordinal of the national congress of the 2020–2025 cycle, always a landmark.
pub const NATIONAL_LANDMARK_ORDINAL: &str = "XIII";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A congress, merged across every article that names it.
    Congress,
    /// A dated happening one article reports ([`crate::model::Event`]).
    Happening,
}

/// How precisely an entry's date is known, which decides how the UI draws it: a dot for a
/// day, a bar for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Month,
    Year,
    /// An interval, `2019-12/2020-04-15`.
    Range,
    /// No year: no date at all, or a day and month only (`--02-06`).
    YearUnknown,
}

impl Precision {
    pub fn of(date: Option<&DateSpec>) -> Precision {
        match date {
            Some(d) if d.day_span().is_none() => Precision::YearUnknown,
            Some(DateSpec::Range(..)) => Precision::Range,
            Some(DateSpec::Point(p)) if p.day.is_some() => Precision::Day,
            Some(DateSpec::Point(p)) if p.month.is_some() => Precision::Month,
            Some(DateSpec::Point(_)) => Precision::Year,
            None => Precision::YearUnknown,
        }
    }
}

/// A date as one article states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedDate {
    pub date: DateSpec,
    /// Id of the article stating it.
    pub article: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Stable, URL-safe and usable as an HTML id: `c-<slug>-<hash>` for a congress (from
    /// its key), `e-<article id>-<n>` for the n-th event of an article. Does not depend on
    /// which other articles are in the timeline, so links to an entry keep working under
    /// any filter.
    pub id: String,
    pub kind: EntryKind,
    /// The congress's tier; for a happening, the tier of its article's subject congress.
    pub tier: Option<Tier>,
    /// "Đại hội XXV Đảng bộ huyện Đầm Hà", or the happening in the article's words.
    pub label: String,
    pub date: Option<DateSpec>,
    /// First and last day covered, as day numbers; `None` exactly for undated entries.
    pub span: Option<(i32, i32)>,
    pub precision: Precision,
    /// Ids of the articles behind the entry, in catalog order.
    pub articles: Vec<String>,
    /// The national XIII congress, and every congress that some article is about.
    pub landmark: bool,
    /// GSO code of the locality (district or province), when known: the congress's own;
    /// for a happening, its article's subject congress's, else the article's.
    pub locality: Option<String>,
    /// [`Congress::key`] of the congress (for a happening: of its article's subject
    /// congress), so the UI can link to the congress filter.
    pub congress: Option<String>,
    /// For a congress, the strongest role any article gives it (subject, then mentioned,
    /// then previous), so the UI can dim congresses only cited as earlier ones.
    pub role: Option<Role>,
    /// Dates other articles state for this congress that disagree with [`Entry::date`].
    pub conflicts: Vec<StatedDate>,
}

/// The entries of one tier, for drawing one lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    /// `None`: happenings whose article has no subject congress.
    pub tier: Option<Tier>,
    /// Dated entry indices, in display order.
    pub entries: Vec<usize>,
}

/// The default is a month: the congress season's events are weeks to months apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Zoom {
    Year,
    #[default]
    Month,
    Week,
}

impl Zoom {
    pub const ALL: [Zoom; 3] = [Zoom::Year, Zoom::Month, Zoom::Week];

    /// Stable name, for the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            Zoom::Year => "year",
            Zoom::Month => "month",
            Zoom::Week => "week",
        }
    }

    pub fn parse(s: &str) -> Option<Zoom> {
        Zoom::ALL.into_iter().find(|z| z.as_str() == s)
    }
}

/// One period of the axis at some [`Zoom`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// First day, as a day number.
    pub start_day: i32,
    /// Last day (inclusive).
    pub end_day: i32,
    /// "Năm 2020", "Tháng 5/2020", "Tuần 18 (27/04–03/05/2020)".
    pub label_vi: String,
    /// "2020", "May 2020", "Week 18 (27/04–03/05/2020)".
    pub label_en: String,
    /// Dated entries whose span overlaps the period, in display order. An entry spanning
    /// several periods is listed in each of them.
    pub entries: Vec<usize>,
}

/// The part of the axis drawn at once: see [`Timeline::page`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    pub periods: Vec<PagePeriod>,
    /// Dated entries that appear (first occurrences).
    pub entries: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePeriod {
    pub bucket: Bucket,
    pub rows: Vec<PageRow>,
    /// Repeats of entries from earlier periods left out of `rows`.
    pub hidden_repeats: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRow {
    /// Display index of the entry.
    pub index: usize,
    /// Its first appearance (where it starts), not a repeat.
    pub first: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Entries with a known year, in chronological display order. Shared with the
    /// [`TimelineIndex`] they come from, so taking a selection copies no text.
    pub dated: Vec<Arc<Entry>>,
    /// Entries without a known year: congresses first, then by tier and label.
    pub undated: Vec<Arc<Entry>>,
    today: Option<i32>,
}

fn role_strength(r: Role) -> u8 {
    match r {
        Role::Subject => 2,
        Role::Mentioned => 1,
        Role::Previous => 0,
    }
}

/// National first, happenings without a tier last.
fn tier_rank(t: Option<Tier>) -> u8 {
    match t {
        Some(Tier::National) => 0,
        Some(Tier::Province) => 1,
        Some(Tier::District) => 2,
        Some(Tier::Commune) => 3,
        None => 4,
    }
}

/// The Vietnamese label of a congress, as the congress facet writes it.
pub fn congress_label(c: &Congress) -> String {
    match &c.ordinal {
        Some(o) => format!("Đại hội {o} {}", c.unit),
        None => format!("Đại hội {}", c.unit),
    }
}

/// The congress an article is about: its first subject congress.
fn subject_congress(article: &ArticleMeta) -> Option<&Congress> {
    article.congresses.iter().find(|c| c.role == Role::Subject)
}

/// 32-bit FNV-1a: tiny, dependency-free and stable across platforms and releases, which is
/// all an id suffix needs.
fn fnv1a(s: &str) -> u32 {
    s.bytes()
        .fold(0x811c_9dc5, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

/// ASCII words of the folded text joined by `-`: "district-dang-bo-huyen-dam-ha-xxv".
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn is_id_safe(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `s` itself when it is already safe in a URL and an HTML id, else its slug with a hash
/// of the exact text (so that texts differing only in accents or punctuation stay apart).
fn id_part(s: &str) -> String {
    if is_id_safe(s) {
        s.to_string()
    } else {
        format!("{}-{:08x}", slug(s), fnv1a(s))
    }
}

/// Entry id of a congress, from its [`Congress::key`]. The slug keeps links readable, the
/// hash keeps keys that fold to the same slug apart.
pub fn congress_entry_id(key: &str) -> String {
    format!("c-{}-{:08x}", slug(key), fnv1a(key))
}

/// Entry id of the `n`-th event (0-based) of an article.
pub fn happening_entry_id(article_id: &str, n: usize) -> String {
    format!("e-{}-{n}", id_part(article_id))
}

/// Orders candidate dates from most to least precise: any date with a year before any
/// without; then the shorter span; then the finer stated part (a time beats a bare day);
/// then the text, so the choice never depends on article order.
fn precision_rank(d: &DateSpec) -> (bool, i32, std::cmp::Reverse<u8>, String) {
    let finest = d.start().precision().max(d.end().precision());
    match d.day_span() {
        Some((a, b)) => (false, b - a, std::cmp::Reverse(finest), d.to_string()),
        None => (true, 0, std::cmp::Reverse(finest), d.to_string()),
    }
}

/// True when the parts `p` states match `q` (an unstated part matches anything).
fn parts_agree(p: &PartialDate, q: &PartialDate) -> bool {
    let same = |a: Option<u8>, b: Option<u8>| a.is_none() || a == b;
    (p.year.is_none() || p.year == q.year) && same(p.month, q.month) && same(p.day, q.day)
}

/// True when `other` is compatible with the chosen date: it covers it (a month around a
/// day), or, without a year, its stated day and month match.
fn agrees(chosen: &DateSpec, other: &DateSpec) -> bool {
    match (chosen.day_span(), other.day_span()) {
        (Some((a, b)), Some((c, d))) => c <= a && b <= d,
        _ => match other {
            DateSpec::Point(p) => parts_agree(p, chosen.start()) || parts_agree(p, chosen.end()),
            DateSpec::Range(p, q) => parts_agree(p, chosen.start()) && parts_agree(q, chosen.end()),
        },
    }
}

/// Monday of the week containing day `n`.
fn monday_of(n: i32) -> i32 {
    // Day 0 (1970-01-01) was a Thursday: (n + 3) mod 7 is 0 on Mondays.
    n - (n + 3).rem_euclid(7)
}

/// ISO 8601 week number of the week starting on Monday `monday`.
fn iso_week(monday: i32) -> u32 {
    let thursday = monday + 3;
    let (year, _, _) = civil_from_days(thursday);
    ((thursday - day_number(year, 1, 1)) / 7 + 1) as u32
}

fn period_start(zoom: Zoom, day: i32) -> i32 {
    let (y, m, _) = civil_from_days(day);
    match zoom {
        Zoom::Year => day_number(y, 1, 1),
        Zoom::Month => day_number(y, m, 1),
        Zoom::Week => monday_of(day),
    }
}

/// First day of the period after the one starting on `start`.
fn period_after(zoom: Zoom, start: i32) -> i32 {
    let (y, m, _) = civil_from_days(start);
    match zoom {
        Zoom::Year => day_number(y + 1, 1, 1),
        Zoom::Month if m == 12 => day_number(y + 1, 1, 1),
        Zoom::Month => day_number(y, m + 1, 1),
        Zoom::Week => start + 7,
    }
}

fn period_labels(zoom: Zoom, start: i32, end: i32) -> (String, String) {
    let (y, m, d) = civil_from_days(start);
    match zoom {
        Zoom::Year => (format!("Năm {y}"), format!("{y}")),
        Zoom::Month => (
            format!("Tháng {m}/{y}"),
            format!("{} {y}", MONTHS_EN[m as usize - 1]),
        ),
        Zoom::Week => {
            let (ey, em, ed) = civil_from_days(end);
            let days = if y == ey {
                format!("{d:02}/{m:02}–{ed:02}/{em:02}/{ey}")
            } else {
                format!("{d:02}/{m:02}/{y}–{ed:02}/{em:02}/{ey}")
            };
            let week = iso_week(start);
            (
                format!("Tuần {week} ({days})"),
                format!("Week {week} ({days})"),
            )
        }
    }
}

/// Where an entry of the full timeline comes from, so a selection can keep, drop or
/// rebuild it without looking at every article again.
#[derive(Debug, Clone)]
enum Origin {
    /// A happening: the article (catalog index) that reports it.
    Happening(usize),
    /// A congress: every `(article, position in its congresses)` naming it, in catalog
    /// order.
    Congress {
        key: String,
        mentions: Vec<(usize, usize)>,
    },
}

/// The timeline of a whole catalog, built once, from which the timeline of any selection
/// of articles is taken in linear time ([`TimelineIndex::select`]). Rebuilding from the
/// articles on every filter change cost hundreds of milliseconds at 10,000 articles.
#[derive(Debug, Clone)]
pub struct TimelineIndex {
    /// Every entry, dated then undated, in display order.
    entries: Vec<Arc<Entry>>,
    origins: Vec<Origin>,
    /// Position of each entry in (folded label, label, id) order: the text part of the
    /// sort key as one integer, which a rebuilt entry keeps (its label and id never change).
    text_rank: Vec<u32>,
    dated: usize,
    today: Option<i32>,
}

impl TimelineIndex {
    pub fn new(catalog: &Catalog) -> TimelineIndex {
        let mut congresses: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
        let mut entries = Vec::new();
        let mut origins = Vec::new();
        for (i, article) in catalog.articles.iter().enumerate() {
            for (k, c) in article.congresses.iter().enumerate() {
                congresses.entry(c.key()).or_default().push((i, k));
            }
            for n in 0..article.events.len() {
                entries.push(happening_entry(article, n));
                origins.push(Origin::Happening(i));
            }
        }
        for (key, mentions) in congresses {
            entries.push(congress_entry(catalog, &key, &mentions));
            origins.push(Origin::Congress { key, mentions });
        }

        let folded: Vec<String> = entries.iter().map(|e| fold(&e.label)).collect();
        let mut by_text: Vec<usize> = (0..entries.len()).collect();
        sort_usize(&mut by_text, &|a, b| {
            (&folded[a], &entries[a].label, &entries[a].id).cmp(&(
                &folded[b],
                &entries[b].label,
                &entries[b].id,
            ))
        });
        let mut text_rank = vec![0u32; entries.len()];
        for (rank, &i) in by_text.iter().enumerate() {
            text_rank[i] = rank as u32;
        }

        // Sorting a permutation moves four bytes per step instead of whole entries.
        let keys: Vec<OrderKey> = entries
            .iter()
            .zip(&text_rank)
            .map(|(e, &rank)| OrderKey::of(e, rank))
            .collect();
        let mut order: Vec<u32> = (0..entries.len() as u32).collect();
        sort_u32(&mut order, &|a, b| keys[a as usize].cmp(&keys[b as usize]));
        let mut slots: Vec<Option<(Entry, Origin)>> =
            entries.into_iter().zip(origins).map(Some).collect();
        let mut index = TimelineIndex {
            entries: Vec::with_capacity(order.len()),
            origins: Vec::with_capacity(order.len()),
            text_rank: Vec::with_capacity(order.len()),
            dated: 0,
            today: today_in(catalog),
        };
        for i in order {
            let (e, o) = slots[i as usize]
                .take()
                .expect("a permutation visits each once");
            index.dated += usize::from(e.span.is_some());
            index.entries.push(Arc::new(e));
            index.origins.push(o);
            index.text_rank.push(text_rank[i as usize]);
        }
        index
    }

    /// The timeline of the given articles (indices into `catalog.articles`, the catalog this
    /// index was built from). Indices out of range are ignored and repeated ones count once.
    /// The result is exactly what building from those articles alone gives: a congress
    /// keeps only the dates, roles and links of the chosen articles that name it.
    pub fn select(&self, catalog: &Catalog, articles: &[usize]) -> Timeline {
        let mut chosen = vec![false; catalog.articles.len()];
        for &i in articles {
            if let Some(c) = chosen.get_mut(i) {
                *c = true;
            }
        }
        let mut kept: Vec<(Arc<Entry>, u32)> = Vec::new();
        let mut rebuilt = false;
        for ((entry, origin), &rank) in self.entries.iter().zip(&self.origins).zip(&self.text_rank)
        {
            match origin {
                Origin::Happening(a) => {
                    if chosen[*a] {
                        kept.push((entry.clone(), rank));
                    }
                }
                Origin::Congress { key, mentions } => {
                    // Counted first: most congresses are kept or dropped whole, and only
                    // the others need their chosen mentions gathered.
                    let n = mentions.iter().filter(|&&(a, _)| chosen[a]).count();
                    if n == mentions.len() {
                        kept.push((entry.clone(), rank));
                    } else if n > 0 {
                        let mine: Vec<(usize, usize)> = mentions
                            .iter()
                            .copied()
                            .filter(|&(a, _)| chosen[a])
                            .collect();
                        kept.push((Arc::new(congress_entry(catalog, key, &mine)), rank));
                        rebuilt = true;
                    }
                }
            }
        }
        // A rebuilt congress may have another date (or none) than in the full timeline, so
        // the order is taken again; otherwise the full timeline's order still holds.
        if rebuilt {
            sort_items(&mut kept, &|(a, ra), (b, rb)| {
                OrderKey::of(a, *ra).cmp(&OrderKey::of(b, *rb))
            });
        }
        let split = kept.partition_point(|(e, _)| e.span.is_some());
        let mut dated: Vec<Arc<Entry>> = kept.into_iter().map(|(e, _)| e).collect();
        let undated = dated.split_off(split);
        Timeline {
            dated,
            undated,
            today: self.today,
        }
    }

    /// The timeline of every article.
    pub fn all(&self) -> Timeline {
        Timeline {
            dated: self.entries[..self.dated].to_vec(),
            undated: self.entries[self.dated..].to_vec(),
            today: self.today,
        }
    }
}

/// The display order as integers: dated entries by span, precision, time of day and tier,
/// then undated ones (congresses first, by tier); the text rank breaks the remaining ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum OrderKey {
    Dated(i32, i32, Precision, u16, u8, u32),
    Undated(bool, u8, u32),
}

impl OrderKey {
    fn of(e: &Entry, text_rank: u32) -> OrderKey {
        match e.span {
            Some((start, end)) => {
                let minutes = e.date.and_then(|d| d.sort_key()).map_or(0, |k| k.1);
                OrderKey::Dated(
                    start,
                    end,
                    e.precision,
                    minutes,
                    tier_rank(e.tier),
                    text_rank,
                )
            }
            None => OrderKey::Undated(e.kind != EntryKind::Congress, tier_rank(e.tier), text_rank),
        }
    }
}

/// The entry of the `n`-th event of an article.
fn happening_entry(article: &ArticleMeta, n: usize) -> Entry {
    let event = &article.events[n];
    let subject = subject_congress(article);
    Entry {
        id: happening_entry_id(&article.id, n),
        kind: EntryKind::Happening,
        tier: subject.map(|c| c.tier),
        label: event.what.clone(),
        date: Some(event.date),
        span: event.date.day_span(),
        precision: Precision::of(Some(&event.date)),
        articles: vec![article.id.clone()],
        landmark: false,
        locality: subject
            .and_then(|c| c.locality.clone())
            .or_else(|| article.district.clone())
            .or_else(|| article.province.clone()),
        congress: subject.map(Congress::key),
        role: None,
        conflicts: Vec::new(),
    }
}

/// The entry of one congress from the articles naming it (`(article, position in its
/// congresses)`, in catalog order, at least one).
fn congress_entry(catalog: &Catalog, key: &str, mentions: &[(usize, usize)]) -> Entry {
    let named =
        |&(a, k): &(usize, usize)| (&catalog.articles[a], &catalog.articles[a].congresses[k]);
    let (_, c) = named(&mentions[0]);
    let mut term = None;
    let mut locality = None;
    let mut role = c.role;
    let mut articles: Vec<String> = Vec::new();
    let mut stated: Vec<StatedDate> = Vec::new();
    for (article, m) in mentions.iter().map(named) {
        term = term.or_else(|| m.term.clone());
        locality = locality.or_else(|| m.locality.clone());
        if role_strength(m.role) > role_strength(role) {
            role = m.role;
        }
        if articles.last() != Some(&article.id) {
            articles.push(article.id.clone());
        }
        if let Some(date) = m.date {
            // Mentions come article by article, so a repeat can only be among the dates
            // this article stated already, at the end of the list: checking only those
            // keeps a congress every article names linear, not quadratic.
            let repeated = stated
                .iter()
                .rev()
                .take_while(|s| s.article == article.id)
                .any(|s| s.date == date);
            if !repeated {
                stated.push(StatedDate {
                    date,
                    article: article.id.clone(),
                });
            }
        }
    }
    let date = stated.iter().map(|s| s.date).min_by_key(precision_rank);
    let conflicts = match &date {
        Some(chosen) => stated
            .iter()
            .filter(|s| !agrees(chosen, &s.date))
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let national =
        c.tier == Tier::National && c.ordinal.as_deref() == Some(NATIONAL_LANDMARK_ORDINAL);
    Entry {
        id: congress_entry_id(key),
        kind: EntryKind::Congress,
        tier: Some(c.tier),
        label: congress_label(c),
        date,
        span: date.and_then(|d| d.day_span()),
        precision: Precision::of(date.as_ref()),
        articles,
        landmark: national || role == Role::Subject,
        locality,
        congress: Some(key.to_string()),
        role: Some(role),
        conflicts,
    }
}

impl Timeline {
    /// The timeline of the given articles (indices into `catalog.articles`, typically the
    /// filtered list). Indices out of range are ignored and repeated ones count once.
    ///
    /// The today anchor is taken from the whole catalog, not only the given articles: it is
    /// the data set's present and should not move when a filter changes. A UI that asks
    /// for many selections of one catalog keeps a [`TimelineIndex`] instead.
    pub fn build(catalog: &Catalog, articles: &[usize]) -> Timeline {
        TimelineIndex::new(catalog).select(catalog, articles)
    }

    /// True when both hold the very same entries (shared, not equal copies), which is how a
    /// UI tells cheaply that a recomputed timeline has not changed: comparing 20,000
    /// entries field by field costs more than drawing a page of them.
    pub fn same_entries(&self, other: &Timeline) -> bool {
        let same = |a: &[Arc<Entry>], b: &[Arc<Entry>]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Arc::ptr_eq(x, y))
        };
        self.today == other.today
            && same(&self.dated, &other.dated)
            && same(&self.undated, &other.undated)
    }

    /// Number of entries, dated and undated.
    pub fn len(&self) -> usize {
        self.dated.len() + self.undated.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry at a display index (dated first, then undated).
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.dated
            .get(index)
            .or_else(|| self.undated.get(index.checked_sub(self.dated.len())?))
            .map(|e| &**e)
    }

    /// Every entry in display order, with its index.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Entry)> {
        self.dated
            .iter()
            .chain(&self.undated)
            .map(|e| &**e)
            .enumerate()
    }

    /// The display index of the entry with this id, for following a link to it.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.iter().find(|(_, e)| e.id == id).map(|(i, _)| i)
    }

    /// Keyboard navigation: the index `step` entries away in display order (negative goes
    /// back), clamped to the ends so a page-sized step still lands on the first or last
    /// entry. `None` when `index` is not an entry or no move is possible (already at that
    /// end), so the UI can leave focus where it is.
    pub fn next(&self, index: usize, step: isize) -> Option<usize> {
        let len = self.len();
        if index >= len {
            return None;
        }
        let target = (index as isize)
            .saturating_add(step)
            .clamp(0, len as isize - 1) as usize;
        (target != index).then_some(target)
    }

    /// "Today" in the data: the latest publication date of any article in the catalog, as
    /// a day number, so the UI can open the timeline scrolled to the data set's present
    /// rather than the reader's. A publication date known only to the month counts from
    /// its first day, the latest day certainly reached. `None` when no article states a
    /// publication year.
    pub fn today_anchor(&self) -> Option<i32> {
        self.today
    }

    /// The first dated entry still running on or after `day` (its span ends on or after
    /// it), else the last dated one: where to scroll to show that day.
    pub fn index_at(&self, day: i32) -> Option<usize> {
        if self.dated.is_empty() {
            return None;
        }
        let i = self
            .dated
            .iter()
            .position(|e| e.span.is_some_and(|(_, end)| end >= day));
        Some(i.unwrap_or(self.dated.len() - 1))
    }

    /// Dated entries per tier, national first, then province, district, commune and
    /// happenings without a tier; empty lanes are left out.
    pub fn lanes(&self) -> Vec<Lane> {
        let mut lanes: Vec<Lane> = Tier::ALL
            .iter()
            .map(|&t| Some(t))
            .chain([None])
            .map(|tier| Lane {
                tier,
                entries: Vec::new(),
            })
            .collect();
        for (i, e) in self.dated.iter().enumerate() {
            lanes[tier_rank(e.tier) as usize].entries.push(i);
        }
        lanes.retain(|l| !l.entries.is_empty());
        lanes
    }

    /// What to draw at `zoom` for the first `limit` dated entries: the non-empty periods
    /// from the start until `limit` entries have appeared (the last one cut there: a year
    /// can hold thousands). An entry appears first in the period where it starts,
    /// with its link; in later periods it spans into, it is a repeat. Each period draws at
    /// most `repeats_shown` repeats (they come first, being the earlier starts) and counts
    /// the rest in [`PagePeriod::hidden_repeats`], so long spans at a fine zoom cannot
    /// multiply the page.
    pub fn page(&self, zoom: Zoom, limit: usize, repeats_shown: usize) -> Page {
        let mut seen = vec![false; self.dated.len()];
        let mut page = Page::default();
        for bucket in self.buckets(zoom) {
            if page.entries >= limit {
                break;
            }
            if bucket.entries.is_empty() {
                continue;
            }
            let mut period = PagePeriod {
                rows: Vec::new(),
                hidden_repeats: 0,
                bucket,
            };
            let mut repeats = 0;
            for &index in &period.bucket.entries {
                if page.entries >= limit {
                    break;
                }
                let first = !std::mem::replace(&mut seen[index], true);
                if first {
                    page.entries += 1;
                } else {
                    repeats += 1;
                    if repeats > repeats_shown {
                        period.hidden_repeats += 1;
                        continue;
                    }
                }
                period.rows.push(PageRow { index, first });
            }
            page.periods.push(period);
        }
        page
    }

    /// Consecutive periods from the one holding the earliest dated day to the one holding
    /// the latest, empty periods included so the axis has no gaps. Weeks start on Monday
    /// and are numbered as in ISO 8601. Empty when nothing is dated.
    pub fn buckets(&self, zoom: Zoom) -> Vec<Bucket> {
        let spans = || self.dated.iter().filter_map(|e| e.span);
        let (Some(lo), Some(hi)) = (spans().map(|s| s.0).min(), spans().map(|s| s.1).max()) else {
            return Vec::new();
        };
        let mut buckets = Vec::new();
        let mut start = period_start(zoom, lo);
        while start <= hi {
            let next = period_after(zoom, start);
            let (label_vi, label_en) = period_labels(zoom, start, next - 1);
            buckets.push(Bucket {
                start_day: start,
                end_day: next - 1,
                label_vi,
                label_en,
                entries: Vec::new(),
            });
            start = next;
        }
        for (i, e) in self.dated.iter().enumerate() {
            let Some((a, b)) = e.span else { continue };
            let first = buckets.partition_point(|k| k.end_day < a);
            for bucket in buckets[first..].iter_mut().take_while(|k| k.start_day <= b) {
                bucket.entries.push(i);
            }
        }
        buckets
    }
}

/// Where an entry's span sits in a period's bar, both as day numbers (first, last day):
/// `(x, width)` in hundredths of a percent of the period, the part inside it only, and at
/// least 1.5 % wide so a single day stays visible in a year.
pub fn bar_geometry(period: (i32, i32), span: (i32, i32)) -> (u32, u32) {
    let (b0, b1) = period;
    let days = i64::from((b1 - b0 + 1).max(1));
    let at = |day: i32| (i64::from(day - b0) * 10_000 / days).clamp(0, 10_000) as u32;
    let x = at(span.0.max(b0));
    let end = at(span.1.min(b1).saturating_add(1));
    (x, end.saturating_sub(x).max(150))
}

fn today_in(catalog: &Catalog) -> Option<i32> {
    catalog
        .articles
        .iter()
        .filter_map(|a| a.published.and_then(|d| d.day_span()))
        .map(|(start, _)| start)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{District, Event, Province};

    fn d(s: &str) -> DateSpec {
        DateSpec::parse(s).unwrap()
    }

    fn day(s: &str) -> i32 {
        d(s).day_span().unwrap().0
    }

    fn article(id: &str) -> ArticleMeta {
        crate::fixtures::article(id, &format!("Bài {id}"))
    }

    fn congress(tier: Tier, unit: &str, ordinal: &str, role: Role, date: Option<&str>) -> Congress {
        Congress {
            tier,
            unit: unit.into(),
            ordinal: Some(ordinal.into()),
            term: None,
            date: date.map(d),
            role,
            locality: None,
        }
    }

    fn event(date: &str, what: &str) -> Event {
        Event {
            date: d(date),
            what: what.into(),
        }
    }

    fn catalog(articles: Vec<ArticleMeta>) -> Catalog {
        Catalog {
            schema: 1,
            version: "test".into(),
            provinces: vec![],
            articles,
        }
    }

    fn all(c: &Catalog) -> Vec<usize> {
        (0..c.articles.len()).collect()
    }

    const NATION: &str = "Đảng Cộng sản Việt Nam";

    /// The congresses and events of the five articles of the sample data set.
    fn sample() -> Catalog {
        let district = |unit: &str, ord: &str, role, loc: &str, date: Option<&str>| Congress {
            locality: Some(loc.into()),
            ..congress(Tier::District, unit, ord, role, date)
        };
        let province = |unit: &str, ord: &str, role, loc: &str| Congress {
            locality: Some(loc.into()),
            ..congress(Tier::Province, unit, ord, role, None)
        };
        let xiii = congress(Tier::National, NATION, "XIII", Role::Mentioned, None);

        let mut a0 = article("000_cf8a7f83da6fb0c5");
        a0.province = Some("42".into());
        a0.district = Some("436".into());
        a0.congresses = vec![
            district(
                "Đảng bộ thành phố Hà Tĩnh",
                "XXI",
                Role::Subject,
                "436",
                None,
            ),
            district(
                "Đảng bộ thành phố Hà Tĩnh",
                "XX",
                Role::Previous,
                "436",
                None,
            ),
        ];
        a0.events = vec![event(
            "2020-02-06",
            "UBND thành phố Hà Tĩnh tổ chức buổi làm việc",
        )];

        let mut a1 = article("001_c1af55e664871b1c");
        a1.published = Some(d("2020-06-15T08:01"));
        a1.province = Some("30".into());
        a1.congresses = vec![
            province("Đảng bộ tỉnh Hải Dương", "XVII", Role::Subject, "30"),
            xiii.clone(),
        ];
        a1.events = vec![event("2020-06-11", "Tiểu ban tuyên truyền tổ chức họp")];

        let mut a2 = article("002_83573f78451aeddc");
        a2.province = Some("42".into());
        a2.district = Some("437".into());
        a2.congresses = vec![
            district(
                "Đảng bộ thị xã Hồng Lĩnh",
                "VII",
                Role::Subject,
                "437",
                None,
            ),
            xiii.clone(),
            province("Đảng bộ tỉnh Hà Tĩnh", "XIX", Role::Mentioned, "42"),
        ];
        a2.events = vec![event(
            "2020-02-20",
            "Ban Tuyên giáo Thị ủy tổ chức Hội nghị",
        )];

        let mut a3 = article("003_267ec1fad5aef6e3");
        a3.published = Some(d("2020-03-28T18:57"));
        a3.province = Some("22".into());
        a3.district = Some("200".into());
        a3.congresses = vec![
            district(
                "Đảng bộ huyện Đầm Hà",
                "XXV",
                Role::Subject,
                "200",
                Some("2020-05"),
            ),
            xiii.clone(),
            province("Đảng bộ tỉnh Quảng Ninh", "XV", Role::Mentioned, "22"),
            congress(Tier::National, NATION, "XII", Role::Previous, None),
            province("Đảng bộ tỉnh Quảng Ninh", "XIV", Role::Previous, "22"),
            district("Đảng bộ huyện Đầm Hà", "XXIV", Role::Previous, "200", None),
        ];
        a3.events = vec![
            event(
                "2019-09",
                "Tiểu ban Tuyên truyền - Khánh tiết ban hành kế hoạch",
            ),
            event(
                "2019-12/2020-04-15",
                "giai đoạn thực hiện tuyên truyền trước Đại hội",
            ),
        ];

        let mut a4 = article("004_ee655f1bf30cb98e");
        a4.published = Some(d("2020-03-26T16:40"));
        a4.province = Some("01".into());
        a4.district = Some("002".into());
        a4.congresses = vec![district(
            "Đảng bộ quận Hoàn Kiếm",
            "XXVI",
            Role::Subject,
            "002",
            None,
        )];
        a4.events = vec![event(
            "2020-03-24",
            "Hội nghị triển khai công tác thông tin",
        )];

        let mut c = catalog(vec![a0, a1, a2, a3, a4]);
        c.provinces = vec![Province {
            code: "22".into(),
            name: "Quảng Ninh".into(),
            districts: vec![District {
                code: "200".into(),
                name: "Đầm Hà".into(),
                kind: "huyện".into(),
            }],
        }];
        c
    }

    fn by_label<'a>(t: &'a Timeline, label: &str) -> &'a Entry {
        t.iter()
            .map(|(_, e)| e)
            .find(|e| e.label == label)
            .unwrap_or_else(|| panic!("no entry {label}"))
    }

    #[test]
    fn sample_data_builds_the_expected_timeline() {
        let c = sample();
        let t = Timeline::build(&c, &all(&c));
        // 6 happenings, 12 distinct congresses (XIII named by three articles).
        assert_eq!(t.len(), 6 + 12);
        let dated: Vec<&str> = t.dated.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            dated,
            [
                "Tiểu ban Tuyên truyền - Khánh tiết ban hành kế hoạch",
                "giai đoạn thực hiện tuyên truyền trước Đại hội",
                "UBND thành phố Hà Tĩnh tổ chức buổi làm việc",
                "Ban Tuyên giáo Thị ủy tổ chức Hội nghị",
                "Hội nghị triển khai công tác thông tin",
                "Đại hội XXV Đảng bộ huyện Đầm Hà",
                "Tiểu ban tuyên truyền tổ chức họp",
            ]
        );
        let dam_ha = by_label(&t, "Đại hội XXV Đảng bộ huyện Đầm Hà");
        assert_eq!(dam_ha.precision, Precision::Month);
        assert_eq!(dam_ha.span, Some((day("2020-05-01"), day("2020-05-31"))));
        assert!(dam_ha.landmark);
        assert_eq!(dam_ha.locality.as_deref(), Some("200"));
        assert_eq!(dam_ha.articles, ["003_267ec1fad5aef6e3"]);

        let xiii = by_label(&t, "Đại hội XIII Đảng Cộng sản Việt Nam");
        assert!(xiii.landmark);
        assert_eq!(xiii.span, None);
        assert_eq!(xiii.precision, Precision::YearUnknown);
        assert_eq!(xiii.role, Some(Role::Mentioned));
        assert_eq!(
            xiii.articles,
            [
                "001_c1af55e664871b1c",
                "002_83573f78451aeddc",
                "003_267ec1fad5aef6e3"
            ]
        );
        let hoan_kiem = by_label(&t, "Đại hội XXVI Đảng bộ quận Hoàn Kiếm");
        assert!(t.undated.iter().any(|e| **e == *hoan_kiem));
        assert!(hoan_kiem.landmark);
        let xii = by_label(&t, "Đại hội XII Đảng Cộng sản Việt Nam");
        assert!(!xii.landmark);
        assert_eq!(xii.role, Some(Role::Previous));
        assert!(!by_label(&t, "Đại hội XV Đảng bộ tỉnh Quảng Ninh").landmark);

        let range = by_label(&t, "giai đoạn thực hiện tuyên truyền trước Đại hội");
        assert_eq!(range.precision, Precision::Range);
        assert_eq!(range.span, Some((day("2019-12-01"), day("2020-04-15"))));
        assert_eq!(range.tier, Some(Tier::District));
        assert_eq!(range.id, "e-003_267ec1fad5aef6e3-1");
        assert_eq!(
            range.congress.as_deref(),
            Some("district|Đảng bộ huyện Đầm Hà|XXV")
        );

        // The data's present: the latest publication date, 15/06/2020.
        assert_eq!(t.today_anchor(), Some(day("2020-06-15")));
        assert_eq!(
            t.entry(t.index_at(day("2020-06-15")).unwrap())
                .unwrap()
                .label,
            "Tiểu ban tuyên truyền tổ chức họp"
        );
    }

    #[test]
    fn undated_entries_are_kept_apart_in_order() {
        let c = sample();
        let t = Timeline::build(&c, &all(&c));
        assert!(t
            .undated
            .iter()
            .all(|e| e.span.is_none() && e.date.is_none()));
        assert!(t.dated.iter().all(|e| e.span.is_some()));
        let tiers: Vec<Option<Tier>> = t.undated.iter().map(|e| e.tier).collect();
        let mut sorted = tiers.clone();
        sorted.sort_by_key(|&t| tier_rank(t));
        assert_eq!(tiers, sorted, "undated entries go national first");
        assert_eq!(t.undated[0].label, "Đại hội XII Đảng Cộng sản Việt Nam");
        assert_eq!(t.undated[1].label, "Đại hội XIII Đảng Cộng sản Việt Nam");

        // A day without its year is undated too, not placed in some year.
        let mut a = article("a");
        a.events = vec![event("--02-06", "họp")];
        let t = Timeline::build(&catalog(vec![a]), &[0]);
        assert!(t.dated.is_empty());
        assert_eq!(t.undated[0].precision, Precision::YearUnknown);
        assert_eq!(t.undated[0].date, Some(d("--02-06")));
        assert!(t.buckets(Zoom::Month).is_empty());
    }

    #[test]
    fn congresses_merge_across_articles_preferring_precise_dates() {
        let unit = "Đảng bộ tỉnh Quảng Ninh";
        let mut a = article("a");
        a.congresses = vec![congress(
            Tier::Province,
            unit,
            "XV",
            Role::Mentioned,
            Some("2020-10"),
        )];
        let mut b = article("b");
        b.congresses = vec![congress(
            Tier::Province,
            unit,
            "XV",
            Role::Subject,
            Some("2020-10-14/2020-10-16"),
        )];
        let mut c = article("c");
        c.congresses = vec![congress(Tier::Province, unit, "XV", Role::Mentioned, None)];
        let cat = catalog(vec![a, b, c]);
        for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2]] {
            let t = Timeline::build(&cat, &order);
            assert_eq!(t.len(), 1);
            let e = &t.dated[0];
            assert_eq!(e.date, Some(d("2020-10-14/2020-10-16")));
            assert_eq!(e.precision, Precision::Range);
            assert_eq!(e.articles, ["a", "b", "c"]);
            assert!(e.conflicts.is_empty(), "the month contains the range");
            assert!(e.landmark, "b is about it");
            assert_eq!(e.role, Some(Role::Subject));
        }

        // Disagreeing dates: the precise one is kept, the other recorded.
        let mut d1 = article("d1");
        d1.congresses = vec![congress(
            Tier::Province,
            unit,
            "XV",
            Role::Mentioned,
            Some("2020-10-14"),
        )];
        let mut d2 = article("d2");
        d2.congresses = vec![congress(
            Tier::Province,
            unit,
            "XV",
            Role::Mentioned,
            Some("2020-11"),
        )];
        let mut d3 = article("d3");
        d3.congresses = vec![congress(
            Tier::Province,
            unit,
            "XV",
            Role::Mentioned,
            Some("--10-14"),
        )];
        let t = Timeline::build(&catalog(vec![d1, d2, d3]), &[0, 1, 2]);
        let e = &t.dated[0];
        assert_eq!(e.date, Some(d("2020-10-14")));
        assert_eq!(
            e.conflicts,
            [StatedDate {
                date: d("2020-11"),
                article: "d2".into()
            }]
        );
        assert!(!e.landmark);
    }

    #[test]
    fn only_the_given_articles_count_and_ids_do_not_depend_on_them() {
        let c = sample();
        let full = Timeline::build(&c, &all(&c));
        let part = Timeline::build(&c, &[3, 3, 99]);
        assert_eq!(part.len(), 2 + 6);
        for (_, e) in part.iter() {
            let same = full.position(&e.id).and_then(|i| full.entry(i)).unwrap();
            assert_eq!(same.label, e.label);
        }
        let xiii = by_label(&part, "Đại hội XIII Đảng Cộng sản Việt Nam");
        assert_eq!(xiii.articles, ["003_267ec1fad5aef6e3"]);
        // The today anchor is the catalog's present, whatever the filter.
        assert_eq!(part.today_anchor(), full.today_anchor());
        assert!(Timeline::build(&c, &[]).is_empty());
    }

    #[test]
    fn ids_are_stable_url_safe_and_distinct() {
        let key = "district|Đảng bộ huyện Đầm Hà|XXV";
        let id = congress_entry_id(key);
        assert_eq!(id, congress_entry_id(key));
        assert!(
            id.starts_with("c-district-dang-bo-huyen-dam-ha-xxv-"),
            "{id}"
        );
        assert_eq!(id.len(), "c-district-dang-bo-huyen-dam-ha-xxv-".len() + 8);
        // Same slug, different congress.
        assert_ne!(id, congress_entry_id("district|Đảng bộ huyện Dam Ha|XXV"));
        assert_eq!(happening_entry_id("003_x", 2), "e-003_x-2");
        let odd = happening_entry_id("bài/1?x", 0);
        assert!(odd.starts_with("e-bai-1-x-"), "{odd}");

        let c = sample();
        let t = Timeline::build(&c, &all(&c));
        let ids: std::collections::BTreeSet<&str> = t.iter().map(|(_, e)| e.id.as_str()).collect();
        assert_eq!(ids.len(), t.len());
        for id in ids {
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{id}"
            );
        }
        // Same data, same timeline.
        assert_eq!(t, Timeline::build(&c, &all(&c)));
    }

    #[test]
    fn ordering_is_by_start_then_end_then_tier_then_label() {
        let mut a = article("a");
        a.congresses = vec![
            congress(
                Tier::District,
                "Đảng bộ huyện B",
                "I",
                Role::Subject,
                Some("2020-05"),
            ),
            congress(
                Tier::Province,
                "Đảng bộ tỉnh A",
                "I",
                Role::Mentioned,
                Some("2020-05"),
            ),
            congress(
                Tier::National,
                NATION,
                "XIII",
                Role::Mentioned,
                Some("2021-01-25/2021-02-01"),
            ),
        ];
        a.events = vec![
            event("2020-05-01T09:00", "khai mạc"),
            event("2020-05-01", "đón đoàn"),
            event("2020", "cả năm"),
            event("2020-05-20", "bế mạc"),
        ];
        let t = Timeline::build(&catalog(vec![a]), &[0]);
        let labels: Vec<&str> = t.dated.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "cả năm",
                "đón đoàn",
                "khai mạc",
                "Đại hội I Đảng bộ tỉnh A",
                "Đại hội I Đảng bộ huyện B",
                "bế mạc",
                "Đại hội XIII Đảng Cộng sản Việt Nam",
            ]
        );
        let xiii = t.dated.last().unwrap();
        assert!(xiii.landmark);
        assert_eq!(t.dated[0].precision, Precision::Year);
        assert_eq!(t.dated[1].precision, Precision::Day);
    }

    #[test]
    fn lanes_group_dated_entries_by_tier() {
        let c = sample();
        let t = Timeline::build(&c, &all(&c));
        let lanes = t.lanes();
        let tiers: Vec<Option<Tier>> = lanes.iter().map(|l| l.tier).collect();
        assert_eq!(tiers, [Some(Tier::Province), Some(Tier::District)]);
        assert_eq!(lanes[0].entries, [6]);
        assert_eq!(lanes[1].entries, [0, 1, 2, 3, 4, 5]);

        let mut a = article("a");
        a.events = vec![event("2020-01-01", "không có đại hội")];
        let t = Timeline::build(&catalog(vec![a]), &[0]);
        assert_eq!(
            t.lanes(),
            [Lane {
                tier: None,
                entries: vec![0]
            }]
        );
    }

    #[test]
    fn year_and_month_buckets_cover_the_range_and_spans_cross_them() {
        let c = sample();
        let t = Timeline::build(&c, &all(&c));
        let years = t.buckets(Zoom::Year);
        assert_eq!(years.len(), 2);
        assert_eq!(years[0].label_vi, "Năm 2019");
        assert_eq!(years[1].label_en, "2020");
        assert_eq!(years[0].start_day, day("2019-01-01"));
        assert_eq!(years[1].end_day, day("2020-12-31"));
        // The 2019-12/2020-04-15 range (index 1) is in both years.
        assert_eq!(years[0].entries, [0, 1]);
        assert_eq!(years[1].entries, [1, 2, 3, 4, 5, 6]);

        let months = t.buckets(Zoom::Month);
        // September 2019 to June 2020, empty months included.
        assert_eq!(months.len(), 10);
        assert_eq!(months[0].label_vi, "Tháng 9/2019");
        assert_eq!(months[0].label_en, "September 2019");
        assert_eq!(months[9].label_vi, "Tháng 6/2020");
        assert!(months[1].entries.is_empty());
        for w in months.windows(2) {
            assert_eq!(w[0].end_day + 1, w[1].start_day);
        }
        let with_range: Vec<&str> = months
            .iter()
            .filter(|m| m.entries.contains(&1))
            .map(|m| m.label_vi.as_str())
            .collect();
        assert_eq!(
            with_range,
            [
                "Tháng 12/2019",
                "Tháng 1/2020",
                "Tháng 2/2020",
                "Tháng 3/2020",
                "Tháng 4/2020"
            ]
        );
        let may = &months[8];
        assert_eq!(may.label_vi, "Tháng 5/2020");
        assert_eq!(may.entries, [5]);
        assert_eq!(may.end_day - may.start_day, 30);
    }

    #[test]
    fn a_page_stops_after_the_limit_and_caps_repeats() {
        // Twelve month-long congresses starting a week apart: at week zoom each week after
        // the first few is crossed by several earlier spans.
        let mut articles = Vec::new();
        for n in 0..12 {
            let mut a = article(&format!("a{n:02}"));
            let start = day("2020-03-02") + 7 * n;
            let (y, m, dd) = civil_from_days(start);
            a.congresses = vec![congress(
                Tier::District,
                &format!("Đảng bộ {n}"),
                "X",
                Role::Subject,
                Some(&format!("{y}-{m:02}-{dd:02}/{y}-{:02}-{dd:02}", m + 1)),
            )];
            articles.push(a);
        }
        let c = catalog(articles);
        let t = Timeline::build(&c, &all(&c));
        assert_eq!(t.dated.len(), 12);

        let page = t.page(Zoom::Week, 100, 2);
        assert_eq!(page.entries, 12);
        let firsts: Vec<usize> = page
            .periods
            .iter()
            .flat_map(|p| p.rows.iter().filter(|r| r.first).map(|r| r.index))
            .collect();
        assert_eq!(
            firsts,
            (0..12).collect::<Vec<_>>(),
            "each entry once, in order"
        );
        let buckets = t.buckets(Zoom::Week);
        for p in &page.periods {
            let repeats = p.rows.iter().filter(|r| !r.first).count();
            assert!(repeats <= 2);
            let full = buckets
                .iter()
                .find(|b| b.start_day == p.bucket.start_day)
                .unwrap();
            assert_eq!(p.rows.len() + p.hidden_repeats, full.entries.len());
            // Repeats come first: they started earlier.
            assert!(p.rows.iter().skip_while(|r| !r.first).all(|r| r.first));
        }
        assert!(page.periods.iter().any(|p| p.hidden_repeats > 0));

        // A limit stops where it is reached, inside a period too.
        let short = t.page(Zoom::Week, 3, 2);
        assert_eq!(short.entries, 3);
        assert_eq!(short.periods.len(), 3);
        let year = t.page(Zoom::Year, 5, 2);
        assert_eq!(year.periods.len(), 1);
        let rows: Vec<usize> = year.periods[0].rows.iter().map(|r| r.index).collect();
        assert_eq!(rows, [0, 1, 2, 3, 4]);
        assert_eq!(t.page(Zoom::Week, 0, 2), Page::default());
        assert_eq!(
            Timeline::default().page(Zoom::Month, 10, 3),
            Page::default()
        );
    }

    #[test]
    fn bars_cover_the_part_of_the_span_inside_the_period() {
        let june = (day("2020-06-01"), day("2020-06-30"));
        // The whole month, its second half, one day (widened to 1.5 %), and a span from
        // May into June (cut at the period's start).
        assert_eq!(bar_geometry(june, june), (0, 10_000));
        assert_eq!(
            bar_geometry(june, (day("2020-06-16"), day("2020-06-30"))),
            (5_000, 5_000)
        );
        assert_eq!(
            bar_geometry(june, (day("2020-06-10"), day("2020-06-10"))).1,
            333
        );
        let year = (day("2020-01-01"), day("2020-12-31"));
        assert_eq!(
            bar_geometry(year, (day("2020-03-01"), day("2020-03-01"))),
            (1_639, 150)
        );
        assert_eq!(
            bar_geometry(june, (day("2020-05-20"), day("2020-06-15"))),
            (0, 5_000)
        );
    }

    #[test]
    fn week_buckets_start_on_monday() {
        let mut a = article("a");
        a.events = vec![
            // A Wednesday to the next Tuesday: two weeks.
            event("2020-04-29/2020-05-05", "tuần lễ"),
            event("2020-05-03", "chủ nhật"),
        ];
        let mut b = article("b");
        b.events = vec![
            event("2020-01-02", "đầu năm"),
            event("2019-12-31", "cuối năm"),
        ];
        let t = Timeline::build(&catalog(vec![a]), &[0]);
        let weeks = t.buckets(Zoom::Week);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].label_vi, "Tuần 18 (27/04–03/05/2020)");
        assert_eq!(weeks[0].label_en, "Week 18 (27/04–03/05/2020)");
        assert_eq!(weeks[1].label_vi, "Tuần 19 (04/05–10/05/2020)");
        assert_eq!(weeks[0].start_day, day("2020-04-27"));
        assert_eq!(crate::date::weekday(2020, 4, 27), 1, "a Monday");
        assert_eq!(weeks[0].entries, [0, 1]);
        assert_eq!(weeks[1].entries, [0]);

        let t = Timeline::build(&catalog(vec![b]), &[0]);
        let weeks = t.buckets(Zoom::Week);
        assert_eq!(weeks.len(), 1);
        assert_eq!(weeks[0].label_vi, "Tuần 1 (30/12/2019–05/01/2020)");
        for n in -800..800 {
            let m = monday_of(n);
            let (y, mo, dd) = civil_from_days(m);
            assert_eq!(crate::date::weekday(y, mo, dd), 1);
            assert!(m <= n && n - m < 7);
        }
        // 2020 had 53 ISO weeks; 28/12/2020 starts week 53.
        assert_eq!(iso_week(day("2020-12-28")), 53);
        assert_eq!(iso_week(day("2021-01-04")), 1);
    }

    #[test]
    fn keyboard_navigation_runs_through_dated_then_undated() {
        let c = sample();
        let t = Timeline::build(&c, &all(&c));
        let last = t.len() - 1;
        assert_eq!(t.next(0, 1), Some(1));
        assert_eq!(t.next(0, -1), None);
        assert_eq!(t.next(last, 1), None);
        assert_eq!(t.next(t.dated.len() - 1, 1), Some(t.dated.len()));
        assert_eq!(t.entry(t.dated.len()), t.undated.first().map(|e| &**e));
        assert_eq!(t.next(2, 100), Some(last));
        assert_eq!(t.next(2, -100), Some(0));
        assert_eq!(t.next(last + 1, 1), None);
        assert_eq!(t.entry(last + 1), None);
        assert_eq!(Timeline::default().next(0, 1), None);
    }

    #[test]
    fn today_anchor_uses_the_start_of_partial_publication_dates() {
        let mut a = article("a");
        a.published = Some(d("2020-07"));
        let mut b = article("b");
        b.published = Some(d("2020-06-30"));
        let mut u = article("u");
        u.published = Some(d("--12-31"));
        let c = catalog(vec![a, b, u]);
        let t = Timeline::build(&c, &[]);
        assert_eq!(t.today_anchor(), Some(day("2020-07-01")));
        assert_eq!(t.index_at(0), None);
        assert_eq!(
            Timeline::build(&catalog(vec![article("x")]), &[0]).today_anchor(),
            None
        );
    }

    proptest::proptest! {
        /// Taking a selection from the index of the whole catalog gives exactly the
        /// timeline of a catalog holding only the selected articles: congresses keep only
        /// the chosen articles' dates, roles and links, and the order is the same.
        #[test]
        fn a_selection_equals_the_timeline_of_only_those_articles(
            cat in crate::filter::tests::arb_catalog(),
            picks in proptest::collection::vec(proptest::bool::ANY, 30),
        ) {
            let index = TimelineIndex::new(&cat);
            let chosen: Vec<usize> = (0..cat.articles.len()).filter(|&i| picks[i]).collect();
            let alone = catalog(chosen.iter().map(|&i| cat.articles[i].clone()).collect());
            let expected = TimelineIndex::new(&alone).all();
            let got = index.select(&cat, &chosen);
            proptest::prop_assert_eq!(&got.dated, &expected.dated);
            proptest::prop_assert_eq!(&got.undated, &expected.undated);
            proptest::prop_assert!(index.select(&cat, &all(&cat)).same_entries(&index.all()));
            // Sharing the entries implies equality, so a UI may skip the deep comparison.
            if got.same_entries(&index.all()) {
                proptest::prop_assert_eq!(&got, &index.all());
            }
            proptest::prop_assert!(!got.same_entries(&Timeline::default()) || got.is_empty());
        }
    }
}
