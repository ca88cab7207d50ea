//! The timeline's legend (its axis is written as text: `domain::timeline::axis_svg`).

use super::super::state::ctx;
use crate::domain::messages::milestone_state;
use crate::domain::status::MilestoneState;
use crate::domain::timeline::state_class;
use leptos::prelude::*;

#[component]
pub fn Legend() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    use MilestoneState as S;
    let items = [S::Met, S::Missed { minor: true }, S::Missed { minor: false }, S::NotReported, S::DueSoon, S::Future];
    view! {
        <ul class="tl-legend" aria-label=t.legend>
            {items.into_iter().map(|s| view! {
                <li>
                    <svg viewBox="-8 -8 16 16" width="14" height="14" aria-hidden="true"><path class=format!("tl-diamond ms-{}", state_class(s)) d="M0 -6 L6 0 L0 6 L-6 0 Z" /></svg>
                    {milestone_state(s, c.lang.get_untracked())}
                </li>
            }).collect_view()}
            <li><span class="tl-legend-line" aria-hidden="true"></span>{t.report_date}</li>
            <li><svg viewBox="-8 -8 16 16" width="14" height="14" aria-hidden="true"><path class="tl-ghost-diamond" d="M0 -6 L6 0 L0 6 L-6 0 Z" /></svg>{t.baseline_plan}</li>
        </ul>
    }
}
