//! The only module that touches browser storage.
//!
//! The ledger of each plan and the imported lists live in IndexedDB (`idb.rs`), which holds a year of
//! reports for 10,000 projects; preferences (language, unit, settings) stay in localStorage. Without
//! IndexedDB (blocked, or a privacy mode) the same keys go to localStorage, as before.
//!
//! The ledger of each plan is kept as progress files (the exchange format): its attachment records
//! under a key of their own, read after the rest ([`read_evidence`]), the rest under the main key. Each
//! save reads what is stored, merges it, keeps the previous good value as a backup and writes, in one
//! transaction. Storage that fails to parse is never overwritten: it is first copied under a "corrupt"
//! key (offered for export), and the app starts from the last good backup. A full quota leaves
//! everything already saved intact and is reported. Data saved by an earlier version in localStorage
//! moves to IndexedDB once, and the old copy is removed only when the new one reads back equal.
//! The code that reads stored progress files is loaded on demand ([`progress_reader`]); when it cannot
//! be, nothing stored is read or written over.

use crate::domain::exchange::PlanRef;
pub use crate::domain::persist::ReadProgress;
use crate::domain::persist::{backup_key, corrupt_key, evidence_backup_key, evidence_key, journal_prefix, journal_write, journals_to_clear, key, merge_for_save, pending_of, read_stored, recover, JournalWrite, Stored, StoredTexts};
pub use crate::domain::persist::ledger_key;
use crate::domain::format::{read_plan_file, write_plan_file};
use crate::domain::ledger::Ledger;
use crate::domain::plan::Plan;
use super::idb::{self, IdbError};
use crate::i18n::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser refused the write (quota exceeded, or storage disabled).
    Refused,
    /// Corrupt data could not be set aside, so saving would overwrite it.
    Protected,
    /// The code that reads what is stored ([`progress_reader`]) could not be loaded (offline before
    /// it was cached), so what is stored could not be merged: nothing is written.
    ReaderMissing,
}

/// The code that reads progress files ([`progress_reader`]) could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderMissing;

/// What a save does once the reader is in ([`save_in_chunk`]).
type SaveFn = fn(PlanRef, Ledger, bool, String) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Option<Ledger>, SaveError>>>>;

/// The progress-file reader and the save that needs it.
#[derive(Clone, Copy)]
struct Reader {
    read: ReadProgress,
    save: SaveFn,
}

/// The progress-file reader, in a wasm chunk of its own (cut by `tools/split_wasm.py`, precached by the
/// service worker): what is stored, the journals and another tab's save are read without holding up the
/// first paint, and a first visit has nothing stored, so it loads the reader only for its first save.
/// The save (its transaction and merge) comes with it: a visit that changes nothing never runs it.
#[::leptos::wasm_split::wasm_split(progress_reader, wasm_split_path = ::leptos::wasm_split, fallible)]
fn progress_reader() -> Result<Reader, leptos::wasm_split::SplitLoaderError> {
    Ok(Reader { read: crate::domain::exchange::read_progress_file, save: |plan, ledger, evidence_changed, now| Box::pin(save_in_chunk(plan, ledger, evidence_changed, now)) })
}

/// The progress-file reader alone.
async fn reader() -> Result<ReadProgress, leptos::wasm_split::SplitLoaderError> {
    progress_reader().await.map(|r| r.read)
}

/// The progress-file reader, for code in another chunk: a chunk's code never loads another chunk
/// itself (where the app is not cut, as in the component tests, that import would be left unresolved).
pub async fn progress_read() -> Result<ReadProgress, ReaderMissing> {
    reader().await.map_err(|_| ReaderMissing)
}

