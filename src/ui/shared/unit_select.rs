//! A labelled select of units: the reporting unit, "my unit" of the grid, the scope of an export.
//! The empty value is the `none` choice ("请选择单位", "全部记录").

use leptos::prelude::*;

#[component]
pub fn UnitSelect(
    label: &'static str,
    none: &'static str,
    #[prop(into)] units: Signal<Vec<String>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select aria-label=label on:change=move |ev| on_change.run(event_target_value(&ev))>
                <option value="" selected=move || value.with(String::is_empty)>{none}</option>
                {move || {
                    units
                        .get()
                        .into_iter()
                        .map(|u| {
                            let (mine, label) = (u.clone(), u.clone());
                            view! { <option value=u selected=move || value.with(|v| *v == mine)>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
