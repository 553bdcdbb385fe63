//! The app's bundled data: `catalog.json` (everything the list, filters and timeline
//! need, no bodies), `articles/<id>.json` (one body each, fetched when opened) and
//! `search/<key>.json` (index shards, fetched per typed word).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bantin_core::search::IndexBuilder;
use bantin_core::{ArticleBody, ArticleMeta, Catalog, District, Province, CATALOG_SCHEMA};
use sha2::{Digest, Sha256};

use crate::gazetteer::Gazetteer;
use crate::record::Record;
use crate::text::cut_at_word;

/// Files of the data set, by path relative to the output folder, in a stable order.
pub type Files = BTreeMap<String, String>;

pub fn excerpt(body: &[String]) -> String {
    cut_at_word(&body.join(" "), 200)
}

/// Everything `build` writes, as (relative path → contents). The catalog's `version` is
/// a digest of every other file and of the catalog itself without it.
pub fn render(records: &[Record], g: &Gazetteer) -> Files {
    let mut records: Vec<&Record> = records.iter().collect();
    records.sort_by(|a, b| a.id.cmp(&b.id));
    let mut files = Files::new();
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut index = IndexBuilder::new();
    let mut articles = Vec::new();
    for (doc, r) in records.iter().enumerate() {
        if let Some(p) = &r.province {
            let districts = used.entry(p.code.clone()).or_default();
            if let Some(d) = &r.district {
                districts.insert(d.code.clone());
            }
        }
        index.add(doc as u32, &r.title, &r.body);
        let body = ArticleBody {
            id: r.id.clone(),
            body: r.body.clone(),
        };
        files.insert(
            format!("articles/{}.json", r.id),
            serde_json::to_string(&body).expect("body serialises"),
        );
        articles.push(ArticleMeta {
            id: r.id.clone(),
            title: r.title.clone(),
            title_derived: r.title_derived,
            published: r.published,
            province: r.province.as_ref().map(|p| p.code.clone()),
            district: r.district.as_ref().map(|d| d.code.clone()),
            congresses: r.congresses.clone(),
            events: r.events.clone(),
            author: r.author.clone(),
            source: r.source.clone(),
            excerpt: excerpt(&r.body),
            body_chars: r.body.iter().map(|p| p.chars().count()).sum::<usize>() as u32,
        });
    }
    for (key, shard) in index.finish() {
        files.insert(
            format!("search/{key}.json"),
            serde_json::to_string(&shard).expect("shard serialises"),
        );
    }
    let provinces = used
        .into_iter()
        .filter_map(|(code, districts)| {
            let p = g.province(&code)?;
            Some(Province {
                code: p.code.clone(),
                name: p.short.clone(),
                districts: districts
                    .into_iter()
                    .filter_map(|d| g.district(&d))
                    .map(|d| District {
                        code: d.code.clone(),
                        name: d.short.clone(),
                        kind: d.kind.word().to_string(),
                    })
                    .collect(),
            })
        })
        .collect();
    let mut catalog = Catalog {
        schema: CATALOG_SCHEMA,
        version: String::new(),
        provinces,
        articles,
    };
    let mut hasher = Sha256::new();
    for (path, content) in &files {
        hasher.update(path.as_bytes());
        hasher.update([0]);
        hasher.update(content.as_bytes());
        hasher.update([0]);
    }
    hasher.update(serde_json::to_string(&catalog).expect("catalog serialises"));
    let digest = hasher.finalize();
    catalog.version = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    files.insert(
        "catalog.json".into(),
        serde_json::to_string(&catalog).expect("catalog serialises"),
    );
    files
}

/// Writes the files, replacing the data set's folders so no stale body or shard stays.
pub fn write(out: &Path, files: &Files) -> std::io::Result<()> {
    for sub in ["articles", "search"] {
        let dir = out.join(sub);
        if dir.is_dir() {
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "json") {
                    std::fs::remove_file(path)?;
                }
            }
        }
    }
    for (rel, content) in files {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, content)?;
    }
    Ok(())
}
