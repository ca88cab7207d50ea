//! Units' signatures over their own records (签名记录, issue 34 item 5): a seal made as the browser makes
//! it (ECDSA P-256 over `seal::content`, here with the `p256` crate) still proves the records after
//! they travel: in the unit's file, merged by the office, through sync documents and in the office's own
//! file; one changed or missing record, a key the ring does not trust and a malformed key fail; each
//! record is sealed once; the server's rule lets a unit write only its own seals; older files read.
#![cfg(not(target_arch = "wasm32"))]

use minsheng::domain::date::Date;
use minsheng::domain::exchange::{read_progress_file, seal_from_value, write_progress_file, PlanRef, PROGRESS_VERSION};
use minsheng::domain::format::read_plan_file;
use minsheng::domain::ledger::{Act, ActKind, Entry, Ledger, ReportTexts, Reported, Subject};
use minsheng::domain::plan::Plan;
use minsheng::domain::seal::{self, Seal, SealError, SealState};
use minsheng::domain::signature::{decode, encode, fingerprint, Jwk, KeyRing};
use minsheng::domain::sync::{design_doc, docs_for, ledger_of_docs, to_offer, Account};
use minsheng::domain::synth::synthetic_ledger;
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature as EcSignature, SigningKey, VerifyingKey};
use std::collections::BTreeSet;

const AT: &str = "2024-10-01T02:00:00.000Z";

fn plan() -> Plan {
    read_plan_file(include_str!("../data/plan-2024.json")).unwrap()
}

fn key(seed: u8) -> SigningKey {
    SigningKey::from_slice(&[seed; 32]).unwrap()
}

fn jwk(k: &SigningKey) -> Jwk {
    let point = k.verifying_key().to_encoded_point(false);
    Jwk { kty: "EC".into(), crv: "P-256".into(), x: encode(point.x().unwrap()), y: encode(point.y().unwrap()) }
}

/// What the page does on export: seal the unit's records not sealed before.
fn seal_new(ledger: &mut Ledger, unit: &str, k: &SigningKey, at: &str) -> Option<Seal> {
    let ids = seal::unsealed(ledger, unit);
    if ids.is_empty() {
        return None;
    }
    let content = seal::content(ledger, unit, at, &ids).unwrap();
    let sig: EcSignature = k.sign(content.as_bytes());
    let s = seal::make(unit, &jwk(k), ids, encode(&sig.to_bytes()), at);
    seal::keep(ledger, &s);
    Some(s)
}

/// What the page asks WebCrypto when the office checks a seal.
fn checks(ledger: &Ledger, s: &Seal) -> (Result<(Jwk, String), SealError>, bool) {
    let to_check = seal::to_check(ledger, s);
    let ok = match &to_check {
        Ok((key, content)) => {
            let mut point = vec![4u8];
            point.extend(decode(&key.x).unwrap());
            point.extend(decode(&key.y).unwrap());
            let key = VerifyingKey::from_sec1_bytes(&point).unwrap();
            // As WebCrypto: a value that does not decode to r‖s does not verify.
            match decode(&s.value).and_then(|b| EcSignature::from_slice(&b).ok()) {
                Some(sig) => key.verify(content.as_bytes(), &sig).is_ok(),
                None => false,
            }
        }
        Err(_) => false,
    };
    (to_check, ok)
}

fn state(ledger: &Ledger, s: &Seal, ring: &KeyRing) -> SealState {
    let (to_check, ok) = checks(ledger, s);
    seal::judge(s, &to_check, ok, ring)
}

fn ring_of(unit: &str, k: &SigningKey) -> KeyRing {
    let mut ring = KeyRing::default();
    ring.trust(unit, &jwk(k), AT, "督查室");
    ring
}

