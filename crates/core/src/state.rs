//! What the reader is looking at, kept in the URL so that a view can be bookmarked, shared
//! and restored by the back button.
//!
//! Which view is open (list, one article, bookmarks, timeline) is the app's routing
//! business, in the path or in keys of its own; this module reads and writes the search,
//! filter, sort and language keys and ignores every other key. Keys are short and stable,
//! defaults are left out so that the plain list has a clean URL:
//!
//! | key    | value                                                       |
//! |--------|-------------------------------------------------------------|
//! | `q`    | search text                                                 |
//! | `p`    | province codes, comma-separated                             |
//! | `d`    | district codes, comma-separated                             |
//! | `tier` | `national`, `province`, `district`, `commune`, comma-separated |
//! | `c`    | congress keys, each percent-encoded (commas included), comma-separated |
//! | `from`, `to` | partial dates: `2020`, `2020-05`, `2020-05-29`        |
//! | `by`   | `event` (default `pub`: publication date)                   |
//! | `sort` | `oldest`, `title`, `locality` (default `newest`)            |
//! | `lang` | `en` (default `vi`)                                         |
//!
//! Parsing never fails: unknown keys and values that do not parse are ignored, since
//! URLs get truncated, hand-edited and pasted from chat.

use crate::bookmarks::{parse_share_param, share_param};
use crate::date::{DateSpec, PartialDate};
use crate::filter::{DateBasis, DateRange, Filter, SortOrder};
use crate::model::Tier;
use crate::timeline::Zoom;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    List,
    /// One article, by id.
    Article(String),
    Bookmarks,
    Timeline,
    /// A read-only list of article ids someone shared (see [`crate::bookmarks::share_param`]).
    Shared(Vec<String>),
    /// The page for portal webmasters: embed snippets with a live preview.
    Embed,
}

/// Interface language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// `a=<id>` for an article, `v=timeline|bookmarks`, `s=<ids>` for a shared list.
    pub view: View,
    pub query: String,
    pub filter: Filter,
    pub sort: SortOrder,
    pub lang: Lang,
    /// The timeline's zoom, `z` (default month).
    pub zoom: Zoom,
    /// The timeline entry in focus, `e`: each event has its own link.
    pub focus: Option<String>,
    /// `embed=1`: running inside a portal's page (compact chrome). Kept in every link so
    /// the reader never leaves the embedded form.
    pub embed: bool,
    /// `lock=1`: the portal fixed the locality (`p`, `d`); the reader cannot change it.
    pub lock_locality: bool,
}

