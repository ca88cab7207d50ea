//! Offline support: registers the service worker (sw.js, written at build time) and tells the user
//! when a new deployment has been picked up.

use super::state::{Ctx, Level};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub fn register(c: Ctx) {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    // Browsers without service workers, or pages not served over http(s), simply stay online-only.
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
