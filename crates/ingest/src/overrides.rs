//! `data/overrides.toml`: facts about single articles that no rule can know (a date the
//! page omits, a locality it never names). Each entry is keyed by source file name or
//! article id; every field it sets is marked "override" in the record's provenance.

use std::collections::BTreeMap;

use bantin_core::DateSpec;
use serde::Deserialize;

use crate::gazetteer::Gazetteer;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub title: Option<String>,
    /// A DateSpec string, or "" for "the page states none".
    pub published: Option<String>,
    /// GSO province code.
    pub province: Option<String>,
    /// GSO district code; implies its province.
    pub district: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Overrides {
    entries: BTreeMap<String, Override>,
}

impl Overrides {
    pub fn parse(text: &str, g: &Gazetteer) -> Result<Overrides, String> {
        let entries: BTreeMap<String, Override> =
            toml::from_str(text).map_err(|e| format!("invalid overrides file: {e}"))?;
        for (key, o) in &entries {
            if let Some(p) = o.published.as_deref().filter(|p| !p.is_empty()) {
                DateSpec::parse(p).map_err(|e| format!("override {key:?}: published: {e}"))?;
            }
            if let Some(p) = &o.province {
                if g.province(p).is_none() {
                    return Err(format!("override {key:?}: unknown province code {p:?}"));
                }
            }
            if let Some(d) = &o.district {
                let Some(district) = g.district(d) else {
                    return Err(format!("override {key:?}: unknown district code {d:?}"));
                };
                if o.province.as_ref().is_some_and(|p| *p != district.province) {
                    return Err(format!(
                        "override {key:?}: district {d} is not in province {}",
                        o.province.as_deref().unwrap_or("")
                    ));
                }
            }
        }
        Ok(Overrides { entries })
    }

    /// The entry for a file, looked up by file name, then by id.
    pub fn get(&self, source_file: &str, id: &str) -> Option<&Override> {
        self.entries
            .get(source_file)
            .or_else(|| self.entries.get(id))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::test_gazetteer;

    #[test]
    fn parses_and_validates() {
        let g = test_gazetteer();
        let o = Overrides::parse(
            "[\"a.txt\"]\npublished = \"2020-05\"\ndistrict = \"200\"\n",
            &g,
        )
        .unwrap();
        assert_eq!(
            o.get("a.txt", "a").unwrap().district.as_deref(),
            Some("200")
        );
        assert!(Overrides::parse("[x]\npublished = \"2020-13\"\n", &g).is_err());
        assert!(Overrides::parse("[x]\ndistrict = \"999\"\n", &g).is_err());
        assert!(Overrides::parse("[x]\nprovince = \"42\"\ndistrict = \"200\"\n", &g).is_err());
        assert!(Overrides::parse("[x]\ncolour = \"red\"\n", &g).is_err());
        assert!(Overrides::parse("# only comments\n", &g)
            .unwrap()
            .keys()
            .next()
            .is_none());
    }
}
