//! The list: grouped like the official document (by default), one row per project with its status light
//! and reason, every field of the table.

use super::light::StatusLight;
use super::state::{ctx, Ctx};
use crate::domain::messages::{projection, reason, when};
use crate::domain::plan::Project;
use crate::domain::query::{group_rows, Group, Grouping};
use crate::domain::status::ProjectStatus;
use crate::i18n::{fill, Lang};
use leptos::prelude::*;

/// The link to a project's detail: a real URL (open in a new tab works), handled in place on click.
pub fn project_href(c: Ctx, id: &str) -> String {
    let mut state = c.view.get_untracked();
    state.project = Some(id.to_string());
    format!("?{}", state.to_query())
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

#[component]
pub fn ProjectList() -> impl IntoView {
    let c = ctx();
    let collapsed = RwSignal::new(Vec::<String>::new());
    let arrangement = Memo::new(move |_| c.view.with(|v| (v.grouping, v.sort)));
    let groups = Memo::new(move |_| {
        let plan = c.plan.get();
        let (grouping, sort) = arrangement.get();
        c.rows.with(|rows| group_rows(&plan, rows, grouping, sort))
    });
    view! {
        <section class="list-view">
            {move || {
                let gs = groups.get();
                if gs.is_empty() {
                    return view! {
                        <div class="empty-state">
                            <p>{move || c.lang.get().t().no_match}</p>
                        </div>
                    }
                        .into_any();
                }
                let grouping = c.view.with_untracked(|v| v.grouping);
                gs.into_iter()
                    .map(|g| view! { <GroupSection group=g grouping collapsed /> })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn GroupSection(group: Group, grouping: Grouping, collapsed: RwSignal<Vec<String>>) -> impl IntoView {
    let c = ctx();
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
    let rows = group.rows.clone();
    let count = rows.len();
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
                    <span class="category-name">
                        {if show_heading { label } else { c.lang.get_untracked().t().all_projects.to_string() }}
                    </span>
                    <span class="category-count">
                        {move || fill(c.lang.get().t().projects_count, &[("n", &count.to_string())])}
                    </span>
                </button>
            </h2>
            <div id=body_id hidden=move || !is_open.get()>
                <table class="project-table">
                    <thead>
                        <tr>
                            <th scope="col" class="col-seq">{move || c.lang.get().t().col_seq}</th>
                            <th scope="col" class="col-name">{move || c.lang.get().t().col_name}</th>
                            <th scope="col" class="col-status">{move || c.lang.get().t().status}</th>
                            <th scope="col" class="col-leader">{move || c.lang.get().t().col_city_leader}</th>
                            <th scope="col" class="col-lead">{move || c.lang.get().t().col_lead_unit}</th>
                            <th scope="col" class="col-co">{move || c.lang.get().t().col_co_units}</th>
                            <th scope="col" class="col-due">{move || c.lang.get().t().col_due}</th>
                            <th scope="col" class="col-plan">{move || c.lang.get().t().col_plan}</th>
                        </tr>
                    </thead>
                    <tbody>{rows.into_iter().map(|i| view! { <ProjectRow index=i /> }).collect_view()}</tbody>
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
    let href = project_href(c, &id);
    let status = move || c.statuses.with(|s| s.get(index).cloned());
    view! {
        <tr class="project-row" data-project=data_id>
            <td class="col-seq num">{project.seq}</td>
            <th scope="row" class="col-name">
                <a href=href class="project-link" on:click=open_on_click(c, id)>
                    {project.name.clone()}
                </a>
                {(!project.warnings.is_empty())
                    .then(|| view! { <span class="warn-mark" title=move || c.lang.get().t().has_warnings>"!"</span> })}
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
