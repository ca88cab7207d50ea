//! 佐证材料 in the page: a file chosen (or dropped, or taken with a phone's camera) is read by its bytes,
//! an image reduced on a canvas (longest edge ≤ 1,600 px, EXIF orientation applied by the decoder,
//! re-encoded as JPEG, so location and every other tag are gone; the shooting time is read first and
//! kept as 拍摄时间), and kept in IndexedDB by its SHA-256 with a small thumbnail beside it; the ledger
//! gets the attachment record. `EvidencePanel` is a project's 佐证材料 (in the detail and on 申请办结):
//! thumbnails loaded as they come into view, a full view with ← →, PDFs opened in the browser's viewer,
//! 缺少文件 for a record whose file this browser does not hold, and who has it.
//!
//! What a file is and what a record holds are the core's (`domain::evidence`).

use super::shared::{DropZone, FilePicker, MonthEndOptions};
use super::state::{ctx, Ctx, Level};
use super::{env, idb};
use crate::domain::date::Date;
use crate::domain::evidence::{self, Attachment, EvidenceLimits, Sniffed, IMAGE_MAX_BYTES};
use crate::domain::messages::{evidence_error, EvidenceError, Note};
use crate::domain::persist::key;
use js_sys::{Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const THUMB_EDGE: u32 = 240;

fn settings_key() -> String {
    key(&["evidence-settings"])
}

/// This browser's 佐证材料 settings (limits, and whether sync fetches every file).
pub fn settings() -> EvidenceLimits {
    super::storage::get(&settings_key()).and_then(|t| serde_json::from_str::<EvidenceLimits>(&t).ok()).unwrap_or_default().checked()
}

pub fn store_settings(s: &EvidenceLimits) {
    let _ = super::storage::set(&settings_key(), &serde_json::to_string(&s.checked()).unwrap_or_default());
}

/// Fetches every file this browser's records point to and it does not hold (the setting 同步时下载全部
/// 文件, for the office): after a sync, so the files are there offline.
pub async fn pull_all(c: Ctx) {
    if !settings().pull_all {
        return;
    }
    let prefix = file_key("");
    let held: std::collections::HashSet<String> = idb::keys(&prefix).await.unwrap_or_default().into_iter().filter_map(|k| k.strip_prefix(prefix.as_str()).map(str::to_string)).collect();
    let Some(wanted) = c.ledger.try_with_untracked(|l| evidence::attachments(l).filter(|a| !held.contains(&a.hash)).map(|a| (a.hash, a.mime)).collect::<Vec<_>>()) else { return };
    let mut done = std::collections::HashSet::new();
    for (hash, mime) in wanted {
        if done.insert(hash.clone()) {
            pull(c, &hash, &mime).await;
        }
    }
}

pub fn file_key(hash: &str) -> String {
    key(&["file", hash])
}

pub fn thumb_key(hash: &str) -> String {
    key(&["thumb", hash])
}

/// A file made ready to keep.
pub struct Prepared {
    pub bytes: Vec<u8>,
    pub thumb: Option<Vec<u8>>,
    pub mime: &'static str,
    pub taken_at: Option<String>,
}

fn blob_of(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&Uint8Array::from(bytes)), &options)
}

