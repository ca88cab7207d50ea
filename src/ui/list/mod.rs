//! The list: grouped like the official document (by default), one row per project with its status light
//! and reason, every field of the table.

//! The official table (`table`, every row in the DOM) up to 200 rows; beyond, a virtual list
//! (`virtual_list`, only the lines in view).

mod table;
mod virtual_list;

use super::shared::{opens_in_place, printing, refresh_href, row_project};
use super::state::ctx;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use table::FullList;
use virtual_list::VirtualList;

/// Lists up to this many rows are rendered whole (like the official table); longer ones are virtual.
const FULL_RENDER_LIMIT: usize = 200;

#[component]
pub fn ProjectList() -> impl IntoView {
    let c = ctx();
    // Printing shows every row, so the full table is used while the browser prints.
    let printing = printing();
    let large = Memo::new(move |_| c.rows.with(|r| r.len()) > FULL_RENDER_LIMIT && !printing.get());
    move || if large.get() { view! { <VirtualList /> }.into_any() } else { view! { <FullList /> }.into_any() }
}


/// A click on a row's link opens its project (a new tab with a modifier, as links do).
fn open_row_link(ev: leptos::ev::MouseEvent) {
    if !opens_in_place(&ev) {
        return;
    }
    let id = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest(".project-link").ok().flatten())
        .and_then(|link| row_project(&link));
    if let Some(id) = id {
        ev.prevent_default();
        ctx().open_project(&id);
    }
}

/// A row's link about to be used carries the current view (rows are not rewritten for it).
fn refresh_row_href<E: AsRef<web_sys::Event>>(ev: E) {
    refresh_href(ctx(), ev.as_ref(), ".project-link", row_project);
}
