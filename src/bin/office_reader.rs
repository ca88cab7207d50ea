//! The office reader: a wasm binary loaded on demand in a Web Worker (`domain::jobs::Module`) that
//! reads workbooks and Word documents into sheets (`jobs::run_reader_json`: calamine, zip, XML). The
//! page's module does not link that code, so the first load stays small; the xlsx writer is another
//! binary (`xlsx_writer.rs`), so importing a list never downloads it.

#[cfg(target_arch = "wasm32")]
fn main() {
    minsheng::worker_host::serve(minsheng::domain::jobs::run_reader_json);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("office_reader is the browser app's on-demand module: it is built by `make dist`.");
    std::process::exit(2);
}
