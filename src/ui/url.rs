//! The only module that reads and writes the address bar. The view state is written to the query
//! string on every change (a new history entry when the page changes, a replacement for a filter, once
//! typing in the search box pauses), and back/forward restore it.

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

/// How long typing in the search box must pause before the address follows: writing the address
/// (`history.replaceState`) costs ~3 ms a keystroke and browsers throttle frequent writes.
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

fn write_address(url: &str, new_entry: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return };
    let _ = if new_entry {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
    };
}

pub fn sync(view: RwSignal<ViewState>) {
    let last_page = StoredValue::new(view.with_untracked(page_of));
    let last_state = StoredValue::new(view.get_untracked());
    // The address a pause in typing will write, and its timer.
    let pending = StoredValue::new_local(None::<(TimeoutHandle, String)>);
    let cancel = move || {
        if let Some((timer, _)) = pending.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    };
    let flush = move || {
        if let Some((timer, url)) = pending.try_update_value(Option::take).flatten() {
            timer.clear();
            write_address(&url, false);
        }
    };
    Effect::new(move |_| {
        let state = view.get();
        let typing = last_state.with_value(|last| last.differs_only_in_search(&state));
        last_state.set_value(state.clone());
        let query = state.to_query();
        let wanted = if query.is_empty() { String::new() } else { format!("?{query}") };
        // Whatever is written now holds the whole state, the text typed included.
        cancel();
        if location_search() == wanted {
            return;
        }
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        let url = format!("{path}{wanted}{hash}");
        let page = page_of(&state);
        let new_page = last_page.get_value() != page;
        last_page.set_value(page);
        if typing && !new_page {
            if let Ok(timer) = set_timeout_with_handle(flush, TYPING_PAUSE) {
                pending.set_value(Some((timer, url)));
                return;
            }
        }
        write_address(&url, new_page);
    });
    let handle = window_event_listener_untyped("popstate", move |_| {
        cancel();
        let (state, _) = read_location();
        last_page.set_value(page_of(&state));
        last_state.set_value(state.clone());
        view.set(state);
    });
    on_cleanup(move || handle.remove());
}
