//! The build-time entry point: writes the list and one page per article, rendered from the
//! app's own views, into a built site (after `trunk build`, before `scripts/postbuild.mjs`).
//!
//!     prerender <data dir> <site dir>
//!
//! `<site dir>/index.html` (Trunk's output) is the shell every page is made from: the home
//! list goes into it, and each article's page is a copy beside it, `bai-<id>.html`, so the
//! same relative URLs work from all of them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use bantin_app::app::AppData;
use bantin_app::prerender::render;
use bantin_core::state::{article_path, locality_page_path, ARTICLE_PAGE_PREFIX};
use bantin_core::text::html_escape;
use bantin_core::{ArticleBody, Catalog};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data_dir, site_dir] = args.as_slice() else {
        eprintln!("usage: prerender <data dir> <site dir>");
        return ExitCode::from(2);
    };
    match run(Path::new(data_dir), Path::new(site_dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(data_dir: &Path, site_dir: &Path) -> Result<(), String> {
    let shell_path = site_dir.join("index.html");
    let shell = read_text(&shell_path)?;
    let catalog_path = data_dir.join("catalog.json");
    let catalog: Catalog = serde_json::from_slice(&read(&catalog_path)?)
        .map_err(|e| format!("{}: {e}", catalog_path.display()))?;
    let data = Arc::new(AppData::new(catalog));

    let home = Page {
        title: None,
        description: None,
        app: render(&data, "./", None),
    };
    write(&shell_path, &home.fill(&shell)?)?;

    let mut written = 0;
    let mut without_body = 0;
    for article in &data.catalog.articles {
        let address = article_path(&article.id);
        if address != format!("{ARTICLE_PAGE_PREFIX}{}.html", article.id) {
            // A file name that differs from its address would be served by no server alike.
            eprintln!(
                "prerender: article {:?} has characters a page name cannot carry; it opens through the app only",
                article.id
            );
            continue;
        }
        let body_path = data_dir
            .join("articles")
            .join(format!("{}.json", article.id));
        let body = match read(&body_path).and_then(|b| {
            serde_json::from_slice::<ArticleBody>(&b)
                .map_err(|e| format!("{}: {e}", body_path.display()))
        }) {
            Ok(b) => Some((article.id.clone(), b)),
            Err(e) => {
                // The page is still written: its metadata, and the app fetches the body.
                eprintln!("prerender: {e}; the page of {} has no text", article.id);
                without_body += 1;
                None
            }
        };
        let page = Page {
            title: Some(article.title.clone()),
            description: Some(article.excerpt.clone()),
            app: render(&data, &address, body),
        };
        write(&site_dir.join(&address), &page.fill(&shell)?)?;
        written += 1;
    }
    // Each locality with articles, as a portal's frame shows it.
    let mut localities = std::collections::BTreeSet::new();
    for article in &data.catalog.articles {
        if let Some(p) = &article.province {
            localities.insert(('p', p.clone()));
        }
        if let Some(d) = &article.district {
            localities.insert(('d', d.clone()));
        }
    }
    for (kind, code) in &localities {
        let address = locality_page_path(*kind, code);
        if address.contains('%') {
            eprintln!("prerender: locality code {code:?} has characters a page name cannot carry");
            continue;
        }
        let page = Page {
            title: data.catalog.locality_label_of(
                (*kind == 'p').then_some(code.as_str()),
                (*kind == 'd').then_some(code.as_str()),
            ),
            description: None,
            app: render(&data, &address, None),
        };
        write(&site_dir.join(&address), &page.fill(&shell)?)?;
    }
    eprintln!(
        "prerender: {} locality pages (nhung-<p|d><code>.html) written",
        localities.len()
    );
    eprintln!(
        "prerender: {} and {written} article pages ({ARTICLE_PAGE_PREFIX}<id>.html) written{}",
        shell_path.display(),
        if without_body > 0 {
            format!(" ({without_body} without their text)")
        } else {
            String::new()
        }
    );
    Ok(())
}

/// One page made from the shell.
struct Page {
    /// Prepended to the shell's `<title>`.
    title: Option<String>,
    /// Replaces the shell's description.
    description: Option<String>,
    /// The rendered app, put first in `<body>`.
    app: String,
}

impl Page {
    fn fill(&self, shell: &str) -> Result<String, String> {
        let mut html = shell.to_string();
        if let Some(title) = &self.title {
            html = insert_after(&html, "<title>", &format!("{} — ", escape(title)))?;
        }
        if let Some(description) = &self.description {
            let start = html
                .find("<meta name=\"description\" content=\"")
                .ok_or("the shell has no description")?
                + "<meta name=\"description\" content=\"".len();
            let end = start + html[start..].find('"').ok_or("unterminated description")?;
            html.replace_range(start..end, &escape(description));
        }
        insert_after(&html, "<body>", &self.app)
    }
}

fn insert_after(html: &str, marker: &str, what: &str) -> Result<String, String> {
    let at = html
        .find(marker)
        .ok_or_else(|| format!("the shell has no {marker}"))?
        + marker.len();
    Ok(format!("{}{what}{}", &html[..at], &html[at..]))
}

/// Text as HTML text or attribute value: scraped titles are text, never markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    html_escape(text, &mut out);
    out
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    String::from_utf8(read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &PathBuf, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<html><head><meta charset=\"utf-8\">\
        <meta name=\"description\" content=\"Tin tức\"><title>Bản tin Đại hội</title></head>\
        <body></body></html>";

    #[test]
    fn a_page_is_the_shell_with_its_title_description_and_app() {
        let page = Page {
            title: Some("Đại hội <b>\"XXV\"</b> & co".into()),
            description: Some("Mở đầu <i>bài</i>\nviết".into()),
            app: "<div class=\"bt-app\">…</div>".into(),
        };
        let html = page.fill(SHELL).expect("a page");
        assert!(html.contains(
            "<title>Đại hội &lt;b&gt;&quot;XXV&quot;&lt;/b&gt; &amp; co — Bản tin Đại hội</title>"
        ));
        assert!(html.contains("content=\"Mở đầu &lt;i&gt;bài&lt;/i&gt; viết\""));
        assert!(html.contains("<body><div class=\"bt-app\">…</div></body>"));
    }

    #[test]
    fn a_shell_without_a_body_is_refused() {
        let page = Page {
            title: None,
            description: None,
            app: String::new(),
        };
        assert!(page.fill("<html></html>").is_err());
    }
}
