//! The list: grouped like the official document (by default), one row per project with its status light
//! and reason, every field of the table.

use super::light::StatusLight;
use super::state::{ctx, keyed_window, Ctx};
use crate::domain::messages::{projection, reason, when};
use crate::domain::plan::Project;
use crate::domain::query::{group_rows, Group, Grouping};
use crate::domain::status::ProjectStatus;
use crate::i18n::{fill, Lang};
use leptos::prelude::*;

/// The link to a project's detail: a real URL (open in a new tab works), handled in place on click.
pub fn project_href(c: Ctx, id: &str) -> String {
    let base = c.link_query.get();
    let sep = if base.is_empty() { "" } else { "&" };
    format!("?{base}{sep}p={}", crate::domain::view_state::encode_component(id))
}

pub fn open_on_click(c: Ctx, id: String) -> impl Fn(leptos::ev::MouseEvent) + 'static {
    move |ev: leptos::ev::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        c.open_project(&id);
    }
}

/// Lists up to this many rows are rendered whole (like the official table); longer ones are virtual.
const FULL_RENDER_LIMIT: usize = 200;
/// Height of a line of the virtual list (group heading or project).
const LINE_HEIGHT: f64 = 76.0;

#[component]
pub fn ProjectList() -> impl IntoView {
    let c = ctx();
    // Printing shows every row, so the full table is used while the browser prints.
    let printing = RwSignal::new(false);
    let before = window_event_listener_untyped("beforeprint", move |_| printing.set(true));
    let after = window_event_listener_untyped("afterprint", move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let large = Memo::new(move |_| c.rows.with(|r| r.len()) > FULL_RENDER_LIMIT && !printing.get());
    move || if large.get() { view! { <VirtualList /> }.into_any() } else { view! { <FullList /> }.into_any() }
}

#[derive(Clone, Debug, PartialEq)]
enum ListLine {
    Group { label: String, no: Option<u32>, count: usize },
    Row(usize),
}

/// The list for thousands of projects: fixed-height lines, only those in view are in the DOM.
#[component]
fn VirtualList() -> impl IntoView {
    let c = ctx();
    let arrangement = Memo::new(move |_| c.view.with(|v| (v.grouping, v.sort)));
    let lines = Memo::new(move |_| {
        let plan = c.plan.get();
        let (grouping, sort) = arrangement.get();
        let groups = c.rows.with(|rows| group_rows(&plan, rows, grouping, sort));
        let mut out = Vec::new();
        for g in groups {
            if grouping != Grouping::None {
                let label = g.no.and_then(|n| plan.category(n)).map(|x| x.name.clone()).unwrap_or_else(|| g.label.clone());
                out.push(ListLine::Group { label, no: g.no, count: g.rows.len() });
            }
            out.extend(g.rows.into_iter().map(ListLine::Row));
        }
        out
    });
    let scroll_top = RwSignal::new(0.0f64);
    let height = RwSignal::new(800.0f64);
    let holder = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = holder.get() {
            height.set(f64::from(el.client_height()));
        }
    });
    let generation = Memo::new(move |prev: Option<&u64>| {
        lines.track();
        c.statuses.track();
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
                    height.set(f64::from(el.client_height()));
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
                                Some(ListLine::Group { label, no, count }) => view! {
                                    <div class="vline vgroup" style:top=format!("{top}px")>
                                        {no.map(|n| view! { <span class="category-no">{n}</span> })}
                                        <span class="category-name">{label}</span>
                                        <span class="category-count">{fill(lang.t().projects_count, &[("n", &count.to_string())])}</span>
                                    </div>
                                }
                                .into_any(),
                                Some(ListLine::Row(i)) => view! { <VirtualRow index=i top /> }.into_any(),
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
    let status = c.statuses.with_untracked(|s| s.get(index).cloned());
    let lang = c.lang.get_untracked();
    view! {
        <div class="vline vrow" data-project=data_id style:top=format!("{top}px")>
            <span class="num vseq">{project.seq}</span>
            <div class="vname">
                <a href=href class="project-link" on:click=open_on_click(c, id)>{project.name.clone()}</a>
                <p class="reason">{status.as_ref().and_then(|s| s.reasons.first()).map(|r| reason(r, lang))}</p>
            </div>
            <div class="vstatus">{status.map(|s| view! { <StatusLight light=s.light overdue=s.overdue lang /> })}</div>
            <div class="vunit">{project.lead_unit.clone()}<div class="muted">{project.city_leader.clone()}</div></div>
            <div class="vdue">{project.due_text.clone()}</div>
        </div>
    }
}

/// The list as the official table, every row in the DOM.
#[component]
fn FullList() -> impl IntoView {
    let c = ctx();
    let collapsed = RwSignal::new(Vec::<String>::new());
    let arrangement = Memo::new(move |_| c.view.with(|v| (v.grouping, v.sort)));
    let groups = Memo::new(move |_| {
        let plan = c.plan.get();
        let (grouping, sort) = arrangement.get();
        c.rows.with(|rows| group_rows(&plan, rows, grouping, sort))
    });
    // Keyed by group and by project: typing a search only adds and removes rows.
    let keys = Memo::new(move |_| groups.with(|gs| gs.iter().map(|g| g.key.clone()).collect::<Vec<_>>()));
    view! {
        <section class="list-view">
            <Show
                when=move || !keys.with(Vec::is_empty)
                fallback=move || view! { <div class="empty-state"><p>{c.lang.get_untracked().t().no_match}</p></div> }
            >
                <For
                    each=move || keys.get()
                    key=|k| k.clone()
                    children=move |key| {
                        let grouping = arrangement.get_untracked().0;
                        view! { <GroupSection group_key=key groups grouping collapsed /> }
                    }
                />
            </Show>
        </section>
    }
}

#[component]
fn GroupSection(group_key: String, groups: Memo<Vec<Group>>, grouping: Grouping, collapsed: RwSignal<Vec<String>>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let group = groups.with_untracked(|gs| gs.iter().find(|g| g.key == group_key).cloned()).unwrap_or(Group {
        key: group_key.clone(),
        label: String::new(),
        no: None,
        rows: Vec::new(),
    });
    let k1 = group_key.clone();
    let rows = Memo::new(move |_| groups.with(|gs| gs.iter().find(|g| g.key == k1).map(|g| g.rows.clone()).unwrap_or_default()));
    let key = group.key.clone();
    let key2 = key.clone();
    let is_open = Signal::derive(move || !collapsed.with(|cs| cs.contains(&key)));
    let heading_id = format!("group-{}", crate::domain::hash::short_hash(&group.key, 8));
    let labelled_by = heading_id.clone();
    let body_id = format!("{heading_id}-body");
    let controls = body_id.clone();
    let label = match grouping {
        Grouping::Category => c.plan.with_untracked(|p| group.no.and_then(|n| p.category(n)).map(|cat| cat.name.clone())),
        _ => Some(group.label.clone()),
    }
    .unwrap_or_default();
    let show_heading = grouping != Grouping::None;
    view! {
        <section class="category-group" aria-labelledby=labelled_by>
            <h2 id=heading_id class="category-heading" class:hidden-heading=!show_heading>
                <button
                    class="group-toggle"
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=controls
                    on:click=move |_| {
                        let k = key2.clone();
                        collapsed.update(|cs| {
                            if let Some(i) = cs.iter().position(|x| *x == k) {
                                cs.remove(i);
                            } else {
                                cs.push(k);
                            }
                        })
                    }
                >
                    <span class="caret" aria-hidden="true">{move || if is_open.get() { "▾" } else { "▸" }}</span>
                    {group.no.map(|n| view! { <span class="category-no">{n}</span> })}
                    <span class="category-name">{if show_heading { label } else { t.all_projects.to_string() }}</span>
                    <span class="category-count">{move || fill(t.projects_count, &[("n", &rows.with(Vec::len).to_string())])}</span>
                </button>
            </h2>
            <div id=body_id hidden=move || !is_open.get()>
                <table class="project-table">
                    <thead>
                        <tr>
                            <th scope="col" class="col-seq">{t.col_seq}</th>
                            <th scope="col" class="col-name">{t.col_name}</th>
                            <th scope="col" class="col-status">{t.status}</th>
                            <th scope="col" class="col-leader">{t.col_city_leader}</th>
                            <th scope="col" class="col-lead">{t.col_lead_unit}</th>
                            <th scope="col" class="col-co">{t.col_co_units}</th>
                            <th scope="col" class="col-due">{t.col_due}</th>
                            <th scope="col" class="col-plan">{t.col_plan}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|i| *i children=move |i| view! { <ProjectRow index=i /> } />
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The light, its first reason and the 临期/预警 flags of a project.
#[component]
pub fn StatusCell(status: ProjectStatus, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let first_reason = status.reasons.first().map(|r| reason(r, lang)).unwrap_or_default();
    let pct = (status.completion * 100.0).round() as u32;
    let soon = status.due_soon.first().map(|d| format!("{} {}", t.due_soon, when(*d, lang)));
    let warning = status.early_warning.as_ref().map(|p| projection(p, lang));
    view! {
        <div class="status-cell">
            <StatusLight light=status.light overdue=status.overdue lang />
            <div class="progress" role="img" aria-label=fill(t.completion_of, &[("n", &pct.to_string())])>
                <div class="progress-bar" style:width=format!("{pct}%")></div>
            </div>
            <p class="reason">{first_reason}</p>
            {soon.map(|s| view! { <p class="flag flag-soon">{s}</p> })}
            {warning.map(|w| view! { <p class="flag flag-warn"><strong>{t.early_warning}</strong>" "{w}</p> })}
        </div>
    }
}

#[component]
fn ProjectRow(index: usize) -> impl IntoView {
    let c = ctx();
    let project: Project = c.plan.with_untracked(|p| p.projects[index].clone());
    let id = project.id.clone();
    let data_id = id.clone();
    let href_id = id.clone();
    let href = move || project_href(c, &href_id);
    let status = move || c.statuses.with(|s| s.get(index).cloned());
    view! {
        <tr class="project-row" data-project=data_id>
            <td class="col-seq num">{project.seq}</td>
            <th scope="row" class="col-name">
                <a href=href class="project-link" on:click=open_on_click(c, id)>
                    {project.name.clone()}
                </a>
                {(!project.warnings.is_empty())
                    .then(|| view! { <span class="warn-mark" title=c.lang.get_untracked().t().has_warnings>"!"</span> })}
            </th>
            <td class="col-status">
                {move || status().map(|s| view! { <StatusCell status=s lang=c.lang.get() /> })}
            </td>
            <td class="col-leader">{project.city_leader.clone()}</td>
            <td class="col-lead">
                <div class="lead-unit">{project.lead_unit.clone()}</div>
                <div class="muted">{project.lead_unit_leader.clone()}</div>
            </td>
            <td class="col-co">{project.co_units_text.clone()}</td>
            <td class="col-due">{project.due_text.clone()}</td>
            <td class="col-plan">{project.plan_text.clone()}</td>
        </tr>
    }
}
