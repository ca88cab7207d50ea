//! The only module that moves files in and out of the browser: downloads through Blob + object URLs,
//! and reading files the user picked or dropped. Nothing leaves the browser otherwise.

use crate::domain::format::{FileError, MAX_FILE_BYTES};
use crate::domain::messages::{file_error, table_error};
use crate::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a download named `filename`.
pub fn download_text(filename: &str, mime: &str, text: &str) {
    download_parts(filename, mime, &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)));
}

fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(parts, &options) {
        download_blob(filename, &blob);
    }
}

/// Offers bytes as a download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) {
    let array = js_sys::Uint8Array::from(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&array), &options) {
        download_blob(filename, &blob);
    }
}

/// Offers a Blob as a download.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
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

/// Reads a picked or dropped file as bytes, refusing files too large to handle (the message names
/// the file).
pub async fn read_bytes(file: &web_sys::File, lang: Lang) -> Result<Vec<u8>, String> {
    let name = file.name();
    let size = file.size() as usize;
    if size > MAX_FILE_BYTES {
        return Err(file_error(&name, &FileError::TooLarge { bytes: size, limit: MAX_FILE_BYTES }, lang));
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| file_error(&name, &FileError::Unreadable, lang))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads a picked or dropped file as bytes, up to `max` (a bundle of 佐证材料 may be larger than a
/// progress file).
pub async fn read_bytes_max(file: &web_sys::File, max: usize, lang: Lang) -> Result<Vec<u8>, String> {
    let name = file.name();
    let size = file.size() as usize;
    if size > max {
        return Err(file_error(&name, &FileError::TooLarge { bytes: size, limit: max }, lang));
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| file_error(&name, &FileError::Unreadable, lang))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads a picked or dropped file as text (UTF-8 or UTF-16, as `table::decode_text` reads it).
pub async fn read_file(file: &web_sys::File, lang: Lang) -> Result<String, String> {
    let bytes = read_bytes(file, lang).await?;
    crate::domain::table::decode_text(&bytes).map_err(|e| format!("{}: {}", file.name(), table_error(&e, lang)))
}

/// The files of a file input or a drop.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Renders an SVG document to a PNG (at twice its size, for print and slides) and offers it.
pub fn download_svg_as_png(filename: &str, svg: &crate::domain::svg::Svg) {
    let (width, height) = (svg.width, svg.height);
    let svg = svg.text.as_str();
    use wasm_bindgen::closure::Closure;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Ok(img) = web_sys::HtmlImageElement::new() else { return };
    let name = filename.to_string();
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let document = web_sys::window().and_then(|w| w.document());
        let Some(canvas) = document.and_then(|d| d.create_element("canvas").ok()).and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok()) else { return };
        canvas.set_width(width * 2);
        canvas.set_height(height * 2);
        let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()) else { return };
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, f64::from(width * 2), f64::from(height * 2));
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, f64::from(width * 2), f64::from(height * 2));
        let done = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
            if let Some(b) = blob {
                download_blob(&name, &b);
            }
        });
        let _ = canvas.to_blob(done.unchecked_ref());
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}
