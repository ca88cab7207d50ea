//! Units' signatures over their own records (签名记录): which records a unit has not sealed yet, what a
//! seal covers, and how the seals of a ledger stand once WebCrypto has checked them.
//!
//! A signed file proves what a unit sent only while the file is kept whole, and records leave their
//! file: the office merges them and passes them on through sync and its own files. So when a unit
//! exports a signed file it also seals the records of its own it had not sealed before: one signature
//! (ECDSA P-256, the unit's key) over the canonical form (RFC 8785) of the unit, the time and those
//! records as the progress file writes them. A seal is a record like the others (append-only, merged
//! by union, in files and sync), so a record keeps its proof wherever it goes. Each record is sealed
//! once: seals grow with the ledger, not with the number of files exported.
//!
//! Invariant: ledgers in, texts and verdicts out; signing and checking are WebCrypto's (`ui/signing.rs`).

use super::canonical::canonical_text;
use super::exchange::{act_value, decision_value, entry_value, notice_value};
pub use super::ledger::Seal;
use super::ledger::Ledger;
use super::signature::{check_key, fingerprint, key_text, sha256_hex, Jwk, KeyRing};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};

/// The seals of a ledger (each was checked when read).
pub fn seals(ledger: &Ledger) -> impl Iterator<Item = Seal> + '_ {
    ledger.seals.values().filter_map(|v| serde_json::from_value(v.clone()).ok())
}

/// Keeps a seal in the ledger.
pub fn keep(ledger: &mut Ledger, seal: &Seal) {
    ledger.add_seal(seal.id.clone(), serde_json::to_value(seal).unwrap_or(Value::Null));
}

/// The records of `unit` in `ledger`, by id, as the progress file writes them: entries, decisions,
/// notices, review-loop records and records of kinds a newer version made.
fn units_record(ledger: &Ledger, unit: &str, id: &str) -> Option<Value> {
    let mine = |u: &str| u == unit;
    ledger
        .entries
        .get(id)
        .filter(|e| mine(&e.unit))
        .map(entry_value)
        .or_else(|| ledger.decisions.get(id).filter(|d| mine(&d.unit)).map(decision_value))
        .or_else(|| ledger.notices.get(id).filter(|n| mine(&n.unit)).map(notice_value))
        .or_else(|| ledger.acts.get(id).filter(|a| mine(&a.unit)).map(act_value))
        .or_else(|| ledger.unknown.get(id).filter(|r| r.get("unit").and_then(Value::as_str).is_some_and(mine)).cloned())
}

/// The ids of `unit`'s records no seal of the unit covers yet, in id order.
pub fn unsealed(ledger: &Ledger, unit: &str) -> Vec<String> {
    let mine: Vec<Seal> = seals(ledger).filter(|s| s.unit == unit).collect();
    let sealed: HashSet<&str> = mine.iter().flat_map(|s| s.records.iter().map(String::as_str)).collect();
    let entries = ledger.entries.values().filter(|e| e.unit == unit).map(|e| &e.id);
    let decisions = ledger.decisions.values().filter(|d| d.unit == unit).map(|d| &d.id);
    let notices = ledger.notices.values().filter(|n| n.unit == unit).map(|n| &n.id);
    let acts = ledger.acts.values().filter(|a| a.unit == unit).map(|a| &a.id);
    let unknown = ledger.unknown.iter().filter(|(_, r)| r.get("unit").and_then(Value::as_str) == Some(unit)).map(|(k, _)| k);
    let mut ids: Vec<String> = entries.chain(decisions).chain(notices).chain(acts).chain(unknown).filter(|id| !sealed.contains(id.as_str())).cloned().collect();
    super::order::sort_by(&mut ids, Ord::cmp);
    ids
}

/// Why a seal's content cannot be made from a ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SealError {
    /// Records the seal names that the ledger does not hold as the unit's (not merged here yet, or
    /// another unit's).
    Missing(Vec<String>),
    /// The key is not a P-256 public key.
    BadKey,
}

/// The text a seal signs: the canonical form of `{"unit", "recorded_at", "records": [...]}`, each
/// record as the progress file writes it.
pub fn content(ledger: &Ledger, unit: &str, recorded_at: &str, ids: &[String]) -> Result<String, SealError> {
    let mut records = Vec::with_capacity(ids.len());
    let mut missing = Vec::new();
    for id in ids {
        match units_record(ledger, unit, id) {
            Some(v) => records.push(v),
            None => missing.push(id.clone()),
        }
    }
    if !missing.is_empty() {
        return Err(SealError::Missing(missing));
    }
    let text = json!({ "unit": unit, "recorded_at": recorded_at, "records": records }).to_string();
    canonical_text(&text, &[]).map_err(|_| SealError::Missing(Vec::new()))
}

