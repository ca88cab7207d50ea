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

fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(parts, &options) {
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

/// Renders an SVG document to a PNG (at twice its size, for print and slides) and offers it.
pub fn download_svg_as_png(filename: &str, svg: &str, width: u32, height: u32) {
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

/// A button that opens the browser's file chooser (the input itself is hidden but labelled, so tests
/// and assistive technology can still reach it) and hands the chosen files over.
#[leptos::component]
pub fn FilePicker(
    accept: &'static str,
    #[prop(optional)] multiple: bool,
    /// The accessible name of the file input.
    input_label: &'static str,
    /// The button's text.
    button_label: &'static str,
    #[prop(optional)] primary: bool,
    on_files: leptos::prelude::Callback<Vec<web_sys::File>>,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let input = NodeRef::<leptos::html::Input>::new();
    view! {
        <input
            type="file"
            accept=accept
            multiple=multiple
            class="visually-hidden"
            node_ref=input
            aria-label=input_label
            on:change=move |ev| {
                let target: web_sys::HtmlInputElement = event_target(&ev);
                on_files.run(files_of(target.files()));
                // The same file chosen again must fire again.
                target.set_value("");
            }
        />
        <button class=if primary { "button primary" } else { "button" } on:click=move |_| {
            if let Some(i) = input.get_untracked() {
                i.click();
            }
        }>{button_label}</button>
    }
}
