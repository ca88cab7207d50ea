//! Signed progress files: signatures made as WebCrypto makes them (ECDSA P-256, r‖s, over the RFC 8785
//! form) check against the content whatever its layout, fail on one changed byte, and the key ring's
//! verdicts: first key, trusted, another unit's key, a new key until 更换密钥, unsigned by the setting,
//! malformed and unsupported signatures; the 密钥清单 as a file; a file signed in Chromium (written by
//! `e2e/signing.spec.mjs`) checks here.
#![cfg(not(target_arch = "wasm32"))]

use minsheng::domain::signature::{self, attach, decode, digits, encode, fingerprint, read, read_keys, write_keys, Jwk, KeyRing, Refusal, SigError, Signature, Unsigned, Verdict};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature as EcSignature, SigningKey, VerifyingKey};

const FILE: &str = r#"{
  "format": "minsheng-progress",
  "version": 3,
  "plan": {"id": "plan-2024-037f5ac7", "fingerprint": "a35536618232ca37", "title": "2024 年市政府民生实事项目责任清单"},
  "exported_at": "2024-10-01T02:00:00.000Z",
  "exported_by": "市民政局",
  "entries": [{"id": "e1", "project": "p-c32c0c601a", "indicator": "i-f980a4", "value": 60, "as_of": "2024-09-30", "unit": "市民政局", "recorded_at": "2024-10-01T01:00:00.000Z"}]
}"#;

fn key(seed: u8) -> SigningKey {
    SigningKey::from_slice(&[seed; 32]).unwrap()
}

fn jwk(k: &SigningKey) -> Jwk {
    let point = k.verifying_key().to_encoded_point(false);
    Jwk { kty: "EC".into(), crv: "P-256".into(), x: encode(point.x().unwrap()), y: encode(point.y().unwrap()) }
}

fn sign(text: &str, unit: &str, k: &SigningKey) -> String {
    let content = signature::content_of(text).unwrap();
    let sig: EcSignature = k.sign(content.as_bytes());
    attach(text, &Signature { alg: "ES256".into(), unit: unit.into(), key: jwk(k), value: encode(&sig.to_bytes()) }).unwrap()
}

/// What the page asks WebCrypto: does the signature check against the content with the key it names.
fn valid(text: &str) -> bool {
    let signed = read(text).unwrap();
    let Some(s) = signed.signature else { return false };
    let mut point = vec![4u8];
    point.extend(decode(&s.key.x).unwrap());
    point.extend(decode(&s.key.y).unwrap());
    let Ok(key) = VerifyingKey::from_sec1_bytes(&point) else { return false };
    let Ok(sig) = EcSignature::from_slice(&decode(&s.value).unwrap()) else { return false };
    key.verify(signed.content.as_bytes(), &sig).is_ok()
}

fn judge(ring: &KeyRing, text: &str, policy: Unsigned) -> Verdict {
    let signed = read(text).unwrap();
    let by = serde_json::from_str::<serde_json::Value>(text).unwrap()["exported_by"].as_str().map(str::to_string);
    ring.judge(&signed, by.as_deref(), valid(text), policy)
}

#[test]
fn a_signature_covers_the_content_not_its_layout() {
    let a = key(1);
    let signed = sign(FILE, "市民政局", &a);
    assert!(valid(&signed));
    // Re-laid out (compact, members in another order): still valid.
    let value: serde_json::Value = serde_json::from_str(&signed).unwrap();
    assert!(valid(&serde_json::to_string(&value).unwrap()));
    // One byte of the content changed: refused.
    let changed = signed.replacen("\"value\": 60", "\"value\": 61", 1);
    assert_ne!(changed, signed);
    assert!(!valid(&changed));
    let mut ring = KeyRing::default();
    ring.trust("市民政局", &jwk(&a), "2024-10-02T00:00:00.000Z", "督查室");
    assert_eq!(judge(&ring, &changed, Unsigned::Accept), Verdict::Refused(Refusal::Tampered));
    // A replayed file is the same file: verified again (merging it adds nothing).
    assert!(matches!(judge(&ring, &signed, Unsigned::Accept), Verdict::Verified { .. }));
}

