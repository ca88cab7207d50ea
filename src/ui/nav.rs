//! The views as tabs.

use super::state::ctx;
use crate::domain::view_state::View;
use leptos::prelude::*;

#[component]
pub fn Nav() -> impl IntoView {
    let c = ctx();
    // Reports and requests waiting for the office: on the 审核 tab.
    let waiting = Memo::new(move |_| c.flow.with(|f| f.waiting_count()));
    let tab = move |view: View| {
        let label = move || {
            let t = c.lang.get().t();
            match view {
                View::List => t.view_list,
                View::Timeline => t.view_timeline,
                View::Dashboard => t.view_dashboard,
                View::Entry => t.view_entry,
                View::Submissions => t.view_submissions,
                View::Changes => t.view_changes,
                View::Matters => t.view_matters,
                View::Notices => t.view_notices,
                View::Review => t.view_review,
                View::Bulletin => t.view_bulletin,
                View::Exchange => t.view_exchange,
                View::Sync => t.view_sync,
                View::Import => t.import_list,
            }
        };
        let current = move || c.view.with(|v| v.view == view && v.project.is_none());
        view! {
            <button
                class="nav-tab"
                class:active=current
                aria-current=move || current().then_some("page")
                on:click=move |_| c.update_view(|v| {
                    v.view = view;
                    v.project = None;
                })
            >
                {label}
                {(view == View::Review).then(|| view! { <span class="badge" class:zero=move || waiting.get() == 0>{move || waiting.get()}</span> })}
            </button>
        }
    };
    view! {
        <nav class="app-nav" aria-label=c.lang.get_untracked().t().views>
            {tab(View::List)}
            {tab(View::Timeline)}
            {tab(View::Dashboard)}
            {tab(View::Entry)}
            {tab(View::Submissions)}
            {tab(View::Changes)}
            {tab(View::Matters)}
            {tab(View::Notices)}
            {tab(View::Review)}
            {tab(View::Bulletin)}
            {tab(View::Exchange)}
            {tab(View::Sync)}
            <span class="nav-spacer"></span>
            {tab(View::Import)}
        </nav>
    }
}
