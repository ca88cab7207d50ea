//! The light, its first reason, the completion bar and the 临期/预警 flags of a project.

use super::light::StatusLight;
use crate::domain::messages::{projection, reason, when};
use crate::domain::status::ProjectStatus;
use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn StatusCell(status: ProjectStatus, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let first_reason = status.reasons.first().map(|r| reason(r, lang)).unwrap_or_default();
    let pct = (status.completion * 100.0).round() as u32;
    let soon = status.due_soon.first().map(|d| format!("{} {}", t.due_soon, when(*d, lang)));
    let warning = status.early_warning.as_ref().map(|p| projection(p, lang));
    view! {
        <div class="status-cell">
            <StatusLight light=status.light overdue=status.overdue lang />
            <div class="progress" role="img" aria-label=(t.completion_of)(pct)>
                <div class="progress-bar" style:width=format!("{pct}%")></div>
            </div>
            <p class="reason">{first_reason}</p>
            {soon.map(|s| view! { <p class="flag flag-soon">{s}</p> })}
            {warning.map(|w| view! { <p class="flag flag-warn"><strong>{t.early_warning}</strong>" "{w}</p> })}
        </div>
    }
}
