//! A slide of the matters awaiting one city leader's coordination (需协调事项).

use super::super::state::ctx;
use crate::domain::messages::month_name;
use crate::domain::matters::LeaderMatters;
use leptos::prelude::*;

#[component]
pub(super) fn MattersSlide(group: usize, range: std::ops::Range<usize>, page: usize, matters: Memo<Vec<LeaderMatters>>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan = c.plan.get_untracked();
    let Some(g) = matters.with_untracked(|m| m.get(group).cloned()) else { return ().into_any() };
    let title = (t.slide_matters)(&g.leader);
    let title = if page > 0 { (t.continued_heading)(&title) } else { title };
    view! {
        <h2 class="slide-title">{title}</h2>
        <ul class="slide-matters">
            {g.matters[range.start.min(g.matters.len())..range.end.min(g.matters.len())].iter().map(|m| view! {
                <li>
                    <strong>{plan.projects[m.project].name.clone()}</strong>
                    <span class="slide-matter-source">" · "{(t.matter_source)(&m.unit, &month_name(m.month.month, lang))}</span>
                    <p>{m.text.clone()}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