/// The seal of `ids` signed by `key` with `value` (r‖s, base64url). Its id is made from the signature,
/// so the same seal reached by two ways is one record.
pub fn make(unit: &str, key: &Jwk, ids: Vec<String>, value: String, recorded_at: &str) -> Seal {
    Seal { id: format!("seal-{}", &sha256_hex(&value)[..24]), unit: unit.into(), key: key_text(key), records: ids, value, recorded_at: recorded_at.into() }
}

/// The seal's public key, read and checked.
pub fn key_of(seal: &Seal) -> Result<Jwk, SealError> {
    let k: Jwk = serde_json::from_str(&seal.key).map_err(|_| SealError::BadKey)?;
    check_key(&k).map_err(|_| SealError::BadKey)?;
    Ok(k)
}

/// What the page must check with WebCrypto for one seal: its key and the text it signs, or why there
/// is nothing to check.
pub fn to_check(ledger: &Ledger, seal: &Seal) -> Result<(Jwk, String), SealError> {
    let key = key_of(seal)?;
    Ok((key, content(ledger, &seal.unit, &seal.recorded_at, &seal.records)?))
}

/// How one seal stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SealState {
    /// The signature checks, with a key trusted (now or before a 更换密钥) for the unit.
    Verified,
    /// The signature checks, but the key is not one the 密钥清单 trusts for the unit.
    KeyNotTrusted,
    /// The signature does not match the records: one was changed, or the seal is forged.
    Tampered,
    /// Records it names are not here as the unit's.
    Missing(usize),
    BadKey,
}

/// How a seal stands: `checked` is WebCrypto's answer for `to_check`'s key and text.
pub fn judge(seal: &Seal, to_check: &Result<(Jwk, String), SealError>, checked: bool, ring: &KeyRing) -> SealState {
    match to_check {
        Err(SealError::Missing(ids)) => SealState::Missing(ids.len()),
        Err(SealError::BadKey) => SealState::BadKey,
        Ok(_) if !checked => SealState::Tampered,
        Ok((key, _)) if !ring.known_for(&seal.unit, &fingerprint(key)) => SealState::KeyNotTrusted,
        Ok(_) => SealState::Verified,
    }
}

/// The seals of one unit, judged: how many of the unit's records a verified seal proves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitSeals {
    pub unit: String,
    pub seals: usize,
    /// The unit's records in the ledger.
    pub records: usize,
    /// Of those, the records a verified seal covers.
    pub proven: usize,
    /// The seals that did not verify, with why.
    pub failed: Vec<(String, SealState)>,
}

/// Sums judged seals up by unit, in unit order: units with records or seals.
pub fn summary(ledger: &Ledger, judged: &[(String, SealState)]) -> Vec<UnitSeals> {
    let state: BTreeMap<&str, &SealState> = judged.iter().map(|(id, s)| (id.as_str(), s)).collect();
    let mut by_unit: BTreeMap<String, UnitSeals> = BTreeMap::new();
    let mut count = |unit: &str| {
        by_unit.entry(unit.to_string()).or_insert_with(|| UnitSeals { unit: unit.into(), ..Default::default() }).records += 1;
    };
    ledger.entries.values().for_each(|e| count(&e.unit));
    ledger.decisions.values().for_each(|d| count(&d.unit));
    ledger.notices.values().for_each(|n| count(&n.unit));
    ledger.acts.values().for_each(|a| count(&a.unit));
    ledger.unknown.values().filter_map(|r| r.get("unit").and_then(Value::as_str)).for_each(&mut count);
    let all: Vec<Seal> = seals(ledger).collect();
    let mut proven: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
    for s in &all {
        let u = by_unit.entry(s.unit.clone()).or_insert_with(|| UnitSeals { unit: s.unit.clone(), ..Default::default() });
        u.seals += 1;
        match state.get(s.id.as_str()) {
            Some(SealState::Verified) => proven.entry(&s.unit).or_default().extend(s.records.iter().map(String::as_str)),
            Some(other) => u.failed.push((s.id.clone(), (*other).clone())),
            None => {}
        }
    }
    for (unit, ids) in proven {
        if let Some(u) = by_unit.get_mut(unit) {
            u.proven = ids.len();
        }
    }
    by_unit.into_values().collect()
}
