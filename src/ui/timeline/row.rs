//! One line of the timeline: a group heading, or a row (a project, or one of its indicators) with its
//! name and light in the frozen left column and, in fixed layers, its bar, progress fill, the
//! report-date and today lines, milestone markers and their labels.

use super::super::shared::{category_no_html, light_html, markup, opens_in_place, project_href, refresh_href};
use super::super::state::ctx;
use super::Tip;
use crate::domain::messages::{amount, milestone_state, requirement, when};
use crate::domain::query::{Line, RowRef};
use crate::domain::status::ProjectStatus;
use crate::domain::markup::Markup;
use crate::domain::timeline::{marker_state, row_chart, RowGeometry};
use crate::markup;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A group's heading line (its category or unit and how many rows it has), written as one text.
#[component]
pub fn GroupRow(k: usize, label: String, no: Option<u32>, count: usize) -> impl IntoView {
    let cells = markup!(
        r#"<th class="tl-left" scope="rowgroup"><div class="tl-left-inner">{no}<span class="tl-group-label">{label}</span><span class="muted num">{count}</span></div></th><td class="tl-chart"></td>"#,
        no = category_no_html(no),
        label = label,
        count = count,
    );
    view! { <tr class="tl-group" data-tl-row=k.to_string() use:markup=cells></tr> }
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
    let mut lines = vec![ms.text.to_string(), format!("{} · {}", requirement(ms, project, lang), milestone_state(state, lang))];
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
        c.present.with_untracked(|s| s.try_get(r.project).map(|status| tip_lines(project, status, mi)))
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

/// Clicks, focus and the roving Tab stop of the rows' names and expand buttons, as listeners on the
/// timeline's scroller: rows are written as text, one `innerHTML` each, with no listener of their own.
#[derive(Clone, Copy)]
pub struct RowEvents {
    pub lines: Memo<Vec<Line>>,
    pub focused: RwSignal<usize>,
    pub expanded: RwSignal<Vec<String>>,
}

/// The element of class `class` an event happened in, and the line of its row.
fn row_part(ev: &web_sys::Event, class: &str) -> Option<usize> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest(class).ok()??;
    el.closest("[data-tl-row]").ok()??.get_attribute("data-tl-row")?.parse().ok()
}

impl RowEvents {
    fn project_id(self, k: usize) -> Option<String> {
        let c = ctx();
        self.lines.with_untracked(|ls| match ls.get(k) {
            Some(Line::Row(r)) => c.plan.with_untracked(|p| p.projects.get(r.project).map(|p| p.id.clone())),
            _ => None,
        })
    }

    /// A click on a row's name opens its project (a new tab with a modifier, as links do); on its
    /// expand button, shows or hides its indicators.
    pub fn click(self, ev: leptos::ev::MouseEvent) {
        if let Some(k) = row_part(&ev, ".tl-expand") {
            if let Some(id) = self.project_id(k) {
                self.expanded.update(|e| if let Some(i) = e.iter().position(|x| *x == id) { e.remove(i); } else { e.push(id); });
            }
        } else if let Some(k) = row_part(&ev, ".tl-name") {
            if !opens_in_place(&ev) {
                return;
            }
            if let Some(id) = self.project_id(k) {
                ev.prevent_default();
                ctx().open_project(&id);
            }
        }
    }

    /// A row's name about to be used carries the current view (rows are not rewritten for it).
    pub fn refresh_href(self, ev: &web_sys::Event) {
        let line = |link: &web_sys::Element| link.closest("[data-tl-row]").ok()??.get_attribute("data-tl-row")?.parse().ok();
        refresh_href(ctx(), ev, ".tl-name", |link| line(link).and_then(|k| self.project_id(k)));
    }

    /// A row's name that gets focus holds the Tab stop.
    pub fn focus_in(self, ev: &leptos::ev::FocusEvent) {
        if let Some(k) = row_part(ev, ".tl-name") {
            self.focused.set(k);
        }
    }

    /// Moves the Tab stop (`tabindex="0"`) to the focused row's name in the rows on the page; rows
    /// built later are written with it.
    pub fn roving_tab_stop(self) {
        Effect::new(move |prev: Option<usize>| {
            let k = self.focused.get();
            let doc = web_sys::window().and_then(|w| w.document());
            let set = |line: usize, value: &str| {
                if let Some(el) = doc.as_ref().and_then(|d| d.query_selector(&format!("[data-tl-row=\"{line}\"] .tl-name")).ok().flatten()) {
                    let _ = el.set_attribute("tabindex", value);
                }
            };
            if let Some(p) = prev.filter(|p| *p != k) {
                set(p, "-1");
            }
            set(k, "0");
            k
        });
    }
}

/// A project's (or one of its indicators') row: its cells written as one text (escaped) and put on the
/// page in one step; `RowEvents` and `Markers` handle its events.
#[component]
pub fn TimelineRow(k: usize, row: RowRef, geometry: RowGeometry, status: ProjectStatus, width: f64, rx: f64, tx: Option<f64>, focused: usize, open: bool) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let is_indicator = row.indicator.is_some();
    let (pid, cells) = c.plan.with_untracked(|plan| {
        let p = &plan.projects[row.project];
        let name = match row.indicator {
            None => &p.name,
            Some(i) => &p.indicators[i].name,
        };
        let names: Vec<String> = geometry
            .markers
            .iter()
            .map(|m| format!("{} {} {}", when(p.milestones[m.milestone].due, lang), m.label, milestone_state(m.state, lang)))
            .collect();
        let expand = if p.indicators.len() > 1 && !is_indicator {
            markup!(
                r#"<button class="tl-expand" aria-expanded="{open}" aria-label="{label}">{arrow}</button>"#,
                open = if open { "true" } else { "false" },
                label = t.show_indicators,
                arrow = if open { "▾" } else { "▸" },
            )
        } else {
            Markup::default()
        };
        let cells = markup!(
            r#"<th class="tl-left" scope="row"><div class="tl-left-inner"><span class="tl-seq num">{seq}</span>{expand}<div class="tl-text"><a class="tl-name" href="{href}" tabindex="{tab}">{name}</a><span class="tl-unit muted">{unit}</span></div>{light}</div></th><td class="tl-chart">{chart}</td>"#,
            seq = if is_indicator { String::new() } else { p.seq.to_string() },
            expand = expand,
            // Written as the view is now; brought up to date when the link is used (`refresh_href`).
            href = untrack(|| project_href(c, &p.id)),
            tab = if focused == k { "0" } else { "-1" },
            name = name,
            unit = if is_indicator { "" } else { p.lead_unit.as_str() },
            light = if is_indicator { Markup::default() } else { light_html(status.light, status.overdue, lang) },
            chart = Markup::from(row_chart(&geometry, width, rx, tx, &names)),
        );
        (p.id.clone(), cells)
    });
    view! {
        <tr class="tl-row" class:tl-sub=is_indicator data-tl-row=k.to_string() data-project=(!is_indicator).then_some(pid) use:markup=cells></tr>
    }
}
