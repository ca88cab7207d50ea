//! 数据交换: export the ledger (all, or one unit's entries) as JSON, import departments' files with a
//! preview of what the merge adds and which conflicts arise, export the list as CSV, print; and the
//! entries that need the office's attention (conflicts, entries the plan lacks, unnamed units); 发布公开版
//! (`publish.rs`).

use super::download::{download_bytes, download_text, read_bytes_max};
use super::shared::{DropZone, FilePicker, UnitSelect};
use super::{env, signing};
use super::state::{ctx, Ctx, Level};
use super::xlsx_export::XlsxExport;
use crate::domain::csv_export::list_csv;
use crate::domain::evidence;
use crate::domain::exchange::{preview_merge, read_progress_file, set_aside, write_progress_file, MergePreview, PlanRef};
use crate::domain::ledger::Ledger;
use crate::domain::messages::{file_error, signature_error, signature_line, Note};
use crate::domain::seal;
use crate::domain::signature::{self, Jwk, Refusal, Verdict};
use leptos::prelude::*;
use leptos::task::spawn_local;
use corrupt::CorruptCopies;
use issues::Attention;
use keys::KeysPanel;
use preview::Preview;
use publish::PublishPanel;
use seals::SealsPanel;
use storage_panel::StoragePanel;

mod corrupt;
mod issues;
mod keys;
mod preview;
mod publish;
mod seals;
mod storage_panel;

fn stamp(c: Ctx) -> String {
    let _ = c;
    env::now_iso().chars().take(10).collect()
}

/// Exports the ledger (all of it, or one unit's records). The file names who exported it: the unit of
/// the scope, or the reporting unit chosen here (the office's file carries its reviews and rulings only
/// when it names the office).
/// With `with_files` and attachment records in the scope, the file is a bundle (a zip of the progress
/// file and the files this browser holds, by hash).
pub fn export_json(c: Ctx, unit: Option<String>, with_files: bool) {
    let plan = c.baseline.get_untracked();
    let exporter = unit.clone().or_else(|| Some(c.reporter.with_untracked(|r| r.unit.trim().to_string())).filter(|u| !u.is_empty()));
    let who = unit.clone().unwrap_or_else(|| "all".into());
    let stem = format!("minsheng-progress-{}-{who}-{}", plan.year, stamp(c));
    // Signed by this browser's key for the exporting unit, which first seals its records not sealed
    // before (签名记录, kept in the ledger); without WebCrypto (not https), unsigned after a warning.
    spawn_local(async move {
        // The attachment records are read just after the rest of the stored ledger: an export made in
        // that moment waits for them.
        c.evidence_read().await;
        let signer = exporter.clone().filter(|_| signing::available());
        if let Some(u) = &signer {
            if let Err(e) = seal_new_records(c, u).await {
                c.notify(Level::Error, Note::SignFailed(e));
                return;
            }
        }
        let ledger = c.ledger.with_untracked(|l| match &unit {
            Some(u) => l.for_unit(u),
            None => l.clone(),
        });
        let text = write_progress_file(&PlanRef::of(&plan), &ledger, &env::now_iso(), exporter.as_deref());
        let text = match (&signer, &exporter) {
            (Some(u), _) => match signing::sign(&text, u).await {
                Ok(signed) => signed,
                Err(e) => {
                    c.notify(Level::Error, Note::SignFailed(e));
                    return;
                }
            },
            (None, Some(_)) => {
                c.notify(Level::Warning, Note::UnsignedExport);
                text
            }
            (None, None) => text,
        };
        let hashes: Vec<String> = if with_files {
            let mut h: Vec<String> = evidence::attachments(&ledger).map(|a| a.hash).collect();
            crate::domain::order::sort_by(&mut h, Ord::cmp);
            h.dedup();
            h
        } else {
            Vec::new()
        };
        if hashes.is_empty() {
            download_text(&format!("{stem}.json"), "application/json", &text);
            return;
        }
        let mut files = Vec::new();
        for h in hashes {
            if let Some(bytes) = super::evidence::stored_bytes(&h).await {
                files.push((h, bytes));
            }
        }
        match evidence::write_bundle(&text, &files) {
            Ok(zip) => download_bytes(&format!("{stem}.zip"), "application/zip", &zip),
            Err(e) => c.notify(Level::Error, Note::WorkerFailed(e)),
        }
    });
}

