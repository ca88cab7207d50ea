//! What the page shows while the plan loads, and when it cannot be loaded.

use crate::domain::format::LoadError;
use crate::domain::messages::load_error;
use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn Loading(lang: Signal<Lang>) -> impl IntoView {
    view! {
        <div class="page-state" role="status" aria-live="polite">
            <div class="spinner" aria-hidden="true"></div>
            <p>{move || lang.get().t().loading}</p>
        </div>
    }
}

#[component]
pub fn LoadFailed(lang: Signal<Lang>, error: LoadError, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="page-state error-state" role="alert">
            <h2>{move || lang.get().t().load_failed}</h2>
            <p class="error-detail">{move || load_error(&error, lang.get())}</p>
            <p class="hint">{move || lang.get().t().load_failed_hint}</p>
            <button class="button primary" on:click=move |_| on_retry.run(())>{move || lang.get().t().retry}</button>
        </div>
    }
}
