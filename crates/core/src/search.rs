//! Full-text search over titles and bodies with a static, sharded index.
//!
//! The ingest tool builds an inverted index with [`IndexBuilder`] and writes it as JSON
//! shards, one per [`shard_key`] (the folded term's first character). While the reader
//! types, the app fetches only [`shards_needed`] for the query, inserts them into a
//! [`LoadedIndex`], and calls [`search_ranked`] for as much of the ranking as it shows (a
//! list page). Nothing is fetched for terms never typed, and the whole index never has to be
//! downloaded (or kept in memory) at once.
//!
//! Terms are stored *folded* (lower case, no diacritics), so "dai hoi dang" finds
//! "Đại hội Đảng". Under each folded term the index keeps every exact lower-case spelling
//! seen ("tỉnh", "tình", "tính" under "tinh"), so a query typed with diacritics can rank
//! documents with that exact spelling first while still finding the others.
//!
//! Semantics of a query:
//! - Words are AND-ed. The last word is a prefix while the reader is still typing it
//!   ([`Query::prefix_last`]), so "dai ho" already finds "hội".
//! - A word that matches nothing in the index is reported in
//!   [`SearchOutcome::unmatched`] and left out of the AND: the results are those of the
//!   remaining words, and the app says which word found nothing ("không tìm thấy: …").
//!   A mistyped word thus never empties an otherwise good result list silently, nor is it
//!   silently ignored. When every word is unmatched there are no hits.
//! - Ranking, from strongest to weakest signal: all matched words as a consecutive phrase
//!   (in a title above in a body); number of adjacent word pairs; number of words matched
//!   with the exact diacritics typed; number of words found in the title; number of
//!   occurrences; then document id, for a stable order.
//!
//! Text is expected in NFC (the ingest tool normalises bodies, the app normalises input);
//! folding is NFC/NFD-agnostic anyway, only the exact-spelling bonus needs NFC.

use std::collections::{BTreeMap, BinaryHeap};
use std::ops::Bound;

use serde::{Deserialize, Serialize};

use crate::text::{fold, fold_into, has_diacritics, lower, tokens};

/// Version of the shard format.
pub const SHARD_SCHEMA: u32 = 1;

/// Which part of a document a word occurs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title = 0,
    Body = 1,
}

/// Occurrences of one spelling of a term in one field of one document.
///
/// On the wire a posting is the array `[doc, field, [positions…]]` with positions
/// delta-encoded (first absolute, then gaps), which keeps the numbers small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "PostingWire", try_from = "PostingWire")]
pub struct Posting {
    pub doc: u32,
    pub field: Field,
    /// Word positions within the field, delta-encoded.
    deltas: Vec<u32>,
}

type PostingWire = (u32, u8, Vec<u32>);

impl From<Posting> for PostingWire {
    fn from(p: Posting) -> PostingWire {
        (p.doc, p.field as u8, p.deltas)
    }
}

impl TryFrom<PostingWire> for Posting {
    type Error = String;

    fn try_from((doc, field, deltas): PostingWire) -> Result<Posting, String> {
        let field = match field {
            0 => Field::Title,
            1 => Field::Body,
            f => return Err(format!("unknown field {f}")),
        };
        Ok(Posting { doc, field, deltas })
    }
}

impl Posting {
    /// Builds a posting from ascending absolute positions.
    pub fn new(doc: u32, field: Field, positions: &[u32]) -> Posting {
        let mut prev = 0;
        let deltas = positions
            .iter()
            .map(|&p| {
                let d = p - prev;
                prev = p;
                d
            })
            .collect();
        Posting { doc, field, deltas }
    }

    /// Absolute word positions, ascending.
    pub fn positions(&self) -> impl Iterator<Item = u32> + '_ {
        self.deltas.iter().scan(0u32, |acc, &d| {
            *acc += d;
            Some(*acc)
        })
    }

    /// Number of occurrences.
    pub fn len(&self) -> usize {
        self.deltas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.deltas.is_empty()
    }
}

/// Spellings of one folded term and their postings. The key `""` stands for the folded
/// term itself (the spelling without diacritics), which saves repeating it.
pub type Variants = BTreeMap<String, Vec<Posting>>;

/// One file of the index: all terms whose folded form has the same [`shard_key`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    #[serde(rename = "v")]
    pub schema: u32,
    /// Folded term → spelling → postings sorted by (doc, field).
    #[serde(rename = "t")]
    pub terms: BTreeMap<String, Variants>,
}

/// The shard a folded term lives in: its first character when that is an ASCII letter,
/// `"0"` for all digits, `"_"` for anything else (letters of other scripts).
pub fn shard_key(folded_term: &str) -> String {
    match folded_term.chars().next() {
        Some(c) if c.is_ascii_lowercase() => c.to_string(),
        Some(c) if c.is_ascii_digit() => "0".to_string(),
        _ => "_".to_string(),
    }
}

/// Every key [`shard_key`] can return. [`IndexBuilder::finish`] writes a shard for each,
/// empty or not, so the app never has to tell "no such shard" from "not fetched yet".
pub const ALL_SHARD_KEYS: [&str; 28] = [
    "0", "_", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q",
    "r", "s", "t", "u", "v", "w", "x", "y", "z",
];

/// Exact lower spelling → (doc, field) → absolute positions, while building.
type SpellingPositions = BTreeMap<String, BTreeMap<(u32, Field), Vec<u32>>>;

/// Builds the index at ingest time.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    /// Folded term → its spellings.
    terms: BTreeMap<String, SpellingPositions>,
}

impl IndexBuilder {
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// Indexes one document. Positions are word counts within the field; between body
    /// paragraphs one position is skipped so that a phrase never spans two paragraphs.
    pub fn add(&mut self, doc: u32, title: &str, body: &[String]) {
        self.add_field(doc, Field::Title, std::iter::once(title));
        self.add_field(doc, Field::Body, body.iter().map(String::as_str));
    }

    fn add_field<'a>(&mut self, doc: u32, field: Field, paragraphs: impl Iterator<Item = &'a str>) {
        let mut pos = 0u32;
        for (i, para) in paragraphs.enumerate() {
            if i > 0 {
                pos += 1;
            }
            for (_, _, word) in tokens(para) {
                let folded = fold(word);
                if folded.is_empty() {
                    continue;
                }
                let exact = lower(word);
                let spelling = if exact == folded {
                    String::new()
                } else {
                    exact
                };
                self.terms
                    .entry(folded)
                    .or_default()
                    .entry(spelling)
                    .or_default()
                    .entry((doc, field))
                    .or_default()
                    .push(pos);
                pos += 1;
            }
        }
    }

    /// One shard for each of [`ALL_SHARD_KEYS`], ordered by key. Output depends only on
    /// what was added, not on the order documents were added in.
    pub fn finish(self) -> Vec<(String, Shard)> {
        let mut shards: BTreeMap<String, Shard> = ALL_SHARD_KEYS
            .iter()
            .map(|k| {
                (
                    k.to_string(),
                    Shard {
                        schema: SHARD_SCHEMA,
                        terms: BTreeMap::new(),
                    },
                )
            })
            .collect();
        for (term, spellings) in self.terms {
            let variants: Variants = spellings
                .into_iter()
                .map(|(spelling, docs)| {
                    let postings = docs
                        .into_iter()
                        .map(|((doc, field), mut positions)| {
                            positions.sort_unstable();
                            Posting::new(doc, field, &positions)
                        })
                        .collect();
                    (spelling, postings)
                })
                .collect();
            shards
                .entry(shard_key(&term))
                .or_insert_with(|| Shard {
                    schema: SHARD_SCHEMA,
                    terms: BTreeMap::new(),
                })
                .terms
                .insert(term, variants);
        }
        shards.into_iter().collect()
    }
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// As typed.
    pub text: String,
    pub folded: String,
    /// Lower case with diacritics, only when the reader typed any: then documents with
    /// this exact spelling rank first.
    pub exact: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<QueryWord>,
    /// Treat the last word as a prefix (the reader is still typing it).
    pub prefix_last: bool,
}

