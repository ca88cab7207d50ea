//! Markup written as text and put on the page in one step (a list's or a timeline's row, a status
//! light): the one place in the views that sets `innerHTML`, which `tests/architecture.rs` checks. It
//! takes only `domain::markup::Markup`, which can be made only by escaping text, from a literal or
//! from the core's SVG: a field that was not escaped does not compile. The CSP refuses inline scripts,
//! handlers and styles in any case.

use crate::domain::markup::Markup;
use crate::markup;
use leptos::prelude::*;

/// A directive (`use:markup=text`): the element's content is `text`, written as the element is built.
pub fn markup(el: web_sys::Element, text: Markup) {
    el.set_inner_html(text.as_str());
}

/// A directive (`use:live_markup=f`): the element's content is `f()`, written as the element is built and
/// again whenever what `f` reads changes (until the view goes).
pub fn live_markup<F: Fn() -> Markup + Clone + 'static>(el: web_sys::Element, text: F) {
    let effect = RenderEffect::new(move |_| el.set_inner_html(text().as_str()));
    StoredValue::new_local(effect);
}

/// A group heading's category number (类别 ①…) as markup, or nothing for a group without one: the one
/// writing of it for lines written as text (the timeline's, the virtual list's).
pub fn category_no_html(no: Option<u32>) -> Markup {
    no.map(|n| markup!(r#"<span class="category-no">{n}</span>"#, n = n)).unwrap_or_default()
}
