//! The xlsx writer: a wasm binary loaded on demand in a Web Worker (`domain::jobs::Module`) that writes
//! the 台账 as an .xlsx file (`jobs::run_writer_json`: rust_xlsxwriter). The page's module does not link
//! that code, so the first load stays small; the office readers are another binary
//! (`office_reader.rs`), so exporting never downloads them.

#[cfg(target_arch = "wasm32")]
fn main() {
    minsheng::worker_host::serve(|job, _input| minsheng::domain::jobs::run_writer_json(job));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("xlsx_writer is the browser app's on-demand module: it is built by `make dist`.");
    std::process::exit(2);
}
