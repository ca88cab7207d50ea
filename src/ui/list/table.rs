//! The list as the official table: grouped (by category by default), collapsible groups, one row per
//! project with its status cell and every field of the document.

use super::super::shared::{open_on_click, project_href, ChangeMark, StatusCell};
use super::super::state::ctx;
use crate::domain::plan::Project;
use crate::domain::query::{group_label, group_rows, Group, Grouping};
use leptos::prelude::*;

/// The list as the official table, every row in the DOM.
#[component]
pub fn FullList() -> impl IntoView {
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
    let label = c.plan.with_untracked(|p| group_label(p, &group));
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
                    <span class="category-count">{move || (t.projects_count)(rows.with(Vec::len))}</span>
                </button>
            </h2>
            <div id=body_id hidden=move || !is_open.get()>
                <table class="project-table">
                    <thead>
                        <tr>
                            <th scope="col" class="col-seq">{t.col_seq}</th>
                            <th scope="col" class="col-name">{t.col_name}</th>
                            <th scope="col" class="col-status">{t.status}</th>
                            <th scope="col" class="col-change">{t.col_change}</th>
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
            <td class="col-change"><ChangeMark index /></td>
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
