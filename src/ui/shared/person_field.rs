//! 填报人: who reports, remembered in this browser.

use super::super::state::ctx;
use super::super::storage;
use leptos::prelude::*;

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
