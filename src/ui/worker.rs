//! The page's side of the worker modules (`domain::jobs::Module`: the office reader, the xlsx writer;
//! their side is `crate::worker_host`): a module's worker is started by its first job and kept for the
//! page's life; a job is sent as JSON with an id, and its answer resolves the job's promise. The
//! workers' files are precached by the service worker, so jobs run offline after the first visit.

use crate::domain::jobs::{to_json, Job, Module};
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

struct Running {
    worker: web_sys::Worker,
    /// Resolves when the worker says it listens.
    ready: Promise,
}

/// A job sent and not yet answered: the module it went to, and its promise's ends.
struct Pending {
    module: Module,
    resolve: Function,
    reject: Function,
}

thread_local! {
    static RUNNING: RefCell<HashMap<Module, Running>> = RefCell::new(HashMap::new());
    static PENDING: RefCell<HashMap<u32, Pending>> = RefCell::new(HashMap::new());
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// Why a job gave no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkerError {
    /// The module could not be started (its files not fetched: offline at first use).
    NotStarted(String),
    /// The job was sent and the worker failed on it (a trap on a bad file, memory exhausted), or
    /// answered with an error: the input is at fault, not the network.
    JobFailed(String),
}

impl WorkerError {
    pub fn detail(&self) -> &str {
        match self {
            WorkerError::NotStarted(d) | WorkerError::JobFailed(d) => d,
        }
    }
}

/// Rejects the jobs sent to `module` (its worker failed), ends the worker (a wasm instance that
/// trapped is not to be trusted with the next job) and forgets it, so the next job starts it
/// afresh. Jobs of the other module go on.
fn fail_all(module: Module, message: &str) {
    let failed: Vec<Pending> = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let ids: Vec<u32> = p.iter().filter(|(_, j)| j.module == module).map(|(id, _)| *id).collect();
        ids.iter().filter_map(|id| p.remove(id)).collect()
    });
    for job in failed {
        let _ = job.reject.call1(&JsValue::NULL, &JsValue::from_str(message));
    }
    if let Some(running) = RUNNING.with(|r| r.borrow_mut().remove(&module)) {
        running.worker.terminate();
    }
}

fn start(module: Module) -> Result<(web_sys::Worker, Promise), String> {
    if let Some(r) = RUNNING.with(|r| r.borrow().get(&module).map(|r| (r.worker.clone(), r.ready.clone()))) {
        return Ok(r);
    }
    let worker = web_sys::Worker::new(module.loader()).map_err(|e| format!("{e:?}"))?;
    let mut resolve_ready: Option<Function> = None;
    let mut reject_ready: Option<Function> = None;
    let ready = Promise::new(&mut |resolve, reject| {
        resolve_ready = Some(resolve);
        reject_ready = Some(reject);
    });
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        if Reflect::get(&data, &"ready".into()).ok().is_some_and(|v| v.is_truthy()) {
            if let Some(r) = &resolve_ready {
                let _ = r.call0(&JsValue::NULL);
            }
            return;
        }
        let Some(id) = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()) else { return };
        let Some(job) = PENDING.with(|p| p.borrow_mut().remove(&(id as u32))) else { return };
        if Reflect::get(&data, &"ok".into()).ok().is_some_and(|v| v.is_truthy()) {
            let _ = job.resolve.call1(&JsValue::NULL, &Reflect::get(&data, &"bytes".into()).unwrap_or(JsValue::NULL));
        } else {
            let _ = job.reject.call1(&JsValue::NULL, &Reflect::get(&data, &"error".into()).unwrap_or(JsValue::NULL));
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let message = ev.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).filter(|m| !m.is_empty()).unwrap_or_else(|| "worker".into());
        // A module that cannot start (its files not fetched, offline at first use) fails the job
        // waiting for it now, not after the wait for its answer runs out.
        if let Some(reject) = &reject_ready {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
        }
        fail_all(module, &message);
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    RUNNING.with(|r| r.borrow_mut().insert(module, Running { worker: worker.clone(), ready: ready.clone() }));
    Ok((worker, ready))
}

/// Runs a job in its module's worker; the bytes of its result, or why it failed (in English, for a message).
pub async fn run(job: &Job) -> Result<Vec<u8>, WorkerError> {
    run_with(job, &[]).await
}

/// Runs a job over `input` (a file's bytes, handed to the worker without a copy on this side).
pub async fn run_with(job: &Job, input: &[u8]) -> Result<Vec<u8>, WorkerError> {
    let module = job.module();
    let (worker, ready) = start(module).map_err(WorkerError::NotStarted)?;
    // The worker's first answer may never come (its files missing offline at first use): give up
    // after a while rather than wait forever.
    let timeout = Promise::new(&mut |_, reject| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_1(&reject, 20_000, &JsValue::from_str("the module did not start"));
        }
    });
    JsFuture::from(Promise::race(&js_sys::Array::of2(&ready, &timeout)))
        .await
        .map_err(|e| WorkerError::NotStarted(e.as_string().unwrap_or_else(|| "worker".into())))?;
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let promise = Promise::new(&mut |resolve, reject| {
        PENDING.with(|p| p.borrow_mut().insert(id, Pending { module, resolve, reject }));
    });
    let message = Object::new();
    let _ = Reflect::set(&message, &"id".into(), &JsValue::from(id));
    let _ = Reflect::set(&message, &"job".into(), &JsValue::from_str(&to_json(job)));
    let sent = if input.is_empty() {
        worker.post_message(&message)
    } else {
        let bytes = Uint8Array::from(input);
        let _ = Reflect::set(&message, &"input".into(), &bytes);
        worker.post_message_with_transfer(&message, &js_sys::Array::of1(&bytes.buffer()))
    };
    if let Err(e) = sent {
        // Never sent: no answer will come for it.
        PENDING.with(|p| p.borrow_mut().remove(&id));
        return Err(WorkerError::NotStarted(format!("{e:?}")));
    }
    let bytes = JsFuture::from(promise).await.map_err(|e| WorkerError::JobFailed(e.as_string().unwrap_or_else(|| "worker".into())))?;
    Ok(Uint8Array::new(&bytes).to_vec())
}