/// Seals the records of `unit` that no seal of its covers yet: one signature over them, added to the
/// ledger (saved with it) so they keep the proof of who sent them wherever they go.
async fn seal_new_records(c: Ctx, unit: &str) -> Result<(), String> {
    let at = env::now_iso();
    let (ids, content) = c.ledger.with_untracked(|l| {
        let ids = seal::unsealed(l, unit);
        let content = (!ids.is_empty()).then(|| seal::content(l, unit, &at, &ids));
        (ids, content)
    });
    let Some(content) = content else { return Ok(()) };
    let content = content.map_err(|e| format!("{e:?}"))?;
    let (key, value) = signing::sign_content(&content, unit).await?;
    let made = seal::make(unit, &key, ids, value, &at);
    c.ledger.update(|l| seal::keep(l, &made));
    Ok(())
}

pub fn export_csv(c: Ctx) {
    let plan = c.plan.get_untracked();
    let csv = c.statuses.with_untracked(|s| {
        c.rows.with_untracked(|rows| list_csv(&plan, s, &c.ledger_view.get_untracked(), rows, c.report_date.get_untracked(), c.lang.get_untracked()))
    });
    download_text(&format!("minsheng-list-{}-{}.csv", plan.year, c.report_date.get_untracked()), "text/csv;charset=utf-8", &csv);
}

/// Prints the list: the print stylesheet turns it into an A4 landscape table.
pub fn print_list(c: Ctx) {
    c.update_view(|v| {
        v.view = crate::domain::view_state::View::List;
        v.project = None;
    });
    // Let the list render before the print dialog snapshots the page.
    let print = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    if let Some(w) = web_sys::window() {
        use wasm_bindgen::JsCast;
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(print.unchecked_ref(), 300);
    }
}

/// A bundle's files that match their hashes: (hash, bytes).
type BundleFiles = std::sync::Arc<Vec<(String, Vec<u8>)>>;

/// A file chosen for import, kept as read until it is merged or dropped (a key trusted meanwhile reads
/// it again).
#[derive(Clone)]
struct Incoming {
    name: String,
    text: String,
    /// A bundle's files that match their hashes.
    files: BundleFiles,
    /// The hashes of a bundle's files that did not: named once the file's records are read.
    set_aside: Vec<String>,
}

/// How a file chosen for import stands against the key ring, and what may be done about it.
#[derive(Clone)]
enum SignLine {
    Good(String),
    Bad(String),
    /// 信任此密钥 (`replace`: false) or 更换密钥 (true).
    Ask { line: String, unit: String, key: Jwk, replace: bool },
}

#[derive(Clone)]
pub(super) struct Pending {
    pub(super) preview: std::sync::Arc<MergePreview>,
    /// The files' own ledgers: merged into the ledger as it is when applied, not as it was previewed.
    pub(super) ledgers: std::sync::Arc<Vec<Ledger>>,
    pub(super) files: Vec<String>,
    pub(super) plan: String,
    /// The bundles' files, kept when the merge is applied.
    bundles: Vec<BundleFiles>,
}

