//! Which province and district an article is about. Pages rarely say it plainly: a
//! district portal writes "Huyện ủy" and "huyện Đầm Hà", a town's name may appear only
//! in the footer, and names repeat across provinces. Every mention of a gazetteer name
//! is weighed by how it is written (typed "huyện X" or bare "X") and where (text or page
//! furniture); districts lend their weight to their province; organ words (Huyện ủy,
//! Tỉnh ủy) decide whether the article is district- or province-level. A tie is left
//! unresolved with a note rather than guessed.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::gazetteer::{DistrictKind, Gazetteer};
use crate::text::fold;

pub struct Evidence<'a> {
    pub title: &'a str,
    pub body: &'a [String],
    /// Header, footer and widget lines: weaker evidence, but sometimes the only place a
    /// page names its town ("Bản đồ thị xã Hồng Lĩnh").
    pub furniture: &'a [String],
    /// A domain or site name the page states as its source.
    pub site: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Locality {
    pub province: Option<String>,
    pub district: Option<String>,
    /// The province was inferred from the district (or the site), not named.
    pub province_inferred: bool,
    pub confidence: &'static str,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Typed {
    Province,
    /// "thành phố X": a centrally-run city or a district-level city.
    City,
    District(DistrictKind),
    /// "xã X", "phường X": a commune of that name, not the district.
    Commune,
    Bare,
}

static TYPE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\p{L}])(tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn|thôn|ấp|bản|(?:tỉnh|thành|huyện|quận|thị)\s+(?:ủy|uỷ))\s*$").unwrap()
});

fn typed_from(word: &str) -> Typed {
    let w = fold(word);
    let w = w.trim_end_matches('.');
    match w {
        "tỉnh" | "tỉnh ủy" | "tỉnh uỷ" => Typed::Province,
        "thành phố" | "tp" | "thành ủy" | "thành uỷ" => Typed::City,
        "huyện" | "huyện ủy" | "huyện uỷ" => Typed::District(DistrictKind::Huyen),
        "quận" | "quận ủy" | "quận uỷ" => Typed::District(DistrictKind::Quan),
        "thị xã" | "thị ủy" | "thị uỷ" => Typed::District(DistrictKind::ThiXa),
        _ => Typed::Commune,
    }
}

/// One regex over every gazetteer name, longest first so "Bà Rịa - Vũng Tàu" wins over
/// shorter overlaps. Case-sensitive on purpose: "hòa bình" (peace) is not Hòa Bình.
pub struct NameMatcher {
    re: Regex,
}

impl NameMatcher {
    pub fn new(g: &Gazetteer) -> NameMatcher {
        let mut names: Vec<String> = Vec::new();
        for p in g.provinces.values() {
            names.push(p.short.clone());
        }
        for d in g.districts.values() {
            names.push(d.short.clone());
        }
        names.extend(g.all_names());
        names.retain(|n| n.chars().next().is_some_and(char::is_uppercase));
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        names.dedup();
        let alternation: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
        let re = Regex::new(&format!(r"\b(?:{})\b", alternation.join("|"))).unwrap();
        NameMatcher { re }
    }
}

#[derive(Default)]
struct Scores {
    province: BTreeMap<String, f64>,
    district: BTreeMap<String, f64>,
    /// Whether a province got weight from being named, not only through its districts.
    province_named: BTreeMap<String, bool>,
}

fn add(map: &mut BTreeMap<String, f64>, code: &str, w: f64) {
    *map.entry(code.to_string()).or_default() += w;
}

fn kind_fits(g: &Gazetteer, code: &str, kind: DistrictKind) -> bool {
    g.district(code)
        .is_some_and(|d| d.kind == kind || d.former_kinds.contains(&kind))
}

