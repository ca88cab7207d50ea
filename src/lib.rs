//! 民生实事项目 tracker: a pure domain core (`domain`, `i18n`) and, on wasm32, the Leptos views (`ui`).

pub mod domain;
pub mod i18n;

#[cfg(target_arch = "wasm32")]
pub mod ui;
