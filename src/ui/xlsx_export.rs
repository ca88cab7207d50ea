//! 导出 Excel: the office's 台账 of the current filter as .xlsx: statuses at the report date, the report
//! texts of a chosen month, one sheet or a sheet per category. The table is laid out here by the core
//! (`domain::workbook::ledger_book`); the file is written by the worker module, loaded on first use.

use super::shared::MonthEndOptions;
use super::download::download_bytes;
use super::state::{ctx, Level};
use super::worker;
use crate::domain::grid::default_month;
use crate::domain::jobs::Job;
use crate::domain::ledger::Month;
use crate::domain::messages::Note;
use crate::domain::workbook::ledger_book;
use leptos::prelude::*;
use leptos::task::spawn_local;

pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn XlsxExport() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let year = c.plan.with_untracked(|p| p.year);
    let month = RwSignal::new(default_month(c.report_date.get_untracked(), c.today, year));
    let per_category = RwSignal::new(false);
    let working = RwSignal::new(false);
    let export = move |_| {
        let plan = c.plan.get_untracked();
        let date = c.report_date.get_untracked();
        let book = c.statuses.with_untracked(|s| {
            c.ledger_view.with_untracked(|v| {
                c.rows.with_untracked(|rows| ledger_book(&plan, s, v, rows, date, Month::new(year, month.get_untracked()), per_category.get_untracked(), Some(&*c.flow.get_untracked()), lang))
            })
        });
        working.set(true);
        spawn_local(async move {
            match worker::run(&Job::Xlsx { book }).await {
                Ok(bytes) => download_bytes(&format!("minsheng-ledger-{}-{date}.xlsx", plan.year), XLSX_MIME, &bytes),
                Err(e) => c.notify(Level::Error, Note::WorkerFailed(e.detail().to_string())),
            }
            let _ = working.try_set(false);
        });
    };
    view! {
        <div class="row xlsx-export">
            <label class="field">
                <span class="field-label">{t.report_month}</span>
                <select aria-label=t.report_month on:change=move |ev| {
                    if let Ok(m) = event_target_value(&ev).parse() {
                        month.set(m);
                    }
                }>
                    <MonthEndOptions selected=month />
                </select>
            </label>
            <label class="field">
                <span class="field-label">{t.xlsx_layout}</span>
                <select aria-label=t.xlsx_layout on:change=move |ev| per_category.set(event_target_value(&ev) == "category")>
                    <option value="one" selected=move || !per_category.get()>{t.xlsx_one_sheet}</option>
                    <option value="category" selected=move || per_category.get()>{t.xlsx_per_category}</option>
                </select>
            </label>
            <button class="button" disabled=move || working.get() on:click=export>{t.export_xlsx}</button>
            <span class="muted" role="status">{move || working.get().then_some(t.xlsx_working)}</span>
        </div>
    }
}
