//! Messages to the user above the page: errors are alerts, the rest polite status messages.

use super::state::{ctx, Level};
use crate::domain::messages::note;
use leptos::prelude::*;

#[component]
pub fn Notices() -> impl IntoView {
    let c = ctx();
    view! {
        <div class="notices">
            <For
                each=move || c.notices.get()
                key=|n| n.id
                children=move |n| {
                    let role = if n.level == Level::Error { "alert" } else { "status" };
                    let class = match n.level {
                        Level::Info => "notice info",
                        Level::Warning => "notice warning",
                        Level::Error => "notice error",
                    };
                    let id = n.id;
                    view! {
                        <div class=class role=role>
                            <p>{move || note(&n.note, c.lang.get())}</p>
                            <button
                                class="button ghost small"
                                aria-label=c.lang.get_untracked().t().dismiss
                                on:click=move |_| c.dismiss(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