#[test]
fn the_key_ring_trusts_a_units_first_key_and_refuses_the_rest() {
    let (a, b, a2) = (key(1), key(2), key(3));
    let mut ring = KeyRing::default();
    let file_a = sign(FILE, "市民政局", &a);
    let Verdict::FirstKey { unit, fingerprint: fp, key } = judge(&ring, &file_a, Unsigned::Accept) else { panic!("first key") };
    assert_eq!((unit.as_str(), fp.clone()), ("市民政局", fingerprint(&jwk(&a))));
    ring.trust(&unit, &key, "2024-10-02T00:00:00.000Z", "督查室");
    assert_eq!(judge(&ring, &file_a, Unsigned::Accept), Verdict::Verified { unit: "市民政局".into(), fingerprint: fp.clone() });
    let file_b = sign(&FILE.replace("\"exported_by\": \"市民政局\"", "\"exported_by\": \"市生态环境局\""), "市生态环境局", &b);
    ring.trust("市生态环境局", &jwk(&b), "2024-10-02T00:00:00.000Z", "督查室");
    assert!(matches!(judge(&ring, &file_b, Unsigned::Accept), Verdict::Verified { .. }));
    // A's file re-signed with B's trusted key.
    assert_eq!(judge(&ring, &sign(FILE, "市民政局", &b), Unsigned::Accept), Verdict::Refused(Refusal::OtherUnitsKey { owner: "市生态环境局".into() }));
    // A's name, a key of its own but not the trusted one: refused until 更换密钥.
    let renewed = sign(FILE, "市民政局", &a2);
    assert_eq!(
        judge(&ring, &renewed, Unsigned::Accept),
        Verdict::Refused(Refusal::NewKey { unit: "市民政局".into(), trusted: fp.clone(), offered: fingerprint(&jwk(&a2)) })
    );
    ring.trust("市民政局", &jwk(&a2), "2024-10-03T00:00:00.000Z", "督查室");
    assert!(matches!(judge(&ring, &renewed, Unsigned::Accept), Verdict::Verified { .. }));
    assert_eq!(ring.changes.len(), 1);
    assert_eq!((ring.changes[0].from.as_str(), ring.changes[0].to.as_str()), (fp.as_str(), fingerprint(&jwk(&a2)).as_str()));
    // The old key no longer passes.
    assert!(matches!(judge(&ring, &file_a, Unsigned::Accept), Verdict::Refused(Refusal::NewKey { .. })));
    // A file signed as another unit than it names.
    let lying = sign(FILE, "市生态环境局", &b);
    assert_eq!(judge(&ring, &lying, Unsigned::Accept), Verdict::Refused(Refusal::NameMismatch { file: "市民政局".into(), signed: "市生态环境局".into() }));
    // Unsigned: by the setting.
    assert_eq!(judge(&ring, FILE, Unsigned::Accept), Verdict::Unsigned);
    assert_eq!(judge(&ring, FILE, Unsigned::Refuse), Verdict::Refused(Refusal::Unsigned));
}

#[test]
fn malformed_and_unsupported_signatures_are_refused() {
    let signed = sign(FILE, "市民政局", &key(1));
    let mut value: serde_json::Value = serde_json::from_str(&signed).unwrap();
    for (what, bad) in [("a value that is not base64url", serde_json::json!("!!!")), ("a value of 63 bytes", serde_json::json!(encode(&[7u8; 63])))] {
        value["signature"]["value"] = bad;
        let e = read(&value.to_string()).unwrap_err();
        assert!(matches!(e, SigError::Malformed(_)), "{what}: {e:?}");
    }
    let mut p384: serde_json::Value = serde_json::from_str(&signed).unwrap();
    p384["signature"]["key"]["crv"] = "P-384".into();
    assert_eq!(read(&p384.to_string()).unwrap_err(), SigError::Unsupported("P-384".into()));
    let mut rsa: serde_json::Value = serde_json::from_str(&signed).unwrap();
    rsa["signature"]["alg"] = "RS256".into();
    assert_eq!(read(&rsa.to_string()).unwrap_err(), SigError::Unsupported("RS256".into()));
    let mut short: serde_json::Value = serde_json::from_str(&signed).unwrap();
    short["signature"]["key"]["x"] = encode(&[1u8; 31]).into();
    assert!(matches!(read(&short.to_string()).unwrap_err(), SigError::Malformed(_)));
    let mut not_object: serde_json::Value = serde_json::from_str(&signed).unwrap();
    not_object["signature"] = "x".into();
    assert!(matches!(read(&not_object.to_string()).unwrap_err(), SigError::Malformed(_)));
}

