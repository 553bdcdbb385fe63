//! The view state lives in the app's own address, relative to its folder: an article at its
//! pre-rendered page (`bai-<id>.html?q=…`), every other view in the query string
//! (`?q=…&p=…`). Every page of the app is in the one folder, so a link reproduces the view,
//! back and forward work, and one build runs from any sub-path.
//! The history API is used directly: the app has a single page, and a router's global link
//! interception would also capture the links of a portal page the app is embedded in.

use bantin_core::state::ViewState;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The page's address relative to the app's folder (`bai-<id>.html?q=…`, `?p=22`, ``).
pub fn window_address() -> String {
    let Some(window) = crate::dom::window() else {
        return String::new();
    };
    let location = window.location();
    let href = location.href().unwrap_or_default();
    match crate::dom::app_folder() {
        Some(folder) if href.starts_with(&folder) => href[folder.len()..].to_string(),
        _ => location.search().unwrap_or_default(),
    }
}

/// The state an address (or a link's `href`) stands for; see [`ViewState::from_address`].
pub fn parse(address: &str) -> ViewState {
    ViewState::from_address(address)
}

/// The link to `state`, relative to the app's folder.
pub fn href(state: &ViewState) -> String {
    state.to_address()
}

/// The view state as a signal, kept in step with the address and with back/forward.
/// Mounted inside a portal's page it lives in memory instead: the host's address is not ours
/// to change.
#[derive(Clone, Copy)]
pub struct Location {
    /// The address, relative to the app's folder, that the state is read from.
    relative: RwSignal<String>,
    pub state: Memo<ViewState>,
    /// The locality a portal fixed (`lock=1`): provinces and districts that every state keeps.
    locked: StoredValue<Option<(Vec<String>, Vec<String>)>>,
    /// Writes the state into the address; `None` when the state lives in memory.
    address: Option<Address>,
}

/// The address bar and history, written after the view they describe is painted.
#[derive(Clone, Copy)]
struct Address {
    /// The address not yet written, and whether it gets a history entry of its own.
    unwritten: StoredValue<Option<(String, bool)>>,
    /// The frame callback that has it written (see [`after_paint_writer`]). Made once: a
    /// closure handed to the browser on every change would cost a filter click or a
    /// keystroke more than the call.
    after_paint: StoredValue<js_sys::Function, LocalStorage>,
}

impl Location {
    /// `initial`: the starting query string when in memory; `None` reads the address.
    pub fn install(initial: Option<String>) -> Location {
        let in_memory = initial.is_some();
        let relative = RwSignal::new(match initial {
            Some(query) => format!("?{}", query.trim_start_matches('?')),
            None => window_address(),
        });
        let state = Memo::new(move |_| relative.with(|s| parse(s)));
        let first = state.get_untracked();
        let locked = first.lock_locality.then(|| {
            (
                first.filter.provinces.iter().cloned().collect(),
                first.filter.districts.iter().cloned().collect(),
            )
        });
        let address = (!in_memory).then(|| {
            let unwritten = StoredValue::new(None);
            let address = Address {
                unwritten,
                after_paint: StoredValue::new_local(after_paint_writer(unwritten)),
            };
            let popstate = window_event_listener(leptos::ev::popstate, move |_| {
                // Back or forward wins over a change not yet written.
                unwritten.set_value(None);
                relative.set(window_address());
            });
            // A change still waiting for an idle moment is written before the page goes.
            let pagehide =
                window_event_listener(leptos::ev::pagehide, move |_| write_address(unwritten));
            on_cleanup(move || {
                popstate.remove();
                pagehide.remove();
            });
            address
        });
        Location {
            relative,
            state,
            locked: StoredValue::new(locked),
            address,
        }
    }

    pub fn locality_locked(&self) -> bool {
        self.locked.with_value(|l| l.is_some())
    }

    /// Moves to `state`. `replace` rewrites the current history entry instead of adding
    /// one (used while typing, so that back does not step through every keystroke).
    pub fn go(&self, state: &ViewState, replace: bool) {
        let mut state = state.clone();
        self.locked.with_value(|l| {
            if let Some((provinces, districts)) = l {
                state.filter.provinces = provinces.iter().cloned().collect();
                state.filter.districts = districts.iter().cloned().collect();
                state.lock_locality = true;
            }
        });
        let target = href(&state);
        // The view follows at once; the address after it is painted. Writing history costs
        // a few milliseconds a call, which a keystroke or a click should not wait for, and a
        // burst of changes (typing) then writes only its last state: browsers also ignore
        // history calls that come too fast.
        self.relative.set(target.clone());
        let Some(address) = self.address else {
            return;
        };
        // A change that adds a history entry keeps the one before it as an entry of its own
        // (back steps through both); a replacement only rewrites what is still unwritten.
        if !replace {
            write_address(address.unwritten);
        }
        let first_of_burst = address
            .unwritten
            .try_update_value(|u| {
                let first = u.is_none();
                let push = !replace || u.as_ref().is_some_and(|(_, push)| *push);
                *u = Some((target, push));
                first
            })
            .unwrap_or(false);
        if first_of_burst {
            if let Some(window) = crate::dom::window() {
                address.after_paint.with_value(|cb| {
                    let _ = window.request_animation_frame(cb);
                });
            }
        }
    }

    /// Drops the filter values the data set does not know (`?p=99`, a congress from an older
    /// data set), from the locked locality too, replacing the address: applied but shown
    /// nowhere, they would empty the list with no box checked to say why.
    pub fn forget_unknown(&self, catalog: &bantin_core::Catalog) {
        let filter = self.state.with_untracked(|s| s.filter.clone());
        let known = filter.known_only(catalog);
        if known == filter {
            return;
        }
        self.locked.update_value(|locked| {
            if let Some((provinces, districts)) = locked {
                provinces.retain(|c| known.provinces.contains(c));
                districts.retain(|c| known.districts.contains(c));
            }
        });
        self.update(true, |s| s.filter = known);
    }

    /// Changes the state with `f` and moves there.
    pub fn update(&self, replace: bool, f: impl FnOnce(&mut ViewState)) {
        let mut next = self.state.get_untracked();
        f(&mut next);
        self.go(&next, replace);
    }
}

/// Writes the last state [`Location::go`] moved to, if not yet written, into the address bar
/// and history.
fn write_address(unwritten: StoredValue<Option<(String, bool)>>) {
    let Some((target, push)) = unwritten.try_update_value(|u| u.take()).flatten() else {
        return;
    };
    let Some(window) = crate::dom::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    // Relative to the page, which is in the app's folder.
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&target))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&target))
    };
}

/// The longest wait for an idle moment before the address is written anyway.
const IDLE_WAIT_MS: u32 = 100;

/// A frame callback that, once the new view is painted, has the address written in the
/// browser's next idle period (input waiting to be handled, such as the next keystroke, goes
/// first), or in a zero timeout where there is no `requestIdleCallback`.
fn after_paint_writer(unwritten: StoredValue<Option<(String, bool)>>) -> js_sys::Function {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let write: js_sys::Function = Closure::<dyn Fn()>::new(move || write_address(unwritten))
        .into_js_value()
        .unchecked_into();
    Closure::<dyn Fn()>::new(move || {
        let Some(window) = crate::dom::window() else {
            return;
        };
        // A page that draws nothing more may wait long for an idle period (headless
        // Chromium was seen to wait seconds): the timeout bounds the wait.
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(IDLE_WAIT_MS);
        if window
            .request_idle_callback_with_options(&write, &options)
            .is_err()
        {
            let _ = window.set_timeout_with_callback(&write);
        }
    })
    .into_js_value()
    .unchecked_into()
}
