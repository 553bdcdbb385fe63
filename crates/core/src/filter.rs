//! Filtering the article list, counting facet values, and sorting.
//!
//! A [`Filter`] has four facets: locality (provinces and districts together), tier,
//! congress and date. Values within one facet are OR-ed, facets are AND-ed.
//!
//! Every interaction re-filters and re-counts up to ~10,000 articles inside a 16 ms frame
//! in wasm, so [`FacetIndex`] interns every facet value to a small integer once, when the
//! catalog arrives, and keeps per-article facts (locality ids, a tier bit mask, congress
//! ids, day spans) plus a precomputed order for every [`SortOrder`]. Filtering and
//! counting are then one allocation-free pass over plain integers.
//!
//! Choices worth knowing:
//! - **Which congresses describe an article.** An article names several congresses: the
//!   one it is about, others of the same cycle, earlier ones whose resolutions it cites.
//!   The tier and congress facets (and event dates) use its *primary* congresses: those
//!   with [`Role::Subject`], or all of them when none is marked subject, so that an
//!   article whose roles could not be told apart is still findable rather than lost.
//! - **Locality.** Selecting a province includes all of its districts: an article matches
//!   when its province is selected or its district is selected. An article that names
//!   only a district gets that district's province from the gazetteer.
//! - **Partial dates.** A date is compared by the span of days it covers (a month-only
//!   date covers the month). [`DateMatch::Inside`] means certainly in range,
//!   [`DateMatch::Overlaps`] means only possibly (the UI labels it, e.g. "(chỉ biết
//!   tháng)"); both match. Dates without a year and undated articles never match an
//!   active date filter.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::date::{DateSpec, PartialDate};
use crate::model::{ArticleMeta, Catalog, Congress, Role, Tier};
use crate::sort::sort_u32;
use crate::text::{fold, lower};
use crate::timeline::congress_label;

/// Which date of an article a date filter (or the list's date label) refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum DateBasis {
    /// The publication date the page states.
    #[default]
    Published,
    /// The dates of the events it reports (including its congress's dates).
    Event,
}

/// A date filter. Bounds are partial dates taken by their span: `from = 2020-05` starts on
/// 1 May, `to = 2020-05` ends on 31 May. A bound without a year is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateRange {
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub basis: DateBasis,
}

/// How an article's date relates to a [`DateRange`]. Ordered from worst to best, so the
/// best of several dates is their `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateMatch {
    /// No date with a known year.
    Unknown,
    /// Known, and certainly outside the range.
    Outside,
    /// Partly known (a month, a year, a long range) and only possibly in the range.
    Overlaps,
    /// Certainly inside the range.
    Inside,
}

impl DateMatch {
    /// True when the article is shown under the date filter.
    pub fn is_match(self) -> bool {
        matches!(self, DateMatch::Inside | DateMatch::Overlaps)
    }
}

impl DateRange {
    /// A range with neither bound does not filter (it only carries the chosen basis).
    pub fn is_active(&self) -> bool {
        self.bound_days().is_some()
    }

    /// First and last day of the range as day numbers, open ends as `i32::MIN`/`MAX`;
    /// `None` when neither bound is usable.
    pub fn bound_days(&self) -> Option<(i32, i32)> {
        let lo = self.from.and_then(|d| d.day_span()).map(|s| s.0);
        let hi = self.to.and_then(|d| d.day_span()).map(|s| s.1);
        if lo.is_none() && hi.is_none() {
            return None;
        }
        Some((lo.unwrap_or(i32::MIN), hi.unwrap_or(i32::MAX)))
    }

    /// Classifies one span of days against the range.
    pub fn classify(&self, span: Option<(i32, i32)>) -> DateMatch {
        match self.bound_days() {
            Some(bounds) => classify_span(span, bounds),
            None => match span {
                Some(_) => DateMatch::Inside,
                None => DateMatch::Unknown,
            },
        }
    }
}

#[inline]
fn classify_span(span: Option<(i32, i32)>, (lo, hi): (i32, i32)) -> DateMatch {
    match span {
        None => DateMatch::Unknown,
        Some((a, b)) if a >= lo && b <= hi => DateMatch::Inside,
        Some((a, b)) if b < lo || a > hi => DateMatch::Outside,
        Some(_) => DateMatch::Overlaps,
    }
}

/// A set of congress tiers, one bit each, iterated in the tiers' order (commune first) as
/// a `BTreeSet<Tier>` would be: four values need no tree, and the wasm no copy of one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TierSet(u8);

impl TierSet {
    /// The set as a mask of [`tier_bit`]s.
    fn bits(self) -> u8 {
        self.0
    }

    /// Adds `t`; true if it was not in the set.
    pub fn insert(&mut self, t: Tier) -> bool {
        let new = !self.contains(&t);
        self.0 |= tier_bit(t);
        new
    }

    /// Takes `t` out; true if it was in the set.
    pub fn remove(&mut self, t: &Tier) -> bool {
        let had = self.contains(t);
        self.0 &= !tier_bit(*t);
        had
    }

    pub fn contains(&self, t: &Tier) -> bool {
        self.0 & tier_bit(*t) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// The tiers in the set, commune first.
    pub fn iter(&self) -> impl Iterator<Item = Tier> {
        let bits = self.0;
        [
            Tier::Commune,
            Tier::District,
            Tier::Province,
            Tier::National,
        ]
        .into_iter()
        .filter(move |&t| bits & tier_bit(t) != 0)
    }
}

impl Extend<Tier> for TierSet {
    fn extend<I: IntoIterator<Item = Tier>>(&mut self, tiers: I) {
        for t in tiers {
            self.insert(t);
        }
    }
}

impl FromIterator<Tier> for TierSet {
    fn from_iter<I: IntoIterator<Item = Tier>>(tiers: I) -> TierSet {
        let mut set = TierSet::default();
        set.extend(tiers);
        set
    }
}

impl<const N: usize> From<[Tier; N]> for TierSet {
    fn from(tiers: [Tier; N]) -> TierSet {
        tiers.into_iter().collect()
    }
}

/// The reader's selection. An empty set means the facet does not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// GSO province codes.
    pub provinces: BTreeSet<String>,
    /// GSO district codes.
    pub districts: BTreeSet<String>,
    pub tiers: TierSet,
    /// [`Congress::key`]s.
    pub congresses: BTreeSet<String>,
    pub date: Option<DateRange>,
}

impl Filter {
    /// The filter without the values the data set does not know: provinces and districts
    /// not in its gazetteer, congresses no article mentions. Such a value, from a mistyped or
    /// outdated address, would empty the list with no box checked to show why.
    pub fn known_only(&self, catalog: &Catalog) -> Filter {
        let congresses: BTreeSet<String> = catalog
            .articles
            .iter()
            .flat_map(|a| a.congresses.iter().map(|c| c.key()))
            .filter(|k| self.congresses.contains(k))
            .collect();
        Filter {
            provinces: self
                .provinces
                .iter()
                .filter(|c| catalog.province(c).is_some())
                .cloned()
                .collect(),
            districts: self
                .districts
                .iter()
                .filter(|c| catalog.district(c).is_some())
                .cloned()
                .collect(),
            congresses,
            ..self.clone()
        }
    }

    /// True when nothing is selected: every article is shown.
    pub fn is_empty(&self) -> bool {
        self.selection_count(true) == 0
    }

