//! Party congresses named in an article: which unit, which ordinal, which term, when, and
//! how the article relates to each (its subject, another congress of the cycle, or an
//! earlier one whose resolution it cites).

use std::sync::LazyLock;

use bantin_core::{Congress, DateSpec, Role, Tier};
use regex::{Captures, Regex};

use crate::dates::{find_dates, parse_term, YearContext};
use crate::gazetteer::{DistrictKind, Gazetteer};
use crate::text::fold;

/// Roman numeral for 1..=399.
pub fn roman(mut n: u32) -> Option<String> {
    if n == 0 || n >= 400 {
        return None;
    }
    let table = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0i64;
    let vals: Vec<i64> = s
        .chars()
        .map(|c| match c {
            'I' => Some(1),
            'V' => Some(5),
            'X' => Some(10),
            'L' => Some(50),
            'C' => Some(100),
            _ => None,
        })
        .collect::<Option<_>>()?;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u32::try_from(total).ok()
}

/// "XXV", "25" → "XXV"; rejects what is not a well-formed numeral.
pub fn ordinal(s: &str) -> Option<String> {
    if let Ok(n) = s.parse::<u32>() {
        return roman(n);
    }
    let n = roman_value(s)?;
    (roman(n)? == s).then(|| s.to_string())
}

const NAME: &str =
    r"(?:\p{Lu}[\p{L}\p{M}'’]*|\d{1,2})(?:(?:\s+|\s*[-–]\s*)\p{Lu}[\p{L}\p{M}'’]*){0,4}";
const UNIT_TYPE: &str = r"tỉnh|thành\s+phố|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường";
const ORD: &str =
    r"(?:(?i:lần\s+thứ)\s+(?P<o1>[IVXLC]+|\d{1,3})|(?i:kh(?:óa|oá))\s+(?P<o2>[IVXLC]+|\d{1,3}))\b";

static FORM_UNIT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<dh>(?i:đại\s+hội)\s+(?:(?i:đại\s+biểu)\s+)?)?(?i:đảng\s+bộ)\s+(?P<ut>(?i:{UNIT_TYPE}))(?:\s+(?P<un>{NAME}))?\s*,?\s*{ORD}"
    ))
    .unwrap()
});
static FORM_ORDINAL_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:đại\s+hội)\s+(?:(?i:đại\s+biểu)\s+)?{ORD}\s+(?:(?i:của)\s+)?(?i:đảng\s+bộ)\s+(?P<ut>(?i:{UNIT_TYPE}))(?:\s+(?P<un>{NAME}))?"
    ))
    .unwrap()
});
static FORM_NATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:đại\s+hội)\s+(?:(?i:đại\s+biểu)\s+)?(?:(?i:đảng)\s+)?(?P<tq>(?i:toàn\s+quốc)\s+)?(?:(?i:lần\s+thứ)\s+)?(?P<o>[IVXLC]+|\d{1,2})\b(?P<cd>\s+(?i:của\s+đảng)(?:\s+(?i:cộng\s+sản\s+việt\s+nam))?)?").unwrap()
});
static ALL_LEVELS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)đại\s+hội\s+(?:đại\s+biểu\s+)?(?:đảng|đảng\s+bộ)\s+(?:các\s+cấp|cấp\s+cơ\s+sở|cấp\s+trên\s+cơ\s+sở|cấp\s+huyện|cấp\s+tỉnh)").unwrap()
});
static RESOLUTION_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:nghị\s+quyết|\bnq)\s*$").unwrap());
static TERM_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[,(]?\s*(?i:nhiệm\s+kỳ)\s+((?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2})").unwrap()
});
/// Words that may stand between "diễn ra"/"tổ chức" and the congress's date.
const CONNECTORS: &[&str] = &[
    "vào", "trong", "từ", "các", "ngày", "hai", "ba", "2", "3", "4", "dịp", "đầu", "giữa", "cuối",
    "sáng", "chiều", "tối", "hôm", "được", "sẽ", "dự", "kiến", "chính", "thức", "",
];

static HELD_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:diễn\s+ra|tổ\s+chức|khai\s+mạc|tiến\s+hành|họp)\b").unwrap()
});

/// Where the article stands, for resolving "Đảng bộ tỉnh" and "Đảng bộ quận".
#[derive(Debug, Clone, Default)]
pub struct Place {
    pub province: Option<String>,
    pub district: Option<String>,
}

