//! Loading the bundled data set over HTTP. URLs are relative to the document (or, embedded
//! in a portal's page, to the app's folder), so the app works from any sub-path.

use bantin_core::{ArticleBody, Catalog, CATALOG_SCHEMA};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// Why a data file could not be used. Shown to the reader in plain words.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer at all: offline, or the connection broke mid-load.
    Network,
    /// The server answered with an HTTP error status.
    Status(u16),
    /// The file arrived but is not what this version of the app can read.
    Corrupt(String),
    /// The file is well formed but of a format version (`schema`) this app does not read:
    /// a data set newer (or older) than the app.
    Version(u32),
}

/// A data file's `schema` against the one this app reads.
pub fn check_schema(found: u32, readable: u32) -> Result<(), LoadError> {
    if found == readable {
        Ok(())
    } else {
        Err(LoadError::Version(found))
    }
}

/// The data set's catalog, checked to be of the format this app reads.
pub async fn fetch_catalog() -> Result<Catalog, LoadError> {
    let catalog = fetch_json::<Catalog>("data/catalog.json").await?;
    check_schema(catalog.schema, CATALOG_SCHEMA)?;
    Ok(catalog)
}

/// One article's text.
pub async fn fetch_body(id: &str) -> Result<ArticleBody, LoadError> {
    let url = format!(
        "data/articles/{}.json",
        bantin_core::state::percent_encode(id)
    );
    fetch_json(&url).await
}

pub async fn fetch_json<T: DeserializeOwned>(url: &str) -> Result<T, LoadError> {
    let bytes = fetch_bytes(url).await?;
    // Bytes that are not UTF-8 are an error here, where reading the body as text would
    // have replaced them silently.
    serde_json::from_slice(&bytes).map_err(|e| LoadError::Corrupt(e.to_string()))
}

/// The body of `url` as bytes, copied into the wasm memory in one block. Read as text it
/// would be decoded into a JavaScript string and encoded back character by character: for
/// a catalog of 10,000 articles (13 MB) that was the largest part of the start-up's script.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let url = &crate::embed::asset_url(url);
    let window = crate::dom::window().ok_or(LoadError::Network)?;
    let init = RequestInit::new();
    init.set_method("GET");
    let request = Request::new_with_str_and_init(url, &init).map_err(|_| LoadError::Network)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| LoadError::Network)?
        .dyn_into()
        .map_err(|_: JsValue| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    // A connection lost while the body arrives rejects here.
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| LoadError::Network)?)
        .await
        .map_err(|_| LoadError::Network)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
