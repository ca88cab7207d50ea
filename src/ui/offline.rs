//! Offline support: registers the service worker (sw.js, written at build time) and tells the user
//! when a new deployment has been picked up.

use super::state::{Ctx, Level};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub fn register(c: Ctx) {
    let Some(window) = web_sys::window() else { return };
    // Browsers without service workers, and pages that are not a secure context (a plain http address
    // other than localhost, where `navigator.serviceWorker` does not exist), simply stay online-only.
    let present = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into()).is_ok_and(|v| v.is_object());
    if !present {
        return;
    }
    let container = window.navigator().service_worker();
    // Registered a few seconds after start: installing precaches every file of the build, which would
    // otherwise compete with the first paint and the first view's chunk for the network and the CPU.
    let later = container.clone();
    leptos::prelude::set_timeout(
        move || {
            let _ = later.register("./sw.js");
        },
        std::time::Duration::from_secs(3),
    );
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let kind = js_sys::Reflect::get(&ev.data(), &"type".into()).ok().and_then(|v| v.as_string());
        if kind.as_deref() == Some("updated") {
            c.notify(Level::Info, crate::domain::messages::Note::AppUpdated);
        }
    });
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the page.
    on_message.forget();
}
