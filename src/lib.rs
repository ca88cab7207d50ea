//! 民生实事项目 tracker: a pure domain core (`domain`, `i18n`) and, on wasm32, the Leptos views (`ui`, with the
//! default `app` feature) and the worker modules' message loop (`worker_host`).

pub mod domain;
pub mod i18n;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker_host;
