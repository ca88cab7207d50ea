//! The site writer: a wasm binary loaded on demand in a Web Worker (`domain::jobs::Module`) that makes
//! the 公开版 (`jobs::run_site_json`: the list judged as the office judges it, `domain::publish`'s pages,
//! QR codes and zip). Neither the page's module nor the workbook writer links that code.

#[cfg(target_arch = "wasm32")]
fn main() {
    minsheng::worker_host::serve(minsheng::domain::jobs::run_site_json);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("site_writer is the browser app's on-demand module: it is built by `make dist`.");
    std::process::exit(2);
}