impl Query {
    /// Splits input into words. The last word is a prefix unless the input ends with a
    /// separator (a space after the word means the reader finished it).
    pub fn parse(input: &str) -> Query {
        let mut words = Vec::new();
        let mut last_end = 0;
        for (_, end, word) in tokens(input) {
            let folded = fold(word);
            if folded.is_empty() {
                continue;
            }
            last_end = end;
            words.push(QueryWord {
                text: word.to_string(),
                exact: has_diacritics(word).then(|| lower(word)),
                folded,
            });
        }
        let prefix_last = !words.is_empty() && last_end == input.len();
        Query { words, prefix_last }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn is_prefix(&self, i: usize) -> bool {
        self.prefix_last && i + 1 == self.words.len()
    }
}

/// Shard keys the query's words need, sorted and without repeats.
pub fn shards_needed(query: &Query) -> Vec<String> {
    let mut keys: Vec<String> = query.words.iter().map(|w| shard_key(&w.folded)).collect();
    crate::sort::sort_items(&mut keys, &|a, b| a.cmp(b));
    keys.dedup();
    keys
}

/// The shards fetched so far.
#[derive(Debug, Clone, Default)]
pub struct LoadedIndex {
    shards: BTreeMap<String, Shard>,
    /// Per letter shard, "a" to "z" in order, what its one-letter prefix matches (see
    /// [`LetterStats`]).
    letters: Vec<Option<LetterStats>>,
}

/// Where a letter shard's [`LetterStats`] are kept; `None` for the other shards.
fn letter_slot(key: &str) -> Option<usize> {
    match key.as_bytes() {
        &[b] if b.is_ascii_lowercase() => Some(usize::from(b - b'a')),
        _ => None,
    }
}

/// A one-letter prefix (the first keystroke of every word) matches every term of its
/// letter's shard, hundreds of thousands of postings: their signals per document are
/// counted once, when the shard arrives, instead of on each such keystroke.
#[derive(Debug, Clone)]
struct LetterStats {
    /// Per document, every spelling counted, none taken as the one typed.
    stats: Vec<DocStats>,
    /// The first letters the shard's spellings with diacritics start with ("đ", "á", …).
    firsts: Vec<char>,
    /// Per document, which of `firsts` its spellings start with, one bit each.
    firsts_in: Vec<u32>,
}

impl LetterStats {
    /// `None` for a shard with more first letters than bits.
    fn of(shard: &Shard) -> Option<LetterStats> {
        let mut out = LetterStats {
            stats: Vec::new(),
            firsts: Vec::new(),
            firsts_in: Vec::new(),
        };
        for (spelling, postings) in shard.terms.values().flat_map(|v| v.iter()) {
            let bit = match spelling.chars().next() {
                None => 0,
                Some(c) => {
                    let i = match out.firsts.iter().position(|&f| f == c) {
                        Some(i) => i,
                        None if out.firsts.len() < 32 => {
                            out.firsts.push(c);
                            out.firsts.len() - 1
                        }
                        None => return None,
                    };
                    1u32 << i
                }
            };
            for p in postings.iter().filter(|p| !p.is_empty()) {
                let d = p.doc as usize;
                if d >= out.stats.len() {
                    out.stats.resize(d + 1, DocStats::default());
                    out.firsts_in.resize(d + 1, 0);
                }
                // None is taken as typed here; `exact_bits` picks the typed letter's bit.
                out.stats[d].count(p, false);
                out.firsts_in[d] |= bit;
            }
        }
        Some(out)
    }

    /// The bits of `firsts_in` that mean "spelled as typed" for the one letter `exact`.
    fn exact_bits(&self, exact: Option<&str>) -> u32 {
        let mut typed = exact.into_iter().flat_map(str::chars);
        match (typed.next(), typed.next()) {
            (Some(c), None) => self
                .firsts
                .iter()
                .position(|&f| f == c)
                .map_or(0, |i| 1 << i),
            _ => 0,
        }
    }
}

impl LoadedIndex {
    pub fn new() -> LoadedIndex {
        LoadedIndex::default()
    }

    pub fn insert(&mut self, key: String, shard: Shard) {
        if let Some(slot) = letter_slot(&key) {
            if self.letters.len() <= slot {
                self.letters.resize_with(slot + 1, || None);
            }
            self.letters[slot] = LetterStats::of(&shard);
        }
        self.shards.insert(key, shard);
    }

    /// The letter shard `key`'s [`LetterStats`], once it is loaded.
    fn letter(&self, key: &str) -> Option<&LetterStats> {
        self.letters.get(letter_slot(key)?)?.as_ref()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.shards.contains_key(key)
    }