/// A unit's ledger: a year of synthetic reports, plus records whose file form is hard to keep byte for
/// byte (a value that is not a short decimal, a huge one, texts with quotes, escapes and CJK), a closure
/// request and a record of a kind a newer version made.
fn unit_ledger(plan: &Plan) -> (Ledger, String) {
    let mut l = synthetic_ledger(plan, 7, Date::month_end(2024, 9).unwrap());
    let p = &plan.projects[0];
    let unit = p.lead_unit.to_string();
    let base = Entry {
        id: "odd-1".into(),
        project: p.id.clone(),
        subject: Subject::Indicator(p.indicators[0].id.clone()),
        reported: Reported::Value(0.1 + 0.2),
        as_of: Date::month_end(2024, 9).unwrap(),
        note: "引号\"、反斜杠\\、换行\n和 emoji 🙂".into(),
        unit: unit.clone(),
        person: "张三".into(),
        recorded_at: "2024-09-30T10:00:00.123Z".into(),
        supersedes: None,
        deleted: false,
    };
    l.add(base.clone());
    l.add(Entry { id: "odd-2".into(), reported: Reported::Value(1e21), ..base.clone() });
    l.add(Entry {
        id: "odd-3".into(),
        subject: Subject::Report,
        reported: Reported::Texts(ReportTexts { progress: "完成 120 个\u{2028}站点".into(), problems: "\u{1}控制字符".into(), next_steps: String::new(), coordination: "请协调".into() }),
        ..base.clone()
    });
    l.add_act(Act { id: "odd-4".into(), project: p.id.clone(), kind: ActKind::Closure { summary: "已全面完成".into() }, unit: unit.clone(), person: "张三".into(), recorded_at: AT.into() });
    l.add_unknown("odd-5".into(), serde_json::json!({ "id": "odd-5", "kind": "photo", "unit": unit, "size": 1.5e-7 }));
    (l, unit)
}

#[test]
fn a_seal_proves_a_units_records_in_its_file_after_merging_through_sync_and_in_the_offices_file() {
    let plan = plan();
    let (mut unit_side, unit) = unit_ledger(&plan);
    let mine = unit_side.for_unit(&unit);
    let own = mine.entries.len() + mine.acts.len() + mine.unknown.len();
    assert!(own > 20, "{own}");
    let k = key(1);
    let s = seal_new(&mut unit_side, &unit, &k, AT).expect("a first seal");
    assert_eq!(s.records.len(), own);
    assert!(s.records.iter().all(|id| mine.entries.contains_key(id) || mine.acts.contains_key(id) || mine.unknown.contains_key(id)));
    assert!(seal::unsealed(&unit_side, &unit).is_empty());
    // Another unit's records are not this seal's.
    let other = plan.projects.iter().map(|p| p.lead_unit.to_string()).find(|u| *u != unit && !unit_side.for_unit(u).entries.is_empty()).unwrap();
    assert!(!seal::unsealed(&unit_side, &other).is_empty());

    let ring = ring_of(&unit, &k);
    assert_eq!(state(&unit_side, &s, &ring), SealState::Verified);

    // The unit's file, read by the office and merged into a ledger of its own.
    let file = write_progress_file(&PlanRef::of(&plan), &unit_side.for_unit(&unit), AT, Some(&unit));
    assert!(file.contains("\"seals\""));
    let read = read_progress_file(&file).unwrap();
    assert_eq!(read.ledger.seals.len(), 1);
    let mut office = Ledger::default();
    office.merge(&read.ledger);
    assert_eq!(state(&office, &s, &ring), SealState::Verified);

    // Through sync: the office pushes every record and the seal; another office browser pulls them.
    let account = Account { units: vec![], office: true };
    let docs = docs_for(&plan.id, &office, &to_offer(&office, &account, &BTreeSet::new()));
    assert!(docs.iter().any(|d| d["type"] == "seal" && d["_id"] == serde_json::json!(s.id)));
    let pulled = ledger_of_docs(&plan.id, &docs);
    assert!(pulled.unreadable.is_empty(), "{:?}", pulled.unreadable);
    assert_eq!(pulled.ledger, office);
    assert_eq!(state(&pulled.ledger, &s, &ring), SealState::Verified);

    // The office's own file, with other units' records beside: still proven.
    let mut all = unit_side.clone();
    all.merge(&pulled.ledger);
    let office_file = write_progress_file(&PlanRef::of(&plan), &all, AT, Some("督查室"));
    let again = read_progress_file(&office_file).unwrap().ledger;
    assert_eq!(state(&again, &s, &ring), SealState::Verified);

    // The summary: every record of the unit proven, none of the others.
    let judged: Vec<(String, SealState)> = seal::seals(&again).map(|x| (x.id.clone(), state(&again, &x, &ring))).collect();
    let summary = seal::summary(&again, &judged);
    let u = summary.iter().find(|u| u.unit == unit).unwrap();
    assert_eq!((u.seals, u.records, u.proven, u.failed.len()), (1, own, own, 0));
    let o = summary.iter().find(|u| u.unit == other).unwrap();
    assert_eq!((o.seals, o.proven), (0, 0));
}

