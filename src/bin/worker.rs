//! The worker module: a second wasm binary, loaded on demand in a Web Worker, that runs
//! `domain::jobs` (spreadsheets, and whatever else most visits never need). The page's module does not
//! link that code, so the first load stays small.
//!
//! Messages: the page sends `{id, job, input?}` (the job as JSON, a file's bytes as a Uint8Array); the
//! worker answers `{id, ok: true, bytes}` or `{id, ok: false, error}`, and `{ready: true}` once it
//! listens.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

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
        match minsheng::domain::jobs::run_json(&job, &input) {
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

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("worker is the browser app's on-demand module: it is built by `make dist`.");
    std::process::exit(2);
}
