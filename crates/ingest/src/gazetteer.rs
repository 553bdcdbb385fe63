//! The province/district gazetteer (`data/vn-admin-2020.json`), indexed for matching the
//! names that articles write. Names repeat across the country, so lookups return every
//! unit that carries a name and leave the choice to the locality scorer.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DistrictKind {
    Huyen,
    Quan,
    ThiXa,
    ThanhPho,
}

impl DistrictKind {
    pub fn parse(s: &str) -> Option<DistrictKind> {
        match s {
            "huyen" => Some(DistrictKind::Huyen),
            "quan" => Some(DistrictKind::Quan),
            "thi-xa" => Some(DistrictKind::ThiXa),
            "thanh-pho" => Some(DistrictKind::ThanhPho),
            _ => None,
        }
    }

    /// The type word as articles write it, lower case.
    pub fn word(self) -> &'static str {
        match self {
            DistrictKind::Huyen => "huyện",
            DistrictKind::Quan => "quận",
            DistrictKind::ThiXa => "thị xã",
            DistrictKind::ThanhPho => "thành phố",
        }
    }

    pub fn from_word(word: &str) -> Option<DistrictKind> {
        match fold(word).as_str() {
            "huyện" => Some(DistrictKind::Huyen),
            "quận" => Some(DistrictKind::Quan),
            "thị xã" => Some(DistrictKind::ThiXa),
            "thành phố" | "tp" | "tp." => Some(DistrictKind::ThanhPho),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct District {
    pub code: String,
    pub short: String,
    pub kind: DistrictKind,
    /// Earlier types of the same code (a huyện that became a thị xã is still written
    /// "huyện X" in older articles).
    pub former_kinds: Vec<DistrictKind>,
    pub province: String,
    pub valid_to: Option<String>,
    pub merged_into: Option<String>,
    pub slug: String,
}

#[derive(Debug, Clone)]
pub struct Province {
    pub code: String,
    pub short: String,
    /// A centrally-run city (Hà Nội, Hải Phòng, …): its organs are "Thành ủy", "Đảng bộ
    /// thành phố", and its congress is province tier.
    pub is_city: bool,
    pub slug: String,
    pub districts: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub provinces: BTreeMap<String, Province>,
    pub districts: BTreeMap<String, District>,
    /// Folded name → province codes.
    province_names: BTreeMap<String, Vec<String>>,
    /// Folded name → district codes (every province).
    district_names: BTreeMap<String, Vec<String>>,
    names_as_written: Vec<String>,
}

#[derive(Deserialize)]
struct RawFile {
    provinces: Vec<RawProvince>,
}

#[derive(Deserialize)]
struct RawProvince {
    code: String,
    short: String,
    #[serde(rename = "type")]
    kind: String,
    slug: String,
    #[serde(default)]
    aliases: Vec<String>,
    districts: Vec<RawDistrict>,
}

#[derive(Deserialize)]
struct RawDistrict {
    code: String,
    short: String,
    #[serde(rename = "type")]
    kind: String,
    slug: String,
    #[serde(default)]
    valid_to: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    history: Vec<RawHistory>,
    #[serde(default)]
    merged_into: Option<String>,
}

#[derive(Deserialize)]
struct RawHistory {
    short: String,
    #[serde(rename = "type")]
    kind: String,
}

/// Drops a leading type word from an alias such as "Tỉnh Hoà Bình" or "Huyện Nà Hang".
fn strip_type_word(name: &str) -> &str {
    let folded = fold(name);
    for word in ["thành phố ", "thị xã ", "huyện ", "quận ", "tỉnh "] {
        if folded.starts_with(word) {
            // Type words are the same length folded and unfolded (lowercasing keeps the
            // byte length of these letters).
            return name[word.len()..].trim();
        }
    }
    name
}

impl Gazetteer {
    pub fn from_json(json: &str) -> Result<Gazetteer, String> {
        let raw: RawFile =
            serde_json::from_str(json).map_err(|e| format!("not a gazetteer file: {e}"))?;
        let mut g = Gazetteer::default();
        for p in raw.provinces {
            let is_city = p.kind == "thanh-pho-truc-thuoc-trung-uong";
            let mut names = vec![p.short.clone()];
            names.extend(p.aliases.iter().map(|a| strip_type_word(a).to_string()));
            for n in names {
                g.add_province_name(&n, &p.code);
            }
            let mut codes = Vec::new();
            for d in p.districts {
                let Some(kind) = DistrictKind::parse(&d.kind) else {
                    continue;
                };
                let mut names = vec![d.short.clone()];
                names.extend(d.aliases.iter().map(|a| strip_type_word(a).to_string()));
                let mut former_kinds = Vec::new();
                for h in &d.history {
                    names.push(h.short.clone());
                    if let Some(k) = DistrictKind::parse(&h.kind) {
                        if k != kind && !former_kinds.contains(&k) {
                            former_kinds.push(k);
                        }
                    }
                }
                for n in names {
                    g.add_district_name(&n, &d.code);
                }
                codes.push(d.code.clone());
                g.districts.insert(
                    d.code.clone(),
                    District {
                        code: d.code,
                        short: d.short,
                        kind,
                        former_kinds,
                        province: p.code.clone(),
                        valid_to: d.valid_to,
                        merged_into: d.merged_into,
                        slug: d.slug,
                    },
                );
            }
            g.provinces.insert(
                p.code.clone(),
                Province {
                    code: p.code,
                    short: p.short,
                    is_city,
                    slug: p.slug,
                    districts: codes,
                },
            );
        }
        if g.provinces.is_empty() {
            return Err("gazetteer lists no provinces".into());
        }
        Ok(g)
    }

    fn remember_name(&mut self, name: &str) {
        self.names_as_written.push(name.to_string());
    }

    fn add_province_name(&mut self, name: &str, code: &str) {
        self.remember_name(name);
        let list = self.province_names.entry(fold(name)).or_default();
        if !list.iter().any(|c| c == code) {
            list.push(code.to_string());
        }
    }

    fn add_district_name(&mut self, name: &str, code: &str) {
        self.remember_name(name);
        let list = self.district_names.entry(fold(name)).or_default();
        if !list.iter().any(|c| c == code) {
            list.push(code.to_string());
        }
    }

    pub fn provinces_named(&self, name: &str) -> &[String] {
        self.province_names
            .get(&fold(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn districts_named(&self, name: &str) -> &[String] {
        self.district_names
            .get(&fold(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Every name and alias as written (capitalised), for building matchers.
    pub fn all_names(&self) -> Vec<String> {
        self.names_as_written.clone()
    }

    pub fn province(&self, code: &str) -> Option<&Province> {
        self.provinces.get(code)
    }

    pub fn district(&self, code: &str) -> Option<&District> {
        self.districts.get(code)
    }
}

#[cfg(test)]
pub(crate) fn test_gazetteer() -> Gazetteer {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/vn-admin-2020.json");
    Gazetteer::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_repeat_across_provinces() {
        let g = test_gazetteer();
        let cho_moi = g.districts_named("Chợ Mới");
        assert_eq!(cho_moi.len(), 2);
        assert_eq!(g.districts_named("Đầm Hà"), ["200".to_string()]);
        assert_eq!(g.provinces_named("Hà Tĩnh"), ["42".to_string()]);
        assert_eq!(g.districts_named("hà tĩnh"), ["436".to_string()]);
        // Old tone placement is an alias.
        assert_eq!(
            g.provinces_named("Thanh Hoá"),
            g.provinces_named("Thanh Hóa")
        );
    }
}
