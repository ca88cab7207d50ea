//! Forms that record progress: who reports, a value for an indicator, done/not done for a step.
//! Validation is `domain::validate`; a rejected input saves nothing and says why at the field.

use super::actions::{record, undo};
use super::shared::{MonthEndOptions, PersonField, ReportFields, UnitSelect};
use super::state::{ctx, Level};
use super::storage;
use crate::domain::actions::NewEntry;
use crate::domain::date::Date;
use crate::domain::grid::{default_month, grid_as_of, report_entry, unit_texts};
use crate::domain::ledger::{Month, ReportField, ReportTexts, Reported, Subject};
use crate::domain::messages::{input_error, note, when, Note};
use crate::domain::plan::{Indicator, Milestone, Project};
use crate::domain::validate::{parse_as_of, parse_value, InputError};
use leptos::prelude::*;

#[component]
pub fn ReporterPicker(project: Project) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let units = project.units_first(&c.plan.with_untracked(|p| p.units()));
    view! {
        <section class="panel reporter" aria-labelledby="reporter-title">
            <h3 id="reporter-title" class="visually-hidden">{t.reporter}</h3>
            <UnitSelect
                label=t.reporting_unit
                none=t.choose_unit
                units=Signal::stored(units)
                value=Signal::derive(move || c.reporter.with(|r| r.unit.clone()))
                on_change=Callback::new(move |unit: String| {
                    storage::store_my_unit(&unit);
                    c.reporter.update(|r| r.unit = unit);
                })
            />
            <PersonField />
            <button
                class="button"
                disabled=move || c.undo.with(Vec::is_empty)
                on:click=move |_| {
                    if undo(c) {
                        c.notify(Level::Info, Note::Undone);
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

/// Checks that a reporting unit is chosen and reads the as-of date; or the message to show.
fn ready(c: super::state::Ctx, date_text: &str) -> Result<Date, String> {
    let lang = c.lang.get_untracked();
    if c.reporter.with_untracked(|r| r.unit.trim().is_empty()) {
        return Err(lang.t().need_unit.to_string());
    }
    let year = c.plan.with_untracked(|p| p.year);
    parse_as_of(date_text, year, c.today).map_err(|e| input_error(&e, lang))
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
        let checked = parsed.and_then(|v| ready(c, &date.get_untracked()).map(|d| (v, d)));
        match checked {
            Err(msg) => error.set(Some(msg)),
            Ok((v, as_of)) => {
                record(
                    c,
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
                <span class="field-label">{t.value}" ("{unit.to_string()}")"</span>
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
            Ok(as_of) => {
                record(
                    c,
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

/// 月报: the project's report texts of a month-end, as the chosen reporting unit sent them (an edit
/// supersedes its earlier texts of the month).
#[component]
pub fn ReportForm(project: Project) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let year = c.plan.with_untracked(|p| p.year);
    let month = RwSignal::new(default_month(c.report_date.get_untracked(), c.today, year));
    let unit = Memo::new(move |_| c.reporter.with(|r| r.unit.clone()));
    let pid = project.id.clone();
    let sent = Memo::new(move |_| c.ledger_view.with(|v| unit_texts(v, &pid, &unit.get(), Month::new(year, month.get()))));
    let texts = RwSignal::new(ReportTexts::default());
    // The form starts from what the unit sent for that month; another month or unit starts again.
    Effect::new(move |_| texts.set(sent.get()));
    let errors = RwSignal::new(Vec::<(ReportField, String)>::new());
    let message = RwSignal::new(None::<String>);
    let pid = project.id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = c.lang.get_untracked();
        if c.reporter.with_untracked(|r| r.unit.trim().is_empty()) {
            message.set(Some(lang.t().need_unit.to_string()));
            return;
        }
        let Ok(as_of) = grid_as_of(year, month.get_untracked(), c.today) else {
            message.set(Some(note(&Note::MonthNotStarted, lang)));
            return;
        };
        match report_entry(&pid, &texts.get_untracked(), &sent.get_untracked(), as_of) {
            Err(es) => errors.set(es.iter().map(|(f, e)| (*f, input_error(e, lang))).collect()),
            Ok(entry) => {
                errors.set(Vec::new());
                message.set(None);
                if let Some(entry) = entry {
                    record(c, vec![entry]);
                }
            }
        }
    };
    view! {
        <section class="panel" aria-labelledby="report-title">
            <h3 id="report-title">{t.monthly_report}</h3>
            <p class="muted">{t.monthly_report_hint}</p>
            <form class="report-form" on:submit=save novalidate=true>
                <label class="field inline">
                    <span class="field-label">{t.report_month}</span>
                    <select aria-label=t.report_month on:change=move |ev| {
                        if let Ok(m) = event_target_value(&ev).parse() {
                            month.set(m);
                        }
                    }>
                        <MonthEndOptions selected=month />
                    </select>
                </label>
                <ReportFields
                    group=project.name.clone()
                    texts
                    on_change=Callback::new(move |(f, v): (ReportField, String)| {
                        texts.update(|x| *x.get_mut(f) = v);
                        errors.update(|e| e.retain(|(g, _)| *g != f));
                    })
                    errors
                />
                <div class="row">
                    <button type="submit" class="button primary">{t.save}</button>
                    <p class="field-error" role="alert">{move || message.get()}</p>
                </div>
            </form>
        </section>
    }
}