fn raw() -> Option<web_sys::Storage> {
    // localStorage is null or throws in some privacy modes: treat as unavailable, never panic.
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(k: &str) -> Option<String> {
    raw()?.get_item(k).ok().flatten()
}

pub fn set(k: &str, value: &str) -> Result<(), SaveError> {
    raw().ok_or(SaveError::Refused)?.set_item(k, value).map_err(|_| SaveError::Refused)
}

fn plans_key() -> String {
    key(&["plans"])
}

// The store of large texts: IndexedDB, or localStorage where there is none.

fn remove(k: &str) {
    if let Some(s) = raw() {
        let _ = s.remove_item(k);
    }
}

fn local_keys(prefix: &str) -> Vec<String> {
    let Some(s) = raw() else { return Vec::new() };
    (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

fn save_error(e: IdbError) -> SaveError {
    match e {
        IdbError::Full | IdbError::Unavailable | IdbError::Failed(_) => SaveError::Refused,
    }
}

async fn big_get(k: &str) -> Option<String> {
    match idb::get(k).await {
        Ok(v) => v,
        Err(IdbError::Unavailable) => get(k),
        Err(_) => None,
    }
}

async fn big_keys(prefix: &str) -> Vec<String> {
    let mut keys = idb::keys(prefix).await.unwrap_or_default();
    // Corrupt copies set aside by an earlier version stay in localStorage.
    keys.extend(local_keys(prefix));
    keys.dedup();
    keys
}

/// Moves what an earlier version kept in localStorage under `keys` to IndexedDB: written, read back,
/// and removed from localStorage only when equal. Does nothing without IndexedDB.
async fn migrate(keys: &[String]) {
    let old: Vec<(String, String)> = keys.iter().filter_map(|k| get(k).map(|v| (k.clone(), v))).collect();
    if old.is_empty() {
        return;
    }
    let wanted: Vec<(String, Option<String>)> = old.iter().map(|(k, v)| (k.clone(), Some(v.clone()))).collect();
    if idb::write(wanted).await.is_err() {
        return;
    }
    for (k, v) in old {
        if idb::get(&k).await.ok().flatten().as_deref() == Some(v.as_str()) {
            remove(&k);
        }
    }
}

/// Whether the big texts go to IndexedDB here.
async fn has_idb() -> bool {
    idb::database().await.is_ok()
}

/// Storage found unreadable at start, set aside and reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    /// Where the unreadable text was kept (offered for export).
    pub corrupt_key: Option<String>,
    pub from_backup: bool,
    pub error: crate::domain::format::FileError,
}

pub struct LedgerLoad {
    /// The ledger as stored (in IndexedDB, or localStorage without it).
    pub ledger: Ledger,
    /// What pages closed before their save landed had journalled (see [`journal`]): not in `ledger`
    /// yet, to be merged and saved.
    pub pending: Ledger,
    /// The journals `pending` was read from, to be removed once this visit's journal holds it
    /// ([`clear_journals`]).
    pub journals: Vec<(String, String)>,
    pub recovery: Option<Recovery>,
}

pub async fn load_ledger(plan_id: &str, now: &str) -> Result<LedgerLoad, ReaderMissing> {
    let main = ledger_key(plan_id);
    let backup_k = backup_key(plan_id);
    let idb = has_idb().await;
    if idb && get(&main).is_some() && idb::get(&main).await.ok().flatten().is_none() {
        migrate(&[main.clone(), backup_k.clone()]).await;
    }
    let read = |k: String| async move { if idb { idb::get(&k).await.ok().flatten().or_else(|| get(&k)) } else { get(&k) } };
    let journals = journals(plan_id);
    let stored = read(main.clone()).await;
    if stored.is_none() && journals.is_empty() {
        // A first visit: nothing to read, so the reader is not loaded.
        return Ok(LedgerLoad { ledger: Ledger::default(), pending: Ledger::default(), journals, recovery: None });
    }
    let read_progress_file = reader().await.map_err(|_| ReaderMissing)?;
    let pending = pending_of(read_progress_file, &journals);
    Ok(match read_stored(read_progress_file, stored.as_deref()) {
        Stored::Empty => LedgerLoad { ledger: Ledger::default(), pending, journals, recovery: None },
        Stored::Read(ledger) => LedgerLoad { ledger, pending, journals, recovery: None },
        Stored::Unreadable(e) => {
            // Set aside before anything else: what does not read is never written over.
            let corrupt = corrupt_key(plan_id, now);
            let text = stored.unwrap_or_default();
            let kept = if idb { idb::write(vec![(corrupt.clone(), Some(text))]).await.is_ok() } else { set(&corrupt, &text).is_ok() };
            if !kept {
                PROTECTED.with(|p| p.borrow_mut().push(plan_id.to_string()));
            }
            let (ledger, from_backup) = recover(read_progress_file, read(backup_k).await.as_deref());
            LedgerLoad { ledger, pending, journals, recovery: Some(Recovery { corrupt_key: kept.then_some(corrupt), from_backup, error: e }) }
        }
    })
}

/// The attachment records (佐证材料) stored apart from the rest of the ledger, as text ([`load_ledger`]
/// does not read them, so they do not hold up a list's statuses).
/// A read that fails (not one that finds nothing) is an error: what cannot be read is never taken for
/// none.
pub async fn stored_evidence(plan_id: &str) -> Result<Option<String>, ReaderMissing> {
    let k = evidence_key(plan_id);
    match idb::get(&k).await {
        Ok(Some(text)) => Ok(Some(text)),
        Ok(None) => Ok(get(&k)),
        Err(IdbError::Unavailable) => Ok(get(&k)),
        Err(_) => Err(ReaderMissing),
    }
}

/// Reads the attachment records' stored `text`: set aside and taken from their backup when it does not
/// read, as the main text is.
pub async fn read_evidence(read_progress_file: ReadProgress, plan_id: &str, text: String, now: &str) -> (Ledger, Option<Recovery>) {
    match read_stored(read_progress_file, Some(&text)) {
        Stored::Read(ledger) => (ledger, None),
        Stored::Empty => (Ledger::default(), None),
        Stored::Unreadable(e) => {
            // Set aside, and the backup (or nothing) put in its place in the same write: the next visit
            // does not set it aside again, and what it holds is what this visit merged.
            let corrupt = corrupt_key(plan_id, &format!("{now}-evidence"));
            let backup = evidence_backup_key(plan_id);
            let backup = big_get(&backup).await.or_else(|| get(&backup));
            let (ledger, from_backup) = recover(read_progress_file, backup.as_deref());
            let replaced = from_backup.then_some(backup).flatten();
            let writes = vec![(corrupt.clone(), Some(text)), (evidence_key(plan_id), replaced)];
            let kept = if has_idb().await {
                idb::write(writes).await.is_ok()
            } else {
                writes.into_iter().all(|(k, v)| match v {
                    Some(v) => set(&k, &v).is_ok(),
                    None => {
                        remove(&k);
                        true
                    }
                })
            };
            if !kept {
                PROTECTED.with(|p| p.borrow_mut().push(plan_id.to_string()));
            }
            (ledger, Some(Recovery { corrupt_key: kept.then_some(corrupt), from_backup, error: e }))
        }
    }
}

thread_local! {
    /// Plans whose unreadable storage could not be set aside: saving them would destroy it.
    static PROTECTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Saves the ledger, first merging what is stored (another tab may have saved since this one last
/// read): nothing another tab wrote is overwritten. Its attachment records are written (under their
/// own key) only when `evidence_changed`: it holds some the last save did not. Returns the merged
/// ledger when it has more than `ledger`, so the caller can show it.
pub async fn save_ledger(plan: &PlanRef, ledger: &Ledger, evidence_changed: bool, now: &str) -> Result<Option<Ledger>, SaveError> {
    if PROTECTED.with(|p| p.borrow().contains(&plan.id)) {
        return Err(SaveError::Protected);
    }
    let reader = progress_reader().await.map_err(|_| SaveError::ReaderMissing)?;
    (reader.save)(plan.clone(), ledger.clone(), evidence_changed, now.to_string()).await
}

/// A save, with the reader loaded (before the transaction starts: the merge runs inside it,
/// synchronously). Other tabs are told, and read the attachment records again only when this save
/// added some (one that moved them out of an older whole text adds none they lack).
async fn save_in_chunk(plan: PlanRef, ledger: Ledger, evidence_changed: bool, now: String) -> Result<Option<Ledger>, SaveError> {
    let read = crate::domain::exchange::read_progress_file;
    let merged: Rc<RefCell<Option<Ledger>>> = Rc::new(RefCell::new(None));
    let (main, ev) = (ledger_key(&plan.id), evidence_key(&plan.id));
    if has_idb().await {
        let (plan_id, out) = (plan.id.clone(), merged.clone());
        idb::update(&[main, ev], move |mut stored| {
            let evidence = stored.pop().flatten();
            let stored = StoredTexts { main: stored.pop().flatten(), evidence };
            let (writes, m) = merge_for_save(read, &plan, &ledger, stored, evidence_changed, &now);
            *out.borrow_mut() = m;
            writes
        })
        .await
        .map_err(save_error)?;
        announce_saved(&plan_id, evidence_changed);
    } else {
        let stored = StoredTexts { main: get(&main), evidence: get(&ev) };
        let (writes, m) = merge_for_save(read, &plan, &ledger, stored, evidence_changed, &now);
        // The main key last: a failed backup write is not fatal, the main key still holds the
        // previous good value until the new one is written whole.
        for (k, v) in writes {
            let result = set(&k, v.as_deref().unwrap_or_default());
            if k == main || k == ev {
                result?;
            }
        }
        *merged.borrow_mut() = m;
        announce_saved(&plan.id, evidence_changed);
    }
    let m = merged.borrow_mut().take();
    Ok(m)
}

// The journal: what this page holds and has not saved yet, written to localStorage at once (a
// synchronous write, which survives the page being closed or reloaded right after), where a save to
// IndexedDB takes a transaction that a closing page aborts. A page that loads the plan merges every
// journal it finds (its own from before a reload, or another tab's that closed mid-save), journals the
// result under its own key, then removes the ones it read; its save empties its own. Merging is a
// union, so a journal read twice adds nothing.

/// A `beforeunload` listener.
type UnloadListener = wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>;

thread_local! {
    /// One id per page load.
    static PAGE: String = super::env::random_id("");
    static VISITS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Journal keys whose records are neither saved nor journalled (too many for the journal).
    static UNSAVED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The `beforeunload` listener, there only while something is unsaved.
    static GUARD: RefCell<Option<UnloadListener>> = const { RefCell::new(None) };
}

/// The journal key of a new visit of this page to `plan_id`: each visit journals under its own, so a
/// page that shows a list, another, then the first again never overwrites what it journalled before.
pub fn journal_key(plan_id: &str) -> String {
    let visit = VISITS.with(|v| {
        v.set(v.get() + 1);
        v.get()
    });
    PAGE.with(|page| format!("{}{page}-{visit}", journal_prefix(plan_id)))
}

/// Journals `pending` (what this visit holds beyond what it last saved or read) under `key`,
/// replacing what was there; an empty `pending` removes it. Returns whether `pending` is now safe
/// from the page closing. `plan` is asked for only when there is something to write.
pub fn journal(key: &str, plan: impl FnOnce() -> PlanRef, pending: &Ledger, now: &str) -> bool {
    let safe = match journal_write(plan, pending, now) {
        JournalWrite::Remove => {
            remove(key);
            true
        }
        JournalWrite::Write(text) => set(key, &text).is_ok(),
        JournalWrite::TooBig => false,
    };
    mark_unsaved(key, !safe);
    safe
}

/// A visit whose list is no longer shown has its last save landed: nothing of it is unsaved.
pub fn journal_settled(key: &str) {
    mark_unsaved(key, false);
}

/// The journals of `plan_id` (every page's and visit's), as keys and texts.
fn journals(plan_id: &str) -> Vec<(String, String)> {
    local_keys(&journal_prefix(plan_id)).into_iter().filter_map(|k| get(&k).map(|v| (k, v))).collect()
}

/// Removes journals read earlier whose records are now held elsewhere; one rewritten since (its page
/// is still open and journalled more) is left.
pub fn clear_journals(read: &[(String, String)]) {
    for k in journals_to_clear(read, get) {
        remove(k);
    }
}

/// Asks before the page is closed while some records are neither saved nor journalled (a bulk import
/// too big for the journal, during its save): a `beforeunload` listener, added only for that time.
fn mark_unsaved(key: &str, unsaved: bool) {
    let any = UNSAVED.with(|u| {
        let mut u = u.borrow_mut();
        u.retain(|k| k != key);
        if unsaved {
            u.push(key.to_string());
        }
        !u.is_empty()
    });
    let Some(window) = web_sys::window() else { return };
    GUARD.with(|g| {
        let mut g = g.borrow_mut();
        match (any, g.as_ref()) {
            (true, None) => {
                let ask = UnloadListener::new(|ev: web_sys::Event| {
                    ev.prevent_default();
                    let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &"".into());
                });
                let _ = window.add_event_listener_with_callback("beforeunload", ask.as_ref().unchecked_ref());
                *g = Some(ask);
            }
            (false, Some(ask)) => {
                let _ = window.remove_event_listener_with_callback("beforeunload", ask.as_ref().unchecked_ref());
                *g = None;
            }
            _ => {}
        }
    });
}

/// Unreadable ledgers set aside at start, for export.
pub async fn corrupt_copies(plan_id: &str) -> Vec<(String, String)> {
    let prefix = corrupt_key(plan_id, "");
    let mut out = Vec::new();
    for k in big_keys(&prefix).await {
        if let Some(v) = big_get(&k).await.or_else(|| get(&k)) {
            out.push((k, v));
        }
    }
    out
}

/// Lists imported in the app (never the published ones), each a plan file as stored (read by
/// `lazy::read_imported`; one that cannot be read stays stored, see `store_imported_plans`).
pub async fn imported_plan_files() -> Vec<String> {
    if has_idb().await && get(&plans_key()).is_some() && idb::get(&plans_key()).await.ok().flatten().is_none() {
        migrate(&[plans_key()]).await;
    }
    stored_plan_files().await
}

async fn stored_plan_files() -> Vec<String> {
    big_get(&plans_key()).await.or_else(|| get(&plans_key())).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// Saves the imported lists, keeping any stored one that cannot be read rather than dropping it.
pub async fn store_imported_plans(plans: &[Plan]) -> Result<(), SaveError> {
    let mut files: Vec<String> = stored_plan_files().await.into_iter().filter(|f| read_plan_file(f).is_err()).collect();
    files.extend(plans.iter().map(write_plan_file));
    let text = serde_json::to_string(&files).unwrap_or_default();
    if has_idb().await {
        idb::write(vec![(plans_key(), Some(text))]).await.map_err(save_error)
    } else {
        set(&plans_key(), &text)
    }
}

/// Space used and available to this site, in bytes (`navigator.storage.estimate`).
pub async fn estimate() -> Option<(f64, f64)> {
    let manager = web_sys::window()?.navigator().storage();
    let estimate: web_sys::StorageEstimate = wasm_bindgen_futures::JsFuture::from(manager.estimate().ok()?).await.ok()?.unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// Whether the browser keeps this site's storage under pressure (`navigator.storage.persisted`).
pub async fn persisted() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    wasm_bindgen_futures::JsFuture::from(manager.persisted().ok()?).await.ok()?.as_bool()
}

/// Asks the browser to keep this site's storage (`navigator.storage.persist`); whether it will.
pub async fn persist() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    wasm_bindgen_futures::JsFuture::from(manager.persist().ok()?).await.ok()?.as_bool()
}

const CHANNEL: &str = "minsheng-ledger";

/// Tells other tabs that `plan_id`'s ledger was saved (with its attachment records, when `evidence`).
fn announce_saved(plan_id: &str, evidence: bool) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let message = if evidence { format!("{plan_id}\n{EVIDENCE_SAVED}") } else { plan_id.to_string() };
        let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(&message));
        channel.close();
    }
}

