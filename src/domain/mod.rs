//! The pure core: everything decided without a browser. Nothing here imports `leptos`, `web-sys` or
//! `wasm-bindgen` (checked by `tests/architecture.rs`).
//!
//! Invariant: every module here states what it must not know; none imports `leptos`, `web-sys`,
//! `wasm-bindgen` or `js-sys` (`tests/architecture.rs`).

pub mod actions;
pub mod archive;
pub mod bulletin;
pub mod canonical;
pub mod changes;
pub mod charts;
pub mod csv_export;
pub mod dashboard;
pub mod date;
pub mod delimited;
pub mod evidence;
pub mod exchange;
pub mod flow;
pub mod format;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod grid;
pub mod hash;
pub mod import;
pub mod jobs;
pub mod ledger;
pub mod markup;
pub mod list_progress;
pub mod matters;
pub mod messages;
pub mod office;
pub mod order;
pub mod packed;
pub mod palette;
pub mod persist;
pub mod seal;
pub mod signature;
pub mod publish;
pub mod plan;
pub mod query;
pub mod semantics;
pub mod slides;
pub mod status;
pub mod submissions;
pub mod supervision;
pub mod sync;
pub mod svg;
pub mod synth;
pub mod table;
pub mod text;
pub mod timeline;
pub mod validate;
pub mod view_state;
pub mod workbook;
