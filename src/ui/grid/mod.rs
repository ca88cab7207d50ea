//! 填报: the monthly reporting grid. A department chooses its unit and a month-end and sees, project by
//! project, every indicator it leads with the plan for that month, its last report and an input cell,
//! every open step due by then, and the month's report texts (a project's row expands to them). One
//! save records all that changed, as one undoable change, or nothing when something is wrong. The
//! rules (what is asked, default month, as-of date, reading the input) are `domain::grid`.

mod cells;

use super::actions::record;
use super::shared::{MonthEndOptions, PersonField, UnitSelect};
use super::state::{ctx, Level};
use super::storage;
use crate::domain::grid::{default_month, grid, grid_as_of, grid_entries, initial_input, GridInput};
use crate::domain::ledger::ReportField;
use crate::domain::messages::{input_error, Note};
use cells::GridTable;

/// The unit's returned reports of every month, with the office's 退回意见: each opens its month here.
#[component]
fn Returned(unit: String) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let list = Memo::new(move |_| {
        let plan = c.baseline.get();
        c.flow.with(|f| {
            let mut out = Vec::new();
            for p in plan.projects.iter().filter(|p| p.lead_unit == unit) {
                for m in (1..=12).map(|k| crate::domain::ledger::Month::new(plan.year, k)) {
                    if f.review_state(&p.id, m) == Some(crate::domain::flow::State::Returned) {
                        let comment = match f.last_review(&p.id, m).map(|a| &a.kind) {
                            Some(crate::domain::ledger::ActKind::Review { comment, .. }) => comment.clone(),
                            _ => String::new(),
                        };
                        out.push((p.name.clone(), m.month, comment));
                    }
                }
            }
            out
        })
    });
    move || {
        let items = list.get();
        (!items.is_empty()).then(|| view! {
            <section class="panel returned" aria-labelledby="returned-title">
                <h3 id="returned-title">{t.returned_first}</h3>
                <ul class="returned-list">
                    {items.into_iter().map(|(name, m, comment)| view! {
                        <li class="returned-item">
                            <strong>{name}</strong>" · "{(t.month_label)(m)}
                            <p class="flag flag-warn">{t.return_comment}{t.colon}{comment}</p>
                            <button class="button small" on:click=move |_| c.update_view(|v| v.grid_month = Some(m))>{t.correct_report}</button>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
use leptos::prelude::*;

/// The errors of the last save, in words, in the order of the input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShownErrors {
    pub values: Vec<Option<String>>,
    pub texts: Vec<Vec<(ReportField, String)>>,
}

#[component]
pub fn EntryGrid() -> impl IntoView {
    let c = ctx();
    c.want_loop();
    let t = c.lang.get_untracked().t();
    let lead_units = Memo::new(move |_| c.plan.with(|p| p.lead_units()));
    let month = Memo::new(move |_| {
        let year = c.plan.with(|p| p.year);
        c.view.with(|v| v.grid_month).unwrap_or_else(|| default_month(c.report_date.get(), c.today, year))
    });
    let unit = Memo::new(move |_| c.reporter.with(|r| r.unit.clone()));
    // Returned reports first: the unit corrects them before anything else.
    let projects = Memo::new(move |_| {
        let plan = c.plan.get();
        let mut rows = c.ledger_view.with(|v| grid(&plan, v, &unit.get(), month.get()));
        let m = crate::domain::ledger::Month::new(plan.year, month.get());
        c.flow.with(|f| {
            crate::domain::order::sort_by(&mut rows, |a, b| {
                let returned = |g: &crate::domain::grid::GridProject| f.review_state(&plan.projects[g.project].id, m) != Some(crate::domain::flow::State::Returned);
                returned(a).cmp(&returned(b))
            })
        });
        rows
    });
    let input = RwSignal::new(GridInput::default());
    let errors = RwSignal::new(ShownErrors::default());
    // Another month, unit or plan starts from what is reported for it; typed values stay while the
    // ledger or the report date change (another tab saving, say).
    Effect::new(move |_| {
        let _ = (month.get(), unit.get(), c.plan.with(|p| p.id.clone()));
        input.set(projects.with_untracked(|g| initial_input(g)));
        errors.set(ShownErrors::default());
    });
    Effect::new(move |_| {
        let fresh = projects.with(|g| initial_input(g));
        input.update(|i| {
            if i.values.len() != fresh.values.len() || i.steps.len() != fresh.steps.len() || i.texts.len() != fresh.texts.len() {
                *i = fresh;
            }
        });
    });

    let save = move |_| {
        let lang = c.lang.get_untracked();
        let plan = c.plan.get_untracked();
        let Ok(as_of) = grid_as_of(plan.year, month.get_untracked(), c.today) else {
            c.notify(Level::Error, Note::MonthNotStarted);
            return;
        };
        let typed = input.get_untracked();
        match projects.with_untracked(|g| grid_entries(&plan, g, &typed, as_of)) {
            Err(e) => {
                errors.set(ShownErrors {
                    values: e.values.iter().map(|x| x.as_ref().map(|x| input_error(x, lang))).collect(),
                    texts: e.texts.iter().map(|fs| fs.iter().map(|(f, x)| (*f, input_error(x, lang))).collect()).collect(),
                });
                c.notify(Level::Error, Note::CellsInvalid { count: e.count() });
            }
            Ok(entries) => {
                errors.set(ShownErrors::default());
                let n = entries.len();
                if n > 0 && record(c, entries) {
                    input.update(|i| i.values.iter_mut().for_each(String::clear));
                    c.notify(Level::Info, Note::ValuesSaved { count: n, as_of });
                }
            }
        }
    };

    view! {
        <section class="grid-view" aria-labelledby="grid-title">
            <h2 id="grid-title" class="view-title">{t.view_entry}</h2>
            <div class="panel row">
                <UnitSelect
                    label=t.my_unit
                    none=t.choose_unit
                    units=lead_units
                    value=unit
                    on_change=Callback::new(move |u: String| {
                        storage::store_my_unit(&u);
                        c.reporter.update(|r| r.unit = u);
                    })
                />
                <label class="field">
                    <span class="field-label">{t.month}</span>
                    <select
                        aria-label=t.month
                        on:change=move |ev| {
                            let m = event_target_value(&ev).parse().ok();
                            c.update_view(|v| v.grid_month = m);
                        }
                    >
                        <MonthEndOptions selected=month />
                    </select>
                </label>
                <PersonField />
                <p class="muted grow">{t.grid_hint}</p>
            </div>
            {move || (!unit.with(String::is_empty)).then(|| view! { <Returned unit=unit.get() /> })}
            {move || {
                if unit.with(String::is_empty) {
                    return view! { <div class="empty-state"><p>{t.grid_choose_unit}</p></div> }.into_any();
                }
                if projects.with(Vec::is_empty) {
                    return view! { <div class="empty-state"><p>{t.grid_no_rows}</p></div> }.into_any();
                }
                view! {
                    <GridTable projects=projects.get() month=month.get_untracked() input errors />
                    <div class="row">
                        <button class="button primary" on:click=save>{t.save}</button>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}
