//! The slide of projects whose light moved since the last period (较上期变化), worse first.

use super::super::shared::StatusLight;
use super::super::state::ctx;
use crate::domain::messages::reason;
use crate::domain::changes::{Direction, LightChange};
use leptos::prelude::*;

#[component]
pub(super) fn ChangesSlide(projects: Vec<usize>, page: usize, moved: Memo<Vec<LightChange>>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan = c.plan.get_untracked();
    let title = if page > 0 { (t.continued_heading)(t.view_changes) } else { t.view_changes.to_string() };
    view! {
        <h2 class="slide-title">{title}</h2>
        <table class="slide-table projects">
            <thead><tr>
                <th scope="col">{t.col_name}</th>
                <th scope="col">{t.compare_from}</th>
                <th scope="col">{t.compare_to}</th>
                <th scope="col">{t.reason}</th>
            </tr></thead>
            <tbody>
                {projects.into_iter().filter_map(|i| moved.with_untracked(|m| m.iter().find(|x| x.project == i).cloned())).map(|ch| {
                    let p = &plan.projects[ch.project];
                    let arrow = if ch.direction == Direction::Worse { "↓" } else { "↑" };
                    view! {
                        <tr class=format!("slide-row change-{}", if ch.direction == Direction::Worse { "worse" } else { "better" })>
                            <th scope="row"><span class="change-arrow" aria-hidden="true">{arrow}</span>" "{p.name.clone()}</th>
                            <td><StatusLight light=ch.from overdue=ch.from_overdue lang /></td>
                            <td><StatusLight light=ch.to overdue=ch.to_overdue lang /></td>
                            <td class="slide-detail">{ch.reason.as_ref().map(|r| reason(r, lang))}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
