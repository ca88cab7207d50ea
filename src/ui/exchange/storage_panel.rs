//! 浏览器存储: the space used and available, and persistent storage.

use super::super::state::ctx;
use super::super::{idb, storage};
use crate::domain::evidence;
use crate::domain::messages::bytes_text;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// 浏览器存储: the space used and available, and whether the browser keeps the data under pressure
/// (with a request for persistent storage when it does not).
#[component]
pub(super) fn StoragePanel() -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let space = RwSignal::new(None::<(f64, f64)>);
    let kept = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        // Measured again after each save.
        let _ = c.ledger.with(|l| l.entries.len());
        spawn_local(async move {
            let (s, p) = (storage::estimate().await, storage::persisted().await);
            let _ = space.try_set(s);
            let _ = kept.try_set(p);
        });
    });
    // 佐证材料: the files kept here, and those no record points to any more (removable).
    let files = RwSignal::new(None::<(usize, Vec<String>)>);
    let file_prefix = crate::domain::persist::key(&["file", ""]);
    // The files are shared by every list kept here: those another list's records point to are in use
    // too. Its stored texts (up to tens of MB each) are read for their hashes once while the panel is
    // shown, not at each change of this list, and again just before files are removed.
    let others = StoredValue::new_local(None::<std::rc::Rc<std::collections::HashSet<String>>>);
    let orphans_now = move |fresh: bool| {
        let prefix = file_prefix.clone();
        async move {
            let keys = idb::keys(&prefix).await.ok()?;
            let other = match others.try_get_value().flatten().filter(|_| !fresh) {
                Some(o) => o,
                None => {
                    let o = std::rc::Rc::new(other_lists_files(c.plan.with_untracked(|p| p.id.clone())).await?);
                    others.try_set_value(Some(o.clone()));
                    o
                }
            };
            let used: std::collections::HashSet<String> = c.ledger.with_untracked(|l| evidence::attachments(l).map(|a| a.hash).collect());
            let orphans: Vec<String> = keys.iter().filter_map(|k| k.strip_prefix(prefix.as_str())).filter(|h| !used.contains(*h) && !other.contains(*h)).map(str::to_string).collect();
            Some((keys.len(), orphans))
        }
    };
    let count = orphans_now.clone();
    Effect::new(move |_| {
        // Counted once the attachment records are in: before, every file would look unused.
        if c.evidence_loading.get() {
            return;
        }
        let _ = c.with_evidence(|l| l.evidence.len());
        let count = count.clone();
        spawn_local(async move {
            if let Some(found) = count(false).await {
                let _ = files.try_set(Some(found));
            }
        });
    });
    let remove = move |_| {
        if c.evidence_loading.get_untracked() {
            return;
        }
        let orphans_now = orphans_now.clone();
        spawn_local(async move {
            // What no list points to now (another tab may have kept files meanwhile).
            let Some((_, orphans)) = orphans_now(true).await else { return };
            let changes = orphans
                .iter()
                .flat_map(|h| [(super::super::evidence::file_key(h), None), (super::super::evidence::thumb_key(h), None)])
                .collect();
            let _ = idb::write(changes).await;
            if let Some(found) = orphans_now(false).await {
                let _ = files.try_set(Some(found));
            }
        });
    };
    // 佐证材料 settings, kept in this browser.
    let limits = RwSignal::new(super::super::evidence::settings());
    let change = move |f: &dyn Fn(&mut crate::domain::evidence::EvidenceLimits)| {
        let mut l = limits.get_untracked();
        f(&mut l);
        let l = l.checked();
        super::super::evidence::store_settings(&l);
        limits.set(l);
    };
    let number = move |ev: &leptos::ev::Event| event_target_value(ev).trim().parse::<u64>().unwrap_or(0);
    let ask = move |_| {
        spawn_local(async move {
            let granted = storage::persist().await;
            let _ = kept.try_set(granted);
        });
    };
    view! {
        <section class="panel storage-panel" aria-labelledby="storage-title">
            <h3 id="storage-title">{t.storage_title}</h3>
            <p role="status">{move || match space.get() {
                Some((used, quota)) => (t.storage_usage)(&bytes_text(used), &bytes_text(quota)),
                None => t.storage_unknown.to_string(),
            }}</p>
            {move || match kept.get() {
                Some(true) => view! { <p class="muted">{t.storage_persisted}</p> }.into_any(),
                _ => view! {
                    <p class="muted">{t.storage_not_persisted}</p>
                    <button class="button" on:click=ask>{t.storage_persist}</button>
                }.into_any(),
            }}
            {move || files.get().filter(|(n, _)| *n > 0).map(|(n, orphans)| view! {
                <p>{(t.storage_files)(n, orphans.len())}</p>
                {(!orphans.is_empty()).then(|| {
                    let remove = remove.clone();
                    view! { <button class="button" on:click=remove>{t.storage_remove_orphans}</button> }
                })}
            })}
            <details class="evidence-settings">
                <summary>{t.evidence_settings}</summary>
                <div class="row">
                    <label class="field">
                        <span class="field-label">{t.set_per_report}</span>
                        <input type="number" min="1" max="50" prop:value=move || limits.get().per_report.to_string()
                            on:change=move |ev| change(&|l| l.per_report = number(&ev) as usize) />
                    </label>
                    <label class="field">
                        <span class="field-label">{t.set_pdf_mb}</span>
                        <input type="number" min="1" max="64" prop:value=move || (limits.get().pdf_bytes >> 20).to_string()
                            on:change=move |ev| change(&|l| l.pdf_bytes = number(&ev) << 20) />
                    </label>
                    <label class="field">
                        <span class="field-label">{t.set_image_edge}</span>
                        <input type="number" min="640" max="4096" step="10" prop:value=move || limits.get().image_edge.to_string()
                            on:change=move |ev| change(&|l| l.image_edge = number(&ev) as u32) />
                    </label>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || limits.get().pull_all on:change=move |ev| change(&|l| l.pull_all = event_target_checked(&ev)) />
                        {t.set_pull_all}
                    </label>
                </div>
            </details>
        </section>
    }
}

/// The files the stored records of the lists other than `current` point to (their main and attachment
/// texts, read for their hashes only); `None` when one cannot be read.
async fn other_lists_files(current: String) -> Option<std::collections::HashSet<String>> {
    let ledgers = crate::domain::persist::key(&["ledger", ""]);
    let mut used = std::collections::HashSet::new();
    for k in idb::keys(&ledgers).await.ok()? {
        let rest = k.strip_prefix(ledgers.as_str()).unwrap_or_default();
        let plan = rest.strip_suffix("/evidence").unwrap_or(rest);
        if plan.contains('/') || plan == current {
            continue;
        }
        let text = idb::get(&k).await.ok()??;
        used.extend(evidence::hashes_in_text(&text).map(str::to_string));
    }
    Some(used)
}
