//! The light, its first reason, the completion bar and the 临期/预警 flags of a project, written as
//! markup (texts escaped) so a list row can be put on the page in one step; `StatusCell` puts the same
//! markup in a cell of its own.

use super::light::light_html;
use crate::domain::messages::{percent_value, projection, reason, when};
use crate::domain::markup::Markup;
use crate::domain::status::{Marks, ProjectStatus};
use crate::i18n::Lang;
use crate::markup;
use super::markup::markup;
use leptos::prelude::*;

/// The review loop's marks of a status (已办结, 已延期, 未审核), as markup; empty when none.
pub fn marks_html(marks: Marks, lang: Lang) -> Markup {
    let t = lang.t();
    let mut out = Markup::default();
    for (on, code, label) in [(marks.closed, "closed", t.mark_closed), (marks.moved, "moved", t.mark_moved), (marks.unreviewed, "unreviewed", t.mark_unreviewed)] {
        if on {
            out.push(&markup!(r#"<span class="mark mark-{code}">{label}</span>"#, code = code, label = label));
        }
    }
    out
}

/// What a status cell holds. The completion bar is an SVG rectangle (a `width` attribute, not a style
/// the CSP would refuse in markup).
pub fn status_cell_inner(status: &ProjectStatus, lang: Lang) -> Markup {
    let t = lang.t();
    let first_reason = status.reasons.first().map(|r| reason(r, lang)).unwrap_or_default();
    let pct = percent_value(status.completion).clamp(0.0, 100.0) as u32;
    let mut out = markup!(
        r#"{light}{marks}<div class="progress" role="img" aria-label="{label}"><svg class="progress-svg" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect class="progress-bar" width="{pct}" height="6"/></svg></div><p class="reason">{reason}</p>"#,
        light = light_html(status.light, status.overdue, lang),
        marks = marks_html(status.marks, lang),
        label = (t.completion_of)(pct),
        pct = pct,
        reason = first_reason,
    );
    if let Some(d) = status.due_soon.first() {
        out.push(&markup!(r#"<p class="flag flag-soon">{text}</p>"#, text = format!("{} {}", t.due_soon, when(*d, lang))));
    }
    if let Some(p) = &status.early_warning {
        out.push(&markup!(r#"<p class="flag flag-warn"><strong>{label}</strong> {text}</p>"#, label = t.early_warning, text = projection(p, lang)));
    }
    out
}

/// The status cell as markup (`<div class="status-cell">…</div>`).
pub fn status_cell_html(status: &ProjectStatus, lang: Lang) -> Markup {
    markup!(r#"<div class="status-cell">{inner}</div>"#, inner = status_cell_inner(status, lang))
}

#[component]
pub fn StatusCell(status: ProjectStatus, lang: Lang) -> impl IntoView {
    view! { <div class="status-cell" use:markup=status_cell_inner(&status, lang)></div> }
}