const EVIDENCE_SAVED: &str = "evidence";

/// Calls `on_change` with the stored ledger whenever another tab saves this plan's ledger (its
/// attachment records read too when that save wrote them).
pub fn on_other_tab_ledger_change(plan_id: String, on_change: impl Fn(Ledger) + 'static) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
    let on_change = Rc::new(on_change);
    let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let Some(message) = ev.data().as_string() else { return };
        let (id, evidence) = match message.split_once('\n') {
            Some((id, what)) => (id.to_string(), what == EVIDENCE_SAVED),
            None => (message, false),
        };
        if id != plan_id {
            return;
        }
        let f = on_change.clone();
        leptos::task::spawn_local(async move {
            let Ok(read) = reader().await else { return };
            let mut keys = vec![ledger_key(&id)];
            if evidence {
                keys.push(evidence_key(&id));
            }
            let mut theirs = Ledger::default();
            for k in keys {
                if let Some(Ok(file)) = big_get(&k).await.map(|text| read(&text)) {
                    theirs.merge(&file.ledger);
                }
            }
            if !theirs.is_empty() {
                f(theirs);
            }
        });
    });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // Closed with the plan's page (the handler goes with it).
    let kept = leptos::prelude::StoredValue::new_local((channel, handler));
    leptos::prelude::on_cleanup(move || {
        leptos::prelude::WithValue::try_with_value(&kept, |(channel, _): &(web_sys::BroadcastChannel, _)| {
            channel.set_onmessage(None);
            channel.close();
        });
    });
}

