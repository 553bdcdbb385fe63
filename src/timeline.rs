//! The timeline view: congresses and the happenings articles report, by period, coloured by
//! tier. Plain lists and headings, so screen readers follow it; each entry's span is drawn
//! as a small SVG bar (attributes, not inline styles, so a strict CSP allows it).

use bantin_core::display::{date_spec, tier_label};
use bantin_core::state::View;
use bantin_core::timeline::{bar_geometry, Entry, EntryKind, Precision, Zoom};
use bantin_core::Role;
use leptos::prelude::*;

use crate::app::{follow, use_ctx};
use crate::dom::Root;
use crate::filters::FilterPanel;
use crate::list::{results_memo, Ranked};
use crate::url::href;

/// Entries drawn at first and per "show more", so a 10,000-article timeline stays light: a
/// few screens on a phone, and each zoom or filter change redraws only these. An entry is
/// one line, so a page holds more of them than the list's page of articles.
const ENTRY_PAGE: usize = 20;

/// Entries that began in an earlier period and are still running, drawn again at the top of
/// a period; the rest are counted in one line. At week zoom a year-long span would
/// otherwise be drawn in fifty periods: 84,000 rows for 21,000 entries at 10,000 articles.
const REPEATS_SHOWN: usize = 3;

#[component]
pub fn TimelineView() -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.t();
    let location = ctx.location;
    let state = location.state;
    let data = ctx.data.clone();
    let results = results_memo(Ranked::Unordered);
    let root = ctx.root;
    let timeline = {
        let data = data.clone();
        Memo::new_with_compare(
            move |_| results.with(|r| data.timeline_index().select(&data.catalog, &r.ids)),
            |old, new| match (old, new) {
                (Some(a), Some(b)) => !a.same_entries(b),
                _ => true,
            },
        )
    };
    let shown = RwSignal::new(ENTRY_PAGE);
    let shown_undated = RwSignal::new(ENTRY_PAGE);
    // Makes sure entry `i` (dated first, then undated) is drawn.
    let reveal = move |i: usize| {
        let dated = timeline.with_untracked(|tl| tl.dated.len());
        if i < dated {
            if i >= shown.get_untracked() {
                shown.set(i + ENTRY_PAGE);
            }
        } else if i - dated >= shown_undated.get_untracked() {
            shown_undated.set(i - dated + ENTRY_PAGE);
        }
    };
    // A new selection starts again from the first page, as the list does: a filter change
    // then redraws a page of entries, not every page "show more" or the arrow keys drew
    // before. The focused entry, if any, is drawn again.
    let selection = Memo::new(move |_| state.with(|s| (s.filter.clone(), s.query.clone())));
    Effect::watch(
        // Read, not just tracked: a memo nobody reads is never computed, so never changes.
        move || selection.with(|_| ()),
        move |_, _, _| {
            if shown.get_untracked() != ENTRY_PAGE {
                shown.set(ENTRY_PAGE);
            }
            if shown_undated.get_untracked() != ENTRY_PAGE {
                shown_undated.set(ENTRY_PAGE);
            }
            let focused = state.with_untracked(|s| s.focus.clone());
            if let Some(i) = focused.and_then(|id| timeline.with_untracked(|tl| tl.position(&id))) {
                reveal(i);
            }
        },
        false,
    );
    let zoom = Memo::new(move |_| state.with(|s| s.zoom));

    // Arrow keys move between entries; Home and End jump to the ends.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let step: isize = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => 1,
            "ArrowUp" | "ArrowLeft" => -1,
            "Home" => isize::MIN,
            "End" => isize::MAX,
            _ => return,
        };
        let Some(current) = focused_index(root) else {
            return;
        };
        ev.prevent_default();
        let next = timeline.with(|tl| match step {
            isize::MIN => (!tl.is_empty()).then_some(0),
            isize::MAX => tl.len().checked_sub(1),
            s => tl.next(current, s),
        });
        if let Some(next) = next {
            reveal(next);
            focus_entry(root, next);
            // Entries drawn just now appear on the next frame.
            request_animation_frame(move || focus_entry(root, next));
        }
    };

    let zoom_buttons = Zoom::ALL
        .into_iter()
        .map(|z| {
            let label = match z {
                Zoom::Year => t.zoom_year,
                Zoom::Month => t.zoom_month,
                Zoom::Week => t.zoom_week,
            };
            view! {
                <button
                    type="button"
                    data-zoom=z.as_str()
                    aria-pressed=move || (zoom.get() == z).to_string()
                    on:click=move |_| location.update(false, |s| s.zoom = z)
                >
                    {label}
                </button>
            }
        })
        .collect_view();

    let go_today = move |_| {
        let target = timeline.with_untracked(|tl| tl.today_anchor().and_then(|d| tl.index_at(d)));
        if let Some(i) = target {
            reveal(i);
            request_animation_frame(move || focus_entry(root, i));
        }
    };

    let body = move || {
        let ctx = use_ctx();
        let lang = ctx.lang();
        // The whole address is read: the entries' links carry the current filters.
        let focus = state.with(|s| s.focus.clone());
        timeline.with(|tl| {
            if tl.is_empty() {
                return view! { <p class="bt-status bt-empty">{t.timeline_empty}</p> }.into_any();
            }
            let page = tl.page(zoom.get(), shown.get(), REPEATS_SHOWN);
            let drawn = page.entries;
            let (and, more) = t.timeline_more_continued;
            let bucket_views = page
                .periods
                .into_iter()
                .map(|p| {
                    let b = p.bucket;
                    let label = if lang == bantin_core::state::Lang::En { b.label_en } else { b.label_vi };
                    let items = p
                        .rows
                        .iter()
                        .filter_map(|row| {
                            let entry = tl.entry(row.index)?;
                            Some(entry_view(entry, row.index, row.first, Some((b.start_day, b.end_day)), &focus))
                        })
                        .collect_view();
                    let hidden = (p.hidden_repeats > 0).then(|| {
                        view! { <p class="bt-hint bt-tl-hidden">{format!("{and} {} {more}", p.hidden_repeats)}</p> }
                    });
                    view! {
                        <li class="bt-tl-bucket">
                            <h3>{label}</h3>
                            <ul class="bt-tl-entries">{items}</ul>
                            {hidden}
                        </li>
                    }
                })
                .collect_view();
            let more = (drawn < tl.dated.len()).then(|| {
                view! {
                    <button type="button" class="bt-more" on:click=move |_| shown.update(|s| *s += ENTRY_PAGE)>
                        {format!("{} ({drawn}/{})", t.show_more, tl.dated.len())}
                    </button>
                }
            });
            let undated = (!tl.undated.is_empty()).then(|| {
                let offset = tl.dated.len();
                let limit = shown_undated.get().min(tl.undated.len());
                let items = tl.undated[..limit]
                    .iter()
                    .enumerate()
                    .map(|(k, e)| entry_view(e, offset + k, true, None, &focus))
                    .collect_view();
                let more = (limit < tl.undated.len()).then(|| {
                    view! {
                        <button type="button" class="bt-more" on:click=move |_| shown_undated.update(|s| *s += ENTRY_PAGE)>
                            {format!("{} ({limit}/{})", t.show_more, tl.undated.len())}
                        </button>
                    }
                });
                view! {
                    <section class="bt-tl-undated" aria-labelledby="bt-tl-undated-h">
                        <h3 id="bt-tl-undated-h">{t.timeline_undated}</h3>
                        <p class="bt-hint">{t.timeline_undated_note}</p>
                        <ul class="bt-tl-entries">{items}</ul>
                        {more}
                    </section>
                }
            });
            view! {
                <ol class="bt-tl-buckets">{bucket_views}</ol>
                {more}
                {undated}
            }
            .into_any()
        })
    };

    // A link to one event brings it into view.
    Effect::new(move |_| {
        if let Some(id) = state.with(|s| s.focus.clone()) {
            let index = timeline.with_untracked(|tl| tl.position(&id));
            if let Some(i) = index {
                reveal(i);
                request_animation_frame(move || focus_entry(root, i));
            }
        }
    });

    let count = move || {
        let n = timeline.with(|tl| tl.len());
        format!("{} ({n} {})", t.nav_timeline, t.timeline_entries)
    };
    view! {
        <div class="bt-layout">
            <aside>
                <FilterPanel results=results />
            </aside>
            <section class="bt-timeline" aria-labelledby="bt-tl-heading" on:keydown=on_key>
                <div class="bt-toolbar">
                    <h2 id="bt-tl-heading">{count}</h2>
                    <div class="bt-picks" role="group" aria-label=t.zoom>{zoom_buttons}</div>
                    <button type="button" class="bt-today" on:click=go_today>{t.timeline_today}</button>
                </div>
                <p class="bt-hint">{t.timeline_hint}</p>
                <p class="bt-legend">
                    {bantin_core::Tier::ALL
                        .into_iter()
                        .map(|tier| view! { <span class=format!("bt-tag bt-tier-{}", tier.as_str())>{tier_label(tier, use_ctx().lang())}</span> " " })
                        .collect_view()}
                    <span class="bt-landmark" aria-hidden="true">"★"</span> " " {t.timeline_landmark}
                </p>
                {body}
            </section>
        </div>
    }
}

