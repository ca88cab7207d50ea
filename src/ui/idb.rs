//! IndexedDB as a store of texts under string keys: the browser storage that holds a year of reports
//! for 10,000 projects (localStorage holds about 5 MB). One database, one object store; every
//! operation is a transaction, and [`update`] reads and writes in one, so two tabs saving at once are
//! serialised by the browser and neither overwrites the other.
//!
//! Errors say what the caller must tell the user: storage unavailable (a privacy mode), or full.

use js_sys::Promise;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB: &str = "minsheng";
const STORE: &str = "kv";
const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdbError {
    /// No IndexedDB here (blocked, or a privacy mode without it).
    Unavailable,
    /// The quota is reached.
    Full,
    Failed(String),
}

fn error_of(value: &JsValue) -> IdbError {
    match value.dyn_ref::<web_sys::DomException>().map(|e| e.name()) {
        Some(name) if name == "QuotaExceededError" => IdbError::Full,
        Some(name) => IdbError::Failed(name),
        None => IdbError::Failed(value.as_string().unwrap_or_else(|| "IndexedDB".into())),
    }
}

fn failed(value: JsValue) -> IdbError {
    error_of(&value)
}

thread_local! {
    static OPEN: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// A promise settled by a request's success (with its result) or error.
fn request_done(request: &IdbRequest) -> Promise {
    let request = request.clone();
    Promise::new(&mut |resolve, reject| {
        let r = request.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = request.clone();
        let err = Closure::once_into_js(move || {
            let e = r.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(err.unchecked_ref()));
    })
}

/// A promise settled when a transaction commits, or rejected with why it aborted.
fn transaction_done(tx: &IdbTransaction) -> Promise {
    let tx = tx.clone();
    Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let reject2 = reject.clone();
        let abort = Closure::once_into_js(move || {
            let e = t.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject2.call1(&JsValue::NULL, &e);
        });
        let t = tx.clone();
        let err = Closure::once_into_js(move || {
            let e = t.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onabort(Some(abort.unchecked_ref()));
        tx.set_onerror(Some(err.unchecked_ref()));
    })
}

/// The open database (opened, and its store created, on first use).
pub async fn database() -> Result<IdbDatabase, IdbError> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()).ok_or(IdbError::Unavailable)?;
    let request = factory.open_with_u32(DB, VERSION).map_err(|_| IdbError::Unavailable)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let Some(db) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        else {
            return;
        };
        if !db.object_store_names().contains(STORE) {
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = JsFuture::from(request_done(&request)).await;
    drop(upgrade);
    let db: IdbDatabase = result.map_err(|_| IdbError::Unavailable)?.dyn_into().map_err(|_| IdbError::Unavailable)?;
    // A newer version opened in another tab: let it upgrade; this tab reopens on next use.
    let close = Closure::<dyn FnMut()>::new({
        let db = db.clone();
        move || {
            db.close();
            OPEN.with(|o| o.borrow_mut().take());
        }
    });
    db.set_onversionchange(Some(close.as_ref().unchecked_ref()));
    close.forget();
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    Ok(db)
}

fn store(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<(IdbTransaction, IdbObjectStore), IdbError> {
    let tx = db.transaction_with_str_and_mode(STORE, mode).map_err(failed)?;
    let store = tx.object_store(STORE).map_err(failed)?;
    Ok((tx, store))
}

pub async fn get(key: &str) -> Result<Option<String>, IdbError> {
    let db = database().await?;
    let (_tx, store) = store(&db, IdbTransactionMode::Readonly)?;
    let request = store.get(&JsValue::from_str(key)).map_err(failed)?;
    let value = JsFuture::from(request_done(&request)).await.map_err(failed)?;
    Ok(value.as_string())
}

/// A value stored as a structured clone (a `CryptoKey` is one: kept without ever being exported).
pub async fn get_value(key: &str) -> Result<JsValue, IdbError> {
    let db = database().await?;
    let (_tx, store) = store(&db, IdbTransactionMode::Readonly)?;
    let request = store.get(&JsValue::from_str(key)).map_err(failed)?;
    JsFuture::from(request_done(&request)).await.map_err(failed)
}

/// Stores `value` (any structured-cloneable value) under `key`, in its own transaction.
pub async fn put_value(key: &str, value: &JsValue) -> Result<(), IdbError> {
    let db = database().await?;
    let (tx, store) = store(&db, IdbTransactionMode::Readwrite)?;
    let done = transaction_done(&tx);
    store.put_with_key(value, &JsValue::from_str(key)).map_err(failed)?;
    JsFuture::from(done).await.map(|_| ()).map_err(failed)
}

/// Keys starting with `prefix`, in order.
pub async fn keys(prefix: &str) -> Result<Vec<String>, IdbError> {
    let db = database().await?;
    let (_tx, store) = store(&db, IdbTransactionMode::Readonly)?;
    let range = IdbKeyRange::bound(&JsValue::from_str(prefix), &JsValue::from_str(&format!("{prefix}\u{FFFF}"))).map_err(failed)?;
    let request = store.get_all_keys_with_key(&range).map_err(failed)?;
    let value = JsFuture::from(request_done(&request)).await.map_err(failed)?;
    Ok(js_sys::Array::from(&value).iter().filter_map(|k| k.as_string()).collect())
}

/// Writes (`Some`) and deletes (`None`) in one transaction: all or nothing.
pub async fn write(changes: Vec<(String, Option<String>)>) -> Result<(), IdbError> {
    update(&[], move |_| changes).await
}

/// Reads `keys` and writes what `change` makes of them (their texts, in order), in one transaction: no
/// other tab writes in between. `change` runs inside the transaction (synchronously).
pub async fn update<F>(keys: &[String], change: F) -> Result<(), IdbError>
where
    F: FnOnce(Vec<Option<String>>) -> Vec<(String, Option<String>)> + 'static,
{
    let db = database().await?;
    let (tx, store) = store(&db, IdbTransactionMode::Readwrite)?;
    let done = transaction_done(&tx);
    let refused: Rc<RefCell<Option<IdbError>>> = Rc::new(RefCell::new(None));
    let apply = {
        let (store, tx, refused) = (store.clone(), tx.clone(), refused.clone());
        move |current: Vec<Option<String>>| {
            for (k, v) in change(current) {
                let result = match v {
                    Some(v) => store.put_with_key(&JsValue::from_str(&v), &JsValue::from_str(&k)).map(|_| ()),
                    None => store.delete(&JsValue::from_str(&k)).map(|_| ()),
                };
                if let Err(e) = result {
                    *refused.borrow_mut() = Some(error_of(&e));
                    let _ = tx.abort();
                    return;
                }
            }
        }
    };
    if keys.is_empty() {
        apply(Vec::new());
    } else {
        let requests = keys.iter().map(|k| store.get(&JsValue::from_str(k))).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        // A transaction's requests succeed in the order they were made: when the last has, all have.
        let last = requests[requests.len() - 1].clone();
        let on_read = Closure::once_into_js(move || apply(requests.iter().map(|r| r.result().ok().and_then(|v| v.as_string())).collect()));
        last.set_onsuccess(Some(on_read.unchecked_ref()));
    }
    let result = JsFuture::from(done).await;
    if let Some(e) = refused.borrow_mut().take() {
        return Err(e);
    }
    result.map(|_| ()).map_err(failed)
}
