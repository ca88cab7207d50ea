//! The timeline slide: the projects' bars and milestones over the plan's year, drawn as one SVG.

use super::super::state::ctx;
use crate::domain::messages::{milestone_state, when};
use crate::domain::query::RowRef;
use crate::domain::timeline::{month_ticks, row_geometry, state_class, Scale};
use leptos::prelude::*;

#[component]
pub(super) fn TimelineSlide(projects: Vec<usize>) -> impl IntoView {
    let c = ctx();
    view! {
        <h2 class="slide-title">{c.lang.get_untracked().t().view_timeline}</h2>
        {move || {
            let plan = c.plan.get();
            let lang = c.lang.get();
            let scale = Scale { start: plan.start(), end: plan.end(), px_per_day: 3.0 };
            let w = scale.width();
            let label_w = 520.0;
            let row_h = 40.0;
            let h = 40.0 + row_h * projects.len() as f64;
            let rx = scale.x_end(c.report_date.get());
            let statuses = c.statuses.get();
            view! {
                <svg class="slide-timeline" viewBox=format!("0 0 {} {h}", label_w + w + 10.0) role="img" aria-label=lang.t().view_timeline>
                    {month_ticks(&scale, lang).into_iter().map(|m| view! {
                        <text class="st-month" x=label_w + m.x + 4.0 y="24">{m.label}</text>
                        <line class="st-grid" x1=label_w + m.x x2=label_w + m.x y1="30" y2=h />
                    }).collect_view()}
                    {projects.iter().enumerate().map(|(k, &i)| {
                        let p = &plan.projects[i];
                        let s = &statuses[i];
                        let g = row_geometry(&plan, &RowRef { project: i, indicator: None }, s, s.completion, &scale, lang);
                        let y = 40.0 + row_h * k as f64;
                        let name: String = p.name.chars().take(18).collect::<String>() + if p.name.chars().count() > 18 { "…" } else { "" };
                        view! {
                            <text class="st-name" x="0" y=y + 25.0>{format!("{} {} {name}", p.seq, s.light.symbol())}</text>
                            <rect class="tl-bar" x=label_w + g.bar_x y=y + 12.0 width=g.bar_width height="16" rx="4" />
                            <rect class="tl-fill" x=label_w + g.bar_x y=y + 12.0 width=g.fill_width height="16" rx="4" />
                            {g.markers.iter().map(|m| {
                                let (cx, cy) = (label_w + m.x, y + 20.0);
                                view! { <path class=format!("tl-diamond ms-{}", state_class(m.state)) d=format!("M{cx} {} L{} {cy} L{cx} {} L{} {cy} Z", cy - 9.0, cx + 9.0, cy + 9.0, cx - 9.0)>
                                    <title>{format!("{} {}", when(p.milestones[m.milestone].due, lang), milestone_state(m.state, lang))}</title>
                                </path> }
                            }).collect_view()}
                        }
                    }).collect_view()}
                    <line class="tl-report" x1=label_w + rx x2=label_w + rx y1="30" y2=h />
                </svg>
            }
        }}
    }
}
