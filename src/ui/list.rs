//! The list as the official document shows it: grouped by category, one row per project, every field.

use crate::domain::plan::{Category, Plan, Project};
use crate::i18n::{fill, Lang};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn PlanList(plan: Arc<Plan>, lang: Signal<Lang>) -> impl IntoView {
    let total = plan.projects.len();
    let categories = plan.categories.len();
    let groups: Vec<(Category, Vec<Project>)> = plan
        .categories
        .iter()
        .map(|c| (c.clone(), plan.projects.iter().filter(|p| p.category_no == c.no).cloned().collect()))
        .collect();
    view! {
        <section class="list-view" aria-labelledby="list-count">
            <p id="list-count" class="result-count" role="status" aria-live="polite">
                {move || fill(lang.get().t().projects_count, &[("n", &total.to_string())])}
                " · "
                {move || fill(lang.get().t().categories_count, &[("n", &categories.to_string())])}
            </p>
            {groups
                .into_iter()
                .map(|(category, projects)| view! { <CategoryGroup category projects lang /> })
                .collect_view()}
        </section>
    }
}

#[component]
fn CategoryGroup(category: Category, projects: Vec<Project>, lang: Signal<Lang>) -> impl IntoView {
    let heading_id = format!("cat-{}", category.no);
    let labelled_by = heading_id.clone();
    view! {
        <section class="category-group" aria-labelledby=labelled_by>
            <h2 id=heading_id class="category-heading">
                <span class="category-no">{category.no}</span>
                <span class="category-name">{category.name.clone()}</span>
                <span class="category-count">{projects.len()}</span>
            </h2>
            <table class="project-table">
                <thead>
                    <tr>
                        <th scope="col" class="col-seq">{move || lang.get().t().col_seq}</th>
                        <th scope="col" class="col-name">{move || lang.get().t().col_name}</th>
                        <th scope="col">{move || lang.get().t().col_city_leader}</th>
                        <th scope="col">{move || lang.get().t().col_lead_unit}</th>
                        <th scope="col" class="col-co">{move || lang.get().t().col_co_units}</th>
                        <th scope="col" class="col-due">{move || lang.get().t().col_due}</th>
                        <th scope="col" class="col-plan">{move || lang.get().t().col_plan}</th>
                    </tr>
                </thead>
                <tbody>
                    {projects.into_iter().map(|p| view! { <ProjectRow project=p /> }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn ProjectRow(project: Project) -> impl IntoView {
    view! {
        <tr class="project-row" data-project=project.id.clone()>
            <td class="col-seq num">{project.seq}</td>
            <th scope="row" class="col-name">{project.name.clone()}</th>
            <td>{project.city_leader.clone()}</td>
            <td>
                <div class="lead-unit">{project.lead_unit.clone()}</div>
                <div class="muted">{project.lead_unit_leader.clone()}</div>
            </td>
            <td class="col-co">{project.co_units_text.clone()}</td>
            <td class="col-due">{project.due_text.clone()}</td>
            <td class="col-plan">{project.plan_text.clone()}</td>
        </tr>
    }
}
