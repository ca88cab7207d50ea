//! The only module that reads and writes the address bar. The view state is written to the query
//! string on every change (a new history entry when the page changes, a replacement while typing),
//! and back/forward restore it.

use crate::domain::view_state::{UrlNotice, ViewState};
use leptos::prelude::*;

fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

pub fn read_location() -> (ViewState, Vec<UrlNotice>) {
    ViewState::from_query(&location_search())
}

/// What makes a new history entry: a different page, not a different filter keystroke.
fn page_of(s: &ViewState) -> (crate::domain::view_state::View, Option<String>, bool, Option<String>) {
    (s.view, s.project.clone(), s.present, s.plan.clone())
}

pub fn sync(view: RwSignal<ViewState>) {
    let last_page = StoredValue::new(view.with_untracked(page_of));
    Effect::new(move |_| {
        let state = view.get();
        let query = state.to_query();
        let current = location_search();
        let wanted = if query.is_empty() { String::new() } else { format!("?{query}") };
        if current == wanted {
            return;
        }
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return };
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        let url = format!("{path}{wanted}{hash}");
        let page = page_of(&state);
        let new_page = last_page.get_value() != page;
        last_page.set_value(page);
        let result = if new_page {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
        let _ = result;
    });
    let handle = window_event_listener_untyped("popstate", move |_| {
        let (state, _) = read_location();
        last_page.set_value(page_of(&state));
        view.set(state);
    });
    on_cleanup(move || handle.remove());
}
