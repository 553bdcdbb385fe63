//! The page for portal webmasters: choose a locality and a view, see the embedded reader
//! live, and copy the snippet (iframe or script) with the Content-Security-Policy line the
//! portal needs.

use bantin_core::state::{View, ViewState};
use leptos::prelude::*;

use crate::app::use_ctx;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Iframe,
    Script,
}

fn app_base() -> (String, String) {
    let Some(location) = crate::dom::window().map(|w| w.location()) else {
        return (String::new(), String::new());
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    (origin.clone(), format!("{origin}{dir}"))
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    bantin_core::text::html_escape(s, &mut out);
    out
}

#[component]
pub fn WebmasterView() -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.t();
    let data = ctx.data.clone();
    let province = RwSignal::new(String::new());
    let district = RwSignal::new(String::new());
    let lock = RwSignal::new(true);
    let timeline = RwSignal::new(false);
    let style = RwSignal::new(Style::Iframe);
    let (origin, base) = app_base();

    let embed_state = move || {
        let mut s = ViewState {
            embed: true,
            ..Default::default()
        };
        let p = province.get();
        let d = district.get();
        if !d.is_empty() {
            s.filter.districts.insert(d);
        } else if !p.is_empty() {
            s.filter.provinces.insert(p);
        }
        s.lock_locality =
            lock.get() && !(s.filter.provinces.is_empty() && s.filter.districts.is_empty());
        if timeline.get() {
            s.view = View::Timeline;
        }
        s
    };
    // The localities with articles: each has its embedded list rendered at build time.
    let with_articles: std::collections::HashSet<String> = data
        .catalog
        .articles
        .iter()
        .flat_map(|a| [a.province.clone(), a.district.clone()])
        .flatten()
        .collect();
    let frame_url = {
        let base = base.clone();
        // A locked locality's list has a page of its own, painted before any script.
        move || {
            let s = embed_state();
            let code = s.filter.provinces.iter().chain(&s.filter.districts).next();
            match s.locality_page() {
                Some(page) if code.is_some_and(|c| with_articles.contains(c)) => {
                    format!("{base}{page}")
                }
                _ => format!("{base}?{}", s.to_query_string()),
            }
        }
    };
    let snippet = {
        let base = base.clone();
        let frame_url = frame_url.clone();
        move || {
            match style.get() {
            Style::Iframe => format!(
                "<iframe src=\"{}\" title=\"Bản tin Đại hội\" width=\"100%\" height=\"640\" loading=\"lazy\" data-bantin-embed></iframe>\n<script src=\"{base}embed.js\" defer></script>",
                escape_attr(&frame_url())
            ),
            Style::Script => {
                let s = embed_state();
                let mut attrs = String::new();
                if let Some(p) = s.filter.provinces.iter().next() {
                    attrs.push_str(&format!(" province=\"{}\"", escape_attr(p)));
                }
                if let Some(d) = s.filter.districts.iter().next() {
                    attrs.push_str(&format!(" district=\"{}\"", escape_attr(d)));
                }
                if s.view == View::Timeline {
                    attrs.push_str(" view=\"timeline\"");
                }
                if s.lock_locality {
                    attrs.push_str(" lock");
                }
                format!(
                    "<script type=\"module\" src=\"{base}bantin-reader.js\"></script>\n<bantin-reader{attrs}></bantin-reader>"
                )
            }
        }
        }
    };
    let csp = {
        let origin = origin.clone();
        move || {
            match style.get() {
            Style::Iframe => format!("frame-src {origin};"),
            Style::Script => format!(
                "script-src {origin} 'wasm-unsafe-eval'; style-src {origin}; connect-src {origin}; img-src {origin} data:;"
            ),
        }
        }
    };
    let copy = move |text: String| {
        if let Some(w) = crate::dom::window() {
            let _ = w.navigator().clipboard().write_text(&text);
        }
    };
    let snippet_for_copy = snippet.clone();
    let csp_for_copy = csp.clone();

    let province_options = data
        .catalog
        .provinces
        .iter()
        .map(|p| view! { <option value=p.code.clone()>{p.name.clone()}</option> })
        .collect_view();
    let district_options = move || {
        let p = province.get();
        use_ctx()
            .data
            .catalog
            .province(&p)
            .map(|p| {
                p.districts
                    .iter()
                    .map(|d| view! { <option value=d.code.clone()>{format!("{} {}", d.kind, d.name)}</option> })
                    .collect_view()
            })
    };
    view! {
        <section class="bt-webmaster" aria-labelledby="bt-wm-heading">
            <h2 id="bt-wm-heading">{t.wm_heading}</h2>
            <p>{t.wm_intro}</p>
            <div class="bt-wm-grid">
                <form class="bt-filters" on:submit=|ev| ev.prevent_default()>
                    <label>
                        {t.wm_province}
                        <select id="bt-wm-province" on:change=move |ev| {
                            province.set(event_target_value(&ev));
                            district.set(String::new());
                        }>
                            <option value="">{t.wm_all}</option>
                            {province_options}
                        </select>
                    </label>
                    <label>
                        {t.wm_district}
                        <select id="bt-wm-district" prop:value=move || district.get() on:change=move |ev| district.set(event_target_value(&ev))>
                            <option value="">{t.wm_all}</option>
                            {district_options}
                        </select>
                    </label>
                    <label>
                        <input type="checkbox" id="bt-wm-lock" prop:checked=move || lock.get() on:change=move |ev| lock.set(event_target_checked(&ev)) />
                        {t.wm_lock}
                    </label>
                    <fieldset>
                        <legend>{t.wm_view}</legend>
                        <label><input type="radio" name="bt-wm-view" prop:checked=move || !timeline.get() on:change=move |_| timeline.set(false) />{t.nav_list}</label>
                        <label><input type="radio" name="bt-wm-view" id="bt-wm-view-timeline" prop:checked=move || timeline.get() on:change=move |_| timeline.set(true) />{t.nav_timeline}</label>
                    </fieldset>
                    <fieldset>
                        <legend>{t.wm_style}</legend>
                        <label><input type="radio" name="bt-wm-style" prop:checked=move || style.get() == Style::Iframe on:change=move |_| style.set(Style::Iframe) />{t.wm_style_iframe}</label>
                        <label><input type="radio" name="bt-wm-style" id="bt-wm-style-script" prop:checked=move || style.get() == Style::Script on:change=move |_| style.set(Style::Script) />{t.wm_style_script}</label>
                    </fieldset>
                </form>
                <div>
                    <label for="bt-wm-snippet">{t.wm_snippet}</label>
                    <textarea id="bt-wm-snippet" readonly rows="5" prop:value=snippet.clone()></textarea>
                    <button type="button" on:click=move |_| copy(snippet_for_copy())>{t.wm_copy}</button>
                    <label for="bt-wm-csp">{t.wm_csp}</label>
                    <textarea id="bt-wm-csp" readonly rows="2" prop:value=csp.clone()></textarea>
                    <button type="button" on:click=move |_| copy(csp_for_copy())>{t.wm_copy}</button>
                    <h3>{t.wm_preview}</h3>
                    <iframe class="bt-wm-preview" title=t.wm_preview src=frame_url width="100%" height="560"></iframe>
                </div>
            </div>
        </section>
    }
}
