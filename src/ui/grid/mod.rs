//! 填报: the monthly reporting grid. A department chooses its unit and a month-end and sees every
//! indicator it leads with the plan value for that month, its last report and an input cell (the
//! table is `cells`). One save records them all, as one undoable change, or nothing when a cell is
//! wrong. The rules (rows, default month, as-of date, reading the cells) are `domain::grid`.

mod cells;

use super::actions::record;
use super::shared::{PersonField, UnitSelect};
use super::state::{ctx, Level};
use super::storage;
use crate::domain::grid::{default_month, grid_as_of, grid_entries, grid_rows};
use crate::domain::messages::{input_error, month_end_name, Note};
use cells::GridTable;
use leptos::prelude::*;

#[component]
pub fn EntryGrid() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let lead_units = Memo::new(move |_| c.plan.with(|p| p.lead_units()));
    let month = Memo::new(move |_| {
        let year = c.plan.with(|p| p.year);
        c.view.with(|v| v.grid_month).unwrap_or_else(|| default_month(c.report_date.get(), c.today, year))
    });
    let unit = Memo::new(move |_| c.reporter.with(|r| r.unit.clone()));
    let rows = Memo::new(move |_| {
        let plan = c.plan.get();
        c.ledger_view.with(|v| grid_rows(&plan, v, &unit.get(), month.get()))
    });
    let values = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(Vec::<Option<String>>::new());
    // Typed values stay while the ledger or the report date change (another tab saving, say); choosing
    // another month, unit or plan starts an empty grid.
    Effect::new(move |_| {
        let _ = (c.view.with(|v| v.grid_month), unit.get(), c.plan.with(|p| p.id.clone()));
        let n = rows.with_untracked(Vec::len);
        values.set(vec![String::new(); n]);
        errors.set(vec![None; n]);
    });
    Effect::new(move |_| {
        let n = rows.with(Vec::len);
        if values.with_untracked(Vec::len) != n {
            values.update(|v| v.resize(n, String::new()));
            errors.update(|e| e.resize(n, None));
        }
    });

    let save = move |_| {
        let lang = c.lang.get_untracked();
        let plan = c.plan.get_untracked();
        let Ok(as_of) = grid_as_of(plan.year, month.get_untracked(), c.today) else {
            c.notify(Level::Error, Note::MonthNotStarted);
            return;
        };
        let cells = values.get_untracked();
        let entries = rows.with_untracked(|rs| grid_entries(&plan, rs, &cells, as_of));
        match entries {
            Err(errs) => {
                let bad = errs.iter().filter(|e| e.is_some()).count();
                errors.set(errs.iter().map(|e| e.as_ref().map(|e| input_error(e, lang))).collect());
                c.notify(Level::Error, Note::CellsInvalid { count: bad });
            }
            Ok(entries) if entries.is_empty() => errors.update(|e| e.iter_mut().for_each(|x| *x = None)),
            Ok(entries) => {
                let n = entries.len();
                errors.update(|e| e.iter_mut().for_each(|x| *x = None));
                if record(c, entries) {
                    values.update(|v| v.iter_mut().for_each(String::clear));
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
                        {move || {
                            let lang = c.lang.get();
                            let current = month.get();
                            (1..=12u8).map(|m| view! { <option value=m.to_string() selected=m == current>{month_end_name(m, lang)}</option> }).collect_view()
                        }}
                    </select>
                </label>
                <PersonField />
                <p class="muted grow">{t.grid_hint}</p>
            </div>
            {move || {
                if unit.with(String::is_empty) {
                    return view! { <div class="empty-state"><p>{t.grid_choose_unit}</p></div> }.into_any();
                }
                if rows.with(Vec::is_empty) {
                    return view! { <div class="empty-state"><p>{t.grid_no_rows}</p></div> }.into_any();
                }
                view! {
                    <GridTable rows=rows.get() month=month.get_untracked() values errors />
                    <div class="row">
                        <button class="button primary" on:click=save>{t.save}</button>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}