#[derive(Debug, Clone)]
struct Mention {
    tier: Tier,
    unit: String,
    ordinal: String,
    locality: Option<String>,
    term: Option<String>,
    date: Option<DateSpec>,
    cites_resolution: bool,
    in_title: bool,
    in_lead: bool,
}

pub struct Found {
    pub congresses: Vec<Congress>,
    /// "Đại hội Đảng các cấp": the whole cycle, not one congress.
    pub mentions_all_levels: bool,
    /// Date phrases used as congress dates, by paragraph, so they are not also events.
    pub used_dates: Vec<(usize, usize, usize)>,
    pub warnings: Vec<String>,
}

/// The longest leading part of `name` that the gazetteer knows for this kind of unit:
/// "Hải Dương Triệu" is "Hải Dương" followed by another capitalised word.
fn known_prefix(name: &str, known: impl Fn(&str) -> bool) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=words.len())
        .rev()
        .map(|n| words[..n].join(" "))
        .find(|c| known(c))
}

/// Resolves a unit as written to (tier, canonical unit name, locality code).
fn resolve_unit(
    g: &Gazetteer,
    place: &Place,
    type_word: &str,
    name: Option<&str>,
) -> Option<(Tier, String, Option<String>)> {
    let ty = fold(type_word);
    let article_province = place.province.as_deref().and_then(|c| g.province(c));
    let article_district = place.district.as_deref().and_then(|c| g.district(c));
    match ty.as_str() {
        "xã" | "phường" | "thị trấn" => Some((
            Tier::Commune,
            match name {
                Some(n) => format!("Đảng bộ {ty} {n}"),
                None => format!("Đảng bộ {ty}"),
            },
            None,
        )),
        "tỉnh" => {
            if let Some(n) = name {
                if let Some(pn) = known_prefix(n, |c| !g.provinces_named(c).is_empty()) {
                    let code = &g.provinces_named(&pn)[0];
                    let p = g.province(code).unwrap();
                    return Some((
                        Tier::Province,
                        format!("Đảng bộ tỉnh {}", p.short),
                        Some(p.code.clone()),
                    ));
                }
            }
            match article_province {
                Some(p) if !p.is_city => Some((
                    Tier::Province,
                    format!("Đảng bộ tỉnh {}", p.short),
                    Some(p.code.clone()),
                )),
                _ => Some((Tier::Province, "Đảng bộ tỉnh".into(), None)),
            }
        }
        _ => {
            let kind = DistrictKind::from_word(&ty)?;
            if let Some(n) = name {
                if kind == DistrictKind::ThanhPho {
                    if let Some(pn) = known_prefix(n, |c| {
                        g.provinces_named(c)
                            .iter()
                            .any(|p| g.province(p).is_some_and(|p| p.is_city))
                    }) {
                        let code = g
                            .provinces_named(&pn)
                            .iter()
                            .find(|p| g.province(p).is_some_and(|p| p.is_city))
                            .unwrap();
                        let p = g.province(code).unwrap();
                        return Some((
                            Tier::Province,
                            format!("Đảng bộ thành phố {}", p.short),
                            Some(p.code.clone()),
                        ));
                    }
                }
                let fits = |code: &String| {
                    g.district(code)
                        .is_some_and(|d| d.kind == kind || d.former_kinds.contains(&kind))
                };
                // "Đảng bộ Quận 1": numbered districts carry the type word in their name.
                let numbered = format!("Quận {n}");
                let n = if kind == DistrictKind::Quan && n.chars().all(|c| c.is_ascii_digit()) {
                    numbered.as_str()
                } else {
                    n
                };
                if let Some(dn) = known_prefix(n, |c| g.districts_named(c).iter().any(fits)) {
                    let codes: Vec<&String> =
                        g.districts_named(&dn).iter().filter(|c| fits(c)).collect();
                    let chosen = codes
                        .iter()
                        .find(|c| {
                            place.province.as_deref() == g.district(c).map(|d| d.province.as_str())
                        })
                        .or(if codes.len() == 1 {
                            codes.first()
                        } else {
                            None
                        });
                    let short = chosen
                        .and_then(|c| g.district(c))
                        .map(|d| d.short.clone())
                        .unwrap_or_else(|| dn.clone());
                    return Some((
                        Tier::District,
                        format!(
                            "Đảng bộ {} {}",
                            kind.word(),
                            short.trim_start_matches("Quận ")
                        ),
                        chosen.map(|c| (*c).clone()),
                    ));
                }
                return Some((Tier::District, format!("Đảng bộ {} {n}", kind.word()), None));
            }
            if let Some(d) = article_district.filter(|d| d.kind == kind) {
                return Some((
                    Tier::District,
                    format!(
                        "Đảng bộ {} {}",
                        kind.word(),
                        d.short.trim_start_matches("Quận ")
                    ),
                    Some(d.code.clone()),
                ));
            }
            if kind == DistrictKind::ThanhPho {
                if let Some(p) = article_province.filter(|p| p.is_city) {
                    return Some((
                        Tier::Province,
                        format!("Đảng bộ thành phố {}", p.short),
                        Some(p.code.clone()),
                    ));
                }
            }
            Some((Tier::District, format!("Đảng bộ {}", kind.word()), None))
        }
    }
}

