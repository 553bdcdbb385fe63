//! Pages rendered at build time from the app's own views (`ssr`), so that the two cannot
//! drift: the list and each article, readable before any script has run. The browser app
//! takes them over once its data has arrived (see `start`).

use std::sync::Arc;

use bantin_core::ArticleBody;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;

use crate::app::{App, AppData, Preloaded};
use crate::embed::Host;

/// The markup of the app's root for `address` (relative to the app's folder, as
/// [`bantin_core::state::ViewState::to_address`] writes it), with `body` for an article.
pub fn render(data: &Arc<AppData>, address: &str, body: Option<(String, ArticleBody)>) -> String {
    // A server-side owner: Leptos then sets up no browser listeners and runs no effects.
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let preloaded = Preloaded {
        data: data.clone(),
        body,
    };
    let state = bantin_core::state::ViewState::from_address(address);
    // The state is read from `initial`, as an app held in memory reads it (no address bar):
    // its query, with the article of a `bai-<id>.html` page written as `a=<id>`.
    let initial = state.to_query_string();
    // Embedded pages (a locality's) are framed by a portal, as the app decides in `start`.
    let host = Host::of(&state);
    let view =
        owner.with(|| view! { <App host=host initial=initial preloaded=preloaded /> }.to_html());
    drop(owner);
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_core::Catalog;

    fn data() -> Arc<AppData> {
        let article = |id: &str, title: &str, date: &str| {
            let (province, district) = if id == "hanoi" {
                ("01", "002")
            } else {
                ("22", "200")
            };
            serde_json::json!({
                "id": id, "title": title, "title_derived": false, "published": date,
                "province": province, "district": district, "congresses": [], "events": [],
                "author": null, "source": {"site": null, "url": null},
                "excerpt": format!("{title}: excerpt"), "body_chars": 40
            })
        };
        let catalog: Catalog = serde_json::from_value(serde_json::json!({
            "schema": 1, "version": "t",
            "provinces": [{"code": "01", "name": "Hà Nội",
                           "districts": [{"code": "002", "name": "Hoàn Kiếm", "type": "quận"}]},
                          {"code": "22", "name": "Quảng Ninh",
                           "districts": [{"code": "200", "name": "Đầm Hà", "type": "huyện"}]}],
            "articles": [
                article("older", "Đại hội Đảng bộ huyện Đầm Hà", "2020-03-01"),
                article("newer", "<script>alert(1)</script> & Co", "2020-06-01"),
                article("hanoi", "Đại hội Đảng bộ quận Hoàn Kiếm", "2019-01-01"),
            ]
        }))
        .expect("a catalog");
        Arc::new(AppData::new(catalog))
    }

    #[test]
    fn the_list_has_every_title_with_its_page_and_no_bodies() {
        let html = render(&data(), "./", None);
        assert!(html.starts_with("<div"), "{html}");
        let newer = html
            .find("bai-newer.html")
            .expect("the newer article's link");
        let older = html
            .find("bai-older.html")
            .expect("the older article's link");
        assert!(newer < older, "newest first");
        assert!(html.contains("Đại hội Đảng bộ huyện Đầm Hà"));
        assert!(!html.contains("bt-body"), "no article text in the list");
        // The controls that need the app say so and cannot be used yet.
        assert!(html.contains("bt-static-loading"));
        assert!(html.contains("<noscript>"));
        assert!(html.contains("<aside inert"));
    }

    #[test]
    fn scraped_text_is_text_never_markup() {
        let html = render(&data(), "./", None);
        assert!(!html.contains("<script>alert(1)</script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    }

    #[test]
    fn an_article_page_has_its_text_and_a_way_back() {
        let body = ArticleBody {
            id: "older".into(),
            body: vec!["Đoạn một.".into(), "Đoạn <b>hai</b>.".into()],
        };
        let html = render(&data(), "bai-older.html", Some(("older".into(), body)));
        // `<!>` marks where a component's text ends (markup the live app's takeover ignores).
        assert!(html.contains("<p>Đoạn một.<!></p>"), "{html}");
        assert!(html.contains("<p>Đoạn &lt;b&gt;hai&lt;/b&gt;.<!></p>"));
        assert!(html.contains("class=\"bt-back\"") && html.contains("href=\"./\""));
        // Its neighbour in the list is linked by its page.
        assert!(html.contains("href=\"bai-newer.html\""));
    }

    #[test]
    fn a_locality_page_is_the_embedded_list_of_that_locality() {
        let html = render(&data(), "nhung-d200.html", None);
        assert!(html.contains("bt-embedded"), "{html}");
        assert!(html.contains("bai-newer.html") && html.contains("bai-older.html"));
        assert!(!html.contains("bai-hanoi.html"), "{html}");
        let hanoi = render(&data(), "nhung-p01.html", None);
        assert!(hanoi.contains("bai-hanoi.html"), "{hanoi}");
        assert!(!hanoi.contains("bai-newer.html") && !hanoi.contains("bai-older.html"));
    }

    #[test]
    fn an_article_without_its_text_says_it_is_loading() {
        let html = render(&data(), "bai-older.html", None);
        assert!(html.contains("id=\"bt-article-title\""));
        assert!(!html.contains("<div class=\"bt-body\"><p>"), "{html}");
        assert!(html.contains("bt-body"));
    }
}
