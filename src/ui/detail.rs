//! A project's detail: every field, indicators with targets and current values, the milestone plan
//! as a dated table (verbatim text beside its reading), reading warnings, entry forms and history.

use super::entry_form::{IndicatorForm, ReportForm, ReporterPicker, StepForm};
use super::history::History;
use super::shared::StatusCell;
use super::state::ctx;
use crate::domain::messages::{amount, indicator_kind, milestone_state, plan_warning, planned_text, reason, requirement, when};
use crate::domain::plan::Project;
use crate::domain::status::{planned_at, MilestoneState, ProjectStatus};
use leptos::prelude::*;

#[component]
pub fn ProjectDetail(id: String) -> impl IntoView {
    let c = ctx();
    let found = c.plan.with_untracked(|p| p.projects.iter().position(|x| x.id == id));
    let Some(index) = found else {
        return view! {
            <div class="empty-state" role="alert">
                <p>{c.lang.get_untracked().t().project_missing}</p>
                <button class="button" on:click=move |_| c.update_view(|v| v.project = None)>
                    {c.lang.get_untracked().t().back_to_list}
                </button>
            </div>
        }
        .into_any();
    };
    let project: Project = c.plan.with_untracked(|p| p.projects[index].clone());
    let status = Memo::new(move |_| c.present.with(|s| s.try_get(index).cloned()));
    let category = c.plan.with_untracked(|p| p.category(project.category_no).map(|cat| cat.name.clone()).unwrap_or_default());
    let t = c.lang.get_untracked().t();
    let p2 = project.clone();
    let p3 = project.clone();
    let p4 = project.clone();
    let pid = project.id.clone();
    view! {
        <article class="detail" aria-labelledby="detail-title">
            <div class="detail-top">
                <button class="button ghost" on:click=move |_| c.update_view(|v| v.project = None)>
                    "← "{t.back_to_list}
                </button>
            </div>
            <header class="detail-header">
                <p class="muted">{project.category_no}" · "{category}" · "{t.col_seq}" "{project.seq}</p>
                <h2 id="detail-title">{project.name.clone()}</h2>
                {move || {
                    let lang = c.lang.get();
                    status.get().map(|s| {
                        let reasons: Vec<String> = s.reasons.iter().map(|r| reason(r, lang)).collect();
                        view! {
                            <div class="detail-status">
                                <StatusCell status=s lang />
                                {(reasons.len() > 1)
                                    .then(|| view! { <ul class="reasons">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> })}
                            </div>
                        }
                    })
                }}
            </header>
            <dl class="fields">
                <div><dt>{t.col_city_leader}</dt><dd>{project.city_leader.to_string()}</dd></div>
                <div><dt>{t.col_lead_unit}</dt><dd>{project.lead_unit.to_string()}</dd></div>
                <div><dt>{t.col_lead_unit_leader}</dt><dd>{project.lead_unit_leader.to_string()}</dd></div>
                <div class="wide">
                    <dt>{t.col_co_units}</dt>
                    <dd>
                        <ul class="chips">
                            {project.co_units.iter().map(|u| view! { <li class="chip">{u.to_string()}</li> }).collect_view()}
                        </ul>
                    </dd>
                </div>
                <div>
                    <dt>{t.col_due}</dt>
                    <dd>{project.due_text.to_string()}" "<span class="muted">{project.due.map(|d| format!("({d})"))}</span></dd>
                </div>
            </dl>
            {(!project.extra.is_empty()).then(|| view! {
                <section class="panel" aria-labelledby="extra-title">
                    <h3 id="extra-title">{t.extra_fields}</h3>
                    <dl class="fields">
                        {project.extra.iter().map(|f| view! {
                            <div class="wide"><dt>{f.label.clone()}</dt><dd class="verbatim">{f.value.clone()}</dd></div>
                        }).collect_view()}
                    </dl>
                </section>
            })}
            <super::flow::log::FlowPanel index />
            <ReporterPicker project=project.clone() />
            <Indicators project=p2 status />
            <ReportForm project=project.clone() />
            <super::evidence::LazyPanel project=project.id.clone() year=c.plan.with_untracked(|p| p.year) />
            <Milestones project=p3 status />
            <Warnings project=p4 />
            <section class="panel">
                <h3>{t.col_plan}</h3>
                <p class="verbatim">{project.plan_text.clone()}</p>
                {(!project.notes.is_empty())
                    .then(|| {
                        view! {
                            <h4>{t.notes}</h4>
                            <ul>{project.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                        }
                    })}
            </section>
            <History project_id=pid />
        </article>
    }
    .into_any()
}

#[component]
fn Indicators(project: Project, status: Memo<Option<ProjectStatus>>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let pid = project.id.clone();
    view! {
        <section class="panel">
            <h3>{t.indicators}</h3>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t.indicator}</th>
                        <th scope="col" class="num">{t.target}</th>
                        <th scope="col" class="num">{t.plan_by_report_date}</th>
                        <th scope="col" class="num">{t.current_value}</th>
                        <th scope="col">{t.report}</th>
                    </tr>
                </thead>
                <tbody>
                    {project
                        .indicators
                        .clone()
                        .into_iter()
                        .map(|ind| {
                            let pid = pid.clone();
                            let iid = ind.id.clone();
                            let unit = ind.unit.clone();
                            let current = move || {
                                let _ = status.get();
                                c.ledger_view.with(|v| v.value_at(&pid, &iid, c.report_date.get()))
                            };
                            let target = ind.target.map(|v| amount(v, &ind.unit)).unwrap_or_else(|| "—".into());
                            let (p_for_plan, i_for_plan, unit2) = (project.clone(), ind.clone(), ind.unit.clone());
                            // What the plan requires by the report date (the latest milestone due by then).
                            let planned = move || {
                                let lang = c.lang.get_untracked();
                                planned_text(planned_at(&p_for_plan, &i_for_plan, c.report_date.get()), &unit2, lang)
                            };
                            let kind = ind.kind;
                            let quantitative = ind.is_quantitative();
                            let form_project = project.id.clone();
                            let form_ind = ind.clone();
                            view! {
                                <tr>
                                    <th scope="row">
                                        {ind.name.clone()}
                                        <div class="muted">{move || indicator_kind(kind, c.lang.get())}</div>
                                        {ind.baseline.clone().map(|b| view! { <div class="muted baseline">{(t.baseline_is)(&b)}</div> })}
                                    </th>
                                    <td class="num">{target}</td>
                                    <td class="num">{move || if quantitative { planned() } else { "—".to_string() }}</td>
                                    <td class="num">
                                        {move || current().map(|v| amount(v, &unit)).unwrap_or_else(|| t.none_reported.to_string())}
                                    </td>
                                    <td>
                                        {quantitative.then(|| view! { <IndicatorForm project_id=form_project.clone() indicator=form_ind.clone() /> })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Milestones(project: Project, status: Memo<Option<ProjectStatus>>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let project2 = project.clone();
    view! {
        <section class="panel">
            <h3>{t.milestones}</h3>
            <table class="data-table milestones">
                <thead>
                    <tr>
                        <th scope="col" class="col-date">{t.date}</th>
                        <th scope="col">{t.plan_text_verbatim}</th>
                        <th scope="col">{t.reading}</th>
                        <th scope="col">{t.state}</th>
                        <th scope="col">{t.report}</th>
                    </tr>
                </thead>
                <tbody>
                    {project
                        .milestones
                        .iter()
                        .cloned()
                        .enumerate()
                        .map(|(k, m)| {
                            let p = project2.clone();
                            let state = move || {
                                status.with(|s| {
                                    s.as_ref().map(|s| {
                                        let states: Vec<MilestoneState> =
                                            s.checks.iter().filter(|ch| ch.milestone == k).map(|ch| ch.state).collect();
                                        states
                                    })
                                })
                                .unwrap_or_default()
                            };
                            let is_step = !m.requirement.is_quantitative();
                            let m2 = m.clone();
                            let pid = p.id.clone();
                            view! {
                                <tr>
                                    <td class="col-date">
                                        <div>{move || when(m.due, c.lang.get())}</div>
                                        <div class="muted num">{m.due.to_string()}</div>
                                        {m.start.map(|s| view! { <div class="muted">{format!("{s} →")}</div> })}
                                    </td>
                                    <td class="verbatim">{m.text.to_string()}</td>
                                    <td>{move || requirement(&m2, &p, c.lang.get())}</td>
                                    <td>
                                        {move || {
                                            let lang = c.lang.get();
                                            state()
                                                .into_iter()
                                                .map(|s| {
                                                    view! { <span class=format!("ms-state ms-{}", crate::domain::timeline::state_class(s))>{milestone_state(s, lang)}</span> }
                                                })
                                                .collect_view()
                                        }}
                                    </td>
                                    <td>{is_step.then(|| view! { <StepForm project_id=pid.clone() milestone=m.clone() /> })}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Warnings(project: Project) -> impl IntoView {
    let c = ctx();
    (!project.warnings.is_empty()).then(|| {
        let warnings = project.warnings.clone();
        view! {
            <section class="panel warnings" aria-labelledby="warnings-title">
                <h3 id="warnings-title">{c.lang.get_untracked().t().reading_warnings}</h3>
                <ul>
                    {move || {
                        let lang = c.lang.get();
                        warnings.iter().map(|w| view! { <li>{plan_warning(w, lang)}</li> }).collect_view()
                    }}
                </ul>
            </section>
        }
    })
}