fn ordinal_of(c: &Captures) -> Option<String> {
    let raw = c.name("o1").or(c.name("o2")).or(c.name("o"))?.as_str();
    ordinal(raw)
}

/// The end of the sentence containing byte `at`.
fn sentence_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b';' | b'!' | b'?')
            && (i + 1 == bytes.len() || bytes[i + 1] == b' ')
        {
            return i;
        }
        i += 1;
    }
    text.len()
}

fn sentence_start(text: &str, at: usize) -> usize {
    let head = &text[..at];
    head.rfind(['.', ';', '!', '?', ':'])
        .map(|i| i + 1)
        .unwrap_or(0)
}

pub fn extract(
    g: &Gazetteer,
    place: &Place,
    title: &str,
    paragraphs: &[String],
    ctx: &YearContext,
) -> Found {
    let mut mentions: Vec<Mention> = Vec::new();
    let mut used_dates = Vec::new();
    let mut warnings = Vec::new();
    let mut all_levels = false;
    let texts: Vec<(Option<usize>, &str)> = std::iter::once((None, title))
        .chain(
            paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| (Some(i), p.as_str())),
        )
        .collect();
    for (para, text) in texts {
        if ALL_LEVELS.is_match(text) {
            all_levels = true;
        }
        // (start, end, mention) for this text, overlapping forms removed below.
        let mut found: Vec<(usize, usize, Mention)> = Vec::new();
        let base = |tier, unit: String, ordinal: String, locality| Mention {
            tier,
            unit,
            ordinal,
            locality,
            term: None,
            date: None,
            cites_resolution: false,
            in_title: para.is_none(),
            in_lead: para == Some(0),
        };
        for re in [&*FORM_UNIT_FIRST, &*FORM_ORDINAL_FIRST] {
            for c in re.captures_iter(text) {
                let m = c.get(0).unwrap();
                // "Đảng bộ tỉnh khóa XVII" without "Đại hội" is the executive committee's
                // term, not a congress.
                let has_dh = c.name("dh").is_some() || std::ptr::eq(re, &*FORM_ORDINAL_FIRST);
                if !has_dh && c.name("o2").is_some() {
                    continue;
                }
                let Some(ord) = ordinal_of(&c) else { continue };
                let name = c.name("un").map(|n| n.as_str());
                let Some((tier, unit, loc)) = resolve_unit(g, place, &c["ut"], name) else {
                    continue;
                };
                found.push((m.start(), m.end(), base(tier, unit, ord, loc)));
            }
        }
        for c in FORM_NATIONAL.captures_iter(text) {
            let m = c.get(0).unwrap();
            let after = &text[m.end()..];
            let of_party = c.name("cd").is_some() && !fold(after).starts_with(" bộ");
            if c.name("tq").is_none() && !of_party {
                continue;
            }
            let Some(ord) = ordinal_of(&c) else { continue };
            found.push((
                m.start(),
                m.end(),
                base(Tier::National, "Đảng Cộng sản Việt Nam".into(), ord, None),
            ));
        }
        found.sort_by_key(|(s, e, _)| (*s, std::cmp::Reverse(*e)));
        let mut kept: Vec<(usize, usize, Mention)> = Vec::new();
        for (s, e, m) in found {
            if kept.last().is_some_and(|(_, le, _)| s < *le) {
                continue;
            }
            kept.push((s, e, m));
        }
        let starts: Vec<usize> = kept.iter().map(|(s, _, _)| *s).collect();
        for (i, (s, e, mut m)) in kept.into_iter().enumerate() {
            let before = &text[..s];
            let before = &before[before
                .char_indices()
                .rev()
                .nth(14)
                .map(|(i, _)| i)
                .unwrap_or(0)..];
            m.cites_resolution = RESOLUTION_BEFORE.is_match(before);
            if let Some(t) = TERM_AFTER.captures(&text[e..]) {
                m.term = parse_term(&t[1]);
            }
            // "… sẽ diễn ra vào tháng 5 tới đây": a held-verb after the mention, in the
            // same sentence and before the next mention, followed closely by a date.
            let limit = sentence_end(text, e).min(starts.get(i + 1).copied().unwrap_or(text.len()));
            if let Some(v) = HELD_VERB.find(&text[e..limit]) {
                let from = e + v.end();
                let window = &text[from..limit];
                let connected = |h: &crate::dates::DateHit| {
                    window[..h.start]
                        .split_whitespace()
                        .all(|w| CONNECTORS.contains(&fold(w).trim_matches([',', ':'])))
                };
                if let Some(mut h) = find_dates(window).into_iter().find(connected) {
                    // A congress is held once in the cycle: with a publication date its
                    // day falls in that year whether it is past or still to come.
                    h.upcoming |= h.from.day.is_some();
                    if let Some(d) = ctx.resolve(&h) {
                        m.date = Some(d);
                        if let Some(p) = para {
                            used_dates.push((p, from + h.start, from + h.end));
                        }
                    }
                }
            }
            // "Ngày 29-30/7, Đại hội …": a date opening the sentence that the mention
            // follows closely, with a held-verb somewhere in the sentence.
            if m.date.is_none() {
                let ss = sentence_start(text, s);
                let lead = &text[ss..s];
                let sentence = &text[ss..sentence_end(text, e)];
                if let Some(mut h) = find_dates(lead).into_iter().next() {
                    h.upcoming |= h.from.day.is_some();
                    let gap = lead[h.end..].trim_matches([',', ' ']);
                    if gap.chars().count() <= 12 && HELD_VERB.is_match(sentence) {
                        if let Some(d) = ctx.resolve(&h) {
                            m.date = Some(d);
                            if let Some(p) = para {
                                used_dates.push((p, ss + h.start, ss + h.end));
                            }
                        }
                    }
                }
            }
            if m.locality.is_none() && m.tier != Tier::National && m.tier != Tier::Commune {
                warnings.push(format!("congress unit not resolved: {}", m.unit));
            }
            mentions.push(m);
        }
    }
    warnings.sort();
    warnings.dedup();
    Found {
        congresses: merge(place, mentions),
        mentions_all_levels: all_levels,
        used_dates,
        warnings,
    }
}