async fn bytes_of(blob: &web_sys::Blob) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The image drawn at most `edge` px on its longest side, as JPEG.
async fn redraw(bitmap: &JsValue, width: u32, height: u32, edge: u32, quality: f64) -> Result<Vec<u8>, JsValue> {
    let scale = (f64::from(edge) / f64::from(width.max(height))).min(1.0);
    let (w, h) = (((f64::from(width) * scale).round() as u32).max(1), ((f64::from(height) * scale).round() as u32).max(1));
    let document = web_sys::window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let context = canvas.get_context("2d")?.ok_or(JsValue::NULL)?;
    let draw: js_sys::Function = Reflect::get(&context, &"drawImage".into())?.dyn_into()?;
    draw.apply(&context, &js_sys::Array::of5(bitmap, &0.into(), &0.into(), &w.into(), &h.into()))?;
    let promise = Promise::new(&mut |resolve, reject| {
        let fail = reject.clone();
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = if blob.is_null() { fail.call1(&JsValue::NULL, &JsValue::NULL) } else { resolve.call1(&JsValue::NULL, &blob) };
        });
        if canvas.to_blob_with_type_and_encoder_options(done.unchecked_ref(), "image/jpeg", &quality.into()).is_err() {
            let _ = reject.call1(&JsValue::NULL, &JsValue::NULL);
        }
    });
    let blob: web_sys::Blob = JsFuture::from(promise).await?.dyn_into()?;
    bytes_of(&blob).await
}

/// Reads a chosen file and makes it ready to keep, or says why it cannot be.
pub async fn prepare(file: &web_sys::File, limits: EvidenceLimits) -> Result<Prepared, EvidenceError> {
    let name = file.name();
    if file.size() > 64.0 * 1024.0 * 1024.0 {
        return Err(EvidenceError::TooLarge { name, limit: 64 << 20 });
    }
    let bytes = bytes_of(file).await.map_err(|_| EvidenceError::Unreadable { name: name.clone() })?;
    match evidence::sniff(&bytes) {
        Sniffed::Pdf if bytes.len() as u64 > limits.pdf_bytes => Err(EvidenceError::TooLarge { name, limit: limits.pdf_bytes }),
        Sniffed::Pdf => Ok(Prepared { bytes, thumb: None, mime: "application/pdf", taken_at: None }),
        Sniffed::Heic => Err(EvidenceError::Heic { name }),
        Sniffed::Other => Err(EvidenceError::NotKept { name }),
        _ => {
            let taken_at = evidence::exif(&bytes).taken_at;
            let window = web_sys::window().ok_or(EvidenceError::Corrupt { name: name.clone() })?;
            let make: js_sys::Function = Reflect::get(&window, &"createImageBitmap".into()).ok().and_then(|f| f.dyn_into().ok()).ok_or(EvidenceError::Corrupt { name: name.clone() })?;
            let source = blob_of(&bytes, "application/octet-stream").map_err(|_| EvidenceError::Corrupt { name: name.clone() })?;
            let promise: Promise = make.call1(&window, &source).ok().and_then(|p| p.dyn_into().ok()).ok_or(EvidenceError::Corrupt { name: name.clone() })?;
            let bitmap = JsFuture::from(promise).await.map_err(|_| EvidenceError::Corrupt { name: name.clone() })?;
            let size = |k: &str| Reflect::get(&bitmap, &k.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as u32;
            let (width, height) = (size("width"), size("height"));
            if width == 0 || height == 0 {
                return Err(EvidenceError::Corrupt { name });
            }
            let mut out = Vec::new();
            for quality in [0.82, 0.7, 0.55] {
                out = redraw(&bitmap, width, height, limits.image_edge, quality).await.map_err(|_| EvidenceError::Corrupt { name: name.clone() })?;
                if out.len() as u64 <= IMAGE_MAX_BYTES / 8 {
                    break;
                }
            }
            let thumb = redraw(&bitmap, width, height, THUMB_EDGE, 0.7).await.ok();
            if let Ok(close) = Reflect::get(&bitmap, &"close".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
                let _ = close.call0(&bitmap);
            }
            Ok(Prepared { bytes: out, thumb, mime: "image/jpeg", taken_at })
        }
    }
}

/// Keeps a file (and its thumbnail) under its hash; one already kept is not written again.
pub async fn store(hash: &str, bytes: &[u8], mime: &str, thumb: Option<&[u8]>) -> Result<(), JsValue> {
    if idb::get_value(&file_key(hash)).await.map(|v| v.is_object()).unwrap_or(false) {
        return Ok(());
    }
    idb::put_value(&file_key(hash), &blob_of(bytes, mime)?.into()).await.map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    if let Some(t) = thumb {
        idb::put_value(&thumb_key(hash), &blob_of(t, "image/jpeg")?.into()).await.map_err(|e| JsValue::from_str(&format!("{e:?}")))?;
    }
    Ok(())
}

/// A kept file's bytes, if this browser holds it.
pub async fn stored_bytes(hash: &str) -> Option<Vec<u8>> {
    let v = idb::get_value(&file_key(hash)).await.ok()?;
    let blob: web_sys::Blob = v.dyn_into().ok()?;
    bytes_of(&blob).await.ok()
}

/// Fetches a file this browser does not hold from the sync server (when sync is set up), checks it
/// against its hash and keeps it: files are pulled when first shown.
async fn pull(c: Ctx, hash: &str, mime: &str) -> bool {
    let Some(plan_id) = c.plan.try_with_untracked(|p| p.id.clone()) else { return false };
    let Some(cfg) = super::storage::sync_config(&plan_id) else { return false };
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::Include);
    let url = format!("{}/{}/data", cfg.url.trim_end_matches('/'), crate::domain::sync::file_doc_id(hash));
    let Some(window) = web_sys::window() else { return false };
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await else { return false };
    let Ok(response) = response.dyn_into::<web_sys::Response>() else { return false };
    if !response.ok() {
        return false;
    }
    let Ok(buffer) = response.array_buffer() else { return false };
    let Ok(buffer) = JsFuture::from(buffer).await else { return false };
    let bytes = Uint8Array::new(&buffer).to_vec();
    evidence::hash(&bytes) == hash && store(hash, &bytes, mime, None).await.is_ok()
}

