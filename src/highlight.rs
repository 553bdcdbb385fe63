//! Search matches wrapped in `<mark>`, built as text nodes: scraped text is never parsed as
//! HTML.

use bantin_core::search::{highlight, Query};
use leptos::prelude::*;

#[component]
pub fn Highlighted(text: String, query: Query) -> impl IntoView {
    let ranges = if query.is_empty() {
        Vec::new()
    } else {
        highlight(&text, &query)
    };
    let mut parts: Vec<AnyView> = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for (start, end) in ranges {
        if start < at || end > text.len() {
            continue;
        }
        if start > at {
            parts.push(text[at..start].to_string().into_any());
        }
        parts.push(view! { <mark>{text[start..end].to_string()}</mark> }.into_any());
        at = end;
    }
    if at < text.len() {
        parts.push(text[at..].to_string().into_any());
    }
    parts
}
