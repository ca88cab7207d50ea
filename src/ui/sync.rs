//! Live sync through CouchDB: signing in (a cookie session; the password is never stored), and the
//! sync run — push the records the server lacks with `_bulk_docs`, pull `_changes` from the saved
//! checkpoint, merge into the ledger. It runs when a record is made, every 30 seconds, when the
//! browser comes back online, and on 立即同步; runs never overlap. The documents and answers are
//! `domain::sync`; this module only talks HTTP.

use super::env;
use super::state::Ctx;
use super::storage::{self, SyncConfig};
use crate::domain::sync::{
    ask_body, check_server, checkpoint_doc, checkpoint_doc_id, docs_for, ledger_of_docs, offered, read_bulk_answer, read_changes, read_checkpoint_doc, read_db_info,
    read_present, read_session, session_url, since_param, to_offer, Account, PushResult, ServerSide, SyncFailure, SyncState, SyncStatus,
};
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
/// Record ids asked about per request (`_all_docs` by keys).
const ASK: usize = 1000;

/// A request the server has not answered in this time is given up (the run ends as offline and the
/// next one tries again): a server that hangs must not hold the sync for good.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// An HTTP answer: status and body. `Err` is no answer at all (offline, refused connection, no answer
/// within `TIMEOUT`).
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
    let abort = web_sys::AbortController::new().map_err(|_| ())?;
    init.set_signal(Some(&abort.signal()));
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| ())?;
    let window = web_sys::window().ok_or(())?;
    // The answer, headers and body, within `TIMEOUT` of the request; past it the request is aborted.
    let mut on_time = |resolve: js_sys::Function, _reject: js_sys::Function| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, TIMEOUT.as_millis() as i32);
    };
    let deadline = js_sys::Promise::new(&mut on_time);
    let within = |p: js_sys::Promise| JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&p, &deadline)));
    let late = |v: &JsValue| v.is_undefined();
    let answer = async {
        let response = within(window.fetch_with_request(&request)).await.map_err(|_| ())?;
        if late(&response) {
            return Err(());
        }
        let response: web_sys::Response = response.dyn_into().map_err(|_| ())?;
        let text = within(response.text().map_err(|_| ())?).await.map_err(|_| ())?;
        if late(&text) {
            return Err(());
        }
        Ok((response.status(), text.as_string().unwrap_or_default()))
    }
    .await;
    if answer.is_err() {
        abort.abort();
    }
    answer
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

/// Plan id, database address, the record ids the server holds, the account.
type Known = (String, String, BTreeSet<String>, Option<Account>);

thread_local! {
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    /// The next run compares every record with the server (恢复服务器数据).
    static RESTORE: Cell<bool> = const { Cell::new(false) };
    /// What the last run knew the server has, and who the account is, by plan and address: to tell
    /// cheaply whether a change leaves the account something to send.
    static KNOWN: RefCell<Option<Known>> = const { RefCell::new(None) };
}

/// 恢复服务器数据: the next run compares every record this browser holds with the server and puts back
/// what it lacks (the office's account sends every unit's).
pub fn request_restore(c: Ctx) {
    RESTORE.with(|r| r.set(true));
    c.sync_request.update(|n| *n += 1);
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
                    let known = KNOWN.with(|k| k.borrow().as_ref().map_or(0, |(_, _, known, _)| known.len()));
                    let _ = c.sync.try_set(SyncStatus::Offline { pending: waiting.saturating_sub(known) });
                }
            }
            // A run asked for meanwhile follows at once only after one that completed: after a failure
            // the next trigger (30 s, back online, 立即同步) tries again, and the failure stays shown.
            let again = AGAIN.with(|a| a.replace(false));
            let completed = c.sync.try_with_untracked(|s| matches!(s, SyncStatus::Synced { .. })).unwrap_or(false);
            if !(again && completed) {
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
    // Not before the stored ledger and its attachment records have been read (the push would miss
    // what is stored).
    if c.ledger_loading.try_get_untracked().unwrap_or(true) || c.evidence_loading.try_get_untracked().unwrap_or(true) {
        return;
    }
    let _ = c.sync.try_set(SyncStatus::Working);
    let mut state = storage::sync_state(&plan_id, &cfg.url).await;
    let restore = RESTORE.with(|r| r.replace(false));
    let status = exchange(c, &cfg, &plan_id, &mut state, restore).await;
    storage::store_sync_state(&plan_id, &cfg.url, &state).await;
    KNOWN.with(|k| *k.borrow_mut() = Some((plan_id, cfg.url.clone(), state.on_server.clone(), state.account.clone())));
    let _ = c.sync.try_set(status);
}