/// Shows a kept file full size: its object URL into `url` (pulled from the sync server first when this
/// browser does not hold it), or `missing`.
async fn show_file(c: Ctx, hash: String, mime: String, url: RwSignal<Option<String>>, missing: RwSignal<bool>) {
    let held = idb::get_value(&file_key(&hash)).await.ok().is_some_and(|v| v.is_object());
    if !held {
        pull(c, &hash, &mime).await;
    }
    match url_of(&file_key(&hash)).await {
        Some(u) => {
            let _ = url.try_set(Some(u));
        }
        None => {
            let _ = missing.try_set(true);
        }
    }
}

/// Revokes the object URL held in `url` when its view goes.
fn revoke_on_cleanup(url: RwSignal<Option<String>>) {
    on_cleanup(move || {
        if let Some(Some(u)) = url.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
}

/// An object URL of the kept blob under `key`, if there is one (revoked by the caller).
async fn url_of(key: &str) -> Option<String> {
    let v = idb::get_value(key).await.ok()?;
    let blob: web_sys::Blob = v.dyn_into().ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Attaches `files` to the report of `project` for `month` (or to the closure request `request`):
/// each read, checked, reduced and kept, then the records added; a file refused says which and why,
/// and nothing kept before is touched.
pub fn attach(c: Ctx, project: String, month: Option<Date>, request: Option<String>, caption: String, files: Vec<web_sys::File>, done: impl Fn(Vec<String>) + 'static) {
    let unit = c.reporter.with_untracked(|r| r.unit.trim().to_string());
    let person = c.reporter.with_untracked(|r| r.person.trim().to_string());
    let lang = c.lang.get_untracked();
    if unit.is_empty() {
        done(vec![lang.t().need_unit.to_string()]);
        return;
    }
    spawn_local(async move {
        // The files a report has already are counted once the stored ones are in.
        c.evidence_read().await;
        let limits = settings();
        let already = c.ledger.with_untracked(|l| evidence::of_project(l, &project).into_iter().filter(|a| a.month == month && a.request == request).count());
        let mut errors = Vec::new();
        let mut kept = Vec::new();
        for (i, f) in files.into_iter().enumerate() {
            if already + kept.len() >= limits.per_report {
                errors.push(evidence_error(&EvidenceError::TooMany { name: f.name(), max: limits.per_report }, lang));
                continue;
            }
            let name = f.name();
            let prepared = match prepare(&f, limits).await {
                Ok(p) => p,
                Err(e) => {
                    errors.push(evidence_error(&e, lang));
                    continue;
                }
            };
            let hash = evidence::hash(&prepared.bytes);
            if store(&hash, &prepared.bytes, prepared.mime, prepared.thumb.as_deref()).await.is_err() {
                errors.push(evidence_error(&EvidenceError::StorageFull { name }, lang));
                continue;
            }
            // A reduced image is a JPEG now, and named so.
            let lower = name.to_lowercase();
            let shown = if prepared.mime == "image/jpeg" && !lower.ends_with(".jpg") && !lower.ends_with(".jpeg") {
                format!("{}.jpg", name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem))
            } else {
                name
            };
            kept.push(Attachment {
                id: env::random_id(&format!("att{i}-")),
                project: project.clone(),
                month,
                request: request.clone(),
                hash,
                name: shown.chars().take(evidence::CAPTION_MAX).collect(),
                mime: prepared.mime.into(),
                size: prepared.bytes.len() as u64,
                caption: caption.chars().take(evidence::CAPTION_MAX).collect(),
                taken_at: prepared.taken_at,
                unit: unit.clone(),
                person: person.clone(),
                recorded_at: env::now_iso(),
            });
        }
        if !kept.is_empty() {
            let n = kept.len();
            c.ledger.update(|l| kept.iter().for_each(|a| evidence::keep(l, a)));
            c.notify(Level::Info, Note::EvidenceKept(n));
        }
        done(errors);
    });
}

/// One thumbnail: loaded from storage once it comes into view; 缺少文件 with who has it when this
/// browser does not hold the file.
#[component]
fn Thumb(a: Attachment, on_open: Callback<()>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let url = RwSignal::new(None::<String>);
    let missing = RwSignal::new(false);
    let node = NodeRef::<leptos::html::Figure>::new();
    let hash = a.hash.clone();
    let mime = a.mime.clone();
    let is_image = a.is_image();
    let load = move || {
        let hash = hash.clone();
        let mime = mime.clone();
        spawn_local(async move {
            // One read when this browser holds it (the thumbnail, or the file where it has none); pulled
            // from the sync server, then read again, when it does not.
            let find = || async {
                if is_image {
                    match url_of(&thumb_key(&hash)).await {
                        Some(u) => Some(u),
                        None => url_of(&file_key(&hash)).await,
                    }
                } else {
                    idb::get_value(&file_key(&hash)).await.ok().filter(JsValue::is_object).map(|_| String::new())
                }
            };
            let mut found = find().await;
            if found.is_none() && pull(c, &hash, &mime).await {
                found = find().await;
            }
            match found {
                Some(u) => {
                    let _ = url.try_set(Some(u));
                }
                None => {
                    let _ = missing.try_set(true);
                }
            }
        });
    };
    // Loads when in view (a long list starts without reading its files); the observer and its callback
    // go with the thumbnail.
    let watching = StoredValue::new_local(None::<(JsValue, Closure<dyn FnMut(js_sys::Array, JsValue)>)>);
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let on_seen = load.clone();
        let seen = Closure::<dyn FnMut(js_sys::Array, JsValue)>::new(move |entries: js_sys::Array, observer: JsValue| {
            let visible = entries.iter().any(|e| Reflect::get(&e, &"isIntersecting".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false));
            if visible {
                on_seen();
                if let Ok(stop) = Reflect::get(&observer, &"disconnect".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
                    let _ = stop.call0(&observer);
                }
            }
        });
        let Some(window) = web_sys::window() else { return };
        let Ok(ctor) = Reflect::get(&window, &"IntersectionObserver".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) else {
            load();
            return;
        };
        // A screen ahead of the view, so a scrolled list shows its pictures as they arrive.
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &"rootMargin".into(), &"200px".into());
        if let Ok(observer) = Reflect::construct(&ctor, &js_sys::Array::of2(seen.as_ref(), &options)) {
            if let Ok(observe) = Reflect::get(&observer, &"observe".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
                let _ = observe.call1(&observer, &el);
            }
            watching.set_value(Some((observer, seen)));
        }
    });
    on_cleanup(move || {
        if let Some(Some((observer, _seen))) = watching.try_update_value(Option::take) {
            if let Ok(stop) = Reflect::get(&observer, &"disconnect".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
                let _ = stop.call0(&observer);
            }
        }
    });
    revoke_on_cleanup(url);
    let label = if a.caption.is_empty() { a.name.clone() } else { a.caption.clone() };
    let unit = a.unit.clone();
    let taken = a.taken_at.clone().map(|t| t.replace('T', " "));
    let pdf = !a.is_image();
    let name = a.name.clone();
    view! {
        <figure class="evidence-thumb" node_ref=node>
            {move || if missing.get() {
                view! { <div class="evidence-missing" role="note">{t.evidence_missing}<br /><span class="muted">{(t.evidence_held_by)(&unit)}</span></div> }.into_any()
            } else {
                let label = label.clone();
                let name = name.clone();
                view! {
                    <button class="evidence-open" aria-label=(t.evidence_view)(&name) on:click=move |_| on_open.run(())>
                        {move || match (pdf, url.get()) {
                            (true, _) => view! { <span class="evidence-pdf" aria-hidden="true">"PDF"</span> }.into_any(),
                            (false, Some(u)) => view! { <img src=u alt=label.clone() /> }.into_any(),
                            (false, None) => view! { <span class="evidence-loading" aria-hidden="true"></span> }.into_any(),
                        }}
                    </button>
                }.into_any()
            }}
            <figcaption>
                <span class="evidence-caption">{if a.caption.is_empty() { a.name.clone() } else { a.caption.clone() }}</span>
                {taken.map(|tk| view! { <span class="muted">{t.evidence_taken_at}" "{tk}</span> })}
            </figcaption>
        </figure>
    }
}

