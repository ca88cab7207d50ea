//! Links to a project's detail: real URLs (open in a new tab works), handled in place on a plain click.

use super::super::state::Ctx;
use leptos::prelude::*;

/// The link to a project's detail, carrying the current view (filters, date) so a new tab keeps it.
pub fn project_href(c: Ctx, id: &str) -> String {
    let base = c.link_query.get();
    let sep = if base.is_empty() { "" } else { "&" };
    format!("?{base}{sep}p={}", crate::domain::view_state::encode_component(id))
}

/// Whether a click on a project link opens it in place: a plain left click (with a modifier or
/// another button the browser opens the link as links do).
pub fn opens_in_place(ev: &leptos::ev::MouseEvent) -> bool {
    !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0)
}

pub fn open_on_click(c: Ctx, id: String) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    move |ev: leptos::ev::MouseEvent| {
        if !opens_in_place(&ev) {
            return;
        }
        ev.prevent_default();
        c.open_project(&id);
    }
}
