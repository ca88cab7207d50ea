//! Fetching the published plan index and plan files from `data/` (sync talks to its server in `sync`).

use crate::domain::format::{read_index, LoadError, PlanIndex, PlanIndexEntry};
use crate::domain::packed::{is_packed, read_packed, MAGIC};
use crate::domain::plan::Plan;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The body of `url` as bytes (no detour through a JavaScript string: plan files can be large).
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    Ok(fetch_js_bytes(url).await?.to_vec())
}

/// The body of `url`, left in JavaScript's memory (see `read_plan_js`).
async fn fetch_js_bytes(url: &str) -> Result<js_sys::Uint8Array, LoadError> {
    let network = || LoadError::Network { url: url.to_string() };
    let window = web_sys::window().ok_or_else(network)?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| network())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| network())?;
    if !response.ok() {
        return Err(LoadError::Status { url: url.to_string(), status: response.status() });
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| network())?).await.map_err(|_| network())?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// The index and default plan file the boot script started fetching before the wasm module was even
/// compiled (`tools/post_build.py` writes that script): taken once; `None` when there is none or it
/// failed, and the caller then fetches as usual (which reports any failure properly).
pub async fn take_prefetched() -> Option<(Vec<u8>, String, js_sys::Uint8Array)> {
    use js_sys::{ArrayBuffer, Promise, Reflect, Uint8Array};
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str("__minshengData");
    let promise = Reflect::get(&window, &key).ok()?;
    let _ = Reflect::delete_property(&window, &key);
    let value = JsFuture::from(promise.dyn_into::<Promise>().ok()?).await.ok()?;
    let field = |name: &str| Reflect::get(&value, &wasm_bindgen::JsValue::from_str(name)).ok();
    let bytes = |value: wasm_bindgen::JsValue| value.dyn_into::<ArrayBuffer>().ok().map(|b| Uint8Array::new(&b).to_vec());
    let index = bytes(field("index")?)?;
    let file = field("file")?.as_string()?;
    let plan = Uint8Array::new(&field("plan")?.dyn_into::<ArrayBuffer>().ok()?.into());
    Some((index, file, plan))
}

pub fn read_index_bytes(bytes: &[u8]) -> Result<PlanIndex, LoadError> {
    read_index(&String::from_utf8_lossy(bytes)).map_err(|error| LoadError::File { url: "data/index.json".to_string(), error })
}

/// Reads a plan file held in JavaScript's memory: a packed plan whole (a third of the JSON's size), a
/// JSON one through the reader loaded on demand (`lazy::plan_json`: the bundled list is packed, so
/// most visits never run it).
pub async fn read_plan_js(file: &str, bytes: &js_sys::Uint8Array) -> Result<Plan, LoadError> {
    let mut head = [0u8; MAGIC.len()];
    if bytes.length() >= MAGIC.len() as u32 {
        bytes.subarray(0, MAGIC.len() as u32).copy_to(&mut head);
    }
    if is_packed(&head) {
        return read_packed(&bytes.to_vec()).map_err(|error| LoadError::File { url: format!("data/{file}"), error });
    }
    let json = super::lazy::plan_json().await.map_err(|_| LoadError::Network { url: format!("data/{file}") })?;
    (json.read_js)(file, bytes)
}

pub async fn load_index() -> Result<PlanIndex, LoadError> {
    read_index_bytes(&fetch_bytes("data/index.json").await?)
}

/// The file of `entry` read first: its packed copy when it has one, else its JSON file.
pub fn first_file(entry: &PlanIndexEntry) -> &str {
    entry.packed.as_deref().unwrap_or(&entry.file)
}

/// The plan `entry` names, from `first_file` (given as `prefetched` when the boot script fetched it);
/// a packed copy that cannot be fetched or read is passed over for the JSON file, whose failure is the
/// one reported.
pub async fn load_plan(entry: &PlanIndexEntry, prefetched: Option<js_sys::Uint8Array>) -> Result<Plan, LoadError> {
    let first = first_file(entry);
    let bytes = match prefetched {
        Some(bytes) => Ok(bytes),
        None => fetch_js_bytes(&format!("data/{first}")).await,
    };
    let read = match bytes {
        Ok(bytes) => read_plan_js(first, &bytes).await,
        Err(error) => Err(error),
    };
    match read {
        Err(error) if entry.packed.is_some() => {
            leptos::logging::warn!("{error:?}: reading data/{} instead", entry.file);
            read_plan_js(&entry.file, &fetch_js_bytes(&format!("data/{}", entry.file)).await?).await
        }
        read => read,
    }
}