#[component]
pub fn ExchangeView() -> impl IntoView {
    let c = ctx();
    let t = c.lang.get_untracked().t();
    let scope = RwSignal::new(String::new());
    let with_files = RwSignal::new(true);
    let errors = RwSignal::new(Vec::<String>::new());
    let pending = RwSignal::new(None::<Pending>);

    let incoming = RwSignal::new(Vec::<Incoming>::new());
    let key_version = RwSignal::new(0u64);
    let lines = RwSignal::new(Vec::<SignLine>::new());
    // Reads the files chosen against the key ring: verified and (by the setting) unsigned files go to
    // the preview; a unit's first key waits for 信任此密钥, a changed key for 更换密钥; the rest are refused.
    let check = move |unread: Vec<String>| {
        errors.set(Vec::new());
        lines.set(Vec::new());
        pending.set(None);
        spawn_local(async move {
            let lang = c.lang.get_untracked();
            let ring = signing::ring();
            let policy = signing::policy();
            let (mut good, mut names, mut errs, mut signs, mut bundles) = (Vec::new(), Vec::new(), unread, Vec::new(), Vec::new());
            for f in incoming.get_untracked() {
                let file = match read_progress_file(&f.text) {
                    Ok(file) => file,
                    Err(e) => {
                        errs.push(file_error(&f.name, &e, lang));
                        continue;
                    }
                };
                // A bundle's files set aside, each named as its record names it.
                for h in &f.set_aside {
                    let name = evidence::attachments(&file.ledger).find(|a| a.hash == *h).map_or_else(|| h.clone(), |a| a.name);
                    errs.push(crate::domain::messages::evidence_error(&crate::domain::messages::EvidenceError::Mismatch { name }, lang));
                }
                let mut signed = match signature::read(&f.text) {
                    Ok(s) => s,
                    Err(e) => {
                        signs.push(SignLine::Bad(signature_error(&f.name, &e, lang)));
                        continue;
                    }
                };
                if signed.signature.is_some() && !signing::available() {
                    signs.push(SignLine::Good((lang.t().sig_cannot_check)(&f.name)));
                    signed.signature = None;
                }
                let valid = signed.signature.is_some() && signing::verify(&signed).await;
                let verdict = ring.judge(&signed, file.exported_by.as_deref(), valid, policy);
                let line = signature_line(&f.name, &verdict, lang);
                match verdict {
                    Verdict::Verified { .. } | Verdict::Unsigned => signs.push(SignLine::Good(line)),
                    Verdict::FirstKey { unit, key, .. } => {
                        signs.push(SignLine::Ask { line, unit, key, replace: false });
                        continue;
                    }
                    Verdict::Refused(Refusal::NewKey { unit, .. }) => {
                        let key = signed.signature.map(|s| s.key).expect("a new key is a signed file's");
                        signs.push(SignLine::Ask { line, unit, key, replace: true });
                        continue;
                    }
                    Verdict::Refused(_) => {
                        signs.push(SignLine::Bad(line));
                        continue;
                    }
                }
                good.push(file);
                names.push(f.name);
                bundles.push(f.files.clone());
            }
            errors.set(errs);
            lines.set(signs);
            if !good.is_empty() {
                let plan = c.baseline.get_untracked();
                let aside = set_aside(&mut good, &c.office.get_untracked());
                let mut preview = c.ledger.with_untracked(|l| preview_merge(&plan, l, &good));
                preview.set_aside = aside;
                let ledgers = good.into_iter().map(|f| f.ledger).collect();
                pending.set(Some(Pending {
                    preview: std::sync::Arc::new(preview),
                    ledgers: std::sync::Arc::new(ledgers),
                    files: names,
                    plan: plan.id.clone(),
                    bundles,
                }));
            }
        });
    };
    let take_files = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        spawn_local(async move {
            let lang = c.lang.get_untracked();
            let mut read = Vec::new();
            let mut errs = Vec::new();
            for f in files {
                let bytes = match read_bytes_max(&f, evidence::BUNDLE.total as usize, lang).await {
                    Ok(b) => b,
                    Err(e) => {
                        errs.push(e);
                        continue;
                    }
                };
                match take_bytes(&f.name(), &bytes, lang) {
                    Err(e) => errs.push(e),
                    Ok(incoming) => read.push(incoming),
                }
            }
            incoming.set(read);
            check(errs);
        });
    };
    let answer = move |unit: String, key: Jwk| {
        let mut ring = signing::ring();
        ring.trust(&unit, &key, &env::now_iso(), &c.reporter.with_untracked(|r| r.unit.clone()));
        match signing::store_ring(&ring) {
            Ok(()) => {
                key_version.update(|v| *v += 1);
                check(Vec::new());
            }
            Err(_) => c.notify(Level::Error, Note::StorageFull),
        }
    };

    // A preview made for another plan is void.
    Effect::new(move |_| {
        let id = c.baseline.with(|p| p.id.clone());
        if pending.with_untracked(|p| p.as_ref().is_some_and(|p| p.plan != id)) {
            pending.set(None);
        }
    });
    let apply = move |_| {
        if let Some(p) = pending.get_untracked() {
            if c.plan.with_untracked(|plan| plan.id != p.plan) {
                pending.set(None);
                return;
            }
            // The bundles' files are kept first, then the records that point to them are merged.
            spawn_local(async move {
                let wanted: std::collections::HashSet<String> = p.ledgers.iter().flat_map(|l| evidence::attachments(l).map(|a| a.hash)).collect();
                if !keep_files(&p.bundles, &wanted).await {
                    c.notify(Level::Error, Note::StorageFull);
                }
                c.ledger.update(|l| {
                    for other in p.ledgers.iter() {
                        l.merge(other);
                    }
                });
                pending.set(None);
                incoming.set(Vec::new());
                lines.set(Vec::new());
                c.notify(Level::Info, Note::Merged { files: p.files.len(), entries: p.preview.new_entries });
            });
        }
    };

    let units = Memo::new(move |_| c.ledger.with(|l| l.units()));
    // A unit no longer in the ledger cannot stay chosen.
    Effect::new(move |_| {
        let s = scope.get();
        if !s.is_empty() && !units.with(|us| us.contains(&s)) {
            scope.set(String::new());
        }
    });

    view! {
        <section class="exchange" aria-labelledby="exchange-title">
            <h2 id="exchange-title" class="view-title">{t.view_exchange}</h2>
            <div class="card-grid">
                <section class="panel">
                    <h3>{t.export_title}</h3>
                    <p class="muted">{t.export_hint}</p>
                    <div class="row">
                        <UnitSelect
                            label=t.export_scope
                            none=t.scope_all
                            units=units
                            value=scope
                            on_change=Callback::new(move |u| scope.set(u))
                        />
                        <button class="button primary" on:click=move |_| {
                            let s = scope.get_untracked();
                            export_json(c, (!s.is_empty()).then_some(s), with_files.get_untracked());
                        }>{t.export_json}</button>
                    </div>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || with_files.get() on:change=move |ev| with_files.set(event_target_checked(&ev)) />
                        {t.evidence_include}
                    </label>
                    <div class="row">
                        <button class="button" on:click=move |_| export_csv(c)>{t.export_csv}</button>
                        <button class="button" on:click=move |_| print_list(c)>{t.print}</button>
                    </div>
                    <XlsxExport />
                    <p class="muted">
                        {move || (t.ledger_size)(c.ledger.with(|l| l.entries.len()))}
                    </p>
                </section>
                <DropZone class="panel dropzone" on_files=Callback::new(take_files)>
                    <h3>{t.import_title}</h3>
                    <p class="muted">{t.import_hint}</p>
                    <FilePicker
                        accept=".json,application/json,.zip,application/zip"
                        multiple=true
                        input_label=t.import_files
                        button_label=t.import
                        primary=true
                        on_files=Callback::new(take_files)
                    />
                    <ul class="file-errors" role="alert">
                        {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                    </ul>
                </DropZone>
            </div>
            {move || (!lines.with(Vec::is_empty)).then(|| view! {
                <ul class="sign-lines" aria-label=t.sig_list>
                    {lines.get().into_iter().map(|l| match l {
                        SignLine::Good(line) => view! { <li class="sign-good">{line}</li> }.into_any(),
                        SignLine::Bad(line) => view! { <li class="sign-bad" role="alert">{line}</li> }.into_any(),
                        SignLine::Ask { line, unit, key, replace } => view! {
                            <li class="sign-ask">
                                <span>{line}</span>
                                <button class="button" on:click=move |_| answer(unit.clone(), key.clone())>{if replace { t.replace_key } else { t.trust_key }}</button>
                            </li>
                        }.into_any(),
                    }).collect_view()}
                </ul>
            })}
            {move || pending.get().map(|p| view! { <Preview pending=p on_apply=Callback::new(apply) on_cancel=Callback::new(move |_| pending.set(None)) /> })}
            <KeysPanel version=key_version />
            <SealsPanel />
            <PublishPanel />
            <Attention />
            <CorruptCopies />
            <StoragePanel />
        </section>
    }
}