/// What ended a run early: the status it shows.
type Stop = SyncStatus;

/// The status of an answer that is not the one a step needs.
fn stopped(answer: Result<(u16, String), ()>, pending: usize) -> Stop {
    match answer {
        Err(()) | Ok((502..=504, _)) => SyncStatus::Offline { pending },
        Ok((401, _)) => SyncStatus::SignedOut,
        Ok((403, _)) => SyncStatus::Failed(SyncFailure::NotMember),
        // A server error, a conflict on the whole request, or an answer no CouchDB gives.
        Ok((status @ (500.. | 409 | 200..=299), _)) => SyncStatus::Failed(SyncFailure::Server { status }),
        Ok((status, _)) => SyncStatus::Failed(SyncFailure::NoDatabase { status }),
    }
}

/// Checks the server against what this browser remembers of it (`state`), asks the server which of
/// this account's records it lacks and pushes those, then pulls from the checkpoint and records the
/// checkpoint on both sides; the status it ends in. `state` keeps what was done even when it stops
/// halfway. `restore`: compare every record, whatever the checkpoints say (恢复服务器数据).
async fn exchange(c: Ctx, cfg: &SyncConfig, plan_id: &str, state: &mut SyncState, restore: bool) -> SyncStatus {
    match exchange_steps(c, cfg, plan_id, state, restore).await {
        Ok(status) | Err(status) => status,
    }
}