/// One entry. `first` is false where an entry spanning several periods appears again: the
/// repeat is not a stop for the keyboard. `bucket` is the period, for drawing the span.
fn entry_view(
    entry: &Entry,
    index: usize,
    first: bool,
    bucket: Option<(i32, i32)>,
    focus: &Option<String>,
) -> AnyView {
    let ctx = use_ctx();
    let t = ctx.t();
    let lang = ctx.lang();
    let location = ctx.location;
    let tier_class = entry
        .tier
        .map(|tier| format!("bt-tag bt-tier-{}", tier.as_str()))
        .unwrap_or_else(|| "bt-tag bt-tier-none".into());
    let tier_text = entry
        .tier
        .map(|tier| tier_label(tier, lang))
        .unwrap_or(t.timeline_event);
    let date_text = match (&entry.date, entry.precision) {
        (Some(d), Precision::Month | Precision::Year | Precision::Range) => {
            format!("{} ({})", date_spec(d, lang), t.timeline_span)
        }
        (Some(d), _) => date_spec(d, lang),
        (None, _) => t.undated_group.to_string(),
    };
    let bar = bucket.zip(entry.span).map(|(period, span)| {
        // Hundredths of a percent, written as decimals without float formatting code.
        let (x, w) = bar_geometry(period, span);
        let x = format!("{}.{:02}", x / 100, x % 100);
        let w = format!("{}.{:02}", w / 100, w % 100);
        view! {
            <svg class="bt-tl-span" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="bt-tl-track" x="0" y="2" width="100" height="2"></rect>
                <rect class="bt-tl-mark" x=x y="0" width=w height="6" rx="1"></rect>
            </svg>
        }
    });
    let landmark = entry.landmark.then(|| {
        view! { <span class="bt-landmark" title=t.timeline_landmark>"★"<span class="bt-sr">{t.timeline_landmark}</span></span> }
    });
    let previous = (entry.role == Some(Role::Previous)).then_some(t.role_previous);
    let selected = focus.as_deref() == Some(entry.id.as_str());
    let mut target = location.state.get_untracked();
    target.view = View::Timeline;
    target.focus = Some(entry.id.clone());
    let link = href(&target);
    let kind = match entry.kind {
        EntryKind::Congress => "congress",
        EntryKind::Happening => "happening",
    };
    let title = entry.label.clone();
    let heading = if first {
        view! {
            <a class="bt-tl-link" href=link data-index=index id=entry.id.clone() aria-current=selected.then_some("true") on:click=move |ev| follow(ev, location)>
                <span class=tier_class.clone()>{tier_text}</span> " " {title}
            </a>
        }
        .into_any()
    } else {
        view! { <span class="bt-tl-repeat"><span class=tier_class.clone()>{tier_text}</span> " " {title} " " <em>{t.timeline_continued}</em></span> }.into_any()
    };
    let details = (selected && first).then(|| {
        let data = ctx.data.clone();
        let articles = entry
            .articles
            .iter()
            .filter_map(|id| {
                let &i = data.by_id.get(id)?;
                let a = &data.catalog.articles[i];
                let mut s = location.state.get_untracked();
                s.view = View::Article(a.id.clone());
                s.focus = None;
                let link = href(&s);
                Some(view! { <li><a href=link on:click=move |ev| follow(ev, location)>{a.title.clone()}</a></li> })
            })
            .collect_view();
        view! {
            <div class="bt-tl-details">
                <p>{t.timeline_articles}</p>
                <ul>{articles}</ul>
            </div>
        }
    });
    view! {
        <li
            class=format!("bt-tl-entry bt-tl-{kind}")
            class:bt-tl-selected=selected && first
            data-entry=entry.id.clone()
            data-date=entry.date.map(|d| d.to_string())
            data-tier=entry.tier.map(|t| t.as_str())
            data-first=first.to_string()
        >
            {bar}
            <div class="bt-tl-text">
                {heading}
                " " {landmark}
                <span class="bt-tl-date">{date_text}</span>
                {previous.map(|p| view! { <span class="bt-hint">{format!(" — {p}")}</span> })}
            </div>
            {details}
        </li>
    }
    .into_any()
}

fn focused_index(root: Root) -> Option<usize> {
    root.active()?.get_attribute("data-index")?.parse().ok()
}

fn focus_entry(root: Root, index: usize) {
    root.focus(&format!(".bt-tl-link[data-index=\"{index}\"]"));
}