pub fn stored_lang() -> Option<Lang> {
    get(&key(&["lang"])).and_then(|c| Lang::from_code(&c))
}

pub fn store_lang(lang: Lang) {
    let _ = set(&key(&["lang"]), lang.code());
}

pub fn my_unit() -> Option<String> {
    get(&key(&["unit"])).filter(|u| !u.is_empty())
}

pub fn store_my_unit(unit: &str) {
    let _ = set(&key(&["unit"]), unit);
}

pub fn settings() -> crate::domain::status::Settings {
    get(&key(&["settings"])).and_then(|t| serde_json::from_str::<crate::domain::status::Settings>(&t).ok()).unwrap_or_default().clamped()
}

pub fn store_settings(s: &crate::domain::status::Settings) {
    let _ = set(&key(&["settings"]), &serde_json::to_string(s).unwrap_or_default());
}

/// The issuing office of supervision notices (签发单位), remembered.
pub fn office() -> Option<String> {
    get(&key(&["office"])).filter(|u| !u.trim().is_empty())
}

pub fn store_office(office: &str) {
    let _ = set(&key(&["office"]), office);
}

pub fn my_person() -> Option<String> {
    get(&key(&["person"])).filter(|u| !u.is_empty())
}

pub fn store_my_person(person: &str) {
    let _ = set(&key(&["person"]), person);
}

