//! The list: grouped like the official document (by default), one row per project with its status light
//! and reason, every field of the table.

//! The official table (`table`, every row in the DOM) up to 200 rows; beyond, a virtual list
//! (`virtual_list`, only the lines in view).

mod table;
mod virtual_list;

use super::shared::printing;
use super::state::ctx;
use leptos::prelude::*;
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

