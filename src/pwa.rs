//! Installed-app plumbing on the page side: registering the service worker, telling the
//! reader when a new version is ready (they choose when to reload), and the offline badge.
//! The worker itself (`sw.js`) is generated at build time from the hashed file names.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

use crate::i18n::Strings;

#[derive(Clone, Copy)]
pub struct Pwa {
    /// A new version is installed and waiting for the reader's go-ahead.
    pub update_ready: RwSignal<bool>,
    pub online: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

pub fn navigator_online() -> bool {
    crate::dom::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

impl Pwa {
    /// `register`: false where the app is mounted inside another site's page.
    pub fn install(register: bool) -> Pwa {
        let pwa = Pwa {
            update_ready: RwSignal::new(false),
            online: RwSignal::new(navigator_online()),
            registration: StoredValue::new_local(None),
        };
        let online = pwa.online;
        let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
        if register {
            pwa.register();
        }
        pwa
    }

    fn register(self) {
        let Some(window) = crate::dom::window() else {
            return;
        };
        let container = window.navigator().service_worker();
        // Served over plain http from a non-local host, or in a browser without workers:
        // the app still works, only without offline support.
        if !js_sys::Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false) {
            return;
        }
        let had_controller = container.controller().is_some();
        // The page reloads when the new worker takes over, and only then, so no page ever
        // runs a mix of old and new files.
        if had_controller {
            let reload = Closure::<dyn Fn()>::new(move || {
                if let Some(w) = crate::dom::window() {
                    let _ = w.location().reload();
                }
            });
            container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
            reload.forget();
        }
        let options = web_sys::RegistrationOptions::new();
        options.set_scope("./");
        let promise = container.register_with_options("sw.js", &options);
        leptos::task::spawn_local(async move {
            let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else {
                return;
            };
            let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            self.watch(reg, had_controller);
        });
    }

    fn watch(self, reg: ServiceWorkerRegistration, had_controller: bool) {
        if !had_controller {
            // First visit: the worker installs for next time; nothing to announce.
            self.registration.set_value(Some(reg));
            return;
        }
        if reg.waiting().is_some() {
            self.update_ready.set(true);
        }
        let reg_for_event = reg.clone();
        let update_ready = self.update_ready;
        let on_update = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = reg_for_event.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed {
                    update_ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
        self.registration.set_value(Some(reg));
    }

    /// The reader chose to load the new version: let the waiting worker take over; the
    /// `controllerchange` handler then reloads the page.
    pub fn apply_update(&self) {
        let waiting = self
            .registration
            .with_value(|r| r.as_ref().and_then(|r| r.waiting()));
        match waiting {
            Some(worker) => {
                let msg = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&msg, &"type".into(), &"SKIP_WAITING".into());
                let _ = worker.post_message(&msg);
            }
            None => {
                if let Some(w) = crate::dom::window() {
                    let _ = w.location().reload();
                }
            }
        }
    }
}

#[component]
pub fn UpdateBanner(pwa: Pwa, t: &'static Strings) -> impl IntoView {
    move || {
        pwa.update_ready.get().then(|| {
            view! {
                <div class="bt-update" role="status">
                    <span>{t.update_ready}</span>
                    <button type="button" on:click=move |_| pwa.apply_update()>{t.update_reload}</button>
                </div>
            }
        })
    }
}

#[component]
pub fn OfflineBadge(pwa: Pwa, t: &'static Strings) -> impl IntoView {
    move || {
        (!pwa.online.get()).then(|| {
            view! { <span class="bt-offline" role="status">{t.offline_badge}</span> }
        })
    }
}
