//! The one place that talks to the network: fetching the plan index and plan files from `data/`.

use crate::domain::format::{read_index, read_plan_bytes, LoadError, PlanIndex};
use crate::domain::plan::Plan;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The body of `url` as bytes (no detour through a JavaScript string: plan files can be large).
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let network = || LoadError::Network { url: url.to_string() };
    let window = web_sys::window().ok_or_else(network)?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| network())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| network())?;
    if !response.ok() {
        return Err(LoadError::Status { url: url.to_string(), status: response.status() });
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| network())?).await.map_err(|_| network())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

pub async fn load_index() -> Result<PlanIndex, LoadError> {
    let url = "data/index.json";
    let bytes = fetch_bytes(url).await?;
    let text = String::from_utf8_lossy(&bytes);
    read_index(&text).map_err(|error| LoadError::File { url: url.to_string(), error })
}

pub async fn load_plan(file: &str) -> Result<Plan, LoadError> {
    let url = format!("data/{file}");
    let bytes = fetch_bytes(&url).await?;
    read_plan_bytes(&bytes).map_err(|error| LoadError::File { url, error })
}
