//! Stored data that could not be read, set aside and offered for export.

use super::super::download::download_text;
use super::super::state::ctx;
use super::super::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn CorruptCopies() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let copies = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| {
        let _ = c.recovery.get();
        let id = c.plan.with(|p| p.id.clone());
        spawn_local(async move {
            let found = storage::corrupt_copies(&id).await;
            let _ = copies.try_set(found);
        });
    });
    move || {
        let list = copies.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="panel warnings">
                    <h3>{t.corrupt_title}</h3>
                    <p>{t.corrupt_hint}</p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|(key, text)| {
                                let name = key.rsplit('/').next().unwrap_or("copy").replace(':', "-");
                                let size = text.len();
                                view! {
                                    <li>
                                        {format!("{name} ({size} B) ")}
                                        <button class="button small" on:click=move |_| download_text(&format!("minsheng-unreadable-{name}.txt"), "text/plain", &text)>
                                            {t.download}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