/// The column roles chosen for a list's header (by `Mapping::key`), offered again for the same header.
pub fn column_roles(header_key: &str) -> Option<Vec<crate::domain::table::Role>> {
    get(&key(&["columns", header_key])).and_then(|t| serde_json::from_str(&t).ok())
}

pub fn store_column_roles(header_key: &str, roles: &[crate::domain::table::Role]) {
    let _ = set(&key(&["columns", header_key]), &serde_json::to_string(roles).unwrap_or_default());
}


/// The sync database and the account signed in to it (never the password).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SyncConfig {
    pub url: String,
    pub user: String,
}

/// The sync database of one list: each list has its own (a database's rules name one plan).
pub fn sync_config(plan_id: &str) -> Option<SyncConfig> {
    get(&key(&["sync-config", plan_id])).and_then(|t| serde_json::from_str(&t).ok())
}

pub fn store_sync_config(plan_id: &str, config: Option<&SyncConfig>) {
    match config {
        Some(c) => {
            let _ = set(&key(&["sync-config", plan_id]), &serde_json::to_string(c).unwrap_or_default());
        }
        None => remove(&key(&["sync-config", plan_id])),
    }
}

fn sync_state_key(plan_id: &str, url: &str) -> String {
    key(&["sync", plan_id, &crate::domain::hash::short_hash(url, 12)])
}

/// What this browser knows of its sync with `url` for a plan (checkpoint, records on the server).
pub async fn sync_state(plan_id: &str, url: &str) -> crate::domain::sync::SyncState {
    big_get(&sync_state_key(plan_id, url)).await.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

pub async fn store_sync_state(plan_id: &str, url: &str, state: &crate::domain::sync::SyncState) {
    let k = sync_state_key(plan_id, url);
    let text = serde_json::to_string(state).unwrap_or_default();
    if has_idb().await {
        let _ = idb::write(vec![(k, Some(text))]).await;
    } else {
        let _ = set(&k, &text);
    }
}
