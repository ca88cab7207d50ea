//! Forms that record progress: who reports, a value for an indicator, done/not done for a step.
//! Validation is `domain::validate`; a rejected input saves nothing and says why at the field.

use super::actions::{record, undo, NewEntry, Reporter};
use super::state::{ctx, Level};
use super::storage;
use crate::domain::date::Date;
use crate::domain::ledger::{Reported, Subject};
use crate::domain::messages::{input_error, when};
use crate::domain::plan::{Indicator, Milestone, Project};
use crate::domain::validate::{parse_as_of, parse_value, InputError};
use leptos::prelude::*;

/// Every unit named in the plan, the project's own first.
fn units_for(project: &Project, all: &[String]) -> Vec<String> {
    let mut out: Vec<String> = std::iter::once(project.lead_unit.clone()).chain(project.co_units.iter().cloned()).collect();
    for u in all {
        if !out.contains(u) {
            out.push(u.clone());
        }
    }
    out
}

pub fn all_units(plan: &crate::domain::plan::Plan) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for p in &plan.projects {
        for u in std::iter::once(&p.lead_unit).chain(p.co_units.iter()) {
            if !units.contains(u) {
                units.push(u.clone());
            }
        }
    }
    units
}

/// 填报人: who reports, remembered in this browser.
#[component]
pub fn PersonField() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    view! {
        <label class="field">
            <span class="field-label">{t.reporting_person}</span>
            <input
                type="text"
                aria-label=t.reporting_person
                prop:value=move || c.reporter.with(|r| r.person.clone())
                on:change=move |ev| {
                    let person = event_target_value(&ev);
                    storage::store_my_person(&person);
                    c.reporter.update(|r| r.person = person);
                }
            />
        </label>
    }
}

#[component]
pub fn ReporterPicker(project: Project) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let units = units_for(&project, &c.plan.with_untracked(|p| all_units(p)));
    view! {
        <section class="panel reporter" aria-labelledby="reporter-title">
            <h3 id="reporter-title" class="visually-hidden">{t.reporter}</h3>
            <label class="field">
                <span class="field-label">{t.reporting_unit}</span>
                <select
                    aria-label=t.reporting_unit
                    on:change=move |ev| {
                        let unit = event_target_value(&ev);
                        storage::store_my_unit(&unit);
                        c.reporter.update(|r| r.unit = unit);
                    }
                >
                    <option value="" selected=move || c.reporter.with(|r| r.unit.is_empty())>{t.choose_unit}</option>
                    {units
                        .into_iter()
                        .map(|u| {
                            let u2 = u.clone();
                            let value = u.clone();
                            view! { <option value=value selected=move || c.reporter.with(|r| r.unit == u2)>{u}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <PersonField />
            <button
                class="button"
                disabled=move || c.undo.with(Vec::is_empty)
                on:click=move |_| {
                    if undo(c) {
                        c.notify(Level::Info, "已撤销上一次修改。", "The last change was undone.");
                    }
                }
            >
                {t.undo}
            </button>
        </section>
    }
}

/// The default as-of date: the report date, but never after today.
fn default_as_of(report: Date, today: Date) -> Date {
    report.min(today)
}

/// Checks the reporter and the date; returns the reporter or the message to show.
fn ready(c: super::state::Ctx, date_text: &str) -> Result<(Reporter, Date), String> {
    let lang = c.lang.get_untracked();
    let reporter = c.reporter.get_untracked();
    if reporter.unit.is_empty() {
        return Err(lang.t().need_unit.to_string());
    }
    let year = c.plan.with_untracked(|p| p.year);
    parse_as_of(date_text, year, c.today).map(|d| (reporter, d)).map_err(|e| input_error(&e, lang))
}

#[component]
pub fn IndicatorForm(project_id: String, indicator: Indicator) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let value = RwSignal::new(String::new());
    let date = RwSignal::new(default_as_of(c.report_date.get_untracked(), c.today).to_string());
    Effect::new(move |_| date.set(default_as_of(c.report_date.get(), c.today).to_string()));
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let error_id = format!("err-{}-{}", project_id, indicator.id);
    let name = indicator.name.clone();
    let unit = indicator.unit.clone();
    let ind = indicator.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = c.lang.get_untracked();
        let parsed = parse_value(&value.get_untracked(), &ind).map_err(|e: InputError| input_error(&e, lang));
        let checked = parsed.and_then(|v| ready(c, &date.get_untracked()).map(|(r, d)| (v, r, d)));
        match checked {
            Err(msg) => error.set(Some(msg)),
            Ok((v, reporter, as_of)) => {
                record(
                    c,
                    &reporter,
                    vec![NewEntry {
                        project: project_id.clone(),
                        subject: Subject::Indicator(ind.id.clone()),
                        reported: Reported::Value(v),
                        as_of,
                        note: note.get_untracked(),
                    }],
                );
                error.set(None);
                value.set(String::new());
                note.set(String::new());
            }
        }
    };
    let err_id = error_id.clone();
    view! {
        <form class="entry-form" on:submit=save novalidate=true>
            <label class="field compact">
                <span class="field-label">{t.value}" ("{unit.clone()}")"</span>
                <input
                    type="text"
                    inputmode="decimal"
                    aria-label=format!("{name} {}", c.lang.get_untracked().t().value)
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=err_id.clone()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </label>
            <label class="field compact">
                <span class="field-label">{t.as_of}</span>
                <input
                    type="date"
                    aria-label=t.as_of
                    prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))
                />
            </label>
            <label class="field compact grow">
                <span class="field-label">{t.note}</span>
                <input type="text" aria-label=t.note prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="button primary">{t.save}</button>
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
}

#[component]
pub fn StepForm(project_id: String, milestone: Milestone) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let done = RwSignal::new(true);
    let date = RwSignal::new(default_as_of(c.report_date.get_untracked(), c.today).to_string());
    Effect::new(move |_| date.set(default_as_of(c.report_date.get(), c.today).to_string()));
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let mid = milestone.id.clone();
    let due = milestone.due;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match ready(c, &date.get_untracked()) {
            Err(msg) => error.set(Some(msg)),
            Ok((reporter, as_of)) => {
                record(
                    c,
                    &reporter,
                    vec![NewEntry {
                        project: project_id.clone(),
                        subject: Subject::Milestone(mid.clone()),
                        reported: Reported::Done(done.get_untracked()),
                        as_of,
                        note: note.get_untracked(),
                    }],
                );
                error.set(None);
                note.set(String::new());
            }
        }
    };
    view! {
        <form class="entry-form" on:submit=save novalidate=true>
            <select
                aria-label=move || format!("{} {}", when(due, c.lang.get()), t.step_done)
                on:change=move |ev| done.set(event_target_value(&ev) == "1")
            >
                <option value="1" selected=true>{t.done}</option>
                <option value="0">{t.not_done}</option>
            </select>
            <input type="date" aria-label=t.as_of prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
            <input type="text" aria-label=t.note placeholder=t.note prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            <button type="submit" class="button primary">{t.save}</button>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
}
