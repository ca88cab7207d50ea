//! 浏览器存储: the space used and available, and persistent storage.

use super::super::state::ctx;
use super::super::storage;
use crate::domain::messages::bytes_text;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// 浏览器存储: the space used and available, and whether the browser keeps the data under pressure
/// (with a request for persistent storage when it does not).
#[component]
pub(super) fn StoragePanel() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let space = RwSignal::new(None::<(f64, f64)>);
    let kept = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        // Measured again after each save.
        let _ = c.ledger.with(|l| l.entries.len());
        spawn_local(async move {
            let (s, p) = (storage::estimate().await, storage::persisted().await);
            let _ = space.try_set(s);
            let _ = kept.try_set(p);
        });
    });
    let ask = move |_| {
        spawn_local(async move {
            let granted = storage::persist().await;
            let _ = kept.try_set(granted);
        });
    };
    view! {
        <section class="panel storage-panel" aria-labelledby="storage-title">
            <h3 id="storage-title">{t.storage_title}</h3>
            <p role="status">{move || match space.get() {
                Some((used, quota)) => (t.storage_usage)(&bytes_text(used), &bytes_text(quota)),
                None => t.storage_unknown.to_string(),
            }}</p>
            {move || match kept.get() {
                Some(true) => view! { <p class="muted">{t.storage_persisted}</p> }.into_any(),
                _ => view! {
                    <p class="muted">{t.storage_not_persisted}</p>
                    <button class="button" on:click=ask>{t.storage_persist}</button>
                }.into_any(),
            }}
        </section>
    }
}
