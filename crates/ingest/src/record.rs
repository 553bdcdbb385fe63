//! One article record: the public export shape, built from a page by the extractors and
//! corrected by overrides.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use bantin_core::{Congress, DateSpec, Event, Source};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::congress::{self, Place};
use crate::dates::YearContext;
use crate::events::{self, cut_clause};
use crate::gazetteer::Gazetteer;
use crate::locality::{self, Evidence, NameMatcher};
use crate::overrides::{Override, Overrides};
use crate::page;
use crate::text;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictRef {
    pub code: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub source_file: String,
    pub id: String,
    pub title: String,
    pub title_derived: bool,
    pub published: Option<DateSpec>,
    pub events: Vec<Event>,
    pub province: Option<ProvinceRef>,
    pub district: Option<DistrictRef>,
    pub congresses: Vec<Congress>,
    pub author: Option<String>,
    pub source: Source,
    pub body: Vec<String>,
    /// "BTG Thị ủy", "Ban Tuyên giáo Quận ủy": who the author writes for.
    pub author_affiliation: Option<String>,
    /// The article speaks of "Đại hội Đảng các cấp", the whole cycle.
    pub mentions_all_levels: bool,
    /// "high", "medium", "low" or "none".
    pub locality_confidence: String,
    pub locality_note: Option<String>,
    /// Per field: "extracted", "derived", "override" or "absent".
    pub provenance: BTreeMap<String, String>,
    pub warnings: Vec<String>,
}

/// The id: the file's stem, lower case, limited to URL-safe characters. It depends on
/// the name only, so an edited article keeps its id and its bookmarks.
pub fn id_for(source_file: &str) -> String {
    let stem = source_file
        .rsplit_once('.')
        .map(|(s, _)| s)
        .filter(|s| !s.is_empty())
        .unwrap_or(source_file);
    let id: String = stem
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let id = id.trim_matches('-').to_string();
    if id.is_empty() {
        "article".into()
    } else {
        id
    }
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(\s*[\p{Lu}\d.]{2,12}\s*\)\s*[-–—:]?\s*|[\p{Lu}\d.]{2,12}\s*[-–—:]\s*)")
        .unwrap()
});
static LEADING_WHEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:sáng|chiều|trưa|tối|đêm|ngày|vào|trong|hôm\s+nay|hôm\s+qua)\b[^,]{0,40}\d[^,]{0,20},\s*)").unwrap()
});

/// A headline for a page that has none: the lead's first sentence, without its dateline
/// ("TPHT- ") and opening time phrase ("Sáng ngày 06 tháng 2, "), cut at a clause.
pub fn derive_title(lead: &str) -> String {
    let mut s = lead.trim();
    if let Some(m) = DATELINE.find(s) {
        s = &s[m.end()..];
    }
    let sentence_end = s
        .match_indices(". ")
        .map(|(i, _)| i)
        .find(|&i| {
            let word = s[..i].rsplit(' ').next().unwrap_or("");
            word.chars().count() > 3 || word.chars().all(|c| c.is_lowercase())
        })
        .unwrap_or(s.len());
    let mut s = s[..sentence_end].trim_end_matches(['.', ' ']).to_string();
    if let Some(m) = LEADING_WHEN.find(&s) {
        s = s[m.end()..].to_string();
    }
    let mut out = cut_clause(&s, 160);
    if let Some(first) = out.chars().next() {
        let upper: String = first.to_uppercase().collect();
        out = format!("{upper}{}", &out[first.len_utf8()..]);
    }
    out
}

pub struct Context<'a> {
    pub gazetteer: &'a Gazetteer,
    pub matcher: &'a NameMatcher,
    pub overrides: &'a Overrides,
}

fn set(prov: &mut BTreeMap<String, String>, field: &str, how: &str) {
    prov.insert(field.to_string(), how.to_string());
}