fn scan(g: &Gazetteer, m: &NameMatcher, text: &str, weight: f64, s: &mut Scores) {
    for hit in m.re.find_iter(text) {
        let name = hit.as_str();
        // Only the few words before the name can be its type word.
        let from = text[..hit.start()]
            .char_indices()
            .rev()
            .nth(24)
            .map(|(i, _)| i)
            .unwrap_or(0);
        let before = &text[from..hit.start()];
        let typed = TYPE_BEFORE
            .captures(before)
            .map(|c| typed_from(&c[1]))
            .unwrap_or(Typed::Bare);
        if typed == Typed::Bare && follows_personal_name(before) {
            continue;
        }
        let provinces = g.provinces_named(name);
        // Numbered urban districts carry their type in the name ("Quận 1").
        let districts = g.districts_named(name);
        match typed {
            Typed::Commune => {}
            Typed::Province => {
                for p in provinces {
                    add(&mut s.province, p, 3.0 * weight);
                    s.province_named.insert(p.clone(), true);
                }
            }
            Typed::City => {
                let city_provinces: Vec<&String> = provinces
                    .iter()
                    .filter(|p| g.province(p).is_some_and(|p| p.is_city))
                    .collect();
                if !city_provinces.is_empty() {
                    for p in city_provinces {
                        add(&mut s.province, p, 3.0 * weight);
                        s.province_named.insert(p.clone(), true);
                    }
                } else {
                    for d in districts {
                        if kind_fits(g, d, DistrictKind::ThanhPho) {
                            add(&mut s.district, d, 3.0 * weight);
                        }
                    }
                }
            }
            Typed::District(kind) => {
                for d in districts {
                    let w = if kind_fits(g, d, kind) { 3.0 } else { 1.0 };
                    add(&mut s.district, d, w * weight);
                }
            }
            Typed::Bare => {
                if !provinces.is_empty() {
                    for p in provinces {
                        add(&mut s.province, p, 1.0 * weight);
                        s.province_named.insert(p.clone(), true);
                    }
                } else if name.starts_with("Quận ") {
                    for d in districts {
                        add(&mut s.district, d, 3.0 * weight);
                    }
                } else {
                    for d in districts {
                        add(&mut s.district, d, 0.5 * weight);
                    }
                }
            }
        }
    }
}

/// "Trần Thái Bình", "Nguyễn Văn Hải Dương": a place name that ends a person's name.
fn follows_personal_name(before: &str) -> bool {
    const NAME_PARTS: &[&str] = &[
        "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
        "hồ", "ngô", "lý", "đinh", "trương", "lương", "đào", "cao", "lâm", "tạ", "văn", "thị",
        "đức", "hữu", "minh", "quang", "thanh", "ngọc", "xuân", "thu", "kim",
    ];
    let Some(last) = before.split_whitespace().next_back() else {
        return false;
    };
    last.chars().next().is_some_and(char::is_uppercase) && NAME_PARTS.contains(&fold(last).as_str())
}

fn scan_site(g: &Gazetteer, site: &str, s: &mut Scores) {
    let host = fold(site);
    let host = host
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    let mut site_provinces = Vec::new();
    for p in g.provinces.values() {
        let compact = p.slug.replace('-', "");
        if labels.iter().any(|l| *l == compact) {
            add(&mut s.province, &p.code, 4.0);
            s.province_named.insert(p.code.clone(), true);
            site_provinces.push(p.code.clone());
        }
    }
    for p in &site_provinces {
        for d in &g.province(p).unwrap().districts {
            let compact = g.district(d).unwrap().slug.replace('-', "");
            if labels.iter().any(|l| *l == compact) {
                add(&mut s.district, d, 4.0);
            }
        }
    }
}

static DISTRICT_ORGANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:huyện|quận|thị)\s+(?:ủy|uỷ)|\b(?:ubnd|hđnd|ủy ban nhân dân|uỷ ban nhân dân|đảng bộ|mttq|công an)\s+(?:huyện|quận|thị\s+xã)\b").unwrap()
});
static CITY_ORGANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bthành\s+(?:ủy|uỷ)|\b(?:ubnd|hđnd|ủy ban nhân dân|uỷ ban nhân dân|đảng bộ|mttq|công an)\s+thành\s+phố\b").unwrap()
});
static PROVINCE_ORGANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\btỉnh\s+(?:ủy|uỷ)|\b(?:ubnd|hđnd|ủy ban nhân dân|uỷ ban nhân dân|đảng bộ|mttq|công an|bộ chqs)\s+tỉnh\b").unwrap()
});
static ORGAN_KIND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(huyện|quận|thị)\s+(?:ủy|uỷ)").unwrap());

/// Picks the top entry when it clearly beats the next one.
fn clear_winner(scores: &BTreeMap<String, f64>) -> Result<Option<String>, Vec<String>> {
    let mut v: Vec<(&String, &f64)> = scores.iter().filter(|(_, s)| **s > 0.0).collect();
    v.sort_by(|a, b| b.1.partial_cmp(a.1).unwrap().then(a.0.cmp(b.0)));
    match v.as_slice() {
        [] => Ok(None),
        [(c, _)] => Ok(Some((*c).clone())),
        [(c, top), (_, second), ..] => {
            if **top >= **second * 1.5 && **top - **second >= 1.0 {
                Ok(Some((*c).clone()))
            } else {
                let tied: Vec<String> = v
                    .iter()
                    .filter(|(_, s)| **s * 1.5 > **top)
                    .map(|(c, _)| (*c).clone())
                    .collect();
                Err(tied)
            }
        }
    }
}