    /// How many values are selected, an active date range counting as one; the locality
    /// values only with `with_locality` (a portal's preset locality is not the reader's
    /// choice). What the filter panel's button says while the panel is folded.
    pub fn selection_count(&self, with_locality: bool) -> usize {
        let locality = if with_locality {
            self.provinces.len() + self.districts.len()
        } else {
            0
        };
        locality
            + self.tiers.len()
            + self.congresses.len()
            + usize::from(self.date.is_some_and(|d| d.is_active()))
    }
}

/// Order of the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortOrder {
    /// By [`display_date`], latest first; undated last.
    #[default]
    Newest,
    /// By [`display_date`], earliest first; undated last.
    Oldest,
    /// By title, accent-insensitively first, then exactly.
    TitleAz,
    /// By province name, then district name (province-level articles first), newest first
    /// within a locality; articles without a locality last.
    Locality,
}

impl SortOrder {
    pub const ALL: [SortOrder; 4] = [
        SortOrder::Newest,
        SortOrder::Oldest,
        SortOrder::TitleAz,
        SortOrder::Locality,
    ];

    fn slot(self) -> usize {
        self as usize
    }

    /// Stable name, as used in the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Newest => "newest",
            SortOrder::Oldest => "oldest",
            SortOrder::TitleAz => "title",
            SortOrder::Locality => "locality",
        }
    }

    pub fn parse(s: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

impl DateBasis {
    /// Stable name, as used in the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Published => "pub",
            DateBasis::Event => "event",
        }
    }

    pub fn parse(s: &str) -> Option<DateBasis> {
        [DateBasis::Published, DateBasis::Event]
            .into_iter()
            .find(|b| b.as_str() == s)
    }
}

/// The congresses that describe the article: the subject ones, or all when none is
/// marked subject (see the module docs).
pub fn primary_congresses(article: &ArticleMeta) -> impl Iterator<Item = &Congress> {
    let any_subject = article.congresses.iter().any(|c| c.role == Role::Subject);
    article
        .congresses
        .iter()
        .filter(move |c| !any_subject || c.role == Role::Subject)
}

/// The date the list shows for an article, and what kind of date it is: the publication
/// date when its year is known, else the earliest event date, else the earliest date of
/// a primary congress; `None` ("không rõ ngày") when none has a year.
pub fn display_date(article: &ArticleMeta) -> Option<(DateSpec, DateBasis)> {
    if let Some(p) = article.published.filter(|p| p.sort_key().is_some()) {
        return Some((p, DateBasis::Published));
    }
    let earliest = |dates: &mut dyn Iterator<Item = DateSpec>| {
        dates
            .filter_map(|d| d.sort_key().map(|k| (k, d)))
            .min_by_key(|(k, _)| *k)
            .map(|(_, d)| d)
    };
    earliest(&mut article.events.iter().map(|e| e.date))
        .or_else(|| earliest(&mut primary_congresses(article).filter_map(|c| c.date)))
        .map(|d| (d, DateBasis::Event))
}

/// Day spans an article has on the given basis (empty when it has none with a year).
fn date_spans(article: &ArticleMeta, basis: DateBasis) -> Vec<(i32, i32)> {
    match basis {
        DateBasis::Published => article
            .published
            .and_then(|d| d.day_span())
            .into_iter()
            .collect(),
        DateBasis::Event => article
            .events
            .iter()
            .map(|e| e.date)
            .chain(primary_congresses(article).filter_map(|c| c.date))
            .filter_map(|d| d.day_span())
            .collect(),
    }
}

/// How an article's date on `range.basis` relates to the range; with several event dates,
/// the best of them.
pub fn date_match(article: &ArticleMeta, range: &DateRange) -> DateMatch {
    date_spans(article, range.basis)
        .into_iter()
        .map(|s| range.classify(Some(s)))
        .max()
        .unwrap_or(DateMatch::Unknown)
}

/// A congress as the congress facet lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct CongressInfo {
    /// [`Congress::key`].
    pub key: String,
    pub tier: Tier,
    pub unit: String,
    pub ordinal: Option<String>,
    pub term: Option<String>,
    /// "Đại hội XXV Đảng bộ huyện Đầm Hà".
    pub label: String,
}

/// What the filter needs to know about one article, as small integers.
#[derive(Debug, Clone)]
struct ArticleFacts {
    province: Option<u32>,
    district: Option<u32>,
    /// Bit `t as u8` set for each tier of a primary congress.
    tiers: u8,
    /// Range into `FacetIndex::article_congresses`.
    congresses: (u32, u32),
    published: Option<(i32, i32)>,
    /// Range into `FacetIndex::event_spans`.
    events: (u32, u32),
}

/// Precomputed facet values and sort orders of a catalog. Build once per catalog.
#[derive(Debug, Clone)]
pub struct FacetIndex {
    province_codes: Vec<String>,
    province_ids: CodeIds,
    district_codes: Vec<String>,
    district_ids: CodeIds,
    congresses: Vec<CongressInfo>,
    congress_ids: CodeIds,
    articles: Vec<ArticleFacts>,
    article_congresses: Vec<u32>,
    event_spans: Vec<(i32, i32)>,
    /// Each article's [`display_date`] sort key, for the date orders.
    date_keys: Vec<Option<(i32, u16)>>,
    /// Article indices in each sort order, computed the first time it is asked for: the
    /// list needs one at start, and the title and locality orders (ten thousand titles
    /// folded, names looked up) are most of what building the index would otherwise cost.
    orders: [OnceLock<Vec<u32>>; 4],
}

fn tier_bit(t: Tier) -> u8 {
    1 << (t as u8)
}

/// Codes (or congress keys) to their ids, as a list sorted by code: a few hundred entries,
/// filled once per catalog and then only looked up, for which halving a sorted list is as
/// quick as a tree, and spares the wasm one more copy of a tree's code.
#[derive(Debug, Clone, Default)]
struct CodeIds(Vec<(String, u32)>);

impl CodeIds {
    fn position(&self, code: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(c, _)| c.as_str().cmp(code))
    }

    fn get(&self, code: &str) -> Option<u32> {
        self.position(code).ok().map(|i| self.0[i].1)
    }

    fn insert(&mut self, code: &str, id: u32) {
        match self.position(code) {
            Ok(i) => self.0[i].1 = id,
            Err(i) => self.0.insert(i, (code.to_string(), id)),
        }
    }
}

fn intern(code: &str, codes: &mut Vec<String>, ids: &mut CodeIds) -> u32 {
    if let Some(id) = ids.get(code) {
        return id;
    }
    let id = codes.len() as u32;
    codes.push(code.to_string());
    ids.insert(code, id);
    id
}

