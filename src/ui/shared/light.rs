//! A status light: colour, a distinct shape and a text label, so colour is never the only signal.

use crate::domain::markup::Markup;
use crate::domain::messages::light_label;
use crate::domain::status::Light;
use crate::markup;
use crate::i18n::Lang;
use super::markup::markup;
use leptos::prelude::*;

/// The light's shape in a 16×16 view box, as SVG markup: the one drawing of each shape, used by `Shape`,
/// `StatusLight` and rows written as text (the timeline's).
pub fn shape_paths(light: Light) -> &'static str {
    match light {
        Light::Done => r#"<circle cx="8" cy="8" r="7" class="fill"/><path d="M4.5 8.2 L7 10.6 L11.6 5.6" class="tick"/>"#,
        Light::OnTrack => r#"<circle cx="8" cy="8" r="6.5" class="fill"/>"#,
        Light::Behind => r#"<path d="M8 1.5 L15 14.5 L1 14.5 Z" class="fill"/>"#,
        Light::Serious => r#"<path d="M8 0.8 L15.2 8 L8 15.2 L0.8 8 Z" class="fill"/>"#,
        Light::NotReported => r#"<circle cx="8" cy="8" r="5.8" class="hollow"/>"#,
    }
}

/// What a status light holds (its shape and label), as markup with the label escaped.
fn light_inner(light: Light, overdue: bool, lang: Lang) -> Markup {
    markup!(
        r#"<svg class="light-shape light-{code}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">{shape}</svg><span class="light-label">{label}</span>"#,
        code = light.code(),
        shape = Markup::lit(shape_paths(light)),
        label = light_label(light, overdue, lang),
    )
}

/// A status light as markup, for rows written as text.
pub fn light_html(light: Light, overdue: bool, lang: Lang) -> Markup {
    markup!(r#"<span class="light light-{code}">{inner}</span>"#, code = light.code(), inner = light_inner(light, overdue, lang))
}

#[component]
pub fn Shape(light: Light) -> impl IntoView {
    view! {
        <svg class=format!("light-shape light-{}", light.code()) viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"
            use:markup=Markup::lit(shape_paths(light))></svg>
    }
}

/// A status light; built from its markup in one step (lists show one per row).
#[component]
pub fn StatusLight(light: Light, #[prop(optional)] overdue: bool, lang: Lang) -> impl IntoView {
    view! { <span class=format!("light light-{}", light.code()) use:markup=light_inner(light, overdue, lang)></span> }
}
