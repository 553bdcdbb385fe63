//! The article set as the app downloads it.
//!
//! Two shapes exist on the wire, both written by the ingest tool:
//! - [`Catalog`] (`data/catalog.json`): everything the list, the filters and the timeline
//!   need, for every article, with a short excerpt but no bodies. It is what a first visit
//!   downloads, so it stays small as the set grows.
//! - [`ArticleBody`] (`data/articles/<id>.json`): one article's paragraphs, fetched when the
//!   article is opened.

use serde::{Deserialize, Serialize};

use crate::date::DateSpec;

/// Version of the catalog format. Bumped on any incompatible change, so an app never
/// misreads a data set written for another version.
pub const CATALOG_SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub schema: u32,
    /// A digest of the whole data set: changes whenever any article changes.
    pub version: String,
    /// Only the provinces and districts that some article refers to, in GSO code order.
    pub provinces: Vec<Province>,
    /// Articles in a stable order (by id).
    pub articles: Vec<ArticleMeta>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Province {
    /// Two-digit GSO code.
    pub code: String,
    /// Short name without the type word: "Hà Tĩnh".
    pub name: String,
    pub districts: Vec<District>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    /// Three-digit GSO code.
    pub code: String,
    /// Short name: "Đầm Hà", "Quận 1".
    pub name: String,
    /// Type word in Vietnamese, lower case: "huyện", "quận", "thị xã", "thành phố".
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub id: String,
    pub title: String,
    /// True when the page had no headline and the title was derived from the lead.
    #[serde(default)]
    pub title_derived: bool,
    /// Publication date as the page states it; `None` when it states none.
    pub published: Option<DateSpec>,
    /// GSO province code, when the locality could be resolved.
    pub province: Option<String>,
    /// GSO district code, when the article is about one district.
    pub district: Option<String>,
    #[serde(default)]
    pub congresses: Vec<Congress>,
    #[serde(default)]
    pub events: Vec<Event>,
    pub author: Option<String>,
    pub source: Source,
    /// The first words of the body, for the list.
    pub excerpt: String,
    /// Number of characters in the body, so "save for offline" can show a size first.
    #[serde(default)]
    pub body_chars: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub site: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Commune,
    District,
    Province,
    National,
}

impl Tier {
    pub const ALL: [Tier; 4] = [
        Tier::National,
        Tier::Province,
        Tier::District,
        Tier::Commune,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Commune => "commune",
            Tier::District => "district",
            Tier::Province => "province",
            Tier::National => "national",
        }
    }

    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The congress the article is about.
    Subject,
    /// Another congress of the same cycle.
    Mentioned,
    /// An earlier congress whose resolution is referenced.
    Previous,
}

impl Role {
    /// The name on the wire (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Subject => "subject",
            Role::Mentioned => "mentioned",
            Role::Previous => "previous",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Congress {
    pub tier: Tier,
    /// The organisation holding it: "Đảng bộ huyện Đầm Hà", "Đảng Cộng sản Việt Nam".
    pub unit: String,
    /// Roman numeral: "XXV".
    pub ordinal: Option<String>,
    /// "2020-2025".
    pub term: Option<String>,
    pub date: Option<DateSpec>,
    pub role: Role,
    /// GSO code of the unit's locality (province or district), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
}

impl Congress {
    /// A key that identifies the same congress across articles.
    pub fn key(&self) -> String {
        format!(
            "{}|{}|{}",
            self.tier.as_str(),
            self.unit,
            self.ordinal.as_deref().unwrap_or("")
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub date: DateSpec,
    /// What happened, in the article's words (one short clause).
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleBody {
    pub id: String,
    pub body: Vec<String>,
}

impl Catalog {
    pub fn province(&self, code: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.code == code)
    }

    pub fn district(&self, code: &str) -> Option<(&Province, &District)> {
        self.provinces
            .iter()
            .find_map(|p| p.districts.iter().find(|d| d.code == code).map(|d| (p, d)))
    }

    /// "Đầm Hà, Quảng Ninh", "Hải Dương", or `None`.
    pub fn locality_label(&self, article: &ArticleMeta) -> Option<String> {
        self.locality_label_of(article.province.as_deref(), article.district.as_deref())
    }

    /// "huyện Đầm Hà, Quảng Ninh" for a district, the province's name for a province alone.
    pub fn locality_label_of(
        &self,
        province: Option<&str>,
        district: Option<&str>,
    ) -> Option<String> {
        if let Some((p, d)) = district.and_then(|c| self.district(c)) {
            return Some(format!("{} {}, {}", d.kind, d.name, p.name));
        }
        province
            .and_then(|c| self.province(c))
            .map(|p| p.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_are_the_wire_names() {
        for role in [Role::Subject, Role::Mentioned, Role::Previous] {
            let wire = serde_json::to_string(&role).unwrap();
            assert_eq!(wire, format!("\"{}\"", role.as_str()));
        }
    }
}
