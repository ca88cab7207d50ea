//! The grid's table, project by project: a heading row with the project's name and the button that
//! opens its report texts, a row per indicator (plan for the month, last report, input cell), a row per
//! open step (done / not done), and the report texts when open. Keys work like a spreadsheet (Enter/↓
//! next value cell, ↑ previous); a column pasted from Excel fills the value cells below
//! (`domain::grid::pasted_column`); each cell and text shows its own error.

use super::super::shared::ReportFields;
use super::super::state::ctx;
use super::ShownErrors;
use super::super::flow::requests::RequestButtons;
use crate::domain::grid::{pasted_column, GridInput, GridProject};
use crate::domain::messages::{amount, month_name, planned_text, reported_text, when};
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

/// A value cell: text input with spreadsheet keys and column paste.
#[component]
fn ValueCell(k: usize, n: usize, label: String, input: RwSignal<GridInput>, errors: RwSignal<ShownErrors>) -> impl IntoView {
    let err_id = format!("grid-err-{k}");
    view! {
        <input
            type="text"
            inputmode="decimal"
            class="grid-cell"
            data-grid-cell=k.to_string()
            aria-label=label
            aria-describedby=err_id.clone()
            aria-invalid=move || errors.with(|e| e.values.get(k).is_some_and(Option::is_some)).to_string()
            prop:value=move || input.with(|i| i.values.get(k).cloned().unwrap_or_default())
            on:input=move |ev| {
                let text = event_target_value(&ev);
                input.update(|i| if let Some(x) = i.values.get_mut(k) { *x = text; });
                errors.update(|e| if let Some(x) = e.values.get_mut(k) { *x = None; });
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
                input.update(|i| {
                    for (j, line) in lines.into_iter().enumerate() {
                        if let Some(x) = i.values.get_mut(k + j) { *x = line; }
                    }
                });
            }
        />
        <p id=err_id class="field-error" role="alert">{move || errors.with(|e| e.values.get(k).cloned().flatten())}</p>
    }
}