impl FacetIndex {
    pub fn new(catalog: &Catalog) -> FacetIndex {
        let mut province_codes = Vec::new();
        let mut province_ids = CodeIds::default();
        let mut district_codes = Vec::new();
        let mut district_ids = CodeIds::default();
        // Gazetteer order first, so the facet lists read in GSO order.
        let mut district_province: BTreeMap<&str, &str> = BTreeMap::new();
        for p in &catalog.provinces {
            intern(&p.code, &mut province_codes, &mut province_ids);
            for d in &p.districts {
                intern(&d.code, &mut district_codes, &mut district_ids);
                district_province.insert(&d.code, &p.code);
            }
        }

        // Congresses get ids in the order first met (one key formatted and looked up per
        // congress of an article), renumbered below into key order, the facet's order.
        let mut seen_ids: HashMap<String, usize> = HashMap::new();
        let mut seen: Vec<CongressInfo> = Vec::new();
        let mut articles = Vec::with_capacity(catalog.articles.len());
        let mut article_congresses: Vec<u32> = Vec::new();
        let mut event_spans = Vec::new();
        for a in &catalog.articles {
            let province_code = a.province.as_deref().or_else(|| {
                a.district
                    .as_deref()
                    .and_then(|d| district_province.get(d).copied())
            });
            let province = province_code.map(|c| intern(c, &mut province_codes, &mut province_ids));
            let district = a
                .district
                .as_deref()
                .map(|c| intern(c, &mut district_codes, &mut district_ids));
            let mut tiers = 0;
            let start = article_congresses.len() as u32;
            for c in primary_congresses(a) {
                tiers |= tier_bit(c.tier);
                let key = c.key();
                let id = match seen_ids.get(&key) {
                    Some(&id) => id,
                    None => {
                        seen.push(CongressInfo {
                            key: key.clone(),
                            tier: c.tier,
                            unit: c.unit.clone(),
                            ordinal: c.ordinal.clone(),
                            term: c.term.clone(),
                            label: congress_label(c),
                        });
                        seen_ids.insert(key, seen.len() - 1);
                        seen.len() - 1
                    }
                } as u32;
                if !article_congresses[start as usize..].contains(&id) {
                    article_congresses.push(id);
                }
            }
            let congresses = (start, article_congresses.len() as u32);
            let ev_start = event_spans.len() as u32;
            event_spans.extend(date_spans(a, DateBasis::Event));
            articles.push(ArticleFacts {
                province,
                district,
                tiers,
                congresses,
                published: a.published.and_then(|d| d.day_span()),
                events: (ev_start, event_spans.len() as u32),
            });
        }
        // The code list keeps its keys sorted: walked in order, it renumbers each congress
        // by its place among the keys.
        let mut congress_ids = CodeIds::default();
        for (first_met, info) in seen.iter().enumerate() {
            congress_ids.insert(&info.key, first_met as u32);
        }
        let mut key_order_id = vec![0u32; seen.len()];
        let mut seen: Vec<Option<CongressInfo>> = seen.into_iter().map(Some).collect();
        let mut congresses = Vec::with_capacity(seen.len());
        for (id, (_, slot)) in congress_ids.0.iter_mut().enumerate() {
            key_order_id[*slot as usize] = id as u32;
            congresses.extend(seen[*slot as usize].take());
            *slot = id as u32;
        }
        for id in &mut article_congresses {
            *id = key_order_id[*id as usize];
        }

        let date_keys: Vec<Option<(i32, u16)>> = catalog
            .articles
            .iter()
            .map(|a| display_date(a).and_then(|(d, _)| d.sort_key()))
            .collect();

        FacetIndex {
            province_codes,
            province_ids,
            district_codes,
            district_ids,
            congresses,
            congress_ids,
            articles,
            article_congresses,
            event_spans,
            date_keys,
            orders: Default::default(),
        }
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Province codes in facet order (gazetteer order, then any unknown codes); parallel
    /// to [`FacetCounts::provinces`].
    pub fn province_codes(&self) -> &[String] {
        &self.province_codes
    }

    /// District codes in facet order; parallel to [`FacetCounts::districts`].
    pub fn district_codes(&self) -> &[String] {
        &self.district_codes
    }

    /// Congresses (of any article's primary congresses) ordered by key; parallel to
    /// [`FacetCounts::congresses`].
    pub fn congresses(&self) -> &[CongressInfo] {
        &self.congresses
    }

    /// Date match of article `i` (an index into `catalog.articles`) on `range.basis`.
    pub fn date_match(&self, i: usize, range: &DateRange) -> DateMatch {
        let f = &self.articles[i];
        match range.bound_days() {
            None => {
                if self.spans(f, range.basis).is_empty() {
                    DateMatch::Unknown
                } else {
                    DateMatch::Inside
                }
            }
            Some(bounds) => self
                .spans(f, range.basis)
                .iter()
                .map(|&s| classify_span(Some(s), bounds))
                .max()
                .unwrap_or(DateMatch::Unknown),
        }
    }

    #[inline]
    fn spans<'a>(&'a self, f: &'a ArticleFacts, basis: DateBasis) -> &'a [(i32, i32)] {
        match basis {
            DateBasis::Published => f.published.as_slice(),
            DateBasis::Event => &self.event_spans[f.events.0 as usize..f.events.1 as usize],
        }
    }

    fn compile(&self, filter: &Filter) -> CompiledFilter {
        let select = |codes: &BTreeSet<String>, ids: &CodeIds, n: usize| {
            let mut sel = vec![false; n];
            for c in codes {
                if let Some(id) = ids.get(c) {
                    sel[id as usize] = true;
                }
            }
            sel
        };
        CompiledFilter {
            locality_active: !filter.provinces.is_empty() || !filter.districts.is_empty(),
            provinces: select(
                &filter.provinces,
                &self.province_ids,
                self.province_codes.len(),
            ),
            districts: select(
                &filter.districts,
                &self.district_ids,
                self.district_codes.len(),
            ),
            tiers_active: !filter.tiers.is_empty(),
            tiers: filter.tiers.bits(),
            congresses_active: !filter.congresses.is_empty(),
            congresses: select(
                &filter.congresses,
                &self.congress_ids,
                self.congresses.len(),
            ),
            basis: filter.date.map(|d| d.basis).unwrap_or_default(),
            date: filter.date.and_then(|d| d.bound_days()),
        }
    }

    #[inline]
    fn article_congresses(&self, f: &ArticleFacts) -> &[u32] {
        &self.article_congresses[f.congresses.0 as usize..f.congresses.1 as usize]
    }

    #[inline]
    fn locality_passes(c: &CompiledFilter, f: &ArticleFacts) -> bool {
        !c.locality_active
            || f.province.is_some_and(|p| c.provinces[p as usize])
            || f.district.is_some_and(|d| c.districts[d as usize])
    }

    #[inline]
    fn tier_passes(c: &CompiledFilter, f: &ArticleFacts) -> bool {
        !c.tiers_active || f.tiers & c.tiers != 0
    }

    #[inline]
    fn congress_passes(&self, c: &CompiledFilter, f: &ArticleFacts) -> bool {
        !c.congresses_active
            || self
                .article_congresses(f)
                .iter()
                .any(|&k| c.congresses[k as usize])
    }

    #[inline]
    fn date_passes(c: &CompiledFilter, spans: &[(i32, i32)]) -> bool {
        c.date.is_none_or(|bounds| {
            spans
                .iter()
                .any(|&s| classify_span(Some(s), bounds).is_match())
        })
    }

    #[inline]
    fn facet_matches(&self, c: &CompiledFilter, f: &ArticleFacts) -> FacetMatches {
        let spans = self.spans(f, c.basis);
        FacetMatches {
            locality: Self::locality_passes(c, f),
            tier: Self::tier_passes(c, f),
            congress: self.congress_passes(c, f),
            date: Self::date_passes(c, spans),
            dated: !spans.is_empty(),
        }
    }

    /// Whether the article passes every facet: [`FacetIndex::facet_matches`]`.all()`, but
    /// stopping at the first facet that fails.
    #[inline]
    fn passes(&self, c: &CompiledFilter, f: &ArticleFacts) -> bool {
        Self::locality_passes(c, f)
            && Self::tier_passes(c, f)
            && self.congress_passes(c, f)
            && Self::date_passes(c, self.spans(f, c.basis))
    }

    /// Indices (into `catalog.articles`, ascending) of the articles the filter shows.
    pub fn apply(&self, filter: &Filter) -> Vec<usize> {
        let c = self.compile(filter);
        (0..self.articles.len())
            .filter(|&i| self.passes(&c, &self.articles[i]))
            .collect()
    }

    /// The articles in `order`, computed from `catalog` (the one this index was built
    /// from) the first time.
    fn order(&self, catalog: &Catalog, order: SortOrder) -> &[u32] {
        self.orders[order.slot()].get_or_init(|| {
            assert_eq!(
                catalog.articles.len(),
                self.articles.len(),
                "a facet index is used with the catalog it was built from"
            );
            sorted_indices(catalog, &self.date_keys, order)
        })
    }

    /// [`FacetIndex::apply`] already in `order`, without a sort: walks the order once.
    /// `catalog` is the one the index was built from.
    pub fn apply_sorted(&self, catalog: &Catalog, filter: &Filter, order: SortOrder) -> Vec<usize> {
        let c = self.compile(filter);
        self.order(catalog, order)
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| self.passes(&c, &self.articles[i]))
            .collect()
    }

