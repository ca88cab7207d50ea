//! The slide of the review loop's outcomes: projects whose dates an approved extension moved (原定 →
//! 批准延至) and projects closed (已办结).

use super::super::state::ctx;
use crate::domain::messages::when;
use leptos::prelude::*;

#[component]
pub(super) fn LoopSlide(projects: Vec<usize>, page: usize) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan = c.baseline.get_untracked();
    let flow = c.flow.get_untracked();
    let title = if page > 0 { (t.continued_heading)(t.b_loop) } else { t.b_loop.to_string() };
    view! {
        <h2 class="slide-title">{title}</h2>
        <table class="slide-table projects">
            <thead><tr>
                <th scope="col">{t.col_name}</th>
                <th scope="col">{t.col_lead_unit}</th>
                <th scope="col">{t.state}</th>
            </tr></thead>
            <tbody>
                {projects.into_iter().filter_map(|i| plan.projects.get(i)).map(|p| {
                    let mut what: Vec<String> = flow.moved(&p.id).iter().map(|m| (t.moved_text)(&when(m.baseline, lang), &when(m.adjusted, lang))).collect();
                    if let Some(d) = flow.closed_on(&p.id) {
                        what.push((t.paren)(t.mark_closed, &d.to_string()));
                    }
                    view! {
                        <tr class="slide-row">
                            <th scope="row">{p.name.clone()}</th>
                            <td>{p.lead_unit.to_string()}</td>
                            <td class="slide-detail">{what.join(t.clause_sep)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