/// The full view of a report's files: ← → between them, Escape closes; a PDF opens in the browser's
/// own viewer.
#[component]
fn Viewer(items: Vec<Attachment>, at: RwSignal<Option<usize>>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let n = items.len();
    let url = RwSignal::new(None::<String>);
    let missing = RwSignal::new(false);
    let list = StoredValue::new(items);
    Effect::new(move |_| {
        let Some(i) = at.get() else { return };
        let a = list.with_value(|l| l[i].clone());
        if let Some(Some(old)) = url.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        url.set(None);
        missing.set(false);
        spawn_local(show_file(c, a.hash.clone(), a.mime.clone(), url, missing));
    });
    revoke_on_cleanup(url);
    let step = move |d: isize| at.update(|a| *a = a.map(|i| ((i as isize + d).rem_euclid(n as isize)) as usize));
    view! {
        {move || at.get().map(|i| {
            let a = list.with_value(|l| l[i].clone());
            let title = if a.caption.is_empty() { a.name.clone() } else { format!("{} · {}", a.caption, a.name) };
            let label = title.clone();
            view! {
                <div class="evidence-viewer" role="dialog" aria-modal="true" aria-label=label tabindex="-1"
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                        "ArrowLeft" => step(-1),
                        "ArrowRight" => step(1),
                        "Escape" => at.set(None),
                        _ => {}
                    }
                >
                    <div class="evidence-viewer-bar">
                        <span>{title}" ("{i + 1}"/"{n}")"</span>
                        <button class="button" aria-label=t.evidence_prev on:click=move |_| step(-1)>"←"</button>
                        <button class="button" aria-label=t.evidence_next on:click=move |_| step(1)>"→"</button>
                        <button class="button" on:click=move |_| at.set(None)>{t.dismiss}</button>
                    </div>
                    {move || match (missing.get(), url.get()) {
                        (true, _) => view! { <p class="evidence-missing">{t.evidence_missing}" · "{(t.evidence_held_by)(&a.unit)}</p> }.into_any(),
                        (false, Some(u)) if a.is_image() => view! { <img class="evidence-full" src=u alt=a.name.clone() /> }.into_any(),
                        (false, Some(u)) => view! { <p><a class="button primary" href=u target="_blank" rel="noopener">{t.evidence_open_pdf}</a></p> }.into_any(),
                        (false, None) => ().into_any(),
                    }}
                </div>
            }
        })}
    }
}

