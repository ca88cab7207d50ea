//! The timeline's axis (quarters and months, the report-date and today lines) and its legend.

use super::super::state::ctx;
use super::HEAD_HEIGHT;
use crate::domain::messages::milestone_state;
use crate::domain::status::MilestoneState;
use crate::domain::timeline::{month_ticks, quarter_ticks, state_class, Scale};
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
        </ul>
    }
}

#[component]
pub fn Axis(scale: Memo<Scale>, report_x: Memo<f64>, today_x: Memo<Option<f64>>) -> impl IntoView {
    let c = ctx();
    move || {
        let s = scale.get();
        let lang = c.lang.get();
        let w = s.width();
        view! {
            <svg class="tl-header" width=w height=HEAD_HEIGHT viewBox=format!("0 0 {w} {HEAD_HEIGHT}") aria-hidden="true">
                <g class="layer-grid">
                    {quarter_ticks(&s, lang).into_iter().map(|q| view! {
                        <rect class="tl-q" x=q.x y="0" width=q.width height="24" />
                        <text class="tl-q-label" x=q.x + 6.0 y="16">{q.label}</text>
                    }).collect_view()}
                    {month_ticks(&s, lang).into_iter().map(|m| view! {
                        <rect class="tl-m" x=m.x y="24" width=m.width height="32" />
                        <text class="tl-m-label" x=m.x + 4.0 y="45">{m.label}</text>
                    }).collect_view()}
                </g>
                <line class="tl-report" x1=report_x.get() x2=report_x.get() y1="0" y2=HEAD_HEIGHT />
                {today_x.get().map(|x| view! { <line class="tl-today" x1=x x2=x y1="0" y2=HEAD_HEIGHT /> })}
            </svg>
        }
    }
}
