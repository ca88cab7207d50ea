//! The Leptos views: thin components over the pure core. Only compiled for wasm32.
//!
//! Data flows one way: the loaded plan (+ progress ledger, report date, view query) → memos in
//! `state` → components. Side effects have one owner each: `fetch` (the network), `storage`
//! (localStorage), `url` (the address bar), `download` (files out and in).

mod app;
pub mod list;
mod fetch;

mod loading;

pub use app::App;
