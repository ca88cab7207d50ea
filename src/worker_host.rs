//! The worker modules' side of their messages (the page's side is `ui/worker.rs`): a worker binary's
//! `main` calls [`serve`] with its module's entry from `domain::jobs`. This module needs nothing of the
//! views: the worker binaries build without the `app` feature, so they link neither the views nor the
//! chunks' exports (`wasm_split`), only the domain code their job calls.
//!
//! Messages: the page sends `{id, job, input?}` (the job as JSON, a file's bytes as a Uint8Array); the
//! worker answers `{id, ok: true, bytes}` or `{id, ok: false, error}`, and `{ready: true}` once it
//! listens.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The worker's side: answers each job message with `run`'s result (a worker binary's `main` calls it
/// once, with its module's entry from `domain::jobs`), then says it is ready.
pub fn serve(run: fn(&str, &[u8]) -> Result<Vec<u8>, String>) {
    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        let id = Reflect::get(&data, &"id".into()).unwrap_or(JsValue::NULL);
        let job = Reflect::get(&data, &"job".into()).ok().and_then(|j| j.as_string()).unwrap_or_default();
        let input = Reflect::get(&data, &"input".into())
            .ok()
            .filter(|v| v.is_instance_of::<Uint8Array>())
            .map(|v| Uint8Array::new(&v).to_vec())
            .unwrap_or_default();
        let reply = Object::new();
        let _ = Reflect::set(&reply, &"id".into(), &id);
        match run(&job, &input) {
            Ok(bytes) => {
                let array = Uint8Array::from(bytes.as_slice());
                let _ = Reflect::set(&reply, &"ok".into(), &JsValue::TRUE);
                let _ = Reflect::set(&reply, &"bytes".into(), &array);
                let _ = reply_scope.post_message_with_transfer(&reply, &Array::of1(&array.buffer()));
            }
            Err(error) => {
                let _ = Reflect::set(&reply, &"ok".into(), &JsValue::FALSE);
                let _ = Reflect::set(&reply, &"error".into(), &JsValue::from_str(&error));
                let _ = reply_scope.post_message(&reply);
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}
