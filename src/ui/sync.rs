//! Live sync through CouchDB: signing in (a cookie session; the password is never stored), and the
//! sync run — push the records the server lacks with `_bulk_docs`, pull `_changes` from the saved
//! checkpoint, merge into the ledger. It runs when a record is made, every 30 seconds, when the
//! browser comes back online, and on 立即同步; runs never overlap. The documents and answers are
//! `domain::sync`; this module only talks HTTP.

use super::env;
use super::state::Ctx;
use super::storage::{self, SyncConfig};
use crate::domain::sync::{docs_to_push, ledger_of_docs, pending, read_bulk_answer, read_changes, session_url, since_param, PushResult, SyncFailure, SyncState, SyncStatus};
use leptos::prelude::*;
use serde_json::json;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use leptos::wasm_split::SplitLoaderError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Records pushed per request.
const BATCH: usize = 500;
/// Changes pulled per request.
const PAGE: usize = 1000;

/// An HTTP answer: status and body. `Err` is no answer at all (offline, refused connection).
async fn http(method: &str, url: &str, body: Option<String>) -> Result<(u16, String), ()> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::Include);
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(|_| ())?;
    let _ = headers.set("Accept", "application/json");
    if let Some(b) = &body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(b));
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| ())?;
    let window = web_sys::window().ok_or(())?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| ())?.dyn_into().map_err(|_| ())?;
    let text = JsFuture::from(response.text().map_err(|_| ())?).await.map_err(|_| ())?.as_string().unwrap_or_default();
    Ok((response.status(), text))
}

/// Signs in to the server of `url` and checks the account may use the database there. Stores the
/// address and user name (never the password) when it works.
pub async fn sign_in(plan_id: &str, url: &str, user: &str, password: &str) -> Result<(), SyncFailure> {
    let url = url.trim().trim_end_matches('/').to_string();
    let session = session_url(&url).ok_or(SyncFailure::BadAddress)?;
    let body = json!({ "name": user.trim(), "password": password }).to_string();
    match http("POST", &session, Some(body)).await {
        Err(()) => return Err(SyncFailure::Unreachable),
        Ok((200, _)) => {}
        Ok((401, _)) => return Err(SyncFailure::BadLogin),
        Ok((502..=504, _)) => return Err(SyncFailure::Unreachable),
        Ok((status, _)) if status >= 500 => return Err(SyncFailure::Server { status }),
        Ok((status, _)) => return Err(SyncFailure::NoDatabase { status }),
    }
    match http("GET", &url, None).await {
        Err(()) => Err(SyncFailure::Unreachable),
        Ok((200, _)) => {
            storage::store_sync_config(plan_id, Some(&SyncConfig { url, user: user.trim().to_string() }));
            Ok(())
        }
        Ok((401 | 403, _)) => Err(SyncFailure::NotMember),
        Ok((502..=504, _)) => Err(SyncFailure::Unreachable),
        Ok((status, _)) if status >= 500 => Err(SyncFailure::Server { status }),
        Ok((status, _)) => Err(SyncFailure::NoDatabase { status }),
    }
}

/// Ends the session and forgets the address: the app is file-based again (the ledger stays).
pub async fn sign_out(c: Ctx) {
    let plan_id = c.plan.with_untracked(|p| p.id.clone());
    if let Some(cfg) = storage::sync_config(&plan_id) {
        if let Some(session) = session_url(&cfg.url) {
            let _ = http("DELETE", &session, None).await;
        }
    }
    storage::store_sync_config(&plan_id, None);
    c.sync.set(SyncStatus::Off);
    c.sync_refused.set(Vec::new());
}

thread_local! {
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    /// What the last run knew the server has, by plan and address: to tell cheaply whether a change
    /// needs a run.
    static KNOWN: RefCell<Option<(String, String, BTreeSet<String>)>> = const { RefCell::new(None) };
}

/// Runs a sync now (or once more after the one running).
fn sync_now(c: Ctx) {
    if RUNNING.with(Cell::get) {
        AGAIN.with(|a| a.set(true));
        return;
    }
    RUNNING.with(|r| r.set(true));
    leptos::task::spawn_local(async move {
        loop {
            match engine(c).await {
                Ok(run) => run.await,
                // The chunk could not be fetched (offline before the service worker had it): the
                // records wait here, and the next trigger tries again.
                Err(_) => {
                    let waiting = c.ledger.try_with_untracked(|l| l.entries.len() + l.decisions.len()).unwrap_or(0);
                    let known = KNOWN.with(|k| k.borrow().as_ref().map_or(0, |(_, _, known)| known.len()));
                    let _ = c.sync.try_set(SyncStatus::Offline { pending: waiting.saturating_sub(known) });
                }
            }
            if !AGAIN.with(|a| a.replace(false)) {
                break;
            }
        }
        RUNNING.with(|r| r.set(false));
    });
}

/// A sync run, from a wasm chunk of its own: most visits never sync, so the first load does not carry
/// the push and pull (the chunk is fetched on the first run and precached for offline use).
#[leptos::wasm_split::wasm_split(sync_engine, wasm_split_path = ::leptos::wasm_split, fallible)]
fn engine(c: Ctx) -> Result<Pin<Box<dyn Future<Output = ()>>>, SplitLoaderError> {
    Ok(Box::pin(run(c)))
}

