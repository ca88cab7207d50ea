//! The only module that touches localStorage.
//!
//! The ledger of each plan is kept as a progress file (the exchange format) under its own key. Before
//! each save, the previous good value is copied to a backup key. Storage that fails to parse is never
//! overwritten: it is first copied under a "corrupt" key (offered for export), and the app starts from
//! the last good backup. A full quota leaves everything already saved intact and is reported.

use crate::domain::exchange::{read_progress_file, write_progress_file, PlanRef};
use crate::domain::format::{read_plan_file, write_plan_file};
use crate::domain::ledger::Ledger;
use crate::domain::plan::Plan;
use crate::i18n::Lang;
use wasm_bindgen::JsCast;

const PREFIX: &str = "minsheng/v1";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser refused the write (quota exceeded, or storage disabled).
    Refused,
    /// Corrupt data could not be set aside, so saving would overwrite it.
    Protected,
}

fn key(parts: &[&str]) -> String {
    let mut k = PREFIX.to_string();
    for p in parts {
        k.push('/');
        k.push_str(p);
    }
    k
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

pub fn ledger_key(plan_id: &str) -> String {
    key(&["ledger", plan_id])
}

fn backup_key(plan_id: &str) -> String {
    key(&["ledger", plan_id, "backup"])
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
    pub ledger: Ledger,
    pub recovery: Option<Recovery>,
}

pub fn load_ledger(plan_id: &str, now: &str) -> LedgerLoad {
    let main = ledger_key(plan_id);
    let Some(text) = get(&main) else {
        return LedgerLoad { ledger: Ledger::default(), recovery: None };
    };
    match read_progress_file(&text) {
        Ok(file) => LedgerLoad { ledger: file.ledger, recovery: None },
        Err(e) => {
            let corrupt = key(&["ledger", plan_id, "corrupt", now]);
            let kept = set(&corrupt, &text).is_ok();
            let backup = get(&backup_key(plan_id)).and_then(|b| read_progress_file(&b).ok());
            let from_backup = backup.is_some();
            if !kept {
                PROTECTED.with(|p| p.borrow_mut().push(plan_id.to_string()));
            }
            LedgerLoad {
                ledger: backup.map(|b| b.ledger).unwrap_or_default(),
                recovery: Some(Recovery { corrupt_key: kept.then_some(corrupt), from_backup, error: e }),
            }
        }
    }
}

thread_local! {
    /// Plans whose unreadable storage could not be set aside: saving them would destroy it.
    static PROTECTED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Saves the ledger, first merging what is stored (another tab may have saved since this one last
/// read): nothing another tab wrote is overwritten. Returns the merged ledger when it has more than
/// `ledger`, so the caller can show it.
pub fn save_ledger(plan: &PlanRef, ledger: &Ledger, now: &str) -> Result<Option<Ledger>, SaveError> {
    if PROTECTED.with(|p| p.borrow().contains(&plan.id)) {
        return Err(SaveError::Protected);
    }
    let main = ledger_key(&plan.id);
    let mut merged = None;
    if let Some(previous) = get(&main) {
        if let Ok(stored) = read_progress_file(&previous) {
            // A failed backup write is not fatal: the main key still holds the previous good value
            // until the new one is written whole.
            let _ = set(&backup_key(&plan.id), &previous);
            let union = ledger.clone().merged(&stored.ledger);
            if union != *ledger {
                merged = Some(union);
            }
        }
    }
    set(&main, &write_progress_file(plan, merged.as_ref().unwrap_or(ledger), now, None))?;
    Ok(merged)
}

/// Unreadable ledgers set aside at start, for export.
pub fn corrupt_copies(plan_id: &str) -> Vec<(String, String)> {
    let Some(s) = raw() else { return Vec::new() };
    let prefix = key(&["ledger", plan_id, "corrupt"]);
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix))
        .filter_map(|k| get(&k).map(|v| (k, v)))
        .collect()
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

/// Lists imported in the app (never the published ones), each a plan file. One that cannot be read is
/// left out here but kept in storage (see `store_imported_plans`).
pub fn imported_plans() -> Vec<Plan> {
    stored_plan_files().iter().filter_map(|f| read_plan_file(f).ok()).collect()
}

fn stored_plan_files() -> Vec<String> {
    get(&key(&["plans"])).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// Saves the imported lists, keeping any stored one that cannot be read rather than dropping it.
pub fn store_imported_plans(plans: &[Plan]) -> Result<(), SaveError> {
    let mut files: Vec<String> = stored_plan_files().into_iter().filter(|f| read_plan_file(f).is_err()).collect();
    files.extend(plans.iter().map(write_plan_file));
    set(&key(&["plans"]), &serde_json::to_string(&files).unwrap_or_default())
}

/// Calls `on_change` with the new text whenever another tab writes this plan's ledger.
pub fn on_other_tab_ledger_change(plan_id: String, on_change: impl Fn(String) + 'static) {
    let main = ledger_key(&plan_id);
    let handle = leptos::prelude::window_event_listener_untyped("storage", move |ev| {
        let Ok(ev) = ev.dyn_into::<web_sys::StorageEvent>() else { return };
        if ev.key().as_deref() == Some(main.as_str()) {
            if let Some(text) = ev.new_value() {
                on_change(text);
            }
        }
    });
    leptos::prelude::on_cleanup(move || handle.remove());
}
