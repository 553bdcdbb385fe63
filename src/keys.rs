//! Keyboard shortcuts: `/` search, `j`/`k` next/previous entry, `Enter` opens (the focused
//! link does that natively), `Esc` back to the list.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::list::{focus_item, Results, PAGE};

/// True when the key press belongs to a text field, where letters are typing.
pub fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            let tag = el.tag_name();
            tag == "INPUT"
                || tag == "TEXTAREA"
                || tag == "SELECT"
                || el.has_attribute("contenteditable")
        })
        .unwrap_or(false)
}

fn focused_position() -> Option<usize> {
    let doc = web_sys::window()?.document()?;
    let active = doc.active_element()?;
    let item = active.closest(".bt-item").ok()??;
    item.get_attribute("data-pos")?.parse().ok()
}

pub fn focus_search() {
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("bt-q"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.focus();
        input.select();
    }
}

/// Shortcuts of the list view; removed when the view goes away.
pub fn install_list_keys(shown: RwSignal<usize>, results: Memo<Results>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        if typing_in_field(&ev) {
            if ev.key() == "Escape" {
                if let Some(el) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.blur();
                }
                focus_item(0);
            }
            return;
        }
        let step: isize = match ev.key().as_str() {
            "/" => {
                ev.prevent_default();
                focus_search();
                return;
            }
            "b" => {
                if let Some(pos) = focused_position() {
                    click(&format!(".bt-item[data-pos=\"{pos}\"] .bt-bookmark"));
                    focus_item(pos);
                }
                return;
            }
            "j" | "J" => 1,
            "k" | "K" => -1,
            _ => return,
        };
        ev.prevent_default();
        let len = results.with_untracked(|r| r.ids.len());
        if len == 0 {
            return;
        }
        let next = match focused_position() {
            Some(p) => (p as isize + step).clamp(0, len as isize - 1) as usize,
            None => 0,
        };
        if next >= shown.get_untracked() {
            shown.update(|s| *s = (next / PAGE + 1) * PAGE);
            // Focus once the new entries are drawn.
            request_animation_frame(move || {
                focus_item(next);
            });
        } else {
            focus_item(next);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Clicks the first element matching `selector`, if any.
pub fn click(selector: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.click();
    }
}
