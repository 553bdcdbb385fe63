//! The filter panel: locality tree, date range, congress tier and congress, each value with
//! a live count that stays right as the other filters change.

use std::collections::BTreeSet;

use bantin_core::display::tier_label;
use bantin_core::filter::{DateBasis, DateRange, FacetCounts};
use bantin_core::text::fold;
use bantin_core::{PartialDate, Tier};
use leptos::prelude::*;

use wasm_bindgen::JsCast;

use crate::app::use_ctx;
use crate::list::Results;

#[component]
pub fn FilterPanel(results: Memo<Results>) -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.t();
    let data = ctx.data.clone();
    let state = ctx.location.state;
    let counts = Memo::new(move |_| {
        results.with(|r| {
            state.with(|s| {
                data.facets
                    .counts_within(&s.filter, r.search_mask.as_deref())
            })
        })
    });
    let location = ctx.location;
    // A locked locality survives: Location::go puts it back.
    let clear = move |_| location.update(false, |s| s.filter = Default::default());
    let has_filter = move || state.with(|s| !s.filter.is_empty());
    // On a phone the panel is folded behind a button, so that the list comes right after
    // the search box instead of below seventy provinces; on a wide screen (CSS) it always
    // shows beside the list and the button is hidden.
    let open = RwSignal::new(false);
    let locked = ctx.location.locality_locked();
    let chosen = move || {
        let n = state.with(|s| s.filter.selection_count(!locked));
        (n > 0).then(|| format!(" ({n})"))
    };
    view! {
        <button
            type="button"
            class="bt-filters-toggle"
            aria-expanded=move || open.get().to_string()
            aria-controls="bt-filters"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {t.filters}
            {chosen}
            <span aria-hidden="true">{move || if open.get() { " ▴" } else { " ▾" }}</span>
        </button>
        <div id="bt-filters" class="bt-filters bt-filter-panel" class:bt-open=move || open.get() role="group" aria-label=t.filters>
            {(!locked).then(|| view! { <LocalityFilter counts=counts /> })}
            <DateFilter counts=counts />
            <CongressFilter counts=counts />
            <button type="button" on:click=clear disabled=move || !has_filter()>
                {t.clear_filters}
            </button>
        </div>
    }
}

/// A type-to-find field over a facet's values; `label` is read by screen readers and shown
/// as the placeholder.
fn find_field(id: &'static str, label: &'static str, typed: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="bt-sr" for=id>{label}</label>
        <input
            id=id
            type="text"
            autocomplete="off"
            placeholder=label
            prop:value=move || typed.get()
            on:input=move |ev| typed.set(event_target_value(&ev))
        />
    }
}

/// Congress checkboxes drawn at most (see [`CongressFilter`]).
const CONGRESSES_SHOWN: usize = 30;

fn toggle(set: &mut BTreeSet<String>, code: &str, on: bool) {
    if on {
        set.insert(code.to_string());
    } else {
        set.remove(code);
    }
}

