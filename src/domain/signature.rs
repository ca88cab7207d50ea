//! Signed progress files: the signature a file carries, what it covers, the key's fingerprint, and the
//! key ring (密钥清单) against which a browser judges the files it imports.
//!
//! A signed file is the progress file with one more member, `signature`: the algorithm (ES256: ECDSA
//! P-256 with SHA-256, the signature as r‖s as WebCrypto makes it), the unit that signs, its public key
//! (a JWK) and the signature of the RFC 8785 canonical form of every other member of the file
//! (`canonical`), so no byte of the content can change unseen and the layout does not matter. The key's
//! fingerprint is the SHA-256 of its RFC 7638 thumbprint input, read aloud as eight groups of five digits.
//!
//! A unit's first key is trusted by a person (信任此密钥, compared by phone); later files of the unit must
//! carry that key; a new key replaces it only when accepted (更换密钥), kept on record (`changes`). A
//! key trusted for one unit signing another unit's file is refused.
//!
//! Invariant: texts and bytes in, verdicts out; the signing and checking themselves are WebCrypto's (the
//! page's `ui/signing.rs`); nothing here reads storage.

use super::canonical::canonical_text;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

pub const ALG: &str = "ES256";
pub const FIELD: &str = "signature";
pub const KEYS_FORMAT: &str = "minsheng-keys";
pub const KEYS_VERSION: u64 = 1;

/// A public key as WebCrypto exports it (`kty` EC, `crv` P-256, coordinates in base64url).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    pub kty: String,
    pub crv: String,
    pub x: String,
    pub y: String,
}

/// The `signature` member of a signed file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub alg: String,
    /// The unit that signs: the file's `exported_by`.
    pub unit: String,
    pub key: Jwk,
    /// r‖s, 64 bytes, base64url.
    pub value: String,
}

/// Why a signature or a key cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SigError {
    /// Not JSON, not an object, or a `signature` member that is not one.
    Malformed(String),
    /// A key of another curve or type, or another algorithm.
    Unsupported(String),
}

/// The file as a signature covers it: the canonical form of every member but `signature`, and the
/// signature if there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct Signed {
    pub content: String,
    pub signature: Option<Signature>,
}

/// Reads a file's signature and the bytes it covers.
pub fn read(text: &str) -> Result<Signed, SigError> {
    let value: Value = serde_json::from_str(text).map_err(|e| SigError::Malformed(e.to_string()))?;
    let Value::Object(map) = &value else { return Err(SigError::Malformed("not an object".into())) };
    let signature = match map.get(FIELD).cloned() {
        None => None,
        Some(v) => {
            let s: Signature = serde_json::from_value(v).map_err(|e| SigError::Malformed(format!("{FIELD}: {e}")))?;
            check(&s)?;
            Some(s)
        }
    };
    let content = canonical_text(text, &[FIELD]).map_err(SigError::Malformed)?;
    Ok(Signed { content, signature })
}

/// What to sign for a file about to be exported (its canonical form).
pub fn content_of(text: &str) -> Result<String, SigError> {
    read(text).map(|s| s.content)
}

/// The file with its signature added.
pub fn attach(text: &str, signature: &Signature) -> Result<String, SigError> {
    let mut value: Value = serde_json::from_str(text).map_err(|e| SigError::Malformed(e.to_string()))?;
    let Value::Object(map) = &mut value else { return Err(SigError::Malformed("not an object".into())) };
    map.insert(FIELD.into(), serde_json::to_value(signature).map_err(|e| SigError::Malformed(e.to_string()))?);
    serde_json::to_string_pretty(&value).map_err(|e| SigError::Malformed(e.to_string()))
}

fn check(s: &Signature) -> Result<(), SigError> {
    if s.alg != ALG {
        return Err(SigError::Unsupported(s.alg.clone()));
    }
    check_key(&s.key)?;
    if decode(&s.value).map(|b| b.len()) != Some(64) {
        return Err(SigError::Malformed("signature value".into()));
    }
    if s.unit.trim().is_empty() {
        return Err(SigError::Malformed("signature unit".into()));
    }
    Ok(())
}