impl ViewState {
    /// The query string without the leading `?`; empty for the default state.
    ///
    /// A date range with neither bound and the default basis is the same as no date
    /// filter and is written as nothing.
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        let mut put = |key: &str, value: &str| {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(key);
            out.push('=');
            out.push_str(value);
        };
        if !self.query.is_empty() {
            put("q", &percent_encode(&self.query));
        }
        let list = |items: &mut dyn Iterator<Item = &str>| {
            items.map(percent_encode).collect::<Vec<_>>().join(",")
        };
        let f = &self.filter;
        if !f.provinces.is_empty() {
            put("p", &list(&mut f.provinces.iter().map(String::as_str)));
        }
        if !f.districts.is_empty() {
            put("d", &list(&mut f.districts.iter().map(String::as_str)));
        }
        if !f.tiers.is_empty() {
            put("tier", &list(&mut f.tiers.iter().map(|t| t.as_str())));
        }
        if !f.congresses.is_empty() {
            put("c", &list(&mut f.congresses.iter().map(String::as_str)));
        }
        if let Some(range) = &f.date {
            if let Some(from) = range.from {
                put("from", &percent_encode(&from.to_string()));
            }
            if let Some(to) = range.to {
                put("to", &percent_encode(&to.to_string()));
            }
            if range.basis != DateBasis::default() {
                put("by", range.basis.as_str());
            }
        }
        if self.sort != SortOrder::default() {
            put("sort", self.sort.as_str());
        }
        if self.lang != Lang::default() {
            put("lang", self.lang.as_str());
        }
        if self.zoom != Zoom::default() {
            put("z", self.zoom.as_str());
        }
        if let Some(e) = &self.focus {
            put("e", &percent_encode(e));
        }
        if self.embed {
            put("embed", "1");
        }
        if self.lock_locality {
            put("lock", "1");
        }
        match &self.view {
            View::List => {}
            View::Article(id) => put("a", &percent_encode(id)),
            View::Timeline => put("v", "timeline"),
            View::Bookmarks => put("v", "bookmarks"),
            View::Embed => put("v", "embed"),
            View::Shared(ids) => put("s", &share_param(ids.iter().map(String::as_str))),
        }
        out
    }

    /// Reads a query string (with or without the leading `?`). The view is left as
    /// [`View::List`] for the router to set. Repeated list keys add up; for other keys the
    /// last one wins.
    pub fn from_query_string(s: &str) -> ViewState {
        let mut state = ViewState::default();
        let mut from: Option<PartialDate> = None;
        let mut to: Option<PartialDate> = None;
        let mut basis = DateBasis::default();
        let mut article = None;
        let mut view = None;
        let mut shared = None;
        let s = s.strip_prefix('?').unwrap_or(s);
        for pair in s.split('&') {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let items = || {
                raw.split(',')
                    .map(percent_decode)
                    .filter(|item| !item.is_empty())
            };
            let f = &mut state.filter;
            match percent_decode(key).as_str() {
                "q" => state.query = percent_decode(raw),
                "p" => f.provinces.extend(items()),
                "d" => f.districts.extend(items()),
                "tier" => f.tiers.extend(items().filter_map(|t| Tier::parse(&t))),
                "c" => f.congresses.extend(items()),
                "from" => from = parse_bound(&percent_decode(raw)).or(from),
                "to" => to = parse_bound(&percent_decode(raw)).or(to),
                "by" => basis = DateBasis::parse(raw).unwrap_or(basis),
                "sort" => state.sort = SortOrder::parse(raw).unwrap_or(state.sort),
                "lang" => state.lang = Lang::parse(raw).unwrap_or(state.lang),
                "z" => state.zoom = Zoom::parse(raw).unwrap_or(state.zoom),
                "e" => state.focus = Some(percent_decode(raw)).filter(|e| !e.is_empty()),
                "a" => article = Some(percent_decode(raw)).filter(|a| !a.is_empty()),
                "embed" => state.embed = raw == "1",
                "lock" => state.lock_locality = raw == "1",
                "v" => view = Some(raw.to_string()),
                "s" => shared = Some(parse_share_param(raw)),
                _ => {}
            }
        }
        if from.is_some() || to.is_some() || basis != DateBasis::default() {
            state.filter.date = Some(DateRange { from, to, basis });
        }
        // An article wins over a list view, so a shared article link always opens it.
        state.view = match (article, shared, view.as_deref()) {
            (Some(id), _, _) => View::Article(id),
            (None, Some(ids), _) => View::Shared(ids),
            (None, None, Some("timeline")) => View::Timeline,
            (None, None, Some("bookmarks")) => View::Bookmarks,
            (None, None, Some("embed")) => View::Embed,
            _ => View::List,
        };
        state
    }
}

/// How the name of an article's pre-rendered page begins (`bai-<id>.html`, "bài": article).
/// The pages sit in the app's folder beside `index.html`, so every relative URL resolves the
/// same from all of them, with no `<base>` (which a portal's `base-uri` policy may forbid).
pub const ARTICLE_PAGE_PREFIX: &str = "bai-";

/// How the name of a locality's pre-rendered list begins, in its embedded form ("nhúng":
/// embed): `nhung-p<province>.html`, `nhung-d<district>.html`. A portal's frame opens on its
/// own locality's titles, painted before any script.
pub const LOCALITY_PAGE_PREFIX: &str = "nhung-";

/// The address of an article's own page, relative to the app's folder: `bai-<id>.html`. The
/// build writes that file, so the address works with no script and from any sub-path.
pub fn article_path(id: &str) -> String {
    format!("{ARTICLE_PAGE_PREFIX}{}.html", percent_encode(id))
}

/// The address of a locality's embedded list (see [`LOCALITY_PAGE_PREFIX`]): a province
/// (`p`) or a district (`d`) code.
pub fn locality_page_path(kind: char, code: &str) -> String {
    format!("{LOCALITY_PAGE_PREFIX}{kind}{}.html", percent_encode(code))
}