async fn run(c: Ctx) {
    let Some(plan_id) = c.plan.try_with_untracked(|p| p.id.clone()) else { return };
    let Some(cfg) = storage::sync_config(&plan_id) else {
        let _ = c.sync.try_set(SyncStatus::Off);
        return;
    };
    // Not before the stored ledger has been read (the push would miss what is stored).
    if c.ledger_loading.try_get_untracked().unwrap_or(true) {
        return;
    }
    let _ = c.sync.try_set(SyncStatus::Working);
    let mut state = storage::sync_state(&plan_id, &cfg.url).await;
    let status = exchange(c, &cfg, &plan_id, &mut state).await;
    storage::store_sync_state(&plan_id, &cfg.url, &state).await;
    KNOWN.with(|k| *k.borrow_mut() = Some((plan_id, cfg.url.clone(), state.on_server.clone())));
    let _ = c.sync.try_set(status);
}

/// Push, then pull; the status it ends in. `state` keeps what was done even when it stops halfway.
async fn exchange(c: Ctx, cfg: &SyncConfig, plan_id: &str, state: &mut SyncState) -> SyncStatus {
    let Some(ledger) = c.ledger.try_get_untracked() else { return SyncStatus::Working };
    let waiting = |state: &SyncState| c.ledger.try_with_untracked(|l| pending(l, &state.on_server)).unwrap_or(0);
    let mut refused = Vec::new();
    for batch in docs_to_push(plan_id, &ledger, &state.on_server).chunks(BATCH) {
        let body = json!({ "docs": batch }).to_string();
        match http("POST", &format!("{}/_bulk_docs", cfg.url), Some(body)).await {
            Err(()) | Ok((502..=504, _)) => return SyncStatus::Offline { pending: waiting(state) },
            Ok((401, _)) => return SyncStatus::SignedOut,
            Ok((403, _)) => return SyncStatus::Failed(SyncFailure::NotMember),
            Ok((200..=202, text)) => match read_bulk_answer(&text) {
                Ok(results) => {
                    for (id, result) in results {
                        match result {
                            PushResult::Stored => {
                                state.on_server.insert(id);
                            }
                            PushResult::Refused(r) => refused.push((id, r)),
                        }
                    }
                }
                Err(_) => return SyncStatus::Failed(SyncFailure::Server { status: 200 }),
            },
            Ok((status, _)) if status >= 500 => return SyncStatus::Failed(SyncFailure::Server { status }),
            Ok((status, _)) => return SyncStatus::Failed(SyncFailure::NoDatabase { status }),
        }
    }
    let _ = c.sync_refused.try_set(refused);
    loop {
        let url = format!("{}/_changes?include_docs=true&limit={PAGE}&since={}", cfg.url, js_sys::encode_uri_component(&since_param(&state.checkpoint)));
        let page = match http("GET", &url, None).await {
            Err(()) | Ok((502..=504, _)) => return SyncStatus::Offline { pending: waiting(state) },
            Ok((401, _)) => return SyncStatus::SignedOut,
            Ok((403, _)) => return SyncStatus::Failed(SyncFailure::NotMember),
            Ok((200, text)) => match read_changes(&text) {
                Ok(page) => page,
                Err(_) => return SyncStatus::Failed(SyncFailure::Server { status: 200 }),
            },
            Ok((status, _)) if status >= 500 => return SyncStatus::Failed(SyncFailure::Server { status }),
            Ok((status, _)) => return SyncStatus::Failed(SyncFailure::NoDatabase { status }),
        };
        let pulled = ledger_of_docs(plan_id, &page.docs);
        if !pulled.ids.is_empty() && c.plan.try_with_untracked(|p| p.id == plan_id).unwrap_or(false) {
            let _ = c.ledger.try_update(|l| {
                let merged = l.clone().merged(&pulled.ledger);
                if merged != *l {
                    *l = merged;
                }
            });
        }
        state.on_server.extend(pulled.ids);
        state.checkpoint = page.last_seq;
        if page.results < PAGE {
            break;
        }
    }
    let at = env::now_iso();
    state.last_sync = Some(at.clone());
    SyncStatus::Synced { at, pending: waiting(state) }
}

/// Starts sync for the page: after the stored ledger is read, after each change that leaves records
/// the server lacks (a second later, so a burst of saves is one run), every 30 seconds, and when the
/// browser comes back online.
pub fn install(c: Ctx) {
    let sync_if_configured = move || {
        let plan_id = c.plan.try_with_untracked(|p| p.id.clone()).unwrap_or_default();
        if storage::sync_config(&plan_id).is_some() && c.sync.try_get_untracked().is_some_and(|s| s != SyncStatus::SignedOut) {
            sync_now(c);
        }
    };
    Effect::new(move |_| {
        let loading = c.ledger_loading.get();
        let plan_id = c.plan.with(|p| p.id.clone());
        if !loading {
            match storage::sync_config(&plan_id) {
                Some(_) => sync_now(c),
                None => c.sync.set(SyncStatus::Off),
            }
        }
    });
    // 立即同步 and signing in (the 同步 view) ask through `sync_request`.
    Effect::new(move |seen: Option<u64>| {
        let asked = c.sync_request.get();
        if seen.is_some_and(|s| s != asked) {
            sync_now(c);
        }
        asked
    });
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let waiting = c.ledger.with(|l| {
            let plan_id = c.plan.with_untracked(|p| p.id.clone());
            let Some(cfg) = storage::sync_config(&plan_id) else { return false };
            KNOWN.with(|k| match &*k.borrow() {
                Some((p, u, known)) if *p == plan_id && *u == cfg.url => pending(l, known) > 0,
                _ => false,
            })
        });
        if waiting {
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            set_timeout(
                move || {
                    if generation.try_get_value() == Some(mine) {
                        sync_if_configured();
                    }
                },
                std::time::Duration::from_millis(1000),
            );
        }
    });
    if let Ok(handle) = set_interval_with_handle(sync_if_configured, std::time::Duration::from_secs(30)) {
        on_cleanup(move || handle.clear());
    }
    let online = window_event_listener_untyped("online", move |_| sync_if_configured());
    on_cleanup(move || online.remove());
}