#[component]
fn LocalityFilter(counts: Memo<FacetCounts>) -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.t();
    let location = ctx.location;
    let state = location.state;
    let data = ctx.data.clone();
    let typed = RwSignal::new(String::new());
    // Provinces whose districts are shown. Districts also show while typing a name and where
    // one is selected; otherwise 700 districts would make the panel heavy to draw and to read.
    let expanded = RwSignal::new(BTreeSet::<String>::new());
    // The tree's shape follows the typed words, the expanded provinces and the chosen
    // districts (shown even when their province is folded); counts and checks update in
    // place, so a filter change touches a few text nodes instead of redrawing the tree.
    // The rows' checks read these, not the whole state, so that a keystroke in the search
    // (which changes the state) re-runs two comparisons instead of one per row.
    let chosen_provinces = Memo::new(move |_| state.with(|s| s.filter.provinces.clone()));
    let chosen_districts = Memo::new(move |_| state.with(|s| s.filter.districts.clone()));
    let tree = move || {
        let needle = fold(&typed.get());
        let needle = needle.trim().to_string();
        let matches = |name: &str| needle.is_empty() || fold(name).contains(&needle);
        let open = expanded.get();
        let mut any = false;
        let provinces: Vec<AnyView> = data
            .catalog
            .provinces
            .iter()
            .filter_map(|p| {
                let province_hit = matches(&p.name);
                let all: Vec<_> = p
                    .districts
                    .iter()
                    .filter(|d| province_hit || matches(&d.name))
                    .collect();
                if !province_hit && all.is_empty() {
                    return None;
                }
                let is_open = open.contains(&p.code) || !needle.is_empty();
                let districts: Vec<_> = all
                    .into_iter()
                    .filter(|d| is_open || chosen_districts.with(|c| c.contains(&d.code)))
                    .collect();
                let toggle_code = p.code.clone();
                let toggle_label = format!("{} {}", t.show_districts, p.name);
                let toggle_button = (!p.districts.is_empty() && needle.is_empty()).then(|| {
                    let is_open = open.contains(&p.code);
                    view! {
                        <button
                            type="button"
                            class="bt-expand"
                            aria-expanded=is_open.to_string()
                            aria-label=toggle_label
                            on:click=move |_| expanded.update(|e| {
                                if !e.remove(&toggle_code) {
                                    e.insert(toggle_code.clone());
                                }
                            })
                        >
                            {if is_open { "−" } else { "+" }}
                        </button>
                    }
                });
                any = true;
                let p_code = p.code.clone();
                // A count is a plain closure: its text node is written only when the number
                // differs (tachys compares), and a memo in between would still wake the
                // row on every change. A check is a memo: properties are written on every
                // run, and a keystroke in the search changes no check.
                let p_count = {
                    let (data, code) = (data.clone(), p.code.clone());
                    move || counts.with(|c| c.province(&data.facets, &code))
                };
                let p_checked = {
                    let code = p.code.clone();
                    Memo::new(move |_| chosen_provinces.with(|c| c.contains(&code)))
                };
                let district_items = districts
                    .into_iter()
                    .map(|d| {
                        let d_code = d.code.clone();
                        let checked = {
                            let code = d.code.clone();
                            Memo::new(move |_| chosen_districts.with(|c| c.contains(&code)))
                        };
                        let n = {
                            let (data, code) = (data.clone(), d.code.clone());
                            move || counts.with(|c| c.district(&data.facets, &code))
                        };
                        view! {
                            <li>
                                <label>
                                    <input
                                        type="checkbox"
                                        data-code=d.code.clone()
                                        prop:checked=move || checked.get()
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            location.update(false, |s| toggle(&mut s.filter.districts, &d_code, on));
                                        }
                                    />
                                    {format!("{} {}", d.kind, d.name)}
                                    <span class="bt-count">{n}</span>
                                </label>
                            </li>
                        }
                    })
                    .collect_view();
                Some(
                    view! {
                        <li>
                            <div class="bt-province-row">
                            <label>
                                <input
                                    type="checkbox"
                                    data-code=p.code.clone()
                                    prop:checked=move || p_checked.get()
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        location.update(false, |s| toggle(&mut s.filter.provinces, &p_code, on));
                                    }
                                />
                                <strong>{p.name.clone()}</strong>
                                <span class="bt-count">{p_count}</span>
                            </label>
                            {toggle_button}
                            </div>
                            <ul class="bt-tree">{district_items}</ul>
                        </li>
                    }
                        .into_any(),
                )
            })
            .collect();
        if !any {
            return view! { <p class="bt-hint">{t.no_locality}</p> }.into_any();
        }
        view! { <ul class="bt-tree bt-locality-tree">{provinces}</ul> }.into_any()
    };
    view! {
        <fieldset class="bt-facet-locality">
            <legend>{t.locality}</legend>
            {find_field("bt-locality-q", t.locality_search, typed)}
            {tree}
        </fieldset>
    }
}

/// Years and months that some article's dates fall in, for the quick picks.
fn data_years(ctx: &crate::app::Ctx) -> Vec<i32> {
    let mut years = BTreeSet::new();
    for a in &ctx.data.catalog.articles {
        let dates = a
            .published
            .iter()
            .chain(a.events.iter().map(|e| &e.date))
            .chain(a.congresses.iter().filter_map(|c| c.date.as_ref()));
        for d in dates {
            if let Some(y) = d.start().year {
                years.insert(y);
            }
        }
    }
    years.into_iter().collect()
}

