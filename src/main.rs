//! Entry point of the browser app: installs the panic hook and mounts the root component.

mod app;
mod article;
mod bookmarks;
mod bookmarks_view;
mod data;
mod dom;
mod embed;
mod filters;
mod highlight;
mod i18n;
mod keys;
mod list;
mod offline;
mod pwa;
mod search;
mod timeline;
mod url;
mod webmaster;

fn main() {
    console_error_panic_hook::set_once();
    if embed::is_script_embed() {
        // Each <bantin-reader> element mounts its own instance (embed::mount_reader).
        return;
    }
    let embedded = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| bantin_core::state::ViewState::from_query_string(&s).embed);
    let host = if embedded {
        embed::Host::Iframe
    } else {
        embed::Host::Standalone
    };
    leptos::mount::mount_to_body(move || leptos::view! { <app::App host=host /> });
}