/// Builds the record for one input file. `Err` is the reason it is not an article.
pub fn process(source_file: &str, bytes: &[u8], cx: &Context) -> Result<Record, String> {
    let g = cx.gazetteer;
    let clean = text::clean(bytes)?;
    let mut warnings = clean.warnings.clone();
    let page = page::parse(&clean.lines)?;
    let id = id_for(source_file);
    let ov: Override = cx
        .overrides
        .get(source_file, &id)
        .cloned()
        .unwrap_or_default();
    let mut prov = BTreeMap::new();

    let (mut title, title_derived) = match &page.title {
        Some(t) => {
            set(&mut prov, "title", "extracted");
            (t.clone(), false)
        }
        None => {
            set(&mut prov, "title", "derived");
            (derive_title(&page.body[0]), true)
        }
    };
    let mut title_derived = title_derived;
    if let Some(t) = ov.title.clone() {
        title = t;
        title_derived = false;
        set(&mut prov, "title", "override");
    }

    let mut published = page.published.map(DateSpec::Point);
    set(
        &mut prov,
        "published",
        if published.is_some() {
            "extracted"
        } else {
            "absent"
        },
    );
    if let Some(p) = ov.published.as_deref() {
        published = if p.is_empty() {
            None
        } else {
            Some(DateSpec::parse(p).map_err(|e| e.to_string())?)
        };
        set(&mut prov, "published", "override");
    }

    let mut source = Source {
        site: page.site.clone(),
        url: page.url.clone(),
    };
    set(
        &mut prov,
        "source",
        if source.site.is_some() {
            "extracted"
        } else {
            "absent"
        },
    );
    if ov.site.is_some() || ov.url.is_some() {
        if ov.site.is_some() {
            source.site = ov.site.clone();
        }
        if ov.url.is_some() {
            source.url = ov.url.clone();
        }
        set(&mut prov, "source", "override");
    }
    let mut author = page.author.clone();
    set(
        &mut prov,
        "author",
        if author.is_some() {
            "extracted"
        } else {
            "absent"
        },
    );
    if let Some(a) = ov.author.clone() {
        author = Some(a);
        set(&mut prov, "author", "override");
    }

    let stated_title = if title_derived { "" } else { title.as_str() };
    let loc = locality::resolve(
        g,
        cx.matcher,
        &Evidence {
            title: stated_title,
            body: &page.body,
            furniture: &page.furniture,
            site: source.site.as_deref(),
        },
    );
    let mut place = Place {
        province: loc.province.clone(),
        district: loc.district.clone(),
    };
    set(
        &mut prov,
        "province",
        match (&place.province, loc.province_inferred) {
            (None, _) => "absent",
            (Some(_), true) => "derived",
            (Some(_), false) => "extracted",
        },
    );
    set(
        &mut prov,
        "district",
        if place.district.is_some() {
            "extracted"
        } else {
            "absent"
        },
    );
    let mut locality_note = loc.note.clone();
    let mut confidence = loc.confidence.to_string();
    if ov.province.is_some() || ov.district.is_some() {
        if let Some(d) = &ov.district {
            place.district = Some(d.clone());
            place.province = g.district(d).map(|d| d.province.clone());
            set(&mut prov, "district", "override");
        } else if ov.province.is_some() {
            place.district = None;
            set(&mut prov, "district", "override");
        }
        if let Some(p) = &ov.province {
            place.province = Some(p.clone());
        }
        set(&mut prov, "province", "override");
        confidence = "override".into();
        locality_note = None;
    }

    let ctx = YearContext::from_text(published.map(|p| *p.start()), &page.body);
    let found = congress::extract(g, &place, stated_title, &page.body, &ctx);
    warnings.extend(found.warnings);
    let (events, event_warnings) = events::extract(&page.body, &ctx, &found.used_dates);
    warnings.extend(event_warnings);

    if published.is_none() {
        warnings.push("no publication date stated".into());
    }
    if place.province.is_none() {
        warnings.push("locality not resolved".into());
    }
    if title_derived {
        warnings.push("no headline; title derived from the lead".into());
    }

    Ok(Record {
        source_file: source_file.to_string(),
        id,
        title,
        title_derived,
        published,
        events,
        province: place
            .province
            .as_deref()
            .and_then(|c| g.province(c))
            .map(|p| ProvinceRef {
                code: p.code.clone(),
                name: p.short.clone(),
            }),
        district: place
            .district
            .as_deref()
            .and_then(|c| g.district(c))
            .map(|d| DistrictRef {
                code: d.code.clone(),
                name: d.short.clone(),
                kind: d.kind.word().to_string(),
            }),
        congresses: found.congresses,
        author,
        source,
        body: page.body,
        author_affiliation: page.affiliation,
        mentions_all_levels: found.mentions_all_levels,
        locality_confidence: confidence,
        locality_note,
        provenance: prov,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Arbitrary text made of the pieces pages are made of must never panic the
    /// extractors: it is either an article or a reasoned rejection.
    #[test]
    fn arbitrary_text_never_panics() {
        let g = crate::gazetteer::test_gazetteer();
        let matcher = NameMatcher::new(&g);
        let overrides = Overrides::default();
        let cx = Context {
            gazetteer: &g,
            matcher: &matcher,
            overrides: &overrides,
        };
        let pieces = [
            "Đại hội",
            "Đảng bộ",
            "huyện",
            "Đầm Hà",
            "lần thứ",
            "XXV",
            "khóa",
            "10",
            "/",
            "-",
            "–",
            ",",
            ".",
            " ",
            "\n",
            "ngày",
            "tháng",
            "năm",
            "2020",
            "29-30/7",
            "3,4 và 5/8",
            "Sáng",
            "từ",
            "đến",
            "Thứ Bảy,",
            "6/15/2020 8:01:46 AM",
            "|",
            "(",
            ")",
            "Huyện ủy",
            "thành phố",
            "Hà Tĩnh",
            "Tin, ảnh:",
            "Nguồn:",
            "của Đảng",
            "toàn quốc",
            "Thống kê:",
            "ẫ",
            "\u{301}",
            "<p>",
            "&amp;",
            "nhiệm kỳ 2020 - 2025",
            "tới đây",
            "Nghị quyết",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..400 {
            let mut text = String::new();
            let len = (seed >> 33) % 300;
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let piece = pieces[((seed >> 33) as usize) % pieces.len()];
                text.push_str(piece);
                text.push(' ');
            }
            let _ = process("fuzz.txt", text.as_bytes(), &cx);
        }
    }

    #[test]
    fn an_override_applies_is_recorded_and_feeds_the_congress_units() {
        let g = crate::gazetteer::test_gazetteer();
        let matcher = NameMatcher::new(&g);
        let page = "Sáng 11/6, Ban Tuyên giáo Huyện ủy tổ chức hội nghị triển khai công tác tuyên truyền phục vụ Đại hội Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2020 - 2025.";
        let none = Overrides::default();
        let cx = Context {
            gazetteer: &g,
            matcher: &matcher,
            overrides: &none,
        };
        let plain = process("a.txt", page.as_bytes(), &cx).unwrap();
        assert_eq!(plain.province, None);
        assert_eq!(plain.provenance["district"], "absent");
        assert_eq!(plain.congresses[0].unit, "Đảng bộ huyện");
        assert_eq!(plain.events[0].date.to_string(), "--06-11");

        let overrides =
            Overrides::parse("[a]\ndistrict = \"200\"\npublished = \"2020-06-12\"\n", &g).unwrap();
        let cx = Context {
            overrides: &overrides,
            ..cx
        };
        let r = process("a.txt", page.as_bytes(), &cx).unwrap();
        assert_eq!(r.district.as_ref().unwrap().code, "200");
        assert_eq!(r.province.as_ref().unwrap().code, "22");
        assert_eq!(r.published.unwrap().to_string(), "2020-06-12");
        for field in ["district", "province", "published"] {
            assert_eq!(r.provenance[field], "override", "{field}");
        }
        assert_eq!(r.provenance["title"], "derived");
        assert_eq!(r.locality_confidence, "override");
        // The overridden place and date are what the extractors work from.
        assert_eq!(r.congresses[0].unit, "Đảng bộ huyện Đầm Hà");
        assert_eq!(r.congresses[0].locality.as_deref(), Some("200"));
        assert_eq!(r.events[0].date.to_string(), "2020-06-11");
    }

    #[test]
    fn ids_come_from_file_names() {
        assert_eq!(id_for("003_267ec1fad5aef6e3.txt"), "003_267ec1fad5aef6e3");
        assert_eq!(id_for("Bài Viết 1.html"), "b-i-vi-t-1");
        assert_eq!(id_for(".txt"), "txt");
    }

    #[test]
    fn derived_titles_drop_datelines_and_time_phrases() {
        assert_eq!(
            derive_title("Sáng ngày 20/02/2020, Ban Tuyên giáo Thị ủy tổ chức Hội nghị triển khai nhiệm vụ công tác tuyên truyền, khoa giáo năm 2020. Các đồng chí chủ trì."),
            "Ban Tuyên giáo Thị ủy tổ chức Hội nghị triển khai nhiệm vụ công tác tuyên truyền, khoa giáo năm 2020"
        );
        assert_eq!(
            derive_title("TPHT- Sáng ngày 06 tháng 2, UBND thành phố tổ chức buổi làm việc."),
            "UBND thành phố tổ chức buổi làm việc"
        );
    }
}