    /// Keys the query needs that are not loaded yet.
    pub fn missing(&self, query: &Query) -> Vec<String> {
        shards_needed(query)
            .into_iter()
            .filter(|k| !self.contains(k))
            .collect()
    }
}

impl FromIterator<(String, Shard)> for LoadedIndex {
    fn from_iter<I: IntoIterator<Item = (String, Shard)>>(iter: I) -> LoadedIndex {
        let mut index = LoadedIndex::new();
        for (key, shard) in iter {
            index.insert(key, shard);
        }
        index
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    /// Higher ranks first. Comparable only within one search.
    pub score: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchOutcome {
    /// Best first.
    pub hits: Vec<Hit>,
    /// Query words (as typed) that match nothing in the index; left out of the AND.
    pub unmatched: Vec<String>,
    /// Query words (as typed) whose shard is not loaded yet: neither matched nor
    /// reported unmatched. Empty once [`LoadedIndex::missing`] has been fetched.
    pub pending: Vec<String>,
}

/// One occurrence of a query word, packed into one integer so that sorting and binary
/// search over tens of thousands of them per keystroke stay cheap. From the high bits:
/// doc (32), field (1), position (30), and a last bit that is 0 for an exact-spelling
/// match, so sorting groups by document, then field, then position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Occ(u64);

/// Positions beyond this (a body of a billion words) are clamped.
const MAX_POS: u32 = (1 << 30) - 1;

impl Occ {
    #[inline]
    fn new(doc: u32, field: Field, pos: u32, exact: bool) -> Occ {
        Occ(site(doc, field, pos) << 1 | u64::from(!exact))
    }

    #[inline]
    fn field(self) -> Field {
        if self.0 >> 31 & 1 == 0 {
            Field::Title
        } else {
            Field::Body
        }
    }

    /// The (doc, field, position) part, without the exact bit.
    #[inline]
    fn site(self) -> u64 {
        self.0 >> 1
    }

    /// The position within the field (clamped at [`MAX_POS`]).
    #[inline]
    fn pos(self) -> u32 {
        (self.site() & u64::from(MAX_POS)) as u32
    }
}

#[inline]
fn site(doc: u32, field: Field, pos: u32) -> u64 {
    u64::from(doc) << 31 | (field as u64) << 30 | u64::from(pos.min(MAX_POS))
}

struct WordMatch<'a> {
    /// Index of the word in the query.
    word: usize,
    /// How many postings the terms have: the rarest word is counted first.
    posting_count: usize,
    /// Per document, counted over all occurrences: the ranking's per-word signals.
    stats: Vec<DocStats>,
    /// Each spelling's postings (sorted by document), with whether it is the one typed.
    lists: Vec<(&'a [Posting], bool)>,
    /// Once looking postings up list by list has cost more than a pass over them (a short
    /// prefix has hundreds of spellings): the postings copied out by document, so one
    /// document's are found at once and read in one place.
    by_doc: Option<Buckets>,
    /// For a one-letter prefix: its letter's signals, counted when the shard arrived, and
    /// the bits that mean "spelled as typed".
    letter: Option<(&'a LetterStats, u32)>,
}

/// Postings copied out by document, positions decoded: reading a document then walks two
/// short runs of memory instead of following a pointer per posting to its own positions (a
/// short prefix has a hundred postings in a document, each a cache miss apart).
#[derive(Default)]
struct Buckets {
    /// Document `d`'s postings are `postings[starts[d]..starts[d + 1]]`.
    starts: Vec<usize>,
    postings: Vec<BucketPosting>,
    /// Absolute positions, each posting's `len` from its `from`.
    positions: Vec<u32>,
}

#[derive(Clone, Copy)]
struct BucketPosting {
    field: Field,
    /// Whether its spelling is the one typed.
    exact: bool,
    from: u32,
    len: u32,
}

/// One word's signals in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct DocStats {
    occurrences: u32,
    in_title: bool,
    in_body: bool,
    exact: bool,
}

impl DocStats {
    /// Counts one posting in (`exact`: whether its spelling is the one typed).
    #[inline]
    fn count(&mut self, p: &Posting, exact: bool) {
        self.occurrences += p.len() as u32;
        self.in_title |= p.field == Field::Title;
        self.in_body |= p.field == Field::Body;
        self.exact |= exact;
    }
}

/// A word's postings are bucketed by document (a pass over them all) once the steps of
/// looking them up in each spelling's list, for every document read, outnumber them by this.
const BUCKET_AFTER: usize = 1;

impl<'a> WordMatch<'a> {
    fn new(query: &Query, word: usize, terms: &[&'a Variants]) -> WordMatch<'a> {
        let w = &query.words[word];
        let prefix = query.is_prefix(word);
        let lists: Vec<(&[Posting], bool)> = terms
            .iter()
            .flat_map(|variants| variants.iter())
            .map(|(spelling, postings)| {
                let exact = match &w.exact {
                    Some(e) if !spelling.is_empty() => {
                        if prefix {
                            spelling.starts_with(e.as_str())
                        } else {
                            spelling == e
                        }
                    }
                    _ => false,
                };
                (postings.as_slice(), exact)
            })
            .collect();
        WordMatch {
            word,
            posting_count: lists.iter().map(|(l, _)| l.len()).sum(),
            stats: Vec::new(),
            lists,
            by_doc: None,
            letter: None,
        }
    }

    /// Every non-empty posting of the word's terms, with whether its spelling is the one
    /// typed (a prefix of it while the word is being typed).
    fn postings(&self) -> impl Iterator<Item = (&'a Posting, bool)> + '_ {
        self.lists.iter().flat_map(|&(list, exact)| {
            list.iter()
                .filter(|p| !p.is_empty())
                .map(move |p| (p, exact))
        })
    }

    /// The word's signals per document, in the documents `within` counts (all when `None`).
    fn doc_stats(&self, within: Option<&[DocStats]>) -> Vec<DocStats> {
        if let Some((letter, exact_bits)) = self.letter {
            let len = within.map_or(letter.stats.len(), <[DocStats]>::len);
            return (0..len)
                .map(|d| match letter.stats.get(d) {
                    Some(&st) if within.is_none_or(|w| w[d].occurrences > 0) => DocStats {
                        exact: letter.firsts_in[d] & exact_bits != 0,
                        ..st
                    },
                    _ => DocStats::default(),
                })
                .collect();
        }
        // Sized once (each list is sorted by document, so its last is its highest): this
        // loop runs over every posting of a short prefix, hundreds of thousands.
        let len = match within {
            Some(w) => w.len(),
            None => self
                .lists
                .iter()
                .filter_map(|(l, _)| l.last())
                .map(|p| p.doc as usize + 1)
                .max()
                .unwrap_or(0),
        };
        let mut stats = vec![DocStats::default(); len];
        for &(list, exact) in &self.lists {
            for p in list {
                let d = p.doc as usize;
                if d >= len || within.is_some_and(|w| w[d].occurrences == 0) || p.is_empty() {
                    continue;
                }
                stats[d].count(p, exact);
            }
        }
        stats
    }

    /// Buckets the postings of the documents `keep` marks.
    fn bucket(&mut self, keep: &[bool]) {
        let kept = |p: &Posting| keep.get(p.doc as usize).copied().unwrap_or(false);
        // Counted first (the lengths are beside each posting), then copied into place.
        let mut starts = vec![0usize; keep.len() + 1];
        let mut position_starts = vec![0usize; keep.len() + 1];
        for (p, _) in self.postings().filter(|(p, _)| kept(p)) {
            starts[p.doc as usize + 1] += 1;
            position_starts[p.doc as usize + 1] += p.len();
        }
        for d in 0..keep.len() {
            starts[d + 1] += starts[d];
            position_starts[d + 1] += position_starts[d];
        }
        let mut fill = starts.clone();
        let mut fill_positions = position_starts;
        let empty = BucketPosting {
            field: Field::Title,
            exact: false,
            from: 0,
            len: 0,
        };
        let mut postings = vec![empty; starts[keep.len()]];
        let mut positions = vec![0u32; fill_positions[keep.len()]];
        for (p, exact) in self.postings().filter(|(p, _)| kept(p)) {
            let d = p.doc as usize;
            let from = fill_positions[d];
            for (slot, pos) in positions[from..from + p.len()]
                .iter_mut()
                .zip(p.positions())
            {
                *slot = pos;
            }
            fill_positions[d] += p.len();
            postings[fill[d]] = BucketPosting {
                field: p.field,
                exact,
                from: from as u32,
                len: p.len() as u32,
            };
            fill[d] += 1;
        }
        self.by_doc = Some(Buckets {
            starts,
            postings,
            positions,
        });
    }

    /// The word's occurrences in `doc`, in order, into `out`: in its `field` only, if
    /// given, and with `near`, only those next to one of the neighbours' positions.
    ///
    /// With neighbours, each field's positions next to one of theirs are found by one walk
    /// along both ascending lists: a short prefix after a word ("Đầm H") has a hundred
    /// postings in a document, of which a few are next to the word, and a field the
    /// neighbours are not in is skipped without decoding.
    fn occurrences_in(
        &self,
        doc: u32,
        field: Option<Field>,
        near: Option<&NearPositions>,
        out: &mut Vec<Occ>,
    ) {
        out.clear();
        let wanted = |f: Field| field.is_none_or(|w| w == f);
        match &self.by_doc {
            Some(b) => {
                let d = doc as usize;
                for p in &b.postings[b.starts[d]..b.starts[d + 1]] {
                    if wanted(p.field) {
                        let from = p.from as usize;
                        let positions = b.positions[from..from + p.len as usize].iter().copied();
                        push_occurrences(near, doc, p.field, positions, p.exact, out);
                    }
                }
            }
            None => {
                for &(list, exact) in &self.lists {
                    let from = list.partition_point(|p| p.doc < doc);
                    for p in list[from..].iter().take_while(|p| p.doc == doc) {
                        if wanted(p.field) {
                            push_occurrences(near, doc, p.field, p.positions(), exact, out);
                        }
                    }
                }
            }
        }
        out.sort_unstable();
    }

    fn stats_of(&self, doc: u32) -> DocStats {
        self.stats.get(doc as usize).copied().unwrap_or_default()
    }
}

/// Pushes the occurrences at `positions` (ascending) onto `out`: all of them, or with `near`,
/// those next to a neighbour's.
#[inline]
fn push_occurrences(
    near: Option<&NearPositions>,
    doc: u32,
    field: Field,
    positions: impl Iterator<Item = u32>,
    exact: bool,
    out: &mut Vec<Occ>,
) {
    match near {
        None => out.extend(positions.map(|pos| Occ::new(doc, field, pos, exact))),
        Some(n) => n.next_to(field, positions, |pos| {
            out.push(Occ::new(doc, field, pos, exact))
        }),
    }
}

/// True when `occs` (sorted) has an occurrence `k` positions after `o`, in the same field.
#[inline]
fn has_after(occs: &[Occ], o: Occ, k: u32) -> bool {
    let target = o.site() + u64::from(k);
    // Only within the same field: a position past MAX_POS would spill into the next.
    target >> 30 == o.site() >> 30 && occs.binary_search_by(|x| x.site().cmp(&target)).is_ok()
}

/// The positions of a document's neighbouring words' occurrences, per field, ascending and
/// without repeats: what [`WordMatch::occurrences_in`] keeps a word's occurrences next to.
/// One is refilled for every word read, so the vectors are allocated once per search.
#[derive(Default)]
struct NearPositions {
    by_field: [Vec<u32>; 2],
}

impl NearPositions {
    /// Holds the positions of `neighbours`' occurrences from now on.
    fn fill<'o>(&mut self, neighbours: impl Iterator<Item = &'o [Occ]>) {
        for positions in &mut self.by_field {
            positions.clear();
        }
        for o in neighbours.flatten() {
            self.by_field[o.field() as usize].push(o.pos());
        }
        for positions in &mut self.by_field {
            // A few positions: the crate's one sort over u32 (no sort of its own in the wasm).
            crate::sort::sort_u32(positions, &|a, b| a.cmp(&b));
            positions.dedup();
        }
    }

    /// Calls `keep` with each of `positions` (ascending, in `field`) that is just before or
    /// just after one of the neighbours' positions in that field, in order.
    #[inline]
    fn next_to(
        &self,
        field: Field,
        positions: impl Iterator<Item = u32>,
        mut keep: impl FnMut(u32),
    ) {
        let near = &self.by_field[field as usize];
        let Some(&last) = near.last() else {
            return;
        };
        let mut j = 0;
        for pos in positions {
            // Positions clamp at MAX_POS (see `site`); no body is that long, but the rule
            // stays that of the sites: compare what `site` would.
            let (before, after) = ((pos.max(1) - 1).min(MAX_POS), (pos + 1).min(MAX_POS));
            if before > last {
                break;
            }
            while near[j] < before {
                j += 1;
            }
            // near[j] is the first at or after `before`: it, or the one after it when it is
            // `pos` itself, is the only one that can be `after`.
            let hit = (pos > 0 && near[j] == before)
                || near[j] == after
                || near.get(j + 1) == Some(&after);
            if hit {
                keep(pos);
            }
        }
    }
}

const CAP: u32 = 99;

/// How much of the ranking a caller needs. A list shows a page of hits, after its
/// filters: only those need their exact places, and finding them costs far less than
/// ranking every hit of a common word (thousands of documents, each read position by
/// position).
#[derive(Debug, Clone, Copy)]
pub struct Ranking<'a> {
    /// How many of the best hits must be in their exact order.
    pub depth: usize,
    /// The documents (by catalog index) that `depth` counts; every document when `None`.
    pub among: Option<&'a [bool]>,
}

impl Ranking<'_> {
    /// Every hit in its exact order.
    pub const ALL: Ranking<'static> = Ranking {
        depth: usize::MAX,
        among: None,
    };

    /// Whether `doc` is among the documents `depth` counts.
    fn counts(&self, doc: u32) -> bool {
        self.among
            .is_none_or(|a| a.get(doc as usize).copied().unwrap_or(false))
    }
}

/// Runs a query over the loaded shards, ranking every hit. See the module docs.
pub fn search(index: &LoadedIndex, query: &Query) -> SearchOutcome {
    search_ranked(index, query, Ranking::ALL)
}

/// [`search`], but only as much of the ranking as `ranking` asks for: among the documents
/// it names, the first `depth` hits are the best in their exact order, as [`search`] would
/// give them. The other hits follow, in an order that is fixed but not a ranking.
pub fn search_ranked(index: &LoadedIndex, query: &Query, ranking: Ranking) -> SearchOutcome {
    let mut out = SearchOutcome::default();
    let matches = match_words(index, query, &mut out);
    out.hits = match matches.as_slice() {
        [] => Vec::new(),
        [only] => single_word_hits(query, only, ranking),
        _ => ranked_hits(query, matches, ranking),
    };
    out
}

/// The terms each query word matches; words unmatched or not loaded go into `out`.
fn match_words<'a>(
    index: &'a LoadedIndex,
    query: &Query,
    out: &mut SearchOutcome,
) -> Vec<WordMatch<'a>> {
    let mut matches: Vec<WordMatch> = Vec::new();
    for (i, w) in query.words.iter().enumerate() {
        let Some(shard) = index.shards.get(&shard_key(&w.folded)) else {
            out.pending.push(w.text.clone());
            continue;
        };
        let terms: Vec<&Variants> = if query.is_prefix(i) {
            shard
                .terms
                .range::<str, _>((Bound::Included(w.folded.as_str()), Bound::Unbounded))
                .take_while(|(t, _)| t.starts_with(w.folded.as_str()))
                .map(|(_, v)| v)
                .collect()
        } else {
            shard.terms.get(w.folded.as_str()).into_iter().collect()
        };
        if terms.is_empty() {
            out.unmatched.push(w.text.clone());
            continue;
        }
        let mut m = WordMatch::new(query, i, &terms);
        // A one-letter prefix matches its whole shard: the signals counted on arrival.
        if query.is_prefix(i) && shard_key(&w.folded) == w.folded {
            m.letter = index
                .letter(&w.folded)
                .map(|l| (l, l.exact_bits(w.exact.as_deref())));
        }
        matches.push(m);
    }
    matches
}

