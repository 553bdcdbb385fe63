//! Loading the bundled data set over HTTP. URLs are relative to the document (or, embedded
//! in a portal's page, to the app's folder), so the app works from any sub-path.

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
}

pub async fn fetch_json<T: DeserializeOwned>(url: &str) -> Result<T, LoadError> {
    let text = fetch_text(url).await?;
    serde_json::from_str(&text).map_err(|e| LoadError::Corrupt(e.to_string()))
}

pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let url = &crate::embed::asset_url(url);
    let window = web_sys::window().ok_or(LoadError::Network)?;
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
    let text = JsFuture::from(response.text().map_err(|_| LoadError::Network)?)
        .await
        .map_err(|_| LoadError::Network)?;
    text.as_string()
        .ok_or_else(|| LoadError::Corrupt("not text".into()))
}