impl ViewState {
    /// The state a locality's embedded list page stands for, if `self` is one: the list,
    /// embedded, the locality locked to one province or one district, nothing else chosen.
    pub fn locality_page(&self) -> Option<String> {
        let bare = ViewState {
            view: View::List,
            embed: true,
            lock_locality: true,
            filter: crate::filter::Filter {
                provinces: self.filter.provinces.clone(),
                districts: self.filter.districts.clone(),
                ..Default::default()
            },
            ..Default::default()
        };
        if *self != bare {
            return None;
        }
        let f = &self.filter;
        match (f.provinces.len(), f.districts.len()) {
            (1, 0) => f.provinces.first().map(|p| locality_page_path('p', p)),
            (0, 1) => f.districts.first().map(|d| locality_page_path('d', d)),
            _ => None,
        }
    }

    /// Where this state lives, relative to the app's folder: an article opens its own page
    /// (`bai-<id>.html`) with the rest of the state as its query; every other view is the
    /// app's folder with a query (`?p=22`), or `./` for the default state (an empty address
    /// would not navigate).
    pub fn to_address(&self) -> String {
        if let View::Article(id) = &self.view {
            let rest = ViewState {
                view: View::List,
                ..self.clone()
            }
            .to_query_string();
            let page = article_path(id);
            return if rest.is_empty() {
                page
            } else {
                format!("{page}?{rest}")
            };
        }
        let query = self.to_query_string();
        if query.is_empty() {
            "./".to_string()
        } else {
            format!("?{query}")
        }
    }

    /// Reads an address relative to the app's folder, as [`ViewState::to_address`] writes
    /// it; also `index.html?…` and the older `?a=<id>` form of an article's link. A path
    /// that is no page of the app reads as its query alone.
    pub fn from_address(address: &str) -> ViewState {
        let (path, query) = address.split_once('?').unwrap_or((address, ""));
        let path = path.split('#').next().unwrap_or_default();
        let query = query.split('#').next().unwrap_or_default();
        let mut state = ViewState::from_query_string(query);
        let article = path
            .strip_prefix(ARTICLE_PAGE_PREFIX)
            .and_then(|name| name.strip_suffix(".html"))
            .filter(|name| !name.is_empty() && !name.contains('/'))
            .map(percent_decode);
        if let Some(id) = article {
            state.view = View::Article(id);
        }
        let locality = path
            .strip_prefix(LOCALITY_PAGE_PREFIX)
            .and_then(|name| name.strip_suffix(".html"))
            .filter(|name| !name.contains('/'))
            .and_then(|name| Some((name.chars().next()?, percent_decode(name.get(1..)?))))
            .filter(|(_, code)| !code.is_empty());
        if let Some((kind, code)) = locality {
            let set = match kind {
                'p' => &mut state.filter.provinces,
                'd' => &mut state.filter.districts,
                _ => return state,
            };
            set.insert(code);
            state.embed = true;
            state.lock_locality = true;
        }
        state
    }
}

/// A date bound: a single partial date with a year.
fn parse_bound(s: &str) -> Option<PartialDate> {
    match DateSpec::parse(s).ok()? {
        DateSpec::Point(p) if p.year.is_some() => Some(p),
        _ => None,
    }
}