/// A hit ordered so that the better one is the greater: a max-heap pops the best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Best(Hit);

impl Ord for Best {
    fn cmp(&self, other: &Best) -> std::cmp::Ordering {
        best_first(&other.0, &self.0)
    }
}

impl PartialOrd for Best {
    fn partial_cmp(&self, other: &Best) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Hits of two or more matched words, the best `ranking.depth` of them ranked by every
/// signal (see the module docs).
///
/// The documents are those that every word's postings share, counted rarest word first
/// (no positions read). Each gets an upper bound of its score: its counted signals are
/// exact, and the phrase and pair parts are taken as high as they could be. Documents are
/// then read position by position in the order of their bounds, and a read document takes
/// its place as soon as its score beats the next bound: no unread document can rank above
/// it. A page of a common query reads a few dozen documents, not every one.
fn ranked_hits(query: &Query, mut matches: Vec<WordMatch>, ranking: Ranking) -> Vec<Hit> {
    let mut order: Vec<usize> = (0..matches.len()).collect();
    crate::sort::sort_usize(&mut order, &|a, b| {
        (matches[a].posting_count, a).cmp(&(matches[b].posting_count, b))
    });
    // Each word is counted in the documents of the one before it, which holds every
    // rarer word; the last one's documents are the hits.
    let mut previous: Option<usize> = None;
    for &m in &order {
        let within = previous.map(|p| matches[p].stats.as_slice());
        let stats = matches[m].doc_stats(within);
        if stats.iter().all(|st| st.occurrences == 0) {
            return Vec::new();
        }
        matches[m].stats = stats;
        previous = Some(m);
    }
    let hits: Vec<bool> = previous
        .map(|p| {
            matches[p]
                .stats
                .iter()
                .map(|st| st.occurrences > 0)
                .collect()
        })
        .unwrap_or_default();
    // The documents that may be read, for bucketing.
    let readable: Vec<bool> = (0..hits.len() as u32)
        .map(|d| hits[d as usize] && ranking.counts(d))
        .collect();
    let readable_count = readable.iter().filter(|&&r| r).count();
    // A word whose neighbours are read before it (rarer) keeps only the occurrences next
    // to theirs: no other can be in a pair or the phrase. Of a short prefix after a word
    // ("tuyen t") that is a few in a document instead of a hundred. A word filtered so has
    // unfiltered neighbours (they came before it, when it was not read yet), so every pair
    // keeps its witnesses.
    let mut rank_of = vec![0; matches.len()];
    for (r, &m) in order.iter().enumerate() {
        rank_of[m] = r;
    }
    let near_of: Vec<Option<Vec<usize>>> = (0..matches.len())
        .map(|m| {
            let around: Vec<usize> = [m.checked_sub(1), Some(m + 1)]
                .into_iter()
                .flatten()
                .filter(|&n| n < matches.len())
                .collect();
            around
                .iter()
                .all(|&n| rank_of[n] < rank_of[m])
                .then_some(around)
        })
        .collect();
    let mut reader = DocReader {
        order: &order,
        near_of: &near_of,
        readable: &readable,
        lookups: vec![0usize; matches.len()],
        occs: vec![Vec::new(); matches.len()],
        near: NearPositions::default(),
    };
    let mut stats: Vec<DocStats> = Vec::with_capacity(matches.len());
    let mut rest: Vec<Hit> = Vec::new();
    // Half of the readable hits or more wanted in order: the bounds would read nearly every
    // document twice (title, then whole), so each is read once, whole, and all are sorted.
    if ranking.depth.saturating_mul(2) >= readable_count {
        let mut ranked: Vec<Hit> = Vec::with_capacity(readable_count);
        for doc in (0..hits.len() as u32).filter(|&d| hits[d as usize]) {
            let readable_doc = readable[doc as usize];
            if readable_doc {
                reader.read(&mut matches, doc, None, true);
            }
            stats.clear();
            stats.extend(matches.iter().map(|m| m.stats_of(doc)));
            if readable_doc {
                let slices: Vec<&[Occ]> = reader.occs.iter().map(Vec::as_slice).collect();
                ranked.push(Hit {
                    doc,
                    score: score(query, &matches, &stats, &slices),
                });
            } else {
                rest.push(Hit {
                    doc,
                    score: bound(query, &matches, &stats, None),
                });
            }
        }
        sort_best(&mut ranked, ranking.depth);
        ranked.extend(rest);
        return ranked;
    }
    // Documents not read yet, by the bound of their score, and whether their titles are.
    let mut unread: BinaryHeap<(Best, bool)> = BinaryHeap::new();
    for doc in (0..hits.len() as u32).filter(|&d| hits[d as usize]) {
        stats.clear();
        stats.extend(matches.iter().map(|m| m.stats_of(doc)));
        let hit = Hit {
            doc,
            score: bound(query, &matches, &stats, None),
        };
        if readable[doc as usize] && ranking.depth > 0 {
            unread.push((Best(hit), false));
        } else {
            rest.push(hit);
        }
    }
    let mut read: BinaryHeap<Best> = BinaryHeap::new();
    let mut ranked: Vec<Hit> = Vec::new();
    while ranked.len() < ranking.depth {
        // The best document read takes its place once no unread one can beat it.
        let next = unread.peek().map(|u| u.0);
        if let Some(&best) = read.peek() {
            if next.is_none_or(|n| best > n) {
                read.pop();
                ranked.push(best.0);
                continue;
            }
        }
        let Some((Best(next), titles_read)) = unread.pop() else {
            break;
        };
        // First its title, a few words, which tightens the bound: a title phrase is known
        // for sure. Only a document still in front is read whole.
        let field = (!titles_read).then_some(Field::Title);
        reader.read(&mut matches, next.doc, field, titles_read);
        stats.clear();
        stats.extend(matches.iter().map(|m| m.stats_of(next.doc)));
        let slices: Vec<&[Occ]> = reader.occs.iter().map(Vec::as_slice).collect();
        if titles_read {
            read.push(Best(Hit {
                doc: next.doc,
                score: score(query, &matches, &stats, &slices),
            }));
        } else {
            let score = bound(query, &matches, &stats, Some(&slices));
            unread.push((
                Best(Hit {
                    doc: next.doc,
                    score,
                }),
                true,
            ));
        }
    }
    ranked.extend(read.into_vec().into_iter().map(|b| b.0));
    ranked.extend(unread.into_vec().into_iter().map(|(b, _)| b.0));
    ranked.extend(rest);
    ranked
}

/// Reads documents' occurrences for [`ranked_hits`], one document at a time.
struct DocReader<'r> {
    /// The words, rarest first: the order they are read in.
    order: &'r [usize],
    /// For each word, its neighbours, where both are read before it.
    near_of: &'r [Option<Vec<usize>>],
    /// The documents that may be read (bucketing keeps only theirs).
    readable: &'r [bool],
    /// Steps spent on binary searches per word, until bucketing is cheaper.
    lookups: Vec<usize>,
    /// The last document's occurrences, per word.
    occs: Vec<Vec<Occ>>,
    /// The neighbours' positions of the word being read.
    near: NearPositions,
}