/// A kept photo at full size (现场照片 in 汇报模式): pulled from the sync server when this browser does not
/// hold it; 缺少文件 with who has it otherwise.
#[component]
pub fn StoredImage(a: Attachment) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let url = RwSignal::new(None::<String>);
    let missing = RwSignal::new(false);
    spawn_local(show_file(c, a.hash.clone(), a.mime.clone(), url, missing));
    revoke_on_cleanup(url);
    let alt = if a.caption.is_empty() { a.name.clone() } else { a.caption.clone() };
    let unit = a.unit.clone();
    view! {
        {move || match (missing.get(), url.get()) {
            (true, _) => view! { <div class="evidence-missing" role="note">{t.evidence_missing}<br /><span class="muted">{(t.evidence_held_by)(&unit)}</span></div> }.into_any(),
            (false, Some(u)) => view! { <img src=u alt=alt.clone() /> }.into_any(),
            (false, None) => view! { <span class="evidence-loading" aria-hidden="true"></span> }.into_any(),
        }}
    }
}

/// A report's files as thumbnails with the full view (审核, 流转记录): nothing when there are none.
#[component]
pub fn EvidenceThumbs(project: String, month: Option<Date>, request: Option<String>) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let items = Memo::new(move |_| c.with_evidence(|l| evidence::of_project(l, &project).into_iter().filter(|a| (month.is_some() && a.month == month) || (request.is_some() && a.request == request)).collect::<Vec<_>>()));
    let at = RwSignal::new(None::<usize>);
    view! {
        {move || {
            let list = items.get();
            (!list.is_empty()).then(|| view! {
                <ul class="evidence-thumbs" aria-label=t.evidence_heading>
                    {list.iter().enumerate().map(|(i, a)| view! { <li><Thumb a=a.clone() on_open=Callback::new(move |_| at.set(Some(i))) /></li> }).collect_view()}
                </ul>
                <Viewer items=list.clone() at />
            })
        }}
    }
}

