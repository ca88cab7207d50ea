//! The only module that moves files in and out of the browser: downloads through Blob + object URLs,
//! and reading files the user picked or dropped. Nothing leaves the browser otherwise.

use crate::domain::format::MAX_FILE_BYTES;
use crate::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a download named `filename`.
pub fn download_text(filename: &str, mime: &str, text: &str) {
    download_parts(filename, mime, &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)));
}

/// Offers bytes (a PNG, say) as a download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) {
    let array = js_sys::Uint8Array::from(bytes);
    download_parts(filename, mime, &js_sys::Array::of1(&array));
}

fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(a) = document.as_ref().and_then(|d| d.create_element("a").ok()).and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(filename);
        a.set_attribute("hidden", "").ok();
        if let Some(body) = document.as_ref().and_then(|d| d.body()) {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    // Revoke after the click has been handled, so the download is not cut off.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
}

/// Reads a picked or dropped file as text, refusing files too large to handle.
pub async fn read_file(file: &web_sys::File, lang: Lang) -> Result<String, String> {
    let name = file.name();
    let size = file.size() as usize;
    if size > MAX_FILE_BYTES {
        return Err(lang.pick(
            format!("{name}：文件过大（{:.1} MB，上限 {} MB），未读取。", size as f64 / 1e6, MAX_FILE_BYTES / 1_000_000),
            format!("{name}: the file is too large ({:.1} MB, limit {} MB) and was not read.", size as f64 / 1e6, MAX_FILE_BYTES / 1_000_000),
        ));
    }
    let unreadable = || lang.pick(format!("{name}：无法读取文件。"), format!("{name}: the file could not be read."));
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| unreadable())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    crate::domain::table::decode_text(&bytes).map_err(|e| format!("{name}: {}", crate::domain::messages::table_error(&e, lang)))
}

/// The files of a file input or a drop.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
