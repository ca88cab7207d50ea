//! 数据交换 → 密钥: this browser's key for the reporting unit (密钥指纹 as digits and a QR code, to compare
//! by phone), the keys trusted here (密钥清单: export it, load one collected ahead of time), the changes
//! made to them (更换记录), and the setting 未签名文件.

use super::super::download::{download_text, read_file};
use super::super::shared::{markup, FilePicker};
use super::super::state::{ctx, Level};
use super::super::{env, signing};
use crate::domain::markup::Markup;
use crate::domain::messages::{file_error, Note};
use crate::domain::publish::qr;
use crate::domain::signature::{digits, fingerprint, read_keys, write_keys, Unsigned};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn KeysPanel(
    /// Bumped when a key is trusted elsewhere in the view.
    version: RwSignal<u64>,
) -> impl IntoView {
    let c = ctx();
    let lang = c.lang.get_untracked();
    let t = lang.t();
    let unit = Memo::new(move |_| c.reporter.with(|r| r.unit.trim().to_string()));
    let own = RwSignal::new(None::<Option<String>>);
    let made = RwSignal::new(0u64);
    Effect::new(move |_| {
        let u = unit.get();
        let _ = made.get();
        if u.is_empty() || !signing::available() {
            own.set(None);
            return;
        }
        spawn_local(async move {
            let fp = signing::own_public(&u).await.map(|k| fingerprint(&k));
            let _ = own.try_set(Some(fp));
        });
    });
    let ring = Memo::new(move |_| {
        let _ = version.get();
        signing::ring()
    });
    let message = RwSignal::new(None::<String>);
    let make = move |_| {
        let u = unit.get_untracked();
        spawn_local(async move {
            match signing::make_key(&u).await {
                Ok(_) => made.update(|n| *n += 1),
                Err(e) => c.notify(Level::Error, Note::SignFailed(e)),
            }
        });
    };
    let export = move |_| {
        let text = write_keys(&ring.get_untracked(), &unit.get_untracked(), &env::now_iso());
        download_text(&format!("minsheng-keys-{}.json", env::now_iso().chars().take(10).collect::<String>()), "application/json", &text);
    };
    let load = move |files: Vec<web_sys::File>| {
        let Some(f) = files.into_iter().next() else { return };
        spawn_local(async move {
            let text = match read_file(&f, lang).await {
                Ok(t) => t,
                Err(e) => {
                    message.set(Some(e));
                    return;
                }
            };
            match read_keys(&text) {
                Ok(other) => {
                    let mut mine = signing::ring();
                    let differing = mine.load(&other);
                    match signing::store_ring(&mine) {
                        Ok(()) => {
                            message.set(Some((t.key_loaded)(mine.keys.len(), differing.len())));
                            version.update(|v| *v += 1);
                        }
                        Err(_) => c.notify(Level::Error, Note::StorageFull),
                    }
                }
                Err(e) => message.set(Some(file_error(&f.name(), &e, lang))),
            }
        });
    };
    let policy = RwSignal::new(signing::policy());
    view! {
        <section class="panel keys-panel" aria-labelledby="keys-title">
            <h3 id="keys-title">{t.keys_heading}</h3>
            <p class="muted">{t.keys_intro}</p>
            {move || {
                let u = unit.get();
                if u.is_empty() {
                    return view! { <p class="muted">{t.key_pick_unit}</p> }.into_any();
                }
                match own.get() {
                    None if !signing::available() => view! { <p class="muted">{t.n_unsigned_export}</p> }.into_any(),
                    None => ().into_any(),
                    Some(None) => view! {
                        <p class="muted">{t.key_none}</p>
                        <button class="button" on:click=make>{t.key_make}</button>
                    }.into_any(),
                    Some(Some(fp)) => {
                        let d = digits(&fp);
                        view! {
                            <figure class="own-key" aria-labelledby="own-key-label">
                                <div class="key-qr" role="img" aria-label=t.key_qr_alt use:markup=Markup::from(qr::image(&d))></div>
                                <figcaption>
                                    <span id="own-key-label" class="field-label">{(t.key_own)(&u)}</span>
                                    <output class="key-digits" aria-label=t.key_fingerprint>{d}</output>
                                </figcaption>
                            </figure>
                        }.into_any()
                    }
                }
            }}
            <h4>{t.key_list}</h4>
            {move || ring.with(|r| if r.keys.is_empty() {
                view! { <p class="muted">{t.key_list_empty}</p> }.into_any()
            } else {
                view! {
                    <table class="key-list" aria-label=t.key_list>
                        <thead><tr><th scope="col">{t.key_unit}</th><th scope="col">{t.key_fingerprint}</th><th scope="col">{t.key_trusted_at}</th></tr></thead>
                        <tbody>
                            {r.keys.iter().map(|k| view! {
                                <tr><th scope="row">{k.unit.clone()}</th><td class="key-digits">{digits(&k.fingerprint)}</td><td>{k.at.chars().take(10).collect::<String>()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
            <div class="row">
                <button class="button" on:click=export>{t.key_export}</button>
                <FilePicker accept=".json,application/json" input_label=t.key_import_label button_label=t.key_import on_files=Callback::new(load) />
            </div>
            <p role="status" class="muted">{move || message.get()}</p>
            {move || ring.with(|r| (!r.changes.is_empty()).then(|| view! {
                <h4>{t.key_changes}</h4>
                <ul class="key-changes" aria-label=t.key_changes>
                    {r.changes.iter().map(|ch| view! { <li>{(t.key_change_line)(&ch.unit, &digits(&ch.from), &digits(&ch.to), &ch.at.chars().take(10).collect::<String>())}</li> }).collect_view()}
                </ul>
            }))}
            <label class="field">
                <span class="field-label">{t.unsigned_policy}</span>
                <select aria-label=t.unsigned_policy on:change=move |ev| {
                    let p = if event_target_value(&ev) == "refuse" { Unsigned::Refuse } else { Unsigned::Accept };
                    signing::store_policy(p);
                    policy.set(p);
                }>
                    <option value="accept" selected=move || policy.get() == Unsigned::Accept>{t.unsigned_accept}</option>
                    <option value="refuse" selected=move || policy.get() == Unsigned::Refuse>{t.unsigned_refuse}</option>
                </select>
            </label>
        </section>
    }
}
