//! The page's side of signed files: WebCrypto. Each unit this browser exports for has its own signing key
//! (ECDSA P-256), made on its first export; the private key is made non-extractable and kept in IndexedDB
//! as a `CryptoKey` (a structured clone: its bytes never reach the page), beside its public key as a JWK.
//! What is signed and how a signature is judged are the core's (`domain::signature`); this module only
//! signs and checks bytes. The key ring (密钥清单) and the setting 未签名文件 are kept in localStorage.
//! Reached only from 数据交换 (a chunk).

use super::{idb, storage};
use crate::domain::persist::key;
use crate::domain::signature::{self, Jwk, KeyRing, Signature, Signed, Unsigned};
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn subtle() -> Option<JsValue> {
    let window = web_sys::window()?;
    if !Reflect::get(&window, &"isSecureContext".into()).ok()?.as_bool().unwrap_or(false) {
        return None;
    }
    let crypto = Reflect::get(&window, &"crypto".into()).ok()?;
    Reflect::get(&crypto, &"subtle".into()).ok().filter(|s| !s.is_undefined())
}

/// Whether this page can sign and check signatures (WebCrypto exists only on https and localhost).
pub fn available() -> bool {
    subtle().is_some()
}

async fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: Function = Reflect::get(target, &name.into()).map_err(|e| format!("{e:?}"))?.dyn_into().map_err(|_| name.to_string())?;
    let promise: Promise = f.apply(target, &args.iter().collect::<Array>()).map_err(|e| format!("{e:?}"))?.dyn_into().map_err(|_| name.to_string())?;
    JsFuture::from(promise).await.map_err(|e| format!("{e:?}"))
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

fn algorithm() -> JsValue {
    object(&[("name", "ECDSA".into()), ("namedCurve", "P-256".into()), ("hash", "SHA-256".into())])
}

fn key_slot(unit: &str) -> String {
    key(&["signing", unit])
}

/// This browser's key for `unit`: (private key, public JWK), made and kept on first use when `make`.
async fn own_key(unit: &str, make: bool) -> Result<Option<(JsValue, Jwk)>, String> {
    let subtle = subtle().ok_or("WebCrypto")?;
    let stored = idb::get_value(&key_slot(unit)).await.map_err(|e| format!("{e:?}"))?;
    if stored.is_object() {
        let private = Reflect::get(&stored, &"private".into()).unwrap_or(JsValue::UNDEFINED);
        let public = Reflect::get(&stored, &"public".into()).ok().and_then(|p| p.as_string()).and_then(|p| serde_json::from_str::<Jwk>(&p).ok());
        if let (true, Some(public)) = (private.is_object(), public) {
            return Ok(Some((private, public)));
        }
    }
    if !make {
        return Ok(None);
    }
    let usages: Array = ["sign", "verify"].iter().map(|u| JsValue::from_str(u)).collect();
    let pair = call(&subtle, "generateKey", &[algorithm(), JsValue::FALSE, usages.into()]).await?;
    let private = Reflect::get(&pair, &"privateKey".into()).map_err(|e| format!("{e:?}"))?;
    let public_key = Reflect::get(&pair, &"publicKey".into()).map_err(|e| format!("{e:?}"))?;
    let jwk = call(&subtle, "exportKey", &["jwk".into(), public_key]).await?;
    let field = |name: &str| Reflect::get(&jwk, &name.into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let public = Jwk { kty: field("kty"), crv: field("crv"), x: field("x"), y: field("y") };
    let record = object(&[("private", private.clone()), ("public", serde_json::to_string(&public).unwrap_or_default().into())]);
    idb::put_value(&key_slot(unit), &record).await.map_err(|e| format!("{e:?}"))?;
    Ok(Some((private, public)))
}

/// The public key this browser signs `unit`'s files with, if it has made one.
pub async fn own_public(unit: &str) -> Option<Jwk> {
    own_key(unit, false).await.ok().flatten().map(|(_, k)| k)
}

/// Makes the key for `unit` now (数据交换 → 密钥 → 生成密钥) and returns its public part.
pub async fn make_key(unit: &str) -> Result<Jwk, String> {
    own_key(unit, true).await?.map(|(_, k)| k).ok_or_else(|| "key".to_string())
}

/// `content` signed with this browser's key for `unit` (made on first use): the public key and the
/// signature (r‖s, base64url).
pub async fn sign_content(content: &str, unit: &str) -> Result<(Jwk, String), String> {
    let subtle = subtle().ok_or("WebCrypto")?;
    let (private, public) = own_key(unit, true).await?.ok_or("key")?;
    let data = Uint8Array::from(content.as_bytes());
    let sig = call(&subtle, "sign", &[algorithm(), private, data.into()]).await?;
    Ok((public, signature::encode(&Uint8Array::new(&sig).to_vec())))
}

/// `text` signed as `unit`'s file.
pub async fn sign(text: &str, unit: &str) -> Result<String, String> {
    let content = signature::content_of(text).map_err(|e| format!("{e:?}"))?;
    let (key, value) = sign_content(&content, unit).await?;
    let s = Signature { alg: signature::ALG.into(), unit: unit.into(), key, value };
    signature::attach(text, &s).map_err(|e| format!("{e:?}"))
}

/// Whether `value` (r‖s, base64url) signs `content` with `key`.
pub async fn verify_content(key: &Jwk, content: &str, value: &str) -> bool {
    let Some(subtle) = subtle() else { return false };
    let jwk = object(&[("kty", key.kty.as_str().into()), ("crv", key.crv.as_str().into()), ("x", key.x.as_str().into()), ("y", key.y.as_str().into()), ("ext", JsValue::TRUE)]);
    let usages: Array = std::iter::once(JsValue::from_str("verify")).collect();
    let Ok(public) = call(&subtle, "importKey", &["jwk".into(), jwk, algorithm(), JsValue::TRUE, usages.into()]).await else { return false };
    let Some(sig) = signature::decode(value) else { return false };
    let sig = Uint8Array::from(sig.as_slice());
    let data = Uint8Array::from(content.as_bytes());
    call(&subtle, "verify", &[algorithm(), public, sig.into(), data.into()]).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Whether the signature of `signed` checks against its content with the key it names.
pub async fn verify(signed: &Signed) -> bool {
    match &signed.signature {
        Some(s) => verify_content(&s.key, &signed.content, &s.value).await,
        None => false,
    }
}

fn ring_key() -> String {
    key(&["keyring"])
}

/// The keys this browser trusts.
pub fn ring() -> KeyRing {
    storage::get(&ring_key()).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

pub fn store_ring(ring: &KeyRing) -> Result<(), String> {
    storage::set(&ring_key(), &serde_json::to_string(ring).unwrap_or_default()).map_err(|e| format!("{e:?}"))
}

/// 未签名文件: accepted with a note (the default) or refused.
pub fn policy() -> Unsigned {
    match storage::get(&key(&["unsigned"])).as_deref() {
        Some("refuse") => Unsigned::Refuse,
        _ => Unsigned::Accept,
    }
}

pub fn store_policy(p: Unsigned) {
    let _ = storage::set(&key(&["unsigned"]), if p == Unsigned::Refuse { "refuse" } else { "accept" });
}