impl DocReader<'_> {
    /// Reads `doc` (its `field` only, if given) into `occs`; with `filter_near`, a word
    /// whose neighbours were read first keeps only the occurrences next to theirs.
    fn read(
        &mut self,
        matches: &mut [WordMatch],
        doc: u32,
        field: Option<Field>,
        filter_near: bool,
    ) {
        for (m, done) in matches.iter_mut().zip(&mut self.lookups) {
            if m.by_doc.is_none() {
                // A binary search in each list: about log2 of its length steps.
                let per_list = (m.posting_count / m.lists.len().max(1)).max(1).ilog2() as usize + 1;
                *done += m.lists.len() * per_list;
                if *done > BUCKET_AFTER * m.posting_count {
                    m.bucket(self.readable);
                }
            }
        }
        for &m in self.order {
            let mut out = std::mem::take(&mut self.occs[m]);
            let near = match self.near_of[m].as_ref().filter(|_| filter_near) {
                Some(ns) => {
                    self.near.fill(ns.iter().map(|&n| self.occs[n].as_slice()));
                    Some(&self.near)
                }
                None => None,
            };
            matches[m].occurrences_in(doc, field, near, &mut out);
            self.occs[m] = out;
        }
    }
}

/// Highest score first; the document id keeps the order stable.
fn best_first(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    b.score.cmp(&a.score).then(a.doc.cmp(&b.doc))
}