#[test]
fn a_changed_or_missing_record_a_key_not_trusted_and_a_bad_key_fail() {
    let plan = plan();
    let (mut ledger, unit) = unit_ledger(&plan);
    let k = key(1);
    let s = seal_new(&mut ledger, &unit, &k, AT).unwrap();
    let ring = ring_of(&unit, &k);

    // One record changed after signing (in any browser it passed through).
    let mut changed = ledger.clone();
    let id = s.records.iter().find(|id| id.starts_with("syn-")).unwrap().clone();
    let mut e = changed.entries.remove(&id).unwrap();
    e.reported = match e.reported {
        Reported::Value(v) => Reported::Value(v + 1.0),
        Reported::Done(d) => Reported::Done(!d),
        other => other,
    };
    changed.add(e);
    assert_eq!(state(&changed, &s, &ring), SealState::Tampered);
    // The unit's name in a record changed: it is no longer the unit's record.
    let mut renamed = ledger.clone();
    let mut e = renamed.entries.remove(&id).unwrap();
    e.unit = "市财政局".into();
    renamed.add(e);
    assert_eq!(state(&renamed, &s, &ring), SealState::Missing(1));
    // A record not here (not merged yet).
    let mut missing = ledger.clone();
    missing.entries.remove(&id);
    assert_eq!(state(&missing, &s, &ring), SealState::Missing(1));
    // A seal forged with another key under the unit's name: the signature checks, the key is not trusted.
    let mut forged_ledger = ledger.clone();
    forged_ledger.seals = Default::default();
    let forged = seal_new(&mut forged_ledger, &unit, &key(9), AT).unwrap();
    assert_eq!(state(&forged_ledger, &forged, &ring), SealState::KeyNotTrusted);
    // A key trusted for another unit does not prove this unit's records.
    assert_eq!(state(&ledger, &s, &ring_of("市财政局", &k)), SealState::KeyNotTrusted);
    // After 更换密钥 the seals of the old key still prove what was sent with it.
    let mut renewed = ring.clone();
    renewed.trust(&unit, &jwk(&key(2)), "2024-11-01T00:00:00.000Z", "督查室");
    assert_ne!(renewed.of(&unit).unwrap().fingerprint, fingerprint(&jwk(&k)));
    assert_eq!(state(&ledger, &s, &renewed), SealState::Verified);
    // A value changed in the seal itself.
    let mut other_value = s.clone();
    other_value.value = s.value.chars().rev().collect();
    assert_eq!(state(&ledger, &other_value, &ring), SealState::Tampered);
    // A malformed key.
    let mut bad_key = s.clone();
    bad_key.key = r#"{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}"#.into();
    assert_eq!(state(&ledger, &bad_key, &ring), SealState::BadKey);
    bad_key.key = "not json".into();
    assert_eq!(state(&ledger, &bad_key, &ring), SealState::BadKey);

    let judged = vec![(s.id.clone(), SealState::Tampered)];
    let u = seal::summary(&changed, &judged).into_iter().find(|u| u.unit == unit).unwrap();
    assert_eq!((u.proven, u.failed.len()), (0, 1));
}