/// A chosen file as read: a bundle (zip: its progress file, the files matching their hashes and the
/// hashes of those that do not), or a progress file's text.
fn take_bytes(name: &str, bytes: &[u8], lang: crate::domain::messages::Lang) -> Result<Incoming, String> {
    if !evidence::is_zip(bytes) {
        let text = crate::domain::table::decode_text(bytes).map_err(|e| format!("{name}: {}", crate::domain::messages::table_error(&e, lang)))?;
        return Ok(Incoming { name: name.into(), text, files: Default::default(), set_aside: Vec::new() });
    }
    let bundle = evidence::read_bundle(bytes).map_err(|e| crate::domain::messages::bundle_error(name, &e, lang))?;
    let set_aside = bundle.set_aside.into_iter().map(|(h, _)| h).collect();
    Ok(Incoming { name: name.into(), text: bundle.progress, files: std::sync::Arc::new(bundle.files), set_aside })
}

/// Keeps the files of the bundles that a record points to (each under its hash, typed as what it is; one held already is left as
/// it is). False when storage refused one (full): what was kept stays.
async fn keep_files(bundles: &[BundleFiles], wanted: &std::collections::HashSet<String>) -> bool {
    for b in bundles {
        for (hash, bytes) in b.iter().filter(|(h, _)| wanted.contains(h)) {
            let mime = match evidence::sniff(bytes) {
                evidence::Sniffed::Pdf => "application/pdf",
                evidence::Sniffed::Webp => "image/webp",
                _ => "image/jpeg",
            };
            if super::evidence::store(hash, bytes, mime, None).await.is_err() {
                return false;
            }
        }
    }
    true
}