/// Puts the best `depth` of `hits` first, in order ([`best_first`]); the rest follow in no
/// particular order. Only those are sorted: a page of ten thousand hits sorts twenty.
fn sort_best(hits: &mut [Hit], depth: usize) {
    if depth < hits.len() {
        if depth > 0 {
            hits.select_nth_unstable_by(depth - 1, best_first);
        }
        hits[..depth].sort_unstable_by(best_first);
    } else {
        hits.sort_unstable_by(best_first);
    }
}

/// The hits of a query with one matched word. Its score has no phrase or pair part, so it
/// needs no positions: the signals counted from the postings go to [`score`] directly, far
/// faster, which matters most for a one-letter prefix (thousands of terms). Only the best
/// `ranking.depth` of those `ranking.among` counts are sorted.
fn single_word_hits(query: &Query, only: &WordMatch, ranking: Ranking) -> Vec<Hit> {
    let (mut counted, rest): (Vec<Hit>, Vec<Hit>) = only
        .doc_stats(None)
        .iter()
        .enumerate()
        .filter(|(_, st)| st.occurrences > 0)
        .map(|(doc, st)| Hit {
            doc: doc as u32,
            score: score(query, std::slice::from_ref(only), &[*st], &[&[]]),
        })
        .partition(|h| ranking.counts(h.doc));
    sort_best(&mut counted, ranking.depth);
    counted.extend(rest);
    counted
}

/// The ranking signals of one document, packed so that comparing scores compares the
/// signals lexicographically (see the module docs).
fn score(query: &Query, matches: &[WordMatch], stats: &[DocStats], slices: &[&[Occ]]) -> u32 {
    let (pairs, phrase) = positional(slices);
    packed(query, matches, stats, pairs, phrase)
}

/// The adjacent pairs found, and the phrase: 2 in a title, 1 in a body, else 0.
fn positional(slices: &[&[Occ]]) -> (u32, u32) {
    let mut pairs = 0;
    let mut phrase = 0;
    if slices.len() >= 2 {
        for w in slices.windows(2) {
            if w[0].iter().any(|&o| has_after(w[1], o, 1)) {
                pairs += 1;
            }
        }
        if pairs == slices.len() as u32 - 1 {
            for &o in slices[0] {
                let whole = slices[1..]
                    .iter()
                    .enumerate()
                    .all(|(k, s)| has_after(s, o, k as u32 + 1));
                if whole {
                    if o.field() == Field::Title {
                        phrase = 2;
                        break;
                    }
                    phrase = 1;
                }
            }
        }
    }
    (pairs, phrase)
}

/// The highest score a document with these counted signals can have. A pair or the phrase
/// can be in a field only if every word concerned is. With `titles` (each word's title
/// occurrences), what the title holds is known, and only the body is guessed.
fn bound(
    query: &Query,
    matches: &[WordMatch],
    stats: &[DocStats],
    titles: Option<&[&[Occ]]>,
) -> u32 {
    let in_body = |i: usize| stats[i].in_body && stats[i + 1].in_body;
    let in_title = |i: usize| match titles {
        Some(t) => t[i].iter().any(|&o| has_after(t[i + 1], o, 1)),
        None => stats[i].in_title && stats[i + 1].in_title,
    };
    let pairs = (0..stats.len().saturating_sub(1))
        .filter(|&i| in_title(i) || in_body(i))
        .count() as u32;
    let title_phrase = match titles {
        Some(t) => positional(t).1 == 2,
        None => stats.iter().all(|st| st.in_title),
    };
    // As in the score, the phrase counts only when every pair is found.
    let phrase = if pairs + 1 < stats.len() as u32 {
        0
    } else if title_phrase {
        2
    } else if stats.iter().all(|st| st.in_body) {
        1
    } else {
        0
    };
    packed(query, matches, stats, pairs, phrase)
}

fn packed(
    query: &Query,
    matches: &[WordMatch],
    stats: &[DocStats],
    pairs: u32,
    phrase: u32,
) -> u32 {
    let mut exact_words = 0u32;
    let mut title_words = 0u32;
    let mut occurrences = 0u32;
    for (m, st) in matches.iter().zip(stats) {
        if query.words[m.word].exact.is_some() && st.exact {
            exact_words += 1;
        }
        if st.in_title {
            title_words += 1;
        }
        occurrences += st.occurrences;
    }
    phrase * 100_000_000
        + pairs.min(CAP) * 1_000_000
        + exact_words.min(CAP) * 10_000
        + title_words.min(CAP) * 100
        + occurrences.min(CAP)
}