#[component]
pub fn GridTable(projects: Vec<GridProject>, month: u8, input: RwSignal<GridInput>, errors: RwSignal<ShownErrors>) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let plan = c.plan.get_untracked();
    let n = projects.iter().map(|g| g.values.len()).sum::<usize>();
    let open = RwSignal::new(vec![false; projects.len()]);
    let (mut k, mut s) = (0usize, 0usize);
    let blocks = projects
        .into_iter()
        .enumerate()
        .map(|(gi, g)| {
            let p = &plan.projects[g.project];
            let (year, pid_for_files) = (plan.year, p.id.clone());
            let this_month = crate::domain::ledger::Month::new(plan.year, month);
            // Follows the loop: a review merged from a file or sync shows at once.
            let review = {
                let id = p.id.clone();
                Memo::new(move |_| {
                    c.flow.with(|f| {
                        let state = f.review_state(&id, this_month);
                        let comment = match (state, f.last_review(&id, this_month).map(|a| &a.kind)) {
                            (Some(crate::domain::flow::State::Returned), Some(crate::domain::ledger::ActKind::Review { comment, .. })) => Some(comment.clone()),
                            _ => None,
                        };
                        (state, comment)
                    })
                })
            };
            let values = g
                .values
                .iter()
                .map(|v| {
                    let ind = &p.indicators[v.indicator];
                    let unit = ind.unit.clone();
                    let planned = planned_text((v.planned, v.next), &unit, lang);
                    let last = v.last.map(|(d, x)| reported_text(x, d, &unit, lang)).unwrap_or_else(|| t.none_reported.to_string());
                    let target = ind.target.map(|x| amount(x, &unit)).unwrap_or_default();
                    let cell = k;
                    k += 1;
                    view! {
                        <tr>
                            <td data-label=t.indicator>{ind.name.clone()}<div class="muted">{t.target}" "{target}</div></td>
                            <td class="num" data-label=t.plan_this_month>{planned}</td>
                            <td class="num" data-label=t.last_report>{last}</td>
                            <td data-label=t.this_report><ValueCell k=cell n label=format!("{} {}", p.name, ind.name) input errors /></td>
                        </tr>
                    }
                })
                .collect_view();
            let steps = g
                .steps
                .iter()
                .map(|st| {
                    let m = &p.milestones[st.milestone];
                    let i = s;
                    s += 1;
                    let label = format!("{} {} {}", p.name, when(m.due, lang), t.grid_step_state);
                    let value = move || match input.with(|x| x.steps.get(i).copied().flatten()) {
                        Some(true) => "1",
                        Some(false) => "0",
                        None => "",
                    };
                    view! {
                        <tr class="grid-step">
                            <td data-label=t.step_col>{m.text.to_string()}</td>
                            <td class="num" data-label=t.plan_this_month>{when(m.due, lang)}</td>
                            <td class="num" data-label=t.last_report>{match st.done { Some(true) => t.done, Some(false) => t.not_done, None => t.none_reported }}</td>
                            <td data-label=t.this_report>
                                <select class="grid-step-choice" aria-label=label prop:value=value on:change=move |ev| {
                                    let choice = match event_target_value(&ev).as_str() { "1" => Some(true), "0" => Some(false), _ => None };
                                    input.update(|x| if let Some(c) = x.steps.get_mut(i) { *c = choice; });
                                }>
                                    <option value="">{t.step_unreported}</option>
                                    <option value="1">{t.done}</option>
                                    <option value="0">{t.not_done}</option>
                                </select>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            let is_open = move || open.with(|o| o.get(gi).copied().unwrap_or(false));
            let texts = Signal::derive(move || input.with(|i| i.texts.get(gi).cloned().unwrap_or_default()));
            let text_errors = Signal::derive(move || errors.with(|e| e.texts.get(gi).cloned().unwrap_or_default()));
            let has_texts = !g.texts.is_empty();
            let body_id = format!("grid-report-{gi}");
            let name = p.name.clone();
            view! {
                <tbody class="grid-project">
                    <tr class="grid-project-head">
                        <th scope="rowgroup" colspan="4">
                            <span class="grid-project-name">{p.name.clone()}</span>
                            {move || review.get().0.map(|s| view! { <span class=format!("state-chip state-{}", s.code())>{crate::domain::messages::flow_state(s, lang)}</span> })}
                            <button
                                class="button small"
                                class:has-value=has_texts
                                aria-expanded=move || is_open().to_string()
                                aria-controls=body_id.clone()
                                on:click=move |_| open.update(|o| if let Some(x) = o.get_mut(gi) { *x = !*x; })
                            >
                                {(t.fill_report)(&p.name)}
                            </button>
                            {move || review.get().1.map(|comment| view! { <p class="flag flag-warn grid-returned">{t.return_comment}{t.colon}{comment}</p> })}
                            <RequestButtons index=g.project />
                        </th>
                    </tr>
                    {values}
                    {steps}
                    <tr class="grid-report" id=body_id hidden=move || !is_open()>
                        <td colspan="4">
                            <ReportFields
                                group=name
                                texts
                                on_change=Callback::new(move |(f, v): (crate::domain::ledger::ReportField, String)| {
                                    input.update(|i| if let Some(x) = i.texts.get_mut(gi) { *x.get_mut(f) = v; });
                                    errors.update(|e| if let Some(x) = e.texts.get_mut(gi) { x.retain(|(g, _)| *g != f); });
                                })
                                errors=text_errors
                            />
                            // Built when the report is opened: a unit's grid of hundreds of projects reads no files.
                            {move || is_open().then(|| crate::domain::date::Date::month_end(year, month).map(|d| view! { <super::super::evidence::LazyReport project=pid_for_files.clone() month=d /> }))}
                        </td>
                    </tr>
                </tbody>
            }
        })
        .collect_view();
    view! {
        <table class="data-table grid">
            <thead>
                <tr>
                    <th scope="col">{t.indicator}" / "{t.step_col}</th>
                    <th scope="col" class="num">{t.plan_this_month}</th>
                    <th scope="col" class="num">{t.last_report}</th>
                    <th scope="col">{(t.value_at_month_end)(&month_name(month, lang))}</th>
                </tr>
            </thead>
            {blocks}
        </table>
    }
}
