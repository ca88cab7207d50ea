//! Markup written as text and put on the page in one step (a list's or a timeline's row, a status
//! light): the one place in the views that sets `innerHTML`, which `tests/architecture.rs` checks. The
//! texts given here are made by builders that escape every text and attribute value they write
//! (`domain::svg::xml_escape`: `light_html`, `status_cell_html`, `change_mark_html`, the rows of
//! `list/table.rs` and `timeline/row.rs`); nothing else is passed, and the CSP refuses inline scripts,
//! handlers and styles in any case.

use leptos::prelude::*;

/// A directive (`use:markup=text`): the element's content is `text`, written as the element is built.
pub fn markup(el: web_sys::Element, text: String) {
    el.set_inner_html(&text);
}

/// A directive (`use:live_markup=f`): the element's content is `f()`, written as the element is built and
/// again whenever what `f` reads changes (until the view goes).
pub fn live_markup<F: Fn() -> String + Clone + 'static>(el: web_sys::Element, text: F) {
    let effect = RenderEffect::new(move |_| el.set_inner_html(&text()));
    StoredValue::new_local(effect);
}

/// A group heading's category number (类别 ①…) as markup, or nothing for a group without one: the one
/// writing of it for lines written as text (the timeline's, the virtual list's).
pub fn category_no_html(no: Option<u32>) -> String {
    no.map(|n| format!(r#"<span class="category-no">{n}</span>"#)).unwrap_or_default()
}
