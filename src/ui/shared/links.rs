//! Links to a project's detail: real URLs (open in a new tab works), handled in place on a plain click.

use super::super::state::Ctx;
use leptos::prelude::*;

/// The link to a project's detail, carrying the current view (filters, date) so a new tab keeps it.
pub fn project_href(c: Ctx, id: &str) -> String {
    let base = c.link_query.get();
    let sep = if base.is_empty() { "" } else { "&" };
    format!("?{base}{sep}p={}", crate::domain::view_state::encode_component(id))
}

/// Brings a project link's address up to date with the view (filters, date) just before it can be
/// used: rows are written once, not again at every keystroke of a search, and a link's address is
/// only read when it is pointed at, pressed or focused (open in a new tab, copy the link). Listens on a
/// list's container (`pointerover`, `pointerdown`, `focusin`); `project_of` names the link's project.
pub fn refresh_href(c: Ctx, ev: &web_sys::Event, link_class: &str, project_of: impl Fn(&web_sys::Element) -> Option<String>) {
    use wasm_bindgen::JsCast;
    let Some(link) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest(link_class).ok().flatten()) else {
        return;
    };
    let Some(id) = project_of(&link) else { return };
    let href = untrack(|| project_href(c, &id));
    if link.get_attribute("href").as_deref() != Some(href.as_str()) {
        let _ = link.set_attribute("href", &href);
    }
}

/// The project of a link in a list row: the row's `data-project`.
pub fn row_project(link: &web_sys::Element) -> Option<String> {
    link.closest("[data-project]").ok().flatten()?.get_attribute("data-project")
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