/// A month's report's 佐证材料 where the report is written (the 填报 row): its files, 说明 and
/// 添加佐证材料 (picker, camera, or files dropped on it).
#[component]
pub fn ReportEvidence(project: String, month: Date) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let errors = RwSignal::new(Vec::<String>::new());
    let caption = RwSignal::new(String::new());
    let pid = project.clone();
    let take = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        errors.set(Vec::new());
        attach(c, pid.clone(), Some(month), None, caption.get_untracked(), files, move |errs| {
            let _ = errors.try_set(errs);
            let _ = caption.try_set(String::new());
        });
    };
    view! {
        <DropZone class="report-evidence" on_files=Callback::new(take.clone())>
            <EvidenceThumbs project month=Some(month) request=None />
            <div class="row evidence-add">
                <label class="field grow">
                    <span class="field-label">{t.evidence_caption}</span>
                    <input type="text" maxlength="200" prop:value=move || caption.get() on:input=move |ev| caption.set(event_target_value(&ev)) />
                </label>
                <FilePicker accept="image/*,application/pdf,.heic,.heif" multiple=true input_label=t.evidence_add button_label=t.evidence_add on_files=Callback::new(take) />
            </div>
            <ul class="file-errors" role="alert">
                {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
        </DropZone>
    }
}

