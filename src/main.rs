//! Entry point of the browser app: installs the panic hook and mounts the root component.

mod app;
mod article;
mod bookmarks;
mod bookmarks_view;
mod data;
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

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