struct Merged {
    first: Mention,
    count: usize,
    in_title: bool,
    in_lead: bool,
    only_resolution: bool,
}

fn merge(place: &Place, mentions: Vec<Mention>) -> Vec<Congress> {
    let mut merged: Vec<Merged> = Vec::new();
    for m in mentions {
        let key = (m.tier, m.unit.clone(), m.ordinal.clone());
        if let Some(e) = merged
            .iter_mut()
            .find(|e| (e.first.tier, e.first.unit.clone(), e.first.ordinal.clone()) == key)
        {
            e.count += 1;
            e.in_title |= m.in_title;
            e.in_lead |= m.in_lead;
            e.only_resolution &= m.cites_resolution;
            if e.first.term.is_none() {
                e.first.term = m.term;
            }
            if e.first.date.is_none() {
                e.first.date = m.date;
            }
            continue;
        }
        merged.push(Merged {
            in_title: m.in_title,
            in_lead: m.in_lead,
            only_resolution: m.cites_resolution,
            count: 1,
            first: m,
        });
    }
    let value = |o: &str| roman_value(o).unwrap_or(0);
    let previous: Vec<bool> = merged
        .iter()
        .map(|e| {
            let later_same_unit = merged.iter().any(|o| {
                o.first.tier == e.first.tier
                    && o.first.unit == e.first.unit
                    && value(&o.first.ordinal) > value(&e.first.ordinal)
            });
            let ended_term = e
                .first
                .term
                .as_deref()
                .and_then(|t| t.split('-').nth(1))
                .and_then(|y| y.parse::<i32>().ok())
                .is_some_and(|end| end <= 2020);
            e.only_resolution || later_same_unit || ended_term
        })
        .collect();
    // The article's own level: its district, else its province.
    let own = place.district.clone().or(place.province.clone());
    let mut best: Option<(i32, usize)> = None;
    for (i, e) in merged.iter().enumerate() {
        if previous[i] {
            continue;
        }
        let mut score = 0;
        if own.is_some() && e.first.locality == own {
            score += 4;
        }
        if e.in_title {
            score += 3;
        }
        if e.in_lead {
            score += 2;
        }
        score += e.count.min(3) as i32;
        if e.first.tier == Tier::National {
            score -= 2;
        }
        if score >= 4 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    let mut out: Vec<Congress> = merged
        .into_iter()
        .enumerate()
        .map(|(i, e)| Congress {
            tier: e.first.tier,
            unit: e.first.unit,
            ordinal: Some(e.first.ordinal),
            term: e.first.term,
            date: e.first.date,
            role: if previous[i] {
                Role::Previous
            } else if best.is_some_and(|(_, b)| b == i) {
                Role::Subject
            } else {
                Role::Mentioned
            },
            locality: e.first.locality,
        })
        .collect();
    let rank = |r: Role| match r {
        Role::Subject => 0,
        Role::Mentioned => 1,
        Role::Previous => 2,
    };
    // Subject first, then by tier from the top, keeping the text order within each.
    out.sort_by_key(|c| (rank(c.role), std::cmp::Reverse(c.tier)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::test_gazetteer;
    use bantin_core::PartialDate;

    fn run(place: Place, text: &str, published: Option<PartialDate>) -> Found {
        let g = test_gazetteer();
        let paragraphs = vec![text.to_string()];
        let ctx = YearContext::from_text(published, &paragraphs);
        extract(&g, &place, "", &paragraphs, &ctx)
    }

    fn summary(f: &Found) -> Vec<String> {
        f.congresses
            .iter()
            .map(|c| {
                format!(
                    "{}|{}|{}|{}|{}|{}",
                    c.tier.as_str(),
                    c.unit,
                    c.ordinal.as_deref().unwrap_or(""),
                    c.term.as_deref().unwrap_or(""),
                    c.date.map(|d| d.to_string()).unwrap_or_default(),
                    match c.role {
                        Role::Subject => "subject",
                        Role::Mentioned => "mentioned",
                        Role::Previous => "previous",
                    }
                )
            })
            .collect()
    }

    fn place(p: &str, d: Option<&str>) -> Place {
        Place {
            province: Some(p.into()),
            district: d.map(Into::into),
        }
    }

    #[test]
    fn ordinals_are_roman() {
        assert_eq!(ordinal("10").as_deref(), Some("X"));
        assert_eq!(ordinal("XXV").as_deref(), Some("XXV"));
        assert_eq!(ordinal("XXVI").as_deref(), Some("XXVI"));
        assert_eq!(ordinal("IIII"), None);
        assert_eq!(ordinal("0"), None);
    }

    #[test]
    fn reads_lan_thu_and_khoa_forms() {
        let f = run(
            place("42", Some("436")),
            "Đại hội Đảng bộ thành phố lần thứ XXI, nhiệm kỳ 2020- 2025 và Nghị quyết Đại hội Đảng bộ thành phố Hà Tĩnh khóa 20 đã đề ra.",
            None,
        );
        assert_eq!(
            summary(&f),
            [
                "district|Đảng bộ thành phố Hà Tĩnh|XXI|2020-2025||subject",
                "district|Đảng bộ thành phố Hà Tĩnh|XX|||previous"
            ]
        );
        assert_eq!(f.congresses[0].locality.as_deref(), Some("436"));
    }

    #[test]
    fn reads_national_forms() {
        let f = run(
            place("01", Some("002")),
            "Tiến tới Đại hội XIII của Đảng. Đại hội đại biểu toàn quốc lần thứ XIII của Đảng. Nghị quyết đại hội XII của Đảng. Đại hội lần thứ XXVI của Đảng bộ quận.",
            None,
        );
        let s = summary(&f);
        assert!(
            s.contains(&"national|Đảng Cộng sản Việt Nam|XIII|||mentioned".to_string()),
            "{s:?}"
        );
        assert!(
            s.contains(&"national|Đảng Cộng sản Việt Nam|XII|||previous".to_string()),
            "{s:?}"
        );
        assert!(
            s.contains(&"district|Đảng bộ quận Hoàn Kiếm|XXVI|||subject".to_string()),
            "{s:?}"
        );
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn reads_ordinal_first_form_and_resolves_bare_units() {
        let f = run(
            place("42", Some("437")),
            "đại hội Đảng các cấp nhiệm kỳ 2020 - 2025, tiến tới Đại hội đại biểu lần thứ VII Đảng bộ thị xã, Đại hội đại biểu lần thứ XIX Đảng bộ tỉnh và Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.",
            None,
        );
        assert_eq!(
            summary(&f),
            [
                "district|Đảng bộ thị xã Hồng Lĩnh|VII|||subject",
                "national|Đảng Cộng sản Việt Nam|XIII|||mentioned",
                "province|Đảng bộ tỉnh Hà Tĩnh|XIX|||mentioned",
            ]
        );
        assert!(f.mentions_all_levels);
    }

    #[test]
    fn a_hanoi_city_congress_is_province_tier() {
        let f = run(
            place("01", Some("002")),
            "Đại hội Đảng bộ thành phố Hà Nội lần thứ XVII, nhiệm kỳ 2020 -2025 diễn ra các ngày 3,4 và 5/8/2020; Đại hội Đảng bộ quận lần thứ XXVI diễn ra trong 2 ngày 29-30/7.",
            Some(PartialDate::ymd(2020, 7, 1)),
        );
        assert_eq!(
            summary(&f),
            [
                "district|Đảng bộ quận Hoàn Kiếm|XXVI||2020-07-29/2020-07-30|subject",
                "province|Đảng bộ thành phố Hà Nội|XVII|2020-2025|2020-08-03/2020-08-05|mentioned",
            ]
        );
    }

    #[test]
    fn numbered_districts_resolve() {
        let f = run(
            place("79", None),
            "Đại hội đại biểu Đảng bộ Quận 1 lần thứ XI, nhiệm kỳ 2020 - 2025 diễn ra từ ngày 14 đến 16/7.",
            Some(PartialDate::ymd(2020, 7, 20)),
        );
        assert_eq!(f.congresses.len(), 1);
        let c = &f.congresses[0];
        assert_eq!(c.unit, "Đảng bộ quận 1");
        assert_eq!(c.locality.as_deref(), Some("760"));
        assert_eq!(c.date.unwrap().to_string(), "2020-07-14/2020-07-16");
    }

    #[test]
    fn upcoming_month_takes_the_publication_year() {
        let f = run(
            place("22", Some("200")),
            "Đại hội Đảng bộ huyện Đầm Hà lần thứ XXV, nhiệm kỳ 2020-2025 là đại hội điểm cấp huyện của tỉnh, sẽ diễn ra vào tháng 5 tới đây.",
            Some(PartialDate::ymd(2020, 3, 28)),
        );
        assert_eq!(
            summary(&f),
            ["district|Đảng bộ huyện Đầm Hà|XXV|2020-2025|2020-05|subject"]
        );
        assert_eq!(f.used_dates.len(), 1);
    }

    #[test]
    fn date_before_the_mention_and_committee_terms() {
        let f = run(
            place("30", None),
            "Trong 2 ngày 29-30/7, Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII đã diễn ra. Ban Chấp hành Đảng bộ tỉnh khóa XVII họp phiên thứ nhất. Nghị quyết Trung ương 4 khóa XII.",
            Some(PartialDate::ymd(2020, 8, 1)),
        );
        assert_eq!(
            summary(&f),
            ["province|Đảng bộ tỉnh Hải Dương|XVII||2020-07-29/2020-07-30|subject"]
        );
    }

    #[test]
    fn only_a_date_right_after_the_held_verb_is_the_congress_date() {
        let f = run(
            place("22", Some("200")),
            "Đại hội Đảng bộ huyện Đầm Hà lần thứ XXV, Ban Thường vụ đã tổ chức tuyên truyền ngày 3/2 tại các xã.",
            Some(PartialDate::ymd(2020, 3, 28)),
        );
        assert_eq!(f.congresses[0].date, None);
        assert!(f.used_dates.is_empty());
    }

    #[test]
    fn generic_cycle_is_not_a_congress() {
        let f = run(
            place("30", None),
            "tuyên truyền về Đại hội Đảng các cấp và đại hội Đảng bộ cấp cơ sở.",
            None,
        );
        assert!(f.congresses.is_empty());
        assert!(f.mentions_all_levels);
    }
}
