//! The browser's clock and randomness, wrapped for the rest of the UI.

use crate::domain::date::Date;

/// Today's local date.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8)
        .unwrap_or_else(|| Date::new(2000, 1, 1).expect("valid date"))
}

/// Now as ISO 8601 UTC with milliseconds: sortable, used for `recorded_at`.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

/// A globally unique id: 128 random bits from the browser's CSPRNG.
pub fn random_id(prefix: &str) -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No CSPRNG (very old browser): time and Math.random still make collisions vanishingly rare.
        let seed = format!("{}{}", js_sys::Date::now(), js_sys::Math::random());
        let h = crate::domain::hash::fnv1a64(seed.as_bytes()).to_le_bytes();
        bytes[..8].copy_from_slice(&h);
        bytes[8..].copy_from_slice(&((js_sys::Math::random() * 1e15) as u64).to_le_bytes());
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}{hex}")
}

/// The browser's ids and clock for the core's ledger actions.
pub struct BrowserMinter;

impl crate::domain::actions::Minter for BrowserMinter {
    fn id(&mut self, prefix: &str) -> String {
        random_id(prefix)
    }

    fn now(&mut self) -> String {
        now_iso()
    }
}

/// A `performance.mark` for the start-up breakdown `make bench` reports.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Resolves after `ms` milliseconds (a timer; at once where there is no window).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        } else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
