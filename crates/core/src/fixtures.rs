//! Builders shared by the unit tests.

use crate::model::{ArticleMeta, Source};

/// An article with an id and a title and nothing else known.
pub fn article(id: &str, title: &str) -> ArticleMeta {
    ArticleMeta {
        id: id.into(),
        title: title.into(),
        title_derived: false,
        published: None,
        province: None,
        district: None,
        congresses: vec![],
        events: vec![],
        author: None,
        source: Source {
            site: None,
            url: None,
        },
        excerpt: String::new(),
        body_chars: 0,
    }
}