/// A P-256 public key: `kty` EC, `crv` P-256, 32-byte coordinates.
pub fn check_key(k: &Jwk) -> Result<(), SigError> {
    if k.kty != "EC" {
        return Err(SigError::Unsupported(k.kty.clone()));
    }
    if k.crv != "P-256" {
        return Err(SigError::Unsupported(k.crv.clone()));
    }
    for c in [&k.x, &k.y] {
        if decode(c).map(|b| b.len()) != Some(32) {
            return Err(SigError::Malformed("key coordinate".into()));
        }
    }
    Ok(())
}

/// The key as RFC 7638 writes it for the thumbprint: members in order, no space (a seal's `key`).
pub fn key_text(k: &Jwk) -> String {
    format!(r#"{{"crv":"{}","kty":"{}","x":"{}","y":"{}"}}"#, k.crv, k.kty, k.x, k.y)
}

/// The key's fingerprint: SHA-256 of its RFC 7638 thumbprint input, in hex.
pub fn fingerprint(k: &Jwk) -> String {
    sha256_hex(&key_text(k))
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A fingerprint as people read it aloud: eight groups of five digits (the first 16 bytes, two at a
/// time, as numbers 00000–65535).
pub fn digits(fingerprint: &str) -> String {
    let bytes: Vec<u8> = (0..fingerprint.len().min(32)).step_by(2).filter_map(|i| u8::from_str_radix(fingerprint.get(i..i + 2)?, 16).ok()).collect();
    bytes.chunks(2).filter(|c| c.len() == 2).map(|c| format!("{:05}", u16::from_be_bytes([c[0], c[1]]))).collect::<Vec<_>>().join(" ")
}

/// base64url without padding, as JWK and the signature value write bytes.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// A unit's trusted key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pinned {
    pub unit: String,
    pub key: Jwk,
    pub fingerprint: String,
    /// When and by whom it was trusted.
    pub at: String,
    #[serde(default)]
    pub by: String,
}

/// A unit's key replaced (更换密钥), kept on record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyChange {
    pub unit: String,
    pub from: String,
    pub to: String,
    pub at: String,
    #[serde(default)]
    pub by: String,
}

/// The keys a browser trusts, one per unit, and the changes made to them: the 密钥清单.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRing {
    pub keys: Vec<Pinned>,
    #[serde(default)]
    pub changes: Vec<KeyChange>,
}

/// What to do with a file that carries no signature (older versions made none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unsigned {
    /// 接受并提示.
    #[default]
    Accept,
    /// 拒绝.
    Refuse,
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The signature does not match the content: a byte changed, or it was signed by another key.
    Tampered,
    Malformed(String),
    Unsupported(String),
    /// Signed without naming who exported it, or naming another unit than the signature does.
    NameMismatch { file: String, signed: String },
    /// The key is trusted for another unit.
    OtherUnitsKey { owner: String },
    /// The unit's trusted key is another one: 更换密钥 accepts the new one.
    NewKey { unit: String, trusted: String, offered: String },
    /// Unsigned, and the setting refuses such files.
    Unsigned,
}

/// How a file stands against the key ring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// 已验证: signed by the unit's trusted key.
    Verified { unit: String, fingerprint: String },
    /// 未签名, accepted by the setting.
    Unsigned,
    /// Signed by a key the ring does not know for a unit that has none: 信任此密钥 first.
    FirstKey { unit: String, fingerprint: String, key: Jwk },
    Refused(Refusal),
}

impl KeyRing {
    pub fn of(&self, unit: &str) -> Option<&Pinned> {
        self.keys.iter().find(|k| k.unit == unit)
    }

    /// Whether `fingerprint` is, or was before a 更换密钥, the key trusted for `unit`.
    pub fn known_for(&self, unit: &str, fingerprint: &str) -> bool {
        self.of(unit).is_some_and(|p| p.fingerprint == fingerprint)
            || self.changes.iter().any(|c| c.unit == unit && (c.from == fingerprint || c.to == fingerprint))
    }

    fn owner(&self, fingerprint: &str) -> Option<&Pinned> {
        self.keys.iter().find(|k| k.fingerprint == fingerprint)
    }

