//! A status light: colour, a distinct shape and a text label, so colour is never the only signal.

use crate::domain::messages::light_label;
use crate::domain::status::Light;
use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn Shape(light: Light) -> impl IntoView {
    let shape = match light {
        Light::Done => view! {
            <circle cx="8" cy="8" r="7" class="fill" />
            <path d="M4.5 8.2 L7 10.6 L11.6 5.6" class="tick" />
        }
        .into_any(),
        Light::OnTrack => view! { <circle cx="8" cy="8" r="6.5" class="fill" /> }.into_any(),
        Light::Behind => view! { <path d="M8 1.5 L15 14.5 L1 14.5 Z" class="fill" /> }.into_any(),
        Light::Serious => view! { <path d="M8 0.8 L15.2 8 L8 15.2 L0.8 8 Z" class="fill" /> }.into_any(),
        Light::NotReported => view! { <circle cx="8" cy="8" r="5.8" class="hollow" /> }.into_any(),
    };
    view! {
        <svg class=format!("light-shape light-{}", light.code()) viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            {shape}
        </svg>
    }
}

#[component]
pub fn StatusLight(light: Light, #[prop(optional)] overdue: bool, lang: Lang) -> impl IntoView {
    view! {
        <span class=format!("light light-{}", light.code())>
            <Shape light />
            <span class="light-label">{light_label(light, overdue, lang)}</span>
        </span>
    }
}
