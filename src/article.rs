//! The reading view: one article with its metadata, previous/next within the current list,
//! and a way back that keeps the filter.

use bantin_core::display::{date_spec, machine_date, tier_label};
use bantin_core::search::Query;
use bantin_core::state::{View, ViewState};
use bantin_core::timeline::{congress_entry_id, congress_label, happening_entry_id};
use bantin_core::{ArticleBody, Role};
use leptos::prelude::*;

use crate::app::{follow, scroll_to_top, use_ctx};
use crate::bookmarks::BookmarkButton;
use crate::data::{fetch_body, LoadError};
use crate::highlight::Highlighted;
use crate::list::{results_memo, Ranked};
use crate::url::href;

#[component]
pub fn ArticleView(id: String) -> impl IntoView {
    let ctx = use_ctx();
    let location = ctx.location;
    let state = location.state;
    let t = ctx.t();
    let lang = ctx.lang();
    let list_state = move || {
        let mut s: ViewState = state.get();
        s.view = View::List;
        s
    };
    let back = move |ev: leptos::ev::MouseEvent| follow(ev, location);
    let root = ctx.root;
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() || crate::keys::typing_in_field(&ev) || !root.owns(&ev) {
            return;
        }
        match ev.key().as_str() {
            "Escape" => location.go(&list_state(), false),
            "b" => root.click(".bt-article .bt-bookmark"),
            _ => {}
        }
    });
    on_cleanup(move || esc.remove());
    let back_link = view! {
        <a class="bt-back" href=move || href(&list_state()) on:click=back>{t.back_to_list}</a>
    };

    let Some(&index) = ctx.data.by_id.get(&id) else {
        return view! {
            <article class="bt-article">
                {back_link}
                <p class="bt-error" role="alert">{t.article_not_found}</p>
            </article>
        }
        .into_any();
    };
    let article = ctx.data.catalog.articles[index].clone();
    let query = Query::parse(&state.with_untracked(|s| s.query.clone()));

    // The body that came with the start (an article's own page), else fetched.
    let first_body = ctx
        .first_body
        .try_update_value(|b| b.take_if(|(of, _)| *of == id))
        .flatten()
        .map(|(_, b)| b);
    let body: Signal<Option<Result<ArticleBody, LoadError>>> = match first_body {
        Some(b) => Signal::stored(Some(Ok(b))),
        None => {
            let body_id = id.clone();
            let resource = LocalResource::new(move || {
                let id = body_id.clone();
                async move { fetch_body(&id).await }
            });
            Signal::derive(move || resource.get())
        }
    };
    let body_query = query.clone();
    let body_view = move || match body.get() {
        // Not paragraphs: `.bt-body p` is the article's text and nothing else.
        None => view! { <div class="bt-status" role="status">{t.body_loading}</div> }.into_any(),
        Some(Err(e)) if e == LoadError::Network || !crate::pwa::navigator_online() => {
            view! { <div class="bt-error" role="alert">{t.body_offline}</div> }.into_any()
        }
        // Not there at all is not damaged: the article was taken down since.
        Some(Err(LoadError::Status(404 | 410))) => {
            view! { <div class="bt-error" role="alert">{t.body_missing}</div> }.into_any()
        }
        Some(Err(_)) => {
            view! { <div class="bt-error" role="alert">{t.body_corrupt}</div> }.into_any()
        }
        Some(Ok(b)) => b
            .body
            .into_iter()
            .map(|p| view! { <p><Highlighted text=p query=body_query.clone() /></p> })
            .collect_view()
            .into_any(),
    };

    // Previous and next within the list the reader came from.
    let results = results_memo(Ranked::Around(index));
    let neighbour = move |step: isize| {
        results.with(|r| {
            let pos = r.ids.iter().position(|&i| i == index)? as isize + step;
            let &i = r.ids.get(usize::try_from(pos).ok()?)?;
            let a = &use_ctx().data.catalog.articles[i];
            let mut s = state.get();
            s.view = View::Article(a.id.clone());
            Some((href(&s), a.title.clone()))
        })
    };
    let pager_link = move |step: isize, label: &'static str, rel: &'static str| {
        move || {
            neighbour(step).map(|(link, title)| {
                view! {
                    <a href=link rel=rel on:click=move |ev| {
                        follow(ev, location);
                        scroll_to_top();
                    }>
                        <span>{label}</span><br /><span>{title}</span>
                    </a>
                }
            })
        }
    };

    let locality = ctx
        .data
        .catalog
        .locality_label(&article)
        .unwrap_or_else(|| t.unknown_locality.to_string());
    let published = || match &article.published {
        Some(d) => view! { <time datetime=machine_date(d)>{date_spec(d, lang)}</time> }.into_any(),
        None => view! { <span>{t.meta_no_date}</span> }.into_any(),
    };
    let timeline_href = move |entry: String| {
        let mut s = state.get_untracked();
        s.view = View::Timeline;
        s.focus = Some(entry);
        href(&s)
    };
    let events = (!article.events.is_empty()).then(|| {
        let items = article
            .events
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let link = timeline_href(happening_entry_id(&article.id, n));
                view! {
                    <li>
                        <time datetime=machine_date(&e.date)>{date_spec(&e.date, lang)}</time>": " {e.what.clone()}
                        " " <a class="bt-to-timeline" href=link on:click=move |ev| follow(ev, location)>{t.timeline_link}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <dt>{t.meta_events}</dt><dd><ul>{items}</ul></dd> }
    });
    let congresses = (!article.congresses.is_empty()).then(|| {
        let items = article
            .congresses
            .iter()
            .map(|c| {
                let role = match c.role {
                    Role::Subject => t.role_subject,
                    Role::Mentioned => t.role_mentioned,
                    Role::Previous => t.role_previous,
                };
                let mut label = congress_label(c);
                let link = timeline_href(congress_entry_id(&c.key()));
                if let Some(term) = &c.term {
                    label.push_str(&format!(", nhiệm kỳ {term}"));
                }
                if let Some(d) = &c.date {
                    label.push_str(&format!(" ({})", date_spec(d, lang)));
                }
                view! {
                    <li data-role=c.role.as_str()>
                        <span class=format!("bt-tag bt-tier-{}", c.tier.as_str())>{tier_label(c.tier, lang)}</span>
                        " " {label} " — " <em>{role}</em>
                        " " <a class="bt-to-timeline" href=link on:click=move |ev| follow(ev, location)>{t.timeline_link}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <dt>{t.meta_congresses}</dt><dd><ul>{items}</ul></dd> }
    });
    let author = article
        .author
        .clone()
        .map(|a| view! { <dt>{t.meta_author}</dt><dd class="bt-author">{a}</dd> });
    let source = {
        let site = article.source.site.clone();
        let url = article.source.url.clone();
        (site.is_some() || url.is_some()).then(|| {
            let label = site.clone().or(url.clone()).unwrap_or_default();
            let inner = match url {
                Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                    view! { <a href=u rel="noopener noreferrer external" target="_blank">{label}</a> }.into_any()
                }
                _ => view! { <span>{label}</span> }.into_any(),
            };
            view! { <dt>{t.meta_source}</dt><dd>{inner}</dd> }
        })
    };
    let derived = article
        .title_derived
        .then(|| view! { <p class="bt-hint bt-title-derived">{t.title_derived}</p> });

    view! {
        <article class="bt-article" aria-labelledby="bt-article-title">
            {back_link}
            <h1 id="bt-article-title"><Highlighted text=article.title.clone() query=query.clone() /></h1>
            {derived}
            // Where and when in one line, so that the text starts within a phone's first
            // screen; the whole record follows the text.
            <p class="bt-meta bt-byline"><span>{locality.clone()}</span><span>{published()}</span></p>
            <BookmarkButton id=article.id.clone() />
            <div class="bt-body">{body_view}</div>
            <dl class="bt-article-meta">
                <dt>{t.meta_locality}</dt><dd class="bt-locality">{locality}</dd>
                <dt>{t.meta_published}</dt><dd class="bt-published">{published()}</dd>
                {events}
                {congresses}
                {author}
                {source}
            </dl>
            <nav class="bt-pager" aria-label=t.nav_list>
                <span>{pager_link(-1, t.previous, "prev")}</span>
                <span>{pager_link(1, t.next, "next")}</span>
            </nav>
        </article>
    }
    .into_any()
}