    /// Judges a file: `signed` as read, `exported_by` the unit the file names, `valid` whether the
    /// signature checked against the content with the key it carries.
    pub fn judge(&self, signed: &Signed, exported_by: Option<&str>, valid: bool, policy: Unsigned) -> Verdict {
        let Some(s) = &signed.signature else {
            return match policy {
                Unsigned::Accept => Verdict::Unsigned,
                Unsigned::Refuse => Verdict::Refused(Refusal::Unsigned),
            };
        };
        if !valid {
            return Verdict::Refused(Refusal::Tampered);
        }
        if exported_by != Some(s.unit.as_str()) {
            return Verdict::Refused(Refusal::NameMismatch { file: exported_by.unwrap_or_default().to_string(), signed: s.unit.clone() });
        }
        let fingerprint = fingerprint(&s.key);
        if let Some(owner) = self.owner(&fingerprint).filter(|o| o.unit != s.unit) {
            return Verdict::Refused(Refusal::OtherUnitsKey { owner: owner.unit.clone() });
        }
        match self.of(&s.unit) {
            Some(p) if p.fingerprint == fingerprint => Verdict::Verified { unit: s.unit.clone(), fingerprint },
            Some(p) => Verdict::Refused(Refusal::NewKey { unit: s.unit.clone(), trusted: p.fingerprint.clone(), offered: fingerprint }),
            None => Verdict::FirstKey { unit: s.unit.clone(), fingerprint, key: s.key.clone() },
        }
    }

    /// Trusts `key` for `unit` (信任此密钥), or replaces the unit's key (更换密钥), the change kept.
    pub fn trust(&mut self, unit: &str, key: &Jwk, at: &str, by: &str) {
        let fingerprint = fingerprint(key);
        let pinned = Pinned { unit: unit.into(), key: key.clone(), fingerprint: fingerprint.clone(), at: at.into(), by: by.into() };
        match self.keys.iter_mut().find(|k| k.unit == unit) {
            Some(k) if k.fingerprint == fingerprint => {}
            Some(k) => {
                self.changes.push(KeyChange { unit: unit.into(), from: k.fingerprint.clone(), to: fingerprint, at: at.into(), by: by.into() });
                *k = pinned;
            }
            None => self.keys.push(pinned),
        }
    }

    /// Adds the keys of another 密钥清单 for units this one has none for; a unit whose key differs is
    /// left as it is and returned (to be replaced only through 更换密钥).
    pub fn load(&mut self, other: &KeyRing) -> Vec<Pinned> {
        let mut differing = Vec::new();
        for k in &other.keys {
            if check_key(&k.key).is_err() || fingerprint(&k.key) != k.fingerprint {
                differing.push(k.clone());
                continue;
            }
            match self.of(&k.unit) {
                None if self.owner(&k.fingerprint).is_none() => self.keys.push(k.clone()),
                Some(p) if p.fingerprint == k.fingerprint => {}
                _ => differing.push(k.clone()),
            }
        }
        for c in &other.changes {
            if !self.changes.contains(c) {
                self.changes.push(c.clone());
            }
        }
        differing
    }
}

/// The 密钥清单 as a file.
pub fn write_keys(ring: &KeyRing, exported_by: &str, at: &str) -> String {
    serde_json::to_string_pretty(&serde_json::json!({
        "format": KEYS_FORMAT,
        "version": KEYS_VERSION,
        "exported_by": exported_by,
        "exported_at": at,
        "keys": ring.keys,
        "changes": ring.changes,
    }))
    .unwrap_or_default()
}

pub fn read_keys(text: &str) -> Result<KeyRing, super::format::FileError> {
    let value = super::format::read_envelope(text, KEYS_FORMAT, KEYS_VERSION)?;
    let ring: KeyRing = serde_json::from_value(value).map_err(|e| super::format::FileError::Shape { detail: e.to_string() })?;
    for k in &ring.keys {
        check_key(&k.key).map_err(|e| super::format::FileError::Shape { detail: format!("{}: {e:?}", k.unit) })?;
    }
    Ok(ring)
}
