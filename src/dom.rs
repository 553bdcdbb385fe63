//! The app's own part of the page. Standalone, that is the document; embedded by script, it
//! is a shadow root inside a portal's page, where `document` queries and window-wide key
//! handling would reach into (or miss) the wrong tree.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The closest element matching `selector` that an event happened in, for one listener on a
/// container of many (list entries' links and buttons).
pub fn event_closest(ev: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// The browser window, or `None` where there is none: the build-time renderer runs the same
/// views natively, where any call into the browser would panic.
pub fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The URL of the app's folder, ending in `/`: every page of the app (`index.html`, each
/// `bai-<id>.html`) is in it.
pub fn app_folder() -> Option<String> {
    let page = window()?.location().href().ok()?;
    web_sys::Url::new_with_base("./", &page)
        .ok()
        .map(|u| u.href())
}

#[derive(Clone, Copy)]
pub struct Root {
    pub node: NodeRef<Div>,
    /// Mounted inside a host page (script embed): only events from inside count.
    pub scoped: bool,
}

impl Root {
    pub fn new(scoped: bool) -> Root {
        Root {
            node: NodeRef::new(),
            scoped,
        }
    }

    fn element(&self) -> Option<web_sys::HtmlDivElement> {
        self.node.get_untracked()
    }

    /// The first element under the app's root matching `selector`.
    pub fn query(&self, selector: &str) -> Option<web_sys::HtmlElement> {
        self.element()?
            .query_selector(selector)
            .ok()
            .flatten()?
            .dyn_into()
            .ok()
    }

    /// Every element under the app's root matching `selector`.
    pub fn query_all(&self, selector: &str) -> Vec<web_sys::Element> {
        let Some(list) = self
            .element()
            .and_then(|e| e.query_selector_all(selector).ok())
        else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    }

    /// The focused element, looking inside the shadow root when embedded.
    pub fn active(&self) -> Option<web_sys::Element> {
        let root = self.element()?;
        let tree = root.get_root_node();
        if let Some(shadow) = tree.dyn_ref::<web_sys::ShadowRoot>() {
            return shadow.active_element();
        }
        window()?.document()?.active_element()
    }

    /// True when the event happened inside the app (always, standalone).
    pub fn owns(&self, ev: &web_sys::Event) -> bool {
        if !self.scoped {
            return true;
        }
        let (Some(root), Some(origin)) = (
            self.element(),
            ev.composed_path().get(0).dyn_into::<web_sys::Node>().ok(),
        ) else {
            return false;
        };
        root.contains(Some(&origin))
    }

    pub fn focus(&self, selector: &str) -> bool {
        match self.query(selector) {
            Some(el) => el.focus().is_ok(),
            None => false,
        }
    }

    pub fn click(&self, selector: &str) {
        if let Some(el) = self.query(selector) {
            el.click();
        }
    }
}