    /// Sorts article indices by `order` (by each article's place in it: no string
    /// compares). `catalog` is the one the index was built from.
    pub fn sort(&self, catalog: &Catalog, indices: &mut [usize], order: SortOrder) {
        let mut rank = vec![0u32; self.articles.len()];
        for (pos, &i) in self.order(catalog, order).iter().enumerate() {
            rank[i as usize] = pos as u32;
        }
        crate::sort::sort_usize(indices, &|a, b| rank[a].cmp(&rank[b]));
    }

    /// Disjunctive facet counts: for each value of a facet, the number of articles that
    /// match every *other* facet's selection and have that value. So picking one province
    /// leaves the other provinces' counts as they were, and each count is exactly the
    /// length of the list that selecting only that value (in that facet) would give.
    pub fn counts(&self, filter: &Filter) -> FacetCounts {
        self.counts_within(filter, None)
    }

    /// [`FacetIndex::counts`] over the articles `allowed` marks (indexed like the
    /// catalog), so that with a search the counts describe the search's results.
    pub fn counts_within(&self, filter: &Filter, allowed: Option<&[bool]>) -> FacetCounts {
        let c = self.compile(filter);
        let mut out = FacetCounts {
            matching: 0,
            provinces: vec![0; self.province_codes.len()],
            districts: vec![0; self.district_codes.len()],
            tiers: [0; 4],
            congresses: vec![0; self.congresses.len()],
            undated: 0,
        };
        for (i, f) in self.articles.iter().enumerate() {
            if allowed.is_some_and(|a| !a.get(i).copied().unwrap_or(false)) {
                continue;
            }
            let m = self.facet_matches(&c, f);
            if m.all() {
                out.matching += 1;
            }
            if m.tier && m.congress && m.date {
                if let Some(p) = f.province {
                    out.provinces[p as usize] += 1;
                }
                if let Some(d) = f.district {
                    out.districts[d as usize] += 1;
                }
            }
            if m.locality && m.congress && m.date {
                for t in Tier::ALL {
                    if f.tiers & tier_bit(t) != 0 {
                        out.tiers[t as usize] += 1;
                    }
                }
            }
            if m.locality && m.tier && m.date {
                for &k in self.article_congresses(f) {
                    out.congresses[k as usize] += 1;
                }
            }
            if m.locality && m.tier && m.congress && !m.dated {
                out.undated += 1;
            }
        }
        out
    }
}

/// Article indices in `order`; `date_keys` are the articles' [`display_date`] sort keys.
fn sorted_indices(
    catalog: &Catalog,
    date_keys: &[Option<(i32, u16)>],
    order: SortOrder,
) -> Vec<u32> {
    let arts = &catalog.articles;
    let mut idx: Vec<u32> = (0..arts.len() as u32).collect();
    let by_id = |a: u32, b: u32| {
        arts[a as usize]
            .id
            .cmp(&arts[b as usize].id)
            .then(a.cmp(&b))
    };
    // Undated last in both directions.
    let newest_key = |i: u32| {
        let k = date_keys[i as usize];
        (k.is_none(), Reverse(k))
    };
    match order {
        SortOrder::Newest => sort_u32(&mut idx, &|a, b| {
            newest_key(a).cmp(&newest_key(b)).then_with(|| by_id(a, b))
        }),
        SortOrder::Oldest => sort_u32(&mut idx, &|a, b| {
            let ka = date_keys[a as usize];
            let kb = date_keys[b as usize];
            (ka.is_none(), ka)
                .cmp(&(kb.is_none(), kb))
                .then_with(|| by_id(a, b))
        }),
        SortOrder::TitleAz => {
            let keys: Vec<(String, String)> = arts
                .iter()
                .map(|a| (fold(&a.title), lower(&a.title)))
                .collect();
            sort_u32(&mut idx, &|a, b| {
                let (ka, kb) = (&keys[a as usize], &keys[b as usize]);
                ka.cmp(kb)
                    .then_with(|| arts[a as usize].title.cmp(&arts[b as usize].title))
                    .then_with(|| by_id(a, b))
            })
        }
        SortOrder::Locality => {
            let keys: Vec<Option<(String, Option<String>)>> = {
                let names = LocalityNames::new(catalog);
                arts.iter().map(|a| names.sort_key(a)).collect()
            };
            sort_u32(&mut idx, &|a, b| {
                let (ka, kb) = (&keys[a as usize], &keys[b as usize]);
                cmp_none_last(ka, kb)
                    .then_with(|| newest_key(a).cmp(&newest_key(b)))
                    .then_with(|| by_id(a, b))
            })
        }
    }
    idx
}

/// (folded province name, folded district name) of an article; `None` without locality.
/// Folded gazetteer names by code, so the locality sort looks names up in a map rather
/// than scanning the gazetteer for each article.
struct LocalityNames<'a> {
    provinces: BTreeMap<&'a str, String>,
    /// District code → (folded province name, folded district name).
    districts: BTreeMap<&'a str, (String, String)>,
}