#[test]
fn the_key_list_travels_as_a_file_and_trusts_the_same_keys() {
    let (a, b) = (key(1), key(2));
    let mut ring = KeyRing::default();
    ring.trust("市民政局", &jwk(&a), "2024-10-02T00:00:00.000Z", "督查室");
    ring.trust("市生态环境局", &jwk(&b), "2024-10-02T00:00:00.000Z", "督查室");
    ring.trust("市民政局", &jwk(&key(3)), "2024-10-03T00:00:00.000Z", "督查室");
    let text = write_keys(&ring, "督查室", "2024-10-04T00:00:00.000Z");
    let read_back = read_keys(&text).unwrap();
    assert_eq!(read_back, ring);
    let mut fresh = KeyRing::default();
    assert!(fresh.load(&read_back).is_empty());
    assert_eq!(fresh, ring);
    let file = sign(FILE, "市民政局", &key(3));
    assert!(matches!(judge(&fresh, &file, Unsigned::Accept), Verdict::Verified { .. }));
    // A list naming another key for a unit already trusted does not replace it.
    let mut other = KeyRing::default();
    other.trust("市民政局", &jwk(&key(9)), "2024-10-05T00:00:00.000Z", "督查室");
    assert_eq!(fresh.load(&other).len(), 1);
    assert_eq!(fresh.of("市民政局").unwrap().fingerprint, fingerprint(&jwk(&key(3))));
    // A list whose fingerprint does not match its key is not trusted.
    let mut forged = read_back.clone();
    forged.keys[0].fingerprint = "00".repeat(32);
    assert_eq!(KeyRing::default().load(&forged).len(), 1);
    assert!(read_keys("{\"format\":\"minsheng-keys\",\"version\":9,\"keys\":[]}").is_err());
}

#[test]
fn fingerprints_read_as_digits_and_bytes_as_base64url() {
    let fp = fingerprint(&jwk(&key(1)));
    assert_eq!(fp.len(), 64);
    let d = digits(&fp);
    assert_eq!(d.split(' ').count(), 8);
    assert!(d.split(' ').all(|g| g.len() == 5 && g.chars().all(|c| c.is_ascii_digit())));
    assert_eq!(digits("ffff0000"), "65535 00000");
    for n in 0..70u8 {
        let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
        assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
    }
    assert_eq!(encode(b"\xfb\xff"), "-_8");
    assert_eq!(decode("-_8").unwrap(), b"\xfb\xff");
    assert!(decode("a").is_none());
}

/// A file signed in Chromium by the app (WebCrypto; written by `e2e/signing.spec.mjs`): its signature
/// checks here with another implementation of ECDSA P-256 over the core's canonical form, and fails once
/// a byte of its content changes.
#[test]
fn a_file_signed_in_chromium_checks_here() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/signed-by-browser.json")).expect("the committed fixture");
    check_browser_file(&committed);
    // The last e2e run's file, when there is one.
    if let Ok(fresh) = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/e2e/artifacts/signed-by-browser.json")) {
        check_browser_file(&fresh);
    }
}

fn check_browser_file(text: &str) {
    let text = text.to_string();
    let signed = read(&text).unwrap();
    let s = signed.signature.as_ref().expect("signed");
    assert_eq!((s.alg.as_str(), s.unit.as_str(), s.key.crv.as_str()), ("ES256", "市民政局", "P-256"));
    assert!(valid(&text), "the browser's signature checks natively");
    let file = minsheng::domain::exchange::read_progress_file(&text).unwrap();
    assert_eq!(file.exported_by.as_deref(), Some("市民政局"));
    assert!(!file.ledger.entries.is_empty());
    let changed = text.replacen("\"value\": 60", "\"value\": 61", 1);
    assert_ne!(changed, text);
    assert!(!valid(&changed));
    let mut ring = KeyRing::default();
    ring.trust("市民政局", &s.key, "2024-10-08T02:00:00.000Z", "督查室");
    assert!(matches!(judge(&ring, &text, Unsigned::Accept), Verdict::Verified { .. }));
}