fn month_value(d: Option<PartialDate>) -> String {
    match d {
        Some(PartialDate {
            year: Some(y),
            month: Some(m),
            ..
        }) => format!("{y:04}-{m:02}"),
        Some(PartialDate {
            year: Some(y),
            month: None,
            ..
        }) => format!("{y:04}-01"),
        _ => String::new(),
    }
}

fn parse_month(v: &str) -> Option<PartialDate> {
    let (y, m) = v.split_once('-')?;
    let d = PartialDate::ym(y.parse().ok()?, m.parse().ok()?);
    d.is_valid().then_some(d)
}

#[component]
fn DateFilter(counts: Memo<FacetCounts>) -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.t();
    let location = ctx.location;
    let state = location.state;
    let years = data_years(&ctx);
    // Every control here reads the range through this memo, not the whole state: a
    // keystroke in the search leaves them alone.
    let chosen_range = Memo::new(move |_| state.with(|s| s.filter.date.unwrap_or_default()));
    let range = move || chosen_range.get();
    let set_range = move |f: &dyn Fn(&mut DateRange)| {
        location.update(false, |s| {
            let mut r = s.filter.date.unwrap_or_default();
            f(&mut r);
            s.filter.date = (r.is_active() || r.basis != DateBasis::default()).then_some(r);
        })
    };
    let pick_year = move |y: i32| {
        set_range(&|r| {
            r.from = Some(PartialDate::year_only(y));
            r.to = Some(PartialDate::year_only(y));
        })
    };
    let pick_month = move |y: i32, m: u8| {
        set_range(&|r| {
            r.from = Some(PartialDate::ym(y, m));
            r.to = Some(PartialDate::ym(y, m));
        })
    };
    let selected_year = move || {
        let r = range();
        match (r.from, r.to) {
            (Some(a), Some(b)) if a.year.is_some() && a.year == b.year => a.year,
            _ => None,
        }
    };
    let year_buttons = years
        .iter()
        .map(|&y| {
            let pressed = move || {
                let r = range();
                (r.from == Some(PartialDate::year_only(y)) && r.to == Some(PartialDate::year_only(y)))
                    .to_string()
            };
            view! {
                <button type="button" aria-pressed=pressed on:click=move |_| pick_year(y)>{y.to_string()}</button>
            }
        })
        .collect_view();
    let month_buttons = move || {
        let y = selected_year()?;
        let r = range();
        Some(
            (1u8..=12)
                .map(|m| {
                    let pressed = (r.from == Some(PartialDate::ym(y, m))
                        && r.to == Some(PartialDate::ym(y, m)))
                    .to_string();
                    view! {
                        <button type="button" aria-pressed=pressed on:click=move |_| pick_month(y, m)>
                            {format!("{m}/{y}")}
                        </button>
                    }
                })
                .collect_view(),
        )
    };
    let basis_radio = move |basis: DateBasis, label: &'static str| {
        view! {
            <label>
                <input
                    type="radio"
                    name="bt-date-basis"
                    value=basis.as_str()
                    prop:checked=move || range().basis == basis
                    on:change=move |_| set_range(&|r| r.basis = basis)
                />
                {label}
            </label>
        }
    };
    // One bound of the range as a month field.
    let month_input =
        move |id: &'static str,
              label: &'static str,
              bound: fn(&mut DateRange) -> &mut Option<PartialDate>| {
            view! {
                <label>
                    {label}
                    <input
                        type="month"
                        id=id
                        prop:value=move || month_value(*bound(&mut range()))
                        on:change=move |ev| {
                            let v = parse_month(&event_target_value(&ev));
                            set_range(&|r| *bound(r) = v)
                        }
                    />
                </label>
            }
        };
    let undated_note = move || {
        let active = range().is_active();
        let n = counts.with(|c| c.undated);
        (active && n > 0)
            .then(|| view! { <p class="bt-hint">{format!("{n} {}", t.undated_hidden)}</p> })
    };
    view! {
        <fieldset class="bt-facet-date">
            <legend>{t.date}</legend>
            <div class="bt-row">
                {month_input("bt-date-from", t.date_from, |r| &mut r.from)}
                {month_input("bt-date-to", t.date_to, |r| &mut r.to)}
            </div>
            <div class="bt-picks bt-year-picks">
                <button
                    type="button"
                    aria-pressed=move || (!range().is_active()).to_string()
                    on:click=move |_| set_range(&|r| {
                        r.from = None;
                        r.to = None;
                    })
                >
                    {t.date_any}
                </button>
                {year_buttons}
            </div>
            <div class="bt-picks bt-month-picks">{month_buttons}</div>
            <div role="radiogroup" aria-label=t.date_basis>
                {basis_radio(DateBasis::Published, t.basis_published)}
                {basis_radio(DateBasis::Event, t.basis_event)}
            </div>
            <p class="bt-hint">{t.date_partial_note}</p>
            {undated_note}
        </fieldset>
    }
}

