//! The reader's views and browser plumbing, as a library with two thin entry points: the
//! wasm app (`src/main.rs`, built with the `csr` feature) and the build-time renderer
//! (`src/bin/prerender.rs`, built natively with `ssr`), which writes the same views as
//! static HTML so that a first visit is readable before any script has run.

#![recursion_limit = "256"]

pub mod app;
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
#[cfg(feature = "ssr")]
pub mod prerender;
mod pwa;
mod search;
mod start;
mod timeline;
mod url;
mod webmaster;

pub use start::start;
