//! The four texts of a monthly report (本月进展, 存在问题, 下步打算, 需协调事项), each a labelled text
//! area with its character count and its own error; grouped under a name (the project) so several can
//! stand on one page.

use super::super::state::ctx;
use crate::domain::ledger::{ReportField, ReportTexts, REPORT_TEXT_MAX};
use crate::i18n::Strings;
use leptos::prelude::*;

pub fn field_label(f: ReportField, t: &Strings) -> &'static str {
    match f {
        ReportField::Progress => t.report_progress,
        ReportField::Problems => t.report_problems,
        ReportField::NextSteps => t.report_next_steps,
        ReportField::Coordination => t.report_coordination,
    }
}

#[component]
pub fn ReportFields(
    /// The accessible name of the group (the project's name).
    group: String,
    #[prop(into)] texts: Signal<ReportTexts>,
    on_change: Callback<(ReportField, String)>,
    #[prop(into)] errors: Signal<Vec<(ReportField, String)>>,
) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let id = crate::domain::hash::short_hash(&group, 8);
    view! {
        <div class="report-fields" role="group" aria-label=group>
            {ReportField::ALL.into_iter().map(|f| {
                let label = field_label(f, t);
                let err_id = format!("rf-{id}-{f:?}");
                let count = move || texts.with(|x| x.get(f).chars().count());
                let error = move || errors.with(|es| es.iter().find(|(g, _)| *g == f).map(|(_, m)| m.clone()));
                view! {
                    <label class="field report-field">
                        <span class="field-label">{label}</span>
                        <textarea
                            rows="3"
                            aria-label=label
                            aria-describedby=err_id.clone()
                            aria-invalid=move || error().is_some().to_string()
                            prop:value=move || texts.with(|x| x.get(f).to_string())
                            on:input=move |ev| on_change.run((f, event_target_value(&ev)))
                        ></textarea>
                        <span class="char-count muted" class:over=move || { count() > REPORT_TEXT_MAX }>
                            {move || (t.chars_count)(count(), REPORT_TEXT_MAX)}
                        </span>
                        <span id=err_id class="field-error" role="alert">{error}</span>
                    </label>
                }
            }).collect_view()}
        </div>
    }
}