/// A project's 佐证材料 in its detail: add files to a month's report (picker, drop, camera), with 说明;
/// every report's files below.
#[component]
pub fn EvidencePanel(project: String, year: i32) -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let month = RwSignal::new(crate::domain::grid::default_month(c.report_date.get_untracked(), c.today, year));
    let caption = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let pid = project.clone();
    let take = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        busy.set(true);
        errors.set(Vec::new());
        attach(c, pid.clone(), Date::month_end(year, month.get_untracked()), None, caption.get_untracked(), files, move |errs| {
            let _ = errors.try_set(errs);
            let _ = busy.try_set(false);
            let _ = caption.try_set(String::new());
        });
    };
    let pid = project.clone();
    let groups = Memo::new(move |_| {
        let all = c.with_evidence(|l| evidence::of_project(l, &pid));
        let mut keys: Vec<(Option<Date>, Option<String>)> = Vec::new();
        for a in &all {
            let k = (a.month, a.request.clone());
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys
    });
    view! {
        <DropZone class="panel evidence-panel" labelled_by="evidence-title" on_files=Callback::new(take.clone())>
            <h3 id="evidence-title">{t.evidence_heading}</h3>
            <p class="muted">{t.evidence_hint}</p>
            <div class="row evidence-add">
                <label class="field">
                    <span class="field-label">{t.evidence_for_month}</span>
                    <select on:change=move |ev| { if let Ok(m) = event_target_value(&ev).parse::<u8>() { month.set(m) } }>
                        <MonthEndOptions selected=month />
                    </select>
                </label>
                <label class="field grow">
                    <span class="field-label">{t.evidence_caption}</span>
                    <input type="text" maxlength="200" prop:value=move || caption.get() on:input=move |ev| caption.set(event_target_value(&ev)) />
                </label>
                <FilePicker accept="image/*,application/pdf,.heic,.heif" multiple=true input_label=t.evidence_add button_label=t.evidence_add primary=true on_files=Callback::new(take) />
            </div>
            <p role="status" class="muted">{move || busy.get().then_some(t.evidence_working)}</p>
            <ul class="file-errors" role="alert">
                {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
            {move || groups.get().into_iter().map(|(m, r)| {
                let heading = match m {
                    Some(d) => (t.month_label)(d.month()),
                    None => t.evidence_closure.to_string(),
                };
                let project = project.clone();
                view! {
                    <h4>{heading}</h4>
                    {match (m, r) {
                        (Some(d), _) => view! { <EvidenceThumbs project month=Some(d) request=None /> }.into_any(),
                        (None, Some(r)) => view! { <EvidenceThumbs project month=None request=Some(r) /> }.into_any(),
                        _ => ().into_any(),
                    }}
                }
            }).collect_view()}
        </DropZone>
    }
}

// What the views use: each view that shows 佐证材料 is a chunk already; these are its parts.

/// A report's 佐证材料: a project, and a month-end or a closure request.
#[component]
pub fn LazyThumbs(project: String, #[prop(optional)] month: Option<Date>, #[prop(optional)] request: Option<String>) -> impl IntoView {
    view! { <EvidenceThumbs project month request /> }
}

/// A project's 佐证材料 in its detail.
#[component]
pub fn LazyPanel(project: String, year: i32) -> impl IntoView {
    view! { <EvidencePanel project year /> }
}

/// A month's report's 佐证材料 in its 填报 row.
#[component]
pub fn LazyReport(project: String, month: Date) -> impl IntoView {
    view! { <ReportEvidence project month /> }
}

/// A kept photo at full size.
#[component]
pub fn LazyImage(a: Attachment) -> impl IntoView {
    view! { <StoredImage a /> }
}

/// Attaches files (`attach`), telling `done` what was refused.
pub fn attach_evidence(c: Ctx, project: String, month: Option<Date>, request: Option<String>, caption: String, files: Vec<web_sys::File>, done: Callback<Vec<String>>) {
    attach(c, project, month, request, caption, files, move |e| done.run(e));
}
