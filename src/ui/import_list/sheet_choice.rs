//! The sheet select, when a workbook has several.

use super::super::state::ctx;
use crate::domain::table::Sheet;
use leptos::prelude::*;

/// The sheet select, when a workbook has several (a Word document's tables are unnamed).
#[component]
pub(super) fn SheetChoice(sheets: Vec<Sheet>, chosen: Signal<usize>, on_choose: Callback<usize>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    (sheets.len() > 1).then(|| {
        view! {
            <div class="panel row">
                <label class="field inline">
                    <span class="field-label">{t.sheet_choice}</span>
                    <select aria-label=t.sheet_choice on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse() {
                            on_choose.run(i);
                        }
                    }>
                        {sheets.iter().enumerate().map(|(i, s)| {
                            let label = if s.name.is_empty() { (t.table_n)(i + 1) } else { s.name.clone() };
                            view! { <option value=i.to_string() selected=move || chosen.get() == i>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
        }
    })
}