pub fn resolve(g: &Gazetteer, matcher: &NameMatcher, ev: &Evidence) -> Locality {
    let mut s = Scores::default();
    scan(g, matcher, ev.title, 2.0, &mut s);
    for p in ev.body {
        scan(g, matcher, p, 1.0, &mut s);
    }
    for f in ev.furniture {
        scan(g, matcher, f, 0.5, &mut s);
    }
    if let Some(site) = ev.site {
        scan_site(g, site, &mut s);
    }
    let text: String = std::iter::once(ev.title)
        .chain(ev.body.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
    let district_organs = DISTRICT_ORGANS.find_iter(&text).count() as f64;
    let city_organs = CITY_ORGANS.find_iter(&text).count() as f64;
    let province_organs = PROVINCE_ORGANS.find_iter(&text).count() as f64;
    // "Thị ủy" means the district is a thị xã: favour candidates of that type.
    let mut organ_kinds: BTreeMap<DistrictKind, f64> = BTreeMap::new();
    for c in ORGAN_KIND.captures_iter(&text) {
        if let Some(k) = DistrictKind::from_word(&match fold(&c[1]).as_str() {
            "thị" => "thị xã".to_string(),
            w => w.to_string(),
        }) {
            *organ_kinds.entry(k).or_default() += 1.0;
        }
    }
    if city_organs > 0.0 {
        *organ_kinds.entry(DistrictKind::ThanhPho).or_default() += city_organs;
    }
    for (code, score) in s.district.iter_mut() {
        if let Some(d) = g.district(code) {
            if organ_kinds.get(&d.kind).copied().unwrap_or(0.0) > 0.0 {
                *score += 0.5;
            }
            // Units abolished by 2020 are written in older pages only.
            if d.valid_to.as_deref().is_some_and(|t| t <= "2020-01-01") {
                *score *= 0.5;
            }
        }
    }
    let mut province_total = s.province.clone();
    for (code, score) in &s.district {
        if let Some(d) = g.district(code) {
            add(&mut province_total, &d.province, *score);
        }
    }
    let mut out = Locality {
        confidence: "none",
        ..Default::default()
    };
    // Among equally supported provinces, one that is itself named beats ones supported
    // only through a district name they share.
    let named_among = |tied: &[String]| -> Option<String> {
        let named: Vec<&String> = tied
            .iter()
            .filter(|c| s.province.get(*c).copied().unwrap_or(0.0) > 0.0)
            .collect();
        (named.len() == 1).then(|| named[0].clone())
    };
    let province = match clear_winner(&province_total) {
        Ok(p) => p,
        Err(tied) if named_among(&tied).is_some() => named_among(&tied),
        Err(tied) => {
            let names: Vec<String> = tied
                .iter()
                .filter_map(|c| g.province(c).map(|p| format!("{} ({})", p.short, p.code)))
                .collect();
            let districts: Vec<String> = s
                .district
                .keys()
                .filter_map(|c| g.district(c))
                .filter(|d| tied.contains(&d.province))
                .map(|d| format!("{} {}", d.kind.word(), d.short))
                .collect();
            let what = if districts.is_empty() {
                String::new()
            } else {
                let mut d = districts;
                d.dedup();
                format!(" for {}", d.join(", "))
            };
            out.note = Some(format!(
                "ambiguous: equally supported provinces {}{}; no other clue",
                names.join(", "),
                what
            ));
            return out;
        }
    };
    let Some(province) = province else {
        if district_organs > province_organs && district_organs > 0.0 {
            out.note = Some("district-level page whose district is never named".into());
        } else {
            out.note = Some("no place named".into());
        }
        return out;
    };
    let prov = g.province(&province).unwrap();
    let in_province: BTreeMap<String, f64> = s
        .district
        .iter()
        .filter(|(c, _)| g.district(c).is_some_and(|d| d.province == province))
        .map(|(c, v)| (c.clone(), *v))
        .collect();
    out.province_inferred = !s.province_named.get(&province).copied().unwrap_or(false);
    let top_score = province_total[&province];
    out.confidence = if top_score >= 6.0 {
        "high"
    } else if top_score >= 2.0 {
        "medium"
    } else {
        "low"
    };
    out.province = Some(province.clone());
    let (city_to_district, city_to_province) = if prov.is_city {
        (0.0, city_organs)
    } else {
        (city_organs, 0.0)
    };
    match clear_winner(&in_province) {
        Ok(Some(d)) => {
            let ds = in_province[&d];
            let kind = g.district(&d).unwrap().kind;
            let mut district_side = district_organs + ds;
            if kind == DistrictKind::ThanhPho {
                district_side += city_to_district;
            }
            let province_side = province_organs + city_to_province;
            if ds >= 1.0 && district_side > province_side {
                out.district = Some(d);
            } else if ds >= 1.0 {
                out.note = Some(format!(
                    "province-level page: {} {} is named but the text speaks for the province",
                    kind.word(),
                    g.district(&d).unwrap().short
                ));
            }
        }
        Ok(None) => {
            if district_organs > province_organs + city_to_province {
                out.note = Some("district-level page whose district is never named".into());
            }
        }
        Err(tied) => {
            let names: Vec<String> = tied
                .iter()
                .filter_map(|c| g.district(c))
                .map(|d| format!("{} {} ({})", d.kind.word(), d.short, d.code))
                .collect();
            out.note = Some(format!("district ambiguous between {}", names.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::test_gazetteer;

    fn run(title: &str, body: &[&str], furniture: &[&str], site: Option<&str>) -> Locality {
        let g = test_gazetteer();
        let m = NameMatcher::new(&g);
        let body: Vec<String> = body.iter().map(|s| s.to_string()).collect();
        let furniture: Vec<String> = furniture.iter().map(|s| s.to_string()).collect();
        resolve(
            &g,
            &m,
            &Evidence {
                title,
                body: &body,
                furniture: &furniture,
                site,
            },
        )
    }

    #[test]
    fn a_name_in_two_provinces_stays_unresolved() {
        let l = run(
            "Huyện Chợ Mới chuẩn bị đại hội",
            &["Huyện ủy Chợ Mới tổ chức hội nghị triển khai công tác tuyên truyền đại hội."],
            &[],
            None,
        );
        assert_eq!(l.province, None);
        assert_eq!(l.district, None);
        let note = l.note.unwrap();
        assert!(
            note.contains("An Giang") && note.contains("Bắc Kạn"),
            "{note}"
        );
    }

    #[test]
    fn a_province_clue_settles_the_name() {
        let l = run(
            "Huyện Chợ Mới chuẩn bị đại hội",
            &["Huyện ủy Chợ Mới, tỉnh An Giang tổ chức hội nghị triển khai công tác tuyên truyền."],
            &[],
            None,
        );
        assert_eq!(l.province.as_deref(), Some("89"));
        assert_eq!(l.district.as_deref(), Some("893"));
    }

    #[test]
    fn a_city_sharing_its_provinces_name_is_the_district() {
        let l = run(
            "",
            &["UBND thành phố Hà Tĩnh tổ chức buổi làm việc. Thành ủy chỉ đạo. Báo Hà Tĩnh đưa tin."],
            &[],
            None,
        );
        assert_eq!(l.province.as_deref(), Some("42"));
        assert_eq!(l.district.as_deref(), Some("436"));
        // The same words in a provincial page that names the province stay provincial.
        let l = run(
            "",
            &["Tỉnh ủy Hà Tĩnh chỉ đạo các huyện; Ban Thường vụ Tỉnh ủy, UBND tỉnh và thành phố Hà Tĩnh tham gia."],
            &[],
            None,
        );
        assert_eq!(l.province.as_deref(), Some("42"));
        assert_eq!(l.district, None);
    }

    #[test]
    fn a_place_ending_a_persons_name_is_not_a_mention() {
        let l = run(
            "",
            &["Đồng chí Trần Thái Bình phát biểu tại hội nghị."],
            &[],
            None,
        );
        assert_eq!(l.province, None);
        let l = run("", &["Báo Thái Bình đưa tin về hội nghị."], &[], None);
        assert_eq!(l.province.as_deref(), Some("34"));
    }

    #[test]
    fn communes_named_like_their_district_do_not_count() {
        let l = run("", &["Cán bộ xã Đầm Hà tuyên truyền."], &[], None);
        assert_eq!(l.district, None);
        assert_eq!(l.province, None);
    }

    #[test]
    fn footer_and_site_are_weak_but_usable() {
        let l = run(
            "",
            &["Ban Tuyên giáo Thị ủy tổ chức Hội nghị; Thị ủy chỉ đạo từ thị xã đến cơ sở."],
            &["Bản đồ thị xã Hồng Lĩnh"],
            None,
        );
        assert_eq!(l.district.as_deref(), Some("437"));
        assert_eq!(l.province.as_deref(), Some("42"));
        assert!(l.province_inferred);
        let l = run("", &["Tỉnh ủy chỉ đạo."], &[], Some("haiduong.gov.vn"));
        assert_eq!(l.province.as_deref(), Some("30"));
    }

    #[test]
    fn nothing_named_is_left_empty_with_a_note() {
        let l = run("", &["Huyện ủy tổ chức hội nghị."], &[], None);
        assert_eq!(l.province, None);
        assert!(l.note.unwrap().contains("never named"));
    }
}
