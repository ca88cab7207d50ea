//! 导入预览: what was read, with every problem and warning highlighted, and the progress the list
//! already states; accept or cancel.

use super::offers::ListOffers;
use super::super::state::ctx;
use crate::domain::import::Imported;
use crate::domain::messages::{amount, plan_warning, requirement, table_problem, when};
use leptos::prelude::*;

#[component]
pub(super) fn Review(imported: Imported, on_accept: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let tt = lang.t();
    let plan = imported.plan;
    let warnings: usize = plan.projects.iter().map(|p| p.warnings.len()).sum();
    let milestones: usize = plan.projects.iter().map(|p| p.milestones.len()).sum();
    let summary = (tt.import_summary)(plan.categories.len(), plan.projects.len(), milestones, warnings + imported.problems.len());
    view! {
        <section class="panel review" role="region" aria-labelledby="review-title">
            <h3 id="review-title">{tt.review_title}</h3>
            <p><strong>{plan.title.clone()}</strong>" · "{plan.year}</p>
            <p>{summary}</p>
            {(!imported.problems.is_empty()).then(|| view! {
                <ul class="issues">
                    {imported.problems.iter().map(|p| view! { <li class="issue conflict">{table_problem(p, lang)}</li> }).collect_view()}
                </ul>
            })}
            <table class="data-table review-table">
                <thead>
                    <tr>
                        <th scope="col">{tt.col_seq}</th>
                        <th scope="col">{tt.col_name}</th>
                        <th scope="col">{tt.indicators}</th>
                        <th scope="col">{tt.milestones}</th>
                        <th scope="col">{tt.reading_warnings}</th>
                    </tr>
                </thead>
                <tbody>
                    {plan.projects.iter().map(|p| {
                        let has_warnings = !p.warnings.is_empty();
                        view! {
                            <tr class:has-warning=has_warnings>
                                <td class="num">{p.seq}</td>
                                <td>{p.name.clone()}<div class="muted">{p.lead_unit.to_string()}" · "{p.due_text.to_string()}</div></td>
                                <td>{p.indicators.iter().map(|i| view! {
                                    <div>{i.name.clone()}" "{i.target.map(|v| amount(v, &i.unit))}</div>
                                }).collect_view()}</td>
                                <td>{p.milestones.iter().map(|m| view! {
                                    <div class="muted">{when(m.due, lang)}" · "{requirement(m, p, lang)}</div>
                                }).collect_view()}</td>
                                <td>{p.warnings.iter().map(|w| view! { <div class="warning-text">{plan_warning(w, lang)}</div> }).collect_view()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <ListOffers plan=plan.clone() />
            <div class="row">
                <button class="button primary" on:click=move |_| on_accept.run(())>{tt.confirm_import}</button>
                <button class="button" on:click=move |_| on_cancel.run(())>{tt.cancel}</button>
            </div>
        </section>
    }
}