#[component]
fn CongressFilter(counts: Memo<FacetCounts>) -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.t();
    let location = ctx.location;
    let state = location.state;
    let data = ctx.data.clone();
    let chosen_tiers = Memo::new(move |_| state.with(|s| s.filter.tiers));
    let tiers = {
        let lang = use_ctx().lang();
        Tier::ALL
            .into_iter()
            .map(|t| {
                let checked = Memo::new(move |_| chosen_tiers.with(|c| c.contains(&t)));
                let count = move || counts.with(|c| c.tier(t));
                view! {
                    <label>
                        <input
                            type="checkbox"
                            data-tier=t.as_str()
                            prop:checked=move || checked.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                location.update(false, |s| {
                                    if on {
                                        s.filter.tiers.insert(t);
                                    } else {
                                        s.filter.tiers.remove(&t);
                                    }
                                });
                            }
                        />
                        <span class=format!("bt-tag bt-tier-{}", t.as_str())>{tier_label(t, lang)}</span>
                        <span class="bt-count">{count}</span>
                    </label>
                }
            })
            .collect_view()
    };
    // Drawn only while open, and only the congresses with most articles (plus the selected
    // ones and those matching the typed words): thousands of checkboxes would make every
    // filter change slow on a cheap phone.
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let congresses = move || {
        if !open.get() {
            return None;
        }
        let counts = counts.get();
        let needle = fold(typed.get().trim());
        let selected = |key: &str| state.with(|s| s.filter.congresses.contains(key));
        let mut list: Vec<_> = data
            .facets
            .congresses()
            .iter()
            .enumerate()
            .map(|(i, c)| (c, counts.congresses[i]))
            .filter(|(c, n)| {
                (*n > 0 || selected(&c.key))
                    && (needle.is_empty() || fold(&c.label).contains(&needle))
            })
            .collect();
        bantin_core::sort::sort_items(&mut list, &|a, b| {
            selected(&b.0.key)
                .cmp(&selected(&a.0.key))
                .then(b.1.cmp(&a.1))
                .then(a.0.tier.cmp(&b.0.tier).reverse())
                .then(a.0.label.cmp(&b.0.label))
        });
        let hidden = list.len().saturating_sub(CONGRESSES_SHOWN);
        list.truncate(CONGRESSES_SHOWN);
        let items = list
            .into_iter()
            .map(|(c, n)| {
                let key = c.key.clone();
                let checked = selected(&c.key);
                view! {
                    <li>
                        <label>
                            <input
                                type="checkbox"
                                data-congress=c.key.clone()
                                prop:checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    location.update(false, |s| toggle(&mut s.filter.congresses, &key, on));
                                }
                            />
                            {c.label.clone()}
                            <span class="bt-count">{n}</span>
                        </label>
                    </li>
                }
            })
            .collect_view();
        let more = (hidden > 0)
            .then(|| view! { <p class="bt-hint">{format!("{hidden} {}", t.congress_more)}</p> });
        Some(view! {
            {find_field("bt-congress-q", t.congress_search, typed)}
            <ul class="bt-tree">{items}</ul>
            {more}
        })
    };
    view! {
        <fieldset class="bt-facet-congress">
            <legend>{t.congress}</legend>
            <div role="group" aria-label=t.tier>{tiers}</div>
            <details on:toggle=move |ev| {
                let details: Option<web_sys::HtmlDetailsElement> = ev.target().and_then(|t| t.dyn_into().ok());
                open.set(details.is_some_and(|d| d.open()));
            }>
                <summary>{t.which_congress}</summary>
                {congresses}
            </details>
        </fieldset>
    }
}
