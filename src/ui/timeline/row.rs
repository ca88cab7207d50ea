//! One line of the timeline: a group heading, or a row (a project, or one of its indicators) with its
//! name and light in the frozen left column and, in fixed layers, its bar, progress fill, the
//! report-date and today lines, milestone markers and their labels.

use super::super::shared::{open_on_click, project_href, svg_child, StatusLight};
use super::super::state::ctx;
use super::Tip;
use crate::domain::messages::{amount, milestone_state, requirement, when};
use crate::domain::query::{Line, RowRef};
use crate::domain::status::ProjectStatus;
use crate::domain::timeline::{marker_state, row_chart, RowGeometry};
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
    let state = marker_state(status, milestone);
    let mut lines = vec![ms.text.clone(), format!("{} · {}", requirement(ms, project, lang), milestone_state(state, lang))];
    if let Some(r) = reported {
        lines.push((lang.t().labelled)(lang.t().reported, &r));
    }
    (format!("{} · {}", when(ms.due, lang), project.name), lines)
}

/// The marker an event happened on: (line, milestone), read from the marker's `data-milestone` and its
/// row's `data-tl-row`.
fn marker_of(target: Option<web_sys::EventTarget>) -> Option<(web_sys::Element, usize, usize)> {
    let marker = target?.dyn_into::<web_sys::Element>().ok()?.closest(".tl-marker").ok()??;
    let mi = marker.get_attribute("data-milestone")?.parse().ok()?;
    let k = marker.closest("[data-tl-row]").ok()??.get_attribute("data-tl-row")?.parse().ok()?;
    Some((marker, k, mi))
}

/// The tooltip of milestone `mi` of the row on line `k`, placed at `(x, y)` (read in place: nothing of
/// the plan or the statuses is copied for a pointer move).
fn marker_tip(lines: Memo<Vec<Line>>, k: usize, mi: usize, (x, y): (f64, f64)) -> Option<Tip> {
    let c = ctx();
    let Some(Line::Row(r)) = lines.with_untracked(|ls| ls.get(k).cloned()) else { return None };
    let (title, lines) = c.plan.with_untracked(|plan| {
        let project = plan.projects.get(r.project).filter(|p| mi < p.milestones.len())?;
        c.statuses.with_untracked(|s| s.get(r.project).map(|status| tip_lines(project, status, mi)))
    })?;
    Some(Tip { x, y, title, lines })
}

/// The markers' tooltip (pointer and keyboard focus) and Enter to open the project, as listeners on the
/// chart's container: one set for the page instead of five per marker.
#[derive(Clone, Copy)]
pub struct Markers {
    pub lines: Memo<Vec<Line>>,
    pub tip: RwSignal<Option<Tip>>,
}

impl Markers {
    pub fn over(self, ev: leptos::ev::MouseEvent) {
        if let Some((_, k, mi)) = marker_of(ev.target()) {
            self.tip.set(marker_tip(self.lines, k, mi, (f64::from(ev.client_x()) + 12.0, f64::from(ev.client_y()) + 14.0)));
        }
    }

    pub fn out(self, ev: leptos::ev::MouseEvent) {
        if let Some((marker, _, _)) = marker_of(ev.target()) {
            let inside = ev.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()).is_some_and(|n| marker.contains(Some(&n)));
            if !inside {
                self.tip.set(None);
            }
        }
    }

    pub fn focus_in(self, ev: leptos::ev::FocusEvent) {
        if let Some((marker, k, mi)) = marker_of(ev.target()) {
            let r = marker.get_bounding_client_rect();
            self.tip.set(marker_tip(self.lines, k, mi, (r.right() + 6.0, r.bottom() + 6.0)));
        }
    }

    pub fn focus_out(self, ev: leptos::ev::FocusEvent) {
        if marker_of(ev.target()).is_some() {
            self.tip.set(None);
        }
    }

    /// Enter on a marker opens its project; returns whether the key was a marker's Enter.
    pub fn enter(self, ev: &leptos::ev::KeyboardEvent) -> bool {
        if ev.key() != "Enter" {
            return false;
        }
        let Some((_, k, _)) = marker_of(ev.target()) else { return false };
        let c = ctx();
        let id = self.lines.with_untracked(|ls| match ls.get(k) {
            Some(Line::Row(r)) => c.plan.with_untracked(|p| p.projects.get(r.project).map(|p| p.id.clone())),
            _ => None,
        });
        if let Some(id) = id {
            c.open_project(&id);
        }
        true
    }
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
    let names: Vec<String> = geometry
        .markers
        .iter()
        .map(|m| format!("{} {} {}", when(p.milestones[m.milestone].due, lang), m.label, milestone_state(m.state, lang)))
        .collect();
    let chart = row_chart(&geometry, width, rx, tx, &names).text;
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
            <td class="tl-chart" use:svg_child=chart></td>
        </tr>
    }
}