/// Byte ranges of the words in `text` that the query matches (folded-equal, or starting
/// with the last word while it is a prefix), ascending and non-overlapping, for the UI to
/// wrap in `<mark>` as text nodes.
pub fn highlight(text: &str, query: &Query) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    let mut buf = String::new();
    for (start, end, word) in tokens(text) {
        buf.clear();
        fold_into(word, &mut buf);
        let hit = query.words.iter().enumerate().any(|(i, w)| {
            if query.is_prefix(i) {
                buf.starts_with(w.folded.as_str())
            } else {
                buf == w.folded
            }
        });
        if hit {
            out.push((start, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn build(docs: &[(&str, &[&str])]) -> LoadedIndex {
        let mut b = IndexBuilder::new();
        for (i, (title, body)) in docs.iter().enumerate() {
            let body: Vec<String> = body.iter().map(|s| s.to_string()).collect();
            b.add(i as u32, title, &body);
        }
        b.finish().into_iter().collect()
    }

    fn docs(outcome: &SearchOutcome) -> Vec<u32> {
        outcome.hits.iter().map(|h| h.doc).collect()
    }

    fn run(index: &LoadedIndex, q: &str) -> SearchOutcome {
        let q = Query::parse(q);
        assert!(index.missing(&q).is_empty(), "{q:?}");
        search(index, &q)
    }

    #[test]
    fn parses_words_and_prefix() {
        let q = Query::parse("Đại hội  Đảng");
        assert_eq!(q.words.len(), 3);
        assert_eq!(q.words[0].folded, "dai");
        assert_eq!(q.words[0].exact.as_deref(), Some("đại"));
        assert!(q.prefix_last);
        let q = Query::parse("dai hoi ");
        assert_eq!(q.words[1].exact, None);
        assert!(!q.prefix_last);
        assert!(Query::parse("  ,. ").is_empty());
        assert!(!Query::parse("").prefix_last);
        assert_eq!(
            shards_needed(&Query::parse("đại hội 2020 đảng")),
            ["0", "d", "h"]
        );
    }

    #[test]
    fn folded_query_finds_diacritic_text() {
        let idx = build(&[
            (
                "Khai mạc Đại hội Đảng bộ tỉnh",
                &["Sáng 14/10, Đại hội Đảng bộ tỉnh khai mạc."],
            ),
            ("Thời tiết", &["Trời mưa."]),
        ]);
        let out = run(&idx, "dai hoi dang ");
        assert_eq!(docs(&out), [0]);
        assert!(out.unmatched.is_empty());
        assert_eq!(docs(&run(&idx, "ĐẠI HỘI")), [0]);
    }

    #[test]
    fn phrase_ranks_above_scattered_words() {
        let idx = build(&[
            ("a", &["hội nghị bàn về đảng và đại biểu"]),
            ("b", &["đại hội đảng bộ huyện"]),
            ("c", &["hội đảng đại"]),
        ]);
        let out = run(&idx, "đại hội đảng ");
        assert_eq!(docs(&out), [1, 2, 0]);
        assert!(out.hits[0].score > out.hits[1].score);
    }

    #[test]
    fn exact_diacritics_rank_first() {
        let idx = build(&[
            ("a", &["tình hình kinh tế"]),
            ("b", &["Tỉnh ủy họp"]),
            ("c", &["tính toán"]),
        ]);
        assert_eq!(docs(&run(&idx, "tỉnh ")), [1, 0, 2]);
        assert_eq!(docs(&run(&idx, "tình ")), [0, 1, 2]);
        // Without diacritics every spelling counts the same: document order.
        let out = run(&idx, "tinh ");
        assert_eq!(docs(&out), [0, 1, 2]);
        assert!(out.hits.iter().all(|h| h.score == out.hits[0].score));
    }

    #[test]
    fn a_one_letter_prefix_is_counted_on_arrival_and_ranks_its_spelling_first() {
        let idx = build(&[("a", &["dai dai dai"]), ("b", &["đảng"])]);
        assert!(idx.letter("d").is_some());
        assert!(
            idx.letter("0").is_none(),
            "the digits' shard is no letter's"
        );
        // Typed with its diacritic, the letter ranks the word spelled so first, though the
        // other document has more occurrences; typed without, occurrences decide.
        assert_eq!(docs(&run(&idx, "Đ")), [1, 0]);
        assert_eq!(docs(&run(&idx, "d")), [0, 1]);
    }

    #[test]
    fn title_ranks_above_body() {
        let idx = build(&[("Tin chung", &["bầu cử"]), ("Bầu cử", &["tin"])]);
        assert_eq!(docs(&run(&idx, "bau cu ")), [1, 0]);
    }

    #[test]
    fn unmatched_word_is_reported_and_left_out() {
        let idx = build(&[
            ("Đại hội", &["Đại hội Đảng bộ"]),
            ("Hội nghị", &["tổng kết"]),
        ]);
        let out = run(&idx, "đại hội xyzzy ");
        assert_eq!(out.unmatched, ["xyzzy"]);
        assert_eq!(docs(&out), [0], "AND of the remaining words");
        let out = run(&idx, "qqq xyzzy ");
        assert_eq!(out.unmatched, ["qqq", "xyzzy"]);
        assert!(out.hits.is_empty());
        // Words that each match something but never together: no hits, none unmatched.
        let out = run(&idx, "đại tổng ");
        assert!(out.unmatched.is_empty() && out.hits.is_empty());
    }

    #[test]
    fn missing_shard_is_pending_not_unmatched() {
        let mut b = IndexBuilder::new();
        b.add(0, "Đại hội", &["Bầu Ban Chấp hành".into()]);
        let shards = b.finish();
        let keys: Vec<&str> = shards.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ALL_SHARD_KEYS);
        assert!(shards
            .iter()
            .all(|(k, s)| s.terms.is_empty() != ["b", "c", "d", "h"].contains(&k.as_str())));
        let idx: LoadedIndex = shards.into_iter().filter(|(k, _)| k != "h").collect();
        let q = Query::parse("đại hội ");
        assert_eq!(idx.missing(&q), ["h"]);
        let out = search(&idx, &q);
        assert_eq!(out.pending, ["hội"]);
        assert!(out.unmatched.is_empty());
        assert_eq!(docs(&out), [0]);
    }

    #[test]
    fn last_word_is_a_prefix_while_typing() {
        let idx = build(&[("Đại hội", &[]), ("Đại học", &[]), ("Đại biểu", &[])]);
        assert_eq!(docs(&run(&idx, "dai ho")), [0, 1]);
        assert_eq!(docs(&run(&idx, "dai hộ")), [0, 1]);
        let out = run(&idx, "dai ho ");
        assert_eq!(out.unmatched, ["ho"]);
        assert_eq!(docs(&out), [0, 1, 2]);
        // Exact prefix spelling ranks first: "hộ" starts "hội", not "học".
        assert_eq!(docs(&run(&idx, "đại hộ")), [0, 1]);
        assert_eq!(docs(&run(&idx, "đại họ")), [1, 0]);
    }

    #[test]
    fn highlight_ranges_on_multibyte_text() {
        let text = "Khai mạc Đại hội Đảng bộ tỉnh Hà Tĩnh";
        let q = Query::parse("dai hoi tinh");
        let got: Vec<&str> = highlight(text, &q)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        assert_eq!(got, ["Đại", "hội", "tỉnh", "Tĩnh"]);
        let q = Query::parse("đảng b");
        let got: Vec<&str> = highlight(text, &q)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        assert_eq!(got, ["Đảng", "bộ"]);
        // Decomposed text highlights whole words, marks included.
        let nfd = "Đa\u{323}i ho\u{302}\u{323}i";
        let got: Vec<&str> = highlight(nfd, &Query::parse("hoi "))
            .iter()
            .map(|&(a, b)| &nfd[a..b])
            .collect();
        assert_eq!(got, ["ho\u{302}\u{323}i"]);
        assert!(highlight(text, &Query::parse("")).is_empty());
    }

    #[test]
    fn shard_round_trips_compactly() {
        let mut b = IndexBuilder::new();
        b.add(3, "Tỉnh ủy", &["tỉnh ủy tỉnh".into(), "tinh".into()]);
        let shards = b.finish();
        let (key, shard) = shards.iter().find(|(k, _)| k == "t").unwrap();
        assert_eq!(key, "t");
        let json = serde_json::to_string(shard).unwrap();
        assert_eq!(
            json,
            r#"{"v":1,"t":{"tinh":{"":[[3,1,[4]]],"tỉnh":[[3,0,[0]],[3,1,[0,2]]]}}}"#
        );
        let back: Shard = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, shard);
        let p = &back.terms["tinh"]["tỉnh"][1];
        assert_eq!(p.positions().collect::<Vec<_>>(), [0, 2]);
        assert!(serde_json::from_str::<Shard>(r#"{"v":1,"t":{"a":{"":[[0,7,[0]]]}}}"#).is_err());
    }

    #[test]
    fn build_is_deterministic() {
        let docs: Vec<(u32, &str, Vec<String>)> = vec![
            (0, "Đại hội", vec!["Đảng bộ xã".into()]),
            (1, "Hội nghị", vec!["tỉnh ủy".into(), "2020 - 2025".into()]),
            (2, "Bầu cử", vec!["đại biểu".into()]),
        ];
        let json = |order: &[usize]| {
            let mut b = IndexBuilder::new();
            for &i in order {
                let (id, t, body) = &docs[i];
                b.add(*id, t, body);
            }
            serde_json::to_string(&b.finish()).unwrap()
        };
        assert_eq!(json(&[0, 1, 2]), json(&[0, 1, 2]));
        assert_eq!(json(&[0, 1, 2]), json(&[2, 0, 1]));
    }

    /// The ranking computed the plain way: every occurrence of every word, all sorted, and
    /// the signals read off them. The search's shortcuts must give exactly this.
    fn reference_hits(index: &LoadedIndex, query: &Query) -> Vec<Hit> {
        let mut out = SearchOutcome::default();
        let matches = match_words(index, query, &mut out);
        let all: Vec<Vec<Occ>> = matches
            .iter()
            .map(|wm| {
                let mut occs = Vec::new();
                for (p, exact) in wm.postings() {
                    occs.extend(
                        p.positions()
                            .map(|pos| Occ::new(p.doc, p.field, pos, exact)),
                    );
                }
                occs.sort();
                occs
            })
            .collect();
        let doc_of = |o: &Occ| (o.0 >> 32) as u32;
        let mut docs: Vec<u32> = all
            .first()
            .map(|o| o.iter().map(doc_of).collect())
            .unwrap_or_default();
        docs.dedup();
        docs.retain(|d| all.iter().all(|o| o.iter().any(|x| doc_of(x) == *d)));
        let mut hits: Vec<Hit> = docs
            .into_iter()
            .map(|doc| {
                let slices: Vec<Vec<Occ>> = all
                    .iter()
                    .map(|o| o.iter().copied().filter(|x| doc_of(x) == doc).collect())
                    .collect();
                let stats: Vec<DocStats> = slices
                    .iter()
                    .map(|o| DocStats {
                        occurrences: o.len() as u32,
                        in_title: o.iter().any(|x| x.field() == Field::Title),
                        in_body: o.iter().any(|x| x.field() == Field::Body),
                        exact: o.iter().any(|x| x.0 & 1 == 0),
                    })
                    .collect();
                let refs: Vec<&[Occ]> = slices.iter().map(Vec::as_slice).collect();
                Hit {
                    doc,
                    score: score(query, &matches, &stats, &refs),
                }
            })
            .collect();
        hits.sort_unstable_by(best_first);
        hits
    }

    /// An index of documents given as (title words, body words).
    fn index_of(docs: &[(Vec<&str>, Vec<&str>)]) -> LoadedIndex {
        let mut b = IndexBuilder::new();
        for (i, (title, body)) in docs.iter().enumerate() {
            b.add(i as u32, &title.join(" "), &[body.join(" ")]);
        }
        b.finish().into_iter().collect()
    }

    /// `words` as a reader types them: the last cut to its first `cut` letters while
    /// `typing` (a prefix), else every word finished with a space.
    fn typed_words(words: &[&str], typing: bool, cut: usize) -> String {
        let (last, rest) = words.split_last().expect("at least one word");
        let mut typed = rest.join(" ");
        typed.push(' ');
        if typing {
            typed.extend(last.chars().take(cut));
        } else {
            typed.push_str(last);
            typed.push(' ');
        }
        typed
    }

    const VOCAB: [&str; 8] = ["đại", "hội", "Đảng", "tỉnh", "tình", "bộ", "huyện", "dai"];

    proptest! {
        /// Hits are exactly the documents containing every matched word (folded), and a
        /// word is unmatched exactly when no document contains it.
        #[test]
        fn hits_are_the_documents_with_all_words(
            bodies in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 0..8), 0..12),
            query in proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 1..4),
            extra in proptest::option::of(Just("zzz")),
        ) {
            let mut b = IndexBuilder::new();
            for (i, words) in bodies.iter().enumerate() {
                b.add(i as u32, "", &[words.join(" ")]);
            }
            let idx: LoadedIndex = b.finish().into_iter().collect();
            let mut text = query.join(" ");
            if let Some(e) = extra { text.push(' '); text.push_str(e); }
            text.push(' ');
            let q = Query::parse(&text);
            let out = search(&idx, &q);
            let has = |doc: &Vec<&str>, w: &str| doc.iter().any(|d| fold(d) == fold(w));
            let matched: Vec<&&str> = query.iter().filter(|w| bodies.iter().any(|d| has(d, w))).collect();
            let mut want: Vec<u32> = if matched.is_empty() { vec![] } else {
                (0..bodies.len() as u32).filter(|&i| matched.iter().all(|w| has(&bodies[i as usize], w))).collect()
            };
            let mut got = docs(&out);
            got.sort();
            want.sort();
            prop_assert_eq!(got, want);
            prop_assert!(out.pending.is_empty());
            prop_assert_eq!(out.unmatched.iter().any(|w| w == "zzz"), extra.is_some());
            let unmatched: Vec<String> = query.iter().filter(|w| !bodies.iter().any(|d| has(d, w))).map(|w| w.to_string()).collect();
            let got_unmatched: Vec<String> = out.unmatched.iter().filter(|w| *w != "zzz").cloned().collect();
            prop_assert_eq!(got_unmatched, unmatched);
        }

        /// A query of one word, whole or a prefix being typed, ranks exactly as the general
        /// ranking would: the fast path only skips the positions it has no use for.
        #[test]
        fn one_word_ranks_as_the_general_ranking(
            docs in proptest::collection::vec(
                (proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 0..4),
                 proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 0..10)),
                1..14),
            word in proptest::sample::select(&VOCAB[..]),
            cut in 1usize..6,
            typing in any::<bool>(),
        ) {
            let idx = index_of(&docs);
            let typed: String = if typing { word.chars().take(cut).collect() } else { format!("{word} ") };
            let q = Query::parse(&typed);
            let mut out = SearchOutcome::default();
            let matches = match_words(&idx, &q, &mut out);
            prop_assume!(matches.len() == 1);
            let fast = single_word_hits(&q, &matches[0], Ranking::ALL);
            prop_assert!(!fast.is_empty());
            prop_assert_eq!(fast, ranked_hits(&q, matches, Ranking::ALL));
        }

        /// Any query, prefix or not, with or without diacritics, ranks as the plain
        /// computation does: keeping only occurrences next to a neighbour's, and counting
        /// per document, change nothing.
        #[test]
        fn ranking_equals_the_plain_computation(
            docs in proptest::collection::vec(
                (proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 0..4),
                 proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 0..16)),
                1..14),
            words in proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 2..5),
            cut in 1usize..6,
            typing in any::<bool>(),
        ) {
            let idx = index_of(&docs);
            let q = Query::parse(&typed_words(&words, typing, cut));
            prop_assert_eq!(search(&idx, &q).hits, reference_hits(&idx, &q));
        }

        /// Ranking only a page among some documents gives that page exactly as the whole
        /// ranking does, and still every hit, once: for one word or several.
        #[test]
        fn a_ranked_page_is_that_of_the_whole_ranking(
            docs in proptest::collection::vec(
                (proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 0..4),
                 proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 0..16)),
                1..48),
            words in proptest::collection::vec(proptest::sample::select(&VOCAB[..]), 1..5),
            cut in 1usize..6,
            typing in any::<bool>(),
            depth in 0usize..24,
            among in proptest::option::of(proptest::collection::vec(any::<bool>(), 48)),
        ) {
            let idx = index_of(&docs);
            let q = Query::parse(&typed_words(&words, typing, cut));
            let whole = reference_hits(&idx, &q);
            let ranking = Ranking { depth, among: among.as_deref() };
            let part = search_ranked(&idx, &q, ranking).hits;
            let counted = |h: &&Hit| among.as_ref().is_none_or(|a| a[h.doc as usize]);
            let want: Vec<Hit> = whole.iter().filter(counted).take(depth).copied().collect();
            let got: Vec<Hit> = part.iter().filter(counted).take(depth).copied().collect();
            prop_assert_eq!(got, want);
            let mut all: Vec<u32> = part.iter().map(|h| h.doc).collect();
            all.sort_unstable();
            let mut want_all: Vec<u32> = whole.iter().map(|h| h.doc).collect();
            want_all.sort_unstable();
            prop_assert_eq!(all, want_all);
        }
    }
}
