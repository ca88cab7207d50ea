//! The grid's table: one row per indicator with the plan for the month, the last report and an input
//! cell. Keys work like a spreadsheet (Enter/↓ next row, ↑ previous); a column pasted from Excel fills
//! the cells below (`domain::grid::pasted_column`); each cell shows its own error.

use super::super::state::ctx;
use crate::domain::grid::{pasted_column, GridRow};
use crate::domain::messages::{amount, month_name, planned_text, reported_text};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn focus_cell(index: usize) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("[data-grid-cell=\"{index}\"]")).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = el {
        let _ = input.focus();
        input.select();
    }
}

#[component]
pub fn GridTable(rows: Vec<GridRow>, month: u8, values: RwSignal<Vec<String>>, errors: RwSignal<Vec<Option<String>>>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan = c.plan.get_untracked();
    let n = rows.len();
    view! {
        <table class="data-table grid">
            <thead>
                <tr>
                    <th scope="col">{t.col_name}</th>
                    <th scope="col">{t.indicator}</th>
                    <th scope="col" class="num">{t.plan_this_month}</th>
                    <th scope="col" class="num">{t.last_report}</th>
                    <th scope="col">{(t.value_at_month_end)(&month_name(month, lang))}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().enumerate().map(|(k, row)| {
                    let p = &plan.projects[row.project];
                    let ind = &p.indicators[row.indicator];
                    let unit = ind.unit.clone();
                    let planned = planned_text((row.planned, row.next), &unit, lang);
                    let last = row.last.map(|(d, v)| reported_text(v, d, &unit, lang)).unwrap_or_else(|| t.none_reported.to_string());
                    let target = ind.target.map(|v| amount(v, &unit)).unwrap_or_default();
                    let err_id = format!("grid-err-{k}");
                    view! {
                        <tr>
                            <td>{p.name.clone()}</td>
                            <td>{ind.name.clone()}<div class="muted">{t.target}" "{target}</div></td>
                            <td class="num">{planned}</td>
                            <td class="num">{last}</td>
                            <td>
                                <input
                                    type="text"
                                    inputmode="decimal"
                                    class="grid-cell"
                                    data-grid-cell=k.to_string()
                                    aria-label=format!("{} {}", p.name, ind.name)
                                    aria-describedby=err_id.clone()
                                    aria-invalid=move || errors.with(|e| e.get(k).is_some_and(Option::is_some)).to_string()
                                    prop:value=move || values.with(|v| v.get(k).cloned().unwrap_or_default())
                                    on:input=move |ev| {
                                        let text = event_target_value(&ev);
                                        values.update(|v| if let Some(x) = v.get_mut(k) { *x = text; });
                                        errors.update(|e| if let Some(x) = e.get_mut(k) { *x = None; });
                                    }
                                    on:keydown=move |ev| match ev.key().as_str() {
                                        "Enter" | "ArrowDown" => {
                                            ev.prevent_default();
                                            if k + 1 < n { focus_cell(k + 1); }
                                        }
                                        "ArrowUp" => {
                                            ev.prevent_default();
                                            if k > 0 { focus_cell(k - 1); }
                                        }
                                        _ => {}
                                    }
                                    on:paste=move |ev: leptos::ev::ClipboardEvent| {
                                        let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else { return };
                                        let Some(lines) = pasted_column(&text) else { return };
                                        ev.prevent_default();
                                        values.update(|v| {
                                            for (j, line) in lines.into_iter().enumerate() {
                                                if let Some(x) = v.get_mut(k + j) { *x = line; }
                                            }
                                        });
                                    }
                                />
                                <p id=err_id class="field-error" role="alert">{move || errors.with(|e| e.get(k).cloned().flatten())}</p>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
