//! The Leptos views: thin components over the pure core. Only compiled for wasm32.
//!
//! Data flows one way: the loaded plan (+ progress ledger, report date, view state) → memos in
//! `state` → components. Side effects have one owner each: `fetch` (the published files), `sync`
//! (the CouchDB server), `storage` over `idb` (IndexedDB, localStorage as fallback), `url` (the
//! address bar), `download` (files out and in), `worker` (the on-demand worker module).

mod actions;
mod app;
mod chunk;
mod bulletin;
mod changes;
mod chart;
mod dashboard;
mod detail;
mod download;
mod entry_form;
mod env;
mod evidence;
mod exchange;
mod flow;
mod fetch;
mod filter_bar;
mod grid;
mod idb;
mod header;
mod history;
mod import_list;
mod lazy;
pub mod list;
mod loading;
mod matters;
mod nav;
mod notices;
mod offline;
mod present;
mod signing;
pub mod shared;
pub mod state;
mod storage;
mod submissions;
mod supervision;
mod sync;
mod sync_view;
mod timeline;
mod url;
mod worker;
mod xlsx_export;

pub use app::App;