/// Percent-encodes the UTF-8 bytes of `s`, leaving only RFC 3986 unreserved characters
/// (`A–Z a–z 0–9 - . _ ~`) as they are.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space, as forms write it). A `%` not followed by two
/// hex digits is kept as it is, and invalid UTF-8 becomes U+FFFD: never fails.
pub fn percent_decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_article_lives_at_its_own_page() {
        let mut s = ViewState::from_query_string("q=dai%20hoi&p=22");
        s.view = View::Article("000_cf8a".into());
        assert_eq!(s.to_address(), "bai-000_cf8a.html?q=dai%20hoi&p=22");
        assert_eq!(ViewState::from_address(&s.to_address()), s);
        let bare = ViewState {
            view: View::Article("x y".into()),
            ..Default::default()
        };
        assert_eq!(bare.to_address(), "bai-x%20y.html");
        assert_eq!(ViewState::from_address("bai-x%20y.html"), bare);
    }

    #[test]
    fn other_views_live_at_the_folder() {
        assert_eq!(ViewState::default().to_address(), "./");
        let s = ViewState::from_query_string("p=22&v=timeline");
        assert_eq!(s.to_address(), "?p=22&v=timeline");
        for address in ["?p=22&v=timeline", "index.html?p=22&v=timeline"] {
            assert_eq!(ViewState::from_address(address), s);
        }
        assert_eq!(ViewState::from_address(""), ViewState::default());
        assert_eq!(ViewState::from_address("./"), ViewState::default());
    }

    #[test]
    fn a_locality_page_is_its_embedded_locked_list() {
        let p = ViewState::from_address("nhung-p22.html");
        assert_eq!(p, ViewState::from_query_string("embed=1&lock=1&p=22"));
        assert_eq!(p.locality_page().as_deref(), Some("nhung-p22.html"));
        let d = ViewState::from_address("nhung-d200.html?q=x");
        assert_eq!(d, ViewState::from_query_string("embed=1&lock=1&d=200&q=x"));
        // A search (or any other choice) is no longer the page's own state.
        assert_eq!(d.locality_page(), None);
        let mut d = d;
        d.query.clear();
        assert_eq!(d.locality_page().as_deref(), Some("nhung-d200.html"));
        for other in [
            "p=22&lock=1",
            "embed=1&p=22",
            "embed=1&lock=1&p=22,01",
            "embed=1&lock=1&p=22&d=200",
            "embed=1&lock=1&p=22&v=timeline",
            "embed=1&lock=1",
        ] {
            assert_eq!(
                ViewState::from_query_string(other).locality_page(),
                None,
                "{other}"
            );
        }
        for junk in [
            "nhung-.html",
            "nhung-p.html",
            "nhung-x22.html",
            "nhung-p2/2.html",
        ] {
            let s = ViewState::from_address(junk);
            assert!(
                s.filter.provinces.is_empty() && s.filter.districts.is_empty(),
                "{junk}"
            );
        }
    }

    #[test]
    fn old_article_links_still_open_the_article() {
        let s = ViewState::from_address("?a=abc&q=x");
        assert_eq!(s.view, View::Article("abc".into()));
        assert_eq!(s.query, "x");
        // Read from the address, the old form is written as the new one.
        assert_eq!(s.to_address(), "bai-abc.html?q=x");
    }

    #[test]
    fn addresses_that_are_no_article_page_read_as_their_query() {
        for address in [
            "bai-.html",
            "bai-x/y.html",
            "x/bai-y.html",
            "b/x.html?p=1",
            "bai-x.htm?p=1",
            "#a/x.html",
        ] {
            let s = ViewState::from_address(address);
            assert!(!matches!(s.view, View::Article(_)), "{address}: {s:?}");
        }
        assert_eq!(
            ViewState::from_address("bai-x.html#top").view,
            View::Article("x".into())
        );
    }

    #[test]
    fn default_state_is_a_clean_url() {
        assert_eq!(ViewState::default().to_query_string(), "");
        assert_eq!(ViewState::from_query_string(""), ViewState::default());
        assert_eq!(ViewState::from_query_string("?"), ViewState::default());
    }

    #[test]
    fn writes_short_stable_keys() {
        let mut s = ViewState {
            query: "đại hội Đảng".into(),
            sort: SortOrder::Oldest,
            lang: Lang::En,
            ..Default::default()
        };
        s.filter.provinces = ["22".to_string(), "01".to_string()].into();
        s.filter.tiers = [Tier::District].into();
        s.filter.congresses = ["district|Đảng bộ huyện Đầm Hà, Quảng Ninh|XXV".to_string()].into();
        s.filter.date = Some(DateRange {
            from: Some(PartialDate::ym(2020, 5)),
            to: None,
            basis: DateBasis::Event,
        });
        let qs = s.to_query_string();
        assert_eq!(
            qs,
            "q=%C4%91%E1%BA%A1i%20h%E1%BB%99i%20%C4%90%E1%BA%A3ng&p=01,22&tier=district\
             &c=district%7C%C4%90%E1%BA%A3ng%20b%E1%BB%99%20huy%E1%BB%87n%20%C4%90%E1%BA%A7m%20H%C3%A0%2C%20Qu%E1%BA%A3ng%20Ninh%7CXXV\
             &from=2020-05&by=event&sort=oldest&lang=en"
        );
        assert_eq!(ViewState::from_query_string(&qs), s);
        assert_eq!(ViewState::from_query_string(&format!("?{qs}")), s);
    }

    #[test]
    fn garbage_is_ignored() {
        for junk in [
            "&&&",
            "=",
            "==&=x",
            "%",
            "%%",
            "%zz=1",
            "q=%",
            "q=%e",
            "q=%E1%BA",
            "tier=foo",
            "sort=zzz&lang=fr&by=never",
            "from=2020-13&to=abcd",
            "from=--05-06",
            "from=2020-01/2020-02",
            "p=,,&d=,",
            "unknown=1&x",
            "q=\u{0}\u{ffff}",
        ] {
            let s = ViewState::from_query_string(junk);
            assert!(s.filter.is_empty(), "{junk}: {s:?}");
            assert_eq!(s.sort, SortOrder::Newest);
            assert_eq!(s.lang, Lang::Vi);
        }
        let s = ViewState::from_query_string("tier=foo,national&sort=title&sort=bad&q=a+b&q=c%20d");
        assert_eq!(s.filter.tiers, [Tier::National].into());
        assert_eq!(s.sort, SortOrder::TitleAz);
        assert_eq!(s.query, "c d");
        assert_eq!(percent_decode("a+b%2"), "a b%2");
        assert_eq!(percent_decode("%E1%BA"), "\u{fffd}");
    }

    fn arb_code() -> impl Strategy<Value = String> {
        "[0-9]{2,3}"
    }

    fn arb_date() -> impl Strategy<Value = PartialDate> {
        (
            1900..=2100i32,
            proptest::option::of((1..=12u8, proptest::option::of(1..=28u8))),
        )
            .prop_map(|(y, md)| match md {
                None => PartialDate::year_only(y),
                Some((m, None)) => PartialDate::ym(y, m),
                Some((m, Some(d))) => PartialDate::ymd(y, m, d),
            })
    }

    fn arb_view() -> impl Strategy<Value = View> {
        prop_oneof![
            Just(View::List),
            "\\PC{1,16}".prop_map(View::Article),
            Just(View::Timeline),
            Just(View::Bookmarks),
            Just(View::Embed),
            proptest::collection::btree_set("\\PC{1,10}", 1..5)
                .prop_map(|ids| View::Shared(ids.into_iter().collect())),
        ]
    }

    fn arb_state() -> impl Strategy<Value = ViewState> {
        let range = (
            proptest::option::of(arb_date()),
            proptest::option::of(arb_date()),
            proptest::bool::ANY,
        )
            .prop_map(|(from, to, event)| DateRange {
                from,
                to,
                basis: if event {
                    DateBasis::Event
                } else {
                    DateBasis::Published
                },
            })
            // The canonical form: an empty publication-date range is no range.
            .prop_filter("canonical", |r| {
                r.from.is_some() || r.to.is_some() || r.basis == DateBasis::Event
            });
        (
            "\\PC{0,12}",
            proptest::collection::btree_set(arb_code(), 0..4),
            proptest::collection::btree_set(arb_code(), 0..4),
            proptest::collection::btree_set(proptest::sample::select(&Tier::ALL[..]), 0..4),
            proptest::collection::btree_set("\\PC{1,20}", 0..3),
            proptest::option::of(range),
            proptest::sample::select(&SortOrder::ALL[..]),
            proptest::bool::ANY,
            arb_view(),
            proptest::sample::select(&Zoom::ALL[..]),
            proptest::option::of("\\PC{1,16}"),
            (proptest::bool::ANY, proptest::bool::ANY),
        )
            .prop_map(
                |(
                    query,
                    provinces,
                    districts,
                    tiers,
                    congresses,
                    date,
                    sort,
                    en,
                    view,
                    zoom,
                    focus,
                    (embed, lock_locality),
                )| ViewState {
                    embed,
                    lock_locality,
                    view,
                    zoom,
                    focus,
                    query,
                    filter: Filter {
                        provinces,
                        districts,
                        tiers: tiers.into_iter().collect(),
                        congresses,
                        date,
                    },
                    sort,
                    lang: if en { Lang::En } else { Lang::Vi },
                },
            )
    }

    proptest! {
        #[test]
        fn round_trips(s in arb_state()) {
            let qs = s.to_query_string();
            prop_assert!(qs.is_ascii());
            prop_assert_eq!(ViewState::from_query_string(&qs), s);
        }

        #[test]
        fn addresses_round_trip(s in arb_state()) {
            let address = s.to_address();
            prop_assert!(address.is_ascii());
            prop_assert_eq!(ViewState::from_address(&address), s);
        }

        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = ViewState::from_query_string(&s);
        }

        #[test]
        fn percent_round_trips(s in "\\PC{0,40}") {
            prop_assert_eq!(percent_decode(&percent_encode(&s)), s);
        }
    }
}
