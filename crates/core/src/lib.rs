//! Pure domain logic of Bản tin Đại hội: the article model, Vietnamese text handling,
//! filtering, facet counting, search and the timeline. No web dependencies, so it builds
//! natively (and is tested with plain `cargo test`) as well as to wasm.

pub mod bookmarks;
pub mod date;
pub mod display;
pub mod filter;
#[cfg(test)]
mod fixtures;
pub mod model;
pub mod search;
pub mod sort;
pub mod state;
pub mod text;
pub mod timeline;

pub use date::{DateSpec, PartialDate};
pub use model::*;
