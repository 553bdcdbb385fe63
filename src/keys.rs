//! Keyboard shortcuts: `/` search, `j`/`k` next/previous entry, `Enter` opens (the focused
//! link does that natively), `Esc` back to the list.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::Root;
use crate::list::{focus_item, Results, PAGE};

/// True when the key press belongs to a text field, where letters are typing.
pub fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    // The composed path's first node: inside a shadow root, `target` is only the host.
    ev.composed_path()
        .get(0)
        .dyn_into::<web_sys::Element>()
        .ok()
        .map(|el| {
            let tag = el.tag_name();
            tag == "INPUT"
                || tag == "TEXTAREA"
                || tag == "SELECT"
                || el.has_attribute("contenteditable")
        })
        .unwrap_or(false)
}

fn focused_position(root: Root) -> Option<usize> {
    let active = root.active()?;
    let item = active.closest(".bt-item").ok()??;
    item.get_attribute("data-pos")?.parse().ok()
}

pub fn focus_search(root: Root) {
    if let Some(input) = root
        .query("#bt-q")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.focus();
        input.select();
    }
}

/// Shortcuts of the list view; removed when the view goes away.
pub fn install_list_keys(root: Root, shown: RwSignal<usize>, results: Memo<Results>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || !root.owns(&ev) {
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
                focus_item(root, 0);
            }
            return;
        }
        let step: isize = match ev.key().as_str() {
            "/" => {
                ev.prevent_default();
                focus_search(root);
                return;
            }
            "b" => {
                if let Some(pos) = focused_position(root) {
                    root.click(&format!(".bt-item[data-pos=\"{pos}\"] .bt-bookmark"));
                    focus_item(root, pos);
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
        let next = match focused_position(root) {
            Some(p) => (p as isize + step).clamp(0, len as isize - 1) as usize,
            None => 0,
        };
        if next >= shown.get_untracked() {
            shown.update(|s| *s = (next / PAGE + 1) * PAGE);
            // Focus once the new entries are drawn.
            request_animation_frame(move || {
                focus_item(root, next);
            });
        } else {
            focus_item(root, next);
        }
    });
    on_cleanup(move || handle.remove());
}