async fn exchange_steps(c: Ctx, cfg: &SyncConfig, plan_id: &str, state: &mut SyncState, restore: bool) -> Result<SyncStatus, Stop> {
    let waiting = |state: &SyncState, account: &Account| c.ledger.try_with_untracked(|l| to_offer(l, account, &state.on_server).len()).unwrap_or(0);
    // Who this account speaks for.
    let session = session_url(&cfg.url).ok_or(SyncStatus::Failed(SyncFailure::BadAddress))?;
    let account = match http("GET", &session, None).await {
        Ok((200, text)) => read_session(&text).map_err(|_| SyncStatus::SignedOut)?,
        other => {
            // Unreached: what waits here is counted as for the account the last run found (a unit's
            // account is named after it).
            let known = state.account.clone().unwrap_or_else(|| Account { units: vec![cfg.user.clone()], office: false });
            return Err(stopped(other, waiting(state, &known)));
        }
    };
    state.account = Some(account.clone());
    let _ = c.sync_office.try_set(account.office);
    // The server's side of the checkpoint, and how far the database has got.
    if state.client.is_empty() {
        let checkpoint_lost = !state.on_server.is_empty() || !state.checkpoint.is_null();
        state.client = super::env::random_id("");
        if checkpoint_lost {
            // Kept before checkpoints lived on both sides: compared in full once.
            state.reset();
        }
    }
    let local_url = format!("{}/{}", cfg.url, checkpoint_doc_id(&state.client));
    // A browser that remembers nothing of the server has no checkpoint there to read.
    let remembers = !state.on_server.is_empty() || !state.checkpoint.is_null();
    let answer = if remembers { Some(http("GET", &local_url, None).await) } else { None };
    let (remote, rev) = match answer {
        None => (None, None),
        Some(Ok((200, text))) => read_checkpoint_doc(&text).map_or((None, None), |(seq, rev)| (Some(seq), rev)),
        Some(Ok((404, _))) => (None, None),
        Some(other) => return Err(stopped(other, waiting(state, &account))),
    };
    let update_seq = match http("GET", &cfg.url, None).await {
        Ok((200, text)) => read_db_info(&text).map_err(|_| SyncStatus::Failed(SyncFailure::Server { status: 200 }))?,
        other => return Err(stopped(other, waiting(state, &account))),
    };
    let reset = check_server(state, &ServerSide { checkpoint: remote, update_seq });
    if reset.is_some() || restore {
        state.reset();
    }
    // Push by asking: which of this account's records the server lacks, in batches, then send those.
    let Some(ledger) = c.ledger.try_get_untracked() else { return Ok(SyncStatus::Working) };
    let offered = to_offer(&ledger, &account, &state.on_server);
    if reset.is_some() || restore {
        let _ = c.sync.try_set(SyncStatus::Restoring { records: offered.len() });
    }
    let mut lacking = Vec::new();
    for ids in offered.chunks(ASK) {
        match http("POST", &format!("{}/_all_docs", cfg.url), Some(ask_body(ids))).await {
            Ok((200, text)) => {
                let present: BTreeSet<String> = read_present(&text).map_err(|_| SyncStatus::Failed(SyncFailure::Server { status: 200 }))?.into_iter().collect();
                lacking.extend(ids.iter().filter(|id| !present.contains(*id)).cloned());
                state.on_server.extend(present);
            }
            other => return Err(stopped(other, waiting(state, &account))),
        }
    }
    let mut refused = Vec::new();
    let mut sent = 0;
    for batch in docs_for(plan_id, &ledger, &lacking).chunks(BATCH) {
        let body = json!({ "docs": batch }).to_string();
        match http("POST", &format!("{}/_bulk_docs", cfg.url), Some(body)).await {
            Ok((200..=202, text)) => {
                let results = read_bulk_answer(&text).map_err(|_| SyncStatus::Failed(SyncFailure::Server { status: 200 }))?;
                for (id, result) in results {
                    match result {
                        PushResult::Stored => {
                            sent += 1;
                            state.on_server.insert(id);
                        }
                        PushResult::Refused(r) => refused.push((id, r)),
                    }
                }
            }
            other => return Err(stopped(other, waiting(state, &account))),
        }
    }
    // 佐证材料: each file its records point to, after them, one document at a time (a photo is a few
    // hundred KB); a file this browser does not hold is left to the browser that does.
    let files = crate::domain::sync::files_to_offer(&ledger, &account, &state.on_server);
    for ids in files.chunks(ASK) {
        let asked: Vec<String> = ids.iter().map(|(id, _)| id.clone()).collect();
        let present: BTreeSet<String> = match http("POST", &format!("{}/_all_docs", cfg.url), Some(ask_body(&asked))).await {
            Ok((200, text)) => read_present(&text).map_err(|_| SyncStatus::Failed(SyncFailure::Server { status: 200 }))?.into_iter().collect(),
            other => return Err(stopped(other, waiting(state, &account))),
        };
        for (id, record) in ids {
            if present.contains(id) {
                state.on_server.insert(id.clone());
                continue;
            }
            let Some(bytes) = super::evidence::stored_bytes(record.get("hash").and_then(|h| h.as_str()).unwrap_or_default()).await else { continue };
            let body = json!({ "docs": [crate::domain::sync::file_doc(plan_id, record, &bytes)] }).to_string();
            match http("POST", &format!("{}/_bulk_docs", cfg.url), Some(body)).await {
                Ok((200..=202, text)) => {
                    for (id, result) in read_bulk_answer(&text).map_err(|_| SyncStatus::Failed(SyncFailure::Server { status: 200 }))? {
                        match result {
                            PushResult::Stored => {
                                state.on_server.insert(id);
                            }
                            PushResult::Refused(r) => refused.push((id, r)),
                        }
                    }
                }
                other => return Err(stopped(other, waiting(state, &account))),
            }
        }
    }
    let _ = c.sync_refused.try_set(refused);
    loop {
        let url = format!("{}/_changes?include_docs=true&limit={PAGE}&since={}", cfg.url, js_sys::encode_uri_component(&since_param(&state.checkpoint)));
        let page = match http("GET", &url, None).await {
            Ok((200, text)) => read_changes(&text).map_err(|_| SyncStatus::Failed(SyncFailure::Server { status: 200 }))?,
            other => return Err(stopped(other, waiting(state, &account))),
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
    // 佐证材料: every file at once when this browser is set to (the office), else each when first shown.
    super::evidence::pull_all(c).await;
    // The checkpoint on the server's side too: a server that loses it (made again, restored) is found out.
    match http("PUT", &local_url, Some(checkpoint_doc(&state.checkpoint, rev.as_deref()).to_string())).await {
        Ok((200..=202, _)) => {}
        other => return Err(stopped(other, waiting(state, &account))),
    }
    let at = env::now_iso();
    state.last_sync = Some(at.clone());
    Ok(SyncStatus::Synced { at, pending: waiting(state, &account), restored: (reset.is_some() || restore).then_some(sent) })
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
        let loading = c.ledger_loading.get() || c.evidence_loading.get();
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
                Some((p, u, known, Some(account))) if *p == plan_id && *u == cfg.url => offered(l, account, known).next().is_some(),
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