#[test]
fn each_record_is_sealed_once_and_seals_merge_by_union() {
    let plan = plan();
    let (mut ledger, unit) = unit_ledger(&plan);
    let k = key(1);
    let first = seal_new(&mut ledger, &unit, &k, AT).unwrap();
    assert_eq!(seal_new(&mut ledger, &unit, &k, "2024-10-02T00:00:00.000Z"), None, "nothing new to seal");
    let p = &plan.projects[0];
    let late = Entry { id: "late-1".into(), ..ledger.entries.get("odd-1").unwrap().clone() };
    ledger.add(late);
    let second = seal_new(&mut ledger, &unit, &k, "2024-11-01T02:00:00.000Z").unwrap();
    assert_eq!(second.records, vec!["late-1".to_string()]);
    assert_ne!(first.id, second.id);
    assert_eq!(p.lead_unit.to_string(), unit);

    // Two browsers holding the seals in either order, or twice: one set.
    let mut a = Ledger::default();
    seal::keep(&mut a, &first);
    let mut b = Ledger::default();
    seal::keep(&mut b, &second);
    seal::keep(&mut b, &first);
    assert_eq!(a.clone().merged(&b), b.clone().merged(&a));
    assert_eq!(a.clone().merged(&b).merged(&b).seals.len(), 2);
    // Saved ledgers keep what a page adds beyond the stored one.
    assert_eq!(b.since(&a).seals.len(), 1);
}

#[test]
fn seals_are_read_with_their_shape_checked_and_older_files_still_read() {
    let plan = plan();
    let (mut ledger, unit) = unit_ledger(&plan);
    let s = seal_new(&mut ledger, &unit, &key(1), AT).unwrap();
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(seal_from_value(v.clone()).unwrap(), s);
    let broken = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut w = v.clone();
        f(&mut w);
        seal_from_value(w)
    };
    assert!(broken(&|w| w["records"] = serde_json::json!([])).is_err());
    assert!(broken(&|w| w["records"] = serde_json::json!(["a", " "])).is_err());
    assert!(broken(&|w| w["value"] = serde_json::json!("short")).is_err());
    assert!(broken(&|w| w["value"] = serde_json::json!("+".repeat(86))).is_err());
    assert!(broken(&|w| w["unit"] = serde_json::json!("")).is_err());
    assert!(broken(&|w| w["recorded_at"] = serde_json::json!("yesterday")).is_err());
    assert!(broken(&|w| w["key"] = serde_json::json!(3)).is_err());

    // A file with a broken seal is refused whole, naming it; a version-3 file (no seals) still reads.
    let file = write_progress_file(&PlanRef::of(&plan), &ledger.for_unit(&unit), AT, Some(&unit));
    let mut value: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(value["version"], serde_json::json!(PROGRESS_VERSION));
    value["seals"][0]["value"] = serde_json::json!("x");
    let e = read_progress_file(&value.to_string()).unwrap_err();
    assert!(format!("{e:?}").contains("seals[0]"), "{e:?}");
    value["version"] = serde_json::json!(3);
    value.as_object_mut().unwrap().remove("seals");
    let old = read_progress_file(&value.to_string()).unwrap();
    assert!(old.ledger.seals.is_empty());
    assert_eq!(old.ledger.entries.len(), ledger.for_unit(&unit).entries.len());
}

#[test]
fn a_unit_offers_only_its_own_seals_and_the_servers_rule_names_them() {
    let plan = plan();
    let (mut ledger, unit) = unit_ledger(&plan);
    seal_new(&mut ledger, &unit, &key(1), AT).unwrap();
    let other = plan.projects.iter().map(|p| p.lead_unit.to_string()).find(|u| *u != unit && !ledger.for_unit(u).entries.is_empty()).unwrap();
    let theirs = seal_new(&mut ledger, &other, &key(2), AT).unwrap();
    let account = Account { units: vec![unit.clone()], office: false };
    let offered = to_offer(&ledger, &account, &BTreeSet::new());
    let seals: Vec<&String> = offered.iter().filter(|id| id.starts_with("seal-")).collect();
    assert_eq!(seals.len(), 1);
    assert!(!offered.contains(&theirs.id));
    let office = Account { units: vec![], office: true };
    assert_eq!(to_offer(&ledger, &office, &BTreeSet::new()).iter().filter(|id| id.starts_with("seal-")).count(), 2);
    let rule = design_doc(&plan)["validate_doc_update"].as_str().unwrap().to_string();
    assert!(rule.contains("newDoc.type === 'seal'"));
}
