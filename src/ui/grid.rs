//! 填报: the monthly reporting grid. A department chooses its unit and a month-end and sees every
//! indicator it leads with the plan value for that month, its last report and an input cell. Keys work
//! like a spreadsheet (Enter/↓ next row, ↑ previous), a column pasted from Excel fills the cells below,
//! each cell is validated, and one save records them all (as one undoable change).

use super::actions::{record, NewEntry, Reporter};
use super::entry_form::PersonField;
use super::state::{ctx, Level};
use super::storage;
use crate::domain::date::Date;
use crate::domain::ledger::{Reported, Subject};
use crate::domain::messages::{amount, input_error, month_name, when};
use crate::domain::plan::Indicator;
use crate::domain::status::planned_at;
use crate::domain::validate::parse_value;
use crate::i18n::fill;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, PartialEq)]
struct Row {
    project_id: String,
    project_name: String,
    indicator: Indicator,
    planned: Option<(Date, f64)>,
    next: Option<(Date, f64)>,
    last: Option<(Date, f64)>,
}

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
pub fn EntryGrid() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let lead_units = Memo::new(move |_| {
        c.plan.with(|p| {
            let mut us: Vec<String> = Vec::new();
            for pr in &p.projects {
                if !us.contains(&pr.lead_unit) {
                    us.push(pr.lead_unit.clone());
                }
            }
            us
        })
    });
    let default_month = move || {
        let year = c.plan.with(|p| p.year);
        let limit = c.report_date.get().min(c.today.clamp_to_year(year));
        // The last month-end on or before the report date, or January.
        if limit.is_month_end() { limit.month() } else { limit.month().saturating_sub(1).max(1) }
    };
    let month = Memo::new(move |_| c.view.with(|v| v.grid_month).unwrap_or_else(default_month));
    let unit = Memo::new(move |_| c.reporter.with(|r| r.unit.clone()));
    let rows = Memo::new(move |_| {
        let plan = c.plan.get();
        let Some(end) = Date::month_end(plan.year, month.get()) else { return Vec::new() };
        let u = unit.get();
        let view = c.ledger_view.get();
        plan.projects
            .iter()
            .filter(|p| p.lead_unit == u)
            .flat_map(|p| {
                let view = view.clone();
                p.indicators.iter().filter(|i| i.is_quantitative()).map(move |i| {
                    let (planned, next) = planned_at(p, i, end);
                    let last = view
                        .latest(&p.id, &Subject::Indicator(i.id.clone()), end)
                        .and_then(|e| match e.reported {
                            Reported::Value(v) => Some((e.as_of, v)),
                            Reported::Done(_) => None,
                        });
                    Row { project_id: p.id.clone(), project_name: p.name.clone(), indicator: i.clone(), planned, next, last }
                })
            })
            .collect::<Vec<_>>()
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
        let reporter: Reporter = c.reporter.get_untracked();
        let year = c.plan.with_untracked(|p| p.year);
        let Some(end) = Date::month_end(year, month.get_untracked()) else { return };
        let as_of = end.min(c.today);
        if as_of.year() != year {
            c.notify(Level::Error, "所选月份尚未开始，不能填报。", "That month has not started; nothing can be reported yet.");
            return;
        }
        let rs = rows.get_untracked();
        let vs = values.get_untracked();
        let mut errs = vec![None; rs.len()];
        let mut entries = Vec::new();
        for (k, (row, text)) in rs.iter().zip(vs.iter()).enumerate() {
            if text.trim().is_empty() {
                continue;
            }
            match parse_value(text, &row.indicator) {
                Ok(v) => entries.push(NewEntry {
                    project: row.project_id.clone(),
                    subject: Subject::Indicator(row.indicator.id.clone()),
                    reported: Reported::Value(v),
                    as_of,
                    note: String::new(),
                }),
                Err(e) => errs[k] = Some(input_error(&e, lang)),
            }
        }
        let bad = errs.iter().filter(|e| e.is_some()).count();
        errors.set(errs);
        if bad > 0 {
            c.notify(
                Level::Error,
                &format!("有 {bad} 个单元格填写有误，未保存任何数值。请按提示修改后再保存。"),
                &format!("{bad} cells are invalid; nothing was saved. Correct them and save again."),
            );
            return;
        }
        if entries.is_empty() {
            return;
        }
        let n = entries.len();
        record(c, &reporter, entries);
        values.update(|v| v.iter_mut().for_each(String::clear));
        c.notify(Level::Info, &format!("已保存 {n} 个数值（截至 {as_of}）。"), &format!("Saved {n} values (as of {as_of})."));
    };

    view! {
        <section class="grid-view" aria-labelledby="grid-title">
            <h2 id="grid-title" class="view-title">{t.view_entry}</h2>
            <div class="panel row">
                <label class="field">
                    <span class="field-label">{t.my_unit}</span>
                    <select
                        aria-label=t.my_unit
                        on:change=move |ev| {
                            let u = event_target_value(&ev);
                            storage::store_my_unit(&u);
                            c.reporter.update(|r| r.unit = u);
                        }
                    >
                        <option value="" selected=move || unit.with(String::is_empty)>{t.choose_unit}</option>
                        {move || lead_units.get().into_iter().map(|u| {
                            let u2 = u.clone();
                            let value = u.clone();
                            view! { <option value=value selected=move || unit.with(|x| *x == u2)>{u}</option> }
                        }).collect_view()}
                    </select>
                </label>
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
                            (1..=12u8).map(|m| view! { <option value=m.to_string() selected=m == current>{month_name(m, lang)}{lang.pick("底", " end")}</option> }).collect_view()
                        }}
                    </select>
                </label>
                <PersonField />
                <p class="muted grow">{t.grid_hint}</p>
            </div>
            {move || {
                let rs = rows.get();
                let lang = c.lang.get();
                let tt = lang.t();
                if unit.with(String::is_empty) {
                    return view! { <div class="empty-state"><p>{tt.grid_choose_unit}</p></div> }.into_any();
                }
                if rs.is_empty() {
                    return view! { <div class="empty-state"><p>{tt.grid_no_rows}</p></div> }.into_any();
                }
                let n = rs.len();
                view! {
                    <table class="data-table grid">
                        <thead>
                            <tr>
                                <th scope="col">{tt.col_name}</th>
                                <th scope="col">{tt.indicator}</th>
                                <th scope="col" class="num">{tt.plan_this_month}</th>
                                <th scope="col" class="num">{tt.last_report}</th>
                                <th scope="col">{fill(tt.value_at_month_end, &[("m", &month_name(month.get_untracked(), lang))])}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rs.into_iter().enumerate().map(|(k, row)| {
                                let unit_label = row.indicator.unit.clone();
                                let label = format!("{} {}", row.project_name, row.indicator.name);
                                let planned = row.planned.map(|(d, v)| format!("{}（{}）", amount(v, &unit_label), when(d, lang)))
                                    .unwrap_or_else(|| row.next.map(|(d, v)| format!("— → {}（{}）", amount(v, &unit_label), when(d, lang))).unwrap_or_else(|| "—".into()));
                                let last = row.last.map(|(d, v)| format!("{}（{d}）", amount(v, &unit_label))).unwrap_or_else(|| tt.none_reported.to_string());
                                let target = row.indicator.target.map(|v| amount(v, &unit_label)).unwrap_or_default();
                                let err_id = format!("grid-err-{k}");
                                let err_id2 = err_id.clone();
                                view! {
                                    <tr>
                                        <td>{row.project_name.clone()}</td>
                                        <td>{row.indicator.name.clone()}<div class="muted">{tt.target}" "{target}</div></td>
                                        <td class="num">{planned}</td>
                                        <td class="num">{last}</td>
                                        <td>
                                            <input
                                                type="text"
                                                inputmode="decimal"
                                                class="grid-cell"
                                                data-grid-cell=k.to_string()
                                                aria-label=label
                                                aria-describedby=err_id
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
                                                    let lines: Vec<String> = text.lines().map(|l| l.split('\t').next().unwrap_or("").trim().to_string()).collect();
                                                    if lines.len() <= 1 {
                                                        return;
                                                    }
                                                    ev.prevent_default();
                                                    values.update(|v| {
                                                        for (j, line) in lines.iter().enumerate() {
                                                            if let Some(x) = v.get_mut(k + j) { *x = line.clone(); }
                                                        }
                                                    });
                                                }
                                            />
                                            <p id=err_id2 class="field-error" role="alert">{move || errors.with(|e| e.get(k).cloned().flatten())}</p>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <div class="row">
                        <button class="button primary" on:click=save>{tt.save}</button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
