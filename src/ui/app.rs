//! The root: loads the plan named by `data/index.json` and hands it to the workspace.

use super::fetch::{load_index, load_plan, LoadError};
use super::list::PlanList;
use super::loading::{LoadFailed, Loading};
use crate::domain::plan::Plan;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
enum Load {
    Loading,
    Failed(LoadError),
    Ready(Arc<Plan>),
}

async fn load_default() -> Result<Plan, LoadError> {
    let index = load_index().await?;
    let entry = index.default_entry().cloned().ok_or(LoadError::Network { url: "data/index.json".into() })?;
    load_plan(&entry.file).await
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::Zh);
    let load = RwSignal::new(Load::Loading);
    let start = move || {
        load.set(Load::Loading);
        spawn_local(async move {
            load.set(match load_default().await {
                Ok(plan) => Load::Ready(Arc::new(plan)),
                Err(e) => Load::Failed(e),
            });
        });
    };
    start();
    let lang_signal: Signal<Lang> = lang.into();

    view! {
        <div class="app">
            <header class="app-header">
                <div class="brand">
                    <h1>{move || lang.get().t().app_title}</h1>
                    <p class="plan-title">
                        {move || match load.get() {
                            Load::Ready(plan) => plan.title.clone(),
                            _ => String::new(),
                        }}
                    </p>
                </div>
                <div class="header-tools">
                    <button
                        class="button ghost"
                        lang=move || lang.get().pick("en", "zh-CN")
                        on:click=move |_| lang.update(|l| *l = l.pick(Lang::En, Lang::Zh))
                    >
                        {move || lang.get().t().lang_switch}
                    </button>
                </div>
            </header>
            <main class="app-main">
                {move || match load.get() {
                    Load::Loading => view! { <Loading lang=lang_signal /> }.into_any(),
                    Load::Failed(error) => {
                        view! { <LoadFailed lang=lang_signal error on_retry=Callback::new(move |_| start()) /> }
                            .into_any()
                    }
                    Load::Ready(plan) => view! { <PlanList plan lang=lang_signal /> }.into_any(),
                }}
            </main>
        </div>
    }
}