impl<'a> LocalityNames<'a> {
    fn new(catalog: &'a Catalog) -> LocalityNames<'a> {
        let mut provinces = BTreeMap::new();
        let mut districts = BTreeMap::new();
        for p in &catalog.provinces {
            let pname = fold(&p.name);
            for d in &p.districts {
                districts.insert(d.code.as_str(), (pname.clone(), fold(&d.name)));
            }
            provinces.insert(p.code.as_str(), pname);
        }
        LocalityNames {
            provinces,
            districts,
        }
    }

    /// (folded province name, folded district name) of an article; `None` without
    /// locality. Codes missing from the gazetteer sort by the code itself.
    fn sort_key(&self, a: &ArticleMeta) -> Option<(String, Option<String>)> {
        let district = a
            .district
            .as_deref()
            .map(|code| match self.districts.get(code) {
                Some((p, d)) => (Some(p.clone()), d.clone()),
                None => (None, code.to_string()),
            });
        let province = a
            .province
            .as_deref()
            .map(|code| {
                self.provinces
                    .get(code)
                    .cloned()
                    .unwrap_or_else(|| code.to_string())
            })
            .or_else(|| district.as_ref().and_then(|(p, _)| p.clone()));
        match (province, district) {
            (Some(p), d) => Some((p, d.map(|(_, d)| d))),
            (None, Some((_, d))) => Some((String::new(), Some(d))),
            (None, None) => None,
        }
    }
}

fn cmp_none_last<T: Ord>(a: &Option<T>, b: &Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

struct CompiledFilter {
    locality_active: bool,
    provinces: Vec<bool>,
    districts: Vec<bool>,
    tiers_active: bool,
    tiers: u8,
    congresses_active: bool,
    congresses: Vec<bool>,
    basis: DateBasis,
    date: Option<(i32, i32)>,
}

#[derive(Clone, Copy)]
struct FacetMatches {
    locality: bool,
    tier: bool,
    congress: bool,
    date: bool,
    /// Has a date with a year on the filter's basis.
    dated: bool,
}

impl FacetMatches {
    #[inline]
    fn all(self) -> bool {
        self.locality && self.tier && self.congress && self.date
    }
}

/// Facet counts (see [`FacetIndex::counts`]). Vectors are parallel to the index's value
/// lists, so counting allocates nothing per value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// Articles matching the whole filter (the list's length).
    pub matching: u32,
    /// Parallel to [`FacetIndex::province_codes`].
    pub provinces: Vec<u32>,
    /// Parallel to [`FacetIndex::district_codes`].
    pub districts: Vec<u32>,
    /// Indexed by `Tier as usize`; use [`FacetCounts::tier`].
    pub tiers: [u32; 4],
    /// Parallel to [`FacetIndex::congresses`].
    pub congresses: Vec<u32>,
    /// Articles matching the locality, tier and congress selections that have no date
    /// with a known year on the filter's basis (publication when no date filter is set):
    /// these are hidden as soon as a date range is set, and the UI can say how many.
    pub undated: u32,
}

impl FacetCounts {
    /// (province code, count), in facet order.
    pub fn province_entries<'a>(
        &'a self,
        index: &'a FacetIndex,
    ) -> impl Iterator<Item = (&'a str, u32)> + 'a {
        index
            .province_codes
            .iter()
            .map(String::as_str)
            .zip(self.provinces.iter().copied())
    }

    /// (district code, count), in facet order.
    pub fn district_entries<'a>(
        &'a self,
        index: &'a FacetIndex,
    ) -> impl Iterator<Item = (&'a str, u32)> + 'a {
        index
            .district_codes
            .iter()
            .map(String::as_str)
            .zip(self.districts.iter().copied())
    }

    /// (congress with its label, count), ordered by key.
    pub fn congress_entries<'a>(
        &'a self,
        index: &'a FacetIndex,
    ) -> impl Iterator<Item = (&'a CongressInfo, u32)> + 'a {
        index.congresses.iter().zip(self.congresses.iter().copied())
    }

    pub fn tier(&self, t: Tier) -> u32 {
        self.tiers[t as usize]
    }

    pub fn province(&self, index: &FacetIndex, code: &str) -> u32 {
        index
            .province_ids
            .get(code)
            .map_or(0, |i| self.provinces[i as usize])
    }

    pub fn district(&self, index: &FacetIndex, code: &str) -> u32 {
        index
            .district_ids
            .get(code)
            .map_or(0, |i| self.districts[i as usize])
    }

    pub fn congress(&self, index: &FacetIndex, key: &str) -> u32 {
        index
            .congress_ids
            .get(key)
            .map_or(0, |i| self.congresses[i as usize])
    }
}

/// Convenience over [`FacetIndex::apply`] for one-off use; build the index once instead
/// when filtering repeatedly.
pub fn apply(catalog: &Catalog, filter: &Filter) -> Vec<usize> {
    FacetIndex::new(catalog).apply(filter)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{District, Event, Province};
    use proptest::prelude::*;

    fn d(s: &str) -> DateSpec {
        DateSpec::parse(s).unwrap()
    }

    #[test]
    fn code_ids_find_what_was_inserted_in_any_order() {
        let mut ids = CodeIds::default();
        for (code, id) in [("42", 0), ("01", 1), ("99", 2), ("22", 3)] {
            ids.insert(code, id);
        }
        assert_eq!(ids.get("01"), Some(1));
        assert_eq!(ids.get("42"), Some(0));
        assert_eq!(ids.get("22"), Some(3));
        assert_eq!(ids.get("4"), None);
        assert_eq!(ids.get(""), None);
        ids.insert("42", 7);
        assert_eq!((ids.get("42"), ids.0.len()), (Some(7), 4));
        let mut codes = Vec::new();
        let mut interned = CodeIds::default();
        assert_eq!(intern("b", &mut codes, &mut interned), 0);
        assert_eq!(intern("a", &mut codes, &mut interned), 1);
        assert_eq!(intern("b", &mut codes, &mut interned), 0);
        assert_eq!(codes, ["b", "a"]);
    }

    #[test]
    fn tier_sets_behave_as_ordered_sets() {
        let mut set = TierSet::default();
        assert!(set.is_empty());
        assert!(set.insert(Tier::National));
        assert!(set.insert(Tier::Commune));
        assert!(!set.insert(Tier::National), "already in");
        assert_eq!(set.len(), 2);
        assert!(set.contains(&Tier::Commune) && !set.contains(&Tier::District));
        // The order a BTreeSet<Tier> iterates in, whatever the order of insertion.
        let want: BTreeSet<Tier> = [Tier::National, Tier::Commune].into();
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            want.into_iter().collect::<Vec<_>>()
        );
        assert!(set.remove(&Tier::National));
        assert!(!set.remove(&Tier::National), "already out");
        assert_eq!(set, TierSet::from([Tier::Commune]));
        set.extend(Tier::ALL);
        assert_eq!(set.len(), 4);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            BTreeSet::from(Tier::ALL).into_iter().collect::<Vec<_>>()
        );
    }

    fn pd(s: &str) -> PartialDate {
        *d(s).start()
    }

    use crate::fixtures::article;

    fn congress(tier: Tier, unit: &str, ordinal: &str, role: Role) -> Congress {
        Congress {
            tier,
            unit: unit.into(),
            ordinal: Some(ordinal.into()),
            term: Some("2020-2025".into()),
            date: None,
            role,
            locality: None,
        }
    }

    fn gazetteer() -> Vec<Province> {
        let dist = |code: &str, name: &str| District {
            code: code.into(),
            name: name.into(),
            kind: "huyện".into(),
        };
        vec![
            Province {
                code: "01".into(),
                name: "Hà Nội".into(),
                districts: vec![dist("001", "Ba Đình"), dist("002", "Hoàn Kiếm")],
            },
            Province {
                code: "22".into(),
                name: "Quảng Ninh".into(),
                districts: vec![dist("201", "Đầm Hà"), dist("202", "Ba Chẽ")],
            },
            Province {
                code: "42".into(),
                name: "Hà Tĩnh".into(),
                districts: vec![dist("436", "Can Lộc")],
            },
        ]
    }

    fn catalog(articles: Vec<ArticleMeta>) -> Catalog {
        Catalog {
            schema: 1,
            version: "t".into(),
            provinces: gazetteer(),
            articles,
        }
    }

    #[test]
    fn values_the_data_set_does_not_know_are_dropped_and_the_rest_kept() {
        let mut a = article("a", "A");
        a.congresses = vec![congress(
            Tier::District,
            "Đảng bộ huyện Đầm Hà",
            "XXV",
            Role::Subject,
        )];
        let key = a.congresses[0].key();
        let cat = catalog(vec![a]);
        let mut f = Filter::default();
        f.provinces.extend(["22".to_string(), "99".to_string()]);
        f.districts.extend(["201".to_string(), "999".to_string()]);
        f.congresses.extend([key.clone(), "bogus".to_string()]);
        f.tiers.insert(Tier::District);
        f.date = Some(DateRange {
            from: Some(pd("2020-03")),
            to: None,
            basis: DateBasis::Event,
        });
        let known = f.known_only(&cat);
        assert_eq!(known.provinces, BTreeSet::from(["22".to_string()]));
        assert_eq!(known.districts, BTreeSet::from(["201".to_string()]));
        assert_eq!(known.congresses, BTreeSet::from([key]));
        // What is not a code is left as it was.
        assert_eq!((known.tiers, known.date), (f.tiers, f.date));
        // A filter of known values only is unchanged.
        assert_eq!(known.known_only(&cat), known);
    }

    #[test]
    fn a_selection_counts_each_value_and_an_active_range_once() {
        let mut f = Filter::default();
        assert_eq!(f.selection_count(true), 0);
        f.provinces.insert("22".into());
        f.districts.insert("193".into());
        f.tiers.insert(Tier::District);
        assert_eq!(f.selection_count(true), 3);
        // A preset locality is not counted as the reader's choice.
        assert_eq!(f.selection_count(false), 1);
        // A range with no usable bound filters nothing, and is not counted.
        f.date = Some(DateRange {
            from: None,
            to: None,
            basis: DateBasis::Published,
        });
        assert_eq!(f.selection_count(true), 3);
        f.date = Some(DateRange {
            from: Some(pd("2020-03")),
            to: Some(pd("2020-05")),
            basis: DateBasis::Event,
        });
        assert_eq!(f.selection_count(true), 4);
    }

    #[test]
    fn locality_province_includes_its_districts() {
        let mut a = article("a", "A");
        a.province = Some("22".into());
        a.district = Some("201".into());
        let mut b = article("b", "B");
        b.province = Some("22".into());
        let mut c = article("c", "C");
        c.province = Some("01".into());
        c.district = Some("001".into());
        // District only: the province comes from the gazetteer.
        let mut e = article("e", "E");
        e.district = Some("436".into());
        let idx = FacetIndex::new(&catalog(vec![a, b, c, e]));
        let mut f = Filter::default();
        f.provinces.insert("22".into());
        assert_eq!(idx.apply(&f), vec![0, 1]);
        f.districts.insert("001".into());
        assert_eq!(idx.apply(&f), vec![0, 1, 2]);
        let mut g = Filter::default();
        g.provinces.insert("42".into());
        assert_eq!(idx.apply(&g), vec![3]);
        // Unknown codes select nothing rather than everything.
        let mut h = Filter::default();
        h.provinces.insert("99".into());
        assert!(idx.apply(&h).is_empty());
    }

    #[test]
    fn tier_uses_subject_congresses_with_fallback() {
        let mut a = article("a", "A");
        a.congresses = vec![
            congress(Tier::District, "Đảng bộ huyện Đầm Hà", "XXV", Role::Subject),
            congress(
                Tier::National,
                "Đảng Cộng sản Việt Nam",
                "XIII",
                Role::Mentioned,
            ),
        ];
        let mut b = article("b", "B");
        b.congresses = vec![congress(
            Tier::National,
            "Đảng Cộng sản Việt Nam",
            "XIII",
            Role::Mentioned,
        )];
        let c = article("c", "C");
        let idx = FacetIndex::new(&catalog(vec![a, b, c]));
        let mut f = Filter::default();
        f.tiers.insert(Tier::National);
        // a only mentions the national congress; b has no subject, so its mention counts.
        assert_eq!(idx.apply(&f), vec![1]);
        f.tiers.insert(Tier::District);
        assert_eq!(idx.apply(&f), vec![0, 1]);
        let counts = idx.counts(&f);
        assert_eq!(counts.tier(Tier::National), 1);
        assert_eq!(counts.tier(Tier::District), 1);
        assert_eq!(counts.tier(Tier::Commune), 0);
        assert_eq!(idx.congresses().len(), 2);
        assert_eq!(
            idx.congresses()[0].label,
            "Đại hội XXV Đảng bộ huyện Đầm Hà"
        );
    }

    #[test]
    fn partial_dates_overlap_honestly() {
        let may = DateRange {
            from: Some(pd("2020-05-10")),
            to: Some(pd("2020-05-20")),
            basis: DateBasis::Published,
        };
        let mut a = article("a", "A");
        a.published = Some(d("2020-05")); // month only: overlaps, not certainly inside
        let mut b = article("b", "B");
        b.published = Some(d("2020-05-15"));
        let mut c = article("c", "C");
        c.published = Some(d("2020-06-01"));
        let e = article("e", "E"); // undated
        let mut g = article("g", "G");
        g.published = Some(d("--05-15")); // no year
        let cat = catalog(vec![a, b, c, e, g]);
        let idx = FacetIndex::new(&cat);
        let expected = [
            DateMatch::Overlaps,
            DateMatch::Inside,
            DateMatch::Outside,
            DateMatch::Unknown,
            DateMatch::Unknown,
        ];
        for (i, want) in expected.into_iter().enumerate() {
            assert_eq!(idx.date_match(i, &may), want, "{i}");
            assert_eq!(date_match(&cat.articles[i], &may), want, "{i}");
        }
        let f = Filter {
            date: Some(may),
            ..Default::default()
        };
        assert_eq!(idx.apply(&f), vec![0, 1]);
        let counts = idx.counts(&f);
        assert_eq!(counts.undated, 2);
        assert_eq!(counts.matching, 2);
        // A month-wide range holds a month-only date entirely.
        let whole = DateRange {
            from: Some(pd("2020-05")),
            to: Some(pd("2020-05")),
            basis: DateBasis::Published,
        };
        assert_eq!(idx.date_match(0, &whole), DateMatch::Inside);
        // Open-ended ranges.
        let since_june = DateRange {
            from: Some(pd("2020-06")),
            to: None,
            basis: DateBasis::Published,
        };
        assert_eq!(idx.date_match(2, &since_june), DateMatch::Inside);
        assert_eq!(idx.date_match(1, &since_june), DateMatch::Outside);
    }

    #[test]
    fn event_basis_uses_any_event_or_congress_date() {
        let mut a = article("a", "A");
        a.published = Some(d("2020-08-01"));
        a.events = vec![Event {
            date: d("2020-07-29/2020-07-30"),
            what: "khai mạc".into(),
        }];
        let mut b = article("b", "B");
        let mut c = congress(Tier::District, "Đảng bộ huyện Ba Chẽ", "XXI", Role::Subject);
        c.date = Some(d("2020-07"));
        b.congresses = vec![c];
        let idx = FacetIndex::new(&catalog(vec![a, b]));
        let r = DateRange {
            from: Some(pd("2020-07-30")),
            to: Some(pd("2020-07-31")),
            basis: DateBasis::Event,
        };
        assert_eq!(idx.date_match(0, &r), DateMatch::Overlaps);
        assert_eq!(idx.date_match(1, &r), DateMatch::Overlaps);
        let by_pub = DateRange {
            basis: DateBasis::Published,
            ..r
        };
        assert_eq!(idx.date_match(0, &by_pub), DateMatch::Outside);
        assert_eq!(idx.date_match(1, &by_pub), DateMatch::Unknown);
    }

    #[test]
    fn display_date_falls_back_to_events() {
        let mut a = article("a", "A");
        a.published = Some(d("2020-08-01"));
        let mut b = article("b", "B");
        b.events = vec![
            Event {
                date: d("2020-09-02"),
                what: "bế mạc".into(),
            },
            Event {
                date: d("2020-09-01"),
                what: "khai mạc".into(),
            },
        ];
        let mut c = article("c", "C");
        let mut k = congress(Tier::Province, "Đảng bộ tỉnh Hà Tĩnh", "XIX", Role::Subject);
        k.date = Some(d("2020-10"));
        c.congresses = vec![k];
        let e = article("e", "E");
        assert_eq!(
            display_date(&a),
            Some((d("2020-08-01"), DateBasis::Published))
        );
        assert_eq!(display_date(&b), Some((d("2020-09-01"), DateBasis::Event)));
        assert_eq!(display_date(&c), Some((d("2020-10"), DateBasis::Event)));
        assert_eq!(display_date(&e), None);
        let cat = catalog(vec![e, a, b, c]);
        let idx = FacetIndex::new(&cat);
        let mut all: Vec<usize> = (0..4).collect();
        idx.sort(&cat, &mut all, SortOrder::Newest);
        assert_eq!(all, vec![3, 2, 1, 0]);
        idx.sort(&cat, &mut all, SortOrder::Oldest);
        assert_eq!(all, vec![1, 2, 3, 0]);
        assert_eq!(
            idx.apply_sorted(&cat, &Filter::default(), SortOrder::Oldest),
            vec![1, 2, 3, 0]
        );
    }

    #[test]
    fn title_and_locality_sort() {
        let mut arts = vec![
            article("1", "Đảng bộ xã"),
            article("2", "Ấn tượng"),
            article("3", "dân vận"),
            article("4", "An ninh"),
            article("5", "Dân vận"),
        ];
        arts[0].province = Some("42".into());
        arts[1].province = Some("22".into());
        arts[1].district = Some("201".into());
        arts[2].province = Some("22".into());
        arts[4].district = Some("001".into());
        let cat = catalog(arts);
        let idx = FacetIndex::new(&cat);
        let mut all: Vec<usize> = (0..5).collect();
        idx.sort(&cat, &mut all, SortOrder::TitleAz);
        // an ninh, an tuong, dan van ×2 (lower case first: "dân" < "Dân" after lower()
        // ties, the original "Dân" < "dân"), dang bo
        assert_eq!(all, vec![3, 1, 4, 2, 0]);
        idx.sort(&cat, &mut all, SortOrder::Locality);
        // Hà Nội (Ba Đình), Hà Tĩnh, Quảng Ninh (province-level, then Đầm Hà), none.
        assert_eq!(all, vec![4, 0, 2, 1, 3]);
    }

    #[test]
    fn disjunctive_counts_keep_sibling_values() {
        let mut arts = Vec::new();
        for (i, p) in ["01", "01", "22", "42"].iter().enumerate() {
            let mut a = article(&i.to_string(), "x");
            a.province = Some(p.to_string());
            a.congresses = vec![congress(
                if i % 2 == 0 {
                    Tier::Province
                } else {
                    Tier::District
                },
                "u",
                "I",
                Role::Subject,
            )];
            arts.push(a);
        }
        let idx = FacetIndex::new(&catalog(arts));
        let mut f = Filter::default();
        f.provinces.insert("01".into());
        let c = idx.counts(&f);
        assert_eq!(c.province(&idx, "01"), 2);
        assert_eq!(c.province(&idx, "22"), 1);
        assert_eq!(c.province(&idx, "42"), 1);
        assert_eq!(c.tier(Tier::Province), 1);
        assert_eq!(c.tier(Tier::District), 1);
        f.tiers.insert(Tier::Province);
        let c = idx.counts(&f);
        assert_eq!(c.province(&idx, "01"), 1);
        assert_eq!(c.province(&idx, "22"), 1);
        assert_eq!(c.province(&idx, "42"), 0);
        assert_eq!(c.matching, 1);
        let provinces: Vec<(&str, u32)> = c.province_entries(&idx).collect();
        assert_eq!(provinces, [("01", 1), ("22", 1), ("42", 0)]);
        assert_eq!(c.district_entries(&idx).count(), 5);
        let congresses: Vec<(&str, u32)> = c
            .congress_entries(&idx)
            .map(|(info, n)| (info.key.as_str(), n))
            .collect();
        assert_eq!(congresses, [("district|u|I", 0), ("province|u|I", 1)]);
    }

    // ---- property tests over random catalogs ----

    const PROVINCES: [&str; 3] = ["01", "22", "42"];
    const DISTRICTS: [(&str, &str); 5] = [
        ("001", "01"),
        ("002", "01"),
        ("201", "22"),
        ("202", "22"),
        ("436", "42"),
    ];
    const DATES: [&str; 8] = [
        "2020",
        "2020-05",
        "2020-05-15",
        "2020-06-01",
        "2020-07-29/2020-07-30",
        "2020-09",
        "--05-15",
        "2021-01-01T08:00",
    ];

    fn arb_date() -> impl Strategy<Value = Option<DateSpec>> {
        proptest::option::of(proptest::sample::select(&DATES[..]).prop_map(d))
    }

    fn arb_tier() -> impl Strategy<Value = Tier> {
        proptest::sample::select(&Tier::ALL[..])
    }

    fn arb_congress() -> impl Strategy<Value = Congress> {
        (
            arb_tier(),
            0..3usize,
            proptest::sample::select(vec![Role::Subject, Role::Mentioned, Role::Previous]),
            arb_date(),
        )
            .prop_map(|(tier, u, role, date)| {
                let mut c = congress(tier, ["Đảng bộ A", "Đảng bộ B", "Đảng bộ C"][u], "I", role);
                c.date = date;
                c
            })
    }

    fn arb_article() -> impl Strategy<Value = ArticleMeta> {
        (
            0..7usize,
            arb_date(),
            proptest::collection::vec(arb_congress(), 0..3),
            proptest::collection::vec(arb_date(), 0..2),
        )
            .prop_map(|(loc, published, congresses, events)| {
                let mut a = article("", "t");
                match loc {
                    0..=4 => {
                        let (dc, pc) = DISTRICTS[loc];
                        a.district = Some(dc.into());
                        a.province = Some(pc.into());
                    }
                    5 => a.province = Some("42".into()),
                    _ => {}
                }
                a.published = published;
                a.congresses = congresses;
                a.events = events
                    .into_iter()
                    .flatten()
                    .map(|date| Event {
                        date,
                        what: String::new(),
                    })
                    .collect();
                a
            })
    }

    /// Random catalogs whose articles share congresses with differing dates and roles;
    /// also used by the timeline's tests.
    pub(crate) fn arb_catalog() -> impl Strategy<Value = Catalog> {
        proptest::collection::vec(arb_article(), 0..30).prop_map(|mut arts| {
            for (i, a) in arts.iter_mut().enumerate() {
                a.id = format!("{i:03}");
            }
            catalog(arts)
        })
    }

    fn congress_keys() -> Vec<String> {
        let mut keys = Vec::new();
        for t in Tier::ALL {
            for u in ["Đảng bộ A", "Đảng bộ B", "Đảng bộ C"] {
                keys.push(congress(t, u, "I", Role::Subject).key());
            }
        }
        keys.push("unknown|x|".into());
        keys
    }

    fn arb_range() -> impl Strategy<Value = Option<DateRange>> {
        let bound = proptest::option::of(
            proptest::sample::select(vec!["2020-05", "2020-05-15", "2020-06", "2020", "2021"])
                .prop_map(pd),
        );
        proptest::option::of((bound.clone(), bound, proptest::bool::ANY).prop_map(
            |(from, to, ev)| DateRange {
                from,
                to,
                basis: if ev {
                    DateBasis::Event
                } else {
                    DateBasis::Published
                },
            },
        ))
    }

    fn arb_filter() -> impl Strategy<Value = Filter> {
        let codes = |pool: Vec<&'static str>| {
            proptest::collection::btree_set(
                proptest::sample::select(pool).prop_map(String::from),
                0..3,
            )
        };
        (
            codes(vec!["01", "22", "42", "99"]),
            codes(vec!["001", "002", "201", "202", "436", "999"]),
            proptest::collection::btree_set(arb_tier(), 0..3),
            proptest::collection::btree_set(proptest::sample::select(congress_keys()), 0..3),
            arb_range(),
        )
            .prop_map(|(provinces, districts, tiers, congresses, date)| Filter {
                provinces,
                districts,
                tiers: tiers.into_iter().collect(),
                congresses,
                date,
            })
    }

    /// The semantics written out directly on the model, to check the index against.
    fn reference(cat: &Catalog, a: &ArticleMeta, f: &Filter) -> bool {
        let province = a.province.clone().or_else(|| {
            a.district
                .as_deref()
                .and_then(|d| cat.district(d))
                .map(|(p, _)| p.code.clone())
        });
        let loc = (f.provinces.is_empty() && f.districts.is_empty())
            || province.is_some_and(|p| f.provinces.contains(&p))
            || a.district.as_ref().is_some_and(|d| f.districts.contains(d));
        let tier = f.tiers.is_empty() || primary_congresses(a).any(|c| f.tiers.contains(&c.tier));
        let cong = f.congresses.is_empty()
            || primary_congresses(a).any(|c| f.congresses.contains(&c.key()));
        let date = match f.date.filter(|r| r.is_active()) {
            None => true,
            Some(r) => date_match(a, &r).is_match(),
        };
        loc && tier && cong && date
    }

    proptest! {
        #[test]
        fn index_agrees_with_reference(cat in arb_catalog(), f in arb_filter()) {
            let idx = FacetIndex::new(&cat);
            let want: Vec<usize> = (0..cat.articles.len())
                .filter(|&i| reference(&cat, &cat.articles[i], &f))
                .collect();
            prop_assert_eq!(idx.apply(&f), want.clone());
            prop_assert_eq!(idx.counts(&f).matching as usize, want.len());
            // The congress facet: every primary congress once, in key order.
            let mut keys: Vec<String> = cat
                .articles
                .iter()
                .flat_map(primary_congresses)
                .map(Congress::key)
                .collect();
            keys.sort();
            keys.dedup();
            let listed: Vec<String> = idx.congresses().iter().map(|c| c.key.clone()).collect();
            prop_assert_eq!(listed, keys);
            for order in SortOrder::ALL {
                let mut sorted = want.clone();
                idx.sort(&cat, &mut sorted, order);
                prop_assert_eq!(idx.apply_sorted(&cat, &f, order), sorted);
            }
            if f.date.is_some_and(|r| r.is_active()) {
                for i in idx.apply(&f) {
                    prop_assert!(display_date(&cat.articles[i]).is_some());
                }
            }
        }

        #[test]
        fn counts_agree_with_the_list(cat in arb_catalog(), f in arb_filter()) {
            let idx = FacetIndex::new(&cat);
            let counts = idx.counts(&f);
            let len = idx.apply(&f).len() as u32;
            // Provinces are mutually exclusive per article: with only provinces selected
            // in the locality facet, the list is the sum of their counts.
            if !f.provinces.is_empty() && f.districts.is_empty() {
                let sum: u32 = f.provinces.iter().map(|p| counts.province(&idx, p)).sum();
                prop_assert_eq!(sum, len);
            }
            if !f.tiers.is_empty() {
                let sum: u32 = f.tiers.iter().map(|t| counts.tier(t)).sum();
                prop_assert!(sum >= len);
            }
            if !f.congresses.is_empty() {
                let sum: u32 = f.congresses.iter().map(|k| counts.congress(&idx, k)).sum();
                prop_assert!(sum >= len);
            }
        }

        #[test]
        fn count_is_the_length_of_selecting_only_that_value(cat in arb_catalog(), f in arb_filter()) {
            let idx = FacetIndex::new(&cat);
            let counts = idx.counts(&f);
            for p in PROVINCES {
                let mut g = f.clone();
                g.provinces = [p.to_string()].into();
                g.districts.clear();
                prop_assert_eq!(counts.province(&idx, p) as usize, idx.apply(&g).len(), "province {}", p);
            }
            for (dc, _) in DISTRICTS {
                let mut g = f.clone();
                g.provinces.clear();
                g.districts = [dc.to_string()].into();
                prop_assert_eq!(counts.district(&idx, dc) as usize, idx.apply(&g).len(), "district {}", dc);
            }
            for t in Tier::ALL {
                let mut g = f.clone();
                g.tiers = [t].into();
                prop_assert_eq!(counts.tier(t) as usize, idx.apply(&g).len());
            }
            for info in idx.congresses() {
                let mut g = f.clone();
                g.congresses = [info.key.clone()].into();
                prop_assert_eq!(counts.congress(&idx, &info.key) as usize, idx.apply(&g).len());
            }
            let mut no_date = f.clone();
            no_date.date = None;
            let basis = f.date.map(|r| r.basis).unwrap_or_default();
            let probe = DateRange { from: None, to: None, basis };
            let undated = idx
                .apply(&no_date)
                .into_iter()
                .filter(|&i| idx.date_match(i, &probe) == DateMatch::Unknown)
                .count();
            prop_assert_eq!(counts.undated as usize, undated);
        }

        #[test]
        fn adding_a_value_never_shrinks(cat in arb_catalog(), f in arb_filter(), which in 0..4usize, pick in 0..6usize) {
            let idx = FacetIndex::new(&cat);
            let before = idx.apply(&f);
            let mut g = f.clone();
            let was_empty = match which {
                0 => { let e = g.provinces.is_empty(); g.provinces.insert(PROVINCES[pick % 3].into()); e }
                1 => { let e = g.districts.is_empty() && g.provinces.is_empty(); g.districts.insert(DISTRICTS[pick % 5].0.into()); e }
                2 => { let e = g.tiers.is_empty(); g.tiers.insert(Tier::ALL[pick % 4]); e }
                _ => { let e = g.congresses.is_empty(); g.congresses.insert(congress_keys()[pick].clone()); e }
            };
            // Adding the first value activates a facet, which may of course narrow the
            // list; any further value only widens it.
            if !was_empty {
                let after = idx.apply(&g);
                prop_assert!(before.iter().all(|i| after.contains(i)));
            }
        }
    }
}
