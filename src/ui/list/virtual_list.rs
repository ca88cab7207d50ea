//! The list for thousands of projects: fixed-height lines (group headings and projects, laid out by
//! `domain::query::lines` like the timeline's), only those in view are in the DOM.

use super::super::shared::{observed_height, open_on_click, project_href, ChangeMark, StatusLight};
use super::super::state::{ctx, keyed_window};
use crate::domain::messages::reason;
use crate::domain::plan::Project;
use crate::domain::query::{group_rows, lines, Grouping, Line, RowRef};
use leptos::prelude::*;

/// Height of a line of the virtual list (group heading or project).
const LINE_HEIGHT: f64 = 76.0;

/// The list for thousands of projects: fixed-height lines, only those in view are in the DOM.
#[component]
pub fn VirtualList() -> impl IntoView {
    let c = ctx();
    let arrangement = Memo::new(move |_| c.view.with(|v| (v.grouping, v.sort)));
    let lines = Memo::new(move |_| {
        let plan = c.plan.get();
        let (grouping, sort) = arrangement.get();
        let groups = c.rows.with(|rows| group_rows(&plan, rows, grouping, sort));
        lines(&plan, &groups, grouping != Grouping::None, &[])
    });
    let scroll_top = RwSignal::new(0.0f64);
    let holder = NodeRef::<leptos::html::Div>::new();
    let height = observed_height(holder);
    let generation = Memo::new(move |prev: Option<&u64>| {
        lines.track();
        c.present.track();
        prev.map_or(0, |p| p + 1)
    });
    let window = Memo::new(move |_| crate::domain::timeline::window(lines.with(Vec::len), LINE_HEIGHT, scroll_top.get(), height.get(), 6));
    view! {
        <section class="list-view">
            <div
                class="vlist"
                node_ref=holder
                on:scroll=move |ev| {
                    let el: web_sys::HtmlElement = event_target(&ev);
                    scroll_top.set(f64::from(el.scroll_top()));
                }
            >
                <div class="vlist-inner" style:height=move || format!("{}px", lines.with(Vec::len) as f64 * LINE_HEIGHT)>
                    <For
                        each=keyed_window(generation, window)
                        key=|x| *x
                        children=move |(_, k)| {
                            let lang = c.lang.get_untracked();
                            let top = k as f64 * LINE_HEIGHT;
                            match lines.with_untracked(|ls| ls.get(k).cloned()) {
                                Some(Line::Group { label, no, count }) => view! {
                                    <div class="vline vgroup" style:top=format!("{top}px")>
                                        {no.map(|n| view! { <span class="category-no">{n}</span> })}
                                        <span class="category-name">{label}</span>
                                        <span class="category-count">{(lang.t().projects_count)(count)}</span>
                                    </div>
                                }
                                .into_any(),
                                Some(Line::Row(RowRef { project, .. })) => view! { <VirtualRow index=project top /> }.into_any(),
                                None => ().into_any(),
                            }
                        }
                    />
                </div>
            </div>
        </section>
    }
}

#[component]
fn VirtualRow(index: usize, top: f64) -> impl IntoView {
    let c = ctx();
    let project: Project = c.plan.with_untracked(|p| p.projects[index].clone());
    let id = project.id.clone();
    let data_id = id.clone();
    let href_id = id.clone();
    // The link carries the current view (open in a new tab keeps filters and date).
    let href = move || project_href(c, &href_id);
    let status = c.present.with_untracked(|s| s.try_get(index).cloned());
    let lang = c.lang.get_untracked();
    view! {
        <div class="vline vrow" data-project=data_id style:top=format!("{top}px")>
            <span class="num vseq">{project.seq}</span>
            <div class="vname">
                <a href=href class="project-link" on:click=open_on_click(c, id)>{project.name.clone()}</a>
                <p class="reason">{status.as_ref().and_then(|s| s.reasons.first()).map(|r| reason(r, lang))}</p>
            </div>
            <div class="vstatus">{status.map(|s| view! { <StatusLight light=s.light overdue=s.overdue lang /> })}" "<ChangeMark index /></div>
            <div class="vunit">{project.lead_unit.clone()}<div class="muted">{project.city_leader.clone()}</div></div>
            <div class="vdue">{project.due_text.clone()}</div>
        </div>
    }
}

