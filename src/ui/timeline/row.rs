//! One line of the timeline: a group heading, or a row (a project, or one of its indicators) with its
//! name and light in the frozen left column and, in fixed layers, its bar, progress fill, the
//! report-date and today lines, milestone markers and their labels.

use super::super::shared::{open_on_click, project_href, StatusLight};
use super::super::state::ctx;
use super::Tip;
use crate::domain::messages::{amount, milestone_state, requirement, when};
use crate::domain::query::RowRef;
use crate::domain::status::ProjectStatus;
use crate::domain::timeline::{marker_state, state_class, RowGeometry, ROW_HEIGHT};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn GroupRow(k: usize, label: String, no: Option<u32>, count: usize) -> impl IntoView {
    view! {
        <tr class="tl-group" data-tl-row=k.to_string()>
            <th class="tl-left" scope="rowgroup">
                <div class="tl-left-inner">
                    {no.map(|n| view! { <span class="category-no">{n}</span> })}
                    <span class="tl-group-label">{label}</span>
                    <span class="muted num">{count}</span>
                </div>
            </th>
            <td class="tl-chart"></td>
        </tr>
    }
}

/// What a marker's tooltip says: the milestone's date and project, its text, what it requires and its
/// state, and the value reported by the report date.
fn tip_lines(project: &crate::domain::plan::Project, status: &ProjectStatus, milestone: usize) -> (String, Vec<String>) {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let ms = &project.milestones[milestone];
    let reported = ms.indicator.as_ref().or(project.indicators.first().map(|i| &i.id)).and_then(|iid| {
        let ind = project.indicator(iid)?;
        let v = c.ledger_view.with_untracked(|v| v.value_at(&project.id, iid, c.report_date.get_untracked()))?;
        Some(amount(v, &ind.unit))
    });
    let state = marker_state(status, &ms.id);
    let mut lines = vec![ms.text.clone(), format!("{} · {}", requirement(ms, project, lang), milestone_state(state, lang))];
    if let Some(r) = reported {
        lines.push((lang.t().labelled)(lang.t().reported, &r));
    }
    (format!("{} · {}", when(ms.due, lang), project.name), lines)
}

#[component]
pub fn TimelineRow(
    k: usize,
    row: RowRef,
    geometry: RowGeometry,
    status: ProjectStatus,
    width: f64,
    rx: f64,
    tx: Option<f64>,
    focused: RwSignal<usize>,
    expanded: RwSignal<Vec<String>>,
    tip: RwSignal<Option<Tip>>,
) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let p = c.plan.with_untracked(|plan| plan.projects[row.project].clone());
    let is_indicator = row.indicator.is_some();
    let name = match row.indicator {
        None => p.name.clone(),
        Some(i) => p.indicators[i].name.clone(),
    };
    let multi = p.indicators.len() > 1 && !is_indicator;
    let pid = p.id.clone();
    let href = {
        let id = pid.clone();
        move || project_href(c, &id)
    };
    let is_open = {
        let id = pid.clone();
        Signal::derive(move || expanded.with(|e| e.contains(&id)))
    };
    let g = geometry;
    let bar_y = 16.0;
    let shared = std::sync::Arc::new((p.clone(), status.clone()));
    view! {
        <tr class="tl-row" class:tl-sub=is_indicator data-tl-row=k.to_string() data-project=(!is_indicator).then(|| pid.clone())>
            <th class="tl-left" scope="row">
                <div class="tl-left-inner">
                    <span class="tl-seq num">{(!is_indicator).then_some(p.seq)}</span>
                    {multi.then(|| {
                        let id = pid.clone();
                        view! {
                            <button class="tl-expand" aria-expanded=move || is_open.get().to_string()
                                aria-label=lang.t().show_indicators
                                on:click=move |_| {
                                    let id = id.clone();
                                    expanded.update(|e| if let Some(i) = e.iter().position(|x| *x == id) { e.remove(i); } else { e.push(id); });
                                }>
                                {move || if is_open.get() { "▾" } else { "▸" }}
                            </button>
                        }
                    })}
                    <div class="tl-text">
                        <a class="tl-name" href=href tabindex=move || if focused.get() == k { "0" } else { "-1" }
                            on:focus=move |_| focused.set(k)
                            on:click=open_on_click(c, pid.clone())>{name}</a>
                        <span class="tl-unit muted">{(!is_indicator).then(|| p.lead_unit.clone())}</span>
                    </div>
                    {(!is_indicator).then(|| view! { <StatusLight light=status.light overdue=status.overdue lang /> })}
                </div>
            </th>
            <td class="tl-chart">
                <svg width=width height=ROW_HEIGHT viewBox=format!("0 0 {width} {ROW_HEIGHT}") class="tl-svg">
                    <g class="layer-bars">
                        <rect class="tl-bar" x=g.bar_x y=bar_y width=g.bar_width height="12" rx="3" />
                    </g>
                    <g class="layer-progress">
                        <rect class="tl-fill" x=g.bar_x y=bar_y width=g.fill_width height="12" rx="3" />
                    </g>
                    <g class="layer-lines">
                        <line class="tl-report" x1=rx x2=rx y1="0" y2=ROW_HEIGHT />
                        {tx.map(|x| view! { <line class="tl-today" x1=x x2=x y1="0" y2=ROW_HEIGHT /> })}
                    </g>
                    <g class="layer-milestones">
                        {g.markers.iter().map(|m| {
                            let (cx, cy) = (m.x, bar_y + 6.0);
                            let state = m.state;
                            let label = format!("{} {} {}", when(p.milestones[m.milestone].due, lang), m.label, milestone_state(state, lang));
                            let mi = m.milestone;
                            let (on_hover, on_focus) = (shared.clone(), shared.clone());
                            let id = p.id.clone();
                            view! {
                                <g class="tl-marker" tabindex="-1" role="img" aria-label=label aria-describedby="tl-tip" data-milestone=mi.to_string()
                                    on:mouseenter=move |ev: leptos::ev::MouseEvent| {
                                        let (title, lines) = tip_lines(&on_hover.0, &on_hover.1, mi);
                                        tip.set(Some(Tip { x: f64::from(ev.client_x()) + 12.0, y: f64::from(ev.client_y()) + 14.0, title, lines }));
                                    }
                                    on:mouseleave=move |_| tip.set(None)
                                    on:focus=move |ev: leptos::ev::FocusEvent| {
                                        let (title, lines) = tip_lines(&on_focus.0, &on_focus.1, mi);
                                        let rect = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.get_bounding_client_rect());
                                        let (x, y) = rect.map(|r| (r.right() + 6.0, r.bottom() + 6.0)).unwrap_or((0.0, 0.0));
                                        tip.set(Some(Tip { x, y, title, lines }));
                                    }
                                    on:blur=move |_| tip.set(None)
                                    on:keydown=move |ev| if ev.key() == "Enter" { c.open_project(&id); }
                                >
                                    <path class=format!("tl-diamond ms-{}", state_class(state)) d=format!("M{cx} {} L{} {cy} L{cx} {} L{} {cy} Z", cy - 7.0, cx + 7.0, cy + 7.0, cx - 7.0) />
                                </g>
                            }
                        }).collect_view()}
                    </g>
                    <g class="layer-labels" aria-hidden="true">
                        {g.markers.iter().filter(|m| !m.label.is_empty()).map(|m| view! {
                            <text class="tl-label" x=m.x y=if m.lane == 0 { 11.0 } else { 42.0 } text-anchor="middle">{m.label.clone()}</text>
                        }).collect_view()}
                    </g>
                </svg>
            </td>
        </tr>
    }
}
